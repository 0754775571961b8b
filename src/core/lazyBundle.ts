// Heavy parts (the simulator, the S3 client) live in bundles of their own, loaded on first use: the
// extension activates fast and its main bundle stays small. esbuild leaves createRequire alone, so
// these files are read from disk at run time instead of being inlined into extension.js.
import { createRequire } from 'node:module';
import { join } from 'node:path';

export function loadBundle<T>(bundleDir: string, file: string): T {
  return createRequire(__filename)(join(bundleDir, file)) as T;
}
