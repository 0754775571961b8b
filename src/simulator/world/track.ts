// The flown trajectory (docs/api.md#task-trajectory): one point per second of flight, timestamps in
// milliseconds, heights as ellipsoid heights like the thing model.
import { distance3d } from './geo';
import { Locator } from './motion';
import type { DockSeed } from './org';
import type { Evaluated } from './tasks';

export interface TrackData {
  readonly flight_distance: number;
  readonly flight_duration: number;
  readonly points: { timestamp: number; latitude: number; longitude: number; height: number }[];
}

/**
 * Undefined while the aircraft has not taken off (the service answers 219017 then, docs/api.md#error-codes).
 */
export function trackOf(e: Evaluated, dock: DockSeed, now: number): TrackData | undefined {
  const start = e.timeline.flightStartedAt;
  if (start === undefined || e.timeline.segments.length === 0) return undefined;
  const end = Math.min(now, e.timeline.endedAt ?? now);
  const locator = new Locator(e.plan, e.spec.rthAltitude);
  const points: TrackData['points'] = [];
  let distance = 0;
  let prev: { longitude: number; latitude: number; height: number } | undefined;
  for (let t = start; ; t += 1000) {
    const at = Math.min(t, end);
    const fix = locator.at(e.timeline.segments, at);
    if (prev) distance += distance3d(prev, fix);
    prev = fix;
    points.push({
      timestamp: at,
      latitude: round7(fix.latitude),
      longitude: round7(fix.longitude),
      height: Math.round((dock.location.height + fix.height) * 10) / 10,
    });
    if (at >= end) break;
  }
  return {
    flight_distance: Math.round(distance * 10) / 10,
    flight_duration: Math.round((end - start) / 1000),
    points,
  };
}

function round7(n: number): number {
  return Math.round(n * 1e7) / 1e7;
}
