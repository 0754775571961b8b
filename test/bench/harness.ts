// Benchmark plumbing: alternate rounds of "ours" and the baseline, report medians, the ratio and the
// peak RSS, one JSON line per result. Targets are printed with each line, never asserted in tests.

export interface BenchResult {
  readonly bench: string;
  readonly ratio: number;
  readonly ours_ms: number;
  readonly baseline_ms: number;
  readonly target: string;
  readonly meets_target: boolean;
  readonly items: number;
  readonly peak_rss_mb: number;
  readonly [extra: string]: unknown;
}

export async function measure(
  name: string,
  ours: () => Promise<number>,
  baseline: () => Promise<number>,
  rounds: number,
  maxRatio: number,
  target: string,
): Promise<BenchResult> {
  // One warm-up each: connection set-up and JIT must not count.
  const items = await ours();
  const expected = await baseline();
  if (items !== expected) throw new Error(`${name}: ours saw ${items} items, the baseline ${expected}`);
  const oursTimes: number[] = [];
  const baseTimes: number[] = [];
  for (let i = 0; i < rounds; i++) {
    baseTimes.push(await time(baseline));
    oursTimes.push(await time(ours));
  }
  const oursMs = median(oursTimes);
  const baseMs = median(baseTimes);
  const ratio = round(oursMs / baseMs);
  return {
    bench: name,
    ratio,
    ours_ms: round(oursMs),
    baseline_ms: round(baseMs),
    target,
    meets_target: ratio <= maxRatio,
    items,
    peak_rss_mb: peakRssMb(),
  };
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function peakRssMb(): number {
  return round(process.resourceUsage().maxRSS / 1024);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
