// What the S3 operations share: the store's state, and one parsed, authenticated request.
import type { IncomingMessage } from 'node:http';
import type { VirtualObject } from '../types';
import type { AuthContext } from './auth';
import type { CredentialRegistry } from './credentials';
import type { MultipartUploads } from './multipart';
import type { ResponseContext } from './response';
import type { DiskStore } from './store';

export interface StoreContext {
  readonly store: DiskStore;
  readonly uploads: MultipartUploads;
  readonly registry: CredentialRegistry;
  readonly region: string;
  readonly now: () => number;
  readonly maxObjectSize: number;
  /** Unix ms the store was created; the Last-Modified of virtual objects. */
  readonly startedAt: number;
  virtual(bucket: string, key: string): VirtualObject | undefined;
}

export interface S3Request {
  readonly req: IncomingMessage;
  readonly out: ResponseContext;
  readonly bucket: string;
  /** Decoded object key; empty for bucket-level requests. */
  readonly key: string;
  /** Decoded query parameters (the last value wins, as S3 has no repeated parameters). */
  readonly query: ReadonlyMap<string, string>;
  readonly auth: AuthContext;
  readonly baseUrl: string;
}
