// A virtualized thumbnail grid: the scroller holds one tall sizer, and only the rows in view (plus one
// above and below) have tile elements, recycled as the view moves. 10,000 items cost a few dozen
// nodes. Keyboard: arrows/Home/End/PageUp/PageDown move the focus, Enter opens, Space selects.
import { h } from '../browser/host';
import type { GalleryItem } from './protocol';

const TILE_MIN_WIDTH = 168;
const ROW_HEIGHT = 164;
const GAP = 8;
const OVERSCAN_ROWS = 1;
/**
 * Scrolling faster than this per frame (a fling) defers thumbnails until the view slows down or rests
 * for SETTLE_MS: decoding and scaling a row of JPEGs every frame drops frames (bench: p95 67 ms with
 * images vs 17 ms without), and they would scroll out of view before anyone saw them.
 */
const FAST_PX_PER_FRAME = 32;
const SETTLE_MS = 150;

interface Tile {
  readonly root: HTMLDivElement;
  readonly img: HTMLImageElement;
  readonly icon: HTMLSpanElement;
  readonly name: HTMLDivElement;
  index: number;
  /** The thumbnail to load once scrolling slows down. */
  pending?: string;
}

const ICONS: Record<string, string> = {
  image: 'file-media',
  video: 'device-camera-video',
  ppk: 'file-binary',
};

export interface GridEvents {
  open(index: number): void;
  selectionChanged(): void;
  scrolled(scrollTop: number): void;
  /** A thumbnail failed to load (its presigned link may have expired). */
  imageFailed(): void;
}

export class VirtualGrid {
  readonly scroller: HTMLDivElement;
  private readonly sizer: HTMLDivElement;
  private items: readonly GalleryItem[] = [];
  private readonly live = new Map<number, Tile>();
  private readonly pool: Tile[] = [];
  private columns = 1;
  private tileWidth = TILE_MIN_WIDTH;
  private frame = 0;
  private anchor = 0;
  private lastTop = 0;
  private fast = false;
  private settle: ReturnType<typeof setTimeout> | undefined;
  focus = 0;
  readonly selected = new Set<string>();

  constructor(private readonly events: GridEvents) {
    this.sizer = h('div', { class: 'grid-sizer' });
    this.scroller = h(
      'div',
      { class: 'grid', tabindex: '0', role: 'listbox', 'aria-multiselectable': 'true' },
      this.sizer,
    );
    this.scroller.addEventListener('scroll', () => {
      this.schedule();
      this.events.scrolled(this.scroller.scrollTop);
    });
    this.scroller.addEventListener('keydown', (e) => this.onKey(e));
    this.sizer.addEventListener('click', (e) => this.onClick(e));
    this.sizer.addEventListener('dblclick', (e) => {
      const index = this.indexAt(e);
      if (index !== undefined) this.events.open(index);
    });
    new ResizeObserver(() => this.schedule()).observe(this.scroller);
  }

  get visible(): readonly GalleryItem[] {
    return this.items;
  }

  setItems(items: readonly GalleryItem[]): void {
    this.items = items;
    this.focus = Math.min(this.focus, Math.max(0, items.length - 1));
    for (const tile of this.live.values()) tile.index = -1;
    this.renderNow();
  }

  scrollTo(top: number): void {
    this.scroller.scrollTop = top;
    this.renderNow();
  }

