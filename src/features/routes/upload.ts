// "FlightHub: Upload Route File…": a .kmz or an unzipped route folder (zipped on the fly), validated
// first — errors block, warnings ask — then STS → S3 → finish-upload with a cancellable progress
// notification, and the new route revealed in the Flight Routes tree.
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import * as z from 'zod';
import { loadBundle } from '../../core/lazyBundle';
import type { Finding } from '../../routes/wpml/findings';
import { validateKmzFile } from '../../routes/kmzFile';
import { validateKmz } from '../../routes/wpml/validate';
import type { CommandFactory } from '../../ui/context';
import { UserCancelled } from '../../ui/run';

type UploadModule = typeof import('../../routes/upload/upload');

const uploadArg = z.looseObject({
  path: z.string().min(1),
  name: z.string().trim().min(1).max(200).optional(),
  /** Programmatic callers accept warnings and name clashes explicitly. */
  acceptWarnings: z.boolean().optional(),
  allowNameClash: z.boolean().optional(),
});

export const uploadRoute: CommandFactory = (ctx) => async (arg?: unknown) => {
  const t = vscode.l10n.t;
  const given = uploadArg.safeParse(arg);
  const target = given.success ? vscode.Uri.file(given.data.path) : await pickTarget(arg);
  const upload = loadBundle<UploadModule>(
    vscode.Uri.joinPath(ctx.services.context.extensionUri, 'dist').fsPath,
    'upload.js',
  );
  const { defaultName, source } = await readRoute(target, upload);
  const findings = 'file' in source ? await validateKmzFile(source.file) : validateKmz(source.kmz);
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    throw new Error(
      t('The route has {0} errors; nothing was uploaded. First: {1}', errors.length, describe(errors[0])),
    );
  }
  const warnings = findings.filter((f) => f.severity === 'warning');
  if (warnings.length > 0 && !(given.success && given.data.acceptWarnings)) {
    const go = t('Upload Anyway');
    const detail = warnings.slice(0, 5).map(describe).join('\n');
    const choice = await vscode.window.showWarningMessage(
      t('The route has {0} warnings.', warnings.length),
      { modal: true, detail },
      go,
    );
    if (choice !== go) throw new UserCancelled();
  }
  const name =
    (given.success ? given.data.name : undefined) ??
    (await vscode.window.showInputBox({
      title: t('Upload Route File'),
      prompt: t('Route name in FlightHub 2'),
      value: defaultName,
      validateInput: (v) => (v.trim() ? undefined : t('Enter a name.')),
    }));
  if (name === undefined) throw new UserCancelled();
  const api = await ctx.services.session.projectApi();
  const existing = (await api.waylines.list()).list.some((r) => r.name === name.trim());
  let allowNameClash = given.success && given.data.allowNameClash === true;
  if (existing && !allowNameClash) {
    const keep = t('Upload as Another Route');
    const choice = await vscode.window.showWarningMessage(
      t('A route named "{0}" already exists in this project.', name),
      { modal: true },
      keep,
    );
    if (choice !== keep) throw new UserCancelled();
    allowNameClash = true;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Uploading "{0}"', name), cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      let reported = 0;
      return upload.uploadRoute({
        api,
        name: name.trim(),
        ...source,
        signal: controller.signal,
        allowNameClash,
        onProgress: (sent, total) => {
          // Reported as parts land: the bar moves by whole percents.
          const percent = Math.floor((sent / Math.max(total, 1)) * 100);
          if (percent <= reported) return;
          progress.report({ increment: percent - reported, message: `${percent}%` });
          reported = percent;
        },
      });
    },
  );
  ctx.views.routes.invalidate();
  await ctx.views.routes.getChildren();
  const node = ctx.views.routes.find(result.uuid);
  if (node) await ctx.views.routesView.reveal(node, { select: true, focus: false });
  void vscode.window.showInformationMessage(t('Route "{0}" uploaded.', result.name));
  return result;
};

async function pickTarget(arg: unknown): Promise<vscode.Uri> {
  if (arg instanceof vscode.Uri) return arg;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && /wpmz[\\/](template\.kml|waylines\.wpml)$/.test(active.fsPath))
    return active;
  const picked = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Upload Route File'),
    canSelectFiles: true,
    canSelectFolders: true,
    filters: { 'KMZ route': ['kmz'] },
  });
  if (!picked?.[0]) throw new UserCancelled();
  return picked[0];
}

/**
 * A .kmz on disk is validated and streamed from there (never read whole: routes may carry large
 * resources); one from another file system is read into memory; a route folder (or a file inside its
 * wpmz/) is zipped on the fly.
 */
async function readRoute(
  uri: vscode.Uri,
  upload: UploadModule,
): Promise<{ defaultName: string; source: { file: string } | { kmz: Buffer } }> {
  const path = uri.fsPath;
  if (/\.kmz$/i.test(path)) {
    const defaultName = basename(path).replace(/\.kmz$/i, '');
    if (uri.scheme === 'file') return { defaultName, source: { file: path } };
    return { defaultName, source: { kmz: Buffer.from(await vscode.workspace.fs.readFile(uri)) } };
  }
  const root = /wpmz[\\/][^\\/]+$/.test(path) ? dirname(dirname(path)) : path;
  return { defaultName: basename(root), source: { kmz: await upload.kmzFromFolder(root) } };
}

function describe(f: Finding | undefined): string {
  if (!f) return '';
  const text = vscode.env.language.toLowerCase().startsWith('zh') ? f.message.zh : f.message.en;
  return `${f.file}:${f.line}:${f.column} ${text} [${f.rule}]`;
}
