// Multipart uploads: each part is its own file in parts/; completing makes the listed parts' files
// the object's content, in order, without copying them (as S3 keeps parts). Validation follows S3: parts
// listed in ascending order, ETags matching what UploadPart returned, and every part but the last
// at least `minPartSize` (5 MiB on S3; configurable so tests stay fast).
import { createHash, randomBytes } from 'node:crypto';
import { rename } from 'node:fs/promises';
import { S3Error } from './errors';
import type { DiskStore, StoredObject } from './store';
import type { CompletedPart } from './xml';

export const S3_MIN_PART_SIZE = 5 * 1024 * 1024;
const MAX_PART_NUMBER = 10_000;

export interface Part {
  readonly number: number;
  readonly size: number;
  readonly md5Hex: string;
  readonly lastModified: number;
  readonly file: string;
}

export interface Upload {
  readonly id: string;
  readonly bucket: string;
  readonly key: string;
  readonly contentType: string;
  readonly initiated: number;
  readonly parts: Map<number, Part>;
}

export function parsePartNumber(text: string | undefined): number {
  const n = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || n < 1 || n > MAX_PART_NUMBER) {
    throw new S3Error(
      'InvalidArgument',
      `Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`,
    );
  }
  return n;
}

export class MultipartUploads {
  private readonly uploads = new Map<string, Upload>();

  constructor(
    private readonly store: DiskStore,
    private readonly now: () => number,
    private readonly minPartSize: number,
  ) {}

  create(bucket: string, key: string, contentType: string): Upload {
    const upload: Upload = {
      id: randomBytes(24).toString('base64url'),
      bucket,
      key,
      contentType,
      initiated: this.now(),
      parts: new Map(),
    };
    this.uploads.set(upload.id, upload);
    return upload;
  }

  /** The upload, which must belong to the addressed object, as S3 answers NoSuchUpload otherwise. */
  find(id: string | undefined, bucket: string, key: string): Upload {
    const upload = id === undefined ? undefined : this.uploads.get(id);
    if (!upload || upload.bucket !== bucket || upload.key !== key) throw new S3Error('NoSuchUpload');
    return upload;
  }

  /** Moves a received body in as part `number`, replacing an earlier upload of the same number. */
  async commitPart(
    upload: Upload,
    number: number,
    tempFile: string,
    size: number,
    md5Hex: string,
  ): Promise<Part> {
    // The upload may have been completed or aborted while this part was on the wire.
    if (this.uploads.get(upload.id) !== upload) throw new S3Error('NoSuchUpload');
    const part: Part = { number, size, md5Hex, lastModified: this.now(), file: this.store.partPath() };
    await rename(tempFile, part.file);
    if (this.uploads.get(upload.id) !== upload) {
      await this.store.discard(part.file);
      throw new S3Error('NoSuchUpload');
    }
    const previous = upload.parts.get(number);
    upload.parts.set(number, part);
    if (previous) await this.store.discard(previous.file);
    return part;
  }

  async abort(upload: Upload): Promise<void> {
    this.uploads.delete(upload.id);
    await this.discardParts(upload);
  }

  async complete(upload: Upload, listed: readonly CompletedPart[]): Promise<StoredObject> {
    const parts = this.validate(upload, listed);
    // Synchronously after validation: later UploadPart/Complete/Abort calls now see NoSuchUpload.
    this.uploads.delete(upload.id);
    const md5s = Buffer.concat(parts.map((part) => Buffer.from(part.md5Hex, 'hex')));
    const etag = `"${createHash('md5').update(md5s).digest('hex')}-${parts.length}"`;
    const size = parts.reduce((sum, part) => sum + part.size, 0);
    let stored: StoredObject;
    try {
      stored = await this.store.commitSegments(upload.bucket, upload.key, parts, {
        size,
        etag,
        contentType: upload.contentType,
      });
    } catch (error) {
      // Like S3, a failed completion leaves the upload and its parts in place for a retry.
      this.uploads.set(upload.id, upload);
      throw error;
    }
    // The listed parts' files now belong to the object; parts uploaded but not listed are dropped.
    for (const part of parts) upload.parts.delete(part.number);
    await this.discardParts(upload);
    return stored;
  }

  list(upload: Upload): Part[] {
    return [...upload.parts.values()].sort((a, b) => a.number - b.number);
  }

  clear(): void {
    this.uploads.clear();
  }

  private validate(upload: Upload, listed: readonly CompletedPart[]): Part[] {
    const parts: Part[] = [];
    let last = 0;
    for (const { partNumber, etag } of listed) {
      if (partNumber <= last) {
        throw new S3Error(
          'InvalidPartOrder',
          'The list of parts was not in ascending order. Parts must be ordered by part number.',
        );
      }
      last = partNumber;
      const part = upload.parts.get(partNumber);
      if (!part || part.md5Hex !== etag.toLowerCase()) {
        throw new S3Error(
          'InvalidPart',
          "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
        );
      }
      parts.push(part);
    }
    parts.slice(0, -1).forEach((part) => {
      if (part.size < this.minPartSize) {
        throw new S3Error(
          'EntityTooSmall',
          'Your proposed upload is smaller than the minimum allowed object size.',
          {
            details: {
              PartNumber: String(part.number),
              ProposedSize: String(part.size),
              MinSizeAllowed: String(this.minPartSize),
            },
          },
        );
      }
    });
    return parts;
  }

  private async discardParts(upload: Upload): Promise<void> {
    const files = [...upload.parts.values()].map((part) => part.file);
    upload.parts.clear();
    await Promise.all(files.map((file) => this.store.discard(file)));
  }
}
