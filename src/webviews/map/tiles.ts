// The optional background: slippy-map tiles from `flighthub.map.tileUrl` (the host adds that origin to
// the page's img-src, nothing else). Tiles of the zoom level just below the view are scaled up; while a
// tile loads, its parent (already cached) stands in, so zooming does not flash to blank.
import type { DrawContext } from './mapCanvas';
import { tileUrl, visibleTiles, type Tile } from './projection';

/** Enough for a few screens at two zoom levels; older tiles are dropped first. */
const CACHE_LIMIT = 256;

export class TileLayer {
  private readonly cache = new Map<string, HTMLImageElement>();

  constructor(
    private readonly template: string,
    private readonly onLoad: () => void,
  ) {}

  draw({ ctx, vp }: DrawContext): void {
    for (const tile of visibleTiles(vp)) {
      const img = this.image(tile);
      if (img.complete && img.naturalWidth > 0) {
        ctx.drawImage(img, tile.sx, tile.sy, tile.size + 0.5, tile.size + 0.5);
        continue;
      }
      const parent =
        tile.z > 0 ? this.cache.get(key({ z: tile.z - 1, x: tile.x >> 1, y: tile.y >> 1 })) : undefined;
      if (parent?.complete && parent.naturalWidth > 0) {
        const half = parent.naturalWidth / 2;
        ctx.drawImage(
          parent,
          (tile.x & 1) * half,
          (tile.y & 1) * half,
          half,
          half,
          tile.sx,
          tile.sy,
          tile.size + 0.5,
          tile.size + 0.5,
        );
      }
    }
  }

  private image(tile: Tile): HTMLImageElement {
    const k = key(tile);
    let img = this.cache.get(k);
    if (img) {
      // Most recently used goes last, so the first entry is the one to evict.
      this.cache.delete(k);
      this.cache.set(k, img);
      return img;
    }
    img = new Image();
    img.decoding = 'async';
    img.addEventListener('load', this.onLoad);
    img.src = tileUrl(this.template, tile);
    this.cache.set(k, img);
    if (this.cache.size > CACHE_LIMIT) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return img;
  }
}

function key(t: Pick<Tile, 'z' | 'x' | 'y'>): string {
  return `${t.z}/${t.x}/${t.y}`;
}
