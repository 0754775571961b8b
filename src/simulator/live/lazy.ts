// Loads the live-stream module on first use. Bundled (dist/simulatorLib.js, dist/simulator.js) it is
// the sibling bundle dist/simulatorLive.js; compiled by tsc (out/src/simulator/live/) it is ./index.js.
// A computed path through createRequire keeps esbuild from inlining werift into the simulator bundle.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Live from './index';

export type LiveModule = typeof Live;

export function loadLiveModule(): LiveModule {
  const candidates = [join(__dirname, 'simulatorLive.js'), join(__dirname, 'index.js')];
  const file = candidates.find((f) => existsSync(f));
  if (!file) throw new Error(`live-stream module not found; looked in ${candidates.join(', ')}`);
  return createRequire(__filename)(file) as LiveModule;
}
