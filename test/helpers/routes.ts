// A short valid route for the upload tests (unit and integration): three waypoints by Shenzhen Bay,
// drone 91-1 with payload 81, optionally padded to any size with an incompressible resource.
import { randomBytes } from 'node:crypto';
import { readZip, writeZip } from '../../src/routes/zip/zip';
import { generateRouteKmz, type RoutePoint } from '../../src/simulator/routegen';

export const SHORT_ROUTE: readonly RoutePoint[] = [
  { longitude: 113.9431, latitude: 22.5773, height: 80 },
  { longitude: 113.9441, latitude: 22.5779, height: 90 },
  { longitude: 113.9452, latitude: 22.5771, height: 90 },
];

/**
 * A valid KMZ named `name` over `waypoints` (default SHORT_ROUTE); `padBytes` > 0 adds a stored random
 * `wpmz/res/pad.bin`, so the file needs several upload parts.
 */
export function shortRouteKmz(
  name: string,
  options: { padBytes?: number; waypoints?: readonly RoutePoint[] } = {},
): Buffer {
  const kmz = generateRouteKmz({
    name,
    droneEnumValue: 91,
    droneSubEnumValue: 1,
    payloadEnumValue: 81,
    waypoints: options.waypoints ?? SHORT_ROUTE,
  });
  if (!options.padBytes) return kmz;
  const entries = readZip(kmz).map((e) => ({ name: e.name, data: e.data() }));
  const pad = { name: 'wpmz/res/pad.bin', data: randomBytes(options.padBytes), compress: false };
  return writeZip([...entries, pad]);
}
