// Test-side view of the shared map canvas: where a lon/lat lands on the page (from the view the canvas
// exposes in `data-view` and the same projection code), and what colour the canvas has there.
import { inflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { lonLatToWorld, worldToScreen } from '../../src/webviews/map/projection';

/** The map's words as the host sends them in English (both map panels' tests). */
export const mapLabels = {
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  fit: 'Fit',
  north: 'N',
  metres: 'm',
  kilometres: 'km',
  annotate: 'Annotate',
  annotateHint: 'Click the map for a point annotation; shift-click two or more points for a line.',
  createLine: 'Create Line ({0} points)',
  clearLine: 'Clear',
};

export interface ScreenPoint {
  /** Relative to the canvas, CSS pixels. */
  readonly x: number;
  readonly y: number;
  /** Relative to the page, for mouse clicks. */
  readonly pageX: number;
  readonly pageY: number;
}

/** The map's viewport as the page has it (from `data-view`), and where the map sits on the page. */
export async function mapViewport(page: Page, mapSelector = '.map') {
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
  return { info, vp: { ...view, width: Math.round(info.width), height: Math.round(info.height) } };
}

export async function projector(
  page: Page,
  mapSelector = '.map',
): Promise<(lon: number, lat: number) => ScreenPoint> {
  const { info, vp } = await mapViewport(page, mapSelector);
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

/**
 * RGB of one pixel as the page shows it, from a 1×1 screenshot: works when tiles from another origin
 * have tainted the canvas (getImageData then throws). For a single pixel every PNG row filter leaves
 * the bytes as they are (all predictors are 0), so inflating IDAT is all the decoding needed.
 */
export async function screenPixel(page: Page, pageX: number, pageY: number): Promise<number[]> {
  const png = await page.screenshot({
    clip: { x: Math.round(pageX), y: Math.round(pageY), width: 1, height: 1 },
  });
  const idat: Buffer[] = [];
  let colourType = 2;
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') colourType = data[9] ?? 2;
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  if (colourType !== 2 && colourType !== 6) throw new Error(`unexpected PNG colour type ${colourType}`);
  return [...raw.subarray(1, 4)];
}
