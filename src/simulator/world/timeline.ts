// The task state machine (docs/api.md#task-timeline), evaluated lazily: a task's status at any moment is a
// pure function of its schedule, the commands applied to it and the clock. Nothing runs in the background.
import type { TaskStatus } from '../../api/schemas/task';

/** Time to prepare the dock and aircraft before take-off. */
export const PREPARE_MS = 5_000;

export type TaskEventKind = 'suspend' | 'restore' | 'pause' | 'resume' | 'rth' | 'rth_cancel';
export interface TaskEvent {
  readonly at: number;
  readonly kind: TaskEventKind;
}

export interface Schedule {
  /** When the task should start; undefined while it waits for a dock that may never free up. */
  readonly plannedStart: number | undefined;
  /** A task still suspended (or never started) after this moment has missed its window. */
  readonly latestStart: number;
  /** Decided up front: a seeded history or a condition known at creation (RTH altitude too high). */
  readonly fate: 'fly' | 'starting_failure' | 'timeout';
  readonly flightMs: number;
  rthMs(progressMs: number): number;
}

export type Phase =
  | 'waiting'
  | 'suspended'
  | 'preparing'
  | 'flying'
  | 'paused'
  | 'returning'
  | 'landed'
  | 'failed'
  | 'timed_out';

export interface Segment {
  readonly kind: 'route' | 'hover' | 'rth';
  readonly t0: number;
  readonly t1: number;
  /** Route progress (ms of flight) at t0; for `rth`, the progress where the return began. */
  readonly p0: number;
  /** For `rth`: when the return began (the segment may start later, it never does here). */
  readonly rthStart: number;
}

export interface Timeline {
  readonly phase: Phase;
  readonly status: TaskStatus;
  /** Actual start (the list's `run_at`). */
  readonly startedAt?: number;
  readonly flightStartedAt?: number;
  /** Landing, failure or timeout moment (the list's `completed_at`). */
  readonly endedAt?: number;
  /** Route progress at the evaluated moment (or at landing / at the start of a return). */
  readonly progressMs: number;
  readonly segments: readonly Segment[];
  /** Set while returning: when the return began. */
  readonly rthStartedAt?: number;
}

const STATUS: Record<Phase, TaskStatus> = {
  waiting: 'waiting',
  suspended: 'suspended',
  preparing: 'preparing',
  flying: 'executing',
  paused: 'paused',
  returning: 'executing',
  landed: 'success',
  failed: 'starting_failure',
  timed_out: 'timeout',
};

function done(phase: Phase, rest: Partial<Timeline> = {}): Timeline {
  return { phase, status: STATUS[phase], progressMs: 0, segments: [], ...rest };
}

export function evaluate(schedule: Schedule, events: readonly TaskEvent[], now: number): Timeline {
  const sorted = [...events].filter((e) => e.at <= now).sort((a, b) => a.at - b.at);
  let start = schedule.plannedStart;
  let suspended = false;
  for (const e of sorted) {
    if (e.kind === 'suspend') suspended = true;
    if (e.kind !== 'restore') continue;
    // Restored after the slot passed: start now if the window is still open (docs/api.md#task-status).
    if (start !== undefined && e.at > start) {
      if (e.at > schedule.latestStart) return done('timed_out', { endedAt: e.at });
      start = e.at;
    }
    suspended = false;
  }
  if (suspended) return done('suspended');
  if (schedule.fate === 'timeout') {
    return now < schedule.latestStart
      ? done('waiting')
      : done('timed_out', { endedAt: schedule.latestStart });
  }
  if (start === undefined || now < start) return done('waiting');
  const flightStart = start + PREPARE_MS;
  if (now < flightStart) return done('preparing', { startedAt: start });
  if (schedule.fate === 'starting_failure') return done('failed', { startedAt: start, endedAt: flightStart });
  return fly(schedule, sorted, start, flightStart, now);
}

function fly(
  schedule: Schedule,
  events: readonly TaskEvent[],
  start: number,
  flightStart: number,
  now: number,
): Timeline {
  const segments: Segment[] = [];
  let t = flightStart;
  let p = 0;
  let mode: 'route' | 'hover' | 'rth' = 'route';
  let rthStart = 0;
  let rthEnd = 0;
  let landed: { at: number; terminated: boolean } | undefined;

  const advance = (to: number) => {
    if (landed || to <= t) return;
    if (mode === 'route') {
      const end = t + (schedule.flightMs - p);
      const stop = Math.min(end, to);
      segments.push({ kind: 'route', t0: t, t1: stop, p0: p, rthStart: 0 });
      p += stop - t;
      t = stop;
      if (end <= to) landed = { at: end, terminated: false };
    } else if (mode === 'hover') {
      segments.push({ kind: 'hover', t0: t, t1: to, p0: p, rthStart: 0 });
      t = to;
    } else {
      const stop = Math.min(rthEnd, to);
      segments.push({ kind: 'rth', t0: t, t1: stop, p0: p, rthStart });
      t = stop;
      if (rthEnd <= to) landed = { at: rthEnd, terminated: true };
    }
  };

  for (const e of events) {
    if (e.at < flightStart) continue;
    advance(e.at);
    if (landed) break;
    if (e.kind === 'pause' && mode === 'route') mode = 'hover';
    else if (e.kind === 'resume' && mode === 'hover') mode = 'route';
    else if (e.kind === 'rth' && mode !== 'rth') {
      mode = 'rth';
      rthStart = e.at;
      rthEnd = e.at + schedule.rthMs(p);
    } else if (e.kind === 'rth_cancel' && mode === 'rth') mode = 'route'; // back onto the route where it left
  }
  advance(now);

  const base = { startedAt: start, flightStartedAt: flightStart, progressMs: p, segments };
  if (landed) {
    const phase: Phase = 'landed';
    return { ...base, phase, status: landed.terminated ? 'terminated' : 'success', endedAt: landed.at };
  }
  if (mode === 'rth') return { ...base, phase: 'returning', status: 'executing', rthStartedAt: rthStart };
  return done(mode === 'hover' ? 'paused' : 'flying', base);
}

export function isActive(phase: Phase): boolean {
  return phase === 'preparing' || phase === 'flying' || phase === 'paused' || phase === 'returning';
}
