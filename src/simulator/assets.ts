// The simulator's media bytes (JPEG photos, an MP4, a PPK log), made by scripts/make-sim-assets.sh.
// They are read from disk once per folder: media listings serve thousands of virtual files that all
// share these few buffers.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface SimAssets {
  /** photo-*.jpg in name order. */
  readonly images: readonly Buffer[];
  readonly video: Buffer;
  readonly ppk: Buffer;
}

const VIDEO = 'video.mp4';
const PPK = 'ppk.obs';
const cache = new Map<string, SimAssets>();

export function loadAssets(dir: string): SimAssets {
  const key = resolve(dir);
  const cached = cache.get(key);
  if (cached) return cached;
  const photos = readdirSync(key)
    .filter((name) => /^photo-.*\.jpe?g$/i.test(name))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (photos.length === 0) throw new Error(`No photo-*.jpg in ${key}; run scripts/make-sim-assets.sh`);
  const assets: SimAssets = {
    images: photos.map((name) => readFileSync(join(key, name))),
    video: readFileSync(join(key, VIDEO)),
    ppk: readFileSync(join(key, PPK)),
  };
  cache.set(key, assets);
  return assets;
}

/**
 * The packaged assets folder. esbuild bundles (dist/extension.js, dist/simulator.js) find the copy
 * that esbuild.mjs puts in dist/assets; tsc output (out/src/simulator/assets.js) and ts-node runs
 * find the sources in src/simulator/assets.
 */
export function defaultAssetsDir(): string {
  const candidates = [
    join(__dirname, 'assets'), // dist/ bundle, or src/simulator/ when run from source
    resolve(__dirname, '..', '..', '..', 'src', 'simulator', 'assets'), // out/src/simulator/
  ];
  const found = candidates.find((dir) => existsSync(join(dir, VIDEO)));
  if (!found) throw new Error(`Simulator assets not found; looked in ${candidates.join(', ')}`);
  return found;
}
