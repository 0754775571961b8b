// "Download Task Media": all or some of a task's media into a folder the person picks (tests pass the
// folder), with a cancellable progress notification. Expired links are refreshed by fetching the media
// list again; files already complete are skipped; a cancelled run leaves `.part` files to resume.
import * as vscode from 'vscode';
import * as z from 'zod';
import type { ProjectApi } from '../../api/projectApi';
import type { Media } from '../../api/schemas/task';
import type { CommandFactory } from '../../ui/context';
import { parseArgs, resolveTask } from '../../ui/pickers';
import { UserCancelled } from '../../ui/run';
import type { Services } from '../../services/services';
import { downloadMedia, type DownloadReport } from './download';
import { downloadItems, urlMap } from './items';

const downloadOptions = z.looseObject({
  /** Only these media (default: all). */
  uuids: z.array(z.string().min(1)).max(10_000).optional(),
  /** The project the task belongs to (default: the active project). */
  projectUuid: z.string().min(1).optional(),
});

export function downloadConcurrency(): number {
  const value = vscode.workspace.getConfiguration('flighthub.media').get<number>('downloadConcurrency', 4);
  return Number.isInteger(value) && value >= 1 ? Math.min(value, 16) : 4;
}

/** Args: (task node or `{uuid}`, folder Uri or path?, `{uuids?, projectUuid?}`?). Returns the report. */
export const downloadTaskMedia: CommandFactory =
  (ctx) => async (taskArg?: unknown, folderArg?: unknown, optionsArg?: unknown) => {
    const options = parseArgs(downloadOptions, optionsArg);
    const api = options?.projectUuid
      ? (await ctx.services.session.client()).project(options.projectUuid)
      : await ctx.services.session.projectApi();
    const task = await resolveTask(ctx, api, taskArg, { title: vscode.l10n.t('Download Task Media') });
    const folder = folderArg === undefined ? await pickFolder() : await checkFolder(folderArg);
    return runMediaDownload(
      ctx.services,
      api,
      task,
      folder,
      options?.uuids ? { only: new Set(options.uuids) } : {},
    );
  };

export async function pickFolder(): Promise<string> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: vscode.l10n.t('Download Here'),
    title: vscode.l10n.t('Folder for the task media'),
  });
  const uri = picked?.[0];
  if (!uri) throw new UserCancelled();
  return uri.fsPath;
}

async function checkFolder(arg: unknown): Promise<string> {
  const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.file(arg) : undefined;
  if (!uri || uri.scheme !== 'file')
    throw new Error(vscode.l10n.t('Expected a local folder to download into.'));
  const stat = await vscode.workspace.fs.stat(uri).then(
    (s) => s,
    () => undefined,
  );
  if (!stat || !(stat.type & vscode.FileType.Directory))
    throw new Error(vscode.l10n.t('{0} is not a folder.', uri.fsPath));
  return uri.fsPath;
}

export interface RunOptions {
  /** Only these media (default: all). */
  readonly only?: ReadonlySet<string>;
  /** The media list the caller already has (the gallery's); fetched when absent. Stale links are fine. */
  readonly list?: readonly Media[];
  readonly onProgress?: (done: number, total: number, running: boolean) => void;
}

export async function runMediaDownload(
  services: Services,
  api: ProjectApi,
  task: { uuid: string; name: string },
  folder: string,
  { only, list: given, onProgress }: RunOptions = {},
): Promise<DownloadReport> {
  // The list call is the slow part at 10,000 media; expired links in a given list are refreshed below.
  const list = given ?? (await api.tasks.media(task.uuid)).list;
  const { items, missing } = downloadItems(list, only);
  if (items.length === 0 && missing.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Task "{0}" has no media to download.', task.name),
    );
    return { saved: [], skipped: [], failed: [], cancelled: false, bytes: 0 };
  }
  const total = items.length;
  let done = 0;
  onProgress?.(0, total, true);
  const report = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Downloading media of "{0}"', task.name),
      cancellable: true,
    },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        return await downloadMedia(items, {
          folder,
          concurrency: downloadConcurrency(),
          signal: abort.signal,
          refreshUrls: async () => {
            services.log.info(`media links of task ${task.uuid} expired; fetching the list again`);
            return urlMap((await api.tasks.media(task.uuid)).list);
          },
          onFile: () => {
            done++;
            progress.report({
              increment: 100 / total,
              message: vscode.l10n.t('{0} of {1} files', done, total),
            });
            onProgress?.(done, total, true);
          },
        });
      } finally {
        sub.dispose();
      }
    },
  );
  onProgress?.(done, total, false);
  const failed = [...report.failed, ...missing.map((fileName) => ({ fileName, error: 'no download link' }))];
  services.log.info(
    `media of task ${task.uuid}: ${report.saved.length} saved, ${report.skipped.length} skipped, ${failed.length} failed${report.cancelled ? ', cancelled' : ''}`,
  );
  for (const f of failed.slice(0, 20)) services.log.error(`media download: ${f.error}`);
  if (report.cancelled)
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Download cancelled: {0} files saved. Run it again to resume the rest.',
        report.saved.length,
      ),
    );
  else if (failed.length > 0)
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        '{0} of {1} files could not be downloaded; see the log. Run it again to resume.',
        failed.length,
        total + missing.length,
      ),
    );
  else
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        '{0} files saved, {1} already there, in {2}.',
        report.saved.length,
        report.skipped.length,
        folder,
      ),
    );
  return { ...report, failed };
}
