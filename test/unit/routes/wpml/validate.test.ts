// The validator's contract beyond the corpus: options, never throwing, the repeat cap, reading folders,
// and speed on a 5,000-waypoint route.
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generateRouteKmz, planPatrolRoute, type RouteOptions } from '../../../../src/simulator/routegen';
import { readRouteFolder, readRouteFolderModel, validateRouteFolder } from '../../../../src/routes/folder';
import type { Finding } from '../../../../src/routes/wpml/findings';
import { validateKmz, validateRouteModel, type ValidateOptions } from '../../../../src/routes/wpml/validate';
import { summarizeRoute } from '../../../../src/routes/wpml/summary';
import { readRouteModel } from '../../../../src/routes/wpml/wpml';
import { prng } from '../../../../src/simulator/random';
import {
  baseFiles,
  editFile,
  filesOf,
  kmzOf,
  replace,
  replaceAll,
  TEMPLATE,
  text,
  WAYLINES,
  type Files,
} from './corpus/route';

const rules = (findings: readonly Finding[]): string[] => findings.map((f) => `${f.severity} ${f.rule}`);

function bothFiles(files: Files, edit: (s: string) => string): Files {
  return editFile(editFile(files, TEMPLATE, edit), WAYLINES, edit);
}

function route(overrides: Partial<RouteOptions> = {}): Buffer {
  return generateRouteKmz({
    name: 'Validate',
    droneEnumValue: 91,
    droneSubEnumValue: 1,
    payloadEnumValue: 81,
    waypoints: planPatrolRoute({ longitude: 113.94, latitude: 22.54 }, 3, 12),
    ...overrides,
  });
}

void describe('validate: options', () => {
  const height = (value: string): Buffer =>
    kmzOf(
      bothFiles(baseFiles(), (s) =>
        replace(s, '<wpml:takeOffSecurityHeight>20<', `<wpml:takeOffSecurityHeight>${value}<`),
      ),
    );

  it('uses dock ranges by default and remote-controller ranges with dock: false', () => {
    const rule = 'error wpml.mission.take_off_security_height.range';
    assert.deepEqual(rules(validateKmz(height('5'))), [rule, rule]);
    assert.deepEqual(rules(validateKmz(height('5'), { dock: false })), []);
    assert.deepEqual(rules(validateKmz(height('1'), { dock: false })), [rule, rule]);
    assert.match(
      validateKmz(height('5'))[0]?.message.en ?? '',
      /"5"; expected a number from 8 to 1500 m \(dock routes\)/,
    );
  });

  it('compares the aircraft with droneModelKey, and refuses a malformed key', () => {
    assert.deepEqual(validateKmz(route(), { droneModelKey: '0-91-1' }), []);
    const other = validateKmz(route(), { droneModelKey: '0-91-0' });
    assert.deepEqual(rules(other), ['error wpml.drone.model_mismatch', 'error wpml.drone.model_mismatch']);
    assert.match(other[0]?.message.en ?? '', /91-1 \(Matrice 3TD\).*0-91-0 \(Matrice 3D\)/);
    assert.throws(() => validateKmz(route(), { droneModelKey: 'M3TD' }), RangeError);
  });

  it('checks globalRTHHeight against the dock clamp and the project limit', () => {
    const rth = (value: string, options?: ValidateOptions): string[] =>
      rules(
        validateKmz(
          kmzOf(
            bothFiles(baseFiles(), (s) =>
              replace(s, '<wpml:globalRTHHeight>100<', `<wpml:globalRTHHeight>${value}<`),
            ),
          ),
          options,
        ),
      );
    assert.deepEqual(rth('600'), [
      'warning wpml.mission.rth_height.dock_range',
      'warning wpml.mission.rth_height.dock_range',
    ]);
    assert.deepEqual(rth('600', { dock: false }), []);
    assert.deepEqual(rth('100', { rthAltitudeLimit: 80 }), [
      'warning wpml.mission.rth_height.limit',
      'warning wpml.mission.rth_height.limit',
    ]);
    assert.deepEqual(rth('0'), [
      'error wpml.mission.rth_height.range',
      'error wpml.mission.rth_height.range',
    ]);
  });
});

