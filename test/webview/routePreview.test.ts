// The route preview page in Chromium, fed exactly what the panel sends: routes read with the route
// model from a real simulator's route library and from the simulator's route generator.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { routeView } from '../../src/features/routes/routePreviewData';
import { validateRouteModel } from '../../src/routes/wpml/validate';
import { readRouteModel } from '../../src/routes/wpml/wpml';
import { readZip, writeZip } from '../../src/routes/zip/zip';
import { generateRouteKmz } from '../../src/simulator/routegen';
import type { RouteView } from '../../src/webviews/routePreview/protocol';
import { withSimulator, type SimSetup } from '../helpers/sim';
import { startHarness, until, type Harness, type PanelPage } from '../helpers/webviewHarness';
import { mapLabels, pixels, projector, screenPixel } from './mapProbe';

const OUT = 'test-output/webview';

const binding = { connectionId: 'c1', connectionName: 'Simulator', projectUuid: 'p1' };
const labels = {
  waypoint: 'Waypoint',
  latitude: 'Latitude',
  longitude: 'Longitude',
  height: 'Height (m)',
  speed: 'Speed (m/s)',
  actions: 'Actions',
  wayline: 'Wayline',
  turnMode: 'Turn mode',
  heightMode: 'Height mode',
  takeOff: 'Take-off point',
  errors: 'errors',
  warnings: 'warnings',
  infos: 'notes',
  noFindings: 'No findings',
  refresh: 'Reload',
  unreadable: 'The route could not be read; see the findings.',
  loading: 'Reading the route…',
  waypoints: 'waypoints',
  distance: 'Distance',
};

let s: SimSetup;
let harness: Harness;
after(async () => {
  await harness?.close();
  await s?.close();
});

async function show(
  route: RouteView,
  map = { tileUrl: '', attribution: '' },
  origins: { img?: string[] } = {},
): Promise<PanelPage> {
  const p = await harness.open('routePreview', { viewport: { width: 1280, height: 760 }, origins });
  await p.waitForPosted('ready');
  const source = { kind: 'remote', id: 'r1', name: route.name, binding };
  await p.send({ type: 'setup', labels, mapLabels, map, source });
  await p.send({ type: 'route', route });
  return p;
}

async function drawn(p: PanelPage, expected: number): Promise<void> {
  await p.page.waitForFunction((n) => document.body.dataset.drawnWaypoints === String(n), expected);
}

