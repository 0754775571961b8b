// `npm run bench`: one JSON line per result, each with its ratio against a baseline measured in the
// same run. Machines are noisy: compare ratios, not absolute times.
import { activationBenchmarks } from './activation';
import { clientBenchmarks } from './client';
import { galleryBenchmarks } from './gallery';
import type { BenchResult } from './harness';
import { idleWindowBenchmark } from './idleWindow';
import { routeCheckInChild } from './routeCheck';
import { routeBenchmarks } from './routes';
import { startSimProcess } from './simProcess';

async function main(): Promise<void> {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  // Activation first: if it fails, no simulator process is left behind.
  const results: BenchResult[] = [...activationBenchmarks(rounds), await idleWindowBenchmark()];
  const sim = await startSimProcess(['--seed', 'bench', '--tasks-per-dock', '10000']);
  try {
    results.push(...(await clientBenchmarks(sim, rounds)));
    results.push(...(await galleryBenchmarks(sim, rounds)));
    // In a process of its own: on the heap the gallery benchmark leaves, GC alone cost it ~40 ms a run.
    results.push(await routeCheckInChild(Math.max(rounds, 7)));
    results.push(...(await routeBenchmarks(sim, rounds)));
  } finally {
    await sim.stop();
  }
  for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
