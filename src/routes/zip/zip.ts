// A small ZIP writer and a defensive ZIP reader for KMZ route files. Uploaded KMZs are untrusted: the
// reader trusts nothing it has not checked (paths, sizes, ratios, CRCs) and inflates with an output cap,
// because the sizes in the central directory are written by whoever made the file.
// Format reference: PKWARE APPNOTE.TXT 6.3.x, sections 4.3 (structure) and 4.4 (fields).
import { readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

export type ZipRule =
  | 'zip.not_zip'
  | 'zip.corrupt'
  | 'zip.empty'
  | 'zip.too_many_entries'
  | 'zip.too_large'
  | 'zip.ratio'
  | 'zip.unsafe_path'
  | 'zip.duplicate_name'
  | 'zip.encrypted'
  | 'zip.unsupported_method'
  | 'zip.crc_mismatch'
  | 'zip.zip64';

export class ZipError extends Error {
  constructor(
    readonly rule: ZipRule,
    message: string,
    readonly entry?: string,
  ) {
    super(message);
    this.name = 'ZipError';
  }

  static is(value: unknown): value is ZipError {
    return value instanceof ZipError;
  }
}

export interface ZipLimits {
  /** Entries in the central directory, directories included. */
  readonly maxEntries: number;
  /** Sum of the uncompressed sizes, in bytes: what extracting the whole archive would write. */
  readonly maxTotalSize: number;
  /** Bytes one entry may hold to be read into memory (data()); larger entries can be listed, not read. */
  readonly maxEntrySize: number;
  /** Uncompressed / compressed, per entry, for entries above RATIO_MIN_SIZE. */
  readonly maxRatio: number;
}

/**
 * A route's two XML files are read into memory, so one entry is held to 100 MB. The archive as a whole may
 * be larger (models, images, terrain in `wpmz/res/`): its entries are listed and checked, never inflated
 * by validation, and an archive of stored (uncompressed) entries is no bomb — 1 GiB bounds what
 * extracting everything would write.
 */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxTotalSize: 1024 * 1024 * 1024,
  maxEntrySize: 100 * 1024 * 1024,
  maxRatio: 200,
};

/** Random access to an archive's bytes: a Buffer in memory, or a file read on demand. */
export interface ZipSource {
  readonly size: number;
  /** `length` bytes from `offset`, fewer only where the source ends. */
  read(offset: number, length: number): Buffer;
}

export function bufferSource(buf: Buffer): ZipSource {
  return { size: buf.length, read: (offset, length) => buf.subarray(offset, offset + length) };
}

/** An open file descriptor as a ZipSource: only the directory and the entries asked for are read. */
export function fileSource(fd: number, size: number): ZipSource {
  return {
    size,
    read(offset, length) {
      const out = Buffer.allocUnsafe(Math.max(0, Math.min(length, size - offset)));
      let done = 0;
      while (done < out.length) {
        const n = readSync(fd, out, done, out.length - done, offset + done);
        if (n === 0) break;
        done += n;
      }
      return out.subarray(0, done);
    },
  };
}

/** Runs `use` on the archive at `path`, read on demand: its size does not decide the memory it takes. */
export async function withZipFile<T>(path: string, use: (source: ZipSource) => T): Promise<T> {
  const handle = await open(path, 'r');
  try {
    return use(fileSource(handle.fd, (await handle.stat()).size));
  } finally {
    await handle.close();
  }
}

function toSource(input: Buffer | ZipSource): ZipSource {
  return Buffer.isBuffer(input) ? bufferSource(input) : input;
}

/** Small entries may legitimately compress far better than 200:1 (1 KB of spaces) and cannot hurt. */
const RATIO_MIN_SIZE = 1024 * 1024;

export interface ZipEntry {
  readonly name: string;
  readonly compressedSize: number;
  readonly size: number;
  readonly isDirectory: boolean;
  /** Inflates (once) and checks size and CRC-32; throws ZipError. */
  data(): Buffer;
}

