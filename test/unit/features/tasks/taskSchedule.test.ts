import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  continuousFields,
  defaultBegin,
  defaultTaskName,
  firstFlightAt,
  recurringFields,
  restoredStart,
  scheduleOfInfo,
  startsSoon,
  timedFields,
  type ScheduleLike,
} from '../../../../src/features/tasks/taskSchedule';
import {
  formatLocal,
  normalizeTimeZone,
  parseDate,
  parseLocalDateTime,
  parseNumberInRange,
  parsePeriods,
  parseTimesOfDay,
  type Result,
} from '../../../../src/features/tasks/zonedTime';

const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${r.problem.code}`);
  return r.value;
};
const problem = <T>(r: Result<T>): string => (r.ok ? 'ok' : r.problem.code);
const unix = (iso: string) => Date.parse(iso) / 1000;

describe('local date-time → Unix seconds', () => {
  it('converts in fixed-offset zones, including odd offsets', () => {
    assert.equal(
      value(parseLocalDateTime('2025-04-22 10:15', 'Asia/Shanghai')),
      unix('2025-04-22T02:15:00Z'),
    );
    assert.equal(value(parseLocalDateTime('2025-04-22 10:15', 'UTC')), unix('2025-04-22T10:15:00Z'));
    assert.equal(
      value(parseLocalDateTime('2025-01-01 00:00', 'Asia/Kathmandu')),
      unix('2024-12-31T18:15:00Z'),
    );
    assert.equal(
      value(parseLocalDateTime('2025-01-01 00:00', 'Pacific/Kiritimati')),
      unix('2024-12-31T10:00:00Z'),
    );
  });

  it('follows daylight saving time on both sides of a change', () => {
    assert.equal(
      value(parseLocalDateTime('2024-03-09 12:00', 'America/New_York')),
      unix('2024-03-09T17:00:00Z'),
    );
    assert.equal(
      value(parseLocalDateTime('2024-03-10 12:00', 'America/New_York')),
      unix('2024-03-10T16:00:00Z'),
    );
    assert.equal(
      value(parseLocalDateTime('2024-07-01 09:30', 'Europe/Berlin')),
      unix('2024-07-01T07:30:00Z'),
    );
    assert.equal(
      value(parseLocalDateTime('2024-12-01 09:30', 'Europe/Berlin')),
      unix('2024-12-01T08:30:00Z'),
    );
  });

  it('rejects a time skipped by the spring-forward change', () => {
    assert.equal(problem(parseLocalDateTime('2024-03-10 02:30', 'America/New_York')), 'nonexistent_time');
    assert.equal(problem(parseLocalDateTime('2024-03-31 02:30', 'Europe/Berlin')), 'nonexistent_time');
  });

  it('takes the earlier instant of an ambiguous fall-back time', () => {
    assert.equal(
      value(parseLocalDateTime('2024-11-03 01:30', 'America/New_York')),
      unix('2024-11-03T05:30:00Z'),
    );
  });

  it('round-trips through formatLocal', () => {
    for (const tz of ['Asia/Shanghai', 'America/Los_Angeles', 'Australia/Lord_Howe', 'UTC']) {
      const t = value(parseLocalDateTime('2025-10-05 07:05', tz));
      assert.equal(formatLocal(t, tz), '2025-10-05 07:05', tz);
    }
    assert.equal(formatLocal(unix('2025-01-01T16:00:00Z'), 'Asia/Shanghai'), '2025-01-02 00:00');
  });

  it('rejects malformed text and impossible dates', () => {
    assert.equal(problem(parseLocalDateTime('2025-04-22', 'UTC')), 'format');
    assert.equal(problem(parseLocalDateTime('2025-04-22 25:00', 'UTC')), 'format');
    assert.equal(problem(parseLocalDateTime('2025/04/22 10:00', 'UTC')), 'format');
    assert.equal(problem(parseLocalDateTime('2025-04-22 10:00 extra', 'UTC')), 'format');
    assert.equal(problem(parseLocalDateTime('2025-02-30 10:00', 'UTC')), 'invalid_date');
    assert.equal(problem(parseDate('2024-13-01')), 'invalid_date');
    assert.deepEqual(value(parseDate('2024-02-29')), { year: 2024, month: 2, day: 29 });
  });
});

describe('time zones', () => {
  it('canonicalizes names and rejects unknown ones and raw offsets', () => {
    assert.equal(normalizeTimeZone(' asia/shanghai '), 'Asia/Shanghai');
    assert.equal(normalizeTimeZone('Europe/Berlin'), 'Europe/Berlin');
    assert.equal(normalizeTimeZone('Mars/Olympus_Mons'), undefined);
    assert.equal(normalizeTimeZone('+08:00'), undefined);
    assert.equal(normalizeTimeZone(''), undefined);
  });
});

describe('lists of times and periods', () => {
  it('parses, sorts and de-duplicates start times', () => {
    assert.deepEqual(value(parseTimesOfDay('14:30, 08:00 8:00')), [480, 870]);
    assert.equal(problem(parseTimesOfDay('  ')), 'empty');
    assert.equal(problem(parseTimesOfDay('08:00, 8h')), 'format');
  });

  it('parses periods and rejects reversed or overlapping ones', () => {
    assert.deepEqual(value(parsePeriods('14:00-16:00, 08:00 - 10:00')), [
      [480, 600],
      [840, 960],
    ]);
    assert.equal(problem(parsePeriods('10:00-08:00')), 'period_order');
    assert.equal(problem(parsePeriods('08:00-10:00, 09:00-11:00')), 'periods_overlap');
    assert.equal(problem(parsePeriods('08:00')), 'format');
    assert.equal(problem(parsePeriods('')), 'empty');
  });

  it('checks number ranges', () => {
    assert.equal(value(parseNumberInRange('120', 20, 500)), 120);
    assert.equal(value(parseNumberInRange('20.5', 20, 500, false)), 20.5);
    assert.equal(problem(parseNumberInRange('19', 20, 500)), 'range');
    assert.equal(problem(parseNumberInRange('501', 20, 500)), 'range');
    assert.equal(problem(parseNumberInRange('12.5', 1, 100)), 'range');
    assert.equal(problem(parseNumberInRange('', 1, 100)), 'range');
  });
});

describe('schedule fields', () => {
  const now = unix('2025-06-01T00:00:00Z'); // 08:00 in Shanghai
  const tz = 'Asia/Shanghai';
  const range = { start: { year: 2025, month: 6, day: 1 }, end: { year: 2025, month: 6, day: 3 } };

  it('timed: future begin, optional latest start not before it', () => {
    assert.deepEqual(value(timedFields(now + 60, undefined, now)), { begin_at: now + 60 });
    assert.deepEqual(value(timedFields(now + 60, now + 600, now)), {
      begin_at: now + 60,
      latest_begin_at: now + 600,
    });
    assert.equal(problem(timedFields(now, undefined, now)), 'in_past');
    assert.equal(problem(timedFields(now + 600, now + 60, now)), 'latest_before_begin');
  });

  it('recurring: start times on the first day, end at the last second of the end date', () => {
    const f = value(recurringFields(range, [9 * 60, 15 * 60], 2, tz, now));
    assert.deepEqual(f.recurring_task_start_time_list, [
      unix('2025-06-01T01:00:00Z'),
      unix('2025-06-01T07:00:00Z'),
    ]);
    assert.equal(f.begin_at, unix('2025-06-01T01:00:00Z'));
    assert.equal(f.end_at, unix('2025-06-03T15:59:59Z'));
    assert.deepEqual(f.repeat_option, { interval: 2 });
    assert.equal('repeat_type' in f, false);
  });

  it('recurring: refuses a first start that has passed and an end before the start', () => {
    assert.equal(problem(recurringFields(range, [7 * 60, 15 * 60], 1, tz, now)), 'in_past');
    const reversed = { start: range.end, end: range.start };
    assert.equal(problem(recurringFields(reversed, [9 * 60], 1, tz, now)), 'end_before_start');
    assert.equal(problem(recurringFields(range, [], 1, tz, now)), 'empty');
  });

  it('continuous: periods as [start, end] instants of the first day', () => {
    const f = value(
      continuousFields(
        range,
        [
          [9 * 60, 10 * 60],
          [14 * 60, 16 * 60],
        ],
        60,
        tz,
        now,
      ),
    );
    assert.deepEqual(f.continuous_task_periods, [
      [unix('2025-06-01T01:00:00Z'), unix('2025-06-01T02:00:00Z')],
      [unix('2025-06-01T06:00:00Z'), unix('2025-06-01T08:00:00Z')],
    ]);
    assert.equal(f.begin_at, unix('2025-06-01T01:00:00Z'));
    assert.equal(f.min_battery_capacity, 60);
    assert.equal(problem(continuousFields(range, [[7 * 60, 9 * 60]], 60, tz, now)), 'in_past');
  });

  it('continuous: a period made empty by a DST change is refused', () => {
    const spring = { start: { year: 2024, month: 3, day: 10 }, end: { year: 2024, month: 3, day: 11 } };
    const before = unix('2024-03-09T00:00:00Z');
    // 02:00 does not exist that night in New York.
    assert.equal(
      problem(continuousFields(spring, [[2 * 60, 3 * 60]], 60, 'America/New_York', before)),
      'nonexistent_time',
    );
  });

  it('knows when a task first flies and whether that is soon', () => {
    assert.equal(firstFlightAt({ task_type: 'immediate' }, now), now);
    assert.equal(firstFlightAt({ task_type: 'timed', begin_at: now + 99 }, now), now + 99);
    const rec = {
      task_type: 'recurring',
      begin_at: now + 10,
      recurring_task_start_time_list: [now + 3600, now + 7200],
    };
    assert.equal(firstFlightAt(rec, now), now + 3600);
    const cont: ScheduleLike = {
      task_type: 'continuous',
      begin_at: now + 10,
      continuous_task_periods: [[now + 300, now + 900]],
    };
    assert.equal(firstFlightAt(cont, now), now + 300);
    assert.equal(startsSoon(cont, now), true);
    assert.equal(startsSoon({ task_type: 'immediate' }, now), true);
    assert.equal(startsSoon({ task_type: 'timed', begin_at: now + 300 }, now), true);
    assert.equal(startsSoon({ task_type: 'timed', begin_at: now + 3600 }, now), false);
    assert.equal(startsSoon(rec, now), false);
  });

  it('reads the schedule of task information (RFC 3339 or Unix seconds)', () => {
    const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', '+00:00');
    assert.deepEqual(scheduleOfInfo({ task_type: 'timed', begin_at: iso(now + 60) }), {
      task_type: 'timed',
      begin_at: now + 60,
      recurring_task_start_time_list: undefined,
      continuous_task_periods: undefined,
    });
    const rec = scheduleOfInfo({
      task_type: 'recurring',
      begin_at: now - 3600,
      recurring_task_start_time_list: [now + 120, String(now + 7200)],
      continuous_task_periods: [],
    });
    assert.equal(rec?.begin_at, now - 3600);
    assert.deepEqual(rec?.recurring_task_start_time_list, [now + 120, now + 7200]);
    const cont = scheduleOfInfo({
      task_type: 'continuous',
      begin_at: now,
      continuous_task_periods: [[iso(now + 300), now + 900]],
    });
    assert.deepEqual(cont?.continuous_task_periods, [[now + 300, now + 900]]);
    assert.equal(scheduleOfInfo({ task_type: 'timed', begin_at: 'soon' }), undefined);
    assert.equal(scheduleOfInfo({ task_type: 'timed' }), undefined);
  });

  it('knows when a restored task takes off and whether that needs the safety gate', () => {
    assert.deepEqual(restoredStart({ task_type: 'timed', begin_at: now + 300 }, now), {
      at: now + 300,
      soon: true,
    });
    assert.deepEqual(restoredStart({ task_type: 'timed', begin_at: now + 2 * 86_400 }, now), {
      at: now + 2 * 86_400,
      soon: false,
    });
    // A start that has passed: the task may start at once.
    assert.deepEqual(restoredStart({ task_type: 'timed', begin_at: now - 600 }, now), {
      at: now - 600,
      soon: true,
    });
    assert.deepEqual(restoredStart(undefined, now), { at: undefined, soon: true });
  });

  it('proposes a default start and name', () => {
    assert.equal(defaultBegin(unix('2025-06-01T00:02:10Z')), unix('2025-06-01T00:35:00Z'));
    assert.equal(defaultTaskName('Patrol A', now, tz), 'Patrol A 2025-06-01 08:00');
    const long = defaultTaskName('x'.repeat(300), now, tz);
    assert.equal(long.length, 200);
    assert.ok(long.endsWith(' 2025-06-01 08:00'));
  });
});
