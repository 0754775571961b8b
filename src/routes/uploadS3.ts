// The object-storage half of a route upload: an S3 client built from FlightHub's STS answer (API.md §5.4,
// §9.1 step 3) that swaps in fresh credentials when the old ones expire mid-upload, knows which of its
// requests are still on the wire, and can clean up after a failed or cancelled upload.
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';

/** The `data` of `GET /project/sts-token` (only the fields an upload needs). */
export interface StsToken {
  readonly endpoint: string;
  readonly provider: string;
  readonly region: string;
  readonly bucket: string;
  readonly object_key_prefix: string;
  readonly credentials: {
    readonly access_key_id: string;
    readonly access_key_secret: string;
    readonly security_token: string;
  };
}

interface MutableCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/**
 * Client settings per `provider`. MinIO and S3-compatible test stores want path-style URLs
 * (`{endpoint}/{bucket}/{key}`); Alibaba OSS only serves virtual-hosted style through its S3-compatible
 * API; AWS without an endpoint uses its own regional endpoint.
 */
export function s3Settings(sts: StsToken): Pick<S3ClientConfig, 'endpoint' | 'region' | 'forcePathStyle'> {
  const endpoint = sts.endpoint.trim();
  const url = endpoint === '' || /^https?:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`;
  const region = sts.region || 'us-east-1';
  if (sts.provider === 'ali') return { endpoint: url || undefined, region, forcePathStyle: false };
  if (sts.provider === 'aws' && url === '') return { region, forcePathStyle: false };
  return { endpoint: url || undefined, region, forcePathStyle: true };
}

export function isExpiredToken(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; Code?: unknown };
  return e.name === 'ExpiredToken' || e.Code === 'ExpiredToken';
}

/** An S3 client for one upload: STS credentials, refresh once per request on ExpiredToken, in-flight count. */
export class UploadStorage {
  readonly client: S3Client;
  readonly multipartUploadIds = new Set<string>();
  /** How many times fresh STS credentials were fetched. */
  refreshes = 0;
  // The SDK memoizes credentials that carry no `expiration` forever, as one object: replacing the fields
  // of that same object is how fresh STS credentials reach requests signed after a refresh.
  private readonly credentials: MutableCredentials;
  private generation = 0;
  private refreshing: Promise<void> | undefined;
  private inFlight = 0;

  constructor(
    readonly sts: StsToken,
    private readonly refresh: () => Promise<StsToken>,
  ) {
    this.credentials = toCredentials(sts);
    this.client = new S3Client({
      ...s3Settings(sts),
      credentials: this.credentials,
      // The CRC32 defaults of newer SDKs (aws-chunked bodies, checksum headers) are refused by OSS and
      // older MinIO; SigV4 with a signed payload hash is what every S3-compatible store accepts.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
    this.client.middlewareStack.add(
      (next, context) => async (args) => {
        this.inFlight++;
        const generation = this.generation;
        try {
          let result;
          try {
            result = await next(args);
          } catch (error) {
            if (!isExpiredToken(error)) throw error;
            await this.renew(generation);
            result = await next(args);
          }
          const output = result.output as { UploadId?: unknown };
          if (context.commandName === 'CreateMultipartUploadCommand' && typeof output.UploadId === 'string')
            this.multipartUploadIds.add(output.UploadId);
          return result;
        } finally {
          this.inFlight--;
        }
      },
      { step: 'initialize', name: 'flighthubRenewExpiredCredentials' },
    );
  }

  /** lib-storage's Upload; `partSize` below S3's 5 MiB minimum is only for stores that allow it (tests). */
  createUpload(
    key: string,
    body: Buffer | Readable,
    partSize: number,
    abortController: AbortController,
  ): Upload {
    // lib-storage refuses parts under 5 MiB in its constructor (a private static); the simulator's store
    // takes smaller ones so that tests can exercise multipart without megabytes of data.
    const limits = Upload as unknown as { MIN_PART_SIZE: number };
    const saved = limits.MIN_PART_SIZE;
    if (partSize < saved) limits.MIN_PART_SIZE = partSize;
    try {
      return new Upload({
        client: this.client,
        params: {
          Bucket: this.sts.bucket,
          Key: key,
          Body: body,
          ContentType: 'application/vnd.google-earth.kmz',
        },
        partSize,
        queueSize: 4,
        abortController,
      });
    } finally {
      limits.MIN_PART_SIZE = saved;
    }
  }

  /**
   * Waits until no request of this client is on the wire. lib-storage settles `done()` as soon as it is
   * aborted while parts (or a single PUT) may still land, and aborts its multipart upload afterwards.
   */
  async drain(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let quiet = 0;
    while (quiet < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      quiet = this.inFlight === 0 ? quiet + 1 : 0;
    }
  }

  /**
   * Removes what a failed upload left: its multipart uploads (with their parts) and the object itself.
   * Returns a description of what could not be removed, or undefined when storage is clean.
   */
  async cleanUp(key: string): Promise<string | undefined> {
    await this.drain();
    const problems: string[] = [];
    for (const uploadId of this.multipartUploadIds) {
      try {
        await this.client.send(
          new AbortMultipartUploadCommand({ Bucket: this.sts.bucket, Key: key, UploadId: uploadId }),
        );
      } catch (error) {
        // lib-storage usually aborted it already.
        if (!(error instanceof Error && error.name === 'NoSuchUpload'))
          problems.push(`multipart upload ${uploadId}: ${errorName(error)}`);
      }
    }
    try {
      // Deleting a missing key succeeds; the key holds a random UUID, so nothing else lives there.
      await this.client.send(new DeleteObjectCommand({ Bucket: this.sts.bucket, Key: key }));
    } catch (error) {
      problems.push(`object ${key}: ${errorName(error)}`);
    }
    return problems.length > 0 ? problems.join('; ') : undefined;
  }

  destroy(): void {
    this.client.destroy();
  }

  /** One STS call for all requests that failed with the same (expired) credentials. */
  private async renew(generation: number): Promise<void> {
    if (generation !== this.generation) return;
    this.refreshing ??= this.refresh()
      .then((next) => {
        if (next.bucket !== this.sts.bucket || next.object_key_prefix !== this.sts.object_key_prefix)
          throw new Error('the refreshed storage credentials are for another bucket or prefix');
        Object.assign(this.credentials, toCredentials(next));
        this.generation++;
        this.refreshes++;
      })
      .finally(() => {
        this.refreshing = undefined;
      });
    await this.refreshing;
  }
}

function toCredentials(sts: StsToken): MutableCredentials {
  return {
    accessKeyId: sts.credentials.access_key_id,
    secretAccessKey: sts.credentials.access_key_secret,
    sessionToken: sts.credentials.security_token,
  };
}

/** `ExpiredToken: The provided token has expired.` for S3 errors, the message for plain ones. */
export function errorName(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'Error' || error.message.startsWith(error.name)) return error.message;
  return error.message ? `${error.name}: ${error.message}` : error.name;
}
