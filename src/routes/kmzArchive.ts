// The vscode-free half of the read-only `flighthub-kmz:` file system (kmzFs.ts): how its URIs are built
// and taken apart, the folder tree of one archive, and a small cache of parsed archives keyed by the
// source file and its size and mtime. Archives go through the safe reader (zip.ts) and are extracted in
// full when loaded, so a damaged entry fails the whole archive instead of showing part of it.
import { readZip, ZipError } from './zip/zip';

export const KMZ_SCHEME = 'flighthub-kmz';
/** Larger source files are refused before they are read (the reader's own total-size limit). */
export const MAX_KMZ_BYTES = 100 * 1024 * 1024;

/**
 * `flighthub-kmz:/<kmz file name>/<entry path>?<source URI>`. The source URI (any scheme, spaces and
 * non-ASCII included) travels whole in the query, as the git extension does with its `git:` URIs; the
 * path starts with the file's name only so that tabs and breadcrumbs read `route.kmz › wpmz › …`.
 */
export interface KmzUriParts {
  readonly scheme: string;
  readonly path: string;
  readonly query: string;
}

export interface KmzLocation {
  /** The .kmz file's URI as a string (`Uri.toString()`). */
  readonly source: string;
  /** The first path segment: the .kmz file's name. */
  readonly label: string;
  /** Entry path inside the archive without leading or trailing slash; '' for the root. */
  readonly entry: string;
}

export function kmzUriParts(source: string, fileName: string, entry = ''): KmzUriParts {
  const inner = entry.split('/').filter((s) => s.length > 0);
  return { scheme: KMZ_SCHEME, path: `/${[fileName, ...inner].join('/')}`, query: source };
}

/** Undefined when the parts are not a `flighthub-kmz:` location. */
export function parseKmzUri(parts: KmzUriParts): KmzLocation | undefined {
  if (parts.scheme !== KMZ_SCHEME || parts.query.length === 0 || !parts.path.startsWith('/'))
    return undefined;
  const [label, ...rest] = parts.path.slice(1).split('/');
  if (!label) return undefined;
  return { source: parts.query, label, entry: rest.filter((s) => s.length > 0).join('/') };
}

export type KmzLookupError = 'not_found' | 'not_directory' | 'is_directory';

export class KmzEntryError extends Error {
  constructor(
    readonly reason: KmzLookupError,
    readonly entry: string,
  ) {
    super(`${reason}: ${entry || '/'}`);
    this.name = 'KmzEntryError';
  }

  static is(value: unknown): value is KmzEntryError {
    return value instanceof KmzEntryError;
  }
}

export interface KmzFile {
  readonly kind: 'file';
  readonly data: Buffer;
}
export interface KmzDirectory {
  readonly kind: 'directory';
  readonly children: Map<string, KmzNode>;
}
export type KmzNode = KmzFile | KmzDirectory;

/** One archive as a tree; folders that have no entry of their own (`wpmz/` is often implicit) are made up. */
export class KmzArchive {
  private constructor(readonly root: KmzDirectory) {}

  /** Throws ZipError for anything the safe reader refuses, an unreadable entry included. */
  static read(buf: Buffer): KmzArchive {
    const root: KmzDirectory = { kind: 'directory', children: new Map() };
    for (const entry of readZip(buf)) {
      const segments = entry.name.split('/');
      if (entry.isDirectory) segments.pop();
      // `a//b` and `./a` pass the reader's traversal check but name no sensible place in a tree.
      if (segments.some((s) => s === '' || s === '.'))
        throw new ZipError('zip.unsafe_path', `Unsafe entry name "${entry.name}"`, entry.name);
      const last = segments.pop();
      let dir = root;
      for (const segment of segments) dir = subdirectory(dir, segment, entry.name);
      if (last === undefined) continue;
      if (entry.isDirectory) subdirectory(dir, last, entry.name);
      else if (dir.children.has(last)) throw conflict(entry.name);
      else dir.children.set(last, { kind: 'file', data: entry.data() });
    }
    return new KmzArchive(root);
  }

  /** Throws KmzEntryError('not_found'). */
  lookup(entry: string): KmzNode {
    let node: KmzNode = this.root;
    for (const segment of entry.split('/').filter((s) => s.length > 0)) {
      const next: KmzNode | undefined = node.kind === 'directory' ? node.children.get(segment) : undefined;
      if (!next) throw new KmzEntryError('not_found', entry);
      node = next;
    }
    return node;
  }