export interface ZipInput {
  readonly name: string;
  readonly data: Buffer;
  /** Deflate this entry (default true); stored when deflating would not make it smaller. */
  readonly compress?: boolean;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const EOCD_SIZE = 22;
/** EOCD plus the longest possible archive comment. */
const EOCD_SEARCH = EOCD_SIZE + 0xffff;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8 = 0x0800;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
/** 1980-01-01 00:00, the DOS epoch: a fixed timestamp keeps generated archives byte-for-byte reproducible. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

export function writeZip(entries: readonly ZipInput[]): Buffer {
  if (entries.length > 0xfffe) throw new ZipError('zip.zip64', 'Too many entries for a ZIP without ZIP64');
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const seen = new Set<string>();
  let offset = 0;
  for (const entry of entries) {
    const problem = unsafePathReason(entry.name);
    if (problem)
      throw new ZipError('zip.unsafe_path', `Unsafe entry name "${entry.name}": ${problem}`, entry.name);
    if (seen.has(entry.name))
      throw new ZipError('zip.duplicate_name', `Duplicate entry "${entry.name}"`, entry.name);
    seen.add(entry.name);
    const name = Buffer.from(entry.name, 'utf8');
    const deflated =
      entry.compress === false || entry.data.length === 0 ? undefined : deflateRawSync(entry.data);
    const useDeflate = deflated !== undefined && deflated.length < entry.data.length;
    const body = useDeflate ? deflated : entry.data;
    const crc = crc32(entry.data);
    if (offset + body.length > 0xfffffffe) throw new ZipError('zip.zip64', 'Archive too large without ZIP64');

    const local = Buffer.alloc(30);
    local.writeUInt32LE(SIG_LOCAL, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(FLAG_UTF8, 6);
    local.writeUInt16LE(useDeflate ? METHOD_DEFLATE : METHOD_STORED, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(SIG_CENTRAL, 0);
    central.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0 — no Unix mode bits to get wrong
    local.copy(central, 6, 4, 30); // needed, flags, method, time, date, crc, sizes, name length, extra length
    // comment length, disk, internal and external attributes stay 0
    central.writeUInt32LE(offset, 42);

    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const eocd = Buffer.alloc(EOCD_SIZE);
  eocd.writeUInt32LE(SIG_EOCD, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(directory.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, eocd]);
}

export function readZip(input: Buffer | ZipSource, limits: Partial<ZipLimits> = {}): ZipEntry[] {
  const lim: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const source = toSource(input);
  const tailStart = Math.max(0, source.size - EOCD_SEARCH);
  const tail = source.read(tailStart, source.size - tailStart);
  const eocd = findEocd(tail);
  const diskEntries = tail.readUInt16LE(eocd + 8);
  const count = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  if (
    count === 0xffff ||
    dirSize === 0xffffffff ||
    dirOffset === 0xffffffff ||
    (eocd >= 20 && tail.readUInt32LE(eocd - 20) === SIG_ZIP64_LOCATOR)
  ) {
    throw new ZipError('zip.zip64', 'ZIP64 archives are not supported');
  }
  if (tail.readUInt16LE(eocd + 4) !== 0 || tail.readUInt16LE(eocd + 6) !== 0 || diskEntries !== count) {
    throw new ZipError('zip.corrupt', 'Multi-volume ZIP archives are not supported');
  }
  if (count === 0) throw new ZipError('zip.empty', 'The archive has no entries');
  if (count > lim.maxEntries) {
    throw new ZipError('zip.too_many_entries', `The archive has ${count} entries (limit ${lim.maxEntries})`);
  }
  if (dirOffset + dirSize > tailStart + eocd)
    throw new ZipError('zip.corrupt', 'Central directory lies outside the archive');

  const dir = source.read(dirOffset, dirSize);
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  let pos = 0;
  for (let i = 0; i < count; i++) {
    if (pos + 46 > dirSize || dir.readUInt32LE(pos) !== SIG_CENTRAL) {
      throw new ZipError('zip.corrupt', `Central directory entry ${i} is damaged`);
    }
    const flags = dir.readUInt16LE(pos + 8);
    const method = dir.readUInt16LE(pos + 10);
    const crc = dir.readUInt32LE(pos + 16);
    const compressedSize = dir.readUInt32LE(pos + 20);
    const size = dir.readUInt32LE(pos + 24);
    const nameLength = dir.readUInt16LE(pos + 28);
    const next = pos + 46 + nameLength + dir.readUInt16LE(pos + 30) + dir.readUInt16LE(pos + 32);
    const localOffset = dir.readUInt32LE(pos + 42);
    if (next > dirSize) throw new ZipError('zip.corrupt', `Central directory entry ${i} is damaged`);
    const nameBytes = dir.subarray(pos + 46, pos + 46 + nameLength);
    const name = nameBytes.toString('utf8');
    pos = next;

    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) {
      throw new ZipError('zip.zip64', `Entry "${name}" needs ZIP64, which is not supported`, name);
    }
    const problem = unsafePathReason(name);
    if (problem) throw new ZipError('zip.unsafe_path', `Unsafe entry name "${name}": ${problem}`, name);
    if (names.has(name))
      throw new ZipError('zip.duplicate_name', `Entry "${name}" appears more than once`, name);
    names.add(name);
    if (flags & FLAG_ENCRYPTED) throw new ZipError('zip.encrypted', `Entry "${name}" is encrypted`, name);
    if (method !== METHOD_STORED && method !== METHOD_DEFLATE) {
      throw new ZipError('zip.unsupported_method', `Entry "${name}" uses compression method ${method}`, name);
    }
    if (method === METHOD_STORED && compressedSize !== size) {
      throw new ZipError('zip.corrupt', `Stored entry "${name}" has different sizes`, name);
    }
    total += size;
    if (total > lim.maxTotalSize) {
      throw new ZipError('zip.too_large', `Uncompressed content exceeds ${lim.maxTotalSize} bytes`, name);
    }
    checkRatio(name, size, compressedSize, lim.maxRatio);
    const read = { source, name, nameBytes, method, crc, compressedSize, size, localOffset };
    const maxEntrySize = lim.maxEntrySize;
    let cached: Buffer | undefined;
    entries.push({
      name,
      compressedSize,
      size,
      isDirectory: name.endsWith('/'),
      data: () => (cached ??= extract(read, maxEntrySize)),
    });
  }
  return entries;
}

/** Why `name` is not a safe relative path inside an archive, or undefined when it is. */
function unsafePathReason(name: string): string | undefined {
  if (name.length === 0) return 'empty name';
  if (name.includes('\\')) return 'backslash in path';
  if (name.startsWith('/')) return 'absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'drive letter';
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) < 0x20) return 'control character in path';
  if (name.split('/').some((segment) => segment === '..')) return 'parent directory segment';
  return undefined;
}

