// Media, tracks, routes and models: what the object store serves and what the listings say about it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultAssetsDir, loadAssets } from '../../../../src/simulator/assets';
import { generateRouteKmz, planPatrolRoute } from '../../../../src/simulator/routegen';
import { SimError } from '../../../../src/simulator/types';
import {
  BUCKET,
  immediateTask,
  items,
  makeHarness,
  modelBody,
  mustFind,
  rec,
  type Harness,
} from '../../../helpers/world';

/** The object key of a presigned path-style URL. */
function keyOf(url: unknown): string {
  const path = decodeURIComponent(new URL(String(url)).pathname);
  assert.ok(path.startsWith(`/${BUCKET}/`), `${path} is in the bucket`);
  return path.slice(BUCKET.length + 2);
}

void describe('world: media of the big task', () => {
  let h: Harness;
  before(async () => (h = await makeHarness()));
  after(async () => h.close());

  void it('lists 10,000 files built per request, served from the real asset bytes', async () => {
    const big = mustFind(h.d.tasks.bigMedia, 'big task');
    // Its speed is `npm run bench`'s client.list_media_10k, against a bare request loop in the same run.
    const media = items(await h.call('task.media', { params: { task_uuid: big.uuid } }));
    assert.equal(media.length, 10_000);
    assert.equal(new Set(media.map((m) => m.uuid)).size, 10_000);
    assert.equal(new Set(media.map((m) => m.name)).size, 10_000);
    for (const m of media) assert.match(String(m.name), /^DJI_\d{14}_\d{4,}_(V|PPKRAW)$/);
    const assets = loadAssets(defaultAssetsDir());
    const video = mustFind(
      media.find((m) => m.file_type === 'video'),
      'video',
    );
    const ppk = mustFind(
      media.find((m) => m.file_type === 'ppk'),
      'ppk',
    );
    assert.equal(video.size, assets.video.length);
    assert.equal(ppk.size, assets.ppk.length);
    assert.equal(ppk.preview_url, null);
    const photo = mustFind(media[7], 'photo');
    assert.equal(photo.file_type, 'image');
    const bytes = mustFind(await h.storage.getObject(BUCKET, keyOf(photo.original_url)), 'photo bytes');
    assert.equal(bytes.length, photo.size);
    assert.ok(assets.images.some((i) => i.equals(bytes)));
    assert.ok((await h.storage.getObject(BUCKET, keyOf(video.original_url)))?.equals(assets.video));
    assert.ok(await h.storage.hasObject(BUCKET, keyOf(photo.preview_url)));
    const elsewhere = keyOf(photo.original_url).replace(
      big.uuid,
      mustFind(h.d.tasks.executing, 'executing').uuid,
    );
    assert.ok(!(await h.storage.hasObject(BUCKET, elsewhere)), 'keys are checked against their task');
    const folder = rec(rec(await h.call('task.info', { params: { task_uuid: big.uuid } })).folder_info);
    assert.deepEqual([folder.expected_file_count, folder.uploaded_file_count], [10_000, 10_000]);
  });

  void it('returns at most the first 10,000 files', async () => {
    const more = await makeHarness({ bigMediaTaskCount: 10_050 });
    try {
      const big = mustFind(more.d.tasks.bigMedia, 'big task');
      assert.equal(items(await more.call('task.media', { params: { task_uuid: big.uuid } })).length, 10_000);
    } finally {
      await more.close();
    }
  });

  void it('draws the track along the route around the dock', async () => {
    const big = mustFind(h.d.tasks.bigMedia, 'big task');
    const dock = mustFind(
      h.d.docks.find((d) => d.sn === big.dockSn),
      'dock',
    );
    const data = rec(await h.call('task.track', { params: { task_uuid: big.uuid } }));
    const track = rec(data.track);
    assert.equal(track.drone_sn, dock.aircraftSn);
    const points = track.points as {
      timestamp: number;
      latitude: number;
      longitude: number;
      height: number;
    }[];
    const first = mustFind(points[0], 'first point');
    const last = mustFind(points[points.length - 1], 'last point');
    assert.ok(Math.abs(first.latitude - last.latitude) < 1e-6, 'starts and ends at the dock');
    assert.ok(
      points.some((p) => Math.abs(p.latitude - first.latitude) > 1e-4),
      'flies away from it',
    );
    assert.ok(points.every((p, i) => i === 0 || p.timestamp > (points[i - 1]?.timestamp ?? 0)));
    await h.fails(
      'task.track',
      { params: { task_uuid: mustFind(h.d.tasks.timedWaiting, 'timed').uuid } },
      219017,
    );
  });
});

