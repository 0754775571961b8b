// A WHEP viewer (draft-ietf-wish-whep): recvonly video (+audio) RTCPeerConnection, the offer POSTed as
// application/sdp once ICE gathering is complete (no trickle), the 201 answer applied, and the session
// ended with DELETE on its Location.
export interface Sample {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly kbps: number;
}

/** Gathering rarely takes long on a host-only network; a stuck gatherer must not block the offer. */
const GATHER_LIMIT_MS = 3000;
/** From the answer to the first packets: well under a second on one machine, seconds over a network. */
const CONNECT_LIMIT_MS = 20_000;

/**
 * Chromium offers no ICE candidate when the machine's only network interface is loopback (or a policy
 * forbids UDP); no connection can come of such an offer, so say why instead of waiting for nothing.
 */
export const NO_CANDIDATE_MESSAGE =
  'this machine gives WebRTC no network interface (only loopback is up, or UDP is disabled by policy)';

export class WhepPlayer {
  private location: string | undefined;
  private last: { bytes: number; at: number } | undefined;
  readonly stream = new MediaStream();

  private constructor(
    readonly pc: RTCPeerConnection,
    private readonly endpoint: string,
  ) {}

  /** Opens a session; resolves with the player and the Location as the server sent it. */
  static async open(endpoint: string): Promise<{ player: WhepPlayer; location: string }> {
    const pc = new RTCPeerConnection();
    const player = new WhepPlayer(pc, endpoint);
    pc.addTransceiver('video', { direction: 'recvonly' });
    pc.addTransceiver('audio', { direction: 'recvonly' });
    pc.ontrack = (event) => player.stream.addTrack(event.track);
    try {
      await pc.setLocalDescription(await pc.createOffer());
      await gathered(pc);
      if (!/^a=candidate:/m.test(pc.localDescription?.sdp ?? '')) throw new Error(NO_CANDIDATE_MESSAGE);
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/sdp' },
        body: pc.localDescription?.sdp ?? '',
      });
      const body = await res.text();
      if (res.status !== 201) throw new Error(`WHEP ${res.status}: ${body.slice(0, 300)}`);
      const location = res.headers.get('Location');
      if (location) player.location = new URL(location, endpoint).href;
      await pc.setRemoteDescription({ type: 'answer', sdp: body });
      return { player, location: location ?? '' };
    } catch (error) {
      pc.close();
      throw error;
    }
  }

  /** Resolves once media can flow (ICE and DTLS connected); rejects if that does not happen in time. */
  connected(limitMs = CONNECT_LIMIT_MS): Promise<void> {
    const pc = this.pc;
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const s = pc.connectionState;
        if (s === 'connected') resolve();
        else if (s === 'failed' || s === 'closed') reject(new Error(`connection ${s}`));
        else return false;
        return true;
      };
      if (check()) return;
      const timer = setTimeout(
        () =>
          reject(
            new Error(`no connection to the stream after ${limitMs / 1000} s (ICE ${pc.iceConnectionState})`),
          ),
        limitMs,
      );
      pc.addEventListener('connectionstatechange', () => check() && clearTimeout(timer));
    });
  }

  /** Resolution, frame rate and bitrate since the previous call, from `inbound-rtp` video. */
  async sample(): Promise<Sample | undefined> {
    const report = await this.pc.getStats();
    let found: Sample | undefined;
    report.forEach((s: RTCStats) => {
      const r = s as RTCInboundRtpStreamStats & { kind?: string };
      if (r.type !== 'inbound-rtp' || r.kind !== 'video') return;
      const bytes = r.bytesReceived ?? 0;
      const prev = this.last;
      this.last = { bytes, at: r.timestamp };
      const seconds = prev ? (r.timestamp - prev.at) / 1000 : 0;
      found = {
        width: r.frameWidth ?? 0,
        height: r.frameHeight ?? 0,
        fps: r.framesPerSecond ?? 0,
        kbps: prev && seconds > 0 ? ((bytes - prev.bytes) * 8) / 1000 / seconds : 0,
      };
    });
    return found;
  }

  /** Ends the session on the server (DELETE) and closes the connection. */
  async stop(): Promise<void> {
    const location = this.location;
    this.location = undefined;
    // DELETE first: closing the connection first makes the server see a failed peer, not a viewer leaving.
    if (location) await fetch(location, { method: 'DELETE' }).catch(() => undefined);
    this.pc.close();
  }

  get url(): string {
    return this.endpoint;
  }
}

function gathered(pc: RTCPeerConnection): Promise<void> {
  return new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    const timer = setTimeout(resolve, GATHER_LIMIT_MS);
    pc.addEventListener('icegatheringstatechange', () => {
      if (pc.iceGatheringState !== 'complete') return;
      clearTimeout(timer);
      resolve();
    });
  });
}
