// "Export GeoJSON" of a flight (RFC 7946): the flown track as a LineString of [lon, lat, height] with
// the time of every vertex, the planned route as LineStrings plus one Point per waypoint, and the
// photos as Points. RFC 7946 positions are longitude first; heights are the API's, in metres. Pure.
import type { TrajectoryView } from '../../webviews/trajectory/protocol';

type Position = [number, number] | [number, number, number];

export interface Feature {
  readonly type: 'Feature';
  readonly geometry:
    | { readonly type: 'LineString'; readonly coordinates: Position[] }
    | { readonly type: 'Point'; readonly coordinates: Position };
  readonly properties: Record<string, unknown>;
}

export interface FeatureCollection {
  readonly type: 'FeatureCollection';
  readonly features: Feature[];
}

function position(lon: number, lat: number, height: number | null): Position {
  return height === null ? [lon, lat] : [lon, lat, height];
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function trajectoryGeoJson(view: TrajectoryView): FeatureCollection {
  const features: Feature[] = [];
  const { track } = view;
  // A LineString needs two positions; a one-fix track is a Point.
  if (track.length >= 2) {
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: track.map((p) => position(p[2], p[1], p[3])) },
      properties: {
        kind: 'track',
        task_uuid: view.task.uuid,
        name: view.task.name,
        start: iso(track[0]?.[0] ?? 0),
        end: iso(track[track.length - 1]?.[0] ?? 0),
        flight_distance_m: view.flightDistance,
        flight_duration_s: view.flightDuration,
        // Per-vertex times, parallel to the coordinates (ms since the epoch, as the API sends them).
        times: track.map((p) => p[0]),
      },
    });
  } else if (track[0]) {
    const p = track[0];
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: position(p[2], p[1], p[3]) },
      properties: { kind: 'track', task_uuid: view.task.uuid, name: view.task.name, time: iso(p[0]) },
    });
  }
  view.planned?.waylines.forEach((waypoints, wayline) => {
    if (waypoints.length >= 2)
      features.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: waypoints.map((w) => position(w.lon, w.lat, w.height)) },
        properties: { kind: 'planned_route', name: view.planned?.name ?? '', wayline },
      });
    for (const w of waypoints)
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: position(w.lon, w.lat, w.height) },
        properties: { kind: 'waypoint', wayline, index: w.index, speed: w.speed, actions: w.actions },
      });
  });
  for (const m of view.media)
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: position(m.lon, m.lat, m.height) },
      properties: {
        kind: 'media',
        name: m.name,
        file_type: m.fileType,
        time: iso(m.time),
        placed_by: m.placedBy,
      },
    });
  return { type: 'FeatureCollection', features };
}
