import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Task } from '../../../../src/api/schemas/task';
import {
  GRACE_MS,
  LEAD_MS,
  MAX_DELAY_MS,
  pollDecision,
  timeMs,
  WATCH_SLOW_MS,
  watchDelayMs,
} from '../../../../src/features/tasks/taskPolling';

const NOW = Date.parse('2026-12-07T08:00:00Z');
const REFRESH = 5_000;
const MIN = 60_000;

function task(status: string, beginAt?: string | number | null, uuid = status): Task {
  return { uuid, name: uuid, task_type: 'timed', status, begin_at: beginAt };
}
const iso = (ms: number) => new Date(ms).toISOString();

describe('Flight Tasks polling decision', () => {
  it('polls at the refresh interval while a task is under way', () => {
    for (const status of ['preparing', 'queue_for_takeoff', 'executing', 'paused'])
      assert.deepEqual(
        pollDecision([task('success', iso(NOW - 60 * MIN)), task(status, iso(NOW - MIN))], NOW, REFRESH),
        { poll: true, delayMs: REFRESH },
        status,
      );
  });

  it('does not poll finished, suspended or empty docks', () => {
    for (const status of ['success', 'terminated', 'timeout', 'starting_failure', 'suspended'])
      assert.deepEqual(pollDecision([task(status, iso(NOW))], NOW, REFRESH), {
        poll: false,
        delayMs: undefined,
      });
    assert.deepEqual(pollDecision([], NOW, REFRESH), { poll: false, delayMs: undefined });
  });

  it('polls a waiting task from shortly before its start until a while after it', () => {
    const cases: Array<[string, number, boolean]> = [
      ['starts in 30 s', NOW + 30_000, true],
      ['starts exactly at the lead', NOW + LEAD_MS, true],
      ['start time just passed', NOW - 10_000, true],
      ['start passed by the whole grace', NOW - GRACE_MS, true],
      ['start passed by more than the grace', NOW - GRACE_MS - 1, false],
    ];
    for (const [name, start, poll] of cases) {
      const d = pollDecision([task('waiting', iso(start))], NOW, REFRESH);
      assert.equal(d.poll, poll, name);
      if (poll) assert.equal(d.delayMs, REFRESH, name);
    }
  });

  it('waits for the nearest future start without polling before its lead', () => {
    const d = pollDecision(
      [
        task('waiting', iso(NOW + 3 * 60 * MIN), 'later'),
        task('waiting', iso(NOW + 30 * MIN), 'sooner'),
        task('success', iso(NOW - 60 * MIN)),
      ],
      NOW,
      REFRESH,
    );
    assert.deepEqual(d, { poll: false, delayMs: 30 * MIN - LEAD_MS });
  });

  it('accepts Unix seconds as well as RFC 3339, and ignores a waiting task without a start', () => {
    assert.equal(pollDecision([task('waiting', (NOW + 60_000) / 1000)], NOW, REFRESH).poll, true);
    assert.deepEqual(pollDecision([task('waiting', null), task('waiting', 'not a time')], NOW, REFRESH), {
      poll: false,
      delayMs: undefined,
    });
    assert.equal(timeMs('2026-12-07T08:00:00+08:00'), Date.parse('2026-12-07T00:00:00Z'));
  });

  it('never asks for a timer longer than setTimeout allows', () => {
    const d = pollDecision([task('waiting', iso(NOW + 60 * 86_400_000))], NOW, REFRESH);
    assert.deepEqual(d, { poll: false, delayMs: MAX_DELAY_MS });
  });
});

describe('watched task delay', () => {
  it('looks every refresh at a task under way or about to start', () => {
    for (const status of ['preparing', 'executing', 'paused'])
      assert.equal(watchDelayMs(status, NOW - MIN, NOW, REFRESH), REFRESH, status);
    assert.equal(watchDelayMs('waiting', NOW + LEAD_MS - 1, NOW, REFRESH), REFRESH);
    assert.equal(watchDelayMs('waiting', undefined, NOW, REFRESH), REFRESH);
    assert.equal(watchDelayMs('waiting', NOW - MIN, NOW, REFRESH), REFRESH, 'a late start');
  });

  it('looks once a minute at a task far off or suspended', () => {
    assert.equal(watchDelayMs('waiting', NOW + 6 * 24 * 60 * MIN, NOW, REFRESH), WATCH_SLOW_MS);
    assert.equal(watchDelayMs('waiting', NOW + LEAD_MS + 1, NOW, REFRESH), WATCH_SLOW_MS);
    assert.equal(watchDelayMs('suspended', NOW + MIN, NOW, REFRESH), WATCH_SLOW_MS);
    assert.equal(watchDelayMs('suspended', NOW, NOW, 120_000), 120_000, 'never faster than the refresh');
  });
});
