// Flight task endpoints (docs/api.md#flight-tasks).
import { TASK_STATUSES } from '../../api/schemas/task';
import { SimError, type HandlerTable } from '../types';
import { mediaList } from '../world/media';
import { URL_TTL_SECONDS, type WorldState } from '../world/state';
import { createTask, findTask, updateTaskStatus } from '../world/taskOps';
import { taskInfo, taskListItem } from '../world/taskViews';
import { trackOf } from '../world/track';
import { bodyOf, list, now, param, projectOf, queryOf } from './common';

type TaskIds = 'task.create' | 'task.status.update' | 'task.list' | 'task.media' | 'task.track' | 'task.info';

const KNOWN_STATUSES: ReadonlySet<string> = new Set(TASK_STATUSES);

export function taskHandlers(world: WorldState): Pick<HandlerTable, TaskIds> {
  return {
    'task.create': (ctx) => {
      const spec = createTask(world, projectOf(world, ctx).uuid, bodyOf(ctx, 'task.create'), now(world));
      return { task_uuid: spec.uuid };
    },

    'task.status.update': (ctx) => {
      const { status } = bodyOf(ctx, 'task.status.update');
      updateTaskStatus(world, projectOf(world, ctx).uuid, param(ctx, 'task_uuid'), status, now(world));
      return undefined;
    },

    'task.list': (ctx) => {
      const project = projectOf(world, ctx);
      const q = queryOf(ctx, 'task.list');
      if (q.end_at < q.begin_at)
        throw new SimError(200101, 'invalid request parameters: end_at is before begin_at');
      const statuses = splitList(q.status);
      const unknown = statuses.filter((s) => !KNOWN_STATUSES.has(s));
      if (unknown.length)
        throw new SimError(200101, `invalid request parameters: unknown status ${unknown.join(', ')}`);
      const name = q.name?.trim().toLowerCase();
      const t = now(world);
      const items: Record<string, unknown>[] = [];
      // V2 accepts a comma list of dock SNs (docs/api.md#task-list); SNs that are not docks of this project
      // match nothing.
      for (const sn of new Set(splitList(q.sn))) {
        const ref = world.devices.inProject(project.uuid, sn);
        if (ref?.kind !== 'dock') continue;
        for (const spec of world.tasks.inWindow(ref.dock, q.begin_at * 1000, q.end_at * 1000 + 999)) {
          if (q.task_type && spec.taskType !== q.task_type) continue;
          if (name && !spec.name.toLowerCase().includes(name)) continue;
          const e = world.tasks.evaluate(spec, t);
          if (statuses.length && !statuses.includes(e.timeline.status)) continue;
          items.push(taskListItem(e, t));
        }
      }
      return list(world, items);
    },

    'task.info': (ctx) => {
      const spec = findTask(world, projectOf(world, ctx).uuid, param(ctx, 'task_uuid'));
      const t = now(world);
      return taskInfo(world.tasks.evaluate(spec, t), t);
    },

    'task.media': (ctx) => {
      const spec = findTask(world, projectOf(world, ctx).uuid, param(ctx, 'task_uuid'));
      const t = now(world);
      const presign = (key: string) =>
        world.storage.presignGet(ctx.baseUrl, world.bucket, key, URL_TTL_SECONDS);
      return list(world, mediaList(world.tasks.evaluate(spec, t), t, world.assets(), presign));
    },

    'task.track': (ctx) => {
      const spec = findTask(world, projectOf(world, ctx).uuid, param(ctx, 'task_uuid'));
      const t = now(world);
      const e = world.tasks.evaluate(spec, t);
      const track = trackOf(e, world.tasks.dockOf(spec), t);
      if (!track)
        throw new SimError(
          219017,
          `task track does not exist yet: task is ${e.timeline.status}, retry after take-off`,
        );
      const dock = world.tasks.dockOf(spec);
      return {
        name: spec.name,
        wayline_uuid: spec.waylineUuid,
        track: { track_id: `${spec.uuid}-track`, drone_sn: dock.aircraft.sn, ...track },
      };
    },
  };
}

function splitList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