function findEocd(buf: Buffer): number {
  const stop = Math.max(0, buf.length - EOCD_SEARCH);
  for (let pos = buf.length - EOCD_SIZE; pos >= stop; pos--) {
    // The comment length must reach the end of the file, or this is a signature inside data.
    if (buf.readUInt32LE(pos) === SIG_EOCD && pos + EOCD_SIZE + buf.readUInt16LE(pos + 20) <= buf.length)
      return pos;
  }
  throw new ZipError('zip.not_zip', 'Not a ZIP archive (no end-of-central-directory record)');
}

function checkRatio(name: string, size: number, compressedSize: number, maxRatio: number): void {
  if (size > RATIO_MIN_SIZE && size / Math.max(compressedSize, 1) > maxRatio) {
    throw new ZipError('zip.ratio', `Entry "${name}" expands more than ${maxRatio}:1 (zip bomb?)`, name);
  }
}

interface EntryLocation {
  readonly source: ZipSource;
  readonly name: string;
  readonly nameBytes: Buffer;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

function extract(e: EntryLocation, maxEntrySize: number): Buffer {
  const { source, name } = e;
  if (e.size > maxEntrySize) {
    throw new ZipError(
      'zip.too_large',
      `Entry "${name}" holds ${e.size} bytes; at most ${maxEntrySize} are read`,
      name,
    );
  }
  const local = source.read(e.localOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== SIG_LOCAL) {
    throw new ZipError('zip.corrupt', `Local header of "${name}" is missing`, name);
  }
  // Sizes and CRC in the local header may be zero (data descriptor, flag bit 3): use the central ones.
  const localNameLength = local.readUInt16LE(26);
  const start = e.localOffset + 30 + localNameLength + local.readUInt16LE(28);
  // A local name differing from the central one is how some tools are tricked into extracting another file.
  if (!source.read(e.localOffset + 30, localNameLength).equals(e.nameBytes)) {
    throw new ZipError('zip.corrupt', `Local and central names of "${name}" differ`, name);
  }
  if (start + e.compressedSize > source.size)
    throw new ZipError('zip.corrupt', `Entry "${name}" is truncated`, name);
  const raw = source.read(start, e.compressedSize);
  let data: Buffer;
  if (e.method === METHOD_STORED) {
    data = Buffer.from(raw);
  } else {
    try {
      // Cap the output at the declared size + 1: a longer stream is a lie we detect without inflating it all.
      data = inflateRawSync(raw, { maxOutputLength: e.size + 1 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new ZipError('zip.too_large', `Entry "${name}" inflates beyond its declared size`, name);
      }
      throw new ZipError('zip.corrupt', `Entry "${name}" is not valid deflate data`, name);
    }
    if (data.length > e.size) {
      throw new ZipError('zip.too_large', `Entry "${name}" inflates beyond its declared size`, name);
    }
  }
  if (data.length !== e.size)
    throw new ZipError('zip.corrupt', `Entry "${name}" is shorter than declared`, name);
  if (crc32(data) !== e.crc)
    throw new ZipError('zip.crc_mismatch', `CRC-32 of "${name}" does not match`, name);
  return data;
}
