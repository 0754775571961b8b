// The Flight Tasks view's order around now: what is flying first (a person looks for it at once), then
// what comes next, soonest first, then what is over, newest first. A plain newest-first order put far
// future scheduled tasks above the flight under way. Pure, so it is tested with a fixed clock.
import type { Task } from '../../api/schemas/task';
import { timeMs, UNDER_WAY } from './taskPolling';

/** 0: under way, 1: upcoming, 2: past. */
export function taskPhase(task: Task, nowMs: number): 0 | 1 | 2 {
  if (UNDER_WAY.has(task.status)) return 0;
  // A waiting task whose start has passed is still to come: the dock may start it late.
  if (task.status === 'waiting') return 1;
  const start = startMs(task);
  return start !== undefined && start > nowMs ? 1 : 2;
}

export function orderAroundNow(tasks: readonly Task[], nowMs: number): Task[] {
  const keyed = tasks.map((task) => ({ task, phase: taskPhase(task, nowMs), start: startMs(task) ?? 0 }));
  keyed.sort((a, b) => {
    if (a.phase !== b.phase) return a.phase - b.phase;
    // Under way and past: the most recent start first; upcoming: the soonest start first.
    return a.phase === 1 ? a.start - b.start : b.start - a.start;
  });
  return keyed.map((k) => k.task);
}

function startMs(task: Task): number | undefined {
  return timeMs(task.begin_at) ?? timeMs(task.run_at);
}
