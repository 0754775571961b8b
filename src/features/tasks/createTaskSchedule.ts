// The schedule steps of "Create Flight Task…": a time zone, then times typed as `YYYY-MM-DD HH:mm` in
// that zone, validated on every keystroke. The conversions live in zonedTime.ts / taskSchedule.ts.
import * as vscode from 'vscode';
import type { TaskCreateBody, TaskType } from '../../api/schemas/task';
import type { Step } from '../../ui/multiStep';
import { continuousFields, defaultBegin, recurringFields, timedFields } from './taskSchedule';
import {
  formatLocal,
  formatLocalDate,
  fail,
  normalizeTimeZone,
  ok,
  parseDate,
  parseLocalDateTime,
  parseNumberInRange,
  parsePeriods,
  parseTimesOfDay,
  type LocalDate,
  type Problem,
  type Result,
} from './zonedTime';

const DAY = 86_400;

export interface ScheduleDraft {
  type: TaskType;
  timeZone: string;
  /** What the person typed, kept so Back shows it again. */
  readonly text: Record<
    'begin' | 'latest' | 'start' | 'end' | 'times' | 'every' | 'periods' | 'battery',
    string
  >;
}

export type ScheduleFields = Partial<
  Pick<
    TaskCreateBody,
    | 'begin_at'
    | 'end_at'
    | 'latest_begin_at'
    | 'recurring_task_start_time_list'
    | 'repeat_option'
    | 'continuous_task_periods'
    | 'min_battery_capacity'
  >
>;

export function scheduleText(now: number, timeZone: string): ScheduleDraft['text'] {
  const tomorrow = formatLocalDate(now + DAY, timeZone);
  return {
    begin: formatLocal(defaultBegin(now), timeZone),
    latest: '',
    start: tomorrow,
    end: formatLocalDate(now + 8 * DAY, timeZone),
    times: '09:00',
    every: '1',
    periods: '09:00-11:00',
    battery: '80',
  };
}

export function problemText(p: Problem, format: string, timeZone: string): string {
  switch (p.code) {
    case 'format':
      return vscode.l10n.t('Use the format {0}.', format);
    case 'invalid_date':
      return vscode.l10n.t('That date does not exist.');
    case 'nonexistent_time':
      return vscode.l10n.t(
        'That time does not exist in {0}: the clocks skip it for daylight saving time.',
        timeZone,
      );
    case 'in_past':
      return vscode.l10n.t('That time has already passed.');
    case 'end_before_start':
      return vscode.l10n.t('The end date is before the start date.');
    case 'latest_before_begin':
      return vscode.l10n.t('The latest start is before the start time.');
    case 'period_order':
      return vscode.l10n.t('Each period must end after it starts, on the same day.');
    case 'periods_overlap':
      return vscode.l10n.t('The periods overlap.');
    case 'empty':
      return vscode.l10n.t('Enter at least one value.');
    case 'range':
      return vscode.l10n.t('Enter a whole number from {0} to {1}.', p.min, p.max);
  }
}

const DATE = 'YYYY-MM-DD';
const dayKey = (x: LocalDate) => x.year * 10_000 + x.month * 100 + x.day;
const DATE_TIME = 'YYYY-MM-DD HH:mm';

function range(d: ScheduleDraft): Result<{ start: LocalDate; end: LocalDate }> {
  const start = parseDate(d.text.start);
  const end = parseDate(d.text.end);
  if (!start.ok) return start;
  return end.ok ? ok({ start: start.value, end: end.value }) : end;
}

/** The schedule fields for the draft's task type, checked against `now` (seconds). */
export function scheduleFields(d: ScheduleDraft, now: number): Result<ScheduleFields> {
  const tz = d.timeZone;
  if (d.type === 'immediate') return ok({});
  if (d.type === 'timed') {
    const begin = parseLocalDateTime(d.text.begin, tz);
    if (!begin.ok) return begin;
    const latest = d.text.latest.trim() ? parseLocalDateTime(d.text.latest, tz) : undefined;
    if (latest && !latest.ok) return latest;
    return timedFields(begin.value, latest?.value, now);
  }
  const days = range(d);
  if (!days.ok) return days;
  if (d.type === 'recurring') {
    const times = parseTimesOfDay(d.text.times);
    const every = parseNumberInRange(d.text.every, 1, 365);
    if (!times.ok) return times;
    return every.ok ? recurringFields(days.value, times.value, every.value, tz, now) : every;
  }
  const periods = parsePeriods(d.text.periods);
  const battery = parseNumberInRange(d.text.battery, 50, 100);
  if (!periods.ok) return periods;
  return battery.ok ? continuousFields(days.value, periods.value, battery.value, tz, now) : battery;
}

