// The trajectory's data and its GeoJSON export (RFC 7946): structure, [lon, lat, height] order, times,
// the planned route read with the route model, and photos placed by their capture time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Media, Track } from '../../../../src/api/schemas/task';
import { trajectoryGeoJson } from '../../../../src/features/tasks/geojson';
import { captureTime, trajectoryView } from '../../../../src/features/tasks/trajectoryData';
import { readRouteModel } from '../../../../src/routes/wpml/wpml';
import { generateRouteKmz } from '../../../../src/simulator/routegen';

// 2026-11-28 03:00:00 UTC = 11:00:00 in Shanghai (+08:00).
const T0 = Date.UTC(2026, 10, 28, 3, 0, 0);
const track: Track = {
  name: 'Patrol',
  wayline_uuid: 'w1',
  track: {
    flight_distance: 300,
    flight_duration: 3,
    points: [
      { timestamp: T0, latitude: 22.57, longitude: 113.94, height: 50 },
      { timestamp: T0 + 1000, latitude: 22.571, longitude: 113.941, height: 60 },
      { timestamp: T0 + 2000, latitude: 22.572, longitude: 113.943, height: null },
      { timestamp: T0 + 3000, latitude: 22.573, longitude: 113.944, height: 80 },
    ],
  },
};
const media = (name: string, extra: Record<string, unknown> = {}): Media => ({
  uuid: name,
  name,
  file_type: 'image',
  create_at: '2026-11-28T11:20:00+08:00',
  update_at: '2026-11-28T11:20:00+08:00',
  ...extra,
});

function view() {
  const kmz = generateRouteKmz({
    name: 'Patrol',
    droneEnumValue: 91,
    droneSubEnumValue: 1,
    payloadEnumValue: 81,
    waypoints: [
      { longitude: 113.94, latitude: 22.57, height: 50 },
      { longitude: 113.944, latitude: 22.573, height: 80 },
      { longitude: 113.945, latitude: 22.574, height: 80 },
    ],
    takePhotoEvery: 2,
  });
  return trajectoryView({
    task: { uuid: 't1', name: 'Patrol #1' },
    track,
    media: [
      media('DJI_20261128110001_0001_V'), // one second after take-off: at the second fix
      media('DJI_20261128110000_0002_V', { latitude: 22.6, longitude: 114.1 }), // carries its position
      media('DJI_20261128120000_0003_V'), // an hour later: not this flight
      media('photo.jpg'), // no time in the name
    ],
    planned: { name: 'Patrol', model: readRouteModel(kmz) },
  });
}

describe('trajectory data', () => {
  it('reads capture times from DJI names in the zone of the item', () => {
    assert.equal(captureTime(media('DJI_20261128110001_0001_V')), T0 + 1000);
    assert.equal(
      captureTime({ name: 'DJI_20261128110001_0001_V', create_at: '2026-11-28T03:20:00Z' }),
      Date.UTC(2026, 10, 28, 11, 0, 1),
    );
    assert.equal(captureTime(media('IMG_0001.jpg')), undefined);
  });

  it('places photos by time on the track, by their own position, or not at all', () => {
    const v = view();
    assert.equal(v.track.length, 4);
    assert.deepEqual(
      v.media.map((m) => [m.name, m.placedBy, m.lat, m.lon, m.height]),
      [
        ['DJI_20261128110001_0001_V', 'time', 22.571, 113.941, 60],
        ['DJI_20261128110000_0002_V', 'position', 22.6, 114.1, null],
      ],
    );
    assert.equal(v.mediaUnplaced, 2);
    assert.equal(v.planned?.waylines[0]?.length, 3);
    assert.deepEqual(v.planned?.waylines[0]?.[0]?.actions, ['takePhoto']);
  });
});

describe('GeoJSON export', () => {
  it('is a FeatureCollection of the track, the planned route, its waypoints and the photos', () => {
    const fc = JSON.parse(JSON.stringify(trajectoryGeoJson(view()))) as {
      type: string;
      features: {
        type: string;
        geometry: { type: string; coordinates: unknown };
        properties: Record<string, unknown>;
      }[];
    };
    assert.equal(fc.type, 'FeatureCollection');
    assert.ok(
      fc.features.every((f) => f.type === 'Feature' && f.geometry && typeof f.properties === 'object'),
    );
    const kinds = fc.features.map((f) => `${String(f.properties.kind)}:${f.geometry.type}`);
    assert.deepEqual(kinds, [
      'track:LineString',
      'planned_route:LineString',
      'waypoint:Point',
      'waypoint:Point',
      'waypoint:Point',
      'media:Point',
      'media:Point',
    ]);
    const [trackFeature, planned, firstWaypoint] = fc.features;
    // RFC 7946 §3.1.1: longitude, latitude, then height; a point without height stays 2-D.
    assert.deepEqual(trackFeature?.geometry.coordinates, [
      [113.94, 22.57, 50],
      [113.941, 22.571, 60],
      [113.943, 22.572],
      [113.944, 22.573, 80],
    ]);
    assert.deepEqual(trackFeature?.properties.times, [T0, T0 + 1000, T0 + 2000, T0 + 3000]);
    assert.equal(trackFeature?.properties.start, new Date(T0).toISOString());
    assert.equal(trackFeature?.properties.task_uuid, 't1');
    assert.deepEqual((planned?.geometry.coordinates as number[][])[1], [113.944, 22.573, 80]);
    assert.deepEqual(firstWaypoint?.geometry.coordinates, [113.94, 22.57, 50]);
    assert.equal(firstWaypoint?.properties.index, 0);
    const photo = fc.features.find((f) => f.properties.name === 'DJI_20261128110001_0001_V');
    assert.deepEqual(photo?.geometry.coordinates, [113.941, 22.571, 60]);
    assert.equal(photo?.properties.time, new Date(T0 + 1000).toISOString());
    // Every position is [lon, lat(, h)] in range.
    const positions = fc.features.flatMap((f) =>
      f.geometry.type === 'Point'
        ? [f.geometry.coordinates as number[]]
        : (f.geometry.coordinates as number[][]),
    );
    for (const p of positions) {
      assert.ok(p.length === 2 || p.length === 3);
      assert.ok(Math.abs(p[0] ?? 999) <= 180 && Math.abs(p[1] ?? 999) <= 90);
      assert.ok((p[0] ?? 0) > 100, 'longitude first');
    }
  });

  it('writes a one-fix track as a Point and leaves out a missing route', () => {
    const one = trajectoryView({
      task: { uuid: 't2', name: 'Short' },
      track: { track: { points: [{ timestamp: T0, latitude: 1, longitude: 2, height: 3 }] } },
      media: [],
      plannedError: 'no route',
    });
    const fc = trajectoryGeoJson(one);
    assert.deepEqual(
      fc.features.map((f) => [f.geometry.type, f.geometry.coordinates]),
      [['Point', [2, 1, 3]]],
    );
    assert.equal(one.plannedError, 'no route');
  });
});
