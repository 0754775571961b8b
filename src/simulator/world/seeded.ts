// Seeded task history, computed from (dock, index) on demand so that 10,000 tasks per dock cost no
// memory: index i sits in slot i of an even grid over [anchor − 30 d, anchor + 7 d], jittered inside
// its first half, so "which tasks start in [from, to]" is arithmetic (plus a margin for the few tasks
// moved off their slot).
import type { TaskType } from '../../api/schemas/task';
import { prng } from '../random';
import { seededTaskUuid } from './ids';
import type { DockSeed } from './org';
import type { RouteRecord } from './routes';
import type { TaskSpec } from './taskSpec';
import { PREPARE_MS } from './timeline';
import { DAY, HOUR, MINUTE, unixSeconds } from './time';

export type Designation = 'executing' | 'bigMedia' | 'timedWaiting' | 'suspended';

export interface SeedGrid {
  readonly anchor: number;
  readonly rangeStart: number;
  readonly rangeEnd: number;
  readonly count: number;
  readonly step: number;
  /** Seeded flights that would overlap the first hour after the anchor are moved earlier. */
  readonly quietFrom: number;
  readonly quietTo: number;
  /** How far a seeded task may sit from its slot. */
  readonly margin: number;
}

export const MIN_TASKS_PER_DOCK = 8;

export function seedGrid(anchor: number, count: number, maxSpanMs: number): SeedGrid {
  const rangeStart = anchor - 30 * DAY;
  const rangeEnd = anchor + 7 * DAY;
  const n = Math.max(MIN_TASKS_PER_DOCK, Math.floor(count));
  const step = (rangeEnd - rangeStart) / n;
  const quietFrom = anchor - maxSpanMs - 5 * MINUTE;
  const quietTo = anchor + 70 * MINUTE;
  return {
    anchor,
    rangeStart,
    rangeEnd,
    count: n,
    step,
    quietFrom,
    quietTo,
    margin: 4 * step + (quietTo - quietFrom) + HOUR,
  };
}

/** Inclusive index bounds of the seeded tasks that may start in [from, to]. */
export function candidateIndexes(grid: SeedGrid, from: number, to: number): [number, number] {
  const lo = Math.max(0, Math.floor((from - grid.margin - grid.rangeStart) / grid.step));
  const hi = Math.min(grid.count - 1, Math.ceil((to + grid.margin - grid.rangeStart) / grid.step));
  return [lo, hi];
}

const TARGETS: Record<Designation, number> = {
  executing: -90_000,
  bigMedia: -3 * HOUR,
  timedWaiting: 2 * HOUR,
  suspended: 26 * HOUR,
};

/** Slot indexes of the designated tasks on one dock, collisions moved to the nearest free slot. */
export function designate(grid: SeedGrid, kinds: readonly Designation[]): Map<number, Designation> {
  const taken = new Map<number, Designation>();
  for (const kind of kinds) {
    const ideal = Math.floor((grid.anchor + TARGETS[kind] - grid.rangeStart) / grid.step);
    for (let d = 0; d < grid.count; d++) {
      const pick = [ideal + d, ideal - d].find((i) => i >= 0 && i < grid.count && !taken.has(i));
      if (pick !== undefined) {
        taken.set(pick, kind);
        break;
      }
    }
  }
  return taken;
}

export interface SeedContext {
  readonly seed: string;
  readonly grid: SeedGrid;
  readonly dock: DockSeed;
  readonly routes: readonly RouteRecord[];
  readonly designated: ReadonlyMap<number, Designation>;
  readonly bigMediaCount: number;
  /** Flight duration of a route from this dock (ms). */
  flightMs(route: RouteRecord): number;
}

const PAST_TYPES: readonly [TaskType, number][] = [
  ['immediate', 0.55],
  ['timed', 0.25],
  ['recurring', 0.12],
  ['continuous', 0.08],
];
const FUTURE_TYPES: readonly [TaskType, number][] = [
  ['timed', 0.6],
  ['recurring', 0.25],
  ['continuous', 0.15],
];
const FAILURES = [
  'Dock cover failed to open',
  'Aircraft battery below the minimum for take-off',
  'Strong wind at the dock (over 12 m/s)',
];

