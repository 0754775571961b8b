// Small geodesy for flight paths: distances in metres, linear interpolation along polylines. Flights
// span a few kilometres, where a flat-earth interpolation between nearby points is accurate enough.

export interface LonLat {
  readonly longitude: number;
  readonly latitude: number;
}
/** A point with `height` in metres relative to the take-off point. */
export interface PathPoint extends LonLat {
  readonly height: number;
}

const EARTH_RADIUS = 6_371_000;
const rad = (deg: number) => (deg * Math.PI) / 180;

export function groundDistance(a: LonLat, b: LonLat): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function distance3d(a: PathPoint, b: PathPoint): number {
  return Math.hypot(groundDistance(a, b), b.height - a.height);
}

/** Bearing from a to b in degrees, −180..180 from true north (the thing model's `attitude_head`). */
export function bearing(a: LonLat, b: LonLat): number {
  const y = Math.sin(rad(b.longitude - a.longitude)) * Math.cos(rad(b.latitude));
  const x =
    Math.cos(rad(a.latitude)) * Math.sin(rad(b.latitude)) -
    Math.sin(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.cos(rad(b.longitude - a.longitude));
  return (Math.atan2(y, x) * 180) / Math.PI;
}

export interface Polyline {
  readonly points: readonly PathPoint[];
  /** Cumulative 3-D length at each point; `cumulative[0] === 0`. */
  readonly cumulative: readonly number[];
  readonly length: number;
}

export function polyline(points: readonly PathPoint[]): Polyline {
  const cumulative = [0];
  for (let i = 1; i < points.length; i++) {
    const prev = points[i - 1];
    const cur = points[i];
    cumulative.push((cumulative[i - 1] ?? 0) + (prev && cur ? distance3d(prev, cur) : 0));
  }
  return { points, cumulative, length: cumulative[cumulative.length - 1] ?? 0 };
}

export interface Located extends PathPoint {
  /** Heading of the current leg. */
  readonly heading: number;
}

/** The point `travelled` metres along the line (clamped to its ends). */
export function pointAlong(line: Polyline, travelled: number): Located {
  const { points, cumulative } = line;
  const first = points[0] ?? { longitude: 0, latitude: 0, height: 0 };
  if (points.length < 2) return { ...first, heading: 0 };
  const d = Math.max(0, Math.min(travelled, line.length));
  let i = 1;
  while (i < points.length - 1 && (cumulative[i] ?? 0) < d) i++;
  const a = points[i - 1] ?? first;
  const b = points[i] ?? first;
  const start = cumulative[i - 1] ?? 0;
  const span = (cumulative[i] ?? 0) - start;
  const f = span > 0 ? (d - start) / span : 1;
  const lerp = (x: number, y: number) => x + (y - x) * f;
  const flat = groundDistance(a, b) < 0.5;
  return {
    longitude: lerp(a.longitude, b.longitude),
    latitude: lerp(a.latitude, b.latitude),
    height: lerp(a.height, b.height),
    heading: flat ? 0 : bearing(a, b),
  };
}
