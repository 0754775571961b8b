// The simulator's S3-compatible object store (see ObjectStorage in ../types.ts): path-style
// requests on the simulator's own HTTP server, SigV4-authenticated with temporary credentials
// scoped to a key prefix, objects on disk, metadata in memory.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ObjectReader, ObjectStorage, TemporaryCredentials, VirtualObject } from '../types';
import { MAX_PRESIGN_SECONDS } from './auth';
import type { StoreContext } from './context';
import { CredentialRegistry } from './credentials';
import { handleS3 } from './handler';
import { MultipartUploads, S3_MIN_PART_SIZE } from './multipart';
import { presignUrl } from './sigv4';
import { DEFAULT_CONTENT_TYPE, DiskStore } from './store';

export interface ObjectStorageOptions {
  /** Directory for object files, created if missing. The store owns its objects/, parts/ and tmp/ subfolders: they are emptied at start and removed (with `dir`, if then empty) on close. */
  readonly dir: string;
  readonly buckets: readonly string[];
  /** Defaults to `us-east-1`. Requests must be signed for this region. */
  readonly region?: string;
  /** Simulator clock (unix ms) for credential and presigned-URL expiry and the request-time check. */
  readonly now?: () => number;
  /** Smallest allowed size of every part but the last (S3: 5 MiB). */
  readonly minPartSize?: number;
  /** Largest object or part body accepted (S3: 5 GiB). */
  readonly maxObjectSize?: number;
}

const S3_MAX_OBJECT_SIZE = 5 * 1024 ** 3;

export function createObjectStorage(options: ObjectStorageOptions): ObjectStorage {
  const now = options.now ?? Date.now;
  const region = options.region ?? 'us-east-1';
  const buckets = new Set(options.buckets);
  const store = new DiskStore(options.dir, options.buckets, now);
  const registry = new CredentialRegistry(now);
  let resolver: (bucket: string, key: string) => VirtualObject | undefined = () => undefined;
  const ctx: StoreContext = {
    store,
    uploads: new MultipartUploads(store, now, options.minPartSize ?? S3_MIN_PART_SIZE),
    registry,
    region,
    now,
    maxObjectSize: options.maxObjectSize ?? S3_MAX_OBJECT_SIZE,
    startedAt: now(),
    virtual: (bucket, key) => resolver(bucket, key),
  };
  const requireBucket = (bucket: string): void => {
    if (!buckets.has(bucket)) throw new Error(`unknown bucket ${bucket}`);
  };

  return {
    region,
    ownsPath(pathname: string): boolean {
      const first = pathname.split('/')[1] ?? '';
      try {
        return buckets.has(decodeURIComponent(first));
      } catch {
        return false;
      }
    },
    handle(req: IncomingMessage, res: ServerResponse, baseUrl: string): Promise<void> {
      return handleS3(ctx, req, res, baseUrl);
    },
    issueCredentials(bucket: string, prefix: string, ttlSeconds: number): TemporaryCredentials {
      requireBucket(bucket);
      return registry.issue(bucket, prefix, ttlSeconds);
    },
    presignGet(baseUrl: string, bucket: string, key: string, ttlSeconds: number): string {
      requireBucket(bucket);
      if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_PRESIGN_SECONDS) {
        throw new RangeError(
          `ttlSeconds must be an integer in 1..${MAX_PRESIGN_SECONDS} (S3's limit), got ${ttlSeconds}`,
        );
      }
      const { accessKeyId, secretAccessKey } = registry.internal;
      return presignUrl({
        method: 'GET',
        origin: baseUrl,
        path: `/${bucket}/${key}`,
        accessKeyId,
        secretAccessKey,
        region,
        nowMs: now(),
        expiresSeconds: ttlSeconds,
      });
    },
    async putObject(
      bucket: string,
      key: string,
      data: Buffer,
      contentType = DEFAULT_CONTENT_TYPE,
    ): Promise<void> {
      requireBucket(bucket);
      await store.putBuffer(bucket, key, data, contentType);
    },
    async getObject(bucket: string, key: string): Promise<Buffer | undefined> {
      requireBucket(bucket);
      const opened = await store.openObject(bucket, key);
      if (opened) {
        try {
          return opened.file.read(0, opened.object.size);
        } finally {
          await opened.file.close();
        }
      }
      const virtual = resolver(bucket, key);
      return virtual && (virtual.size === 0 ? Buffer.alloc(0) : virtual.read(0, virtual.size - 1));
    },
    async readObject<T>(
      bucket: string,
      key: string,
      use: (object: ObjectReader) => T,
    ): Promise<T | undefined> {
      requireBucket(bucket);
      const opened = await store.openObject(bucket, key);
      if (opened) {
        try {
          return use(opened.file);
        } finally {
          await opened.file.close();
        }
      }
      const virtual = resolver(bucket, key);
      if (!virtual) return undefined;
      return use({
        size: virtual.size,
        read: (offset, length) => {
          const end = Math.min(virtual.size, offset + length);
          return end > offset ? virtual.read(offset, end - 1) : Buffer.alloc(0);
        },
      });
    },
    hasObject(bucket: string, key: string): Promise<boolean> {
      return Promise.resolve().then(() => {
        requireBucket(bucket);
        return store.get(bucket, key) !== undefined || resolver(bucket, key) !== undefined;
      });
    },
    setVirtualResolver(next: (bucket: string, key: string) => VirtualObject | undefined): void {
      resolver = next;
    },
    async close(): Promise<void> {
      ctx.uploads.clear();
      await store.destroy();
    },
  };
}