void describe('world: routes', () => {
  let h: Harness;
  before(async () => (h = await makeHarness()));
  after(async () => h.close());

  void it('lists seeded routes whose KMZ is in the store', async () => {
    const list = items(await h.call('wayline.list'));
    assert.ok(list.length >= 2 && list.length <= 4);
    for (const r of list) {
      assert.deepEqual(r.template_types, ['waypoint']);
      assert.ok(Number(r.update_time) > 1e12, 'update_time is in ms');
      const detail = rec(await h.call('wayline.detail', { params: { wayline_id: String(r.id) } }));
      const kmz = mustFind(await h.storage.getObject(BUCKET, keyOf(detail.download_url)), 'kmz');
      assert.equal(kmz.length, r.size);
      assert.ok(Number(detail.distance) > 0);
      assert.ok(Number(detail.wayline_point_nums) >= 2);
    }
    await h.fails('wayline.detail', { params: { wayline_id: 'nope' } }, 200404);
  });

  void it('registers uploads under the STS prefix and rejects bad ones like the live service', async () => {
    const prefix = String(rec(await h.call('project.sts')).object_key_prefix);
    const main = mustFind(
      h.d.docks.find((d) => d.projectUuid === h.p1 && d.role === 'main'),
      'dock',
    );
    await h.fails('wayline.finishUpload', { body: { name: 'x', object_key: 'elsewhere/a.kmz' } }, 200101);
    await h.fails(
      'wayline.finishUpload',
      { body: { name: 'x', object_key: `${prefix}/missing.kmz` } },
      219001,
    );
    await h.storage.putObject(BUCKET, `${prefix}/bad.kmz`, Buffer.from('not a zip'));
    try {
      await h.call('wayline.finishUpload', { body: { name: 'bad', object_key: `${prefix}/bad.kmz` } });
      assert.fail('an invalid KMZ was accepted');
    } catch (error) {
      assert.ok(error instanceof SimError);
      assert.deepEqual([error.code, error.message, error.httpStatus], [200500, 'server error', 500]);
    }
    const waypoints = planPatrolRoute({ longitude: 113.94, latitude: 22.54 }, 3, 6);
    const kmz = generateRouteKmz({
      name: 'Mine',
      droneEnumValue: 91,
      droneSubEnumValue: 1,
      payloadEnumValue: 81,
      waypoints,
    });
    await h.storage.putObject(BUCKET, `${prefix}/mine.kmz`, kmz);
    const first = rec(
      await h.call('wayline.finishUpload', { body: { name: 'Mine', object_key: `${prefix}/mine.kmz` } }),
    );
    const again = rec(
      await h.call('wayline.finishUpload', { body: { name: 'Mine', object_key: `${prefix}/mine.kmz` } }),
    );
    assert.equal(first.name, 'Mine');
    assert.notEqual(first.uuid, again.uuid, 'a repeated name is a new route, as live');
    assert.equal(h.world.inspect().routesRegistered, 2);
    const listed = mustFind(
      items(await h.call('wayline.list')).find((r) => r.id === first.uuid),
      'uploaded route',
    );
    assert.equal(listed.device_model_key, '0-91-1');
    assert.equal(listed.size, kmz.length);
    await h.call('task.create', { body: immediateTask(main.sn, String(first.uuid)) });
  });
});

void describe('world: models', () => {
  let h: Harness;
  before(async () => (h = await makeHarness({ bigMediaTaskCount: 30 })));
  after(async () => h.close());

  void it('reconstructs from a task folder and signs the file once ready', async () => {
    const big = mustFind(h.d.tasks.bigMedia, 'big task');
    const created = rec(await h.call('model.create', { body: modelBody(big.folderId) }));
    const id = String(created.id);
    const listed = mustFind(
      items(await h.call('model.list')).find((m) => String(m.id) === id),
      'new model',
    );
    assert.equal(listed.status, 'processing');
    assert.equal(rec(await h.call('model.detail', { params: { model_id: id } })).url, '');
    assert.equal(rec(await h.call('model.downloadUrl', { params: { file_id: id } })).url, '');
    h.clock.advance(121_000);
    const url = rec(await h.call('model.downloadUrl', { params: { file_id: id } })).url;
    const obj = mustFind(await h.storage.getObject(BUCKET, keyOf(url)), 'model file');
    assert.match(obj.toString(), /^# FlightHub 2 simulator model/);
    assert.equal(rec(await h.call('model.detail', { params: { model_id: id } })).show_on_map, true);
    await h.fails('model.create', { body: modelBody(123) }, 219021);
    await h.fails('model.detail', { params: { model_id: '999999' } }, 200404);
  });
});
