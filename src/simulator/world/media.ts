// Task media (docs/api.md#task-media): generated per request from the task's timeline, never stored. Files
// are served by the object store through a virtual resolver from real asset bytes, so even the 10,000
// files of the big-media task cost no disk and no memory beyond the assets themselves.
import type { VirtualObject } from '../types';
import { uuidFrom } from './ids';
import { mediaCounts, MEDIA_UPLOAD_MS } from './mediaCounts';
import type { Evaluated } from './tasks';
import { compactLocal, rfc3339 } from './time';

export interface MediaAssets {
  readonly images: readonly Buffer[];
  readonly video: Buffer;
  readonly ppk: Buffer;
}

/** The documented cap: "returns at most the first 10000" (docs/api.md#task-media). */
export const MEDIA_LIMIT = 10_000;

export interface MediaFile {
  readonly index: number;
  readonly uuid: string;
  readonly name: string;
  readonly fileType: 'image' | 'video' | 'ppk';
  readonly suffix: string;
  readonly key: string;
  /** Images and videos have a JPEG preview. */
  readonly previewKey?: string;
  readonly bytes: Buffer;
  readonly uploadedAt: number;
}

const CONTENT_TYPES: Record<MediaFile['fileType'], string> = {
  image: 'image/jpeg',
  video: 'video/mp4',
  ppk: 'application/octet-stream',
};

function mediaPrefix(e: Evaluated): string {
  return `${e.spec.projectUuid}/media/${e.spec.uuid}/`;
}

/** The k-th file of a landed task (photos first, then the video, then the PPK file). */
export function mediaFile(e: Evaluated, k: number, assets: MediaAssets): MediaFile | undefined {
  const counts = mediaCounts(e, Number.POSITIVE_INFINITY);
  const start = e.timeline.flightStartedAt;
  const end = e.timeline.endedAt;
  if (k < 0 || k >= counts.expected || start === undefined || end === undefined) return undefined;
  const fileType = k < counts.photos ? 'image' : k === counts.photos ? 'video' : 'ppk';
  const captured =
    fileType === 'image' ? start + Math.floor(((k + 1) / (counts.photos + 1)) * (end - start)) : start;
  const seq = String(k + 1).padStart(4, '0');
  const name = `DJI_${compactLocal(captured)}_${seq}_${fileType === 'ppk' ? 'PPKRAW' : 'V'}`;
  const suffix = fileType === 'image' ? 'jpg' : fileType === 'video' ? 'mp4' : 'obs';
  const prefix = mediaPrefix(e);
  const bytes =
    fileType === 'image'
      ? (assets.images[k % assets.images.length] ?? assets.video)
      : fileType === 'video'
        ? assets.video
        : assets.ppk;
  return {
    index: k,
    uuid: uuidFrom(e.spec.uuid, 'media', k),
    name,
    fileType,
    suffix,
    key: `${prefix}${name}.${suffix}`,
    ...(fileType === 'ppk' ? {} : { previewKey: `${prefix}preview/${name}.jpg` }),
    bytes,
    uploadedAt: end + Math.floor(((k + 1) / counts.expected) * MEDIA_UPLOAD_MS),
  };
}

export function mediaList(
  e: Evaluated,
  now: number,
  assets: MediaAssets,
  presign: (key: string) => string,
): Record<string, unknown>[] {
  const { uploaded } = mediaCounts(e, now);
  const out: Record<string, unknown>[] = [];
  for (let k = 0; k < Math.min(uploaded, MEDIA_LIMIT); k++) {
    const f = mediaFile(e, k, assets);
    if (!f) break;
    out.push({
      uuid: f.uuid,
      name: f.name,
      file_type: f.fileType,
      suffix: f.suffix,
      size: f.bytes.length,
      preview_url: f.previewKey ? presign(f.previewKey) : null,
      original_url: presign(f.key),
      create_at: rfc3339(f.uploadedAt),
      update_at: rfc3339(f.uploadedAt),
    });
  }
  return out;
}

/** `<project>/media/<task>/[preview/]DJI_<time>_<seq>_<kind>.<ext>` → the file, checked against the task. */
export function resolveMedia(
  key: string,
  lookup: (taskUuid: string) => Evaluated | undefined,
  assets: () => MediaAssets,
): VirtualObject | undefined {
  const m = /^([^/]+)\/media\/([^/]+)\/(preview\/)?(DJI_\d{14}_(\d{4,})_[A-Z]+)\.(jpg|mp4|obs)$/.exec(key);
  if (!m) return undefined;
  const e = lookup(m[2] ?? '');
  if (!e || e.spec.projectUuid !== m[1]) return undefined;
  const all = assets();
  const f = mediaFile(e, Number(m[5]) - 1, all);
  if (!f || f.name !== m[4]) return undefined;
  if (m[3])
    return f.previewKey === key
      ? bufferObject(all.images[f.index % all.images.length] ?? all.video, 'image/jpeg')
      : undefined;
  return f.key === key ? bufferObject(f.bytes, CONTENT_TYPES[f.fileType]) : undefined;
}

export function bufferObject(bytes: Buffer, contentType: string): VirtualObject {
  return { size: bytes.length, contentType, read: (start, end) => bytes.subarray(start, end + 1) };
}
