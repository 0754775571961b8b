// Generated routes are real WPML: they round-trip through the reader, both files agree, big ones too.
// planPatrolRoute gives plausible, reproducible loops.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateRouteKmz, planPatrolRoute, type RouteOptions } from '../../../src/simulator/routegen';
import { checkHardRules } from '../../../src/routes/wpml/hardRules';
import { summarizeKmz } from '../../../src/routes/wpml/summary';
import { haversine, parseInteger, parseNumber } from '../../../src/routes/wpml/values';
import { readRouteModel } from '../../../src/routes/wpml/wpml';
import { readZip } from '../../../src/routes/zip/zip';

const DOCK = { longitude: 113.94, latitude: 22.54 };

function options(overrides: Partial<RouteOptions> = {}): RouteOptions {
  return {
    name: 'Patrol',
    droneEnumValue: 91,
    droneSubEnumValue: 1,
    payloadEnumValue: 81,
    waypoints: planPatrolRoute(DOCK, 42, 12),
    ...overrides,
  };
}

function files(kmz: Buffer): { template: string; waylines: string } {
  const entries = readZip(kmz);
  const text = (name: string): string =>
    entries
      .find((e) => e.name === name)
      ?.data()
      .toString('utf8') ?? '';
  return { template: text('wpmz/template.kml'), waylines: text('wpmz/waylines.wpml') };
}

