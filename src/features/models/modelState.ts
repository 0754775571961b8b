// What the Models view decides without VS Code: a model's phase, an open-modeling status's meaning,
// when to poll, and whether a folder holds photos worth uploading. Pure, so it is unit-tested.
import type { z } from 'zod';
import type { model } from '../../api/schemas/model';
import type { openModel } from '../../api/schemas/openModel';

type Model = z.infer<typeof model>;
type OpenModel = z.infer<typeof openModel>;

export type ModelPhase = 'ready' | 'building';

/**
 * The documented list has no status (docs/api.md#models); the simulator adds `status`
 * (`processing` / `success`) and FlightHub shows a model on the map only once it is built, so
 * `show_on_map` and a non-zero `size` decide when `status` is absent.
 */
export function modelPhase(m: Model): ModelPhase {
  const status = (m as Record<string, unknown>)['status'];
  if (typeof status === 'string') return status === 'processing' ? 'building' : 'ready';
  return m.show_on_map === true || (m.size ?? 0) > 0 ? 'ready' : 'building';
}

export type OpenPhase = 'requesting' | 'reconstructing' | 'succeeded' | 'failed' | 'cancelled' | 'unknown';

/** `model_status` values (docs/api.md#open-modeling): 9 and 15 are both success (2D map vs others). */
export function openModelPhase(status: number): OpenPhase {
  switch (status) {
    case 12:
      return 'requesting';
    case 14:
      return 'reconstructing';
    case 9:
    case 15:
      return 'succeeded';
    case 8:
    case 13:
      return 'failed';
    case 16:
      return 'cancelled';
    default:
      return 'unknown';
  }
}

/** Still changing: requesting resources, reconstructing, or zipping the result (`zip_status` 1). */
export function isOpenModelActive(m: Pick<OpenModel, 'model_status' | 'zip_status'>): boolean {
  const phase = openModelPhase(m.model_status);
  return phase === 'requesting' || phase === 'reconstructing' || m.zip_status === 1;
}

/** `model_type` (docs/api.md#open-modeling); product names, not translated. */
export const OPEN_MODEL_TYPES: Readonly<Record<number, string>> = { 1: '2D', 2: '3D', 3: '3DGS', 4: 'LiDAR' };

/** The view re-reads its lists every `refreshMs` while something is being built; otherwise never. */
export function modelsPollDelay(
  models: readonly Model[],
  openModels: readonly Pick<OpenModel, 'model_status' | 'zip_status'>[],
  refreshMs: number,
): number | undefined {
  const busy = models.some((m) => modelPhase(m) === 'building') || openModels.some(isOpenModelActive);
  return busy ? refreshMs : undefined;
}

/**
 * Tasks whose flight is over, so their media folder can hold photos to reconstruct from (the Flight
 * Tasks context menu offers the command on exactly these; a unit test compares the two).
 */
export const FINISHED_TASK_STATUSES = ['success', 'partially_done', 'terminated'] as const;

/** Photo types open modeling takes (the FlightHub 2 client accepts JPEG, PNG and TIFF). */
export const PHOTO_EXTENSIONS: readonly string[] = ['.jpg', '.jpeg', '.png', '.tif', '.tiff'];
/** Fewer photos cannot be matched into a model; the service refuses them too. */
export const MIN_PHOTOS = 3;

export interface FolderEntry {
  readonly name: string;
  readonly isFile: boolean;
  readonly size: number;
  /** The first bytes of the file (4 are enough), read only for files with a photo extension. */
  readonly header?: Uint8Array;
}

export type FolderProblem =
  | { readonly reason: 'empty' }
  | { readonly reason: 'noPhotos'; readonly others: number }
  | { readonly reason: 'tooFew'; readonly count: number; readonly min: number }
  | { readonly reason: 'notImage'; readonly names: readonly string[] };

export type FolderCheck =
  | { readonly ok: true; readonly photos: readonly FolderEntry[]; readonly ignored: readonly string[] }
  | ({ readonly ok: false } & FolderProblem);

export function hasPhotoExtension(name: string): boolean {
  const lower = name.toLowerCase();
  return PHOTO_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** JPEG (FF D8 FF), PNG (89 'PNG') or TIFF (II*\0 / MM\0*) by its magic bytes. */
export function isImageHeader(header: Uint8Array): boolean {
  const at = (i: number) => header[i];
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return true;
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return true;
  if (at(0) === 0x49 && at(1) === 0x49 && at(2) === 0x2a && at(3) === 0x00) return true;
  return at(0) === 0x4d && at(1) === 0x4d && at(2) === 0x00 && at(3) === 0x2a;
}

/**
 * The photos of a folder (its top level only, sorted by name), or why it cannot be reconstructed.
 * A file named like a photo whose bytes are not one is an error rather than skipped: it is most likely
 * a broken copy the person wants to know about.
 */
export function checkPhotoFolder(entries: readonly FolderEntry[], min = MIN_PHOTOS): FolderCheck {
  const files = entries.filter((e) => e.isFile && !e.name.startsWith('.'));
  if (files.length === 0) return { ok: false, reason: 'empty' };
  const named = files.filter((e) => hasPhotoExtension(e.name));
  if (named.length === 0) return { ok: false, reason: 'noPhotos', others: files.length };
  const broken = named.filter((e) => e.size === 0 || !e.header || !isImageHeader(e.header));
  if (broken.length > 0) return { ok: false, reason: 'notImage', names: broken.map((e) => e.name) };
  if (named.length < min) return { ok: false, reason: 'tooFew', count: named.length, min };
  const photos = [...named].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const ignored = files.filter((e) => !hasPhotoExtension(e.name)).map((e) => e.name);
  return { ok: true, photos, ignored };
}

/**
 * The object key of one photo: `store_path` with `{fileName}` replaced (docs/api.md#open-modeling). A
 * name outside letters, digits, `-`, `_` and `.` becomes `photo-<n><ext>`, which every store and the
 * upload callback accept.
 */
export function photoObjectName(name: string, index: number): string {
  if (/^[\w.-]{1,120}$/.test(name)) return name;
  const ext = /\.[A-Za-z]{3,4}$/.exec(name)?.[0]?.toLowerCase() ?? '.jpg';
  return `photo-${String(index + 1).padStart(4, '0')}${ext}`;
}

export function storeKey(storePath: string, fileName: string): string {
  return storePath.includes('{fileName}')
    ? storePath.replace('{fileName}', fileName)
    : `${storePath.replace(/\/+$/, '')}/${fileName}`;
}

/** The key prefix of `store_path` (everything before `{fileName}`), for the storage client. */
export function storePrefix(storePath: string): string {
  const at = storePath.indexOf('{fileName}');
  return (at >= 0 ? storePath.slice(0, at) : storePath).replace(/\/+$/, '');
}
