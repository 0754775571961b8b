import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { FlightHubClient } from '../../../src/api/client';
import {
  BusinessError,
  CancelledError,
  FlightHubError,
  HtmlResponseError,
  HttpStatusError,
  InvalidJsonError,
  InvalidRequestError,
  SchemaMismatchError,
  TimeoutError,
} from '../../../src/api/errors';
import type { RequestLog } from '../../../src/api/transport';
import { json, rawServer, type Script } from '../../helpers/rawServer';

const KEY = 'eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJmaDIifQ.c2VjcmV0LXNpZ25hdHVyZQ';
const PROJECT = '6155f624-17c5-4e3f-b03c-fe4cb64cacfc';
const closers: Array<() => Promise<void>> = [];
after(async () => Promise.all(closers.map((c) => c())));

async function setup(script: Script, options: { timeoutMs?: number; maxInFlight?: number } = {}) {
  const server = await rawServer(script);
  const logs: RequestLog[] = [];
  const client = new FlightHubClient({
    baseUrl: server.url,
    orgKey: KEY,
    language: 'en',
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    onLog: (l) => logs.push(l),
    ...options,
  });
  closers.push(
    () => client.close(),
    () => server.close(),
  );
  return { server, client, logs };
}

const ok = (data: unknown) => ({ code: 0, message: '', data });

