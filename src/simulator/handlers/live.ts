// Livestream endpoints (docs/api.md#livestream).
import type { HandlerTable } from '../types';
import type { WorldState } from '../world/state';
import { bodyOf, now, param, projectOf, queryOf } from './common';

type LiveIds =
  | 'live.start'
  | 'live.converter.create'
  | 'live.converter.toggle'
  | 'live.converter.list'
  | 'live.converter.delete';

export function liveHandlers(world: WorldState): Pick<HandlerTable, LiveIds> {
  return {
    'live.start': (ctx) => {
      const b = bodyOf(ctx, 'live.start');
      return world.live.start(
        projectOf(world, ctx).uuid,
        b.sn,
        b.camera_index,
        b.video_expire,
        ctx.baseUrl,
        now(world),
      );
    },

    'live.converter.create': (ctx) => ({
      converter_id: world.live.create(
        projectOf(world, ctx).uuid,
        bodyOf(ctx, 'live.converter.create'),
        now(world),
      ),
    }),

    'live.converter.toggle': (ctx) => {
      const b = bodyOf(ctx, 'live.converter.toggle');
      world.live.toggle(
        projectOf(world, ctx).uuid,
        param(ctx, 'converter_id'),
        b.auto_push_stream,
        now(world),
      );
      return undefined;
    },

    'live.converter.list': (ctx) => {
      const { items, pagination } = world.live.list(
        projectOf(world, ctx).uuid,
        queryOf(ctx, 'live.converter.list'),
      );
      return { list: items.length === 0 && world.nullEmptyLists ? null : items, pagination };
    },

    'live.converter.delete': (ctx) => {
      world.live.delete(projectOf(world, ctx).uuid, param(ctx, 'converter_id'));
      return undefined;
    },
  };
}
