// The object-storage half of a route upload: an S3 client built from FlightHub's STS answer
// (docs/api.md#storage-credentials, docs/api.md#route-upload step 3) that swaps in fresh credentials when the
// old ones expire mid-upload, knows which of its requests are still on the wire, and can clean up after a
// failed or cancelled upload.
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';

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

const UNSIGNED_COMMANDS = new Set(['PutObjectCommand', 'UploadPartCommand']);

/** Attempts per request for network errors, 5xx answers and throttling. */
const ATTEMPTS = 3;
const BACKOFF_MS = 200;

/**
 * An S3 client for one upload: STS credentials renewed once on ExpiredToken, retries, in-flight count.
 * Requests go through call(), which builds the request again for every attempt: a part's body is a
 * stream, read once, so neither the SDK's own retries nor a replay of the same request could resend it.
 */
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
      // older MinIO; plain SigV4 is what every S3-compatible store accepts.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 1,
    });
    // Object bodies are signed as UNSIGNED-PAYLOAD (see uploadParts.ts): the signer takes a given
    // x-amz-content-sha256 as it is, and S3 accepts UNSIGNED-PAYLOAD for any header-signed request.
    this.client.middlewareStack.add(
      (next, context) => (args) => {
        const request = args.request as { headers?: Record<string, string> };
        if (request.headers && UNSIGNED_COMMANDS.has(context.commandName ?? ''))
          request.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
        return next(args);
      },
      { step: 'build', name: 'flighthubUnsignedPayload' },
    );
  }

  /**
   * Runs `request` (one attempt, given the abort signal to pass to the SDK) until it succeeds: up to
   * ATTEMPTS times for transient failures, plus one retry with renewed credentials on ExpiredToken.
   * `beforeRetry` undoes what a failed attempt reported (progress).
   */
  async call<T>(
    request: (abortSignal?: AbortSignal) => Promise<T>,
    signal?: AbortSignal,
    beforeRetry?: () => void,
  ): Promise<T> {
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      const generation = this.generation;
      this.inFlight++;
      try {
        return await request(signal);
      } catch (error) {
        if (signal?.aborted) throw error;
        if (isExpiredToken(error) && !renewed) {
          renewed = true;
          await this.renew(generation);
        } else if (attempt >= ATTEMPTS || !isTransient(error)) {
          throw error;
        } else {
          await sleep(BACKOFF_MS * 2 ** (attempt - 1), signal);
        }
        beforeRetry?.();
      } finally {
        this.inFlight--;
      }
    }
  }

  /**
   * Waits until no request of this client is on the wire: a cancelled upload's requests settle a moment
   * after the abort, and cleaning up before they do could leave a part or the object behind.
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
        await this.call(() =>
          this.client.send(
            new AbortMultipartUploadCommand({ Bucket: this.sts.bucket, Key: key, UploadId: uploadId }),
          ),
        );
      } catch (error) {
        // Already gone: completed, or aborted by the store.
        if (!(error instanceof Error && error.name === 'NoSuchUpload'))
          problems.push(`multipart upload ${uploadId}: ${errorName(error)}`);
      }
    }
    try {
      // Deleting a missing key succeeds; the key holds a random UUID, so nothing else lives there.
      await this.call(() => this.client.send(new DeleteObjectCommand({ Bucket: this.sts.bucket, Key: key })));
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

/** Throttling and timeouts, and clock skew: the SDK corrects its clock from the error's Date header. */
const TRANSIENT_NAMES = new Set([
  'SlowDown',
  'RequestTimeout',
  'TimeoutError',
  'RequestTimeTooSkewed',
  'RequestExpired',
  'RequestInTheFuture',
]);

/** Worth another attempt: connection failures, timeouts, 5xx, throttling and clock skew. */
export function isTransient(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; code?: unknown; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  if (typeof e.name === 'string' && TRANSIENT_NAMES.has(e.name)) return true;
  return typeof e.code === 'string' && ['ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(e.code);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
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
