// The replay bar: play/pause, speed (1×, 4×, 16×), a scrubber over the flight's time and readouts of
// the time, the elapsed time and the aircraft's height. Playing advances on animation frames, so a
// hidden panel does not spin.
import { h } from '../browser/host';
import { formatDuration, formatTime } from './format';
import type { TrajectoryLabels } from './protocol';
import { positionAt, type TrackTuple } from './replay';

export const SPEEDS = [1, 4, 16] as const;

export class Replay {
  readonly element: HTMLElement;
  onChange: (time: number) => void = () => undefined;
  private time: number;
  private speed: number = SPEEDS[0];
  private frame = 0;
  private last = 0;
  private readonly start: number;
  private readonly end: number;
  private readonly play: HTMLButtonElement;
  private readonly range: HTMLInputElement;
  private readonly clock: HTMLElement;
  private readonly height: HTMLElement;

  constructor(
    private readonly track: readonly TrackTuple[],
    private readonly labels: TrajectoryLabels,
    private readonly locale: string,
    private readonly unit: string,
  ) {
    this.start = track[0]?.[0] ?? 0;
    this.end = track[track.length - 1]?.[0] ?? this.start;
    this.time = this.start;
    this.play = h('button', { class: 'text-button secondary play', 'data-action': 'play' });
    this.play.addEventListener('click', () => (this.frame ? this.stop() : this.startPlaying()));
    const speed = h('select', { class: 'speed', title: labels.speed, 'aria-label': labels.speed });
    for (const s of SPEEDS) speed.append(h('option', { value: String(s) }, `${s}×`));
    speed.addEventListener('change', () => (this.speed = Number(speed.value) || 1));
    this.range = h('input', {
      type: 'range',
      class: 'scrubber',
      min: String(this.start),
      max: String(this.end),
      step: '100',
      'aria-label': labels.time,
    });
    this.range.addEventListener('input', () => this.seek(Number(this.range.value)));
    this.clock = h('span', { class: 'readout readout-time' });
    this.height = h('span', { class: 'readout readout-height' });
    this.element = h('div', { class: 'replay' }, this.play, speed, this.range, this.clock, this.height);
    this.showPlayButton();
  }

  /** Where the aircraft is at the replay time. */
  position(): ReturnType<typeof positionAt> {
    return positionAt(this.track, this.time);
  }

  seek(time: number): void {
    this.time = Math.max(this.start, Math.min(this.end, time));
    this.range.value = String(this.time);
    const p = this.position();
    this.clock.textContent = `${formatTime(this.time, this.locale)} · ${this.labels.elapsed} ${formatDuration(this.time - this.start)}`;
    const height = p?.height ?? null;
    this.height.textContent = `${this.labels.height}: ${height === null ? '–' : `${height.toFixed(1)} ${this.unit}`}`;
    // Read-only values for tests and assistive tools: the exact numbers behind the readouts.
    this.height.dataset.value = height === null ? '' : height.toFixed(1);
    this.clock.dataset.value = String(this.time);
    document.body.dataset.aircraft = p ? `${p.lon.toFixed(7)},${p.lat.toFixed(7)}` : '';
    this.onChange(this.time);
  }

  stop(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.showPlayButton();
  }

  private startPlaying(): void {
    if (this.time >= this.end) this.seek(this.start);
    this.last = performance.now();
    const tick = (now: number) => {
      const dt = now - this.last;
      this.last = now;
      this.seek(this.time + dt * this.speed);
      if (this.time >= this.end) this.stop();
      else this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
    this.showPlayButton();
  }

  private showPlayButton(): void {
    const playing = this.frame !== 0;
    const label = playing ? this.labels.pause : this.labels.play;
    this.play.replaceChildren(
      h('span', { class: `codicon codicon-${playing ? 'debug-pause' : 'play'}` }),
      label,
    );
    this.play.title = label;
    this.play.dataset.playing = String(playing);
  }
}