void describe('validate: robustness', () => {
  it('never throws on damaged archives and reports no internal errors', () => {
    const good = route({ takePhotoEvery: 2 });
    const random = prng(20240601);
    const inputs: Buffer[] = [Buffer.alloc(0), Buffer.from('PK\u0005\u0006'), Buffer.alloc(22)];
    for (let cut = 0; cut < good.length; cut += 97) inputs.push(good.subarray(0, cut));
    for (let k = 0; k < 300; k++) {
      const bad = Buffer.from(good);
      for (let flips = 1 + Math.floor(random() * 4); flips > 0; flips--) {
        bad[Math.floor(random() * bad.length)] = Math.floor(random() * 256);
      }
      inputs.push(bad);
    }
    const stored = kmzOf(baseFiles(), false); // stored entries: flipped bytes reach the XML parser
    for (let k = 0; k < 300; k++) {
      const bad = Buffer.from(stored);
      bad[Math.floor(random() * bad.length)] = Math.floor(random() * 256);
      inputs.push(bad);
    }
    let rejected = 0;
    for (const input of inputs) {
      const findings = validateKmz(input);
      assert.ok(!findings.some((f) => f.rule === 'route.internal_error'), rules(findings).join('\n'));
      if (findings.some((f) => f.severity === 'error')) rejected++;
    }
    assert.ok(
      rejected > inputs.length / 2,
      `most damaged inputs are rejected (${rejected}/${inputs.length})`,
    );
  });

  it('reports structural errors of both files at once and says content was not checked', () => {
    let files = editFile(baseFiles(), TEMPLATE, (s) => replace(s, '<kml', '<!DOCTYPE kml>\n<kml'));
    files = editFile(files, WAYLINES, (s) => replace(s, '</wpml:index>', '</wpml:idx>'));
    files = editFile(files, WAYLINES, (s) => replace(s, '>goHome<', '>goAway<')); // content: not reached
    assert.deepEqual(rules(validateKmz(kmzOf(files))), [
      'info route.checks_skipped',
      'error xml.doctype',
      'error xml.mismatched_tag',
    ]);
  });

  it('caps repeats of one rule and counts the rest', () => {
    const kmz = route({ waypoints: planPatrolRoute({ longitude: 113.94, latitude: 22.54 }, 4, 100) });
    const files = editFile(filesOf(kmz), WAYLINES, (s) =>
      replaceAll(s, /<wpml:waypointSpeed>7</g, '<wpml:waypointSpeed>0<'),
    );
    const findings = validateKmz(kmzOf(files));
    assert.equal(findings.filter((f) => f.rule === 'wpml.waypoint.speed.range').length, 20);
    const more = findings.filter((f) => f.rule === 'route.more_findings');
    assert.equal(more.length, 1);
    assert.equal(more[0]?.severity, 'info');
    assert.match(
      more[0]?.message.en ?? '',
      /^80 more wpml\.waypoint\.speed\.range findings in wpmz\/waylines\.wpml/,
    );
    assert.equal(
      validateKmz(kmzOf(files), { maxPerRule: 1000 }).filter((f) => f.rule.endsWith('speed.range')).length,
      100,
    );
  });

  it('sorts findings by file, line and column', () => {
    let files = editFile(baseFiles(), WAYLINES, (s) =>
      replace(replace(s, '>goHome<', '>goAway<'), '>safely<', '>fast<'),
    );
    files = editFile(files, TEMPLATE, (s) => replace(s, '>waypoint<', '>waypoints<'));
    const findings = validateKmz(kmzOf(files));
    const keys = findings.map((f) => [f.file, f.line, f.column] as const);
    const sorted = [...keys].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1] || a[2] - b[2]);
    assert.deepEqual(keys, sorted);
    assert.equal(findings[0]?.file, TEMPLATE);
  });
});

