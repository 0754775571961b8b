// Plays the clip in real time as VP8 RTP packets, looping forever: frame n is due at start + n·frameMs
// (so timer jitter never accumulates) and its RTP timestamp is n·frameMs·90 kHz, continuous across
// loops. The clip starts with a key frame and has one every second; a picture-loss report from the
// viewer makes the next frame sent the next key frame in the clip.
import { performance } from 'node:perf_hooks';
import type { Clip } from './ivf';
import { packetizeVp8, VP8_CLOCK_RATE } from './vp8';

export interface RtpOut {
  readonly payload: Buffer;
  readonly sequenceNumber: number;
  readonly timestamp: number;
  /** Last packet of a frame (RFC 7741 §4.1). */
  readonly marker: boolean;
}

export class ClipPlayer {
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private sent = 0;
  private clipIndex = 0;
  private sequence: number;
  private readonly timestampBase: number;

  constructor(
    private readonly clip: Clip,
    private readonly send: (packet: RtpOut) => void,
    random: () => number = Math.random,
  ) {
    // RFC 3550 §5.1: random initial sequence number and timestamp.
    this.sequence = Math.floor(random() * 0x10000);
    this.timestampBase = Math.floor(random() * 0x1_0000_0000);
  }

  get framesSent(): number {
    return this.sent;
  }

  start(): void {
    if (this.timer) return;
    this.startedAt = performance.now();
    this.tick();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** PLI/FIR: jump to the next key frame rather than wait for the loop to reach one. */
  requestKeyFrame(): void {
    const frames = this.clip.frames;
    for (let step = 0; step < frames.length; step++) {
      const i = (this.clipIndex + step) % frames.length;
      if (frames[i]!.key) {
        this.clipIndex = i;
        return;
      }
    }
  }

  private tick(): void {
    const frames = this.clip.frames;
    const frame = frames[this.clipIndex]!;
    const timestamp =
      (this.timestampBase + Math.round((this.sent * this.clip.frameMs * VP8_CLOCK_RATE) / 1000)) >>> 0;
    const payloads = packetizeVp8(frame.data, this.sent);
    payloads.forEach((payload, i) => {
      this.send({ payload, sequenceNumber: this.sequence, timestamp, marker: i === payloads.length - 1 });
      this.sequence = (this.sequence + 1) & 0xffff;
    });
    this.sent++;
    this.clipIndex = (this.clipIndex + 1) % frames.length;
    const due = this.startedAt + this.sent * this.clip.frameMs;
    this.timer = setTimeout(() => this.tick(), Math.max(0, due - performance.now()));
  }
}
