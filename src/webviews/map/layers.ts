// Reusable map layers. Coordinates are projected once into one Float64Array (x0, y0, x1, y1, …) in
// world units; each frame only applies the affine screen transform, so a line of 100,000 points is one
// canvas path. Points off screen are still counted as drawn: the count says what the layer holds on
// the map, and a path outside the canvas costs nothing visible.
import type { DrawContext, MapLayer } from './mapCanvas';
import { lonLatToWorld, type ScreenTransform } from './projection';

/** Reach of the pointer for hover and click, in CSS pixels. */
const HIT_RADIUS = 8;

export function projectAll(points: readonly { lon: number; lat: number }[]): Float64Array {
  const out = new Float64Array(points.length * 2);
  points.forEach((p, i) => {
    const w = lonLatToWorld(p.lon, p.lat);
    out[2 * i] = w.x;
    out[2 * i + 1] = w.y;
  });
  return out;
}

/** The vertex nearest to (sx, sy) within HIT_RADIUS, by a linear scan (fast enough per pointer move). */
export function nearest(
  coords: Float64Array,
  sx: number,
  sy: number,
  t: ScreenTransform,
  radius = HIT_RADIUS,
): { index: number; distance: number } | undefined {
  let best = -1;
  let bestD = radius * radius;
  for (let i = 0; i < coords.length / 2; i++) {
    const dx = (coords[2 * i] ?? 0) * t.k + t.ox - sx;
    const dy = (coords[2 * i + 1] ?? 0) * t.k + t.oy - sy;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best >= 0 ? { index: best, distance: Math.sqrt(bestD) } : undefined;
}

export interface LineStyle {
  readonly colour: () => string;
  readonly width: number;
  readonly dash?: readonly number[];
  /** Opacity, for wide translucent bands under other lines. */
  readonly alpha?: number;
  /** Halo under the line so it reads on tiles and on the dark background alike. */
  readonly halo?: boolean;
}

/** A polyline through every vertex; `upTo` (a vertex count) draws only the first part. */
export function lineLayer(
  id: string,
  coords: Float64Array,
  style: LineStyle,
  tooltip?: (index: number) => string,
): MapLayer & { upTo?: number } {
  const layer: MapLayer & { upTo?: number } = {
    id,
    draw: ({ ctx, t }: DrawContext) => {
      const n = Math.min(coords.length / 2, layer.upTo ?? Infinity);
      if (n === 0) return 0;
      ctx.beginPath();
      ctx.moveTo((coords[0] ?? 0) * t.k + t.ox, (coords[1] ?? 0) * t.k + t.oy);
      for (let i = 1; i < n; i++)
        ctx.lineTo((coords[2 * i] ?? 0) * t.k + t.ox, (coords[2 * i + 1] ?? 0) * t.k + t.oy);
      ctx.lineJoin = 'round';
      ctx.lineCap = 'round';
      if (style.dash) ctx.setLineDash([...style.dash]);
      if (style.halo) {
        ctx.strokeStyle = 'rgba(0, 0, 0, 0.45)';
        ctx.lineWidth = style.width + 2.5;
        ctx.stroke();
      }
      ctx.strokeStyle = style.colour();
      ctx.lineWidth = style.width;
      if (style.alpha !== undefined) ctx.globalAlpha = style.alpha;
      ctx.stroke();
      return n;
    },
    ...(tooltip
      ? {
          hit: (sx: number, sy: number, t: ScreenTransform) => {
            const found = nearest(coords, sx, sy, t, 5);
            return found && { ...found, tooltip: tooltip(found.index), distance: found.distance + 3 };
          },
        }
      : {}),
  };
  return layer;
}

export interface PointStyle {
  readonly colour: () => string;
  readonly radius: number;
  /** Text inside the marker (waypoint numbers); drawn only while markers are far enough apart. */
  readonly label?: (index: number) => string;
  readonly selected?: () => number | undefined;
  readonly shape?: Shape;
}

/** Markers at every vertex; the selected one is drawn last, larger and ringed. */
export function pointLayer(
  id: string,
  coords: Float64Array,
  style: PointStyle,
  tooltip: (index: number) => string,
): MapLayer {
  return {
    id,
    draw: ({ ctx, t, vp }: DrawContext) => {
      const n = coords.length / 2;
      const colour = style.colour();
      const labelled = style.label !== undefined && spacing(coords, t) >= style.radius * 2.2;
      ctx.font = `bold ${Math.round(style.radius * 1.1)}px sans-serif`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      // Each marker is its own small path: in software canvases (no GPU) one path of 10,000 subpaths
      // fills ten times slower than 10,000 small ones. Markers off the canvas are skipped, still counted.
      const shape = style.shape ?? 'circle';
      const r = style.radius;
      for (let i = 0; i < n; i++) {
        const x = (coords[2 * i] ?? 0) * t.k + t.ox;
        const y = (coords[2 * i + 1] ?? 0) * t.k + t.oy;
        if (x < -r || y < -r || x > vp.width + r || y > vp.height + r) continue;
        marker(ctx, shape, x, y, r, colour);
      }
      if (labelled) {
        ctx.fillStyle = '#fff';
        for (let i = 0; i < n; i++)
          ctx.fillText(
            style.label?.(i) ?? '',
            (coords[2 * i] ?? 0) * t.k + t.ox,
            (coords[2 * i + 1] ?? 0) * t.k + t.oy + 0.5,
          );
      }
      const sel = style.selected?.();
      if (sel !== undefined && sel >= 0 && sel < n) {
        const x = (coords[2 * sel] ?? 0) * t.k + t.ox;
        const y = (coords[2 * sel + 1] ?? 0) * t.k + t.oy;
        ctx.beginPath();
        ctx.arc(x, y, style.radius + 5, 0, 2 * Math.PI);
        ctx.strokeStyle = '#ffffff';
        ctx.lineWidth = 3;
        ctx.stroke();
        marker(ctx, style.shape ?? 'circle', x, y, style.radius + 1.5, colour);
        ctx.fillStyle = '#fff';
        ctx.fillText(style.label?.(sel) ?? '', x, y + 0.5);
      }
      return n;
    },
    hit: (sx, sy, t) => {
      const found = nearest(coords, sx, sy, t, Math.max(HIT_RADIUS, style.radius + 2));
      return found && { ...found, tooltip: tooltip(found.index) };
    },
  };
}

export function marker(
  ctx: CanvasRenderingContext2D,
  shape: Shape,
  x: number,
  y: number,
  r: number,
  colour: string,
): void {
  ctx.beginPath();
  shapePath(ctx, shape, x, y, r);
  ctx.fillStyle = colour;
  ctx.fill();
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.6)';
  ctx.lineWidth = 1.5;
  ctx.stroke();
}

