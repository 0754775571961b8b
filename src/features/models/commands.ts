// Model commands (docs/api.md#models): details as a read-only document, the model file saved through a
// save dialog by the media download manager (a `.part` file renamed when complete, cancellable), and a
// reconstruction started from a finished flight task's media folder.
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import * as z from 'zod';
import type { ProjectApi } from '../../api/projectApi';
import { sanitizeFileName } from '../../core/fileName';
import type { CommandFactory } from '../../ui/context';
import { parseArgs } from '../../ui/pickers';
import { UserCancelled } from '../../ui/run';
import { downloadMedia } from '../media/download';
import { modelPhase } from './modelState';
import { ModelNode, type Model } from './modelsView';

const modelInput = z.looseObject({ id: z.number().int() });

/** The model named by a node or `{id}`, else the one the person picks (`readyOnly`: built ones). */
async function resolveModel(
  api: ProjectApi,
  arg: unknown,
  title: string,
  readyOnly: boolean,
): Promise<Model> {
  const { list } = await api.models.list();
  if (arg !== undefined) {
    const id = arg instanceof ModelNode ? arg.model.id : modelInput.safeParse(arg).data?.id;
    if (id === undefined)
      throw new Error(vscode.l10n.t('Expected a model from the Models view or an object with "id".'));
    const found = list.find((m) => m.id === id);
    if (!found) throw new Error(vscode.l10n.t('Model {0} is not in the active project.', id));
    return found;
  }
  const candidates = list.filter((m) => !readyOnly || modelPhase(m) === 'ready');
  if (!candidates.length) throw new Error(vscode.l10n.t('The active project has no finished model.'));
  const pick = await vscode.window.showQuickPick(
    candidates.map((m) => ({ label: m.name, description: String(m.id), m })),
    { title },
  );
  if (!pick) throw new UserCancelled();
  return pick.m;
}

export const showModelDetails: CommandFactory = (ctx) => async (arg?: unknown) => {
  const api = await ctx.services.session.projectApi();
  const m = await resolveModel(api, arg, vscode.l10n.t('Show Model Details'), false);
  const detail = await api.models.detail(m.id);
  await ctx.docs.show(`${detail.name} model`, detail);
  return detail;
};

const downloadArgs = z.looseObject({
  /** Where to save (skips the save dialog); an existing file is replaced. */
  path: z.string().min(1).optional(),
});

/** Returns the path of the saved file. */
export const downloadModel: CommandFactory = (ctx) => async (arg?: unknown) => {
  const given = parseArgs(downloadArgs, arg);
  const api = await ctx.services.session.projectApi();
  const m = await resolveModel(api, arg, vscode.l10n.t('Download Model File'), true);
  const url = await fileUrl(api, m);
  const target = given?.path ?? (await askTarget(m, url));
  const report = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Downloading model "{0}"…', m.name),
      cancellable: true,
    },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      let bytes = 0;
      try {
        return await downloadMedia([{ uuid: String(m.id), fileName: basename(target), url }], {
          folder: dirname(target),
          concurrency: 1,
          signal: abort.signal,
          // Signed links expire: ask for a fresh one instead of failing.
          refreshUrls: async () => new Map([[String(m.id), await fileUrl(api, m)]]),
          onBytes: (n) => {
            bytes += n;
            progress.report({ message: `${(bytes / 1024 / 1024).toFixed(1)} MB` });
          },
        });
      } finally {
        sub.dispose();
      }
    },
  );
  if (report.cancelled) throw new UserCancelled();
  const failed = report.failed[0];
  if (failed) throw new Error(vscode.l10n.t('Downloading the model failed: {0}', failed.error));
  ctx.services.log.info(`model ${m.id} saved (${report.bytes} bytes)`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Model "{0}" saved to {1}.', m.name, target));
  return target;
};

async function fileUrl(api: ProjectApi, m: Model): Promise<string> {
  // A model has one file whose id is the model's (docs/api.md#model-files).
  const { url } = await api.models.downloadUrl(m.id);
  if (!url)
    throw new Error(
      vscode.l10n.t('Model "{0}" is still being reconstructed; download it once it is ready.', m.name),
    );
  return url;
}

async function askTarget(m: Model, url: string): Promise<string> {
  // The file's own extension (obj, zip…) from the signed link's path.
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(new URL(url).pathname)?.[1] ?? 'zip';
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = sanitizeFileName(m.name, ext, { fallback: 'model' });
  const picked = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Download Model File'),
    saveLabel: vscode.l10n.t('Save Model'),
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
  });
  if (!picked) throw new UserCancelled();
  if (picked.scheme !== 'file') throw new Error(vscode.l10n.t('Models can only be saved to local files.'));
  return picked.fsPath;
}
