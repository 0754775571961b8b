// The validator against the malformed-route corpus (corpus/cases.ts) and against valid routes: every
// broken file triggers its rule, with its severity, where the problem is; no valid route gets a finding.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateRouteKmz, planPatrolRoute, type RouteOptions } from '../../../../src/simulator/routegen';
import { type Finding } from '../../../../src/routes/wpml/findings';
import { validateKmz, validateRouteFiles } from '../../../../src/routes/wpml/validate';
import { CONTAINER_CASES } from './corpus/container';
import { SETTINGS_CASES } from './corpus/settings';
import { MAY_MISBEHAVE_CASES, REFUSED_CASES } from './corpus/severity';
import { WAYPOINT_CASES } from './corpus/waypoints';
import type { CorpusCase } from './corpus/kit';
import { positionOf, TEMPLATE, text, WAYLINES } from './corpus/route';
import { BUCKET, makeHarness, rec } from '../../../helpers/world';

const CASES: readonly CorpusCase[] = [
  ...CONTAINER_CASES,
  ...SETTINGS_CASES,
  ...WAYPOINT_CASES,
  ...REFUSED_CASES,
  ...MAY_MISBEHAVE_CASES,
];

const dump = (findings: readonly Finding[]): string =>
  findings
    .map((f) => `  ${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message.en}`)
    .join('\n') || '  (none)';

function expectedAt(c: CorpusCase, files: Record<string, unknown>): { line: number; column: number } {
  if (c.at.needle === undefined) return { line: 1, column: 1 };
  return positionOf(text(files as never, c.at.file), c.at.needle, c.at.nth);
}

function assertCase(c: CorpusCase, findings: readonly Finding[], files: Record<string, unknown>): void {
  const { line, column } = expectedAt(c, files);
  const hit = findings.find(
    (f) => f.rule === c.rule && f.file === c.at.file && f.line === line && f.column === column,
  );
  assert.ok(hit, `expected ${c.rule} at ${c.at.file}:${line}:${column}, got:\n${dump(findings)}`);
  assert.equal(hit.severity, c.severity, hit.message.en);
  const errors = new Set(findings.filter((f) => f.severity === 'error').map((f) => f.rule));
  const expected = new Set([...(c.severity === 'error' ? [c.rule] : []), ...(c.alsoErrors ?? [])]);
  assert.deepEqual(
    [...errors].sort(),
    [...expected].sort(),
    `errors other than expected:\n${dump(findings)}`,
  );
  for (const f of findings) {
    assert.ok(f.message.en.length > 10 && /[\u4e00-\u9fff]/.test(f.message.zh), `${f.rule}: both languages`);
    assert.ok(f.line >= 1 && f.column >= 1, `${f.rule}: 1-based position`);
  }
}

void describe('corpus: malformed routes', () => {
  it('has at least 35 cases covering distinct rules', () => {
    assert.ok(CASES.length >= 35, `${CASES.length} cases`);
    assert.ok(new Set(CASES.map((c) => c.rule)).size >= 35);
    assert.equal(new Set(CASES.map((c) => c.name)).size, CASES.length, 'case names are unique');
  });

  // A finding that says FlightHub refuses the route or the task is not something to upload anyway.
  it('reports as errors whatever it says FlightHub refuses', () => {
    const refusal = /refuse|219019|219020|is rejected|fails to start/i;
    let seen = 0;
    for (const c of CASES) {
      for (const f of validateKmz(c.build().kmz, c.options)) {
        if (!refusal.test(f.message.en)) continue;
        seen++;
        assert.equal(f.severity, 'error', `${c.name}: ${f.rule} ${f.message.en}`);
      }
    }
    assert.ok(seen >= 4, `${seen} refusals in the corpus`);
  });

  for (const c of CASES) {
    it(`${c.name} → ${c.severity} ${c.rule}`, () => {
      const { kmz, files } = c.build();
      assertCase(c, validateKmz(kmz, c.options), files);
    });
  }

  // The same files unzipped must give the same answer: one set of rules for KMZs and folders.
  for (const c of CASES.filter((k) => !k.rule.startsWith('zip.') && !k.rule.startsWith('xml.encoding'))) {
    it(`as a folder: ${c.name}`, () => {
      const { files } = c.build();
      const buffer = (name: string): Buffer | undefined => {
        const v = files[name];
        return v === undefined ? undefined : Buffer.isBuffer(v) ? v : Buffer.from(v);
      };
      const templateKml = buffer(TEMPLATE);
      const waylinesWpml = buffer(WAYLINES);
      const findings = validateRouteFiles(
        {
          names: Object.keys(files),
          ...(templateKml ? { templateKml } : {}),
          ...(waylinesWpml ? { waylinesWpml } : {}),
        },
        c.options,
      );
      assertCase(c, findings, files);
    });
  }
});

