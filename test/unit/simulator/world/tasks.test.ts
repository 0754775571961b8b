// Flight tasks on the simulated clock: lifecycle, real-time commands, suspend/restore, failures.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { immediateTask, items, makeHarness, mustFind, rec, type Harness } from '../../../helpers/world';

const MIN = 60_000;

function docks(h: Harness) {
  const inP1 = h.d.docks.filter((d) => d.projectUuid === h.p1);
  return {
    main: mustFind(
      inP1.find((d) => d.role === 'main'),
      'main dock',
    ),
    dock3: mustFind(
      inP1.find((d) => d.role === 'dock3'),
      'dock 3',
    ),
    m3tdRoute: mustFind(
      h.d.routes.find(
        (r) => r.projectUuid === h.p1 && r.purpose === 'patrol' && r.deviceModelKey === '0-91-1',
      ),
      'M3TD route',
    ),
    m4tdRoute: mustFind(
      h.d.routes.find(
        (r) => r.projectUuid === h.p1 && r.purpose === 'patrol' && r.deviceModelKey === '0-100-1',
      ),
      'M4TD route',
    ),
  };
}

async function info(h: Harness, uuid: string) {
  return rec(await h.call('task.info', { params: { task_uuid: uuid } }));
}

async function state(h: Harness, sn: string) {
  return rec(rec(await h.call('device.state', { params: { device_sn: sn } })).device_state);
}

/** Advances in steps until the task reaches `status` (or fails after `limitMs`). */
async function until(h: Harness, uuid: string, status: string, stepMs = 10_000, limitMs = 3 * 3_600_000) {
  for (let spent = 0; spent <= limitMs; spent += stepMs) {
    const i = await info(h, uuid);
    if (i.status === status) return i;
    h.clock.advance(stepMs);
  }
  assert.fail(`task ${uuid} never reached ${status}`);
}

