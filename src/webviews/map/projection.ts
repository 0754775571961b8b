// Map math shared by the map canvas (page) and the unit tests (host build): Web Mercator in "world"
// units — the unit square of zoom 0, x east, y south — so an optional slippy-map tile layer lines up
// with the data without a second projection. Pure: no DOM, no imports, compiles under both tsconfigs.

/** Pixels of one tile; world × TILE_SIZE × 2^zoom = CSS pixels. */
export const TILE_SIZE = 256;
/** Web Mercator's latitude limit (the world square). */
export const MAX_LATITUDE = 85.05112878;
/** Deepest zoom the view allows: ~2 cm per pixel, far below GPS noise. */
export const MAX_ZOOM = 23;
export const MIN_ZOOM = 1;
const EARTH_RADIUS = 6_378_137;

export interface WorldPoint {
  readonly x: number;
  readonly y: number;
}

export interface Bounds {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** What the canvas shows: the world point at its centre, a fractional zoom, and its CSS size. */
export interface Viewport {
  readonly cx: number;
  readonly cy: number;
  readonly zoom: number;
  readonly width: number;
  readonly height: number;
}

export function lonLatToWorld(lon: number, lat: number): WorldPoint {
  const clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
  const s = Math.sin((clamped * Math.PI) / 180);
  return {
    x: (lon + 180) / 360,
    y: 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI),
  };
}

export function worldToLonLat(x: number, y: number): { lon: number; lat: number } {
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
  return { lon: x * 360 - 180, lat };
}

/** CSS pixels per world unit at a zoom. */
export function pixelsPerUnit(zoom: number): number {
  return TILE_SIZE * 2 ** zoom;
}

/** The affine map world → screen: sx = x·k + ox, sy = y·k + oy (one multiply-add per coordinate). */
export interface ScreenTransform {
  readonly k: number;
  readonly ox: number;
  readonly oy: number;
}

export function screenTransform(vp: Viewport): ScreenTransform {
  const k = pixelsPerUnit(vp.zoom);
  return { k, ox: vp.width / 2 - vp.cx * k, oy: vp.height / 2 - vp.cy * k };
}

export function worldToScreen(vp: Viewport, p: WorldPoint): WorldPoint {
  const t = screenTransform(vp);
  return { x: p.x * t.k + t.ox, y: p.y * t.k + t.oy };
}

export function screenToWorld(vp: Viewport, sx: number, sy: number): WorldPoint {
  const t = screenTransform(vp);
  return { x: (sx - t.ox) / t.k, y: (sy - t.oy) / t.k };
}

/** Bounds of lon/lat pairs in world units, or undefined for no points. */
export function boundsOf(points: Iterable<{ lon: number; lat: number }>): Bounds | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    const w = lonLatToWorld(p.lon, p.lat);
    minX = Math.min(minX, w.x);
    maxX = Math.max(maxX, w.x);
    minY = Math.min(minY, w.y);
    maxY = Math.max(maxY, w.y);
  }
  return minX <= maxX ? { minX, minY, maxX, maxY } : undefined;
}

export function clampZoom(zoom: number): number {
  return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom));
}

/**
 * The centre and zoom that show `b` inside `width × height` with `padding` CSS pixels on each side. A
 * single point (or a tiny box) gets a street-level zoom rather than the deepest one.
 */
export function fitBounds(
  b: Bounds,
  width: number,
  height: number,
  padding = 32,
  maxZoom = 19,
): Pick<Viewport, 'cx' | 'cy' | 'zoom'> {
  const w = Math.max(1, width - 2 * padding);
  const h = Math.max(1, height - 2 * padding);
  const dx = b.maxX - b.minX;
  const dy = b.maxY - b.minY;
  const fit = Math.min(dx > 0 ? w / dx : Infinity, dy > 0 ? h / dy : Infinity);
  const zoom = Number.isFinite(fit) ? Math.log2(fit / TILE_SIZE) : maxZoom;
  return { cx: (b.minX + b.maxX) / 2, cy: (b.minY + b.maxY) / 2, zoom: clampZoom(Math.min(zoom, maxZoom)) };
}

/** Zooms by `factor` keeping the world point under (sx, sy) where it is on screen (wheel zoom). */
export function zoomAround(vp: Viewport, sx: number, sy: number, deltaZoom: number): Viewport {
  const zoom = clampZoom(vp.zoom + deltaZoom);
  const anchor = screenToWorld(vp, sx, sy);
  const k = pixelsPerUnit(zoom);
  return {
    ...vp,
    zoom,
    cx: anchor.x - (sx - vp.width / 2) / k,
    cy: anchor.y - (sy - vp.height / 2) / k,
  };
}

/** Ground metres per CSS pixel at a latitude (Mercator stretches by 1/cos φ). */
export function metresPerPixel(zoom: number, lat: number): number {
  return (2 * Math.PI * EARTH_RADIUS * Math.cos((lat * Math.PI) / 180)) / pixelsPerUnit(zoom);
}

/** The longest 1-2-5 × 10ⁿ metre length that fits in `maxPx` pixels, for the scale bar. */
export function niceScale(mpp: number, maxPx: number): { metres: number; px: number } {
  const limit = mpp * maxPx;
  const base = 10 ** Math.floor(Math.log10(limit));
  const step = [5, 2, 1].find((m) => m * base <= limit) ?? 1;
  const metres = step * base;
  return { metres, px: metres / mpp };
}

export interface Tile {
  readonly z: number;
  readonly x: number;
  readonly y: number;
  /** Top-left corner and edge in CSS pixels. */
  readonly sx: number;
  readonly sy: number;
  readonly size: number;
}

/** The slippy-map tiles covering the viewport, at the zoom level just below the view's (scaled up). */
export function visibleTiles(vp: Viewport, maxTileZoom = 19): Tile[] {
  const z = Math.max(0, Math.min(maxTileZoom, Math.floor(vp.zoom)));
  const n = 2 ** z;
  const t = screenTransform(vp);
  const size = t.k / n;
  const first = screenToWorld(vp, 0, 0);
  const last = screenToWorld(vp, vp.width, vp.height);
  const x0 = Math.floor(first.x * n);
  const x1 = Math.floor(last.x * n);
  const y0 = Math.max(0, Math.floor(first.y * n));
  const y1 = Math.min(n - 1, Math.floor(last.y * n));
  const out: Tile[] = [];
  for (let ty = y0; ty <= y1; ty++) {
    for (let tx = x0; tx <= x1; tx++) {
      // x wraps around the antimeridian; y does not.
      const wrapped = ((tx % n) + n) % n;
      out.push({ z, x: wrapped, y: ty, sx: (tx / n) * t.k + t.ox, sy: (ty / n) * t.k + t.oy, size });
    }
  }
  return out;
}

/** `{z}/{x}/{y}` substituted into a tile URL template. */
export function tileUrl(template: string, tile: Pick<Tile, 'z' | 'x' | 'y'>): string {
  return template
    .replace('{z}', String(tile.z))
    .replace('{x}', String(tile.x))
    .replace('{y}', String(tile.y));
}
