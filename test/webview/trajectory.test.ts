// The trajectory page in Chromium with a real flight from the simulator: its track, its media and the
// planned route's KMZ read with the route model, built into the message exactly as the panel does.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { trajectoryView } from '../../src/features/tasks/trajectoryData';
import { readRouteModel } from '../../src/routes/wpml/wpml';
import type { TrajectoryView } from '../../src/webviews/trajectory/protocol';
import { withSimulator, type SimSetup } from '../helpers/sim';
import { startHarness, until, type Harness, type PanelPage } from '../helpers/webviewHarness';
import { mapLabels, pixels, projector } from './mapProbe';

const OUT = 'test-output/webview';
const labels = {
  flown: 'Flown',
  planned: 'Planned route',
  media: 'Photos',
  aircraft: 'Aircraft',
  export: 'Export GeoJSON',
  play: 'Play',
  pause: 'Pause',
  speed: 'Replay speed',
  height: 'Height',
  time: 'Time',
  elapsed: 'Elapsed',
  noTrack: 'No track points.',
  plannedMissing: 'The planned route is not shown:',
  unplaced: 'media files could not be placed on the map',
  loading: 'Loading…',
  waypoint: 'Waypoint',
  distance: 'Distance',
  duration: 'Duration',
  reload: 'Reload',
};

let s: SimSetup;
let harness: Harness;
after(async () => {
  await harness?.close();
  await s?.close();
});

async function show(data: TrajectoryView): Promise<PanelPage> {
  const p = await harness.open('trajectory', { viewport: { width: 1280, height: 800 } });
  await p.waitForPosted('ready');
  await p.send({
    type: 'setup',
    labels,
    mapLabels,
    map: { tileUrl: '', attribution: '' },
    task: data.task,
    binding: { connectionId: 'c1', connectionName: 'Simulator', projectUuid: 'p1' },
    locale: 'en',
  });
  await p.send({ type: 'trajectory', data });
  await p.page.waitForFunction((n) => document.body.dataset.drawnPoints === String(n), data.track.length);
  return p;
}

const near = (c: number[] | undefined, rgb: readonly number[], tolerance = 45): boolean =>
  c !== undefined && rgb.every((v, i) => Math.abs((c[i] ?? -999) - v) <= tolerance);
const BLUE = [0x37, 0x94, 0xff];
const YELLOW = [0xcc, 0xa7, 0x00];

/** Whether any pixel within ±2 px of `at` has the colour. */
async function colourNear(
  p: PanelPage,
  at: { x: number; y: number }[],
  rgb: readonly number[],
): Promise<boolean[]> {
  const offsets = [-2, -1, 0, 1, 2].flatMap((dx) => [-2, -1, 0, 1, 2].map((dy) => [dx, dy] as const));
  const probes = at.flatMap((a) => offsets.map(([dx, dy]) => ({ x: a.x + dx, y: a.y + dy })));
  const colours = await pixels(p.page, probes);
  return at.map((_, i) =>
    colours.slice(i * offsets.length, (i + 1) * offsets.length).some((c) => near(c, rgb)),
  );
}

