// Builders for the malformed-route corpus: a valid route from the generator, as text, and the edits that
// break it. Every edit insists on finding what it replaces, so a change in the generator's output makes
// the corpus fail loudly instead of quietly testing a valid file.
import assert from 'node:assert/strict';
import { generateRouteKmz, type RoutePoint } from '../../../../../src/simulator/routegen';
import { readZip, writeZip, type ZipInput } from '../../../../../src/routes/zip/zip';

export const TEMPLATE = 'wpmz/template.kml';
export const WAYLINES = 'wpmz/waylines.wpml';

/** Entry name → text (or raw bytes); insertion order is archive order. */
export type Files = Record<string, string | Buffer>;

/** Four waypoints around a square in Zurich: |longitude| < 90, so a lat/lon swap stays in range. */
export const BASE_POINTS: readonly RoutePoint[] = [
  { longitude: 8.54, latitude: 47.37, height: 60 },
  { longitude: 8.541, latitude: 47.37, height: 62 },
  { longitude: 8.541, latitude: 47.371, height: 64 },
  { longitude: 8.54, latitude: 47.371, height: 66 },
];

let base: Files | undefined;

/** The generator's Matrice 3TD route (WPML 1.0.6), photos at waypoints 0 and 2, as text. */
export function baseFiles(): Files {
  base ??= filesOf(
    generateRouteKmz({
      name: 'Corpus',
      droneEnumValue: 91,
      droneSubEnumValue: 1,
      payloadEnumValue: 81,
      waypoints: BASE_POINTS,
      takePhotoEvery: 2,
    }),
  );
  return { ...base };
}

export function filesOf(kmz: Buffer): Files {
  const files: Files = {};
  for (const e of readZip(kmz)) files[e.name] = e.data().toString('utf8');
  return files;
}

export function kmzOf(files: Files, compress = true): Buffer {
  const entries: ZipInput[] = Object.entries(files).map(([name, data]) => ({
    name,
    data: typeof data === 'string' ? Buffer.from(data, 'utf8') : data,
    compress,
  }));
  return writeZip(entries);
}

export function text(files: Files, name: string): string {
  const value = files[name];
  assert.equal(typeof value, 'string', `${name} is not text in this case`);
  return value as string;
}

/** Replaces the `nth` (0-based) occurrence of `from`; fails when there is no such occurrence. */
export function replace(source: string, from: string, to: string, nth = 0): string {
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = source.indexOf(from, at + 1);
    assert.notEqual(at, -1, `corpus edit: occurrence ${nth} of ${JSON.stringify(from)} not found`);
  }
  return source.slice(0, at) + to + source.slice(at + from.length);
}

/** Replaces every occurrence; fails when there is none. */
export function replaceAll(source: string, from: string | RegExp, to: string): string {
  const out = source.replaceAll(from, to);
  assert.notEqual(out, source, `corpus edit: ${String(from)} not found`);
  return out;
}

/** Applies `edit` to one file of a copy of `files`. */
export function editFile(files: Files, name: string, edit: (source: string) => string): Files {
  return { ...files, [name]: edit(text(files, name)) };
}

/** 1-based line and column (UTF-16 units, as the parser counts) of the `nth` occurrence of `needle`. */
export function positionOf(source: string, needle: string, nth = 0): { line: number; column: number } {
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = source.indexOf(needle, at + 1);
    assert.notEqual(at, -1, `corpus location: occurrence ${nth} of ${JSON.stringify(needle)} not found`);
  }
  const before = source.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - before.lastIndexOf('\n') };
}

/** Overwrites bytes of every occurrence of an entry name in an archive (local and central headers). */
export function renameEntry(zip: Buffer, from: string, to: string): Buffer {
  assert.equal(Buffer.byteLength(from), Buffer.byteLength(to), 'renameEntry needs names of equal length');
  const out = Buffer.from(zip);
  const needle = Buffer.from(from);
  let count = 0;
  for (let i = out.indexOf(needle); i !== -1; i = out.indexOf(needle, i + 1), count++)
    Buffer.from(to).copy(out, i);
  assert.ok(count > 0, `renameEntry: ${from} not found`);
  return out;
}

/** Offset of the central directory of an archive without a comment (EOCD is the last 22 bytes). */
export function centralDirectory(zip: Buffer): number {
  return zip.readUInt32LE(zip.length - 22 + 16);
}
