// Uploading a route straight from disk: the file is streamed in parts (never read whole), validated
// first, and refused by its size alone when it is larger than a route may be.
import assert from 'node:assert/strict';
import { mkdtemp, open, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ProjectApi } from '../../../../src/api/projectApi';
import { validateKmzFile } from '../../../../src/routes/kmzFile';
import { RouteValidationError, uploadRoute } from '../../../../src/routes/upload/upload';
import { DEFAULT_ZIP_LIMITS } from '../../../../src/routes/zip/zip';
import { SHORT_ROUTE, shortRouteKmz } from '../../../helpers/routes';
import { firstProject, withSimulator, type SimSetup } from '../../../helpers/sim';

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

const paddedRoute = (padBytes: number): Buffer =>
  shortRouteKmz('From disk', { padBytes, waypoints: SHORT_ROUTE.slice(0, 2) });

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

  it('refuses a file above the 1 GiB limit by its size, without reading it', async () => {
    // Sparse: 1 GiB + 1 MB on paper, nothing on disk; reading it would also fail validation differently.
    const file = join(dir, 'huge.kmz');
    await writeFile(file, '');
    await truncate(file, DEFAULT_ZIP_LIMITS.maxTotalSize + 1024 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    const error = await uploadRoute({ api, name: 'Huge', file }).catch((e: unknown) => e);
    assert.ok(RouteValidationError.is(error), String(error));
    assert.deepEqual(
      error.findings.map((f) => f.rule),
      ['zip.too_large'],
    );
    assert.ok(process.memoryUsage().arrayBuffers - before < 50 * 1024 * 1024, 'the file was not read');
  });

  it('checks and uploads a route larger than 100 MB, reading only its route files to check it', async () => {
    const file = join(dir, 'large.kmz');
    const size = await writeSparseRoute(file, 150 * 1024 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    const findings = await validateKmzFile(file);
    assert.deepEqual(
      findings.filter((f) => f.severity === 'error'),
      [],
    );
    assert.ok(process.memoryUsage().arrayBuffers - before < 50 * 1024 * 1024, 'the resource was not read');
    // The simulator's finish-upload reads it in place, as the checker does, and registers it.
    const result = await uploadRoute({
      api,
      name: 'Large',
      file,
      partSize: 16 * 1024 * 1024,
      allowNameClash: true,
    });
    const detail = await api.waylines.detail(result.uuid);
    assert.equal(detail.size, size);
    assert.equal(detail.wayline_point_nums, 2);
  });
});

/**
 * A valid route plus a stored `wpmz/res/terrain.bin` of `padSize` bytes that are never written (the
 * file is sparse: zeros on paper, nothing on disk). Its CRC is wrong, which only reading it would show.
 */
async function writeSparseRoute(path: string, padSize: number): Promise<number> {
  const head = paddedRoute(0);
  const dirOffset = head.readUInt32LE(head.length - 22 + 16);
  const name = Buffer.from('wpmz/res/terrain.bin');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(padSize, 18);
  local.writeUInt32LE(padSize, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  local.copy(central, 6, 4, 30);
  central.writeUInt32LE(dirOffset, 42);
  const directoryOffset = dirOffset + local.length + name.length + padSize;
  const centrals = head.subarray(dirOffset, head.length - 22);
  const end = Buffer.from(head.subarray(head.length - 22));
  const count = end.readUInt16LE(10) + 1;
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(centrals.length + central.length + name.length, 12);
  end.writeUInt32LE(directoryOffset, 16);
  const file = await open(path, 'w');
  try {
    await file.write(Buffer.concat([head.subarray(0, dirOffset), local, name]), 0, undefined, 0);
    const tail = Buffer.concat([centrals, central, name, end]);
    await file.write(tail, 0, undefined, directoryOffset);
    return directoryOffset + tail.length;
  } finally {
    await file.close();
  }
}
