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
