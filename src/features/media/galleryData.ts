// The host's view of a media list for the gallery page: compact items and the CSP origins their
// presigned links need (thumbnails → img-src, videos → media-src). Pure: unit-testable without VS Code.
import type { Media } from '../../api/schemas/task';
import { timeMs } from './items';
import type { GalleryItem } from '../../webviews/gallery/protocol';
import { cleanOrigins, type CspOrigins } from '../../ui/panels/html';

export function galleryItems(list: readonly Media[]): GalleryItem[] {
  return list.map((m) => ({
    uuid: m.uuid,
    name: m.name,
    type: m.file_type,
    suffix: m.suffix ?? '',
    size: typeof m.size === 'number' && m.size >= 0 ? m.size : null,
    time: timeMs(m.create_at),
    preview: m.preview_url || null,
    url: m.original_url || null,
  }));
}

/** Origins by a cheap prefix first: 10,000 links usually share one or two hosts. */
function origins(urls: Iterable<string | null | undefined>): string[] {
  const seen = new Set<string>();
  for (const url of urls) {
    if (!url) continue;
    const end = url.indexOf('/', url.indexOf('//') + 2);
    seen.add(end > 0 ? url.slice(0, end) : url);
  }
  return cleanOrigins([...seen]);
}

export function galleryOrigins(list: readonly Media[]): CspOrigins {
  return {
    // The viewer shows the full image, so originals of images are images too.
    img: origins([
      ...list.map((m) => m.preview_url),
      ...list.filter((m) => m.file_type === 'image').map((m) => m.original_url),
    ]),
    media: origins(list.filter((m) => m.file_type === 'video').map((m) => m.original_url)),
  };
}
