// Shared harness for the S3 store tests: a real node:http server on 127.0.0.1:0 that routes the
// store's paths to it (as the simulator's server does), a controllable clock, an AWS SDK client,
// and a way to see every file the store left on disk.
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createObjectStorage, type ObjectStorageOptions } from '../../src/simulator/s3';
import type { ObjectStorage, TemporaryCredentials } from '../../src/simulator/types';

export const BUCKET = 'fh2-sim';
export const REGION = 'cn-hangzhou';
export const PREFIX = 'org-1/project-1/';
/** Small so multipart tests stay fast; S3's real minimum is 5 MiB. */
export const MIN_PART = 64 * 1024;

export interface TestClock {
  now(): number;
  advance(ms: number): void;
}

export interface Harness {
  readonly url: string;
  readonly storage: ObjectStorage;
  readonly clock: TestClock;
  readonly dir: string;
  /** Temporary credentials for BUCKET, writable under PREFIX, valid for an hour. */
  readonly credentials: TemporaryCredentials;
  client(overrides?: Partial<S3ClientConfig>, credentials?: Partial<TemporaryCredentials>): S3Client;
  close(): Promise<void>;
}

export async function startS3(options: Partial<ObjectStorageOptions> = {}): Promise<Harness> {
  let ms = Date.now();
  const clock: TestClock = { now: () => ms, advance: (by) => void (ms += by) };
  const dir = mkdtempSync(join(tmpdir(), 's3-test-'));
  const storage = createObjectStorage({
    dir,
    buckets: [BUCKET],
    region: REGION,
    now: () => clock.now(),
    minPartSize: MIN_PART,
    ...options,
  });
  const server = createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    if (!storage.ownsPath(pathname)) {
      res.writeHead(404).end();
      return;
    }
    void storage.handle(req, res, url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const credentials = storage.issueCredentials(BUCKET, PREFIX, 3600);
  const clients: S3Client[] = [];
  return {
    url,
    storage,
    clock,
    dir,
    credentials,
    client(overrides = {}, creds = {}) {
      const merged = { ...credentials, ...creds };
      const client = new S3Client({
        endpoint: url,
        region: REGION,
        forcePathStyle: true,
        maxAttempts: 1,
        credentials: {
          accessKeyId: merged.accessKeyId,
          secretAccessKey: merged.secretAccessKey,
          ...(merged.sessionToken === '' ? {} : { sessionToken: merged.sessionToken }),
        },
        ...overrides,
      });
      clients.push(client);
      return client;
    },
    async close() {
      clients.forEach((client) => client.destroy());
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await storage.close();
    },
  };
}

/** Every regular file under `dir`, relative paths. */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
  } catch {
    return [];
  }
}

export async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Deterministic bytes, so a mix-up of parts or ranges changes the content. */
export function pattern(size: number, seed = 1): Buffer {
  const data = Buffer.alloc(size);
  for (let i = 0; i < size; i++) data[i] = (i * 31 + seed * 7 + (i >> 8)) & 0xff;
  return data;
}

/** The S3 error code and HTTP status of a rejected SDK call. */
export async function sdkFailure(
  promise: Promise<unknown>,
): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error('expected the call to fail');
}
