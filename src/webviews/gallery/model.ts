// Filtering, searching and sorting the items: pure, so the grid only ever sees the resulting list.
import type { GalleryItem, MediaType } from './protocol';

export interface View {
  /** Empty: every type. */
  readonly types: readonly MediaType[];
  readonly sort: 'time' | 'name' | 'size';
  readonly descending: boolean;
  readonly search: string;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function visibleItems(items: readonly GalleryItem[], view: View): GalleryItem[] {
  const needle = view.search.trim().toLowerCase();
  const types = new Set<string>(view.types);
  const out = items.filter(
    (item) =>
      (types.size === 0 || types.has(item.type)) && (!needle || item.name.toLowerCase().includes(needle)),
  );
  const sign = view.descending ? -1 : 1;
  const key = view.sort === 'size' ? 'size' : 'time';
  return out.sort((a, b) => {
    if (view.sort !== 'name') {
      const x = a[key];
      const y = b[key];
      // Unknown sizes and times go last in either direction.
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
      } else if (x !== y) return sign * (x - y);
    }
    return sign * collator.compare(a.name, b.name);
  });
}
