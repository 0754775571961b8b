// Route benchmarks (the route check is in routeCheck.ts). `routes.upload_200mb`: a 200 MB KMZ through
// our upload (STS → S3 multipart → finish-upload) against one presigned PUT of the same file to the
// same simulator store. Each upload runs in a child process of its own (this file, run with `child`),
// so that its peak RSS is the upload's alone; the simulator runs in a third process.
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import { FlightHubClient } from '../../src/api/client';
import { UploadError, uploadRoute } from '../../src/routes/upload';
import { readZip, writeZip } from '../../src/routes/zip';
import { presignUrl } from '../../src/simulator/s3/sigv4';
import { generateRouteKmz, planPatrolRoute } from '../../src/simulator/routegen';
import { median, peakRssMb, type BenchResult } from './harness';
import { startSimProcess, type SimProcess } from './simProcess';

const UPLOAD_BYTES = 200 * 1024 * 1024;
const RSS_TARGET_MB = 150;

export async function routeBenchmarks(sim: SimProcess, rounds: number): Promise<BenchResult[]> {
  return [await uploadBenchmark(sim, Math.max(3, Math.min(rounds, 5)))];
}

interface ChildResult {
  readonly ms: number;
  readonly rssMb: number;
  readonly outcome: string;
}

async function uploadBenchmark(sim: SimProcess, rounds: number): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'fh2-bench-upload-'));
  try {
    const file = join(dir, 'route-200mb.kmz');
    await writePaddedKmz(file, UPLOAD_BYTES);
    const project = await accessibleProject(sim);
    const args = (mode: string) => [mode, sim.url, sim.orgKey, project, file];
    const validation = await child(args('validate'));
    await child(args('ours')); // warm-up: first STS call, page cache
    await child(args('raw'));
    const ours: ChildResult[] = [];
    const raw: ChildResult[] = [];
    for (let i = 0; i < rounds; i++) {
      raw.push(await child(args('raw')));
      ours.push(await child(args('ours')));
    }
    const oursMs = median(ours.map((r) => r.ms));
    const rawMs = median(raw.map((r) => r.ms));
    const rss = Math.max(...ours.map((r) => r.rssMb));
    const throughput = round(rawMs / oursMs);
    return {
      bench: 'routes.upload_200mb',
      ratio: round(oursMs / rawMs),
      ours_ms: round(oursMs),
      baseline_ms: round(rawMs),
      target: `throughput_ratio>=0.8 (ours vs one presigned PUT) and ours_peak_rss_mb<=${RSS_TARGET_MB}`,
      meets_target: throughput >= 0.8 && rss <= RSS_TARGET_MB,
      items: (await stat(file)).size,
      throughput_ratio: throughput,
      ours_mb_per_s: round(UPLOAD_BYTES / 1024 / 1024 / (oursMs / 1000)),
      raw_mb_per_s: round(UPLOAD_BYTES / 1024 / 1024 / (rawMs / 1000)),
      ours_peak_rss_mb: rss,
      raw_peak_rss_mb: Math.max(...raw.map((r) => r.rssMb)),
      ours_outcome: ours[0]?.outcome,
      validation_ms: validation.ms,
      validation_outcome: validation.outcome,
      validation_peak_rss_mb: validation.rssMb,
      peak_rss_mb: peakRssMb(),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function child(args: string[]): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [__filename, 'child', ...args], (error, stdout, stderr) => {
      if (error) reject(new Error(`upload child ${args[0]} failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as ChildResult);
    });
  });
}

async function accessibleProject(sim: SimProcess): Promise<string> {
  const res = await fetch(`${sim.url}/__sim/world`, { headers: { 'X-User-Token': sim.orgKey } });
  const world = (await res.json()) as { describe: { projects: { uuid: string; accessible: boolean }[] } };
  const project = world.describe.projects.find((p) => p.accessible);
  if (!project) throw new Error('the simulator has no accessible project');
  return project.uuid;
}

/**
 * A valid route plus a stored, incompressible `wpmz/res/padding.bin` that brings the file to `size`
 * bytes, written 1 MiB at a time: the file is never in memory, here or in the upload.
 */
async function writePaddedKmz(path: string, size: number): Promise<void> {
  const waypoints = planPatrolRoute({ longitude: 113.94, latitude: 22.54 }, 9, 50);
  const route = generateRouteKmz({
    name: 'Bench 200 MB',
    droneEnumValue: 91,
    droneSubEnumValue: 1,
    payloadEnumValue: 81,
    waypoints,
  });
  const head = writeZip(readZip(route).map((e) => ({ name: e.name, data: e.data(), compress: true })));
  const eocd = head.length - 22;
  const dirOffset = head.readUInt32LE(eocd + 16);
  const centrals = head.subarray(dirOffset, eocd);
  const name = Buffer.from('wpmz/res/padding.bin');
  const padSize = size - head.length - 30 - 46 - 2 * name.length;
  const chunk = randomBytes(1024 * 1024);
  const file = await open(path, 'w');
  try {
    await file.write(head.subarray(0, dirOffset));
    const local = Buffer.alloc(30);
    await file.write(local); // rewritten once the CRC is known
    await file.write(name);
    let crc = 0;
    for (let left = padSize; left > 0; left -= chunk.length) {
      const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
      crc = crc32(part, crc);
      await file.write(part);
    }
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(padSize, 18);
    local.writeUInt32LE(padSize, 22);
    local.writeUInt16LE(name.length, 26);
    await file.write(local, 0, 30, dirOffset);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    local.copy(central, 6, 4, 30);
    central.writeUInt32LE(dirOffset, 42);
    const end = Buffer.from(head.subarray(eocd));
    const directoryOffset = dirOffset + 30 + name.length + padSize;
    end.writeUInt16LE(3, 8);
    end.writeUInt16LE(3, 10);
    end.writeUInt32LE(centrals.length + 46 + name.length, 12);
    end.writeUInt32LE(directoryOffset, 16);
    await file.write(Buffer.concat([centrals, central, name, end]), 0, undefined, directoryOffset);
  } finally {
    await file.close();
  }
}

/** One upload in this (child) process; prints {ms, rssMb, outcome}. */
async function runChild([mode, url, orgKey, projectUuid, file]: string[]): Promise<void> {
  if (!url || !orgKey || !projectUuid || !file)
    throw new Error('usage: child <mode> <url> <orgKey> <project> <file>');
  const client = new FlightHubClient({ baseUrl: url, orgKey, language: 'en' });
  const api = client.project(projectUuid);
  let outcome = 'ok';
  const started = performance.now();
  if (mode === 'raw') {
    const sts = await api.stsToken();
    const key = `${sts.object_key_prefix.replace(/\/+$/, '')}/bench/raw-200mb.kmz`;
    const putUrl = presignUrl({
      method: 'PUT',
      origin: sts.endpoint,
      path: `/${sts.bucket}/${key}`,
      accessKeyId: sts.credentials.access_key_id,
      secretAccessKey: sts.credentials.access_key_secret,
      sessionToken: sts.credentials.security_token,
      region: sts.region || 'us-east-1',
      nowMs: Date.now(),
      expiresSeconds: 600,
    });
    const { size } = await stat(file);
    const t = performance.now();
    const res = await request(putUrl, {
      method: 'PUT',
      body: createReadStream(file, { highWaterMark: 1024 * 1024 }),
      headers: { 'content-length': String(size) },
    });
    await res.body.text();
    if (res.statusCode !== 200) throw new Error(`raw PUT answered ${res.statusCode}`);
    report(performance.now() - t, outcome);
  } else {
    try {
      await uploadRoute({
        api,
        name: 'Bench 200 MB',
        file,
        validate: mode === 'validate',
        allowNameClash: true,
      });
    } catch (error) {
      // A 200 MB route is over the 100 MB limit of the validator and of finish-upload (see the report).
      if (!UploadError.is(error)) throw error;
      outcome = error.code;
    }
    report(performance.now() - started, outcome);
  }
  await client.close();
}

function report(ms: number, outcome: string): void {
  process.stdout.write(JSON.stringify({ ms: round(ms), rssMb: peakRssMb(), outcome }));
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** `node routes.js child …` runs one upload; `node routes.js` runs these benchmarks alone. */
async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'child') return runChild(argv.slice(1));
  const sim = await startSimProcess(['--seed', 'bench']);
  try {
    const results = await routeBenchmarks(sim, Number(process.env.BENCH_ROUNDS ?? 5));
    for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
  } finally {
    await sim.stop();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
