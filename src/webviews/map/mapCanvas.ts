// The map both map panels draw on: one canvas in Web Mercator (projection.ts), no internet needed. Data
// comes in layers that draw themselves with one affine transform per frame, so thousands of points cost
// one path each. Pan by dragging or arrow keys, zoom by wheel, +/- buttons or keys, "0" fits the data;
// a scale bar, a north arrow and hover tooltips. Tiles are optional (flighthub.map.tileUrl) and drawn
// underneath. Frames are coalesced with requestAnimationFrame; the canvas is sized in device pixels.
import { h } from '../browser/host';
import {
  fitBounds,
  screenToWorld,
  screenTransform,
  worldToLonLat,
  zoomAround,
  type Bounds,
  type ScreenTransform,
  type Viewport,
} from './projection';
import type { MapLabels, MapSettings } from './protocol';
import { drawNorthArrow, drawScaleBar } from './overlays';
import { TileLayer } from './tiles';

export interface DrawContext {
  readonly ctx: CanvasRenderingContext2D;
  readonly t: ScreenTransform;
  readonly vp: Viewport;
}

export interface MapHit {
  readonly layer: string;
  readonly index: number;
  readonly tooltip: string;
}

/** Where a click landed on the map, and whether Shift was held (annotations collect line vertices). */
export interface MapClick {
  readonly lon: number;
  readonly lat: number;
  readonly shift: boolean;
}

export interface MapLayer {
  readonly id: string;
  /** Draws the layer; returns how many of its points it drew (the pages expose this for tests). */
  draw(d: DrawContext): number;
  /** The feature within reach of a screen point (CSS pixels), nearest first. */
  hit?(
    sx: number,
    sy: number,
    t: ScreenTransform,
  ): { index: number; tooltip: string; distance: number } | undefined;
}

const PAN_STEP = 80;

export class MapCanvas {
  readonly element: HTMLElement;
  /** Called with what was clicked (undefined: empty map) and where. A drag is not a click. */
  onClick: (hit: MapHit | undefined, at: MapClick) => void = () => undefined;
  /** Called after every frame with the points each layer drew. */
  onDrawn: (counts: Readonly<Record<string, number>>) => void = () => undefined;
  private readonly canvas: HTMLCanvasElement;
  private readonly tooltip: HTMLElement;
  private readonly tiles: TileLayer | undefined;
  private layers: MapLayer[] = [];
  private vp: Viewport = { cx: 0.5, cy: 0.5, zoom: 2, width: 1, height: 1 };
  private home: Bounds | undefined;
  private kept: Pick<Viewport, 'cx' | 'cy' | 'zoom'> | undefined;
  private ratioQuery: MediaQueryList | undefined;
  private frame = 0;
  private drag: { x: number; y: number; vp: Viewport; moved: boolean } | undefined;

  constructor(
    private readonly labels: MapLabels,
    settings: MapSettings,
  ) {
    this.canvas = h('canvas', { class: 'map-canvas', tabindex: '0', role: 'img' });
    this.tooltip = h('div', { class: 'map-tooltip', role: 'tooltip' });
    this.tooltip.hidden = true;
    const button = (label: string, icon: string, run: () => void): HTMLButtonElement => {
      const b = h('button', { class: 'map-button', title: label, 'aria-label': label });
      b.append(h('span', { class: `codicon codicon-${icon}` }));
      b.addEventListener('click', () => {
        run();
        this.canvas.focus();
      });
      return b;
    };
    const controls = h(
      'div',
      { class: 'map-controls' },
      button(labels.zoomIn, 'add', () => this.zoomBy(1)),
      button(labels.zoomOut, 'remove', () => this.zoomBy(-1)),
      button(labels.fit, 'screen-full', () => this.fitHome()),
    );
    this.element = h('div', { class: 'map' }, this.canvas, controls, this.tooltip);
    if (settings.tileUrl) {
      this.tiles = new TileLayer(settings.tileUrl, () => this.redraw());
      this.element.append(h('div', { class: 'map-attribution' }, settings.attribution));
    }
    new ResizeObserver(() => this.resize()).observe(this.element);
    this.watchPixelRatio();
    this.listen();
  }

