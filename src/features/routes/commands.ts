// Route commands (docs/api.md#route-details): details as a readable page or a read-only JSON document,
// and the KMZ fetched from its presigned `download_url` into the workspace: checked to be a zip, written
// under a temporary name, then renamed.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import * as z from 'zod';
import type { ProjectApi } from '../../api/projectApi';
import { sanitizeFileName } from '../../core/fileName';
import type { CommandFactory } from '../../ui/context';
import { parseArgs, resolveRoute } from '../../ui/pickers';
import { UserCancelled } from '../../ui/run';
import { routeDetailsModel } from './routeDetails';

/** Local file header signature of a zip (a KMZ is a zip). */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** Routes are kilobytes to a few megabytes; this only stops a wrong URL from filling memory. */
const MAX_BYTES = 200 * 1024 * 1024;

/** Resolves with what the readable page shows (its title, sections and actions). */
export const showRouteDetails: CommandFactory = (ctx) => async (arg?: unknown) => {
  const api = await ctx.services.session.projectApi();
  const route = await resolveRoute(api, arg, vscode.l10n.t('Show Route Details'));
  const model = routeDetailsModel(await api.waylines.detail(route.id));
  ctx.details.show(`route:${route.id}`, model);
  return model;
};

export const showRouteDetailsJson: CommandFactory = (ctx) => async (arg?: unknown) => {
  const api = await ctx.services.session.projectApi();
  const route = await resolveRoute(api, arg, vscode.l10n.t('Open Route Details as JSON'));
  const detail = await api.waylines.detail(route.id);
  await ctx.docs.show(`${detail.name} route`, detail);
  return detail;
};

const downloadArgs = z.looseObject({
  /** Folder to save into (default: the first workspace folder). */
  folder: z.string().min(1).optional(),
  /** When the file exists: true replaces it, otherwise ` (2)` is added. Never silent for people. */
  overwrite: z.boolean().optional(),
});

/** Returns the path of the written file. */
export const downloadRoute: CommandFactory = (ctx) => async (arg?: unknown) => {
  const given = parseArgs(downloadArgs, arg);
  const api = await ctx.services.session.projectApi();
  const route = await resolveRoute(api, arg, vscode.l10n.t('Download Route'));
  const detail = await api.waylines.detail(route.id);
  if (!detail.download_url)
    throw new Error(vscode.l10n.t('FlightHub 2 gave no download link for route "{0}".', detail.name));
  const folder = await targetFolder(given?.folder);
  const wanted = vscode.Uri.joinPath(folder, sanitizeFileName(detail.name, 'kmz', { fallback: 'route' }));
  const target = await chooseTarget(wanted, given ? (given.overwrite ?? false) : 'ask');
  const bytes = await downloadWithProgress(detail.name, detail.download_url);
  const written = await writeViaTemp(target.uri, bytes, target.overwrite);
  ctx.services.log.info(`route ${route.id} saved (${bytes.length} bytes)`);
  const path = written.scheme === 'file' ? written.fsPath : written.toString();
  void vscode.window.showInformationMessage(vscode.l10n.t('Route "{0}" saved to {1}.', detail.name, path));
  return path;
};

/**
 * A route's KMZ in memory, through the same checked download as Download Route (the route preview and
 * the trajectory's planned route use it). Cancelling the progress notification cancels the download.
 */
export async function fetchRouteKmz(
  api: ProjectApi,
  routeId: string,
): Promise<{ name: string; bytes: Uint8Array }> {
  const detail = await api.waylines.detail(routeId);
  if (!detail.download_url)
    throw new Error(vscode.l10n.t('FlightHub 2 gave no download link for route "{0}".', detail.name));
  return { name: detail.name, bytes: await downloadWithProgress(detail.name, detail.download_url) };
}

function downloadWithProgress(name: string, url: string): Promise<Uint8Array> {
  return Promise.resolve(
    vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Downloading route "{0}"…', name),
        cancellable: true,
      },
      (_progress, token) => download(url, token),
    ),
  );
}

