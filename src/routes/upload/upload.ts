// Uploading a route to FlightHub 2 (docs/api.md#route-upload): validate locally, refuse a name clash unless
// allowed, get STS credentials, put the KMZ into the project's bucket under `object_key_prefix`, then
// register it with finish-upload. Nothing is registered unless the object is complete; whatever a failed or
// cancelled upload wrote is removed, except an object whose finish-upload failed (see UploadError).
import { randomUUID } from 'node:crypto';
import { open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CancelledError } from '../../api/errors';
import type { ProjectApi } from '../../api/projectApi';
import { sanitizeFileName } from '../../core/fileName';
import type { Finding } from '../wpml/findings';
import { ROUTE_DIR } from '../folder';
import { validateKmzFile } from '../kmzFile';
import { validateKmz } from '../wpml/validate';
import { TEMPLATE_PATH, WAYLINES_PATH } from '../wpml/wpml';
import { writeZip, type ZipInput } from '../zip/zip';
import { bufferBody, fileBody, putObject } from './uploadParts';
import { errorName, UploadStorage } from './uploadS3';

export type UploadErrorCode = 'validation' | 'name_clash' | 'cancelled' | 'storage' | 'finish_failed';

export class UploadError extends Error {
  constructor(
    readonly code: UploadErrorCode,
    message: string,
    options: { cause?: unknown; objectKey?: string } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.objectKey = options.objectKey;
  }
  /** The object left in storage (finish_failed only): FlightHub 2 has no API to delete uploads. */
  readonly objectKey: string | undefined;

  static is(value: unknown): value is UploadError {
    return value instanceof UploadError;
  }
}

export class RouteValidationError extends UploadError {
  constructor(readonly findings: readonly Finding[]) {
    const first = findings[0];
    const more = findings.length > 1 ? ` (and ${findings.length - 1} more)` : '';
    super(
      'validation',
      `The route is not valid: ${first ? `${first.file}:${first.line}: ${first.message.en}` : 'unknown problem'}${more}`,
    );
  }
  static override is(value: unknown): value is RouteValidationError {
    return value instanceof RouteValidationError;
  }
}

export class RouteNameClashError extends UploadError {
  constructor(
    readonly routeName: string,
    readonly existingIds: readonly string[],
  ) {
    super('name_clash', `The project already has a route named "${routeName}"`);
  }
  static override is(value: unknown): value is RouteNameClashError {
    return value instanceof RouteNameClashError;
  }
}

export interface UploadRouteOptions {
  readonly api: ProjectApi;
  /** The route's name in FlightHub 2. */
  readonly name: string;
  /** The KMZ in memory; or give `file`. */
  readonly kmz?: Buffer;
  /** A KMZ on disk, streamed part by part instead of read into memory (used when `kmz` is absent). */
  readonly file?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (sentBytes: number, totalBytes: number) => void;
  /** Bytes per part (default 5 MiB, the S3 minimum); larger files go multipart. Smaller parts: test stores only. */
  readonly partSize?: number;
  /** Validate with validateKmz first (default true). */
  readonly validate?: boolean;
  /** Upload even when the project has a route with the same name (the command asks the user first). */
  readonly allowNameClash?: boolean;
}

export interface UploadedRoute {
  readonly uuid: string;
  readonly name: string;
  readonly objectKey: string;
}

export const DEFAULT_PART_SIZE = 5 * 1024 * 1024;
/** Parts on the wire at once. */
const QUEUE_SIZE = 4;
const KMZ_CONTENT_TYPE = 'application/vnd.google-earth.kmz';

/**
 * Uploads and registers a route. Throws UploadError (`validation`, `name_clash`, `cancelled`, `storage`,
 * `finish_failed`); other FlightHub errors of the route-list and STS calls are passed through unchanged.
 */
