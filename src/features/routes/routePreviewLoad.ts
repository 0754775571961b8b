// Where a previewed route comes from and how it is read: a .kmz file, an unzipped route folder
// (`<dir>/wpmz/template.kml` + `waylines.wpml`, or one of those files), or a route of the project,
// downloaded like Download Route does. Reading goes through the route model and the validator once:
// the model when it can be built, every finding either way.
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import * as z from 'zod';
import type { Services } from '../../services/services';
import { routeTarget } from '../../ui/args';
import { fetchRouteKmz } from './commands';
import { UserCancelled } from '../../ui/run';
import type { Finding } from '../../routes/wpml/findings';
import { isRouteFolder, readRouteFolder } from '../../routes/folder';
import { storedKmz, validateKmz, validateRouteFiles, validateRouteModel } from '../../routes/wpml/validate';
import { readRouteModel, RouteError, type RouteModel } from '../../routes/wpml/wpml';
import type { PanelBinding } from '../../webviews/binding';
import type { RouteSource } from '../../webviews/routePreview/protocol';

export interface LoadedRoute {
  readonly name: string;
  readonly model?: RouteModel;
  readonly findings: readonly Finding[];
}

const pathArg = z.looseObject({ path: z.string().min(1) });

/**
 * The route a command argument names, or the active route file, or one the person picks. A project's
 * route is bound to the active connection and project (`bind`).
 */
export async function sourceFromArg(arg: unknown, bind: () => PanelBinding): Promise<RouteSource> {
  if (arg instanceof vscode.Uri) return fileSource(arg);
  const path = pathArg.safeParse(arg);
  if (path.success) return fileSource(vscode.Uri.file(path.data.path));
  if (arg !== undefined) {
    const route = routeTarget(arg);
    if (!route)
      throw new Error(
        vscode.l10n.t(
          'Expected a .kmz file, a route folder, a route from the Flight Routes view or {0}.',
          '{ path }',
        ),
      );
    return { kind: 'remote', id: route.id, name: route.name ?? route.id, binding: bind() };
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && /\.(kmz|kml|wpml)$/i.test(active.path)) return fileSource(active);
  const picked = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Preview Route'),
    canSelectFiles: true,
    canSelectFolders: true,
    filters: { [vscode.l10n.t('KMZ route')]: ['kmz'] },
  });
  if (!picked?.[0]) throw new UserCancelled();
  return fileSource(picked[0]);
}

/** A .kmz as it is; a file inside `wpmz/` means its route folder; a folder must hold `wpmz/`. */
function fileSource(uri: vscode.Uri): RouteSource {
  // A route file opened inside a KMZ through the KMZ file system (`flighthub-kmz:/<name>/<entry>?<kmz
  // URI>`, the archive's own URI in the query): preview that KMZ.
  if (uri.scheme === 'flighthub-kmz' && uri.query) return fileSource(vscode.Uri.parse(uri.query, true));
  let target = uri;
  if (!/\.kmz$/i.test(uri.path) && /\.(kml|wpml)$/i.test(uri.path)) {
    if (basename(dirname(uri.path)) !== 'wpmz')
      throw new Error(vscode.l10n.t('{0} is not inside the wpmz folder of a route.', basename(uri.path)));
    target = uri.with({ path: dirname(dirname(uri.path)) });
  } else if (basename(uri.path) === 'wpmz') {
    target = uri.with({ path: dirname(uri.path) });
  }
  return { kind: 'file', uri: target.toString(), label: vscode.workspace.asRelativePath(target, false) };
}

export function sourceKey(source: RouteSource): string {
  if (source.kind === 'file') return `file:${source.uri}`;
  return `remote:${source.binding.connectionId}/${source.binding.projectUuid}/${source.id}`;
}

export function sourceName(source: RouteSource): string {
  if (source.kind === 'remote') return source.name;
  return basename(vscode.Uri.parse(source.uri).path).replace(/\.kmz$/i, '');
}

export async function loadRoute(services: Services, source: RouteSource): Promise<LoadedRoute> {
  if (source.kind === 'remote') {
    const api = await services.session.apiFor(source.binding);
    const { name, bytes } = await fetchRouteKmz(api, source.id);
    return { name, ...readKmz(Buffer.from(bytes)) };
  }
  const uri = vscode.Uri.parse(source.uri);
  const name = sourceName(source);
  if (/\.kmz$/i.test(uri.path))
    return { name, ...readKmz(Buffer.from(await vscode.workspace.fs.readFile(uri))) };
  if (!(await isRouteFolder(uri.fsPath)))
    throw new Error(vscode.l10n.t('{0} has no wpmz folder: it is not a route folder.', source.label));
  const files = await readRouteFolder(uri.fsPath);
  if (files.templateKml && files.waylinesWpml) {
    const read = readModel(storedKmz(files));
    if (read) return { name, ...read };
  }
  return { name, findings: validateRouteFiles(files) };
}

function readKmz(kmz: Buffer): Omit<LoadedRoute, 'name'> {
  return readModel(kmz) ?? { findings: validateKmz(kmz) };
}

/** The model and its findings, or undefined when the files cannot be read (the caller validates them). */
function readModel(kmz: Buffer): Omit<LoadedRoute, 'name'> | undefined {
  try {
    const model = readRouteModel(kmz);
    return { model, findings: validateRouteModel(model) };
  } catch (error) {
    if (RouteError.is(error)) return undefined;
    throw error;
  }
}

/** Watches the route's files on disk: the .kmz itself, or everything under the folder's `wpmz/`. */
export function watchSource(source: RouteSource, onChange: () => void): vscode.Disposable | undefined {
  if (source.kind !== 'file') return undefined;
  const uri = vscode.Uri.parse(source.uri);
  const pattern = /\.kmz$/i.test(uri.path)
    ? new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), basename(uri.path))
    : new vscode.RelativePattern(uri, 'wpmz/**');
  const watcher = vscode.workspace.createFileSystemWatcher(pattern);
  // Editors save in bursts (write, rename, touch): one reload per burst.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, 150);
  };
  const subscriptions = [
    watcher,
    watcher.onDidChange(changed),
    watcher.onDidCreate(changed),
    watcher.onDidDelete(changed),
  ];
  return new vscode.Disposable(() => {
    clearTimeout(timer);
    for (const s of subscriptions) s.dispose();
  });
}
