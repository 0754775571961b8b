// Every fault kind of the simulator against the client: it succeeds after retrying, or raises one
// clear error; no write is ever duplicated.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { FlightHubClient } from '../../../src/api/client';
import {
  AmbiguousWriteError,
  BusinessError,
  FlightHubError,
  HtmlResponseError,
  HttpStatusError,
  InvalidJsonError,
  NetworkError,
  TimeoutError,
} from '../../../src/api/errors';
import type { ProjectApi } from '../../../src/api/projectApi';
import type { BodyOf } from '../../../src/api/contract';
import type { FaultRuleInput } from '../../../src/simulator/faults';
import type { WorldDescription } from '../../../src/simulator/world';
import { control, withSimulator, type SimSetup } from '../../helpers/sim';

let s: SimSetup;
let api: ProjectApi;
let world: WorldDescription;
let taskBody: BodyOf<'task.create'>;

after(() => s?.close());
before(async () => {
  s = await withSimulator({ seed: 'faults' });
  world = s.sim.world.describe();
  const dock = world.docks.find(
    (d) => d.role === 'main' && world.projects.some((p) => p.accessible && p.uuid === d.projectUuid),
  );
  assert.ok(dock);
  const route = world.routes.find(
    (r) =>
      r.projectUuid === dock.projectUuid &&
      r.purpose === 'patrol' &&
      r.deviceModelKey === dock.aircraftModelKey,
  );
  assert.ok(route);
  api = s.client.project(dock.projectUuid);
  taskBody = {
    name: 'Fault drill',
    sn: dock.sn,
    wayline_uuid: route.uuid,
    task_type: 'immediate',
    time_zone: 'UTC',
    rth_altitude: 80,
    out_of_control_action_in_flight: 'return_home',
    resumable_status: 'auto',
  };
});
beforeEach(() => {
  s.sim.faults.clear();
  s.logs.length = 0;
});

const add = (rule: FaultRuleInput) => s.sim.faults.add(rule);
const attempts = () => s.logs.filter((l) => l.id === 'wayline.list').length;
async function failure(promise: Promise<unknown>): Promise<FlightHubError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(FlightHubError.is(error), `expected a FlightHubError, got ${String(error)}`);
  return error;
}

describe('transient faults on reads are retried away', () => {
  for (const kind of ['http_5xx', 'http_429', 'biz_210429', 'reset', 'truncated_json'] as const) {
    it(`${kind} twice, then success`, async () => {
      add({ kind, match: 'wayline.list', count: 2, retryAfter: 0 });
      const list = await api.waylines.list();
      assert.ok(list.list.length > 0);
      assert.equal(attempts(), 3);
    });
  }

  it('latency with jitter only slows things down', async () => {
    add({ kind: 'latency', match: '/openapi/v0.1/wayline', ms: 30, jitterMs: 20 });
    const started = performance.now();
    await api.waylines.list();
    assert.ok(performance.now() - started >= 30);
    assert.equal(attempts(), 1);
  });

  it('a slow body arrives whole when there is time', async () => {
    add({ kind: 'slow_body', match: 'wayline.list', ms: 1 });
    assert.ok((await api.waylines.list()).list.length > 0);
  });
});

describe('persistent faults give one clear error', () => {
  it('5xx forever → HttpStatusError after the retry budget', async () => {
    add({ kind: 'http_5xx', match: 'wayline.list', status: 502 });
    const error = await failure(api.waylines.list());
    assert.ok(HttpStatusError.is(error) || BusinessError.is(error));
    assert.equal(attempts(), 4);
  });

  it('an HTML page → HtmlResponseError, not retried', async () => {
    add({ kind: 'html', match: '*' });
    assert.ok((await failure(api.waylines.list())) instanceof HtmlResponseError);
    assert.equal(attempts(), 1);
  });

  it('a slow body past the timeout → TimeoutError', async () => {
    add({ kind: 'slow_body', match: 'org.devices', ms: 100 });
    const impatient = new FlightHubClient({
      baseUrl: s.sim.url,
      orgKey: s.sim.orgKey,
      timeoutMs: 150,
      retry: { maxAttempts: 1 },
    });
    assert.ok((await failure(impatient.listOrgDevices())) instanceof TimeoutError);
    await impatient.close();
  });
});