  get viewport(): Viewport {
    return this.vp;
  }

  setLayers(layers: MapLayer[]): void {
    this.layers = layers;
    this.redraw();
  }

  /**
   * Shows `bounds` and remembers them for the Fit button and the "0" key. `keep` shows that view
   * instead (a page re-drawn with new data keeps where the person had panned and zoomed).
   */
  fit(bounds: Bounds | undefined, keep?: Pick<Viewport, 'cx' | 'cy' | 'zoom'>): void {
    this.home = bounds;
    if (keep) this.kept = keep;
    if (this.vp.width > 1) this.showHomeOrKept();
  }

  setView(view: Pick<Viewport, 'cx' | 'cy' | 'zoom'>): void {
    this.vp = { ...this.vp, ...view };
    this.redraw();
  }

  /** Pans so a world point is on screen (keeps the zoom); a no-op when it already is. */
  reveal(x: number, y: number): void {
    const t = screenTransform(this.vp);
    const sx = x * t.k + t.ox;
    const sy = y * t.k + t.oy;
    const m = 24;
    if (sx >= m && sy >= m && sx <= this.vp.width - m && sy <= this.vp.height - m) return;
    this.setView({ cx: x, cy: y, zoom: this.vp.zoom });
  }

  redraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.paint();
    });
  }

  private showHomeOrKept(): void {
    if (this.kept) this.setView(this.kept);
    else this.fitHome();
    this.kept = undefined;
  }

  private fitHome(): void {
    if (this.home && this.vp.width > 1)
      this.vp = { ...this.vp, ...fitBounds(this.home, this.vp.width, this.vp.height) };
    this.redraw();
  }

  private zoomBy(delta: number): void {
    this.vp = zoomAround(this.vp, this.vp.width / 2, this.vp.height / 2, delta);
    this.redraw();
  }

  /** Moving the window to a screen with another pixel ratio changes no CSS size: re-size on that too. */
  private watchPixelRatio(): void {
    // Kept in a field: a MediaQueryList nobody references may be collected with its listener.
    this.ratioQuery = matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    this.ratioQuery.addEventListener(
      'change',
      () => {
        this.resize();
        this.watchPixelRatio();
      },
      { once: true },
    );
  }

  private resize(): void {
    const rect = this.element.getBoundingClientRect();
    const width = Math.max(1, Math.round(rect.width));
    const height = Math.max(1, Math.round(rect.height));
    const first = this.vp.width <= 1;
    this.vp = { ...this.vp, width, height };
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(height * dpr);
    if (first) this.showHomeOrKept();
    this.redraw();
  }

  private paint(): void {
    const ctx = this.canvas.getContext('2d');
    // Not laid out yet: a frame now would fit and fetch tiles for a 1-pixel map.
    if (!ctx || this.vp.width <= 1) return;
    const started = performance.now();
    const dpr = this.canvas.width / this.vp.width;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, this.vp.width, this.vp.height);
    const d: DrawContext = { ctx, t: screenTransform(this.vp), vp: this.vp };
    this.tiles?.draw(d);
    const counts: Record<string, number> = {};
    for (const layer of this.layers) {
      ctx.save();
      counts[layer.id] = layer.draw(d);
      ctx.restore();
    }
    drawScaleBar(ctx, this.vp, this.labels);
    drawNorthArrow(ctx, this.vp, this.labels);
    this.element.dataset.view = JSON.stringify({ cx: this.vp.cx, cy: this.vp.cy, zoom: this.vp.zoom });
    // Read-only: how long the last frame took to draw (ms), for tests and benchmarks.
    this.element.dataset.paintMs = (performance.now() - started).toFixed(1);
    this.onDrawn(counts);
  }

  /** The nearest feature of the topmost layers under a screen point. */
  private hitAt(sx: number, sy: number): MapHit | undefined {
    const t = screenTransform(this.vp);
    let best: MapHit | undefined;
    let bestDistance = Infinity;
    for (const layer of [...this.layers].reverse()) {
      const found = layer.hit?.(sx, sy, t);
      if (found && found.distance < bestDistance) {
        best = { layer: layer.id, index: found.index, tooltip: found.tooltip };
        bestDistance = found.distance;
      }
    }
    return best;
  }

  private listen(): void {
    const c = this.canvas;
    const local = (e: MouseEvent): [number, number] => {
      const r = c.getBoundingClientRect();
      return [e.clientX - r.left, e.clientY - r.top];
    };
    c.addEventListener('pointerdown', (e) => {
      c.setPointerCapture(e.pointerId);
      this.drag = { x: e.clientX, y: e.clientY, vp: this.vp, moved: false };
    });
    c.addEventListener('pointermove', (e) => {
      const drag = this.drag;
      if (drag) {
        const dx = e.clientX - drag.x;
        const dy = e.clientY - drag.y;
        if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
        if (drag.moved) {
          const p = screenToWorld(drag.vp, drag.vp.width / 2 - dx, drag.vp.height / 2 - dy);
          this.setView({ cx: p.x, cy: p.y, zoom: drag.vp.zoom });
        }
        return;
      }
      this.showTooltip(...local(e));
    });
    c.addEventListener('pointerup', (e) => {
      const drag = this.drag;
      this.drag = undefined;
      if (!drag || drag.moved) return;
      const [sx, sy] = local(e);
      const w = screenToWorld(this.vp, sx, sy);
      this.onClick(this.hitAt(sx, sy), { ...worldToLonLat(w.x, w.y), shift: e.shiftKey });
    });
    c.addEventListener('pointerleave', () => (this.tooltip.hidden = true));
    c.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        const [sx, sy] = local(e);
        // Trackpads send many small deltas, wheels a few large ones: scale to about ½ zoom per notch.
        this.vp = zoomAround(this.vp, sx, sy, -e.deltaY / 200);
        this.redraw();
      },
      { passive: false },
    );
    c.addEventListener('keydown', (e) => this.key(e));
  }

  private key(e: KeyboardEvent): void {
    const pan = (dx: number, dy: number) => {
      const p = screenToWorld(this.vp, this.vp.width / 2 + dx, this.vp.height / 2 + dy);
      this.setView({ cx: p.x, cy: p.y, zoom: this.vp.zoom });
    };
    const actions: Record<string, () => void> = {
      ArrowLeft: () => pan(-PAN_STEP, 0),
      ArrowRight: () => pan(PAN_STEP, 0),
      ArrowUp: () => pan(0, -PAN_STEP),
      ArrowDown: () => pan(0, PAN_STEP),
      '+': () => this.zoomBy(1),
      '=': () => this.zoomBy(1),
      '-': () => this.zoomBy(-1),
      '0': () => this.fitHome(),
    };
    const run = actions[e.key];
    if (!run) return;
    e.preventDefault();
    run();
  }

  private showTooltip(sx: number, sy: number): void {
    const hit = this.hitAt(sx, sy);
    this.tooltip.hidden = !hit;
    if (!hit) return;
    this.tooltip.textContent = hit.tooltip;
    // Keep the tooltip inside the map: flip to the left/top near the right/bottom edge.
    const left = sx + 14 + 220 > this.vp.width ? sx - 14 - this.tooltip.offsetWidth : sx + 14;
    const top = sy + 14 + 60 > this.vp.height ? sy - 14 - this.tooltip.offsetHeight : sy + 14;
    this.tooltip.style.left = `${Math.max(0, left)}px`;
    this.tooltip.style.top = `${Math.max(0, top)}px`;
  }
}
