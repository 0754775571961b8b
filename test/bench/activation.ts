// Activation cost of dist/extension.js (production build) in a bare Node process with a stub `vscode`
// module: the extension's own work in activate(), against a baseline extension that registers the same
// number of commands and views and does nothing else. Also the bundle's size against its budget.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult } from './harness';
import { median, peakRssMb } from './harness';
import { fakeContext, installVscodeStub, vscodeStub } from './vscodeStub';

type Activate = (context: ReturnType<typeof fakeContext>) => unknown;

const ROOT = join(__dirname, '..', '..', '..');
const BUNDLE = join(ROOT, 'dist', 'extension.js');

export function activationBenchmarks(rounds: number): BenchResult[] {
  installVscodeStub();
  const started = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ext = require(BUNDLE) as { activate: Activate; deactivate(): unknown };
  const loadMs = performance.now() - started;
  const baseline: Activate = (context) => {
    for (let i = 0; i < 31; i++) context.subscriptions.push(vscodeStub.commands.registerCommand());
    for (let i = 0; i < 4; i++) context.subscriptions.push(vscodeStub.window.createTreeView());
  };
  const time = (activate: Activate) => {
    const context = fakeContext();
    const t = performance.now();
    activate(context);
    const ms = performance.now() - t;
    for (const d of context.subscriptions) d.dispose();
    return ms;
  };
  const first = time(ext.activate); // a cold activation is what users feel
  const ours: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < Math.max(rounds, 20); i++) {
    base.push(time(baseline));
    ours.push(time(ext.activate));
  }
  const size = statSync(BUNDLE).size;
  const budget = 600 * 1024;
  return [
    {
      bench: 'extension.activate',
      ratio: Math.round((median(ours) / Math.max(median(base), 0.001)) * 100) / 100,
      ours_ms: Math.round(first * 100) / 100,
      baseline_ms: Math.round(median(base) * 1000) / 1000,
      target: 'ours_ms<=20 (cold activate, own work; module load reported separately)',
      meets_target: first <= 20,
      items: 1,
      module_load_ms: Math.round(loadMs * 100) / 100,
      peak_rss_mb: peakRssMb(),
    },
    {
      bench: 'extension.bundle_size',
      ratio: Math.round((size / budget) * 100) / 100,
      ours_ms: 0,
      baseline_ms: 0,
      target: 'dist/extension.js <= 600 KB (ratio = size / 600 KB)',
      meets_target: size <= budget,
      items: size,
      peak_rss_mb: peakRssMb(),
    },
  ];
}