  list(entry: string): [string, KmzNode['kind']][] {
    const node = this.lookup(entry);
    if (node.kind !== 'directory') throw new KmzEntryError('not_directory', entry);
    return [...node.children].map(([name, child]) => [name, child.kind]);
  }

  read(entry: string): Buffer {
    const node = this.lookup(entry);
    if (node.kind !== 'file') throw new KmzEntryError('is_directory', entry);
    return node.data;
  }

  /** Every entry path, folders included ('wpmz', 'wpmz/template.kml'), depth first. */
  paths(): string[] {
    const out: string[] = [];
    const walk = (dir: KmzDirectory, prefix: string) => {
      for (const [name, child] of dir.children) {
        out.push(prefix + name);
        if (child.kind === 'directory') walk(child, `${prefix}${name}/`);
      }
    };
    walk(this.root, '');
    return out;
  }
}

function subdirectory(dir: KmzDirectory, name: string, entry: string): KmzDirectory {
  const existing = dir.children.get(name);
  if (existing?.kind === 'file') throw conflict(entry);
  if (existing) return existing;
  const created: KmzDirectory = { kind: 'directory', children: new Map() };
  dir.children.set(name, created);
  return created;
}

function conflict(entry: string): ZipError {
  return new ZipError('zip.duplicate_name', `Entry "${entry}" is both a file and a folder`, entry);
}

/** What identifies one version of a source file. */
export interface KmzStamp {
  readonly mtime: number;
  readonly size: number;
}

/** A loaded archive, or why it could not be loaded (kept too, so a bad file is not re-read on every stat). */
export type KmzLoad = { readonly archive: KmzArchive } | { readonly error: unknown };

interface CacheSlot {
  readonly stamp: KmzStamp;
  readonly load: Promise<KmzLoad>;
}

/** Least recently used parsed archives, a handful at a time: each holds its extracted entries in memory. */
export class KmzCache {
  private readonly slots = new Map<string, CacheSlot>();

  constructor(private readonly capacity = 8) {}

  /**
   * The archive for `source` at `stamp`, loading it with `read` when the stamp is new. `replaced` is the
   * previous version when this call found the file changed, so the caller can announce the change.
   */
  async get(
    source: string,
    stamp: KmzStamp,
    read: () => Promise<Buffer>,
  ): Promise<{ load: KmzLoad; replaced?: KmzLoad }> {
    const slot = this.slots.get(source);
    this.slots.delete(source);
    if (slot && sameStamp(slot.stamp, stamp)) {
      this.slots.set(source, slot);
      return { load: await slot.load };
    }
    const load = loadArchive(stamp, read);
    this.slots.set(source, { stamp, load });
    while (this.slots.size > this.capacity) this.slots.delete(this.slots.keys().next().value as string);
    return slot ? { load: await load, replaced: await slot.load } : { load: await load };
  }

  /** Forgets `source`; returns what was cached, if anything. */
  async forget(source: string): Promise<KmzLoad | undefined> {
    const slot = this.slots.get(source);
    this.slots.delete(source);
    return slot?.load;
  }

  has(source: string): boolean {
    return this.slots.has(source);
  }
}

async function loadArchive(stamp: KmzStamp, read: () => Promise<Buffer>): Promise<KmzLoad> {
  try {
    if (stamp.size > MAX_KMZ_BYTES)
      throw new ZipError('zip.too_large', `The file is larger than ${MAX_KMZ_BYTES} bytes`);
    return { archive: KmzArchive.read(await read()) };
  } catch (error) {
    return { error };
  }
}

function sameStamp(a: KmzStamp, b: KmzStamp): boolean {
  return a.mtime === b.mtime && a.size === b.size;
}

/** Entry paths created, changed (present in both: content may differ) and deleted between two loads. */
export function diffPaths(
  before: KmzLoad | undefined,
  after: KmzLoad | undefined,
): { created: string[]; changed: string[]; deleted: string[] } {
  const old = new Set(before && 'archive' in before ? before.archive.paths() : []);
  const now = new Set(after && 'archive' in after ? after.archive.paths() : []);
  return {
    created: [...now].filter((p) => !old.has(p)),
    changed: [...now].filter((p) => old.has(p)),
    deleted: [...old].filter((p) => !now.has(p)),
  };
}