/** One input step for `key`; `check` sees the draft with the new text in place. */
function textStep(
  d: ScheduleDraft,
  key: keyof ScheduleDraft['text'],
  when: () => boolean,
  o: { prompt: () => string; format: string; check: (now: number) => Result<unknown> },
): Step {
  return {
    when,
    run: async (input) => {
      const previous = d.text[key];
      const validate = (value: string) => {
        d.text[key] = value;
        const r = o.check(Math.floor(Date.now() / 1000));
        return r.ok ? undefined : problemText(r.problem, o.format, d.timeZone);
      };
      try {
        d.text[key] = await input.input({
          value: previous,
          prompt: o.prompt(),
          placeholder: o.format,
          validate,
        });
      } catch (error) {
        d.text[key] = previous;
        throw error;
      }
    },
  };
}

export function scheduleSteps(d: ScheduleDraft): Step[] {
  const is =
    (...types: TaskType[]) =>
    () =>
      types.includes(d.type);
  const zone = () => d.timeZone;
  const notBeforeToday = (now: number): Result<unknown> => {
    const start = parseDate(d.text.start);
    const today = parseDate(formatLocalDate(now, d.timeZone));
    if (!start.ok || !today.ok) return start;
    return dayKey(start.value) < dayKey(today.value) ? fail({ code: 'in_past' }) : start;
  };
  const endNotBeforeStart = (): Result<unknown> => {
    const r = range(d);
    return r.ok && dayKey(r.value.end) < dayKey(r.value.start) ? fail({ code: 'end_before_start' }) : r;
  };
  return [
    {
      when: is('timed', 'recurring', 'continuous'),
      run: async (input) => {
        const value = await input.input({
          value: d.timeZone,
          prompt: vscode.l10n.t('Time zone of the times you enter next (IANA name, e.g. Asia/Shanghai)'),
          validate: (v) =>
            normalizeTimeZone(v)
              ? undefined
              : vscode.l10n.t('Unknown time zone. Use an IANA name such as Asia/Shanghai or Europe/Berlin.'),
        });
        d.timeZone = normalizeTimeZone(value) ?? d.timeZone;
      },
    },
    textStep(d, 'begin', is('timed'), {
      prompt: () => vscode.l10n.t('Take-off time in {0}', zone()),
      format: DATE_TIME,
      check: (now) => scheduleFields({ ...d, text: { ...d.text, latest: '' } }, now),
    }),
    textStep(d, 'latest', is('timed'), {
      prompt: () => vscode.l10n.t('Latest take-off time in {0} (optional: leave empty for none)', zone()),
      format: DATE_TIME,
      check: (now) => scheduleFields(d, now),
    }),
    textStep(d, 'start', is('recurring', 'continuous'), {
      prompt: () => vscode.l10n.t('First day in {0}', zone()),
      format: DATE,
      check: notBeforeToday,
    }),
    textStep(d, 'end', is('recurring', 'continuous'), {
      prompt: () => vscode.l10n.t('Last day in {0}', zone()),
      format: DATE,
      check: endNotBeforeStart,
    }),
    textStep(d, 'times', is('recurring'), {
      prompt: () =>
        vscode.l10n.t(
          'Take-off times of day in {0}, separated by commas (the first must still be ahead on the first day)',
          zone(),
        ),
      format: 'HH:mm, HH:mm',
      check: (now) => scheduleFields({ ...d, text: { ...d.text, every: '1' } }, now),
    }),
    textStep(d, 'every', is('recurring'), {
      prompt: () => vscode.l10n.t('Repeat every how many days?'),
      format: '1',
      check: () => parseNumberInRange(d.text.every, 1, 365),
    }),
    textStep(d, 'periods', is('continuous'), {
      prompt: () => vscode.l10n.t('Time windows of day in {0}, separated by commas', zone()),
      format: 'HH:mm-HH:mm, HH:mm-HH:mm',
      check: (now) => scheduleFields({ ...d, text: { ...d.text, battery: '80' } }, now),
    }),
    textStep(d, 'battery', is('continuous'), {
      prompt: () => vscode.l10n.t('Minimum battery (%) to start each flight (50–100)'),
      format: '80',
      check: () => parseNumberInRange(d.text.battery, 50, 100),
    }),
  ];
}
