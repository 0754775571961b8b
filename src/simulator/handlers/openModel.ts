// Open modeling (docs/api.md#open-modeling), map annotations (docs/api.md#map-annotations) and the workflow
// trigger (docs/api.md#workflow-trigger).
import { SimError, type HandlerTable } from '../types';
import type { WorldState } from '../world/state';
import { bodyOf, list, now, param, projectOf } from './common';

type OpenModelIds =
  | 'openModel.token'
  | 'openModel.uploadCallback'
  | 'openModel.resource.get'
  | 'openModel.resource.delete'
  | 'openModel.start'
  | 'openModel.stop'
  | 'openModel.running'
  | 'openModel.model.get'
  | 'openModel.model.delete'
  | 'map.element.create'
  | 'workflow.trigger';

const TOKEN_TTL = 900;

export function openModelHandlers(world: WorldState): Pick<HandlerTable, OpenModelIds> {
  const om = world.openModels;
  return {
    'openModel.token': (ctx) => {
      const project = projectOf(world, ctx);
      const batch = om.newBatch(project.uuid);
      const creds = world.storage.issueCredentials(world.bucket, `${batch.prefix}/`, TOKEN_TTL);
      return {
        cloud_name: 'minio',
        access_key_id: creds.accessKeyId,
        secret_access_key: creds.secretAccessKey,
        session_token: creds.sessionToken,
        region: world.storage.region,
        cloud_bucket_name: world.bucket,
        callback_param: batch.callbackParam,
        store_path: `${batch.prefix}/{fileName}`,
        expire_time: Math.floor(creds.expiresAt / 1000),
        end_point: ctx.baseUrl,
      };
    },

    'openModel.uploadCallback': async (ctx) => {
      const project = projectOf(world, ctx);
      const body = bodyOf(ctx, 'openModel.uploadCallback');
      const prefix = om.batchPrefix(project.uuid, body.callback_param);
      const sizes = new Map<string, number>();
      for (const file of body.files) {
        const size = await world.storage.readObject(world.bucket, `${prefix}/${file.name}`, (o) => o.size);
        if (size === undefined)
          throw new SimError(
            200101,
            `invalid request parameters: ${file.name} was not uploaded to ${prefix}/`,
          );
        sizes.set(file.name, size);
      }
      return om.addFiles(project.uuid, body, sizes);
    },

    'openModel.resource.get': (ctx) =>
      om.resourceView(projectOf(world, ctx).uuid, param(ctx, 'resource_uuid'), now(world)),

    'openModel.resource.delete': (ctx) => {
      om.deleteResource(projectOf(world, ctx).uuid, param(ctx, 'resource_uuid'), now(world));
      return undefined;
    },

    'openModel.start': (ctx) =>
      om.start(projectOf(world, ctx).uuid, bodyOf(ctx, 'openModel.start'), now(world)),

    'openModel.stop': (ctx) => {
      om.stop(projectOf(world, ctx).uuid, param(ctx, 'model_uuid'), now(world));
      return undefined;
    },

    'openModel.running': (ctx) => list(world, om.running(projectOf(world, ctx).uuid, now(world))),

    'openModel.model.get': (ctx) => om.view(projectOf(world, ctx).uuid, param(ctx, 'model_uuid'), now(world)),

    'openModel.model.delete': (ctx) => {
      om.delete(projectOf(world, ctx).uuid, param(ctx, 'model_uuid'));
      return undefined;
    },

    'map.element.create': (ctx) => ({
      id: world.models.addElement(projectOf(world, ctx).uuid, bodyOf(ctx, 'map.element.create')),
    }),

    // Triggered workflows wait for a manual confirmation in FlightHub's message center and never fly
    // on their own (docs/api.md#workflow-trigger), so accepting and recording the request is the whole
    // behaviour.
    'workflow.trigger': (ctx) => {
      const project = projectOf(world, ctx);
      world.workflows.push({ projectUuid: project.uuid, body: ctx.body, at: now(world) });
      return undefined;
    },
  };
}
