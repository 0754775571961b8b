// "Reconstruct from Photo Folder…" (docs/api.md#open-modeling): pick a folder, check it holds photos,
// ask a name and the kind, upload the photos with a cancellable progress notification, declare them
// (a resource) and start the reconstruction. The Models view's "Open modeling" group follows it.
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import * as z from 'zod';
import type { ReconstructionStartBody } from '../../api/schemas/openModel';
import type { CommandFactory } from '../../ui/context';
import { parseArgs } from '../../ui/pickers';
import { loadBundle } from '../../core/lazyBundle';
import { UserCancelled } from '../../ui/run';
import { askNameAndKinds } from './askModel';
import { checkPhotoFolder, type FolderCheck, type FolderEntry, hasPhotoExtension } from './modelState';

type Kind = '2d' | '3d' | '3dgs';

const reconstructArgs = z.looseObject({
  folder: z.string().min(1),
  modelName: z.string().trim().min(1).max(200).optional(),
  kinds: z
    .array(z.enum(['2d', '3d', '3dgs']))
    .min(1)
    .optional(),
});

/** Returns `{resourceUuid, models: [{uuid, type}]}`. */
export const reconstructFromPhotos: CommandFactory = (ctx) => async (arg?: unknown) => {
  const given = parseArgs(reconstructArgs, arg);
  const title = vscode.l10n.t('Reconstruct from Photo Folder');
  const folder = given?.folder ?? (await pickFolder(title));
  const check = checkPhotoFolder(await readFolder(folder));
  if (!check.ok) throw new Error(folderProblem(folder, check));
  const answers = { name: given?.modelName ?? basename(folder), kinds: given?.kinds ?? (['3d'] as Kind[]) };
  if (!given?.modelName || !given.kinds) await ask(title, answers);
  const api = await ctx.services.session.projectApi();
  const photos = check.photos.map((p) => ({ name: p.name, size: p.size }));
  const uploaded = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Uploading {0} photos for "{1}"…', photos.length, answers.name),
      cancellable: true,
    },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      let reported = 0;
      try {
        // The S3 client is in a bundle of its own, loaded on the first upload (esbuild.mjs).
        const { uploadPhotos } = loadBundle<typeof import('./photoUpload')>(
          vscode.Uri.joinPath(ctx.services.context.extensionUri, 'dist').fsPath,
          'photoUpload.js',
        );
        return await uploadPhotos({
          api,
          folder,
          photos,
          resourceName: answers.name,
          signal: abort.signal,
          onProgress: (sent, total, done) => {
            const percent = total > 0 ? (100 * sent) / total : 100;
            progress.report({
              increment: percent - reported,
              message: vscode.l10n.t('{0} of {1} photos', done, photos.length),
            });
            reported = percent;
          },
        });
      } catch (error) {
        if (abort.signal.aborted) throw new UserCancelled();
        throw error;
      } finally {
        sub.dispose();
      }
    },
  );
  ctx.services.log.info(
    `open modeling: ${photos.length} photos uploaded as resource ${uploaded.resourceUuid}`,
  );
  const body: ReconstructionStartBody = {
    resource_uuid: uploaded.resourceUuid,
    delete_resource_if_finish: false,
  };
  for (const kind of answers.kinds) body[`parameter_${kind}`] = parameters(kind);
  const started = await api.openModel.start(body);
  const models = Object.entries(started).flatMap(([type, m]) =>
    m && typeof m === 'object' && 'uuid' in m && typeof m.uuid === 'string' ? [{ uuid: m.uuid, type }] : [],
  );
  await ctx.views.models.remember(
    models.map((m) => ({ modelUuid: m.uuid, resourceUuid: uploaded.resourceUuid, name: answers.name })),
  );
  ctx.views.models.invalidate();
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Reconstruction "{0}" started; the Models view shows its progress.', answers.name),
  );
  return { resourceUuid: uploaded.resourceUuid, models };
};

/**
 * The DJI Terra cloud algorithm parameters, serialized as the API wants (docs/api.md#open-modeling):
 * photo positions used, medium feature density; everything else at the service's defaults.
 */
function parameters(kind: Kind): string {
  const parameter = { use_image_position: true, sfm_feature_quantity_level: 2 };
  const output = kind === '2d' ? {} : { generate_pnts: true };
  return JSON.stringify({ parameter: { ...parameter, ...output } });
}

async function pickFolder(title: string): Promise<string> {
  const picked = await vscode.window.showOpenDialog({
    title,
    canSelectFolders: true,
    canSelectFiles: false,
    openLabel: vscode.l10n.t('Use These Photos'),
  });
  const uri = picked?.[0];
  if (!uri) throw new UserCancelled();
  if (uri.scheme !== 'file') throw new Error(vscode.l10n.t('Photos can only be read from local folders.'));
  return uri.fsPath;
}

/** The folder's top-level entries, with the first bytes of files named like photos. */
async function readFolder(folder: string): Promise<FolderEntry[]> {
  const items = await readdir(folder, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR')
      throw new Error(vscode.l10n.t('{0} is not a folder.', folder));
    throw error;
  });
  return Promise.all(
    items.map(async (item) => {
      if (!item.isFile()) return { name: item.name, isFile: false, size: 0 };
      const path = join(folder, item.name);
      const { size } = await stat(path);
      if (!hasPhotoExtension(item.name) || size === 0) return { name: item.name, isFile: true, size };
      const handle = await open(path, 'r');
      try {
        const header = new Uint8Array(4);
        await handle.read(header, 0, 4, 0);
        return { name: item.name, isFile: true, size, header };
      } finally {
        await handle.close();
      }
    }),
  );
}

function folderProblem(folder: string, check: Extract<FolderCheck, { ok: false }>): string {
  switch (check.reason) {
    case 'empty':
      return vscode.l10n.t('{0} has no files to reconstruct from.', folder);
    case 'noPhotos':
      return vscode.l10n.t(
        '{0} has no photos: open modeling takes JPEG, PNG or TIFF files ({1} other files found).',
        folder,
        check.others,
      );
    case 'tooFew':
      return vscode.l10n.t(
        '{0} has only {1} photos; a reconstruction needs at least {2}.',
        folder,
        check.count,
        check.min,
      );
    case 'notImage':
      return vscode.l10n.t(
        'These files are named like photos but are not JPEG, PNG or TIFF images: {0}',
        check.names.slice(0, 5).join(', ') + (check.names.length > 5 ? ' …' : ''),
      );
  }
}

function ask(title: string, answers: { name: string; kinds: Kind[] }): Promise<void> {
  return askNameAndKinds(title, answers, [
    { label: vscode.l10n.t('3D model'), kinds: ['3d'] },
    { label: vscode.l10n.t('2D map (orthomosaic)'), kinds: ['2d'] },
    { label: vscode.l10n.t('3D Gaussian splatting (3DGS)'), kinds: ['3dgs'] },
    { label: vscode.l10n.t('Both 2D map and 3D model'), kinds: ['2d', '3d'] },
  ]);
}