export async function uploadRoute(options: UploadRouteOptions): Promise<UploadedRoute> {
  const { api, name, signal } = options;
  if (options.validate !== false) {
    const findings = options.kmz ? validateKmz(options.kmz) : await validateKmzFile(requireFile(options));
    const errors = findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) throw new RouteValidationError(errors);
  }
  checkCancelled(signal);

  const routes = await apiCall(() => api.waylines.list(signal), signal);
  if (!options.allowNameClash) {
    const wanted = normalizeName(name);
    const clashes = (routes.list ?? []).filter((r) => normalizeName(r.name) === wanted).map((r) => r.id);
    if (clashes.length > 0) throw new RouteNameClashError(name, clashes);
  }

  const sts = await apiCall(() => api.stsToken(signal), signal);
  const prefix = sts.object_key_prefix.replace(/\/+$/, '');
  const objectKey = `${prefix}/${randomUUID()}/${objectFileName(name)}`;
  const storage = new UploadStorage(sts, () => api.stsToken(signal));
  try {
    await upload(storage, objectKey, options);
  } finally {
    storage.destroy();
  }

  // Not cancellable any more: once finish-upload is sent, only its answer tells whether a route exists.
  try {
    const created = await api.waylines.finishUpload({ name, object_key: objectKey });
    return { uuid: created.uuid, name: created.name || name, objectKey };
  } catch (error) {
    throw new UploadError(
      'finish_failed',
      `FlightHub 2 refused to register the uploaded route (${errorName(error)}). The file stays in the ` +
        `project's storage at ${objectKey}: FlightHub 2 has no API to delete uploads.`,
      { cause: error, objectKey },
    );
  }
}

async function upload(storage: UploadStorage, key: string, options: UploadRouteOptions): Promise<void> {
  const { kmz, signal } = options;
  const handle = kmz ? undefined : await open(requireFile(options), 'r');
  try {
    const body = handle ? fileBody(handle, (await handle.stat()).size) : bufferBody(kmz ?? Buffer.alloc(0));
    await putObject(storage, key, body, {
      partSize: options.partSize ?? DEFAULT_PART_SIZE,
      queueSize: QUEUE_SIZE,
      contentType: KMZ_CONTENT_TYPE,
      ...(signal ? { signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  } catch (error) {
    const leftover = await storage.cleanUp(key);
    const note = leftover ? ` Could not remove everything it wrote: ${leftover}.` : '';
    if (signal?.aborted)
      throw new UploadError('cancelled', `The upload was cancelled.${note}`, { cause: error });
    throw new UploadError('storage', `Uploading the route file failed: ${errorName(error)}${note}`, {
      cause: error,
    });
  } finally {
    await handle?.close();
  }
}

function requireFile(options: UploadRouteOptions): string {
  if (options.file === undefined) throw new TypeError('uploadRoute needs `kmz` or `file`');
  return options.file;
}

async function apiCall<T>(call: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (CancelledError.is(error) || signal?.aborted)
      throw new UploadError('cancelled', 'The upload was cancelled', { cause: error });
    throw error;
  }
}

function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new UploadError('cancelled', 'The upload was cancelled');
}

function normalizeName(name: string): string {
  return name.trim().toLowerCase();
}

/** A file name safe in any object store and URL: letters and digits of any script, `-`, `_`, `.`. */
export function objectFileName(name: string): string {
  return sanitizeFileName(name, 'kmz', { fallback: 'route', portable: true, maxBytes: 120 });
}

/**
 * Zips an unzipped route folder (`wpmz/template.kml`, `wpmz/waylines.wpml`, `wpmz/res/**`) into a KMZ.
 * Other files under `wpmz/` are left out; missing route files are left for validateKmz to report.
 */
export async function kmzFromFolder(dir: string): Promise<Buffer> {
  const entries: ZipInput[] = [];
  for (const name of [TEMPLATE_PATH, WAYLINES_PATH]) {
    const data = await readFile(join(dir, ...name.split('/'))).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (data) entries.push({ name, data });
  }
  const walk = async (rel: string): Promise<void> => {
    const items = await readdir(join(dir, ...rel.split('/')), { withFileTypes: true }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      },
    );
    for (const item of items.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const name = `${rel}/${item.name}`;
      // Symbolic links are not followed, as in readRouteFolder.
      if (item.isDirectory()) await walk(name);
      else if (item.isFile()) entries.push({ name, data: await readFile(join(dir, ...name.split('/'))) });
    }
  };
  await walk(`${ROUTE_DIR}/res`);
  return writeZip(entries);
}
