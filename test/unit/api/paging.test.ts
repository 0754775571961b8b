import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { iterateProjects, iterateTaskWindows, taskWindows } from '../../../src/api/paging';
import type { Project } from '../../../src/api/schemas/project';
import type { Task } from '../../../src/api/schemas/task';

const project = (n: number): Project => ({ uuid: `p${n}`, name: `Project ${n}` });
const task = (uuid: string): Task => ({ uuid, name: uuid, task_type: 'timed', status: 'waiting' });

describe('project paging', () => {
  it('stops on a short page', async () => {
    const pages = [[1, 2], [3, 4], [5]].map((p) => p.map(project));
    const asked: number[] = [];
    const seen: string[] = [];
    for await (const page of iterateProjects(
      (n) => (asked.push(n), Promise.resolve({ list: pages[n - 1] ?? [] })),
      2,
    )) {
      seen.push(...page.map((p) => p.uuid));
    }
    assert.deepEqual(seen, ['p1', 'p2', 'p3', 'p4', 'p5']);
    assert.deepEqual(asked, [1, 2, 3]);
  });

  it('stops on an empty (null) page after full pages', async () => {
    const asked: number[] = [];
    const seen: Project[] = [];
    for await (const page of iterateProjects(
      (n) => (asked.push(n), Promise.resolve({ list: n <= 2 ? [project(n * 2), project(n * 2 + 1)] : [] })),
      2,
    )) {
      seen.push(...page);
    }
    assert.equal(seen.length, 4);
    assert.deepEqual(asked, [1, 2, 3]);
  });
});

describe('task windows', () => {
  it('covers the range exactly with consecutive windows', () => {
    const w = taskWindows({ from: 1000, to: 1000 + 3 * 86400 - 1, windowSeconds: 86400 });
    assert.equal(w.length, 3);
    assert.equal(w[0]?.begin_at, 1000);
    for (let i = 1; i < w.length; i++) assert.equal(w[i]?.begin_at, (w[i - 1]?.end_at ?? 0) + 1);
    assert.equal(w.at(-1)?.end_at, 1000 + 3 * 86400 - 1);
  });

  it('can go newest first, and yields a task on a window edge once', async () => {
    const range = { from: 0, to: 199, windowSeconds: 100, newestFirst: true };
    assert.deepEqual(
      taskWindows(range).map((w) => w.begin_at),
      [100, 0],
    );
    const out: string[] = [];
    for await (const tasks of iterateTaskWindows(
      () => Promise.resolve({ list: [task('edge'), task(String(Math.random()))] }),
      range,
    )) {
      out.push(...tasks.map((t) => t.uuid));
    }
    assert.equal(out.filter((u) => u === 'edge').length, 1);
    assert.equal(out.length, 3);
  });
});
