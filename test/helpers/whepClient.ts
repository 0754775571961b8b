// A WHEP viewer made with werift, as a Node test's stand-in for a browser: recvonly VP8, POSTs the
// offer, and records every RTP packet it receives (decrypted, after ICE + DTLS-SRTP).
import { RTCPeerConnection, RTCRtpCodecParameters, type RtpPacket } from 'werift';
import { LOOPBACK_ICE, withoutStun } from '../../src/simulator/live/transport';

export interface WhepViewer {
  readonly status: number;
  readonly location: string | null;
  /** SDP answer on 201, the error text otherwise. */
  readonly body: string;
  readonly packets: readonly RtpPacket[];
  /** Resolves when the peer connection reaches `connected` (rejects after `ms`). */
  connected(ms?: number): Promise<void>;
  close(): Promise<void>;
}

/** Loopback-only ICE, like the simulator's side (src/simulator/live/transport.ts). */
export function viewerPeer(): RTCPeerConnection {
  return new RTCPeerConnection({
    codecs: {
      video: [
        new RTCRtpCodecParameters({
          mimeType: 'video/VP8',
          clockRate: 90_000,
          rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }],
        }),
      ],
    },
    ...LOOPBACK_ICE,
  });
}

export async function openViewer(
  endpoint: string,
  init: {
    headers?: Record<string, string>;
    /** false: never apply the answer (never connects). */ applyAnswer?: boolean;
  } = {},
): Promise<WhepViewer> {
  const pc = viewerPeer();
  const packets: RtpPacket[] = [];
  const transceiver = pc.addTransceiver('video', { direction: 'recvonly' });
  transceiver.onTrack.subscribe((track) => track.onReceiveRtp.subscribe((rtp) => packets.push(rtp)));
  const offer = await pc.createOffer();
  withoutStun(pc);
  await pc.setLocalDescription(offer);
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/sdp', ...init.headers },
    body: pc.localDescription?.sdp ?? '',
  });
  const body = await res.text();
  if (res.status === 201 && init.applyAnswer !== false)
    await pc.setRemoteDescription({ type: 'answer', sdp: body });
  return {
    status: res.status,
    location: res.headers.get('location'),
    body,
    packets,
    connected: (ms = 10_000) =>
      pc.connectionState === 'connected'
        ? Promise.resolve()
        : pc.connectionStateChange.watch((s) => s === 'connected', ms).then(() => undefined),
    close: () => pc.close(),
  };
}

/** Parses the VP8 payload descriptor (RFC 7741 §4.2): start-of-frame flag and key-frame bit. */
export function vp8Info(payload: Buffer): { start: boolean; key: boolean } {
  const b0 = payload[0] ?? 0;
  let at = 1;
  if (b0 & 0x80) {
    const x = payload[at++] ?? 0;
    if (x & 0x80) at += (payload[at] ?? 0) & 0x80 ? 2 : 1; // PictureID, 7 or 15 bits
    if (x & 0x40) at += 1; // TL0PICIDX
    if (x & 0x30) at += 1; // TID/KEYIDX
  }
  const start = (b0 & 0x10) !== 0 && (b0 & 0x0f) === 0;
  // VP8 payload header, first byte bit 0: P (inverse key frame), only meaningful at frame start.
  return { start, key: start && ((payload[at] ?? 1) & 1) === 0 };
}
