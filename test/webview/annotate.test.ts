// Annotate mode of both map pages in Chromium: off, a click posts nothing; on, a click posts a point
// where it landed (or at the photo or waypoint clicked, named after it), shift-clicks collect a line that
// "Create Line" or Enter posts. Positions are checked against the projection, longitude first.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { routeView } from '../../src/features/routes/routePreviewData';
import { validateRouteModel } from '../../src/routes/wpml/validate';
import { readRouteModel } from '../../src/routes/wpml/wpml';
import { generateRouteKmz } from '../../src/simulator/routegen';
import { screenToWorld, worldToLonLat } from '../../src/webviews/map/projection';
import type { RouteView } from '../../src/webviews/routePreview/protocol';
import type { TrajectoryView } from '../../src/webviews/trajectory/protocol';
import { startHarness, until, type Harness, type PanelPage } from '../helpers/webviewHarness';
import { mapLabels, mapViewport, projector } from './mapProbe';

const binding = { connectionId: 'c1', connectionName: 'Simulator', projectUuid: 'p1' };
const map = { tileUrl: '', attribution: '' };
// The pages need every label; only the ones these tests read are worded.
const trajectoryLabels = Object.fromEntries(
  [
    ...['flown', 'planned', 'media', 'aircraft', 'export', 'play', 'pause', 'speed', 'height', 'time'],
    ...['elapsed', 'noTrack', 'plannedMissing', 'unplaced', 'loading', 'waypoint', 'distance'],
    ...['duration', 'reload'],
  ].map((k) => [k, k]),
);
const routeLabels = Object.fromEntries(
  [
    ...['latitude', 'longitude', 'height', 'speed', 'actions', 'wayline', 'turnMode', 'heightMode'],
    ...['takeOff', 'errors', 'warnings', 'infos', 'noFindings', 'refresh', 'unreadable', 'loading'],
    ...['waypoints', 'distance'],
  ].map((k) => [k, k]),
);
routeLabels.waypoint = 'Waypoint';

const T0 = Date.UTC(2026, 10, 28, 3, 0, 0);
/** A short flight east then north, with three photos on it. */
const flight: TrajectoryView = {
  task: { uuid: 't1', name: 'Survey' },
  track: Array.from({ length: 40 }, (_, i) => [
    T0 + i * 1000,
    22.57 + (i < 20 ? 0 : (i - 20) * 0.0002),
    113.94 + Math.min(i, 20) * 0.0003,
    50,
  ]),
  flightDistance: 1000,
  flightDuration: 40,
  planned: null,
  plannedError: null,
  media: [5, 15, 30].map((i) => ({
    name: `DJI_20261128110${String(i).padStart(3, '0')}_0001.JPG`,
    fileType: 'image',
    time: T0 + i * 1000,
    lat: 22.57 + (i < 20 ? 0 : (i - 20) * 0.0002),
    lon: 113.94 + Math.min(i, 20) * 0.0003,
    height: 50,
    placedBy: 'position' as const,
  })),
  mediaUnplaced: 0,
};

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => harness?.close());

type Posted = { type: string; geometry?: { type: string; coordinates: unknown }; label?: string };

async function annotations(p: PanelPage): Promise<Posted[]> {
  return (await p.posted()).filter((m) => m.type === 'annotate');
}

async function nth(p: PanelPage, n: number): Promise<Posted> {
  await until(async () => (await annotations(p)).length >= n, `annotate message ${n} posted`);
  const list = await annotations(p);
  assert.equal(list.length, n, `one message per action: ${JSON.stringify(list)}`);
  const last = list[n - 1];
  assert.ok(last);
  return last;
}

/** Where a page point of the map is, in lon/lat, from the view the canvas exposes. */
async function lonLatAt(
  p: PanelPage,
  x: number,
  y: number,
): Promise<{ pageX: number; pageY: number; lon: number; lat: number }> {
  const { info, vp } = await mapViewport(p.page);
  const w = screenToWorld(vp, x, y);
  return { ...worldToLonLat(w.x, w.y), pageX: info.left + x, pageY: info.top + y };
}

/** Within ~1 m: a click lands on a whole pixel, a swapped or wrong position is kilometres off. */
function near(actual: unknown, lon: number, lat: number): void {
  assert.ok(Array.isArray(actual) && actual.length === 2, JSON.stringify(actual));
  const [x, y] = actual as number[];
  assert.ok(
    Math.abs((x ?? 0) - lon) < 2e-5 && Math.abs((y ?? 0) - lat) < 2e-5,
    `${String(actual)} ≠ ${lon},${lat}`,
  );
}

