// Commands on an open-modeling reconstruction (docs/api.md#open-modeling): details (the model and its
// resource) as a read-only document, Stop (the image quota is refunded), and Delete model / Delete
// resource. Stopping and deleting ask first, in a modal, through the safety gate's prompt (tests answer
// it); nothing here moves an aircraft, so nothing is fenced or audited.
import * as vscode from 'vscode';
import * as z from 'zod';
import type { ProjectApi } from '../../api/projectApi';
import type { CommandContext, CommandFactory } from '../../ui/context';
import { UserCancelled } from '../../ui/run';
import { OPEN_MODEL_TYPES, isOpenModelActive } from './modelState';
import { OpenModelNode, type OpenModel } from './modelsView';

const openModelInput = z.looseObject({ uuid: z.string().min(1) });

interface Target {
  readonly model: OpenModel;
  readonly label: string;
}

/** The reconstruction named by a node or `{uuid}`, else one the person picks among the view's. */
async function resolveOpenModel(
  ctx: CommandContext,
  api: ProjectApi,
  arg: unknown,
  title: string,
): Promise<Target> {
  let uuid: string | undefined;
  if (arg instanceof OpenModelNode) uuid = arg.model.model_uuid;
  else if (arg !== undefined) {
    uuid = openModelInput.safeParse(arg).data?.uuid;
    if (!uuid)
      throw new Error(
        vscode.l10n.t('Expected a reconstruction from the Models view or an object with "uuid".'),
      );
  } else {
    const known = ctx.views.models.known();
    const running = (await api.openModel.running()).list.map((m) => m.model_uuid);
    const uuids = [...new Set([...running, ...known.map((k) => k.modelUuid)])];
    if (!uuids.length) throw new Error(vscode.l10n.t('There is no open-modeling reconstruction.'));
    const pick = await vscode.window.showQuickPick(
      uuids.map((u) => ({ label: known.find((k) => k.modelUuid === u)?.name ?? u, description: u, u })),
      { title },
    );
    if (!pick) throw new UserCancelled();
    uuid = pick.u;
  }
  const model = await api.openModel.model(uuid);
  const name = ctx.views.models.known().find((k) => k.modelUuid === uuid)?.name;
  const type = OPEN_MODEL_TYPES[model.model_type] ?? String(model.model_type);
  return { model, label: name ? `${name} (${type})` : `${type} ${uuid}` };
}

async function confirm(ctx: CommandContext, message: string, detail: string, label: string): Promise<void> {
  if (!(await ctx.services.safety.ask(message, detail, label))) throw new UserCancelled();
}

export const showOpenModelDetails: CommandFactory = (ctx) => async (arg?: unknown) => {
  const api = await ctx.services.session.projectApi();
  const t = await resolveOpenModel(ctx, api, arg, vscode.l10n.t('Show Model Details'));
  const resource = t.model.resource_uuid
    ? await api.openModel.resource(t.model.resource_uuid).catch(() => undefined)
    : undefined;
  const detail = { model: t.model, resource };
  await ctx.docs.show(`${t.label} open model`, detail);
  return detail;
};

export const stopOpenModel: CommandFactory = (ctx) => async (arg?: unknown) => {
  const api = await ctx.services.session.projectApi();
  const t = await resolveOpenModel(ctx, api, arg, vscode.l10n.t('Stop Reconstruction'));
  if (!isOpenModelActive(t.model))
    throw new Error(vscode.l10n.t('"{0}" is not being reconstructed.', t.label));
  const stop = vscode.l10n.t('Stop');
  await confirm(
    ctx,
    vscode.l10n.t('Stop reconstructing "{0}"?', t.label),
    vscode.l10n.t('The work done so far is lost; the photo quota is refunded.'),
    stop,
  );
  await api.openModel.stop(t.model.model_uuid);
  ctx.views.models.invalidate();
  return true;
};

export const deleteOpenModel: CommandFactory = (ctx) => async (arg?: unknown) => {
  const api = await ctx.services.session.projectApi();
  const t = await resolveOpenModel(ctx, api, arg, vscode.l10n.t('Delete Model'));
  const del = vscode.l10n.t('Delete');
  await confirm(
    ctx,
    vscode.l10n.t('Delete the model "{0}"?', t.label),
    vscode.l10n.t('The model and its files are removed from FlightHub 2. This cannot be undone.'),
    del,
  );
  await api.openModel.deleteModel(t.model.model_uuid);
  await ctx.views.models.forget([t.model.model_uuid]);
  ctx.views.models.invalidate();
  return true;
};

export const deleteOpenResource: CommandFactory = (ctx) => async (arg?: unknown) => {
  const api = await ctx.services.session.projectApi();
  const t = await resolveOpenModel(ctx, api, arg, vscode.l10n.t('Delete Uploaded Photos'));
  const resourceUuid = t.model.resource_uuid;
  if (!resourceUuid)
    throw new Error(vscode.l10n.t('FlightHub 2 names no photo resource for "{0}".', t.label));
  const resource = await api.openModel.resource(resourceUuid);
  const del = vscode.l10n.t('Delete');
  await confirm(
    ctx,
    vscode.l10n.t('Delete the {0} uploaded photos of "{1}"?', resource.file_names?.length ?? 0, t.label),
    vscode.l10n.t(
      'The photos are removed from FlightHub 2; models already built from them stay. This cannot be undone.',
    ),
    del,
  );
  await api.openModel.deleteResource(resourceUuid);
  ctx.views.models.invalidate();
  return true;
};
