import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Task } from '../../../../src/api/schemas/task';
import { orderAroundNow } from '../../../../src/features/tasks/taskOrder';

const NOW = Date.parse('2026-12-07T08:00:00Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

function task(name: string, status: string, beginAt: number): Task {
  return { uuid: name, name, task_type: 'timed', status, begin_at: iso(beginAt) };
}

describe('Flight Tasks order around now', () => {
  it('puts what flies first, then upcoming soonest first, then past newest first', () => {
    const tasks = [
      task('past-old', 'success', NOW - 48 * HOUR),
      task('far-future', 'waiting', NOW + 6 * 24 * HOUR),
      task('flying', 'executing', NOW - HOUR / 4),
      task('past-recent', 'terminated', NOW - 2 * HOUR),
      task('next', 'waiting', NOW + HOUR),
      task('paused', 'paused', NOW - HOUR),
      task('late-start', 'waiting', NOW - HOUR / 2),
      task('later', 'suspended', NOW + 5 * HOUR),
      task('preparing', 'preparing', NOW),
    ];
    assert.deepEqual(
      orderAroundNow(tasks, NOW).map((t) => t.name),
      [
        'preparing',
        'flying',
        'paused',
        'late-start',
        'next',
        'later',
        'far-future',
        'past-recent',
        'past-old',
      ],
    );
  });

  it('reads Unix seconds as well as RFC 3339, and falls back to run_at', () => {
    const tasks: Task[] = [
      { uuid: 'a', name: 'a', task_type: 'immediate', status: 'success', run_at: (NOW - HOUR) / 1000 },
      { uuid: 'b', name: 'b', task_type: 'timed', status: 'success', begin_at: (NOW - 10 * HOUR) / 1000 },
      { uuid: 'c', name: 'c', task_type: 'timed', status: 'waiting', begin_at: (NOW + HOUR) / 1000 },
    ];
    assert.deepEqual(
      orderAroundNow(tasks, NOW).map((t) => t.uuid),
      ['c', 'a', 'b'],
    );
  });
});
