// Object bytes live in files under `dir` (one per PutObject, the parts' own files for a multipart
// upload); everything else (size, ETag, content type) is in memory, as the simulator's state is not
// meant to outlive the process. Files are named by random ids
// rather than by key, so no key (with `..`, very long names or odd bytes) can escape `dir`.
// Every write lands in tmp/ first and becomes visible only by an atomic rename.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ObjectFile, type Segment } from './objectFile';

export interface StoredObject {
  readonly size: number;
  /** Quoted, as it appears in the ETag header. */
  readonly etag: string;
  readonly contentType: string;
  readonly lastModified: number;
  /** The files that hold the bytes, in order. */
  readonly segments: readonly Segment[];
}

export type ObjectInfo = Omit<StoredObject, 'segments'>;

export const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

export class DiskStore {
  readonly objectsDir: string;
  readonly partsDir: string;
  readonly tempDir: string;
  private readonly objects = new Map<string, Map<string, StoredObject>>();

  constructor(
    readonly dir: string,
    buckets: readonly string[],
    private readonly now: () => number,
  ) {
    this.objectsDir = join(dir, 'objects');
    this.partsDir = join(dir, 'parts');
    this.tempDir = join(dir, 'tmp');
    for (const sub of [this.objectsDir, this.partsDir, this.tempDir]) {
      // Metadata is not persisted, so files left by an earlier run are unreachable: start clean.
      rmSync(sub, { recursive: true, force: true });
      mkdirSync(sub, { recursive: true });
    }
    for (const bucket of buckets) this.objects.set(bucket, new Map());
  }

  hasBucket(bucket: string): boolean {
    return this.objects.has(bucket);
  }

  /** A fresh path in tmp/ for an incoming body. */
  tempPath(): string {
    return join(this.tempDir, randomUUID());
  }

  /** A fresh path in parts/ for a multipart part. */
  partPath(): string {
    return join(this.partsDir, randomUUID());
  }

  async discard(path: string): Promise<void> {
    await rm(path, { force: true });
  }

  /** Makes a finished temp file the object's content, replacing (and deleting) any previous one. */
  async commit(
    bucket: string,
    key: string,
    tempFile: string,
    info: Omit<ObjectInfo, 'lastModified'>,
  ): Promise<StoredObject> {
    return this.commitSegments(bucket, key, [{ file: tempFile, size: info.size }], info);
  }

  /**
   * Makes finished files (a temp file, or the parts of a multipart upload in order) the object's
   * content, moving them into objects/; the previous content, if any, is deleted.
   */
  async commitSegments(
    bucket: string,
    key: string,
    files: readonly Segment[],
    info: Omit<ObjectInfo, 'lastModified'>,
  ): Promise<StoredObject> {
    const objects = this.bucket(bucket);
    const segments: Segment[] = [];
    try {
      for (const { file, size } of files) {
        const moved = join(this.objectsDir, randomUUID());
        await rename(file, moved);
        segments.push({ file: moved, size });
      }
    } catch (error) {
      await Promise.all(segments.map((segment) => this.discard(segment.file)));
      throw error;
    }
    const stored: StoredObject = { ...info, lastModified: this.now(), segments };
    const previous = objects.get(key);
    objects.set(key, stored);
    // Readers that already opened the previous files keep reading them: unlink does not cut them off.
    // The new content is committed either way, so a failed unlink must not fail the write.
    if (previous) await this.discardObject(previous).catch(() => undefined);
    return stored;
  }

  async putBuffer(bucket: string, key: string, data: Buffer, contentType: string): Promise<StoredObject> {
    const temp = this.tempPath();
    try {
      await writeFile(temp, data, { flag: 'wx' });
      const etag = `"${createHash('md5').update(data).digest('hex')}"`;
      return await this.commit(bucket, key, temp, { size: data.length, etag, contentType });
    } finally {
      await this.discard(temp);
    }
  }

  get(bucket: string, key: string): StoredObject | undefined {
    return this.objects.get(bucket)?.get(key);
  }

  /** Opens the object's files, retrying once if it was replaced between lookup and open. */
  async openObject(
    bucket: string,
    key: string,
  ): Promise<{ object: StoredObject; file: ObjectFile } | undefined> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const object = this.get(bucket, key);
      if (!object) return undefined;
      try {
        return { object, file: await ObjectFile.open(object.segments) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return undefined;
  }

  async delete(bucket: string, key: string): Promise<void> {
    const objects = this.bucket(bucket);
    const previous = objects.get(key);
    objects.delete(key);
    if (previous) await this.discardObject(previous);
  }

  private async discardObject(object: StoredObject): Promise<void> {
    await Promise.all(object.segments.map((segment) => this.discard(segment.file)));
  }

  /** Keys of a bucket in UTF-8 binary order, as ListObjectsV2 returns them. */
  sortedKeys(bucket: string): string[] {
    return [...this.bucket(bucket).keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  }

  /** Removes only what this store created, in case `dir` is shared with something else. */
  async destroy(): Promise<void> {
    for (const sub of [this.objectsDir, this.partsDir, this.tempDir])
      await rm(sub, { recursive: true, force: true });
    await rmdir(this.dir).catch(() => undefined);
    for (const objects of this.objects.values()) objects.clear();
  }

  private bucket(bucket: string): Map<string, StoredObject> {
    const objects = this.objects.get(bucket);
    if (!objects) throw new Error(`unknown bucket ${bucket}`);
    return objects;
  }
}
