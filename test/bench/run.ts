// `npm run bench`: one JSON line per result, each with its ratio against a baseline measured in the
// same run. Machines are noisy: compare ratios, not absolute times.
import { activationBenchmarks } from './activation';
import { clientBenchmarks } from './client';
import type { BenchResult } from './harness';
import { startSimProcess } from './simProcess';

async function main(): Promise<void> {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const sim = await startSimProcess(['--seed', 'bench', '--tasks-per-dock', '10000']);
  const results: BenchResult[] = [...activationBenchmarks(rounds)];
  try {
    results.push(...(await clientBenchmarks(sim, rounds)));
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
