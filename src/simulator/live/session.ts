// One WHEP viewer: a werift peer connection that answers the viewer's recvonly offer with a sendonly
// VP8 track and plays the clip once ICE and DTLS are up. The session ends (exactly once) on DELETE, on
// ICE/DTLS failure, when the stream token expires, when the viewer never connects, or when the
// simulator stops; every timer and socket it owns is released then.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket } from 'werift';
import { LOOPBACK_ICE, preferDtlsServer, withoutMdnsCandidates, withoutStun } from './transport';
import type { Clip } from './ivf';
import { ClipPlayer } from './player';
import { VP8_CLOCK_RATE } from './vp8';

export type EndReason = 'deleted' | 'failed' | 'expired' | 'no-connection' | 'shutdown';

export interface SessionOptions {
  readonly offer: string;
  readonly clip: Clip;
  /** Simulated time (ms) after which the stream token is no longer valid. */
  readonly expireAtMs: number;
  /** The simulator clock (it may run faster than real time). */
  now(): number;
  onEnd(session: WhepSession, reason: EndReason): void;
  /** Viewers that never finish ICE/DTLS are dropped after this long (default 20 s). */
  readonly connectTimeoutMs?: number;
  /** A connected viewer that sends no RTCP for this long is gone (default 10 s). */
  readonly silenceTimeoutMs?: number;
}

const CONNECT_TIMEOUT_MS = 20_000;
// werift 0.22 does no ICE consent checks (RFC 7675), so a viewer that vanishes without DELETE (tab
// closed, webview disposed) is noticed by its receiver reports stopping; browsers send them every
// second or so.
const SILENCE_TIMEOUT_MS = 10_000;
/** `disconnected` can heal (ICE consent keeps being checked); give it this long before giving up. */
const DISCONNECTED_GRACE_MS = 5_000;
/** How often expiry and silence are checked. */
const CHECK_MS = 1_000;

// Fresh codec objects per connection: werift writes the negotiated payload type into them.
const peerConfig = () => ({
  codecs: {
    video: [
      new RTCRtpCodecParameters({
        mimeType: 'video/VP8',
        clockRate: VP8_CLOCK_RATE,
        // NACK is answered from werift's send history; PLI makes the player jump to a key frame.
        rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }],
      }),
    ],
    // No audio is sent (DJI wide cameras have none), but players often offer an audio m-line too;
    // werift refuses an offer whose m-line has no common codec, so Opus lets it answer `inactive`.
    audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48_000, channels: 2 })],
  },
  ...LOOPBACK_ICE,
});

export class WhepSession {
  readonly id = randomUUID();
  private readonly timers = new Set<NodeJS.Timeout>();
  private disconnectTimer: NodeJS.Timeout | undefined;
  private closing: Promise<void> | undefined;
  private heardAt = 0;
  private readonly player: ClipPlayer;
  private readonly track = new MediaStreamTrack({ kind: 'video' });

  private constructor(
    private readonly pc: RTCPeerConnection,
    private readonly options: SessionOptions,
  ) {
    this.player = new ClipPlayer(options.clip, (p) =>
      this.track.writeRtp(
        new RtpPacket(
          new RtpHeader({ sequenceNumber: p.sequenceNumber, timestamp: p.timestamp, marker: p.marker }),
          p.payload,
        ),
      ),
    );
  }

  /** Answers `offer`; the SDP answer carries the server's candidates (no trickle ICE). */
  static async open(options: SessionOptions): Promise<{ session: WhepSession; answer: string }> {
    const pc = new RTCPeerConnection(peerConfig());
    const session = new WhepSession(pc, options);
    try {
      return { session, answer: await session.negotiate() };
    } catch (error) {
      await session.end('failed');
      throw error;
    }
  }

  get framesSent(): number {
    return this.player.framesSent;
  }

  get isEnded(): boolean {
    return this.closing !== undefined;
  }

  private async negotiate(): Promise<string> {
    const { pc, options } = this;
    const transceiver = pc.addTransceiver(this.track, { direction: 'sendonly' });
    transceiver.sender.onPictureLossIndication.subscribe(() => this.player.requestKeyFrame());
    transceiver.sender.onRtcp.subscribe(() => (this.heardAt = performance.now()));
    pc.connectionStateChange.subscribe((state) => this.onConnectionState(state));
    await pc.setRemoteDescription({ type: 'offer', sdp: withoutMdnsCandidates(options.offer) });
    if (!pc.getTransceivers().some((t) => t === transceiver && t.mid !== undefined))
      throw new OfferError('the offer has no video m-line that can receive the stream');
    preferDtlsServer(pc, options.offer);
    const answerInit = await pc.createAnswer();
    withoutStun(pc);
    await pc.setLocalDescription(answerInit);
    const answer = pc.localDescription?.sdp;
    if (!answer) throw new Error('werift produced no local description');
    this.after(options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS, () => {
      if (pc.connectionState !== 'connected') void this.end('no-connection');
    });
    const silence = options.silenceTimeoutMs ?? SILENCE_TIMEOUT_MS;
    this.every(CHECK_MS, () => {
      if (options.now() >= options.expireAtMs) void this.end('expired');
      else if (pc.connectionState === 'connected' && performance.now() - this.heardAt > silence)
        void this.end('failed');
    });
    return answer;
  }

  private onConnectionState(state: string): void {
    if (this.closing) return;
    clearTimeout(this.disconnectTimer);
    this.disconnectTimer = undefined;
    if (state === 'connected') {
      this.heardAt = performance.now();
      this.player.start();
    } else if (state === 'failed' || state === 'closed') void this.end('failed');
    else if (state === 'disconnected')
      this.disconnectTimer = setTimeout(() => void this.end('failed'), DISCONNECTED_GRACE_MS);
  }

  /** Ends the session once; settles when its sockets are closed. */
  end(reason: EndReason): Promise<void> {
    if (this.closing) return this.closing;
    // pc.close() fires connection-state events synchronously, which call end('failed') again before
    // `closing` is set: a placeholder makes that call a no-op, so each session is recorded once.
    this.closing = Promise.resolve();
    this.player.stop();
    clearTimeout(this.disconnectTimer);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.track.stop();
    // close() releases the UDP sockets; a failure while tearing down leaves nothing for us to do.
    this.closing = this.pc.close().catch(() => undefined);
    this.options.onEnd(this, reason);
    return this.closing;
  }

  private after(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private every(ms: number, fn: () => void): void {
    const t = setInterval(fn, ms);
    this.timers.add(t);
  }
}

/** The offer cannot be answered (the viewer's fault: HTTP 400 or 422). */
export class OfferError extends Error {
  override readonly name = 'OfferError';
}
