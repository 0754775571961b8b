// The world model as a whole: determinism, the organization's shape, and every endpoint's answer
// parsing with its contract.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENDPOINT_IDS } from '../../../../src/api/endpoints';
import { generateRouteKmz, planPatrolRoute } from '../../../../src/simulator/routegen';
import {
  immediateTask,
  items,
  makeHarness,
  manualClock,
  mapElement,
  modelBody,
  mustFind,
  rec,
  type Harness,
} from '../../../helpers/world';

void describe('world: determinism and organization', () => {
  let a: Harness;
  let b: Harness;
  before(async () => {
    a = await makeHarness();
    b = await makeHarness();
  });
  after(async () => {
    await a.close();
    await b.close();
  });

  void it('gives the same description, key and data for the same seed', async () => {
    assert.deepEqual(a.world.describe(), b.world.describe());
    assert.equal(a.world.orgKey, b.world.orgKey);
    const q = { sn: a.d.docks[0]?.sn ?? '', begin_at: 0, end_at: 2_000_000_000 };
    assert.deepEqual(await a.call('task.list', { query: q }), await b.call('task.list', { query: q }));
  });

  void it('gives a different organization for another seed', async () => {
    const other = await makeHarness({ seed: 'another seed' });
    try {
      assert.notEqual(other.d.organizationUuid, a.d.organizationUuid);
      assert.notEqual(other.world.orgKey, a.world.orgKey);
      assert.notEqual(other.d.docks[0]?.sn, a.d.docks[0]?.sn);
    } finally {
      await other.close();
    }
  });

  void it('keeps uuids when the clock starts elsewhere', async () => {
    const later = await makeHarness({ clock: manualClock(Date.UTC(2026, 0, 1)) });
    try {
      assert.deepEqual(later.d.tasks.bigMedia?.uuid, a.d.tasks.bigMedia?.uuid);
      assert.deepEqual(later.d.routes, a.d.routes);
    } finally {
      await later.close();
    }
  });

  void it('has a flight under way and an idle main dock at the start, whatever the seed', async () => {
    for (const seed of ['demo', 'alpha', 'test-seed', '42']) {
      const h = await makeHarness({ seed });
      try {
        const executing = mustFind(h.d.tasks.executing, 'executing task');
        const task = rec(await h.call('task.info', { params: { task_uuid: executing.uuid } }));
        assert.equal(task.status, 'executing', seed);
        const dock = mustFind(
          h.d.docks.find((d) => d.sn === executing.dockSn),
          'its dock',
        );
        const aircraft = rec(await h.call('device.state', { params: { device_sn: dock.aircraftSn } }));
        assert.equal(rec(aircraft.device_state).mode_code, 'wayline_flight', seed);
        const main = mustFind(
          h.d.docks.find((d) => d.role === 'main' && d.projectUuid === h.p1),
          'main dock',
        );
        const state = rec(await h.call('device.state', { params: { device_sn: main.sn } }));
        assert.equal(rec(state.device_state).mode_code, 'idle', seed);
        assert.equal(
          rec(rec(await h.call('task.info', { params: { task_uuid: h.d.tasks.timedWaiting?.uuid ?? '' } })))
            .status,
          'waiting',
        );
      } finally {
        await h.close();
      }
    }
  });

  void it('issues a JWT-shaped organization key with the documented claims', () => {
    const parts = a.world.orgKey.split('.');
    assert.equal(parts.length, 3);
    const header = JSON.parse(Buffer.from(parts[0] ?? '', 'base64url').toString()) as Record<string, unknown>;
    const claims = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    assert.equal(header.alg, 'HS512');
    assert.deepEqual(header.crit, ['typ', 'alg', 'kid']);
    assert.equal(claims.organization_uuid, a.world.organizationUuid);
    assert.equal(claims.sub, 'fh2');
    assert.match(String(claims.user_id), /^\d+$/);
    assert.ok(a.world.isValidKey(a.world.orgKey));
    assert.ok(!a.world.isValidKey(`${a.world.orgKey}x`));
  });

  void it('has three projects, one closed to the key', async () => {
    assert.equal(a.d.projects.length, 3);
    const closed = mustFind(a.d.failures.inaccessibleProjectUuid, 'closed project');
    assert.ok(!a.world.canAccessProject(closed));
    assert.ok(a.world.canAccessProject(a.p1));
    await a.fails('project.devices', { project: closed }, 200403);
  });

  void it('pages projects with page/page_size, filters by q and answers null past the end', async () => {
    const page1 = items(await a.call('org.projects', { query: { page: 1, page_size: 2 } }));
    const page2 = items(await a.call('org.projects', { query: { page: 2, page_size: 2 } }));
    assert.equal(page1.length, 2);
    assert.equal(page2.length, 1);
    assert.equal(rec(await a.call('org.projects', { query: { page: 3, page_size: 2 } })).list, null);
    const solar = items(await a.call('org.projects', { query: { q: 'solar' } }));
    assert.deepEqual(
      solar.map((p) => p.name),
      ['Solar Farm Survey'],
    );
    assert.equal(items(await a.call('org.projects')).length, 3, 'default page size is 10');
  });

  void it('lists docks with their aircraft, and an RC Plus 2 with an offline M4T', async () => {
    const topo = items(await a.call('project.devices'));
    const gateways = topo.map((t) => rec(t.gateway));
    const keys = gateways.map((g) => rec(g.device_model).key);
    assert.ok(keys.includes('3-2-0') && keys.includes('3-3-0') && keys.includes('2-174-0'));
    const dock2 = mustFind(
      topo.find((t) => rec(rec(t.gateway).device_model).key === '3-2-0'),
      'dock 2',
    );
    assert.deepEqual(
      (rec(dock2.gateway).camera_list as unknown[]).map((c) => rec(c).camera_index),
      ['165-0-7'],
    );
    const m3td = rec(dock2.drone);
    assert.equal(rec(m3td.device_model).key, '0-91-1');
    const lenses = (m3td.camera_list as Record<string, unknown>[]).find((c) => c.camera_index === '81-0-0');
    assert.deepEqual(rec((lenses?.lens_list as unknown[])[0]).available_lens_types, [
      'normal',
      'wide',
      'zoom',
      'ir',
    ]);
    const dock3 = mustFind(
      topo.find((t) => rec(rec(t.gateway).device_model).key === '3-3-0'),
      'dock 3',
    );
    assert.equal(rec(rec(dock3.drone).device_model).key, '0-100-1');
    const rc = mustFind(
      topo.find((t) => rec(rec(t.gateway).device_model).key === '2-174-0'),
      'rc',
    );
    assert.equal(rec(rc.drone).mode_code, 14);
    assert.equal(rec(rc.drone).camera_list, null);
    assert.equal(rec(rec(rc.drone).device_model).key, '0-99-1');
    // The organization list is dock-scenario only (docs/api.md#device-lists) and spans all projects.
    const org = items(await a.call('org.devices'));
    assert.ok(org.every((t) => rec(rec(t.gateway).device_model).class === 'airport'));
    assert.equal(org.length, a.d.docks.length);
  });

  void it('answers 212015 for offline devices and reports HMS alerts', async () => {
    const offline = mustFind(a.d.failures.offlineDockSn, 'offline dock');
    await a.fails('device.state', { params: { device_sn: offline } }, 212015);
    const rcAircraft = mustFind(a.d.remoteControllers[0], 'rc').aircraftSn;
    await a.fails('device.state', { params: { device_sn: rcAircraft } }, 212015);
    const main = mustFind(
      a.d.docks.find((d) => d.role === 'main' && d.projectUuid === a.p1),
      'main dock',
    );
    const hms = items(
      await a.call('device.hms', { query: { device_sn_list: `${main.sn},${main.aircraftSn},NOPE` } }),
    );
    assert.deepEqual(
      hms.map((h) => h.device_sn),
      [main.sn, main.aircraftSn],
    );
    const dockAlerts = items(hms[0]?.device_hms);
    assert.equal(dockAlerts.length, 1);
    assert.equal(dockAlerts[0]?.level, 'notification');
    assert.equal(rec(hms[1]?.device_hms).list, null, 'no alerts → list null');
  });

  void it('returns [] instead of null when nullEmptyLists is off', async () => {
    const h = await makeHarness({ nullEmptyLists: false });
    try {
      assert.deepEqual(rec(await h.call('live.converter.list')).list, []);
    } finally {
      await h.close();
    }
  });
});

