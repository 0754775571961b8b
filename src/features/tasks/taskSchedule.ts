// The schedule fields of `POST /flight-task` for each task type (docs/api.md#task-create), and when a task
// will first fly (for the safety gate). Pure (no vscode), unit-tested in test/unit/features/tasks/taskSchedule.test.ts.
import { fail, formatLocal, ok, zonedToUnix, type LocalDate, type Result } from './zonedTime';

/** A task whose first flight is this close is treated like an immediate one by the safety gate. */
export const IMMINENT_SECONDS = 10 * 60;

const dayKey = (d: LocalDate) => d.year * 10_000 + d.month * 100 + d.day;

/** The last second of `date` in `timeZone` (the end of a recurring or continuous task's period). */
function endOfDay(date: LocalDate, timeZone: string): Result<number> {
  const last = zonedToUnix(date, 23 * 60 + 59, timeZone);
  return last.ok ? ok(last.value + 59) : last;
}

export interface TimedFields {
  readonly begin_at: number;
  readonly latest_begin_at?: number;
}
export function timedFields(begin: number, latest: number | undefined, now: number): Result<TimedFields> {
  if (begin <= now) return fail({ code: 'in_past' });
  if (latest === undefined) return ok({ begin_at: begin });
  return latest < begin
    ? fail({ code: 'latest_before_begin' })
    : ok({ begin_at: begin, latest_begin_at: latest });
}

export interface DayRange {
  readonly start: LocalDate;
  readonly end: LocalDate;
}

/**
 * Start instants on the first day (docs/api.md#task-create: "same day as begin_at") and the end of the last
 * day.
 */
function onFirstDay(
  range: DayRange,
  minutes: readonly number[],
  timeZone: string,
  now: number,
): Result<{ starts: number[]; end: number }> {
  if (dayKey(range.end) < dayKey(range.start)) return fail({ code: 'end_before_start' });
  const starts: number[] = [];
  for (const m of minutes) {
    const s = zonedToUnix(range.start, m, timeZone);
    if (!s.ok) return s;
    starts.push(s.value);
  }
  if (!starts.length) return fail({ code: 'empty' });
  if (Math.min(...starts) <= now) return fail({ code: 'in_past' });
  const end = endOfDay(range.end, timeZone);
  return end.ok ? ok({ starts, end: end.value }) : end;
}

export interface RecurringFields {
  readonly begin_at: number;
  readonly end_at: number;
  readonly recurring_task_start_time_list: number[];
  readonly repeat_option: { readonly interval: number };
}
/**
 * Every `everyDays` days at `times` (minutes after midnight). `repeat_type` is left out on purpose:
 * the only value seen is `nonrepeating` (docs/api.md#task-create), the others are unknown
 * (docs/api.md#open-questions), so only
 * `repeat_option.interval` says how often.
 */
export function recurringFields(
  range: DayRange,
  times: readonly number[],
  everyDays: number,
  timeZone: string,
  now: number,
): Result<RecurringFields> {
  const first = onFirstDay(range, times, timeZone, now);
  if (!first.ok) return first;
  const { starts, end } = first.value;
  return ok({
    begin_at: Math.min(...starts),
    end_at: end,
    recurring_task_start_time_list: starts,
    repeat_option: { interval: everyDays },
  });
}

export interface ContinuousFields {
  readonly begin_at: number;
  readonly end_at: number;
  readonly continuous_task_periods: Array<[number, number]>;
  readonly min_battery_capacity: number;
}
export function continuousFields(
  range: DayRange,
  periods: ReadonlyArray<readonly [number, number]>,
  minBattery: number,
  timeZone: string,
  now: number,
): Result<ContinuousFields> {
  const first = onFirstDay(range, periods.flat(), timeZone, now);
  if (!first.ok) return first;
  const { starts, end } = first.value;
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i + 1 < starts.length; i += 2) pairs.push([starts[i] ?? 0, starts[i + 1] ?? 0]);
  // A period that straddles a daylight-saving change can collapse; the API needs end > start.
  if (pairs.some(([s, e]) => e <= s)) return fail({ code: 'period_order' });
  return ok({
    begin_at: Math.min(...starts),
    end_at: end,
    continuous_task_periods: pairs,
    min_battery_capacity: minBattery,
  });
}

