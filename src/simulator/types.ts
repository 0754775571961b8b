// Contracts between the simulator's parts: the HTTP front (server.ts), the world model and its
// endpoint handlers (world/, handlers/), and the S3-compatible object store (s3/).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EndpointId } from '../api/endpoints';

/** A FlightHub 2 business error raised by a handler; the server wraps it in the envelope. */
export class SimError extends Error {
  constructor(
    readonly code: number,
    message: string,
    /** FlightHub answers business errors with HTTP 200, except a few (invalid KMZ → 500). */
    readonly httpStatus = 200,
  ) {
    super(message);
  }
}

/** The simulated clock: real time, sped up by `speed`, plus manual jumps. Milliseconds. */
export interface SimClock {
  now(): number;
  /** Current speed factor (1 = real time). */
  readonly speed: number;
  setSpeed(speed: number): void;
  advance(ms: number): void;
}

export interface RequestContext {
  readonly id: EndpointId;
  readonly params: Readonly<Record<string, string>>;
  /** Query, coerced and validated against the endpoint's contract. */
  readonly query: Readonly<Record<string, unknown>>;
  /** Body, validated against the endpoint's contract (the raw JSON object). */
  readonly body: unknown;
  /** Validated project uuid for project-scoped endpoints. */
  readonly projectUuid: string | undefined;
  readonly language: 'zh' | 'en';
  readonly requestId: string;
  /** Base URL the client used, e.g. `http://127.0.0.1:41234` (for URLs in responses). */
  readonly baseUrl: string;
}

/** A handler returns the envelope's `data` (undefined → `null`) or throws a SimError. */
export type Handler = (ctx: RequestContext) => unknown;
export type HandlerTable = Record<EndpointId, Handler>;

export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** Unix ms when they stop working. */
  readonly expiresAt: number;
}

/** An object the store serves without holding it (media generated on the fly). */
export interface VirtualObject {
  readonly size: number;
  readonly contentType: string;
  /** Returns bytes [start, end] inclusive. */
  read(start: number, end: number): Buffer;
}

/** Random access to an object's bytes (the shape of the route reader's ZipSource). */
export interface ObjectReader {
  readonly size: number;
  /** `length` bytes from `offset`, fewer only where the object ends. */
  read(offset: number, length: number): Buffer;
}

export interface ObjectStorage {
  readonly region: string;
  /** Only paths whose first segment is a bucket this store owns are S3 requests. */
  ownsPath(pathname: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse, baseUrl: string): Promise<void>;
  issueCredentials(bucket: string, prefix: string, ttlSeconds: number): TemporaryCredentials;
  /** Absolute presigned GET URL (SigV4 query form) valid for `ttlSeconds`. */
  presignGet(baseUrl: string, bucket: string, key: string, ttlSeconds: number): string;
  putObject(bucket: string, key: string, data: Buffer, contentType?: string): Promise<void>;
  getObject(bucket: string, key: string): Promise<Buffer | undefined>;
  /**
   * Runs `use` with random access to the object, read on demand rather than loaded (a 200 MB route is
   * checked by reading its directory and two XML files); undefined when there is no such object.
   */
  readObject<T>(bucket: string, key: string, use: (object: ObjectReader) => T): Promise<T | undefined>;
  hasObject(bucket: string, key: string): Promise<boolean>;
  /** Consulted when no stored object exists under a key. */
  setVirtualResolver(resolver: (bucket: string, key: string) => VirtualObject | undefined): void;
  close(): Promise<void>;
}
