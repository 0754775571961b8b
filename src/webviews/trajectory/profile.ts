// The height profile under the map: height over time for the whole flight, a cursor at the replay time.
// Clicking or dragging on it seeks. Drawn on its own canvas in device pixels.
import { h } from '../browser/host';
import { cssColour } from '../map/theme';
import type { TrackTuple } from './replay';

const PAD = { left: 44, right: 12, top: 8, bottom: 18 };

export class HeightProfile {
  readonly element: HTMLCanvasElement;
  onSeek: (time: number) => void = () => undefined;
  private time = 0;
  private readonly minH: number;
  private readonly maxH: number;

  constructor(
    private readonly track: readonly TrackTuple[],
    private readonly unit: string,
  ) {
    this.element = h('canvas', { class: 'profile' });
    let min = Infinity;
    let max = -Infinity;
    for (const p of track) {
      if (p[3] === null) continue;
      min = Math.min(min, p[3]);
      max = Math.max(max, p[3]);
    }
    if (!(min <= max)) [min, max] = [0, 1];
    const margin = Math.max(1, (max - min) * 0.08);
    this.minH = min - margin;
    this.maxH = max + margin;
    new ResizeObserver(() => this.draw()).observe(this.element);
    const seek = (e: PointerEvent) => {
      const r = this.element.getBoundingClientRect();
      this.onSeek(this.timeAt(e.clientX - r.left, r.width));
    };
    this.element.addEventListener('pointerdown', (e) => {
      this.element.setPointerCapture(e.pointerId);
      seek(e);
    });
    this.element.addEventListener('pointermove', (e) => {
      if (this.element.hasPointerCapture(e.pointerId)) seek(e);
    });
  }

  setTime(time: number): void {
    this.time = time;
    this.draw();
  }

  private get start(): number {
    return this.track[0]?.[0] ?? 0;
  }

  private get end(): number {
    return this.track[this.track.length - 1]?.[0] ?? 1;
  }

  private timeAt(x: number, width: number): number {
    const f = (x - PAD.left) / Math.max(1, width - PAD.left - PAD.right);
    return this.start + Math.max(0, Math.min(1, f)) * (this.end - this.start);
  }

  private draw(): void {
    const el = this.element;
    const width = el.clientWidth;
    const height = el.clientHeight;
    if (width === 0 || height === 0) return;
    const dpr = window.devicePixelRatio || 1;
    if (el.width !== Math.round(width * dpr)) el.width = Math.round(width * dpr);
    if (el.height !== Math.round(height * dpr)) el.height = Math.round(height * dpr);
    const ctx = el.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const w = width - PAD.left - PAD.right;
    const hgt = height - PAD.top - PAD.bottom;
    const span = Math.max(1, this.end - this.start);
    const x = (t: number) => PAD.left + ((t - this.start) / span) * w;
    const y = (v: number) => PAD.top + (1 - (v - this.minH) / (this.maxH - this.minH)) * hgt;
    const fg = cssColour('--vscode-descriptionForeground', '#999');
    ctx.strokeStyle = cssColour('--vscode-panel-border', '#444');
    ctx.strokeRect(PAD.left, PAD.top, w, hgt);
    ctx.fillStyle = fg;
    ctx.font = '10px sans-serif';
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of [this.maxH, (this.minH + this.maxH) / 2, this.minH])
      ctx.fillText(`${Math.round(v)} ${this.unit}`, PAD.left - 4, y(v));
    const colour = cssColour('--vscode-charts-blue', '#3794ff');
    ctx.beginPath();
    let started = false;
    for (const p of this.track) {
      if (p[3] === null) continue;
      if (started) ctx.lineTo(x(p[0]), y(p[3]));
      else ctx.moveTo(x(p[0]), y(p[3]));
      started = true;
    }
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1.5;
    ctx.stroke();
    const cx = x(this.time);
    ctx.strokeStyle = cssColour('--vscode-charts-yellow', '#cca700');
    ctx.beginPath();
    ctx.moveTo(cx, PAD.top);
    ctx.lineTo(cx, PAD.top + hgt);
    ctx.stroke();
  }
}
