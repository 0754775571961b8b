// Route benchmarks (the route check is in routeCheck.ts). `routes.upload_200mb`: a 200 MB KMZ through
// our upload (STS → S3 multipart → finish-upload) against one presigned PUT of the same file to the
// same simulator store. Each upload runs in a child process of its own (uploadChild.ts), so that its
// peak RSS is the upload's alone; the simulator runs in a third process. The local check of the same
// file is reported beside it (validation_*): it reads only the archive's directory and route files.
import { execFile } from 'node:child_process';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { readZip, writeZip } from '../../src/routes/zip/zip';
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
      meets_target: throughput >= 0.8 && rss <= RSS_TARGET_MB && ours.every((r) => r.outcome === 'ok'),
      items: (await stat(file)).size,
      throughput_ratio: throughput,
      ours_mb_per_s: round(UPLOAD_BYTES / 1024 / 1024 / (oursMs / 1000)),
      raw_mb_per_s: round(UPLOAD_BYTES / 1024 / 1024 / (rawMs / 1000)),
      ours_peak_rss_mb: rss,
      raw_peak_rss_mb: Math.max(...raw.map((r) => r.rssMb)),
      ours_outcome: ours.find((r) => r.outcome !== 'ok')?.outcome ?? 'ok',
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
    execFile(process.execPath, [join(__dirname, 'uploadChild.js'), ...args], (error, stdout, stderr) => {
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

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** `node routes.js` runs these benchmarks alone. */
async function main(): Promise<void> {
  const sim = await startSimProcess(['--seed', 'bench']);
  try {
    const results = await routeBenchmarks(sim, Number(process.env.BENCH_ROUNDS ?? 5));
    for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
  } finally {
    await sim.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
