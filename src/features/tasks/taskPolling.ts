// When the Flight Tasks view re-reads a dock's tasks: while one is under way, and from shortly before
// a waiting task's start until a while after it (a dock can start late: preparing and queueing for
// take-off are reported only once it has begun). Pure, so the decision is tested without a clock.
import type { Task } from '../../api/schemas/task';

/** Statuses of a task under way (the task list's status values, V1 and V2): re-read every refresh. */
export const UNDER_WAY: ReadonlySet<string> = new Set([
  'preparing',
  'queue_for_takeoff',
  'executing',
  'paused',
]);

/** Polling starts this long before a waiting task's start time. */
export const LEAD_MS = 2 * 60_000;
/** A task still `waiting` this long after its start time is left alone (dock offline, say). */
export const GRACE_MS = 15 * 60_000;
/** setTimeout's largest delay (a 32-bit signed int of ms); farther starts are re-checked then. */
export const MAX_DELAY_MS = 2 ** 31 - 1;

export interface PollDecision {
  /** Re-read this dock on the current tick. */
  readonly poll: boolean;
  /** When this dock wants the next tick; undefined: never, until its tasks change. */
  readonly delayMs: number | undefined;
}

export function pollDecision(tasks: readonly Task[], nowMs: number, refreshMs: number): PollDecision {
  if (tasks.some((t) => UNDER_WAY.has(t.status))) return { poll: true, delayMs: refreshMs };
  let nextLead: number | undefined;
  for (const t of tasks) {
    if (t.status !== 'waiting') continue;
    // A waiting task without a start time gives nothing to wait for.
    const start = timeMs(t.begin_at);
    if (start === undefined) continue;
    if (nowMs >= start - LEAD_MS && nowMs <= start + GRACE_MS) return { poll: true, delayMs: refreshMs };
    if (start - LEAD_MS > nowMs) nextLead = Math.min(nextLead ?? Infinity, start - LEAD_MS - nowMs);
  }
  return { poll: false, delayMs: nextLead === undefined ? undefined : Math.min(nextLead, MAX_DELAY_MS) };
}

/**
 * The task list sends RFC 3339 text (FlightHub 2 OpenAPI, "flight task list", apifox api-257466498);
 * other places use Unix seconds. Both are accepted.
 */
export function timeMs(value: string | number | null | undefined): number | undefined {
  if (typeof value === 'number') return value * 1000;
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** How often a watched task that cannot change soon is looked at (see watchDelayMs). */
export const WATCH_SLOW_MS = 60_000;

/**
 * When to look at a watched task again: a waiting task whose start is further off than LEAD_MS, or a
 * suspended one (a person restores it, not time), once a minute; anything else every refresh. Not
 * longer than a minute: the simulator's clock can run faster than this one.
 */
export function watchDelayMs(
  status: string,
  beginMs: number | undefined,
  nowMs: number,
  refreshMs: number,
): number {
  const idle =
    status === 'suspended' || (status === 'waiting' && beginMs !== undefined && beginMs - LEAD_MS > nowMs);
  return idle ? Math.max(refreshMs, WATCH_SLOW_MS) : refreshMs;
}
