// An object opened for reading. An object is one file (PutObject) or the part files of a completed
// multipart upload in order, as S3 keeps parts rather than copying them into one; readers see one
// run of bytes either way.
import { readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';

export interface Segment {
  readonly file: string;
  readonly size: number;
}

interface OpenSegment {
  readonly handle: FileHandle;
  /** Offset of the segment's first byte in the object. */
  readonly start: number;
  readonly size: number;
}

export class ObjectFile {
  private constructor(
    readonly size: number,
    private readonly segments: readonly OpenSegment[],
  ) {}

  /** Opens every segment; rejects with ENOENT when one was deleted meanwhile (none stays open). */
  static async open(segments: readonly Segment[]): Promise<ObjectFile> {
    const opened: OpenSegment[] = [];
    let start = 0;
    try {
      for (const segment of segments) {
        opened.push({ handle: await open(segment.file, 'r'), start, size: segment.size });
        start += segment.size;
      }
    } catch (error) {
      await Promise.all(opened.map((s) => s.handle.close()));
      throw error;
    }
    return new ObjectFile(start, opened);
  }

  /** `length` bytes from `offset` (fewer where the object ends), read now. */
  read(offset: number, length: number): Buffer {
    const out = Buffer.allocUnsafe(Math.max(0, Math.min(length, this.size - offset)));
    let done = 0;
    for (const s of this.overlapping(offset, offset + out.length)) {
      while (done < out.length && offset + done < s.start + s.size) {
        const n = readSync(s.handle.fd, out, done, out.length - done, offset + done - s.start);
        if (n === 0) return out.subarray(0, done);
        done += n;
      }
    }
    return out.subarray(0, done);
  }

  /** Bytes [start, end] (inclusive, as in Range headers) as a stream; the handles stay open. */
  async *stream(start: number, end: number): AsyncGenerator<Buffer> {
    for (const s of this.overlapping(start, end + 1)) {
      const part: Readable = s.handle.createReadStream({
        start: Math.max(start, s.start) - s.start,
        end: Math.min(end, s.start + s.size - 1) - s.start,
        autoClose: false,
        highWaterMark: 1024 * 1024,
      });
      for await (const chunk of part) yield chunk as Buffer;
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.segments.map((s) => s.handle.close()));
  }

  /** Non-empty segments that hold bytes of [from, to). */
  private overlapping(from: number, to: number): OpenSegment[] {
    return this.segments.filter((s) => s.size > 0 && s.start < to && s.start + s.size > from);
  }
}
