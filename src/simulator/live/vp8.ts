// VP8 RTP payloads (RFC 7741 §4.2): each packet carries a payload descriptor and a slice of the frame.
// We send the extended descriptor with a 15-bit PictureID, which lets the receiver tell a lost frame
// from a late one; the marker bit (set by the caller) closes the frame.
export const VP8_CLOCK_RATE = 90_000;

/**
 * Frame bytes per packet. 1200 leaves room for the RTP header, header extensions and SRTP tag inside a
 * 1500-byte Ethernet MTU, which is what browsers assume too.
 */
export const MAX_PAYLOAD = 1200;
const DESCRIPTOR = 4;

/** Splits one VP8 frame into RTP payloads; `pictureId` is taken modulo 2^15. */
export function packetizeVp8(frame: Buffer, pictureId: number, maxPayload = MAX_PAYLOAD): Buffer[] {
  const chunk = maxPayload - DESCRIPTOR;
  if (chunk <= 0) throw new Error(`maxPayload ${maxPayload} leaves no room for VP8 data`);
  const pid = pictureId & 0x7fff;
  const payloads: Buffer[] = [];
  for (let at = 0; at < frame.length || payloads.length === 0; at += chunk) {
    const slice = frame.subarray(at, Math.min(at + chunk, frame.length));
    const out = Buffer.allocUnsafe(DESCRIPTOR + slice.length);
    // X=1 (extensions present), N=0, S=1 on the first packet of the frame, PID (partition) = 0.
    out[0] = 0x80 | (at === 0 ? 0x10 : 0);
    out[1] = 0x80; // I=1: a PictureID follows.
    out[2] = 0x80 | (pid >> 8); // M=1: the 15-bit form.
    out[3] = pid & 0xff;
    slice.copy(out, DESCRIPTOR);
    payloads.push(out);
  }
  return payloads;
}