describe('annotate mode on the trajectory page', () => {
  it('posts nothing while off; on, a point where clicked, a photo at its position, and a line', async () => {
    const p = await harness.open('trajectory', { viewport: { width: 1200, height: 800 } });
    await p.waitForPosted('ready');
    await p.send({
      type: 'setup',
      labels: trajectoryLabels,
      mapLabels,
      map,
      task: flight.task,
      binding,
      locale: 'en',
    });
    await p.send({ type: 'trajectory', data: flight });
    await p.page.waitForFunction(() => document.body.dataset.drawnPoints === '40');
    // In the 32 px margin the map keeps around its data: nothing drawn there to hit.
    const empty = await lonLatAt(p, 14, 120);
    await p.page.mouse.click(empty.pageX, empty.pageY);
    await p.page.click('[data-action="reload"]');
    await p.waitForPosted('reload');
    assert.deepEqual(await annotations(p), [], 'a click outside annotate mode posts no annotation');

    await p.page.click('[data-action="annotate"]');
    assert.equal(await p.page.getAttribute('[data-action="annotate"]', 'aria-pressed'), 'true');
    await p.page.mouse.click(empty.pageX, empty.pageY);
    const point = await nth(p, 1);
    assert.equal(point.geometry?.type, 'Point');
    near(point.geometry?.coordinates, empty.lon, empty.lat);
    assert.equal(point.label, undefined);

    const photo = flight.media[1];
    assert.ok(photo);
    const at = (await projector(p.page))(photo.lon, photo.lat);
    await p.page.mouse.click(at.pageX, at.pageY);
    const onPhoto = await nth(p, 2);
    assert.deepEqual(onPhoto, {
      type: 'annotate',
      geometry: { type: 'Point', coordinates: [photo.lon, photo.lat] },
      label: photo.name,
    });

    const vertices = [await lonLatAt(p, 14, 200), await lonLatAt(p, 14, 300), await lonLatAt(p, 14, 400)];
    await p.page.keyboard.down('Shift');
    for (const v of vertices) await p.page.mouse.click(v.pageX, v.pageY);
    await p.page.keyboard.up('Shift');
    assert.equal(await p.page.evaluate(() => document.body.dataset.lineVertices), '3');
    assert.equal((await annotations(p)).length, 2, 'shift-clicks only collect vertices');
    assert.match((await p.page.textContent('[data-action="createLine"]')) ?? '', /\(3 points\)/);
    await p.page.click('[data-action="createLine"]');
    const line = await nth(p, 3);
    assert.equal(line.geometry?.type, 'LineString');
    const coords = line.geometry?.coordinates as number[][];
    assert.equal(coords.length, 3);
    vertices.forEach((v, i) => near(coords[i], v.lon, v.lat));
    assert.equal(await p.page.evaluate(() => document.body.dataset.lineVertices), '0');
    assert.deepEqual(p.problems(), []);
    await p.close();
  });
});

describe('annotate mode on the route preview page', () => {
  let route: RouteView;
  before(() => {
    const kmz = generateRouteKmz({
      name: 'fence',
      droneEnumValue: 91,
      droneSubEnumValue: 1,
      payloadEnumValue: 81,
      waypoints: Array.from({ length: 8 }, (_, i) => ({
        longitude: 113.94 + i * 0.0008,
        latitude: 22.57 + (i % 2) * 0.0004,
        height: 60,
      })),
      takePhotoEvery: 3,
    });
    const model = readRouteModel(kmz);
    route = routeView('fence', model, validateRouteModel(model));
  });

  it('annotates a clicked waypoint at its position, a line with Enter, and stops when turned off', async () => {
    const p = await harness.open('routePreview', { viewport: { width: 1280, height: 760 } });
    await p.waitForPosted('ready');
    const source = { kind: 'remote', id: 'r1', name: 'fence', binding };
    await p.send({ type: 'setup', labels: routeLabels, mapLabels, map, source });
    await p.send({ type: 'route', route });
    await p.page.waitForFunction(() => document.body.dataset.drawnWaypoints === '8');
    await p.page.click('[data-action="annotate"]');
    const waypoint = route.waylines[0]?.waypoints[5];
    assert.ok(waypoint);
    const at = (await projector(p.page))(waypoint.lon, waypoint.lat);
    await p.page.mouse.click(at.pageX, at.pageY);
    assert.deepEqual(await nth(p, 1), {
      type: 'annotate',
      geometry: { type: 'Point', coordinates: [waypoint.lon, waypoint.lat] },
      label: `Waypoint ${waypoint.index}`,
    });

    const a = await lonLatAt(p, 14, 150);
    const b = await lonLatAt(p, 14, 350);
    await p.page.keyboard.down('Shift');
    await p.page.mouse.click(a.pageX, a.pageY);
    await p.page.mouse.click(b.pageX, b.pageY);
    await p.page.keyboard.up('Shift');
    await p.page.keyboard.press('Enter');
    const line = await nth(p, 2);
    assert.equal(line.geometry?.type, 'LineString');
    const coords = line.geometry?.coordinates as number[][];
    near(coords[0], a.lon, a.lat);
    near(coords[1], b.lon, b.lat);

    await p.page.click('[data-action="annotate"]');
    assert.equal(await p.page.evaluate(() => document.body.dataset.annotating), 'false');
    await p.page.mouse.click(a.pageX, a.pageY);
    await p.page.click('vscode-button[title="refresh"]');
    await p.waitForPosted('refresh');
    assert.equal((await annotations(p)).length, 2, 'no annotation once the mode is off');
    assert.deepEqual(p.problems(), []);
    await p.close();
  });
});