describe('tolerance of what the live service does', () => {
  it('schema drift (extra fields, optional ones missing) still parses', async () => {
    add({ kind: 'schema_drift', match: '*' });
    const devices = await api.devices.list();
    assert.ok(devices.list.length > 0);
    const projects = await s.client.listProjects();
    assert.ok(projects.list.every((p) => p.introduction === undefined));
  });

  it('null lists become empty lists', async () => {
    add({ kind: 'null_lists', match: 'wayline.list' });
    assert.deepEqual((await api.waylines.list()).list, []);
  });
});

describe('writes are never duplicated', () => {
  it('a reset after task creation is reconciled: one task, its uuid returned', async () => {
    const before = s.sim.world.inspect().tasksCreated;
    add({ kind: 'reset', match: 'task.create', count: 1 });
    const created = await api.tasks.create({ ...taskBody, name: 'Reset drill' });
    assert.equal(created.reconciled, true);
    assert.equal(s.sim.world.inspect().tasksCreated, before + 1);
    assert.equal((await api.tasks.info(created.task_uuid)).name, 'Reset drill');
  });

  it('a refused creation (5xx before handling) is reported, nothing created, nothing resent', async () => {
    const before = s.sim.world.inspect().tasksCreated;
    add({ kind: 'http_5xx', match: 'task.create', count: 1 });
    const error = await failure(api.tasks.create({ ...taskBody, name: 'Refused drill' }));
    assert.ok(HttpStatusError.is(error) || BusinessError.is(error));
    assert.equal(s.sim.world.inspect().tasksCreated, before);
    assert.equal(s.logs.filter((l) => l.id === 'task.create').length, 1);
  });

  it('a lost answer whose lookup also fails → AmbiguousWriteError, still one task', async () => {
    const before = s.sim.world.inspect().tasksCreated;
    add({ kind: 'truncated_json', match: 'task.create', count: 1 });
    add({ kind: 'html', match: 'task.list', skip: 1 }); // the snapshot lookup passes, the reconciliation fails
    const error = await failure(api.tasks.create({ ...taskBody, name: 'Ambiguous drill' }));
    assert.ok(error instanceof AmbiguousWriteError);
    assert.equal(s.sim.world.inspect().tasksCreated, before + 1);
  });

  for (const kind of ['reset', 'truncated_json', 'http_5xx', 'biz_210429'] as const) {
    it(`a device command hit by ${kind} is sent exactly once`, async () => {
      const before = s.sim.world.inspect().commands.length;
      add({ kind, match: 'device.command', count: 1 });
      const error = await failure(api.devices.command(taskBody.sn, { device_command: 'return_home_cancel' }));
      assert.ok(
        error instanceof NetworkError ||
          error instanceof InvalidJsonError ||
          HttpStatusError.is(error) ||
          BusinessError.is(error),
      );
      assert.equal(s.logs.filter((l) => l.id === 'device.command').length, 1);
      assert.ok(s.sim.world.inspect().commands.length - before <= 1);
    });
  }
});

describe('faults at run time through the control endpoint', () => {
  it('adds, lists and clears rules over HTTP', async () => {
    const rule = (await control(s.sim, 'POST', '/__sim/faults', {
      kind: 'http_5xx',
      match: 'sys.status',
      count: 1,
    })) as { id: number };
    assert.ok(rule.id > 0);
    const listed = (await control(s.sim, 'GET', '/__sim/faults')) as { faults: unknown[] };
    assert.equal(listed.faults.length, 1);
    await s.client.systemStatus(); // retried through the one 5xx
    await control(s.sim, 'DELETE', '/__sim/faults');
    assert.equal(s.sim.faults.list().length, 0);
  });

  it('hands out already-expired STS credentials on demand', async () => {
    add({ kind: 'sts_expired', match: 'project.sts' });
    const sts = await api.stsToken();
    const s3 = new S3Client({
      endpoint: sts.endpoint,
      region: sts.region,
      forcePathStyle: true,
      maxAttempts: 1,
      credentials: {
        accessKeyId: sts.credentials.access_key_id,
        secretAccessKey: sts.credentials.access_key_secret,
        sessionToken: sts.credentials.security_token,
      },
    });
    const put = new PutObjectCommand({
      Bucket: sts.bucket,
      Key: `${sts.object_key_prefix}/x.kmz`,
      Body: Buffer.from('x'),
    });
    await assert.rejects(s3.send(put), (e: Error) => e.name === 'ExpiredToken');
    s3.destroy();
  });
});