export interface ScheduleLike {
  readonly task_type: string;
  readonly begin_at?: number;
  readonly recurring_task_start_time_list?: readonly number[];
  readonly continuous_task_periods?: ReadonlyArray<readonly [number, number]>;
}

/** When the aircraft may first take off (the simulator plans the same way, docs/api.md#task-timeline). */
export function firstFlightAt(b: ScheduleLike, now: number): number {
  if (b.task_type === 'immediate' || b.begin_at === undefined) return now;
  const starts = [
    ...(b.recurring_task_start_time_list ?? []),
    ...(b.continuous_task_periods ?? []).map((p) => p[0]),
  ];
  return starts.length ? Math.max(b.begin_at, Math.min(...starts)) : b.begin_at;
}

/** Immediate tasks, and tasks that take off within IMMINENT_SECONDS, need the safety gate. */
export function startsSoon(b: ScheduleLike, now: number, window = IMMINENT_SECONDS): boolean {
  return b.task_type === 'immediate' || firstFlightAt(b, now) - now <= window;
}

/**
 * A time from task information (docs/api.md#task-information: RFC 3339 strings; Unix seconds are accepted
 * too).
 */
function seconds(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v !== 'string' || !v.trim()) return undefined;
  const parsed = /^\d+$/.test(v.trim()) ? Number(v) * 1000 : Date.parse(v);
  return Number.isFinite(parsed) ? Math.floor(parsed / 1000) : undefined;
}

const secondsList = (v: unknown): number[] | undefined => {
  if (!Array.isArray(v)) return undefined;
  const out = v.map(seconds);
  return out.every((n) => n !== undefined) ? out : undefined;
};

/**
 * The schedule of a task as task information describes it (docs/api.md#task-information), or undefined when
 * its start cannot be read. Start lists that do not parse are dropped: `begin_at` alone then says when it
 * flies.
 */
export function scheduleOfInfo(info: {
  readonly task_type: string;
  readonly begin_at?: unknown;
  readonly [key: string]: unknown;
}): ScheduleLike | undefined {
  const begin = seconds(info.begin_at);
  if (info.task_type !== 'immediate' && begin === undefined) return undefined;
  const periods = Array.isArray(info.continuous_task_periods)
    ? (info.continuous_task_periods as unknown[]).map(secondsList)
    : undefined;
  return {
    task_type: info.task_type,
    begin_at: begin,
    recurring_task_start_time_list: secondsList(info.recurring_task_start_time_list),
    continuous_task_periods: periods?.every((p) => p?.length === 2)
      ? (periods as Array<[number, number]>)
      : undefined,
  };
}

/**
 * When a restored task takes off, and whether that is soon. A start that has passed counts as now: the
 * task then starts at once if its window is still open (the simulator does so, docs/api.md#task-status), and
 * a recurring task's first-day slots having passed is read the same way (asking once too often is the
 * safe side). An unreadable start is soon.
 */
export function restoredStart(
  schedule: ScheduleLike | undefined,
  now: number,
): { readonly at: number | undefined; readonly soon: boolean } {
  if (!schedule) return { at: undefined, soon: true };
  return { at: firstFlightAt(schedule, now), soon: startsSoon(schedule, now) };
}

/** Default start of a timed task: half an hour from now, on a five-minute mark. */
export function defaultBegin(now: number): number {
  const step = 5 * 60;
  return Math.ceil((now + 30 * 60) / step) * step;
}

/** `<route name> <YYYY-MM-DD HH:mm>`: distinct names also let a lost create response be reconciled. */
export function defaultTaskName(routeName: string, unixSeconds: number, timeZone: string, max = 200): string {
  const suffix = ` ${formatLocal(unixSeconds, timeZone)}`;
  return routeName.trim().slice(0, max - suffix.length) + suffix;
}
