// Start a reconstruction from a finished flight task's media folder (docs/api.md#models): the task
// from the Flight Tasks view (or `{uuid}`), a name and the model kind asked in two steps with Back,
// then `POST /model/create`. The Models view shows the new model and polls it while it is built.
import * as vscode from 'vscode';
import * as z from 'zod';
import type { ModelCreateBody } from '../../api/schemas/model';
import type { CommandFactory } from '../../ui/context';
import { parseArgs, resolveTask } from '../../ui/pickers';
import { TaskNode } from '../../ui/tree/nodes';
import { askNameAndKinds } from './askModel';
import { FINISHED_TASK_STATUSES } from './modelState';

type Kind = ModelCreateBody['reconstruction_type'];

const createArgs = z.looseObject({
  uuid: z.string().min(1),
  modelName: z.string().trim().min(1).max(200).optional(),
  kinds: z
    .array(z.enum(['model_2d', 'model_3d']))
    .min(1)
    .optional(),
  quality: z.enum(['high', 'medium', 'low']).optional(),
  /** Output coordinate system (docs/api.md#models); WGS 84 unless given. */
  wkt: z.string().min(1).optional(),
});

/** Returns `{id}` of the new model. */
export const createModelFromTask: CommandFactory = (ctx) => async (arg?: unknown) => {
  const given = parseArgs(createArgs, arg);
  const api = await ctx.services.session.projectApi();
  const title = vscode.l10n.t('Reconstruct Model from Task Media');
  const task = await resolveTask(ctx, api, arg, { title, statuses: FINISHED_TASK_STATUSES });
  if (task.status && !(FINISHED_TASK_STATUSES as readonly string[]).includes(task.status))
    throw new Error(
      vscode.l10n.t('Task "{0}" has not finished; its media cannot be reconstructed yet.', task.name),
    );
  const folderId =
    (arg instanceof TaskNode ? arg.task.folder_id : undefined) ??
    (await api.tasks.info(task.uuid)).folder_info?.folder_id;
  if (folderId === undefined || folderId === null)
    throw new Error(vscode.l10n.t('FlightHub 2 gave no media folder for task "{0}".', task.name));
  const answers = {
    name: given?.modelName ?? vscode.l10n.t('{0} model', task.name),
    kinds: given?.kinds ?? (['model_3d'] as Kind),
  };
  if (!given?.modelName || !given.kinds) await ask(title, answers);
  const body: ModelCreateBody = {
    name: answers.name,
    reconstruction_type: answers.kinds,
    // The values FlightHub 2's own client suggests: a fifth of the mesh, medium quality, nadir photos.
    simplified_factor: 0.2,
    task_folder_id: folderId,
    wkt: given?.wkt ?? 'EPSG:4326',
    quality_level: given?.quality ?? 'medium',
    reconstruction_mode: 'normal',
    generate_model_formats: ['b3dm', 'pnts'],
  };
  const created = await api.models.create(body);
  ctx.services.log.info(`model ${created.id} reconstruction started from task ${task.uuid}`);
  ctx.views.models.invalidate();
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Reconstruction "{0}" started; the Models view shows its progress.', body.name),
  );
  return { id: created.id };
};

function ask(title: string, answers: { name: string; kinds: Kind }): Promise<void> {
  return askNameAndKinds(
    title,
    answers,
    [
      { label: vscode.l10n.t('3D model'), kinds: ['model_3d'] },
      { label: vscode.l10n.t('2D map (orthomosaic)'), kinds: ['model_2d'] },
      { label: vscode.l10n.t('Both 2D map and 3D model'), kinds: ['model_2d', 'model_3d'] },
    ],
    200,
  );
}
