// The page's words: the host's translations (`strings`, posted first on every `ready`).
import { fillLabel } from '../labels';
import type { GALLERY_LABEL_KEYS, GalleryStrings } from './protocol';

export type StringKey = (typeof GALLERY_LABEL_KEYS)[number];

let current: GalleryStrings | undefined;

export function setStrings(strings: GalleryStrings): void {
  current = strings;
}

/** A translated string with `{0}`, `{1}`… filled in; empty until the host's words arrive. */
export function s(key: StringKey, ...args: (string | number)[]): string {
  return fillLabel(current?.[key] ?? '', ...args);
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];
export function formatSize(bytes: number | null): string {
  if (bytes === null) return '—';
  let n = bytes;
  let unit = 0;
  while (n >= 1024 && unit < UNITS.length - 1) {
    n /= 1024;
    unit++;
  }
  return `${unit === 0 ? n : n.toFixed(n < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

export function formatTime(ms: number | null): string {
  if (ms === null) return '—';
  return new Date(ms).toLocaleString(document.documentElement.lang || undefined);
}
