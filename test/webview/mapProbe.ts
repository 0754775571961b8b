// Test-side view of the shared map canvas: where a lon/lat lands on the page (from the view the canvas
// exposes in `data-view` and the same projection code), and what colour the canvas has there.
import type { Page } from 'playwright-core';
import { lonLatToWorld, worldToScreen } from '../../src/webviews/map/projection';

export interface ScreenPoint {
  /** Relative to the canvas, CSS pixels. */
  readonly x: number;
  readonly y: number;
  /** Relative to the page, for mouse clicks. */
  readonly pageX: number;
  readonly pageY: number;
}

export async function projector(
  page: Page,
  mapSelector = '.map',
): Promise<(lon: number, lat: number) => ScreenPoint> {
  const info = await page.$eval(mapSelector, (el) => {
    const r = el.getBoundingClientRect();
    return {
      view: (el as HTMLElement).dataset.view ?? '',
      left: r.left,
      top: r.top,
      width: r.width,
      height: r.height,
    };
  });
  const view = JSON.parse(info.view) as { cx: number; cy: number; zoom: number };
  const vp = { ...view, width: Math.round(info.width), height: Math.round(info.height) };
  return (lon, lat) => {
    const s = worldToScreen(vp, lonLatToWorld(lon, lat));
    return { x: s.x, y: s.y, pageX: s.x + info.left, pageY: s.y + info.top };
  };
}

/** RGBA of canvas pixels (device pixels scaled from CSS pixels), read in the page in one call. */
export async function pixels(page: Page, points: readonly { x: number; y: number }[]): Promise<number[][]> {
  return page.$eval(
    '.map-canvas',
    (el, pts) => {
      const canvas = el as HTMLCanvasElement;
      const ctx = canvas.getContext('2d');
      if (!ctx) return [];
      const scale = canvas.width / canvas.clientWidth;
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      return pts.map((p) => {
        const x = Math.round(p.x * scale);
        const y = Math.round(p.y * scale);
        const i = (y * canvas.width + x) * 4;
        return x < 0 || y < 0 || x >= canvas.width || y >= canvas.height
          ? []
          : [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0, data[i + 3] ?? 0];
      });
    },
    points.map((p) => ({ x: p.x, y: p.y })),
  );
}
