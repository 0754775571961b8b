// `routes.check_5000_waypoints`: the full check of a 5,000-waypoint KMZ against just reading it (unzip,
// UTF-8 decode, one pass over the tags). `npm run bench` runs it in a child process of its own
// (routeCheckInChild), so that it starts on a fresh heap rather than on the one the gallery benchmark
// left behind, whose garbage collections would be counted against the checker.
import { execFile } from 'node:child_process';
import { decodeUtf8 } from '../../src/routes/xml/xml';
import { validateKmz } from '../../src/routes/wpml/validate';
import { readZip } from '../../src/routes/zip/zip';
import { generateRouteKmz, planPatrolRoute } from '../../src/simulator/routegen';
import { median, peakRssMb, type BenchResult } from './harness';

const CHECK_TARGET_MS = 200;
/** Fewer rounds would make the median of a ~200 ms run too noisy to compare with the target. */
const MIN_ROUNDS = 7;

export function routeCheckBenchmark(rounds: number): BenchResult {
  const waypoints = planPatrolRoute({ longitude: 113.94, latitude: 22.54 }, 5, 5000);
  const route = { droneEnumValue: 91, droneSubEnumValue: 1, payloadEnumValue: 81, takePhotoEvery: 10 };
  const kmz = generateRouteKmz({ name: 'Bench', waypoints, ...route });
  const ours = () => {
    const findings = validateKmz(kmz);
    if (findings.length > 0) throw new Error(`the bench route has findings: ${findings[0]?.rule}`);
  };
  // What any checker must do at least: inflate both files, decode them and look at every tag once.
  const baseline = () => {
    let tags = 0;
    for (const entry of readZip(kmz)) {
      const text = decodeUtf8(entry.data());
      for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', i + 1)) tags++;
    }
    return tags;
  };
  validateKmz(generateRouteKmz({ name: 'Warm-up', waypoints: waypoints.slice(0, 200), ...route }));
  const cold = time(ours);
  // Steady state is what the median reports (the first run is reported apart): a few more runs let
  // the optimizing compiler finish with the parser and the checks.
  for (let i = 0; i < 3; i++) ours();
  const oursMs: number[] = [];
  const oursCpu: number[] = [];
  const baseMs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    baseMs.push(time(baseline));
    const cpu = process.cpuUsage();
    oursMs.push(time(ours));
    const used = process.cpuUsage(cpu);
    oursCpu.push((used.user + used.system) / 1000);
  }
  const oursMedian = median(oursMs);
  return {
    bench: 'routes.check_5000_waypoints',
    ratio: round(oursMedian / median(baseMs)),
    ours_ms: round(oursMedian),
    baseline_ms: round(median(baseMs)),
    target: `ours_ms<=${CHECK_TARGET_MS} (median of ${rounds}); ratio = ours / baseline (unzip + decode + one tag pass)`,
    meets_target: oursMedian <= CHECK_TARGET_MS,
    items: waypoints.length,
    ours_max_ms: round(Math.max(...oursMs)),
    ours_cold_ms: round(cold),
    ours_cpu_ms: round(median(oursCpu)),
    vs_target: round(oursMedian / CHECK_TARGET_MS),
    kmz_bytes: kmz.length,
    xml_bytes: readZip(kmz).reduce((n, e) => n + e.size, 0),
    peak_rss_mb: peakRssMb(),
  };
}

/** routeCheckBenchmark in a fresh Node process (this file run on its own); resolves to its result. */
export function routeCheckInChild(rounds: number): Promise<BenchResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, BENCH_ROUNDS: String(rounds) };
    execFile(process.execPath, [__filename], { env }, (error, stdout, stderr) => {
      if (error) reject(new Error(`route check child failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as BenchResult);
    });
  });
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** `node routeCheck.js`: this benchmark alone, one JSON line on stdout. */
if (require.main === module) {
  try {
    const result = routeCheckBenchmark(Math.max(Number(process.env.BENCH_ROUNDS ?? 5), MIN_ROUNDS));
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  }
}