  /** Moves the focus (and scrolls it into view). */
  focusIndex(index: number): void {
    if (this.items.length === 0) return;
    this.focus = Math.max(0, Math.min(this.items.length - 1, index));
    const row = Math.floor(this.focus / this.columns);
    const top = row * ROW_HEIGHT;
    const s = this.scroller;
    if (top < s.scrollTop) s.scrollTop = top;
    else if (top + ROW_HEIGHT > s.scrollTop + s.clientHeight) s.scrollTop = top + ROW_HEIGHT - s.clientHeight;
    this.renderNow();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.renderNow();
    });
  }

  renderNow(): void {
    const width = this.scroller.clientWidth - GAP;
    this.columns = Math.max(1, Math.floor(width / (TILE_MIN_WIDTH + GAP)));
    this.tileWidth = Math.floor(width / this.columns) - GAP;
    const rows = Math.ceil(this.items.length / this.columns);
    this.sizer.style.height = `${rows * ROW_HEIGHT + GAP}px`;
    const top = this.scroller.scrollTop;
    this.fast = Math.abs(top - this.lastTop) > FAST_PX_PER_FRAME;
    this.lastTop = top;
    if (this.fast) {
      clearTimeout(this.settle);
      this.settle = setTimeout(() => this.loadPending(), SETTLE_MS);
    }
    const firstRow = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN_ROWS);
    const lastRow = Math.min(
      rows - 1,
      Math.ceil((top + this.scroller.clientHeight) / ROW_HEIGHT) + OVERSCAN_ROWS,
    );
    const first = firstRow * this.columns;
    const last = Math.min(this.items.length - 1, (lastRow + 1) * this.columns - 1);
    // Free tiles that left the window, then fill the window from the pool.
    for (const [index, tile] of this.live)
      if (index < first || index > last || tile.index !== index) {
        this.live.delete(index);
        tile.root.hidden = true;
        this.pool.push(tile);
      }
    for (let index = first; index <= last; index++) {
      let tile = this.live.get(index);
      if (!tile) {
        tile = this.pool.pop() ?? this.newTile();
        this.live.set(index, tile);
        this.fill(tile, index);
      }
      this.place(tile, index);
    }
  }

  private newTile(): Tile {
    const img = h('img', { class: 'thumb', alt: '', decoding: 'async', draggable: 'false' });
    const icon = h('span', { class: 'kind codicon' });
    const name = h('div', { class: 'name' });
    const root = h('div', { class: 'tile', role: 'option' }, img, icon, name);
    img.addEventListener('error', () => {
      if (img.getAttribute('src')) this.events.imageFailed();
    });
    const tile: Tile = { root, img, icon, name, index: -1 };
    this.sizer.append(root);
    return tile;
  }

  private fill(tile: Tile, index: number): void {
    const item = this.items[index];
    if (!item) return;
    tile.index = index;
    tile.root.dataset.index = String(index);
    tile.root.dataset.type = item.type;
    tile.root.title = item.name;
    tile.name.textContent = item.name;
    tile.icon.className = `kind codicon codicon-${ICONS[item.type] ?? 'file'}`;
    tile.pending = undefined;
    if (item.preview && tile.img.getAttribute('src') === item.preview) tile.img.hidden = false;
    else if (item.preview && !this.fast) {
      tile.img.src = item.preview;
      tile.img.hidden = false;
    } else {
      tile.img.removeAttribute('src');
      tile.img.hidden = !item.preview;
      if (item.preview) tile.pending = item.preview;
    }
    tile.root.hidden = false;
  }

  private loadPending(): void {
    this.fast = false;
    for (const tile of this.live.values())
      if (tile.pending) {
        tile.img.src = tile.pending;
        tile.pending = undefined;
      }
  }

  private place(tile: Tile, index: number): void {
    const col = index % this.columns;
    const row = Math.floor(index / this.columns);
    const x = GAP + col * (this.tileWidth + GAP);
    const y = GAP + row * ROW_HEIGHT;
    tile.root.style.transform = `translate(${x}px, ${y}px)`;
    tile.root.style.width = `${this.tileWidth}px`;
    const item = this.items[index];
    const selected = item !== undefined && this.selected.has(item.uuid);
    tile.root.classList.toggle('selected', selected);
    tile.root.classList.toggle('focused', index === this.focus);
    tile.root.setAttribute('aria-selected', String(selected));
  }

  private indexAt(e: MouseEvent): number | undefined {
    const tile = (e.target as HTMLElement).closest<HTMLElement>('.tile');
    const index = Number(tile?.dataset.index);
    return tile && Number.isInteger(index) ? index : undefined;
  }

  private onClick(e: MouseEvent): void {
    const index = this.indexAt(e);
    if (index === undefined) return;
    this.scroller.focus({ preventScroll: true });
    if (e.shiftKey) this.selectRange(this.anchor, index);
    else if (e.ctrlKey || e.metaKey) this.toggle(index);
    else {
      this.selected.clear();
      this.toggle(index);
    }
    if (!e.shiftKey) this.anchor = index;
    this.focusIndex(index);
    this.events.selectionChanged();
  }

  private toggle(index: number): void {
    const uuid = this.items[index]?.uuid;
    if (uuid === undefined) return;
    if (this.selected.has(uuid)) this.selected.delete(uuid);
    else this.selected.add(uuid);
  }

  private selectRange(from: number, to: number): void {
    for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
      const uuid = this.items[i]?.uuid;
      if (uuid !== undefined) this.selected.add(uuid);
    }
  }

  private onKey(e: KeyboardEvent): void {
    const pageRows = Math.max(1, Math.floor(this.scroller.clientHeight / ROW_HEIGHT));
    const moves: Record<string, number> = {
      ArrowLeft: -1,
      ArrowRight: 1,
      ArrowUp: -this.columns,
      ArrowDown: this.columns,
      PageUp: -this.columns * pageRows,
      PageDown: this.columns * pageRows,
    };
    const move = moves[e.key];
    if (move !== undefined) this.focusIndex(this.focus + move);
    else if (e.key === 'Home') this.focusIndex(0);
    else if (e.key === 'End') this.focusIndex(this.items.length - 1);
    else if (e.key === 'Enter' && this.items.length > 0) this.events.open(this.focus);
    else if (e.key === ' ') {
      this.toggle(this.focus);
      this.anchor = this.focus;
      this.renderNow();
      this.events.selectionChanged();
    } else if (e.key === 'a' && (e.ctrlKey || e.metaKey)) {
      for (const item of this.items) this.selected.add(item.uuid);
      this.renderNow();
      this.events.selectionChanged();
    } else return;
    e.preventDefault();
  }
}