void describe('world: immediate task lifecycle', () => {
  let h: Harness;
  before(async () => (h = await makeHarness()));
  after(async () => h.close());

  void it('prepares, flies the route, lands and uploads its media', async () => {
    const { main, m3tdRoute } = docks(h);
    assert.equal((await state(h, main.sn)).mode_code, 'idle', 'the main dock is idle at the start');
    const created = rec(await h.call('task.create', { body: immediateTask(main.sn, m3tdRoute.uuid) }));
    const uuid = String(created.task_uuid);
    assert.equal(h.world.inspect().tasksCreated, 1);
    assert.equal((await info(h, uuid)).status, 'preparing');

    h.clock.advance(6_000);
    assert.equal((await info(h, uuid)).status, 'executing');
    h.clock.advance(30_000);
    const dock = await state(h, main.sn);
    assert.equal(dock.mode_code, 'in_operation');
    assert.equal(dock.drone_in_dock, 'outside');
    const a1 = await state(h, main.aircraftSn);
    assert.equal(a1.mode_code, 'wayline_flight');
    assert.ok(Number(a1.elevation) > 0, 'the aircraft has climbed');
    h.clock.advance(60_000);
    const a2 = await state(h, main.aircraftSn);
    assert.notDeepEqual([a2.latitude, a2.longitude], [a1.latitude, a1.longitude], 'the aircraft moves');
    assert.ok(
      Number(rec(a2.battery).capacity_percent) < Number(rec(a1.battery).capacity_percent),
      'the battery drains',
    );
    const during = await info(h, uuid);
    assert.ok(Number(during.current_waypoint_index) > 0);

    const landed = await until(h, uuid, 'success');
    const folder = rec(landed.folder_info);
    assert.ok(Number(folder.expected_file_count) >= 3, 'photos + video + ppk');
    assert.ok(
      Number(folder.uploaded_file_count) < Number(folder.expected_file_count),
      'uploads trickle in after landing',
    );
    assert.equal(landed.current_waypoint_index, landed.total_waypoints);
    h.clock.advance(MIN);
    const uploaded = rec((await info(h, uuid)).folder_info);
    assert.equal(uploaded.uploaded_file_count, uploaded.expected_file_count);
    const media = items(await h.call('task.media', { params: { task_uuid: uuid } }));
    assert.equal(media.length, uploaded.expected_file_count);
    assert.deepEqual([...new Set(media.map((m) => m.file_type))].sort(), ['image', 'ppk', 'video']);

    const aircraft = await state(h, main.aircraftSn);
    assert.equal(aircraft.mode_code, 'standby');
    assert.equal((await state(h, main.sn)).drone_in_dock, 'inside');

    const track = rec(rec(await h.call('task.track', { params: { task_uuid: uuid } })).track);
    const points = track.points as { timestamp: number; latitude: number }[];
    assert.ok(points.length > 30);
    assert.equal(
      (points[1]?.timestamp ?? 0) - (points[0]?.timestamp ?? 0),
      1000,
      'one point per second, ms timestamps',
    );
    assert.ok(Math.abs(points.length - 1 - Number(track.flight_duration)) <= 1);
    assert.ok(Number(track.flight_distance) > 100);
  });

  void it('lists the created task with RFC 3339 times and filters', async () => {
    const { main } = docks(h);
    const now = Math.floor(h.clock.now() / 1000);
    const listed = items(
      await h.call('task.list', {
        query: { sn: main.sn, begin_at: now - 3600, end_at: now, name: 'unit test' },
      }),
    );
    assert.equal(listed.length, 1);
    const t = mustFind(listed[0], 'task');
    assert.match(String(t.begin_at), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    assert.match(String(t.completed_at), /\+08:00$/);
    assert.equal(typeof t.folder_id, 'number');
    assert.equal(
      items(
        await h.call('task.list', {
          query: { sn: main.sn, begin_at: now - 3600, end_at: now, status: 'waiting,paused' },
        }),
      ).length,
      0,
    );
    assert.equal(
      items(
        await h.call('task.list', {
          query: { sn: main.sn, begin_at: now - 3600, end_at: now, task_type: 'timed', name: 'unit test' },
        }),
      ).length,
      0,
    );
    await h.fails(
      'task.list',
      { query: { sn: main.sn, begin_at: now, end_at: now, status: 'flying' } },
      200101,
    );
  });
});

void describe('world: real-time commands', () => {
  let h: Harness;
  before(async () => (h = await makeHarness()));
  after(async () => h.close());

  void it('pauses, resumes, returns home, cancels and terminates the executing task', async () => {
    const { dock3 } = docks(h);
    const uuid = mustFind(h.d.tasks.executing, 'executing task').uuid;
    assert.equal((await info(h, uuid)).status, 'executing');
    const cmd = (sn: string, device_command: string) =>
      h.call('device.command', { params: { device_sn: sn }, body: { device_command } });

    await cmd(dock3.aircraftSn, 'flighttask_pause');
    assert.equal((await info(h, uuid)).status, 'paused');
    const frozen = await state(h, dock3.aircraftSn);
    const index = (await info(h, uuid)).current_waypoint_index;
    h.clock.advance(2 * MIN);
    assert.equal((await info(h, uuid)).status, 'paused', 'a pause lasts until recovery');
    const still = await state(h, dock3.aircraftSn);
    assert.deepEqual([still.latitude, still.longitude], [frozen.latitude, frozen.longitude]);
    assert.equal((await info(h, uuid)).current_waypoint_index, index);
    await h.fails(
      'device.command',
      { params: { device_sn: dock3.sn }, body: { device_command: 'flighttask_pause' } },
      228406,
    );

    await cmd(dock3.sn, 'flighttask_recovery'); // the dock SN is accepted too (docs/api.md#device-commands)
    assert.equal((await info(h, uuid)).status, 'executing');
    h.clock.advance(5_000);
    await cmd(dock3.aircraftSn, 'return_home');
    h.clock.advance(2_000);
    assert.equal((await state(h, dock3.aircraftSn)).mode_code, 'auto_rth');
    await cmd(dock3.aircraftSn, 'return_home_cancel');
    assert.equal((await state(h, dock3.aircraftSn)).mode_code, 'wayline_flight');
    await h.fails(
      'device.command',
      { params: { device_sn: dock3.sn }, body: { device_command: 'return_home_cancel' } },
      228406,
    );
    await cmd(dock3.aircraftSn, 'return_home');
    const done = await until(h, uuid, 'terminated', 5_000, 30 * MIN);
    assert.ok(Number(done.current_waypoint_index) < Number(done.total_waypoints));
    const message = await h.fails(
      'device.command',
      { params: { device_sn: dock3.sn }, body: { device_command: 'return_home' } },
      228406,
    );
    assert.match(message, /idle/);
    assert.deepEqual(
      h.world.inspect().commands.map((c) => [c.sn, c.command]),
      [
        [dock3.aircraftSn, 'flighttask_pause'],
        [dock3.sn, 'flighttask_recovery'],
        [dock3.aircraftSn, 'return_home'],
        [dock3.aircraftSn, 'return_home_cancel'],
        [dock3.aircraftSn, 'return_home'],
      ],
    );
    assert.equal(h.world.inspect().tasksStored, 1, 'only the commanded seeded task was copied');
  });

  void it('queues an immediate task behind a flight on the same dock', async () => {
    const fresh = await makeHarness();
    try {
      const { dock3, m4tdRoute } = docks(fresh);
      const created = rec(await fresh.call('task.create', { body: immediateTask(dock3.sn, m4tdRoute.uuid) }));
      const uuid = String(created.task_uuid);
      assert.equal((await info(fresh, uuid)).status, 'waiting');
      await until(fresh, mustFind(fresh.d.tasks.executing, 'executing').uuid, 'success', 5_000, 30 * MIN);
      fresh.clock.advance(6_000);
      assert.ok(['preparing', 'executing'].includes(String((await info(fresh, uuid)).status)));
    } finally {
      await fresh.close();
    }
  });
});

void describe('world: suspend and restore', () => {
  let h: Harness;
  before(async () => (h = await makeHarness()));
  after(async () => h.close());

  const timed = (h: Harness, sn: string, route: string, beginAt: number) =>
    immediateTask(sn, route, { task_type: 'timed', begin_at: beginAt, name: 'Timed unit test' });

  void it('suspends and restores waiting scheduled tasks only', async () => {
    const waiting = mustFind(h.d.tasks.timedWaiting, 'timed task').uuid;
    const put = (uuid: string, status: string) =>
      h.call('task.status.update', { params: { task_uuid: uuid }, body: { status } });
    await put(waiting, 'suspended');
    assert.equal((await info(h, waiting)).status, 'suspended');
    await h.fails(
      'task.status.update',
      { params: { task_uuid: waiting }, body: { status: 'suspended' } },
      200101,
    );
    await put(waiting, 'restored');
    assert.equal((await info(h, waiting)).status, 'waiting');
    await h.fails(
      'task.status.update',
      { params: { task_uuid: waiting }, body: { status: 'restored' } },
      200101,
    );
    assert.equal((await info(h, mustFind(h.d.tasks.suspended, 'suspended').uuid)).status, 'suspended');

    const immediate = mustFind(h.d.tasks.executing, 'executing').uuid;
    const msg = await h.fails(
      'task.status.update',
      { params: { task_uuid: immediate }, body: { status: 'suspended' } },
      200101,
    );
    assert.match(msg, /timed, recurring and continuous/);
    await h.fails(
      'task.status.update',
      { params: { task_uuid: '00000000-0000-4000-8000-000000000000' }, body: { status: 'suspended' } },
      200404,
    );
  });

  void it('starts a timed task at begin_at, and times out one restored too late', async () => {
    const { main, m3tdRoute } = docks(h);
    const now = Math.floor(h.clock.now() / 1000);
    const flies = String(
      rec(await h.call('task.create', { body: timed(h, main.sn, m3tdRoute.uuid, now + 600) })).task_uuid,
    );
    const late = String(
      rec(await h.call('task.create', { body: timed(h, main.sn, m3tdRoute.uuid, now + 300) })).task_uuid,
    );
    await h.call('task.status.update', { params: { task_uuid: late }, body: { status: 'suspended' } });
    assert.equal((await info(h, flies)).status, 'waiting');
    h.clock.advance(610_000);
    assert.equal((await info(h, flies)).status, 'executing');
    await h.fails(
      'task.status.update',
      { params: { task_uuid: flies }, body: { status: 'suspended' } },
      200101,
    );
    assert.equal((await info(h, late)).status, 'suspended', 'a suspended task stays suspended past its slot');
    await h.call('task.status.update', { params: { task_uuid: late }, body: { status: 'restored' } });
    assert.equal((await info(h, late)).status, 'timeout');
  });

  void it('rejects a begin_at in the past', async () => {
    const { main, m3tdRoute } = docks(h);
    const past = Math.floor(h.clock.now() / 1000) - 60;
    await h.fails('task.create', { body: timed(h, main.sn, m3tdRoute.uuid, past) }, 200101);
  });
});

void describe('world: task creation failures', () => {
  let h: Harness;
  before(async () => (h = await makeHarness()));
  after(async () => h.close());

  void it('answers the documented business codes', async () => {
    const { main, dock3, m3tdRoute, m4tdRoute } = docks(h);
    const create = (sn: string, route: string, code: number, extra = {}) =>
      h.fails('task.create', { body: immediateTask(sn, route, extra) }, code);
    const otherProjectDock = mustFind(
      h.d.docks.find((d) => d.projectUuid !== h.p1),
      'dock elsewhere',
    ).sn;
    const otherRoute = mustFind(
      h.d.routes.find((r) => r.projectUuid !== h.p1),
      'route elsewhere',
    ).uuid;
    assert.match(await create(main.aircraftSn, m3tdRoute.uuid, 219014), /dock SN/);
    await create(otherProjectDock, m3tdRoute.uuid, 219014);
    await create(mustFind(h.d.remoteControllers[0], 'rc').sn, m3tdRoute.uuid, 219014);
    await create(main.sn, otherRoute, 219001);
    await create(main.sn, 'e5a1c0de-0000-4000-8000-000000000000', 219001);
    await create(main.sn, mustFind(h.d.failures.modelMismatchRouteUuid, 'mismatch route'), 219019);
    await create(main.sn, m4tdRoute.uuid, 219019);
    await create(dock3.sn, m3tdRoute.uuid, 219019);
    await create(main.sn, mustFind(h.d.failures.unvalidatedRouteUuid, 'unvalidated route'), 219020);
    await create(mustFind(h.d.failures.oldFirmwareDockSn, 'old dock'), m3tdRoute.uuid, 200700);
    await create(mustFind(h.d.failures.offlineDockSn, 'offline dock'), m3tdRoute.uuid, 212015);
    assert.equal(h.world.inspect().tasksCreated, 0);
  });

  void it('creates a task above the RTH limit that then fails to start', async () => {
    const { main, m3tdRoute } = docks(h);
    const uuid = String(
      rec(
        await h.call('task.create', { body: immediateTask(main.sn, m3tdRoute.uuid, { rth_altitude: 350 }) }),
      ).task_uuid,
    );
    h.clock.advance(10_000);
    assert.equal((await info(h, uuid)).status, 'starting_failure');
    const now = Math.floor(h.clock.now() / 1000);
    const listed = mustFind(
      items(await h.call('task.list', { query: { sn: main.sn, begin_at: now - 60, end_at: now } }))[0],
      'listed',
    );
    assert.match(String(rec((listed.exceptions as unknown[])[0]).message), /300 m/);
    await h.fails('task.track', { params: { task_uuid: uuid } }, 219017);
    assert.equal(
      (await info(h, uuid)).folder_info && rec((await info(h, uuid)).folder_info).expected_file_count,
      0,
    );
  });
});

void describe('world: 10,000 tasks in a dock', () => {
  let h: Harness;
  before(async () => (h = await makeHarness({ tasksPerDock: 10_000, bigMediaTaskCount: 20 })));
  after(async () => h.close());

  void it('lists them by windows arithmetically, without storing any', async () => {
    const { main, dock3 } = docks(h);
    const anchor = Math.floor(h.d.anchor / 1000);
    const seen = new Set<string>();
    const statuses = new Map<string, number>();
    // Its speed is `npm run bench`'s client.list_tasks_10k, against a bare request loop in the same run.
    for (let from = anchor - 31 * 86_400; from < anchor + 8 * 86_400; from += 86_400) {
      const day = items(
        await h.call('task.list', { query: { sn: main.sn, begin_at: from, end_at: from + 86_399 } }),
      );
      for (const t of day) {
        seen.add(String(t.uuid));
        statuses.set(String(t.status), (statuses.get(String(t.status)) ?? 0) + 1);
      }
    }
    assert.equal(seen.size, 10_000);
    for (const s of ['success', 'terminated', 'timeout', 'starting_failure', 'waiting', 'suspended'])
      assert.ok(statuses.get(s), `some ${s}`);
    assert.equal(h.world.inspect().tasksStored, 0, 'seeded tasks are computed, not stored');

    const both = items(
      await h.call('task.list', {
        query: { sn: `${main.sn},${dock3.sn}`, begin_at: anchor - 3600, end_at: anchor },
      }),
    );
    assert.deepEqual([...new Set(both.map((t) => t.sn))].sort(), [main.sn, dock3.sn].sort());
    const some = mustFind([...seen][4321], 'a task');
    assert.equal((await info(h, some)).uuid, some);
  });
});