const DOCK = { longitude: 113.94, latitude: 22.54 };

function clean(kmz: Buffer, options?: Parameters<typeof validateKmz>[1]): void {
  const findings = validateKmz(kmz, options);
  assert.deepEqual(findings, [], `a valid route has findings:\n${dump(findings)}`);
}

void describe('corpus: valid routes have no findings', () => {
  const variants: [string, Partial<RouteOptions>][] = [
    ['M3TD, 2 waypoints, 1.0.6', { waypoints: planPatrolRoute(DOCK, 1, 2) }],
    [
      'M3TD, 12 waypoints, photos, 1.0.2',
      { waypoints: planPatrolRoute(DOCK, 7, 12), takePhotoEvery: 3, wpmlVersion: '1.0.2' },
    ],
    [
      'M4TD, 60 waypoints, EGM96',
      {
        droneEnumValue: 100,
        payloadEnumValue: 99,
        waypoints: planPatrolRoute(DOCK, 42, 60),
        heightMode: 'EGM96',
      },
    ],
    [
      'M30T, 300 waypoints, 14.5 m/s',
      {
        droneEnumValue: 67,
        payloadEnumValue: 53,
        waypoints: planPatrolRoute(DOCK, 99, 300),
        speed: 14.5,
        takePhotoEvery: 1,
      },
    ],
    [
      'M350 with H20T, Zurich',
      {
        droneEnumValue: 89,
        droneSubEnumValue: 0,
        payloadEnumValue: 43,
        waypoints: planPatrolRoute({ longitude: 8.54, latitude: 47.37 }, 5, 20),
      },
    ],
  ];
  for (const [name, overrides] of variants) {
    it(name, () => {
      const options: RouteOptions = {
        name,
        droneEnumValue: 91,
        droneSubEnumValue: 1,
        payloadEnumValue: 81,
        waypoints: [],
        ...overrides,
      };
      const kmz = generateRouteKmz(options);
      clean(kmz);
      clean(kmz, { droneModelKey: `0-${options.droneEnumValue}-${options.droneSubEnumValue}` });
    });
  }

  it('the simulator world’s seeded routes, against their own aircraft', async () => {
    const h = await makeHarness();
    try {
      const open = new Set(h.d.projects.filter((p) => p.accessible).map((p) => p.uuid));
      const routes = h.d.routes.filter((r) => open.has(r.projectUuid));
      assert.ok(routes.length >= 5, 'the world has routes');
      for (const route of routes) {
        const detail = rec(
          await h.call('wayline.detail', { project: route.projectUuid, params: { wayline_id: route.uuid } }),
        );
        const url = new URL(String(detail.download_url));
        const key = decodeURIComponent(url.pathname.slice(`/${BUCKET}/`.length));
        const kmz = await h.storage.getObject(BUCKET, key);
        assert.ok(kmz, `route ${route.name} is in the store at ${key}`);
        clean(kmz, { droneModelKey: route.deviceModelKey });
      }
    } finally {
      await h.close();
    }
  });
});