type Shape = 'circle' | 'diamond' | 'triangle';

/** Adds one marker outline to the current path (a circle starts at its rightmost point). */
function shapePath(ctx: CanvasRenderingContext2D, shape: Shape, x: number, y: number, r: number): void {
  if (shape === 'circle') {
    ctx.arc(x, y, r, 0, 2 * Math.PI);
  } else if (shape === 'diamond') {
    ctx.moveTo(x, y - r);
    ctx.lineTo(x + r, y);
    ctx.lineTo(x, y + r);
    ctx.lineTo(x - r, y);
    ctx.closePath();
  } else {
    ctx.moveTo(x, y - r);
    ctx.lineTo(x + r, y + r * 0.8);
    ctx.lineTo(x - r, y + r * 0.8);
    ctx.closePath();
  }
}

/** The smallest on-screen distance between consecutive vertices (labels overlap below a threshold). */
function spacing(coords: Float64Array, t: ScreenTransform): number {
  let min = Infinity;
  for (let i = 1; i < coords.length / 2 && i < 2000; i++) {
    const dx = ((coords[2 * i] ?? 0) - (coords[2 * i - 2] ?? 0)) * t.k;
    const dy = ((coords[2 * i + 1] ?? 0) - (coords[2 * i - 1] ?? 0)) * t.k;
    min = Math.min(min, Math.hypot(dx, dy));
  }
  return min;
}
