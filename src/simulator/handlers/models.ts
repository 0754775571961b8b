// Model endpoints (docs/api.md#models): reconstructions from a task's media folder.
import type { HandlerTable } from '../types';
import { URL_TTL_SECONDS, type WorldState } from '../world/state';
import { bodyOf, list, now, param, projectOf } from './common';

type ModelIds = 'model.list' | 'model.create' | 'model.detail' | 'model.downloadUrl';

export function modelHandlers(world: WorldState): Pick<HandlerTable, ModelIds> {
  const presign = (baseUrl: string, key: string) =>
    world.storage.presignGet(baseUrl, world.bucket, key, URL_TTL_SECONDS);
  return {
    'model.list': (ctx) => {
      const t = now(world);
      return list(
        world,
        world.models.list(projectOf(world, ctx).uuid).map((m) => world.models.view(m, t)),
      );
    },

    'model.create': (ctx) => {
      const m = world.models.create(projectOf(world, ctx).uuid, bodyOf(ctx, 'model.create'), now(world));
      return { id: m.id };
    },

    'model.detail': (ctx) => {
      const t = now(world);
      const m = world.models.get(projectOf(world, ctx).uuid, param(ctx, 'model_id'));
      const ready = world.models.isReady(m, t);
      return {
        ...world.models.view(m, t),
        user_name: 'demo-operator',
        // Signed links only once the reconstruction has finished; empty while it runs [INFERRED].
        url: ready ? presign(ctx.baseUrl, world.models.objectKey(m)) : '',
        preview_url: ready ? presign(ctx.baseUrl, world.models.previewKey(m)) : '',
      };
    },

    'model.downloadUrl': (ctx) => {
      const t = now(world);
      const fileId = param(ctx, 'file_id');
      // A model has one file here, so its file id is the model id (docs/api.md#model-files).
      const m = world.models.get(projectOf(world, ctx).uuid, fileId);
      // "Signed url or empty while not ready" (docs/api.md#model-files).
      return {
        id: m.id,
        url: world.models.isReady(m, t) ? presign(ctx.baseUrl, world.models.objectKey(m)) : '',
      };
    },
  };
}