void describe('world: every endpoint answers within its contract', () => {
  let h: Harness;
  before(async () => (h = await makeHarness({ bigMediaTaskCount: 40 })));
  after(async () => h.close());

  void it('exercises all endpoints of the table', async () => {
    const main = mustFind(
      h.d.docks.find((d) => d.role === 'main' && d.projectUuid === h.p1),
      'main dock',
    );
    const patrol = mustFind(
      h.d.routes.find(
        (r) => r.projectUuid === h.p1 && r.deviceModelKey === '0-91-1' && r.purpose === 'patrol',
      ),
      'route',
    );
    const big = mustFind(h.d.tasks.bigMedia, 'big media task');
    const executing = mustFind(h.d.tasks.executing, 'executing task');
    const timed = mustFind(h.d.tasks.timedWaiting, 'timed task');

    await h.call('sys.status');
    await h.call('org.projects');
    await h.call('org.devices');
    await h.call('project.devices');
    const sts = rec(await h.call('project.sts'));
    assert.equal(sts.object_key_prefix, `${h.p1}/uploads`);
    assert.equal(sts.provider, 'minio');
    await h.call('project.members.add', {
      body: {
        add_users: [{ user_id: '1770008767275012096', role: 'project-admin', nickname: 'Site admin' }],
      },
    });
    await h.call('device.state', { params: { device_sn: main.sn } });
    await h.call('device.state', { params: { device_sn: main.aircraftSn } });
    await h.call('device.hms', { query: { device_sn_list: main.sn } });
    await h.call('device.control.acquire', { body: { sn: main.aircraftSn, payload_index: ['81-0-0'] } });
    await h.call('device.lens.change', {
      body: { sn: main.aircraftSn, camera_index: '81-0-0', lens_type: 'zoom' },
    });
    await h.call('device.stream.quality', {
      body: { sn: main.aircraftSn, camera_index: '81-0-0', quality_type: 'smooth' },
    });
    await h.call('device.control.release', { body: { sn: main.aircraftSn, payload_index: ['81-0-0'] } });
    await h.call('device.camera.change', {
      body: { sn: main.sn, camera_index: '165-0-7', camera_position: 'outdoor' },
    });
    await h.call('device.rtk', {
      params: { device_sn: main.sn },
      body: { host: 'rtk.example.com', port: 8002, account: 'u', password: 'p', mount_point: 'RTCM33' },
    });
    await h.call('live.start', {
      body: { sn: main.aircraftSn, camera_index: '81-0-0', video_expire: 7200, quality_type: 'adaptive' },
    });
    const conv = rec(
      await h.call('live.converter.create', {
        body: {
          converter_name: 'c',
          sn: main.sn,
          camera_index: '165-0-7',
          schema: 'rtmp',
          schema_option: { url: 'rtmp://x/live/1' },
        },
      }),
    );
    await h.call('live.converter.toggle', {
      params: { converter_id: String(conv.converter_id) },
      body: { auto_push_stream: true },
    });
    await h.call('live.converter.list', { query: { page: 1, page_size: 10 } });
    await h.call('live.converter.delete', { params: { converter_id: String(conv.converter_id) } });
    await h.call('wayline.list');
    await h.call('wayline.detail', { params: { wayline_id: patrol.uuid } });
    const waypoints = planPatrolRoute({ longitude: 113.94, latitude: 22.54 }, 7, 5);
    const kmz = generateRouteKmz({
      name: 'Uploaded',
      droneEnumValue: 91,
      droneSubEnumValue: 1,
      payloadEnumValue: 81,
      waypoints,
    });
    await h.storage.putObject('fh2-sim', `${h.p1}/uploads/u1/route.kmz`, kmz);
    await h.call('wayline.finishUpload', {
      body: { name: 'Uploaded', object_key: `${h.p1}/uploads/u1/route.kmz` },
    });
    await h.call('task.create', { body: immediateTask(main.sn, patrol.uuid) });
    await h.call('task.info', { params: { task_uuid: big.uuid } });
    await h.call('task.list', {
      query: { sn: main.sn, begin_at: big.beginAt - 86_400, end_at: big.beginAt + 86_400 },
    });
    await h.call('device.command', {
      params: { device_sn: executing.dockSn },
      body: { device_command: 'flighttask_pause' },
    });
    await h.call('task.status.update', { params: { task_uuid: timed.uuid }, body: { status: 'suspended' } });
    assert.equal(items(await h.call('task.media', { params: { task_uuid: big.uuid } })).length, 40);
    await h.call('task.track', { params: { task_uuid: big.uuid } });
    await h.call('model.list');
    const model = rec(await h.call('model.create', { body: modelBody(big.folderId) }));
    await h.call('model.detail', { params: { model_id: String(model.id) } });
    await h.call('model.downloadUrl', { params: { file_id: String(model.id) } });
    await h.call('map.element.create', { body: mapElement() });
    const token = rec(await h.call('openModel.token', { body: {} }));
    const path = String(token.store_path);
    for (const name of ['a.jpg', 'b.jpg', 'c.jpg'])
      await h.storage.putObject('fh2-sim', path.replace('{fileName}', name), Buffer.from(name));
    const files = ['a.jpg', 'b.jpg', 'c.jpg'].map((name) => ({ name, etag: '"x"' }));
    const resource = '0b0b3b0e-8a43-4c2b-9c55-3f0f1b7e0c11';
    await h.call('openModel.uploadCallback', {
      body: { resource_uuid: resource, callback_param: token.callback_param, files },
    });
    await h.call('openModel.resource.get', { params: { resource_uuid: resource } });
    const started = rec(
      await h.call('openModel.start', {
        body: { resource_uuid: resource, parameter_3d: '{"parameter":{}}', delete_resource_if_finish: false },
      }),
    );
    const uuid = String(rec(started.model_3d).uuid);
    await h.call('openModel.running');
    await h.call('openModel.model.get', { params: { model_uuid: uuid } });
    await h.call('openModel.stop', { params: { model_uuid: uuid }, body: {} });
    await h.call('openModel.model.delete', { params: { model_uuid: uuid } });
    await h.call('openModel.resource.delete', { params: { resource_uuid: resource } });
    await h.call('workflow.trigger', { body: { workflow_uuid: 'w', params: {} } });

    assert.deepEqual([...h.called].sort(), [...ENDPOINT_IDS].sort());
  });
});
