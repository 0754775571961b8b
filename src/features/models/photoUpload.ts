// Open modeling's upload half (docs/api.md#open-modeling): temporary bucket credentials from
// obtain_token, each photo put under `store_path`, then the upload callback (at most 100 files per
// call) that makes them a resource. A cancelled or failed upload removes what it put; nothing is
// declared unless every photo arrived. The storage client is the route upload's (src/routes/upload).
import { randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProjectApi } from '../../api/projectApi';
import { DEFAULT_PART_SIZE } from '../../routes/upload/upload';
import { fileBody, putObject } from '../../routes/upload/uploadParts';
import { UploadStorage, type StsToken } from '../../routes/upload/uploadS3';
import { photoObjectName, storeKey, storePrefix } from './modelState';

type Token = Awaited<ReturnType<ProjectApi['openModel']['obtainToken']>>;

export interface PhotoFile {
  readonly name: string;
  readonly size: number;
}

export interface PhotoUploadOptions {
  readonly api: ProjectApi;
  readonly folder: string;
  readonly photos: readonly PhotoFile[];
  /** The resource's name in FlightHub 2. */
  readonly resourceName: string;
  readonly signal?: AbortSignal;
  /** Bytes stored so far and photos completed, after each photo. */
  readonly onProgress?: (sentBytes: number, totalBytes: number, done: number) => void;
}

export interface UploadedPhotos {
  readonly resourceUuid: string;
  readonly objectKeys: readonly string[];
}

/** The callback takes at most this many files per call (docs/api.md#open-modeling). */
const CALLBACK_BATCH = 100;
const PHOTOS_AT_ONCE = 3;

export async function uploadPhotos(o: PhotoUploadOptions): Promise<UploadedPhotos> {
  const token = await o.api.openModel.obtainToken(o.signal);
  // A new token names a new batch (another prefix and callback_param), so expired credentials cannot be
  // swapped mid-upload: the upload fails and is started again.
  const storage = new UploadStorage(stsOf(token), () =>
    Promise.reject(new Error('the open-modeling upload credentials expired')),
  );
  const names = o.photos.map((p, i) => photoObjectName(p.name, i));
  const keys = names.map((n) => storeKey(token.store_path, n));
  const etags = new Array<string>(o.photos.length);
  const total = o.photos.reduce((sum, p) => sum + p.size, 0);
  const put = new Set<string>();
  let sent = 0;
  let done = 0;
  let next = 0;
  // One failed photo stops the others, so that the clean-up below runs once nothing is on the wire.
  const stop = new AbortController();
  const signal = o.signal ? AbortSignal.any([o.signal, stop.signal]) : stop.signal;
  const worker = async (): Promise<void> => {
    while (next < o.photos.length) {
      signal.throwIfAborted();
      const i = next++;
      const photo = o.photos[i];
      const key = keys[i];
      if (!photo || !key) break;
      const handle = await open(join(o.folder, photo.name), 'r');
      try {
        put.add(key);
        const etag = await putObject(storage, key, fileBody(handle, photo.size), {
          partSize: DEFAULT_PART_SIZE,
          queueSize: 2,
          contentType: contentType(photo.name),
          signal,
        });
        if (!etag) throw new Error(`the storage returned no ETag for ${photo.name}`);
        etags[i] = etag;
      } finally {
        await handle.close();
      }
      sent += photo.size;
      o.onProgress?.(sent, total, ++done);
    }
  };
  try {
    const workers = Array.from({ length: Math.min(PHOTOS_AT_ONCE, o.photos.length) }, () =>
      worker().catch((error: unknown) => {
        stop.abort();
        throw error;
      }),
    );
    const failures = (await Promise.allSettled(workers)).flatMap((r) =>
      r.status === 'rejected' ? [r.reason as unknown] : [],
    );
    if (failures.length > 0) {
      for (const key of put) await storage.cleanUp(key).catch(() => undefined);
      // The first real failure, not the aborts it caused in the other workers.
      throw failures.find((e) => !(e instanceof Error && e.name === 'AbortError')) ?? failures[0];
    }
  } finally {
    storage.destroy();
  }
  const resourceUuid = randomUUID();
  for (let i = 0; i < names.length; i += CALLBACK_BATCH) {
    const files = names.slice(i, i + CALLBACK_BATCH).map((name, j) => ({ name, etag: etags[i + j] ?? '' }));
    await o.api.openModel.uploadCallback({
      resource_uuid: resourceUuid,
      resource_name: o.resourceName,
      callback_param: token.callback_param,
      files,
    });
  }
  return { resourceUuid, objectKeys: keys };
}

function stsOf(token: Token): StsToken {
  return {
    endpoint: token.end_point,
    provider: token.cloud_name,
    region: token.region,
    bucket: token.cloud_bucket_name,
    object_key_prefix: storePrefix(token.store_path),
    credentials: {
      access_key_id: token.access_key_id,
      access_key_secret: token.secret_access_key,
      security_token: token.session_token,
    },
  };
}

function contentType(name: string): string {
  const lower = name.toLowerCase();
  if (lower.endsWith('.png')) return 'image/png';
  if (lower.endsWith('.tif') || lower.endsWith('.tiff')) return 'image/tiff';
  return 'image/jpeg';
}
