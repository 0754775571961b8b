// Where an aircraft is at a given moment of a flight: the route's waypoints framed by a vertical
// take-off from the dock and a return to it, all flown at the route's speed.
import { pointAlong, polyline, type Located, type LonLat, type PathPoint, type Polyline } from './geo';

export interface FlightPlan {
  readonly home: PathPoint;
  readonly path: Polyline;
  /** m/s along the whole path (climbs and descents included, to keep the arithmetic simple). */
  readonly speed: number;
  readonly durationMs: number;
  /** Distance along `path` at which each route waypoint is reached. */
  readonly waypointDistances: readonly number[];
  /** Indexes of the waypoints that take a photo. */
  readonly photoWaypoints: readonly number[];
}

export function buildFlightPlan(
  home: LonLat,
  waypoints: readonly PathPoint[],
  speed: number,
  photoWaypoints: readonly number[],
): FlightPlan {
  const ground: PathPoint = { longitude: home.longitude, latitude: home.latitude, height: 0 };
  const first = waypoints[0];
  const last = waypoints[waypoints.length - 1];
  const points: PathPoint[] = [ground];
  if (first) points.push({ ...ground, height: first.height });
  points.push(...waypoints);
  if (last) points.push({ ...ground, height: last.height });
  points.push(ground);
  const path = polyline(points);
  const offset = first ? 2 : 1;
  const waypointDistances = waypoints.map((_, i) => path.cumulative[i + offset] ?? path.length);
  const safeSpeed = speed > 0 ? speed : 10;
  return {
    home: ground,
    path,
    speed: safeSpeed,
    durationMs: Math.ceil((path.length / safeSpeed) * 1000),
    waypointDistances,
    photoWaypoints,
  };
}

export function travelled(plan: FlightPlan, progressMs: number): number {
  return Math.min(plan.path.length, (Math.max(0, progressMs) / 1000) * plan.speed);
}

export function positionAt(plan: FlightPlan, progressMs: number): Located {
  return pointAlong(plan.path, travelled(plan, progressMs));
}

/** How many route waypoints have been reached after `progressMs` of flight. */
export function waypointsReached(plan: FlightPlan, progressMs: number): number {
  const d = travelled(plan, progressMs) + 1e-6;
  let n = 0;
  for (const w of plan.waypointDistances) if (w <= d) n++;
  return n;
}

export function photosTaken(plan: FlightPlan, progressMs: number): number {
  const reached = waypointsReached(plan, progressMs);
  return plan.photoWaypoints.filter((i) => i < reached).length;
}

/**
 * Return-to-home path: climb (or descend) to the RTH altitude, fly home, land (docs/api.md#task-create
 * `rth_altitude`).
 */
export function rthPath(plan: FlightPlan, fromProgressMs: number, rthAltitude: number): Polyline {
  const from = positionAt(plan, fromProgressMs);
  const start: PathPoint = { longitude: from.longitude, latitude: from.latitude, height: from.height };
  return polyline([
    start,
    { ...start, height: rthAltitude },
    { ...plan.home, height: rthAltitude },
    plan.home,
  ]);
}

export function rthDurationMs(plan: FlightPlan, fromProgressMs: number, rthAltitude: number): number {
  return Math.ceil((rthPath(plan, fromProgressMs, rthAltitude).length / plan.speed) * 1000);
}
