// The viewer: one item at a time over the grid, the image (zoomable) or the video (a plain <video>:
// VS Code's webview plays H.264), and a details pane. Keys: ←/→ previous/next, +/- zoom, 0 fit,
// Esc closes and gives the focus back to the grid.
import '@vscode-elements/elements/dist/vscode-toolbar-button/index.js';
import { h } from '../browser/host';
import type { GalleryItem } from './protocol';
import { formatSize, formatTime, s } from './strings';

const ZOOM_STEPS = [1, 1.5, 2, 3, 4, 6, 8];

export interface LightboxEvents {
  closed(index: number): void;
}

export class Lightbox {
  readonly root: HTMLDivElement;
  private readonly stage: HTMLDivElement;
  private readonly title: HTMLSpanElement;
  private readonly counter: HTMLSpanElement;
  private readonly details: HTMLDListElement;
  private readonly note: HTMLParagraphElement;
  private items: readonly GalleryItem[] = [];
  private index = -1;
  private zoom = 0;
  private image: HTMLImageElement | undefined;
  private video: HTMLVideoElement | undefined;

  constructor(private readonly events: LightboxEvents) {
    const button = (icon: string, label: string, action: () => void) => {
      const b = h('vscode-toolbar-button', { icon, label, title: label });
      b.addEventListener('click', action);
      return b;
    };
    this.title = h('span', { class: 'lb-title' });
    this.counter = h('span', { class: 'lb-counter muted' });
    const bar = h(
      'div',
      { class: 'toolbar lb-bar' },
      this.title,
      this.counter,
      h('span', { class: 'spacer' }),
      button('arrow-left', s('previous'), () => this.step(-1)),
      button('arrow-right', s('next'), () => this.step(1)),
      button('zoom-out', s('zoomOut'), () => this.setZoom(this.zoom - 1)),
      button('zoom-in', s('zoomIn'), () => this.setZoom(this.zoom + 1)),
      button('close', s('close'), () => this.close()),
    );
    this.stage = h('div', { class: 'lb-stage' });
    this.details = h('dl', { class: 'lb-details' });
    this.note = h('p', { class: 'lb-note', hidden: '' });
    const body = h(
      'div',
      { class: 'lb-body' },
      this.stage,
      h('aside', { class: 'lb-side' }, this.details, this.note),
    );
    this.root = h(
      'div',
      { class: 'lightbox', role: 'dialog', 'aria-modal': 'true', tabindex: '-1', hidden: '' },
      bar,
      body,
    );
    this.root.addEventListener('keydown', (e) => this.onKey(e));
  }

  get isOpen(): boolean {
    return !this.root.hidden;
  }

  get current(): number {
    return this.index;
  }

  open(items: readonly GalleryItem[], index: number): void {
    this.items = items;
    this.root.hidden = false;
    this.show(index);
    this.root.focus();
  }

  close(): void {
    if (!this.isOpen) return;
    this.clearStage();
    this.root.hidden = true;
    this.events.closed(this.index);
  }

  private step(delta: number): void {
    if (this.items.length > 0) this.show((this.index + delta + this.items.length) % this.items.length);
  }

  private show(index: number): void {
    const item = this.items[index];
    if (!item) return;
    this.index = index;
    this.zoom = 0;
    this.clearStage();
    this.title.textContent = item.name;
    this.title.title = item.name;
    this.counter.textContent = `${index + 1} / ${this.items.length}`;
    this.details.replaceChildren(
      ...this.row(s('type'), item.suffix ? `${item.type} (.${item.suffix})` : item.type),
      ...this.row(s('size'), formatSize(item.size)),
      ...this.row(s('time'), formatTime(item.time)),
    );
    this.note.hidden = true;
    if (item.type === 'video' && item.url) this.showVideo(item.url);
    else if (item.type === 'image' && (item.url ?? item.preview)) {
      this.image = h('img', { class: 'lb-image', alt: item.name, src: item.url ?? item.preview ?? '' });
      this.stage.append(this.image);
    } else
      this.stage.append(
        h(
          'div',
          { class: 'lb-empty muted' },
          h('span', { class: 'codicon codicon-file-binary' }),
          s('noPreview'),
        ),
      );
  }

  private showVideo(url: string): void {
    const video = h('video', { class: 'lb-video', controls: '', playsinline: '', preload: 'auto', src: url });
    this.video = video;
    // Electron (VS Code desktop) ships without AAC, so H.264 pictures play silent; say so rather than
    // let people hunt for a volume problem. Chromium decodes no audio bytes when there is no track.
    video.addEventListener('playing', () => {
      this.note.textContent = s('noSound');
      this.note.hidden = false;
      setTimeout(() => {
        const decoded = (video as unknown as { webkitAudioDecodedByteCount?: number })
          .webkitAudioDecodedByteCount;
        if (this.video === video && decoded === 0 && video.currentTime > 0.5)
          this.note.textContent = s('noAudioTrack');
      }, 1500);
    });
    this.stage.append(video);
    void video.play().catch(() => undefined);
  }

  private row(term: string, value: string): HTMLElement[] {
    return [h('dt', {}, term), h('dd', {}, value)];
  }

  private clearStage(): void {
    this.video?.pause();
    this.video?.removeAttribute('src');
    this.video?.load();
    this.video = undefined;
    this.image = undefined;
    this.stage.replaceChildren();
    this.stage.classList.remove('zoomed');
  }

  private setZoom(step: number): void {
    const img = this.image;
    if (!img) return;
    const next = Math.max(0, Math.min(ZOOM_STEPS.length - 1, step));
    if (this.zoom === 0 && next > 0) img.dataset.fitWidth = String(img.clientWidth);
    this.zoom = next;
    const fit = Number(img.dataset.fitWidth ?? img.clientWidth);
    this.stage.classList.toggle('zoomed', next > 0);
    img.style.width = next > 0 ? `${Math.round(fit * (ZOOM_STEPS[next] ?? 1))}px` : '';
    this.root.dataset.zoom = String(ZOOM_STEPS[next] ?? 1);
  }

  private onKey(e: KeyboardEvent): void {
    const actions: Record<string, () => void> = {
      ArrowLeft: () => this.step(-1),
      ArrowRight: () => this.step(1),
      Escape: () => this.close(),
      '+': () => this.setZoom(this.zoom + 1),
      '=': () => this.setZoom(this.zoom + 1),
      '-': () => this.setZoom(this.zoom - 1),
      '0': () => this.setZoom(0),
    };
    const action = actions[e.key];
    // Arrows inside the video's own controls (seeking) stay with the video.
    if (!action || (e.target instanceof HTMLVideoElement && e.key.startsWith('Arrow'))) return;
    e.preventDefault();
    e.stopPropagation();
    action();
  }
}