void describe('validate: the format around the rules', () => {
  it('blames takeOffRefPoint, not every waypoint, when only it is swapped', () => {
    const files = bothFiles(baseFiles(), (s) =>
      replace(
        s,
        '</wpml:globalRTHHeight>',
        '</wpml:globalRTHHeight><wpml:takeOffRefPoint>8.54,47.37,400</wpml:takeOffRefPoint>',
      ),
    );
    assert.deepEqual(rules(validateKmz(kmzOf(files))), ['warning wpml.mission.take_off_ref_point.swapped']);
  });

  it('hints at latitude,longitude when a longitude is out of range because of a swap', () => {
    const files = editFile(baseFiles(), WAYLINES, (s) => replace(s, '>8.541,47.37<', '>22.54,113.94<'));
    const [finding] = validateKmz(kmzOf(files)).filter((f) => f.rule === 'wpml.waypoint.coordinates.range');
    assert.match(finding?.message.en ?? '', /looks like latitude,longitude/);
    assert.match(finding?.message.zh ?? '', /纬度,经度/);
  });

  it('accepts a mapping template, whose placemarks are survey areas, not waypoints', () => {
    const files = editFile(baseFiles(), TEMPLATE, (s) =>
      replace(s, '>waypoint<', '>mapping2d<').replace(
        /<coordinates>[^<]*<\/coordinates>/g,
        '<coordinates>x</coordinates>',
      ),
    );
    assert.deepEqual(validateKmz(kmzOf(files)), []);
  });

  it('validates a model read elsewhere the same way', () => {
    const files = editFile(baseFiles(), WAYLINES, (s) => replace(s, '>goHome<', '>goAway<'));
    const kmz = kmzOf(files);
    assert.deepEqual(validateRouteModel(readRouteModel(kmz)), validateKmz(kmz));
  });
});

void describe('validate: route folders', () => {
  it('reads wpmz/ into the same model and checks it with the same rules', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fh2-route-'));
    try {
      const kmz = route({ takePhotoEvery: 4 });
      const files = filesOf(kmz);
      await mkdir(join(dir, 'wpmz', 'res'), { recursive: true });
      await writeFile(join(dir, 'wpmz', 'template.kml'), text(files, TEMPLATE));
      await writeFile(join(dir, 'wpmz', 'waylines.wpml'), text(files, WAYLINES));
      await writeFile(join(dir, 'wpmz', 'res', 'ref.jpg'), 'jpeg');
      const folder = await readRouteFolder(dir);
      assert.deepEqual([...folder.names].sort(), [
        'wpmz/res/',
        'wpmz/res/ref.jpg',
        'wpmz/template.kml',
        'wpmz/waylines.wpml',
      ]);
      assert.deepEqual(summarizeRoute(await readRouteFolderModel(dir)), summarizeRoute(readRouteModel(kmz)));
      assert.deepEqual(await validateRouteFolder(dir), []);

      await writeFile(join(dir, 'wpmz', 'waylines.kml'), text(files, WAYLINES));
      await rm(join(dir, 'wpmz', 'waylines.wpml'));
      assert.deepEqual(rules(await validateRouteFolder(dir)), [
        'info route.checks_skipped',
        'error kmz.waylines_kml',
      ]);
      await assert.rejects(readRouteFolderModel(dir), { rule: 'kmz.missing_waylines' });

      // A sparse 101 MB file: refused by its size, never read into memory.
      await writeFile(join(dir, 'wpmz', 'waylines.wpml'), '');
      await truncate(join(dir, 'wpmz', 'waylines.wpml'), 101 * 1024 * 1024);
      assert.deepEqual(rules(await validateRouteFolder(dir)), ['error route.too_large']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// How fast this is checked is measured by `npm run bench` (routes.check_5000_waypoints in
// test/bench/routeCheck.ts) against a baseline from the same run: a unit test on a shared machine cannot
// tell slow code from a busy CPU.
void describe('validate: a large route', () => {
  it('finds nothing wrong in a valid 5,000-waypoint route', () => {
    const waypoints = planPatrolRoute({ longitude: 113.94, latitude: 22.54 }, 5, 5000);
    assert.deepEqual(validateKmz(route({ waypoints, takePhotoEvery: 10 })), []);
  });
});
