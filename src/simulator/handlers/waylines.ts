// Route endpoints (docs/api.md#routes): the upload-completion notification validates the uploaded KMZ with
// the same WPML reader the extension uses, and fails like the live service when it is not valid.
import { summarizeKmz } from '../../routes/wpml/summary';
import { SimError, type HandlerTable } from '../types';
import type { RouteRecord } from '../world/routes';
import { URL_TTL_SECONDS, type WorldState } from '../world/state';
import { bodyOf, list, now, param, projectOf } from './common';

type WaylineIds = 'wayline.finishUpload' | 'wayline.list' | 'wayline.detail';

function listItem(r: RouteRecord) {
  return {
    id: r.id,
    name: r.name,
    device_model_key: r.deviceModelKey,
    payload_information: r.payloadInformation,
    template_types: r.templateTypes,
    update_time: r.updateTime,
    size: r.size,
  };
}

export function waylineHandlers(world: WorldState): Pick<HandlerTable, WaylineIds> {
  return {
    'wayline.finishUpload': async (ctx) => {
      const project = projectOf(world, ctx);
      const { name, object_key } = bodyOf(ctx, 'wayline.finishUpload');
      const prefix = `${project.uuid}/uploads`;
      if (!object_key.startsWith(`${prefix}/`))
        throw new SimError(
          200101,
          `invalid request parameters: object_key must start with the project's object_key_prefix "${prefix}"`,
        );
      // Read in place: only the archive's directory and its two route files, however large the KMZ.
      const route = await world.storage.readObject(world.bucket, object_key, (kmz) => {
        // The live service answers an invalid KMZ with HTTP 500 and no details (docs/api.md#finish-upload).
        if (!summarizeKmz(kmz).ok) throw new SimError(200500, 'server error', 500);
        return world.routes.registerUpload(project.uuid, name, object_key, kmz, now(world));
      });
      if (!route) throw new SimError(219001, `route file not found: nothing was uploaded at ${object_key}`);
      return { name: route.name, uuid: route.id };
    },

    'wayline.list': (ctx) => list(world, world.routes.inProject(projectOf(world, ctx).uuid).map(listItem)),

    'wayline.detail': (ctx) => {
      const project = projectOf(world, ctx);
      const id = param(ctx, 'wayline_id');
      const route = world.routes.get(project.uuid, id);
      if (!route) throw new SimError(200404, `route ${id} not found in this project`);
      return {
        ...listItem(route),
        download_url: world.storage.presignGet(ctx.baseUrl, world.bucket, route.objectKey, URL_TTL_SECONDS),
        distance: route.distance,
        wayline_point_nums: route.waypointCount,
      };
    },
  };
}
