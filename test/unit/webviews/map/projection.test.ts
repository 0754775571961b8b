// The map's projection math (src/webviews/map/projection.ts), shared by the page and these tests.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  boundsOf,
  fitBounds,
  lonLatToWorld,
  metresPerPixel,
  niceScale,
  screenToWorld,
  tileUrl,
  visibleTiles,
  worldToLonLat,
  worldToScreen,
  zoomAround,
  type Viewport,
} from '../../../../src/webviews/map/projection';

const close = (a: number, b: number, eps: number, what: string) =>
  assert.ok(Math.abs(a - b) <= eps, `${what}: ${a} vs ${b}`);

describe('map projection', () => {
  it('round-trips lon/lat through world units, with known anchors', () => {
    assert.deepEqual(lonLatToWorld(0, 0), { x: 0.5, y: 0.5 });
    close(lonLatToWorld(180, 0).x, 1, 1e-12, 'antimeridian');
    close(lonLatToWorld(0, 85.05112878).y, 0, 1e-8, 'north edge');
    for (const [lon, lat] of [
      [113.943281, 22.577342],
      [-122.4194, 37.7749],
      [151.2093, -33.8688],
      [-0.0001, 0.0001],
    ] as const) {
      const w = lonLatToWorld(lon, lat);
      const back = worldToLonLat(w.x, w.y);
      close(back.lon, lon, 1e-9, 'lon');
      close(back.lat, lat, 1e-9, 'lat');
    }
    // North is up: a higher latitude has a smaller y.
    assert.ok(lonLatToWorld(10, 50).y < lonLatToWorld(10, 40).y);
  });

  it('round-trips world and screen coordinates at deep zoom', () => {
    const centre = lonLatToWorld(113.94, 22.57);
    const view: Viewport = { cx: centre.x, cy: centre.y, zoom: 21.3, width: 800, height: 600 };
    const p = lonLatToWorld(113.9401, 22.5702);
    const s = worldToScreen(view, p);
    const back = screenToWorld(view, s.x, s.y);
    close(back.x, p.x, 1e-15, 'x');
    close(back.y, p.y, 1e-15, 'y');
    const mid = worldToScreen(view, centre);
    assert.deepEqual([mid.x, mid.y], [400, 300]);
  });

  it('fits bounds inside the padded viewport, as tightly as one side allows', () => {
    const points = [
      { lon: 113.94, lat: 22.57 },
      { lon: 113.95, lat: 22.575 },
      { lon: 113.945, lat: 22.565 },
    ];
    const b = boundsOf(points);
    assert.ok(b);
    const vp: Viewport = { ...fitBounds(b, 1000, 500, 20), width: 1000, height: 500 };
    const screen = points.map((p) => worldToScreen(vp, lonLatToWorld(p.lon, p.lat)));
    for (const s of screen) {
      assert.ok(s.x >= 20 - 1e-6 && s.x <= 980 + 1e-6, `x ${s.x}`);
      assert.ok(s.y >= 20 - 1e-6 && s.y <= 480 + 1e-6, `y ${s.y}`);
    }
    const spanX = Math.max(...screen.map((s) => s.x)) - Math.min(...screen.map((s) => s.x));
    const spanY = Math.max(...screen.map((s) => s.y)) - Math.min(...screen.map((s) => s.y));
    assert.ok(
      Math.abs(spanX - 960) < 1e-6 || Math.abs(spanY - 460) < 1e-6,
      `fills one side: ${spanX}×${spanY}`,
    );
    // One point: street level, not the deepest zoom.
    const single = boundsOf([{ lon: 8.5, lat: 47.4 }]);
    assert.ok(single);
    assert.equal(fitBounds(single, 800, 600).zoom, 19);
    assert.equal(boundsOf([]), undefined);
  });

  it('zooms around the pointer and keeps that spot still', () => {
    const c = lonLatToWorld(113.94, 22.57);
    const vp: Viewport = { cx: c.x, cy: c.y, zoom: 16, width: 640, height: 480 };
    const under = screenToWorld(vp, 100, 50);
    const zoomed = zoomAround(vp, 100, 50, 1.5);
    assert.equal(zoomed.zoom, 17.5);
    const again = worldToScreen(zoomed, under);
    close(again.x, 100, 1e-6, 'x');
    close(again.y, 50, 1e-6, 'y');
    assert.equal(zoomAround(vp, 0, 0, 50).zoom, 23, 'clamped');
  });

  it('picks a 1-2-5 scale bar that fits and matches the ground distance', () => {
    const mpp = metresPerPixel(17, 22.57);
    close(mpp, (2 * Math.PI * 6_378_137 * Math.cos((22.57 * Math.PI) / 180)) / (256 * 2 ** 17), 1e-12, 'mpp');
    const { metres, px } = niceScale(mpp, 120);
    assert.ok([1, 2, 5].includes(metres / 10 ** Math.floor(Math.log10(metres))));
    assert.ok(px <= 120 && px > 120 / 2.5, `px ${px}`);
    close(px * mpp, metres, 1e-9, 'bar length');
  });

  it('lists the tiles that cover the viewport and fills URL templates', () => {
    const c = lonLatToWorld(113.94, 22.57);
    const vp: Viewport = { cx: c.x, cy: c.y, zoom: 15.5, width: 700, height: 500 };
    const tiles = visibleTiles(vp);
    assert.ok(tiles.every((t) => t.z === 15));
    // Every corner of the viewport lies in some tile.
    for (const [x, y] of [
      [0, 0],
      [700, 0],
      [0, 500],
      [699, 499],
    ] as const)
      assert.ok(tiles.some((t) => x >= t.sx && x <= t.sx + t.size && y >= t.sy && y <= t.sy + t.size));
    assert.equal(
      tileUrl('https://t.example/{z}/{x}/{y}.png', { z: 3, x: 5, y: 2 }),
      'https://t.example/3/5/2.png',
    );
  });
});
