// The page's words: English defaults, replaced by the host's translations (`strings` message).
const DEFAULTS = {
  search: 'Search by name',
  allTypes: 'All types',
  image: 'Images',
  video: 'Videos',
  ppk: 'PPK files',
  sortTime: 'Time',
  sortName: 'Name',
  sortSize: 'Size',
  ascending: 'Ascending',
  descending: 'Descending',
  count: '{0} of {1} files',
  selected: '{0} selected',
  downloadSelected: 'Download Selected',
  downloadAll: 'Download All',
  refresh: 'Refresh',
  loading: 'Loading media…',
  empty: 'This task has no media yet. Docks upload media some minutes after landing.',
  noMatch: 'No media match the filter.',
  size: 'Size',
  time: 'Time',
  type: 'Type',
  close: 'Close',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  previous: 'Previous',
  next: 'Next',
  noPreview: 'No preview for this file type.',
  noSound: 'Sound may be missing in VS Code desktop: its player has no AAC audio decoder.',
  noAudioTrack: 'No sound was decoded: the video has no audio track, or VS Code desktop cannot decode it.',
  downloading: 'Downloading {0} of {1}…',
  help: 'Arrows move, Enter opens, Space selects; in the viewer ←/→ browse, +/- zoom, Esc closes.',
};
export type StringKey = keyof typeof DEFAULTS;

const current: Record<string, string> = { ...DEFAULTS };

export function setStrings(strings: Record<string, string>): void {
  for (const [key, value] of Object.entries(strings)) if (key in DEFAULTS) current[key] = value;
}

/** A translated string with `{0}`, `{1}`… filled in. */
export function s(key: StringKey, ...args: (string | number)[]): string {
  return (current[key] ?? DEFAULTS[key]).replace(/\{(\d+)\}/g, (m, i: string) =>
    String(args[Number(i)] ?? m),
  );
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