describe('trajectory page', () => {
  let view: TrajectoryView;

  before(async () => {
    await mkdir(OUT, { recursive: true });
    s = await withSimulator({ bigMediaTaskCount: 40 });
    const world = s.sim.world.describe();
    const task = world.tasks.bigMedia;
    assert.ok(task);
    const api = s.client.project(task.projectUuid);
    const track = await api.tasks.track(task.uuid);
    const media = (await api.tasks.media(task.uuid)).list;
    assert.ok(track.wayline_uuid);
    const detail = await api.waylines.detail(track.wayline_uuid);
    assert.ok(detail.download_url);
    const kmz = Buffer.from(await (await fetch(detail.download_url)).arrayBuffer());
    view = trajectoryView({
      task: { uuid: task.uuid, name: task.name },
      track,
      media,
      planned: { name: detail.name, model: readRouteModel(kmz) },
    });
    assert.ok(view.track.length > 100, `a real flight has many points, got ${view.track.length}`);
    assert.ok(view.media.length > 10, 'photos are placed by their capture time');
    harness = await startHarness();
  });

  it('draws every track point where the projection puts it', async () => {
    const p = await show(view);
    const at = await projector(p.page);
    const screen = view.track.map((q) => at(q[2], q[1]));
    // Markers sit on top of the line (waypoints, photos, the aircraft at take-off, where the climb
    // stacks many fixes on one spot); every point clear of them must show the track colour.
    const markers = [
      ...(view.planned?.waylines.flat() ?? []),
      ...view.media,
      { lon: view.track[0]?.[2] ?? 0, lat: view.track[0]?.[1] ?? 0 },
    ].map((m) => at(m.lon, m.lat));
    const clear = screen.filter((q) => markers.every((m) => Math.hypot(m.x - q.x, m.y - q.y) > 10));
    assert.ok(clear.length > 0.4 * screen.length, `only ${clear.length} points clear of markers`);
    const onTrack = await colourNear(p, clear, BLUE);
    const missing = clear.filter((_, i) => !onTrack[i]);
    assert.deepEqual(missing, [], `no track colour at ${missing.length} of ${clear.length} points`);
    // And not everywhere: a spot well off the flight has no track colour.
    const off = screen.reduce((a, b) => ({ ...a, x: Math.min(a.x, b.x), y: Math.min(a.y, b.y) }));
    assert.deepEqual(await colourNear(p, [{ x: off.x - 25, y: off.y - 25 }], BLUE), [false]);
    assert.equal(await p.page.evaluate(() => document.body.dataset.drawnMedia), String(view.media.length));
    await p.page.screenshot({ path: `${OUT}/trajectory.png` });
    assert.deepEqual(p.problems(), []);
    await p.close();
  });

  it('moves the aircraft and the height readout with the scrubber, and plays', async () => {
    const p = await show(view);
    const at = await projector(p.page);
    for (const fraction of [0.35, 0.7]) {
      const point = view.track[Math.floor(fraction * view.track.length)];
      assert.ok(point);
      await p.page.$eval(
        'input.scrubber',
        (el, t) => {
          const input = el as HTMLInputElement;
          input.value = String(t);
          input.dispatchEvent(new Event('input'));
        },
        point[0],
      );
      assert.equal(await p.page.getAttribute('.readout-height', 'data-value'), point[3]?.toFixed(1));
      assert.equal(
        await p.page.evaluate(() => document.body.dataset.aircraft),
        `${point[2].toFixed(7)},${point[1].toFixed(7)}`,
      );
      // The readouts follow at once; the marker is drawn in the next animation frame.
      const marker = at(point[2], point[1]);
      await until(
        async () => (await colourNear(p, [marker], YELLOW))[0] === true,
        `aircraft marker drawn at ${fraction}`,
      );
    }
    assert.equal(
      ((await p.state()) as { time?: number }).time,
      view.track[Math.floor(0.7 * view.track.length)]?.[0],
    );
    await p.page.screenshot({ path: `${OUT}/trajectory-scrubbed.png` });

    const before = Number(await p.page.getAttribute('.readout-time', 'data-value'));
    await p.page.selectOption('select.speed', '16');
    await p.page.click('button.play');
    assert.equal(await p.page.getAttribute('button.play', 'data-playing'), 'true');
    // The replay advances by (frame time × speed) in each animation frame. A callback queued after the
    // page's own sees the clock of the same frame, so flight time over frame time is the speed, however
    // slow the frames come (to float rounding: the times are epoch milliseconds).
    const rate = await p.page.evaluate(async () => {
      const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
      const clock = () => Number(document.querySelector<HTMLElement>('.readout-time')?.dataset.value);
      const t0 = await frame();
      const c0 = clock();
      let t1 = t0;
      let c1 = c0;
      for (let i = 0; i < 5; i++) {
        t1 = await frame();
        c1 = clock();
      }
      return (c1 - c0) / (t1 - t0);
    });
    assert.ok(Math.abs(rate - 16) < 0.01, `the replay plays 16 s of flight per second, not ${rate}`);
    await p.page.click('button.play');
    assert.equal(await p.page.getAttribute('button.play', 'data-playing'), 'false');
    const after = Number(await p.page.getAttribute('.readout-time', 'data-value'));
    assert.ok(after > before, `the replay advanced from ${before} to ${after}`);
    assert.deepEqual(p.problems(), []);
    await p.close();
  });

  it('shows a photo on click and asks the host to export', async () => {
    const p = await show(view);
    const at = await projector(p.page);
    const photo = view.media[Math.floor(view.media.length / 2)];
    assert.ok(photo);
    const m = at(photo.lon, photo.lat);
    await p.page.mouse.click(m.pageX, m.pageY);
    await p.page.waitForSelector('.media-info:not([hidden])');
    assert.match((await p.page.textContent('.media-info')) ?? '', /^DJI_\d{14}_/);
    await p.page.click('[data-action="export"]');
    await p.waitForPosted('exportGeoJson');
    await p.page.click('[data-action="reload"]');
    await p.waitForPosted('reload');
    assert.deepEqual(p.problems(), []);
    await p.close();
  });

  it('draws only the track when the planned route is unavailable, and says why', async () => {
    const p = await show({
      ...view,
      planned: null,
      plannedError: 'Route not found (219404)',
      media: [],
      mediaUnplaced: 3,
    });
    assert.match((await p.page.textContent('[data-notice="planned"]')) ?? '', /Route not found/);
    assert.match((await p.page.textContent('[data-notice="media"]')) ?? '', /^3 media files/);
    assert.equal(await p.page.evaluate(() => document.body.dataset.drawnMedia), '0');
    assert.deepEqual(p.problems(), []);
    await p.close();
  });
});