function pick<T>(table: readonly [T, number][], r: number, fallback: T): T {
  let acc = 0;
  for (const [value, weight] of table) {
    acc += weight;
    if (r < acc) return value;
  }
  return fallback;
}

export function seededTask(ctx: SeedContext, index: number): TaskSpec | undefined {
  const { grid, dock } = ctx;
  const firstRoute = ctx.routes[0];
  if (index < 0 || index >= grid.count || !firstRoute) return undefined;
  const r = prng(`${ctx.seed}|seeded|${dock.ordinal}|${index}`);
  const designation = ctx.designated.get(index);
  let t = Math.floor(grid.rangeStart + index * grid.step + r() * (grid.step / 2));
  const rType = r();
  const rFate = r();
  const route = designation ? firstRoute : (ctx.routes[Math.floor(r() * ctx.routes.length)] ?? firstRoute);
  // The executing task is a third into its flight at the anchor, however long its route is.
  if (designation === 'executing') t = grid.anchor - PREPARE_MS - Math.floor(ctx.flightMs(route) / 3);
  else if (designation) t = grid.anchor + TARGETS[designation];
  else if (t >= grid.quietFrom && t < grid.quietTo) t -= grid.quietTo - grid.quietFrom;
  const future = t > grid.anchor;
  let taskType = pick(future ? FUTURE_TYPES : PAST_TYPES, rType, 'timed');
  if (designation === 'executing' || designation === 'bigMedia') taskType = 'immediate';
  if (designation === 'timedWaiting' || designation === 'suspended') taskType = 'timed';
  const createdAt =
    taskType === 'immediate' ? t : Math.min(t, grid.anchor) - Math.floor(r() * 2 * DAY) - HOUR;
  const flightStart = t + PREPARE_MS;

  let fate: TaskSpec['fate'] = 'fly';
  let exception: TaskSpec['exception'];
  const events: TaskSpec['events'] = [];
  if (designation === 'suspended' || (future && !designation && rFate > 0.96)) {
    events.push({ at: createdAt + MINUTE, kind: 'suspend' });
  } else if (future && !dock.online) {
    fate = 'starting_failure';
    exception = { code: 212015, message: 'Device is offline.' };
  } else if (!future && !designation && rFate > 0.86) {
    if (rFate < 0.91) events.push({ at: flightStart + Math.floor(ctx.flightMs(route) * 0.45), kind: 'rth' });
    else if (rFate < 0.95) {
      fate = 'starting_failure';
      exception = { code: 316001, message: FAILURES[index % FAILURES.length] ?? 'Failed to start' };
    } else {
      fate = 'timeout';
      exception = { code: 316002, message: 'The task did not start before its latest start time' };
    }
  }

  const s = unixSeconds(t);
  const base = {
    uuid: seededTaskUuid(ctx.seed, dock.ordinal, index),
    name: `${route.name} #${index + 1}`,
    projectUuid: dock.projectUuid,
    dockSn: dock.sn,
    waylineUuid: route.id,
    taskType,
    timeZone: 'Asia/Shanghai',
    rthAltitude: 80 + 10 * (index % 8),
    rthMode: index % 3 === 0 ? 'preset' : 'optimal',
    outOfControlAction: index % 10 === 0 ? 'continue_task' : 'return_home',
    resumableStatus: index % 4 === 0 ? 'manual' : 'auto',
    precisionType: index % 2 === 0 ? 'rtk' : 'gnss',
    repeatType: taskType === 'recurring' ? 'daily' : 'nonrepeating',
    beginAt: t,
    createdAt,
    folderId: dock.ordinal * 1_000_000 + index + 1,
    fate,
    events,
    operator: 'demo-operator',
    ...(exception ? { exception } : {}),
    ...(designation === 'bigMedia' ? { mediaCount: ctx.bigMediaCount } : {}),
    ...(fate === 'timeout' || taskType === 'timed' ? { latestBeginAt: t + 30 * MINUTE } : {}),
  };
  if (taskType === 'recurring')
    return {
      ...base,
      endAt: t + 7 * DAY,
      repeatOption: { interval: 1 },
      recurringStartTimes: [s, s + 6 * 3600],
    };
  if (taskType === 'continuous')
    return { ...base, endAt: t + DAY, continuousPeriods: [[s, s + 2 * 3600]], minBatteryCapacity: 80 };
  return base;
}
