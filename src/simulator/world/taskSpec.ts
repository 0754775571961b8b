// What a flight task is, independent of where it came from (seeded arithmetic or `POST /flight-task`).
import type { TaskType } from '../../api/schemas/task';
import { rthDurationMs, type FlightPlan } from './flightPlan';
import type { Schedule, TaskEvent } from './timeline';

export interface TaskException {
  readonly code: number;
  readonly message: string;
}

export interface TaskSpec {
  readonly uuid: string;
  readonly name: string;
  readonly projectUuid: string;
  readonly dockSn: string;
  readonly landingDockSn?: string;
  readonly waylineUuid: string;
  readonly taskType: TaskType;
  readonly timeZone: string;
  readonly rthAltitude: number;
  readonly rthMode: string;
  readonly outOfControlAction: string;
  readonly resumableStatus: string;
  readonly precisionType?: string;
  readonly repeatType: string;
  readonly repeatOption?: {
    readonly interval: number;
    readonly days_of_week?: readonly number[];
    readonly days_of_month?: readonly number[];
    readonly week_of_month?: readonly number[];
  };
  /** Unix seconds, as sent (docs/api.md#task-create). */
  readonly recurringStartTimes?: readonly number[];
  readonly continuousPeriods?: readonly (readonly [number, number])[];
  readonly minBatteryCapacity?: number;
  /** Planned start, ms. For a queued immediate task: its creation time. */
  readonly beginAt: number;
  /** End of the repeat period (recurring/continuous), ms. */
  readonly endAt?: number;
  readonly latestBeginAt?: number;
  readonly createdAt: number;
  readonly folderId: number;
  readonly fate: Schedule['fate'];
  /** Why a task failed to start or timed out (the list's `exceptions`). */
  readonly exception?: TaskException;
  /** Commands applied so far, in order. Only stored tasks grow this list. */
  readonly events: TaskEvent[];
  /** Immediate task queued behind another one on the same dock: starts when that one lands. */
  readonly after?: string;
  /** Overrides the media count derived from the route (the big-media task). */
  readonly mediaCount?: number;
  readonly operator: string;
}

/**
 * Until when a task that has not started may still start (docs/api.md#task-create `latest_begin_at`,
 * `end_at`).
 */
export function latestStart(spec: TaskSpec): number {
  if (spec.taskType === 'recurring' || spec.taskType === 'continuous') return spec.endAt ?? spec.beginAt;
  if (spec.taskType === 'timed') return spec.latestBeginAt ?? spec.beginAt;
  return Number.POSITIVE_INFINITY;
}

export function scheduleOf(spec: TaskSpec, plan: FlightPlan, plannedStart: number | undefined): Schedule {
  return {
    plannedStart,
    latestStart: spec.fate === 'timeout' ? (spec.latestBeginAt ?? spec.beginAt) : latestStart(spec),
    fate: spec.fate,
    flightMs: plan.durationMs,
    rthMs: (p) => rthDurationMs(plan, p, spec.rthAltitude),
  };
}
