// From the API's media list to what the gallery and the download manager need. File names are given
// over the whole list in its order, so a selection gets the same names as "download all" (a resumed
// or repeated download finds its own files again).
import type { Media } from '../../api/schemas/task';
import type { DownloadItem } from './download';
import { sanitizeFileName, UniqueNames } from '../../core/fileName';

/** Times come as RFC 3339 strings or numbers (seconds or ms); ms since the epoch, or null. */
export function timeMs(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return value < 1e12 ? value * 1000 : value;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}

function mediaFileName(m: Media): string {
  return sanitizeFileName(m.name, m.suffix, { fallback: 'media' });
}

/** Safe, distinct file names by media uuid, in list order. */
export function fileNames(list: readonly Media[]): Map<string, string> {
  const unique = new UniqueNames();
  const out = new Map<string, string>();
  for (const m of list) out.set(m.uuid, unique.next(mediaFileName(m)));
  return out;
}

/** Items to download (all, or those whose uuid is in `only`); media without a link are returned apart. */
export function downloadItems(
  list: readonly Media[],
  only?: ReadonlySet<string>,
): { items: DownloadItem[]; missing: string[] } {
  const names = fileNames(list);
  const items: DownloadItem[] = [];
  const missing: string[] = [];
  for (const m of list) {
    if (only && !only.has(m.uuid)) continue;
    const fileName = names.get(m.uuid) ?? mediaFileName(m);
    if (!m.original_url) {
      missing.push(fileName);
      continue;
    }
    items.push({
      uuid: m.uuid,
      fileName,
      url: m.original_url,
      ...(typeof m.size === 'number' && m.size >= 0 ? { size: m.size } : {}),
    });
  }
  return { items, missing };
}

/** The current download URL of every media, for refreshing expired links. */
export function urlMap(list: readonly Media[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of list) if (m.original_url) out.set(m.uuid, m.original_url);
  return out;
}
