// Livestream, forwarders, payload control and open modeling.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BUCKET, items, makeHarness, mapElement, mustFind, rec, type Harness } from '../../../helpers/world';

function mainDock(h: Harness) {
  return mustFind(
    h.d.docks.find((d) => d.projectUuid === h.p1 && d.role === 'main'),
    'main dock',
  );
}

void describe('world: livestream', () => {
  let h: Harness;
  before(async () => (h = await makeHarness()));
  after(async () => h.close());

  const start = (sn: string, camera_index: string) =>
    ({ body: { sn, camera_index, video_expire: 7200, quality_type: 'adaptive' } }) as const;

  void it('returns Volcano RTC join parameters for a camera of the device', async () => {
    const main = mainDock(h);
    const live = rec(await h.call('live.start', start(main.aircraftSn, '81-0-0')));
    assert.equal(live.url_type, 'volc');
    const params = new URLSearchParams(String(live.url));
    assert.equal(params.get('room_id'), `${main.aircraftSn}_81-0-0`);
    for (const k of ['app_id', 'expire_time', 'token', 'user_id']) assert.ok(params.get(k), k);
    assert.equal(live.expire_ts, Math.floor(h.clock.now() / 1000) + 7200);
    await h.call('live.start', start(main.sn, '165-0-7'));
    await h.fails('live.start', start(main.aircraftSn, '165-0-7'), 213014);
    await h.fails('live.start', start(mustFind(h.d.failures.offlineDockSn, 'offline'), '165-0-7'), 213001);
    await h.fails('live.start', start(mustFind(h.d.remoteControllers[0], 'rc').aircraftSn, '89-0-0'), 213001);
  });

  void it('can answer with a WHEP URL instead', async () => {
    const whep = await makeHarness({ liveUrlType: 'whep' });
    try {
      const live = rec(await whep.call('live.start', start(mainDock(whep).aircraftSn, '81-0-0')));
      assert.equal(live.url_type, 'whep');
      assert.match(String(live.url), /^http:\/\/127\.0\.0\.1:9\/live\/whep\//);
    } finally {
      await whep.close();
    }
  });

  void it('keeps at most 20 forwarders with unique push URLs', async () => {
    const main = mainDock(h);
    const body = (n: number) => ({
      converter_name: `fwd ${n}`,
      sn: main.sn,
      camera_index: '165-0-7',
      schema: 'rtmp',
      schema_option: { url: `rtmp://push.example.com/live/${n}` },
    });
    const ids: string[] = [];
    for (let n = 0; n < 20; n++)
      ids.push(String(rec(await h.call('live.converter.create', { body: body(n) })).converter_id));
    await h.fails('live.converter.create', { body: body(20) }, 233317);
    await h.call('live.converter.delete', { params: { converter_id: mustFind(ids.pop(), 'id') } });
    await h.fails('live.converter.create', { body: body(0) }, 213028);
    await h.fails(
      'live.converter.toggle',
      { params: { converter_id: 'nope' }, body: { auto_push_stream: true } },
      213029,
    );
    await h.fails('live.converter.delete', { params: { converter_id: 'nope' } }, 213029);
    await h.call('live.converter.toggle', {
      params: { converter_id: mustFind(ids[0], 'id') },
      body: { auto_push_stream: true },
    });
    const page = rec(await h.call('live.converter.list', { query: { page: 4, page_size: 5 } }));
    assert.equal(items(page).length, 4);
    assert.deepEqual(page.pagination, { page: 4, page_size: 5, total: 19 });
    assert.equal(rec(await h.call('live.converter.list', { query: { page: 5, page_size: 5 } })).list, null);
    const enabled = items(await h.call('live.converter.list', { query: { enable: true } }));
    assert.deepEqual(
      enabled.map((c) => [c.converter_id, c.state]),
      [[ids[0], 'running']],
    );
  });
});

void describe('world: payload control', () => {
  let h: Harness;
  before(async () => (h = await makeHarness()));
  after(async () => h.close());

  void it('needs control for lens and quality changes and validates against camera_list', async () => {
    const main = mainDock(h);
    const lens = { body: { sn: main.aircraftSn, camera_index: '81-0-0', lens_type: 'ir' } };
    await h.fails('device.lens.change', lens, 228402);
    await h.fails('device.control.acquire', { body: { sn: main.sn, payload_index: ['81-0-0'] } }, 200101);
    await h.fails(
      'device.control.acquire',
      { body: { sn: main.aircraftSn, payload_index: ['99-0-0'] } },
      200101,
    );
    await h.call('device.control.acquire', { body: { sn: main.aircraftSn, payload_index: ['81-0-0'] } });
    await h.call('device.lens.change', lens);
    await h.fails(
      'device.lens.change',
      { body: { sn: main.aircraftSn, camera_index: '176-0-0', lens_type: 'zoom' } },
      200101,
    );
    const topo = items(await h.call('project.devices')).find((t) => rec(t.drone).sn === main.aircraftSn);
    const cam = (rec(topo?.drone).camera_list as Record<string, unknown>[]).find(
      (c) => c.camera_index === '81-0-0',
    );
    assert.equal(rec((cam?.lens_list as unknown[])[0]).lens_type, 'ir');
    await h.call('device.control.release', { body: { sn: main.aircraftSn, payload_index: ['81-0-0'] } });
    await h.fails(
      'device.stream.quality',
      { body: { sn: main.aircraftSn, camera_index: '81-0-0', quality_type: 'smooth' } },
      228402,
    );
  });

  void it('switches dock cameras and calibrates RTK on docks only', async () => {
    const main = mainDock(h);
    await h.fails(
      'device.camera.change',
      { body: { sn: main.aircraftSn, camera_index: '165-0-7', camera_position: 'outdoor' } },
      200101,
    );
    await h.call('device.camera.change', {
      body: { sn: main.sn, camera_index: '165-0-7', camera_position: 'outdoor' },
    });
    const gw = items(await h.call('project.devices'))
      .map((t) => rec(t.gateway))
      .find((g) => g.sn === main.sn);
    assert.equal(rec((gw?.camera_list as unknown[])[0]).camera_position, 'outdoor');
    const rtk = { host: 'rtk.example.com', port: 8002, account: 'a', password: 'p', mount_point: 'RTCM33' };
    await h.fails('device.rtk', { params: { device_sn: main.aircraftSn }, body: rtk }, 200101);
    await h.call('device.rtk', { params: { device_sn: main.sn }, body: rtk });
    const state = rec(rec(await h.call('device.state', { params: { device_sn: main.sn } })).device_state);
    assert.equal(rec(state.position_state).is_calibration, 1);
  });
});

void describe('world: open modeling, annotations and workflows', () => {
  let h: Harness;
  before(async () => (h = await makeHarness()));
  after(async () => h.close());

  async function upload(names: string[], resource: string) {
    const token = rec(await h.call('openModel.token', { body: {} }));
    for (const name of names)
      await h.storage.putObject(
        BUCKET,
        String(token.store_path).replace('{fileName}', name),
        Buffer.alloc(100, 1),
      );
    const files = names.map((name) => ({ name, etag: '"e"' }));
    return rec(
      await h.call('openModel.uploadCallback', {
        body: { resource_uuid: resource, callback_param: token.callback_param, files },
      }),
    );
  }

  void it('progresses a reconstruction on the clock and fails one with too few photos', async () => {
    const ok = await upload(['1.jpg', '2.jpg', '3.jpg'], 'a0000000-0000-4000-8000-000000000001');
    assert.deepEqual([ok.upload_count, ok.file_name_list], [3, ['1.jpg', '2.jpg', '3.jpg']]);
    const res = rec(
      await h.call('openModel.resource.get', {
        params: { resource_uuid: 'a0000000-0000-4000-8000-000000000001' },
      }),
    );
    assert.deepEqual([res.status, res.resource_size], [1, 300]);
    const started = rec(
      await h.call('openModel.start', {
        body: {
          resource_uuid: String(ok.resource_uuid),
          parameter_2d: '{}',
          parameter_3d: '{}',
          delete_resource_if_finish: true,
        },
      }),
    );
    const uuid3d = String(rec(started.model_3d).uuid);
    const uuid2d = String(rec(started.model_2d).uuid);
    const model = async (uuid: string) =>
      rec(await h.call('openModel.model.get', { params: { model_uuid: uuid } }));
    assert.equal((await model(uuid3d)).model_status, 12);
    h.clock.advance(70_000);
    const building = await model(uuid3d);
    assert.equal(building.model_status, 14);
    assert.ok(Number(building.reconstruction_progress) > 0 && Number(building.reconstruction_progress) < 100);
    assert.equal(items(await h.call('openModel.running')).length, 2);
    h.clock.advance(70_000);
    assert.equal((await model(uuid3d)).zip_status, 1);
    h.clock.advance(30_000);
    const done = await model(uuid3d);
    assert.deepEqual([done.model_status, done.zip_status], [15, 2]);
    assert.match(String(done.zip_file_key), /result\.zip$/);
    assert.equal((await model(uuid2d)).model_status, 9);
    assert.equal(rec(await h.call('openModel.running')).list, null);
    await h.fails('openModel.stop', { params: { model_uuid: uuid3d }, body: {} }, 200101);
    const consumed = rec(
      await h.call('openModel.resource.get', { params: { resource_uuid: String(ok.resource_uuid) } }),
    );
    assert.equal(consumed.status, 3, 'delete_resource_if_finish');

    const few = await upload(['x.jpg'], 'a0000000-0000-4000-8000-000000000002');
    const failing = rec(
      await h.call('openModel.start', {
        body: {
          resource_uuid: String(few.resource_uuid),
          parameter_3d: '{}',
          delete_resource_if_finish: false,
        },
      }),
    );
    h.clock.advance(11_000);
    assert.equal((await model(String(rec(failing.model_3d).uuid))).model_status, 8);
  });

  void it('stops, deletes and checks uploads and callback parameters', async () => {
    const r = await upload(['1.jpg', '2.jpg', '3.jpg'], 'a0000000-0000-4000-8000-000000000003');
    const started = rec(
      await h.call('openModel.start', {
        body: {
          resource_uuid: String(r.resource_uuid),
          parameter_3dgs: '{}',
          delete_resource_if_finish: false,
        },
      }),
    );
    const uuid = String(rec(started.model_3dgs).uuid);
    await h.call('openModel.stop', { params: { model_uuid: uuid }, body: {} });
    h.clock.advance(300_000);
    assert.equal(rec(await h.call('openModel.model.get', { params: { model_uuid: uuid } })).model_status, 16);
    await h.call('openModel.model.delete', { params: { model_uuid: uuid } });
    await h.fails('openModel.model.get', { params: { model_uuid: uuid } }, 200404);
    await h.call('openModel.resource.delete', { params: { resource_uuid: String(r.resource_uuid) } });
    assert.equal(
      rec(await h.call('openModel.resource.get', { params: { resource_uuid: String(r.resource_uuid) } }))
        .status,
      3,
    );

    const token = rec(await h.call('openModel.token', { body: {} }));
    const files = [{ name: 'never-uploaded.jpg', etag: '"e"' }];
    await h.fails(
      'openModel.uploadCallback',
      { body: { resource_uuid: 'r', callback_param: token.callback_param, files } },
      200101,
    );
    await h.fails(
      'openModel.uploadCallback',
      { body: { resource_uuid: 'r', callback_param: 'forged.param', files } },
      200101,
    );
  });

  void it('creates map elements and accepts workflow triggers', async () => {
    const first = rec(await h.call('map.element.create', { body: mapElement() }));
    const second = rec(await h.call('map.element.create', { body: mapElement() }));
    assert.match(String(first.id), /^[0-9a-f-]{36}$/);
    assert.notEqual(first.id, second.id);
    assert.equal(await h.call('workflow.trigger', { body: { anything: [1, 2, 3] } }), undefined);
  });
});
