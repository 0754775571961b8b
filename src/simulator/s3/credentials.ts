// Who may sign requests: the temporary keys handed out through the FlightHub STS endpoint (one
// bucket, writes only under one key prefix, like the real service's `object_key_prefix`) and the
// store's own long-lived read-only key that signs presigned download URLs.
import { randomBytes } from 'node:crypto';
import type { TemporaryCredentials } from '../types';

export interface Credential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Required on every request signed with temporary credentials; undefined for the internal key. */
  readonly sessionToken: string | undefined;
  /** Unix ms; `Infinity` for the internal key. */
  readonly expiresAt: number;
  /** Temporary keys are scoped to one bucket; the internal key reads every bucket. */
  readonly bucket: string | undefined;
  /** Writes must target keys starting with this; undefined means the key may not write at all. */
  readonly writePrefix: string | undefined;
}

/** Expired keys are kept this long so clients get ExpiredToken rather than InvalidAccessKeyId. */
const RETAIN_EXPIRED_MS = 24 * 3600_000;

export class CredentialRegistry {
  readonly internal: Credential;
  private readonly byId = new Map<string, Credential>();

  constructor(private readonly now: () => number) {
    this.internal = {
      accessKeyId: `SIMINTERNAL${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: undefined,
      expiresAt: Infinity,
      bucket: undefined,
      writePrefix: undefined,
    };
    this.byId.set(this.internal.accessKeyId, this.internal);
  }

  issue(bucket: string, prefix: string, ttlSeconds: number): TemporaryCredentials {
    // Zero or negative lifetimes are allowed on purpose: the `sts_expired` fault hands out dead credentials.
    if (!Number.isFinite(ttlSeconds)) throw new RangeError(`ttlSeconds must be a number, got ${ttlSeconds}`);
    this.prune();
    const credential: Credential = {
      // Shaped like the Alibaba STS ids FlightHub returns (`STS.NUC…`), see docs/api.md#storage-credentials.
      accessKeyId: `STS.SIM${randomBytes(12).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      expiresAt: this.now() + ttlSeconds * 1000,
      bucket,
      writePrefix: prefix,
    };
    this.byId.set(credential.accessKeyId, credential);
    return {
      accessKeyId: credential.accessKeyId,
      secretAccessKey: credential.secretAccessKey,
      sessionToken: credential.sessionToken ?? '',
      expiresAt: credential.expiresAt,
    };
  }

  find(accessKeyId: string): Credential | undefined {
    return this.byId.get(accessKeyId);
  }

  private prune(): void {
    const cutoff = this.now() - RETAIN_EXPIRED_MS;
    for (const [id, credential] of this.byId) {
      if (credential.expiresAt < cutoff) this.byId.delete(id);
    }
  }
}

export function canRead(credential: Credential, bucket: string): boolean {
  return credential.bucket === undefined || credential.bucket === bucket;
}

export function canWrite(credential: Credential, bucket: string, key: string): boolean {
  return (
    credential.bucket === bucket &&
    credential.writePrefix !== undefined &&
    key.startsWith(credential.writePrefix)
  );
}
