// The live test clip: VP8 frames in an IVF file (made by scripts/make-sim-assets.sh). IVF is a 32-byte
// file header followed by frames, each a 12-byte header (size, 64-bit timestamp) and the frame bytes.
// Layout: https://wiki.multimedia.cx/index.php/IVF (all fields little-endian).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface VideoFrame {
  readonly data: Buffer;
  /** A VP8 key frame: decodable on its own, so a viewer can start (or recover) here. */
  readonly key: boolean;
}

export interface Clip {
  readonly width: number;
  readonly height: number;
  /** Milliseconds per frame, from the file's time base (constant frame rate assumed). */
  readonly frameMs: number;
  readonly frames: readonly VideoFrame[];
}

export const CLIP_FILE = 'live.ivf';

export function parseIvf(bytes: Buffer): Clip {
  if (bytes.length < 32 || bytes.toString('latin1', 0, 4) !== 'DKIF')
    throw new Error('not an IVF file (no DKIF signature)');
  const fourcc = bytes.toString('latin1', 8, 12);
  if (fourcc !== 'VP80') throw new Error(`IVF codec ${fourcc} is not VP8`);
  const headerSize = bytes.readUInt16LE(6);
  const width = bytes.readUInt16LE(12);
  const height = bytes.readUInt16LE(14);
  // Time base = numerator / denominator seconds per tick; one tick per frame in ffmpeg's output.
  const rate = bytes.readUInt32LE(16);
  const scale = bytes.readUInt32LE(20);
  if (rate === 0 || scale === 0) throw new Error('IVF time base is zero');
  const frames: VideoFrame[] = [];
  let at = headerSize;
  while (at + 12 <= bytes.length) {
    const size = bytes.readUInt32LE(at);
    const start = at + 12;
    if (start + size > bytes.length) throw new Error(`IVF frame at byte ${at} runs past the end`);
    const data = bytes.subarray(start, start + size);
    // VP8 frame tag, bit 0: 0 = key frame (RFC 6386 §9.1).
    frames.push({ data, key: size > 0 && (data[0]! & 1) === 0 });
    at = start + size;
  }
  if (frames.length === 0) throw new Error('IVF file has no frames');
  if (!frames[0]!.key) throw new Error('IVF clip must start with a key frame to loop');
  return { width, height, frameMs: (1000 * scale) / rate, frames };
}

const cache = new Map<string, Clip>();

/** The clip in `assetsDir`, read once per folder (all sessions share the frame buffers). */
export function loadClip(assetsDir: string): Clip {
  const file = resolve(join(assetsDir, CLIP_FILE));
  let clip = cache.get(file);
  if (!clip) {
    clip = parseIvf(readFileSync(file));
    cache.set(file, clip);
  }
  return clip;
}
