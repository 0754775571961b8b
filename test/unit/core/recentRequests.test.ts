import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { FlightHubClient } from '../../../src/api/client';
import { KEY_PLACEHOLDER, type RequestLog } from '../../../src/api/transport';
import { RECENT_REQUESTS_MAX, RecentRequests, toRow } from '../../../src/core/recentRequests';
import { json, rawServer } from '../../helpers/rawServer';

const KEY = 'eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJmaDIifQ.cmVjZW50LXJlcXVlc3Rz';
const closers: Array<() => Promise<void>> = [];
after(async () => Promise.all(closers.map((c) => c())));

describe('recent requests for the curl copy', () => {
  it('keeps the last 50, newest first, marks failures and never holds the key', async () => {
    // Every fifth request is refused with a business error that is not worth repeating.
    const server = await rawServer((_req, res, index) =>
      index % 5 === 4
        ? json(res, 200, { code: 210001, message: 'refused' })
        : json(res, 200, { code: 0, message: '', data: { list: [], pagination: { total: 0 } } }),
    );
    const logs: RequestLog[] = [];
    const recent = new RecentRequests();
    let clock = 1_000;
    const client = new FlightHubClient({
      baseUrl: server.url,
      orgKey: KEY,
      language: 'en',
      onLog: (entry) => {
        logs.push(entry);
        recent.add(entry, clock++);
      },
    });
    closers.push(
      () => client.close(),
      () => server.close(),
    );
    for (let i = 0; i < 57; i++) await client.listProjects({ page: i + 1 }).catch(() => undefined);
    assert.equal(logs.length, 57, 'one attempt per call');

    const rows = recent.list().map((r) => toRow(r, [KEY]));
    assert.equal(RECENT_REQUESTS_MAX, 50);
    assert.equal(rows.length, 50);
    assert.deepEqual(
      rows.map((r) => r.requestId),
      logs
        .slice(-50)
        .reverse()
        .map((l) => l.requestId),
      'newest first, the oldest seven dropped',
    );
    assert.deepEqual(
      rows.map((r) => r.at),
      [...rows.map((r) => r.at)].sort((a, b) => b - a),
    );
    assert.match(rows[0]?.curl ?? '', /page=57/);

    const failed = rows.filter((r) => r.failed);
    assert.equal(failed.length, 10, 'requests 10, 15, … 55 failed');
    for (const r of failed) {
      assert.equal(r.error, 'business');
      assert.equal(r.outcome, 'HTTP 200 · 210001');
    }
    for (const r of rows.filter((x) => !x.failed)) {
      assert.equal(r.error, undefined);
      assert.equal(r.outcome, 'HTTP 200');
    }
    for (const r of rows) {
      assert.equal(r.method, 'GET');
      assert.equal(r.path, '/openapi/v0.1/project');
      assert.ok(r.curl.includes('"X-User-Token: $FLIGHTHUB_ORG_KEY"'), r.curl);
      assert.ok(!r.curl.includes(KEY), 'the key is in a curl command');
    }
    const held = JSON.stringify(recent.list());
    assert.ok(!held.includes(KEY), 'the list itself holds the key');
    assert.ok(held.includes(KEY_PLACEHOLDER));
  });

  it('scrubs a known secret that reached a request body', () => {
    const recent = new RecentRequests();
    recent.add({
      id: 'task.create',
      method: 'POST',
      path: '/openapi/v0.1/flight-task',
      requestId: 'r-1',
      attempt: 1,
      durationMs: 3,
      status: undefined,
      error: 'network',
      request: {
        method: 'POST',
        url: 'http://127.0.0.1:1/openapi/v0.1/flight-task',
        headers: { 'X-User-Token': KEY_PLACEHOLDER },
        body: JSON.stringify({ name: `pasted ${KEY}` }),
      },
    });
    const [row] = recent.list().map((r) => toRow(r, [KEY]));
    assert.ok(row);
    assert.ok(!row.curl.includes(KEY));
    assert.equal(row.failed, true);
    assert.equal(row.outcome, '—');
  });

  it('skips entries without a recorded request', () => {
    const recent = new RecentRequests(2);
    const entry = {
      id: 'org.projects',
      method: 'GET',
      path: '/p',
      requestId: 'r',
      attempt: 1,
      durationMs: 1,
    } as const;
    recent.add(entry);
    assert.equal(recent.list().length, 0);
  });
});
