// ICE and DTLS settings for a stream that never leaves the machine: the simulator, the extension host
// and the viewer (VS Code, code-server's browser, a test's Chromium) all run on one host, so a single
// loopback host candidate is enough, and it works where nothing but loopback exists (CI sandboxes). A
// viewer that only advertises mDNS (.local) names still connects: its checks arrive from its real
// address and are answered as peer-reflexive candidates (RFC 8445 §7.3.1.3).
import type { PeerConfig, RTCPeerConnection } from 'werift';

export const LOOPBACK_ICE: Partial<PeerConfig> = {
  iceServers: [],
  // Host addresses come only from the list below (werift skips loopback when it enumerates them).
  iceUseIpv4: false,
  iceUseIpv6: false,
  iceAdditionalHostAddresses: ['127.0.0.1'],
  iceInterfaceAddresses: { udp4: '127.0.0.1' },
};

/**
 * werift 0.22 falls back to Google's STUN server when none is configured, and candidate gathering
 * (awaited by setLocalDescription) then waits up to 5 s for an answer that cannot come offline. A
 * server-reflexive candidate is useless on loopback, so drop the STUN server before gathering.
 */
export function withoutStun(pc: RTCPeerConnection): void {
  for (const transport of pc.iceTransports) transport.connection.stunServer = undefined;
}

/**
 * Answer `a=setup:passive` (we are the DTLS server) unless the offer insists on being passive itself.
 * werift 0.22 answers `active` by default, and as a DTLS client its last handshake flight keeps a
 * retransmit timer running for ~30 s after the handshake succeeded, which would outlive sessions and
 * keep a stopped simulator's process alive. As the server its flights end with the handshake.
 */
export function preferDtlsServer(pc: RTCPeerConnection, offer: string): void {
  if (/^a=setup:passive\s*$/m.test(offer)) return;
  for (const dtls of pc.dtlsTransports) dtls.role = 'server';
}

/**
 * Drops the offer's mDNS (`*.local`) candidates. werift would resolve each by multicast DNS — a socket
 * on port 5353 of every interface and a 10 s timer per name — only to learn an address the viewer's
 * connectivity checks reveal anyway (they arrive as peer-reflexive candidates).
 */
export function withoutMdnsCandidates(sdp: string): string {
  return sdp
    .split(/\r?\n/)
    .filter((line) => !/^a=candidate:\S+ \d+ \S+ \d+ \S+\.local /i.test(line))
    .join('\r\n');
}
