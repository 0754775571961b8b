// Uploading a route straight from disk: the file is streamed in parts (never read whole), validated
// first, and refused by its size alone when it is larger than a route may be.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ProjectApi } from '../../src/api/projectApi';
import { RouteValidationError, uploadRoute } from '../../src/routes/upload';
import { readZip, writeZip } from '../../src/routes/zip';
import { generateRouteKmz } from '../../src/simulator/routegen';
import { firstProject, withSimulator, type SimSetup } from '../helpers/sim';

const PART = 64 * 1024;
let s: SimSetup;
let api: ProjectApi;
let dir: string;

after(async () => {
  await s?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fh2-upload-file-'));
  s = await withSimulator({ seed: 'upload-file', minPartSize: PART, dataDir: join(dir, 'sim') });
  api = firstProject(s).api;
});

function paddedRoute(padBytes: number): Buffer {
  const kmz = generateRouteKmz({
    name: 'From disk',
    droneEnumValue: 91,
    droneSubEnumValue: 1,
    payloadEnumValue: 81,
    waypoints: [
      { longitude: 113.9431, latitude: 22.5773, height: 80 },
      { longitude: 113.9441, latitude: 22.5779, height: 90 },
    ],
  });
  const entries = readZip(kmz).map((e) => ({ name: e.name, data: e.data() }));
  return writeZip([...entries, { name: 'wpmz/res/pad.bin', data: randomBytes(padBytes), compress: false }]);
}

void describe('uploadRoute from a file', () => {
  it('validates, streams in parts and registers a route read from disk', async () => {
    const kmz = paddedRoute(300 * 1024);
    const file = join(dir, 'route.kmz');
    await writeFile(file, kmz);
    const progress: Array<[number, number]> = [];
    const result = await uploadRoute({
      api,
      name: 'From disk',
      file,
      partSize: PART,
      allowNameClash: true,
      onProgress: (sent, total) => progress.push([sent, total]),
    });
    const detail = await api.waylines.detail(result.uuid);
    assert.equal(detail.size, kmz.length);
    assert.equal(detail.wayline_point_nums, 2);
    assert.ok(progress.length >= 5, `progress events: ${progress.length} (one per 64 KiB part)`);
    assert.deepEqual(progress.at(-1), [kmz.length, kmz.length]);
  });

  it('refuses a file above the 100 MB limit by its size, without reading it', async () => {
    // Sparse: 101 MB on paper, nothing on disk; reading it would also fail validation differently.
    const file = join(dir, 'huge.kmz');
    await writeFile(file, '');
    await truncate(file, 101 * 1024 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    const error = await uploadRoute({ api, name: 'Huge', file }).catch((e: unknown) => e);
    assert.ok(RouteValidationError.is(error), String(error));
    assert.deepEqual(
      error.findings.map((f) => f.rule),
      ['zip.too_large'],
    );
    assert.ok(process.memoryUsage().arrayBuffers - before < 50 * 1024 * 1024, 'the file was not read');
  });
});