describe('route preview page', () => {
  let simRoute: RouteView;
  let generated: RouteView;

  before(async () => {
    await mkdir(OUT, { recursive: true });
    s = await withSimulator();
    const world = s.sim.world.describe();
    const project = world.projects.find((x) => x.accessible);
    assert.ok(project);
    const api = s.client.project(project.uuid);
    const first = world.routes.find((r) => r.projectUuid === project.uuid);
    assert.ok(first);
    const detail = await api.waylines.detail(first.uuid);
    assert.ok(detail.download_url);
    const kmz = Buffer.from(await (await fetch(detail.download_url)).arrayBuffer());
    const model = readRouteModel(kmz);
    simRoute = routeView(detail.name, model, validateRouteModel(model));
    // A lawn-mower pattern with photos every third waypoint, like a survey.
    const waypoints = Array.from({ length: 48 }, (_, i) => ({
      longitude:
        113.94 + (i % 8) * 0.0006 * (Math.floor(i / 8) % 2 === 0 ? 1 : -1) + (Math.floor(i / 8) % 2) * 0.0042,
      latitude: 22.57 + Math.floor(i / 8) * 0.0005,
      height: 60 + (i % 5),
    }));
    const genKmz = generateRouteKmz({
      name: 'survey',
      droneEnumValue: 91,
      droneSubEnumValue: 1,
      payloadEnumValue: 81,
      waypoints,
      takePhotoEvery: 3,
    });
    const genModel = readRouteModel(genKmz);
    generated = routeView('survey', genModel, validateRouteModel(genModel));
    harness = await startHarness();
  });

  it('lists and draws every waypoint of a simulator route', async () => {
    const points = simRoute.waylines.flatMap((w) => w.waypoints);
    assert.ok(points.length >= 2);
    const p = await show(simRoute);
    await drawn(p, points.length);
    const rows = await p.page.$$eval('table.waypoints tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    assert.equal(rows.length, points.length);
    rows.forEach((cells, i) => {
      assert.equal(cells[0], String(points[i]?.index));
      assert.equal(cells[1], points[i]?.lat.toFixed(7));
    });
    // Each waypoint marker is on the canvas where the projection puts it (orange, not background).
    const at = await projector(p.page);
    const colours = await pixels(
      p.page,
      points.map((w) => at(w.lon, w.lat)),
    );
    for (const [i, c] of colours.entries())
      assert.ok((c[3] ?? 0) > 200, `waypoint ${i} not drawn: ${String(c)}`);
    await p.page.screenshot({ path: `${OUT}/route-preview-sim.png` });
    assert.deepEqual(p.problems(), []);
    await p.close();
  });

  it('highlights a clicked row on the map, and a clicked waypoint in the list', async () => {
    const points = generated.waylines.flatMap((w) => w.waypoints);
    const p = await show(generated);
    await drawn(p, points.length);
    assert.ok(generated.waylines[0]?.waypoints[3]?.actions.includes('takePhoto'));
    const at = await projector(p.page);
    const target = points[10];
    assert.ok(target);
    const where = at(target.lon, target.lat);
    // Before selection there is no white ring just outside the marker.
    const ringProbe = { x: where.x + 13, y: where.y };
    const before = (await pixels(p.page, [ringProbe]))[0] ?? [];
    await p.page.click('table.waypoints tbody tr[data-row="10"]');
    await p.page.waitForFunction(() => document.body.dataset.selected === '10');
    assert.equal(await p.page.getAttribute('tr[data-row="10"]', 'aria-selected'), 'true');
    assert.ok(await p.page.$eval('tr[data-row="10"]', (tr) => tr.classList.contains('selected')));
    // The table follows at once; the map draws the ring in its next animation frame.
    let ring: number[] = [];
    const white = async () => {
      ring = (await pixels(p.page, [ringProbe]))[0] ?? [];
      return (ring[0] ?? 0) > 200 && (ring[1] ?? 0) > 200 && (ring[2] ?? 0) > 200;
    };
    await until(white, 'a white ring around the selected waypoint').catch((error: unknown) => {
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}; last pixel ${String(ring)}`,
      );
    });
    assert.notDeepEqual(ring, before);
    await p.page.screenshot({ path: `${OUT}/route-preview.png` });

    const other = points[30];
    assert.ok(other);
    const o = at(other.lon, other.lat);
    await p.page.mouse.click(o.pageX, o.pageY);
    await p.page.waitForFunction(() => document.body.dataset.selected === '30');
    assert.equal(await p.page.getAttribute('tr[data-row="30"]', 'aria-selected'), 'true');
    assert.equal(await p.page.getAttribute('tr[data-row="10"]', 'aria-selected'), 'false');
    const state = (await p.state()) as { selected?: number };
    assert.equal(state.selected, 30, 'the selection survives a reload');
    // Hovering shows the waypoint's details.
    await p.page.mouse.move(o.pageX + 1, o.pageY);
    await p.page.waitForSelector('.map-tooltip:not([hidden])');
    assert.match((await p.page.textContent('.map-tooltip')) ?? '', /Waypoint 30/);
    assert.deepEqual(p.problems(), []);
    await p.close();
  });

  it('shows the findings of a broken route behind a red badge', async () => {
    const broken = {
      ...generated,
      findings: {
        errors: 1,
        warnings: 0,
        infos: 0,
        list: [
          {
            severity: 'error' as const,
            text: 'Waypoint speed must be > 0',
            where: 'wpmz/waylines.wpml:40:7',
          },
        ],
      },
    };
    const p = await show(broken);
    await p.page.waitForSelector('.findings-badge.error');
    assert.match((await p.page.textContent('.findings-badge')) ?? '', /1 errors/);
    assert.match((await p.page.textContent('ul.findings')) ?? '', /waylines\.wpml:40:7/);
    assert.deepEqual(p.problems(), []);
    await p.close();
  });

  it('zooms with the keyboard and the buttons, and fits the data again', async () => {
    const p = await show(generated);
    await drawn(p, generated.waylines[0]?.waypoints.length ?? 0);
    const zoom = async () =>
      (JSON.parse((await p.page.getAttribute('.map', 'data-view')) ?? '{}') as { zoom: number }).zoom;
    const fitted = await zoom();
    await p.page.focus('.map-canvas');
    await p.page.keyboard.press('+');
    await p.page.waitForFunction(
      (z) =>
        (JSON.parse(document.querySelector<HTMLElement>('.map')?.dataset.view ?? '{}') as { zoom: number })
          .zoom > z,
      fitted,
    );
    assert.equal(await zoom(), fitted + 1);
    await p.page.click('.map-button[title="Zoom out"]');
    await p.page.click('.map-button[title="Zoom out"]');
    await p.page.waitForFunction(
      (z) =>
        (JSON.parse(document.querySelector<HTMLElement>('.map')?.dataset.view ?? '{}') as { zoom: number })
          .zoom < z,
      fitted,
    );
    await p.page.keyboard.press('0');
    await p.page.waitForFunction(
      (z) =>
        (JSON.parse(document.querySelector<HTMLElement>('.map')?.dataset.view ?? '{}') as { zoom: number })
          .zoom === z,
      fitted,
    );
    const box = await p.page.$eval(
      '.map-canvas',
      (el) => el.getBoundingClientRect().toJSON() as { x: number; y: number },
    );
    await p.page.mouse.move(box.x + 200, box.y + 200);
    await p.page.mouse.wheel(0, -200);
    await p.page.waitForFunction(
      (z) =>
        (JSON.parse(document.querySelector<HTMLElement>('.map')?.dataset.view ?? '{}') as { zoom: number })
          .zoom > z,
      fitted,
    );
    // The route read again (its file saved) keeps the person's view.
    const zoomed = await zoom();
    const saved = `${generated.name} (saved)`;
    await p.send({ type: 'route', route: { ...generated, name: saved } });
    // A new name in the toolbar and a painted map (its view is written when it paints) are the page's
    // proof that it drew the new data; only then does the kept zoom say anything.
    await p.page.waitForFunction(
      (name) =>
        document.querySelector('.toolbar strong')?.textContent === name &&
        document.querySelector<HTMLElement>('.map')?.dataset.view !== undefined,
      saved,
    );
    assert.equal(await zoom(), zoomed);
    assert.deepEqual(p.problems(), []);
    await p.close();
  });

  it('draws tiles under the data from an allowed tile server, with the attribution', async () => {
    const requested: string[] = [];
    // A stand-in tile server: every tile is a solid green square.
    const server = createServer((req, res) => {
      requested.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/svg+xml' });
      res.end(
        '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="#207020"/></svg>',
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const map = { tileUrl: `${origin}/{z}/{x}/{y}.svg`, attribution: '© Test tiles' };
      const p = await show(generated, map, { img: [origin] });
      await drawn(p, generated.waylines[0]?.waypoints.length ?? 0);
      assert.equal(await p.page.textContent('.map-attribution'), '© Test tiles');
      const box = await p.page.$eval(
        '.map-canvas',
        (el) => el.getBoundingClientRect().toJSON() as { x: number; y: number },
      );
      const green = async () => {
        const c = await screenPixel(p.page, box.x + 6, box.y + 6);
        return Math.abs((c[0] ?? 0) - 0x20) < 4 && Math.abs((c[1] ?? 0) - 0x70) < 4;
      };
      for (let i = 0; i < 50 && !(await green()); i++) await p.page.waitForTimeout(100);
      assert.ok(await green(), 'the tile shows in an empty part of the map');
      const zoom = (JSON.parse((await p.page.getAttribute('.map', 'data-view')) ?? '{}') as { zoom: number })
        .zoom;
      assert.ok(
        requested.length > 0 && requested.every((u) => u.startsWith(`/${Math.floor(zoom)}/`)),
        requested.join(' '),
      );
      // The data stays on top of the tiles.
      const at = await projector(p.page);
      const first = generated.waylines[0]?.waypoints[0];
      assert.ok(first);
      const spot = at(first.lon, first.lat);
      const marker = await screenPixel(p.page, spot.pageX, spot.pageY);
      assert.ok(Math.abs((marker[1] ?? 0) - 0x70) > 10, `a marker, not the tile: ${String(marker)}`);
      await p.page.screenshot({ path: `${OUT}/route-preview-tiles.png` });
      assert.deepEqual(p.problems(), []);
      await p.close();
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('reads the take-off point of waylines.wpml (lat,lon,height) and draws it', async () => {
    const points = generated.waylines[0]?.waypoints ?? [];
    const first = points[0];
    assert.ok(first);
    // The generator writes no take-off point; add one 60 m south of the first waypoint.
    const lat = first.lat - 0.00054;
    const entries = readZip(
      generateRouteKmz({
        name: 'with take-off',
        droneEnumValue: 91,
        droneSubEnumValue: 1,
        payloadEnumValue: 81,
        waypoints: points
          .slice(0, 6)
          .map((w) => ({ longitude: w.lon, latitude: w.lat, height: w.height ?? 50 })),
      }),
    ).map((e) => {
      const text = e.data().toString('utf8');
      const data = e.name.endsWith('waylines.wpml')
        ? text.replace(
            /<wpml:missionConfig>/,
            `$&<wpml:takeOffRefPoint>${lat},${first.lon},12.5</wpml:takeOffRefPoint>`,
          )
        : text;
      return { name: e.name, data: Buffer.from(data, 'utf8') };
    });
    const model = readRouteModel(writeZip(entries));
    const route = routeView('with take-off', model, validateRouteModel(model));
    assert.deepEqual(route.takeOff, { lat, lon: first.lon, height: 12.5 });
    const p = await show(route);
    await drawn(p, 6);
    const at = await projector(p.page);
    const [c] = await pixels(p.page, [at(first.lon, lat)]);
    // The theme's chart green (#89d185) triangle.
    assert.ok(
      c && Math.abs((c[0] ?? 0) - 0x89) < 30 && Math.abs((c[1] ?? 0) - 0xd1) < 30,
      `take-off: ${String(c)}`,
    );
    assert.deepEqual(p.problems(), []);
    await p.close();
  });

  it('draws in device pixels on a 2× screen', async () => {
    const p = await harness.open('routePreview', { viewport: { width: 1280, height: 760 } });
    // The harness has no pixel-ratio option; emulate a 2× screen before the map is laid out.
    const cdp = await p.page.context().newCDPSession(p.page);
    await cdp.send('Emulation.setDeviceMetricsOverride', {
      width: 1280,
      height: 760,
      deviceScaleFactor: 2,
      mobile: false,
    });
    await p.waitForPosted('ready');
    const source = { kind: 'remote', id: 'r1', name: generated.name, binding };
    await p.send({ type: 'setup', labels, mapLabels, map: { tileUrl: '', attribution: '' }, source });
    await p.send({ type: 'route', route: generated });
    const points = generated.waylines[0]?.waypoints ?? [];
    await drawn(p, points.length);
    const ratio = await p.page.$eval(
      '.map-canvas',
      (el) => (el as HTMLCanvasElement).width / Math.round(el.getBoundingClientRect().width),
    );
    assert.equal(ratio, 2);
    // Markers are where the projection puts them (pixels() scales CSS to device pixels).
    const at = await projector(p.page);
    const colours = await pixels(
      p.page,
      points.map((w) => at(w.lon, w.lat)),
    );
    for (const [i, c] of colours.entries()) assert.ok((c[3] ?? 0) > 200, `waypoint ${i} at 2×: ${String(c)}`);
    assert.deepEqual(p.problems(), []);
    await p.close();
  });
});