async function targetFolder(given: string | undefined): Promise<vscode.Uri> {
  if (given) {
    const uri = vscode.Uri.file(given);
    const stat = await vscode.workspace.fs.stat(uri).then(
      (s) => s,
      () => undefined,
    );
    if (!stat || !(stat.type & vscode.FileType.Directory))
      throw new Error(vscode.l10n.t('{0} is not a folder.', given));
    return uri;
  }
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (workspace) return workspace;
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    openLabel: vscode.l10n.t('Save Route Here'),
    title: vscode.l10n.t('Download Route'),
  });
  if (!picked?.[0]) throw new UserCancelled();
  return picked[0];
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

/** `name (2).kmz`, `name (3).kmz`… the first that does not exist. */
async function freeName(uri: vscode.Uri): Promise<vscode.Uri> {
  const folder = vscode.Uri.joinPath(uri, '..');
  const base = uri.path.slice(uri.path.lastIndexOf('/') + 1).replace(/\.kmz$/, '');
  for (let n = 2; ; n++) {
    const candidate = vscode.Uri.joinPath(folder, `${base} (${n}).kmz`);
    if (!(await exists(candidate))) return candidate;
  }
}

/** People are asked (Replace / Keep Both); programs say `overwrite` or get a new name. */
async function chooseTarget(
  uri: vscode.Uri,
  policy: boolean | 'ask',
): Promise<{ uri: vscode.Uri; overwrite: boolean }> {
  if (!(await exists(uri))) return { uri, overwrite: false };
  let replace = policy === true;
  if (policy === 'ask') {
    const [yes, both] = [vscode.l10n.t('Replace'), vscode.l10n.t('Keep Both')];
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} already exists.', name),
      { modal: true },
      yes,
      both,
    );
    if (!choice) throw new UserCancelled();
    replace = choice === yes;
  }
  return replace ? { uri, overwrite: true } : { uri: await freeName(uri), overwrite: false };
}

async function download(url: string, token: vscode.CancellationToken): Promise<Uint8Array> {
  const cancel = new AbortController();
  const subscription = token.onCancellationRequested(() => cancel.abort());
  try {
    const signal = AbortSignal.any([cancel.signal, AbortSignal.timeout(120_000)]);
    // Node's built-in fetch: a presigned GET needs nothing more, and it costs the bundle nothing.
    const res = await fetch(url, { signal });
    if (res.status !== 200 || !res.body) {
      await res.body?.cancel();
      throw new Error(
        vscode.l10n.t(
          'Downloading the route failed (HTTP {0}). The link may have expired: try again.',
          res.status,
        ),
      );
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      const buffer = Buffer.from(chunk);
      size += buffer.length;
      if (size > MAX_BYTES)
        throw new Error(
          vscode.l10n.t('The route file is larger than {0} MB; not saved.', MAX_BYTES / 1024 / 1024),
        );
      chunks.push(buffer);
    }
    const bytes = Buffer.concat(chunks);
    if (!ZIP_MAGIC.every((b, i) => bytes[i] === b))
      throw new Error(vscode.l10n.t('The downloaded route is not a KMZ (zip) file; nothing was saved.'));
    return bytes;
  } catch (error) {
    if (cancel.signal.aborted) throw new UserCancelled();
    throw error;
  } finally {
    subscription.dispose();
  }
}

/** A half-written file never carries the route's name: write a temporary file, then rename it. */
async function writeViaTemp(target: vscode.Uri, bytes: Uint8Array, overwrite: boolean): Promise<vscode.Uri> {
  const fs = vscode.workspace.fs;
  const temp = vscode.Uri.joinPath(target, '..', `.flighthub-${randomUUID()}.kmz.part`);
  await fs.writeFile(temp, bytes);
  try {
    let uri = target;
    for (let attempt = 0; ; attempt++) {
      try {
        await fs.rename(temp, uri, { overwrite });
        return uri;
      } catch (error) {
        // Someone created the file meanwhile: take the next free name instead of replacing theirs.
        if (
          overwrite ||
          attempt >= 5 ||
          !(error instanceof vscode.FileSystemError && error.code === 'FileExists')
        )
          throw error;
        uri = await freeName(target);
      }
    }
  } finally {
    if (await exists(temp)) await fs.delete(temp).then(undefined, () => undefined);
  }
}
