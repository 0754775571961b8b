// One build script for every bundle: the extension host (Node, CommonJS, `vscode` external) and the
// standalone simulator. Webview bundles join here later. `--watch` rebuilds; `--only=<name>` builds one.
import * as esbuild from 'esbuild';
import { cp } from 'node:fs/promises';

const args = process.argv.slice(2);
const watch = args.includes('--watch');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const production = args.includes('--production');

const node = {
  bundle: true,
  platform: 'node',
  // ESM builds first: zod's CommonJS build defeats tree shaking (≈ 450 KB instead of ≈ 85 KB).
  mainFields: ['module', 'main'],
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

const targets = {
  extension: {
    ...node,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
  },
  // The simulator as a library, loaded by the extension on first use of the built-in simulator.
  simulatorLib: { ...node, entryPoints: ['src/simulator/simulator.ts'], outfile: 'dist/simulatorLib.js' },
  // The route upload (S3 client), loaded by the extension on first upload.
  upload: { ...node, entryPoints: ['src/routes/upload.ts'], outfile: 'dist/upload.js' },
  // `flighthub-route-check`: the route validator for route repositories' CI.
  routeCheck: {
    ...node,
    entryPoints: ['src/routes/cli.ts'],
    outfile: 'dist/route-check.js',
    banner: { js: '#!/usr/bin/env node' },
  },
  simulator: {
    ...node,
    entryPoints: ['src/simulator/cli.ts'],
    outfile: 'dist/simulator.js',
    banner: { js: '#!/usr/bin/env node' },
  },
};

const selected = Object.entries(targets).filter(([name]) => !only || name === only);
// Simulator media (JPEG, MP4, PPK) are read from disk at run time next to the bundle.
await cp('src/simulator/assets', 'dist/assets', { recursive: true });
for (const [, options] of selected) {
  if (watch) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  } else {
    await esbuild.build(options);
  }
}