void describe('routegen: generated KMZ', () => {
  it('round-trips through summarizeKmz with the same waypoints', () => {
    const o = options({ takePhotoEvery: 3 });
    const result = summarizeKmz(generateRouteKmz(o));
    assert.ok(result.ok, result.ok ? '' : result.reason);
    const s = result.summary;
    assert.equal(s.waypointCount, 12);
    assert.deepEqual(s.waypoints, o.waypoints);
    assert.equal(s.deviceModelKey, '0-91-1');
    assert.deepEqual(s.payloadInformation, [{ domain: '1', type: '81', lens_type: 'wide,ir' }]);
    assert.deepEqual(s.templateTypes, ['waypoint']);
    let expected = 0;
    for (let i = 1; i < o.waypoints.length; i++) expected += haversine(o.waypoints[i - 1]!, o.waypoints[i]!);
    assert.ok(Math.abs(s.distance - expected) < 0.01, `${s.distance} vs ${expected}`);
  });

  it('writes template.kml and waylines.wpml that agree with each other', () => {
    const kmz = generateRouteKmz(options({ takePhotoEvery: 4, speed: 9.5 }));
    const model = readRouteModel(kmz);
    assert.doesNotThrow(() => checkHardRules(model));
    const { template, waylines } = files(kmz);
    const config = (xml: string): string =>
      /<wpml:missionConfig>[\s\S]*<\/wpml:missionConfig>/.exec(xml)?.[0] ?? 'none';
    assert.equal(config(template), config(waylines));
    const [folder] = model.template.folders;
    const [wayline] = model.waylines.folders;
    assert.ok(folder && wayline);
    assert.equal(wayline.templateId?.value, folder.templateId?.value);
    assert.deepEqual(
      folder.placemarks.map((p) => [p.coordinates?.value, p.height?.value]),
      wayline.waypoints.map((p) => [p.coordinates?.value, p.executeHeight?.value]),
    );
    assert.equal(parseNumber(wayline.autoFlightSpeed), 9.5);
    const photoAt = wayline.waypoints.flatMap((w, i) =>
      w.actionGroups.some((g) => g.actions.some((a) => a.actionActuatorFunc?.value === 'takePhoto'))
        ? [i]
        : [],
    );
    assert.deepEqual(photoAt, [0, 4, 8]);
    const templatePhotos = folder.placemarks.filter((p) => p.actionGroups.length > 0).length;
    assert.equal(templatePhotos, 3);
    const groupIds = wayline.waypoints.flatMap((w) =>
      w.actionGroups.map((g) => parseInteger(g.actionGroupId)),
    );
    assert.deepEqual(groupIds, [0, 1, 2], 'action group ids are unique');
  });

  it('uses dock-valid mission values', () => {
    const mc = readRouteModel(generateRouteKmz(options())).waylines.missionConfig;
    const height = parseNumber(mc?.takeOffSecurityHeight) ?? 0;
    assert.ok(height >= 8 && height <= 1500, 'dock takeOffSecurityHeight range is [8, 1500]');
    assert.ok((parseNumber(mc?.globalTransitionalSpeed) ?? 0) <= 15);
    assert.equal(mc?.exitOnRCLost?.value, 'executeLostAction');
    assert.equal(mc?.executeRCLostAction?.value, 'goBack');
  });

  it('follows heightMode and wpmlVersion', () => {
    const kmz = generateRouteKmz(options({ heightMode: 'EGM96', wpmlVersion: '1.0.2' }));
    const model = readRouteModel(kmz);
    assert.equal(model.template.folders[0]?.heightMode?.value, 'EGM96');
    assert.equal(model.waylines.folders[0]?.executeHeightMode?.value, 'WGS84', 'waylines have no EGM96');
    assert.equal(model.waylines.wpmlNamespace, 'http://www.dji.com/wpmz/1.0.2');
    assert.ok(!files(kmz).waylines.includes('isRisky'), '1.0.6-only fields stay out of 1.0.2');
    assert.ok(files(generateRouteKmz(options())).waylines.includes('<wpml:isRisky>0</wpml:isRisky>'));
    assert.ok(summarizeKmz(kmz).ok);
  });

  it('is byte-for-byte reproducible and keeps hostile names out of the XML', () => {
    assert.ok(generateRouteKmz(options()).equals(generateRouteKmz(options())));
    const { template } = files(generateRouteKmz(options({ name: 'a -- b <x> & \u0001-' })));
    assert.ok(template.includes('<!-- a - - b <x> &  -  -->'), 'no "--" or control characters');
    assert.ok(summarizeKmz(generateRouteKmz(options({ name: '-->' }))).ok);
  });

  it('rejects options that cannot make a valid route', () => {
    assert.throws(() => generateRouteKmz(options({ waypoints: [] })), RangeError);
    assert.throws(() => generateRouteKmz(options({ speed: 20 })), RangeError);
    assert.throws(() => generateRouteKmz(options({ droneEnumValue: 91.5 })), RangeError);
    assert.throws(() => generateRouteKmz(options({ takePhotoEvery: -1 })), RangeError);
    const zero = [{ longitude: 0, latitude: 0, height: 50 }];
    assert.throws(() => generateRouteKmz(options({ waypoints: zero })), RangeError);
  });

  // No time limit here: reading a route this size is timed by `npm run bench` (routes.check_5000_waypoints).
  it('generates and summarizes a 5,000-waypoint route', () => {
    const waypoints = planPatrolRoute(DOCK, 5, 5000);
    const result = summarizeKmz(generateRouteKmz(options({ waypoints, takePhotoEvery: 10 })));
    assert.ok(result.ok);
    assert.equal(result.summary.waypointCount, 5000);
    assert.deepEqual(result.summary.waypoints[4999], waypoints[4999]);
  });
});

void describe('routegen: planPatrolRoute', () => {
  it('makes a reproducible loop of plausible waypoints around the center', () => {
    const route = planPatrolRoute(DOCK, 7, 24);
    assert.deepEqual(route, planPatrolRoute(DOCK, 7, 24));
    assert.notDeepEqual(route, planPatrolRoute(DOCK, 8, 24));
    assert.equal(route.length, 24);
    for (const p of route) {
      const fromCenter = haversine(DOCK, p);
      assert.ok(fromCenter >= 30 && fromCenter <= 300, `${fromCenter} m from the center`);
      assert.ok(p.height >= 60 && p.height <= 120, `height ${p.height}`);
    }
    const legs = route.map((p, i) => haversine(p, route[(i + 1) % route.length]!));
    assert.ok(Math.min(...legs) > 1, 'no repeated points');
    // A loop: closing leg is no longer than the others, i.e. the last point is next to the first.
    assert.ok(legs[legs.length - 1]! <= Math.max(...legs.slice(0, -1)) * 1.5);
  });

  it('validates count', () => {
    assert.throws(() => planPatrolRoute(DOCK, 1, 0), RangeError);
    assert.throws(() => planPatrolRoute(DOCK, 1, 2.5), RangeError);
    assert.equal(planPatrolRoute(DOCK, 1, 1).length, 1);
  });
});