describe('transport headers and envelope', () => {
  it('sends the key, a fresh request id per call, the language and the project', async () => {
    const { server, client } = await setup((_r, res) => json(res, 200, ok({ list: [] })));
    await client.project(PROJECT).waylines.list();
    await client.project(PROJECT).waylines.list();
    const [a, b] = server.seen;
    assert.equal(a?.headers['x-user-token'], KEY);
    assert.equal(a?.headers['x-project-uuid'], PROJECT);
    assert.equal(a?.headers['x-language'], 'en');
    assert.match(String(a?.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    assert.notEqual(a?.headers['x-request-id'], b?.headers['x-request-id']);
  });

  it('treats `list: null` as an empty list', async () => {
    const { client } = await setup((_r, res) => json(res, 200, ok({ list: null })));
    assert.deepEqual((await client.listOrgDevices()).list, []);
  });

  it('raises a BusinessError for HTTP 200 with a non-zero code, keeping code, message and request id', async () => {
    const { server, client } = await setup((_r, res) =>
      json(res, 200, { code: 200403, message: 'No permission for the project' }),
    );
    const error = await client
      .project(PROJECT)
      .devices.list()
      .catch((e: unknown) => e);
    assert.ok(BusinessError.is(error));
    assert.equal(error.businessCode, 200403);
    assert.equal(error.serverMessage, 'No permission for the project');
    assert.equal(error.requestId, server.seen[0]?.headers['x-request-id']);
    assert.equal(server.seen.length, 1, 'a permission error is not retried');
  });

  it('recognises an HTML page as a wrong base URL', async () => {
    const { client } = await setup((_r, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!DOCTYPE html><html></html>');
    });
    await assert.rejects(client.systemStatus(), HtmlResponseError);
  });

  it('tells invalid JSON from truncated JSON', async () => {
    const bodies = ['not json at all', '{"code":0,"data":{"list":[{"uu'];
    const { client } = await setup((_r, res, i) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(bodies[Math.min(i, 1)]);
    });
    const first = await client.systemStatus().catch((e: unknown) => e);
    assert.ok(first instanceof InvalidJsonError && !first.truncated);
    const second = await client.listOrgDevices().catch((e: unknown) => e);
    assert.ok(second instanceof InvalidJsonError && second.truncated);
  });

  it('raises SchemaMismatchError when data has the wrong shape, and tolerates extra fields', async () => {
    const { client } = await setup((_r, res, i) =>
      json(
        res,
        200,
        i === 0 ? ok({ list: [{ uuid: 7 }] }) : ok({ list: [{ uuid: 'u', name: 'n', brand_new: { x: 1 } }] }),
      ),
    );
    await assert.rejects(client.listProjects(), SchemaMismatchError);
    const page = await client.listProjects();
    assert.equal(page.list[0]?.name, 'n');
    assert.deepEqual(page.list[0]?.brand_new, { x: 1 }, 'unknown fields reach the caller');
  });

  it('validates requests strictly before sending anything', async () => {
    const { server, client } = await setup((_r, res) => json(res, 200, ok(null)));
    const body = { device_command: 'fly_to_moon' } as unknown as Parameters<
      ReturnType<FlightHubClient['project']>['devices']['command']
    >[1];
    await assert.rejects(client.project(PROJECT).devices.command('SN1', body), InvalidRequestError);
    await assert.rejects(client.listProjects({ page: 0 }), InvalidRequestError);
    assert.equal(server.seen.length, 0);
  });
});

describe('retries', () => {
  it('retries reads on 5xx and 429 (honouring Retry-After), then succeeds', async () => {
    const { server, client, logs } = await setup((_r, res, i) => {
      if (i === 0) return json(res, 503, { code: 210504, message: 'unavailable' });
      if (i === 1) return json(res, 429, {}, { 'Retry-After': '0' });
      json(res, 200, ok({ list: [] }));
    });
    await client.project(PROJECT).waylines.list();
    assert.equal(server.seen.length, 3);
    assert.deepEqual(
      logs.map((l) => l.attempt),
      [1, 2, 3],
    );
  });

  it('gives up after maxAttempts with one clear error', async () => {
    const { server, client } = await setup((_r, res) =>
      json(res, 200, { code: 210429, message: 'too frequent' }),
    );
    const error = await client.listOrgDevices().catch((e: unknown) => e);
    assert.ok(BusinessError.is(error) && error.businessCode === 210429);
    assert.equal(server.seen.length, 4);
  });

  it('never retries a device command', async () => {
    const { server, client } = await setup((_r, res) => json(res, 503, {}));
    await assert.rejects(
      client.project(PROJECT).devices.command('SN1', { device_command: 'return_home' }),
      HttpStatusError,
    );
    assert.equal(server.seen.length, 1);
  });
});

describe('timeouts, cancellation and the in-flight limit', () => {
  it('times out a slow answer', async () => {
    const { client } = await setup(() => undefined, { timeoutMs: 50 });
    const error = await client
      .project(PROJECT)
      .devices.command('SN', { device_command: 'return_home' })
      .catch((e: unknown) => e);
    assert.ok(error instanceof TimeoutError);
  });

  it('cancels with the caller signal, distinct from a timeout', async () => {
    const { client } = await setup(() => undefined, { timeoutMs: 5_000 });
    const controller = new AbortController();
    const pending = client.systemStatus(controller.signal);
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(pending, CancelledError);
  });

  it('keeps at most maxInFlight requests open', async () => {
    let open = 0;
    let peak = 0;
    const { client } = await setup(
      async (_r, res) => {
        open++;
        peak = Math.max(peak, open);
        await new Promise((r) => setTimeout(r, 20));
        open--;
        json(res, 200, ok(null));
      },
      { maxInFlight: 3 },
    );
    await Promise.all(Array.from({ length: 10 }, () => client.systemStatus()));
    assert.equal(peak, 3);
  });
});

describe('the organization key stays secret', () => {
  it('appears in no error message, log entry or recorded request', async () => {
    const { client, logs } = await setup((_r, res) =>
      json(res, 200, { code: 200401, message: 'X-User-Token is invalid' }),
    );
    const error = (await client.systemStatus().catch((e: unknown) => e)) as FlightHubError;
    const serialized = JSON.stringify({
      error,
      message: error.message,
      stack: error.stack,
      logs,
      last: client.transport.lastRequest,
    });
    assert.ok(!serialized.includes(KEY));
    assert.ok(!serialized.includes(KEY.split('.')[2] ?? '???'));
    assert.equal(client.transport.lastRequest?.headers['X-User-Token'], '<organization-key>');
  });
});
