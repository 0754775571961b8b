// One build script for every bundle: the extension host (Node, CommonJS, `vscode` external) and the
// standalone simulator, and one browser bundle per webview panel.
// `--watch` rebuilds; `--only=<name>` builds one.
import * as esbuild from 'esbuild';
import { cp, mkdir, readdir } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';

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

// undici carries its HTTP parser twice as WebAssembly (72 KB each): with SIMD, and a plain copy used
// only where WASM SIMD fails. Both stay files next to the bundle: undici requires one on its first
// connection (lazyllhttp in undici/lib/dispatcher/client-h1.js), so activation never parses them.
const llhttpFallback = {
  name: 'llhttp-files',
  setup(build) {
    build.onResolve({ filter: /[/\\]llhttp(_simd)?-wasm\.js$/ }, (args) => ({
      path: `./${args.path.split(/[/\\]/).pop()}`,
      external: true,
    }));
  },
};

const targets = {
  extension: {
    ...node,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [llhttpFallback],
  },
  // The simulator as a library, loaded by the extension on first use of the built-in simulator.
  simulatorLib: { ...node, entryPoints: ['src/simulator/simulator.ts'], outfile: 'dist/simulatorLib.js' },
  // The simulator's WHEP livestream (werift), loaded by the simulator on the first WHEP request.
  simulatorLive: { ...node, entryPoints: ['src/simulator/live/index.ts'], outfile: 'dist/simulatorLive.js' },
  // The route upload (S3 client), loaded by the extension on first upload.
  upload: { ...node, entryPoints: ['src/routes/upload/upload.ts'], outfile: 'dist/upload.js' },
  // Open modeling's photo upload (the same S3 client), loaded by the extension on first use.
  photoUpload: {
    ...node,
    entryPoints: ['src/features/models/photoUpload.ts'],
    outfile: 'dist/photoUpload.js',
  },
  // The agent tools behind the Language Model Tools, loaded on the first tool call.
  agentTools: { ...node, entryPoints: ['src/agent/tools.ts'], outfile: 'dist/agentTools.js' },
  // `flighthub-route-check`: the route validator for route repositories' CI.
  routeCheck: {
    ...node,
    entryPoints: ['src/routes/cli.ts'],
    outfile: 'dist/route-check.js',
    banner: { js: '#!/usr/bin/env node' },
  },
  // `flighthub-mcp`: the agent tools as an MCP server over stdio. core/errorText.ts names `vscode` for
  // its l10n.t only: here that is src/agent/vscodeShim.ts (English, placeholders filled).
  mcp: {
    ...node,
    entryPoints: ['src/agent/mcp/cli.ts'],
    outfile: 'dist/mcp.js',
    banner: { js: '#!/usr/bin/env node' },
    alias: { vscode: './src/agent/vscodeShim.ts' },
    define: {
      FLIGHTHUB_MCP_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version),
    },
  },
  simulator: {
    ...node,
    entryPoints: ['src/simulator/cli.ts'],
    outfile: 'dist/simulator.js',
    banner: { js: '#!/usr/bin/env node' },
  },
};

// Webview pages: every src/webviews/<panel>/main.ts becomes dist/webviews/<panel>.js (+ .css when it
// imports CSS), a browser build that never sees Node or the `vscode` module.
const webviewPanels = (await readdir('src/webviews', { withFileTypes: true }))
  .filter((d) => d.isDirectory() && existsSync(`src/webviews/${d.name}/main.ts`))
  .map((d) => d.name);
for (const panel of webviewPanels) {
  targets[`webview-${panel}`] = {
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    entryPoints: [`src/webviews/${panel}/main.ts`],
    outfile: `dist/webviews/${panel}.js`,
    loader: { '.ttf': 'file' },
    inject: ['src/webviews/browser/jitless.ts'],
    sourcemap: !production,
    minify: production,
    logLevel: 'info',
  };
}

const selected = Object.entries(targets).filter(([name]) => !only || name === only);
// Simulator media (JPEG, MP4, PPK) are read from disk at run time next to the bundle.
await cp('src/simulator/assets', 'dist/assets', { recursive: true });
for (const file of ['llhttp-wasm.js', 'llhttp_simd-wasm.js'])
  await cp(`node_modules/undici/lib/llhttp/${file}`, `dist/${file}`);
// The codicon font for every panel (the stylesheet keeps its relative url to the font).
await mkdir('dist/webviews', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf'])
  await cp(`node_modules/@vscode/codicons/dist/${file}`, `dist/webviews/${file}`);
for (const [, options] of selected) {
  if (watch) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  } else {
    await esbuild.build(options);
  }
}
