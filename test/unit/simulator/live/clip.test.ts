// The live clip's pieces without WebRTC: the IVF reader on the committed asset, VP8 packetization
// (RFC 7741) and the player's timestamps and key-frame jump.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultAssetsDir } from '../../../../src/simulator/assets';
import { loadClip, parseIvf } from '../../../../src/simulator/live/ivf';
import { ClipPlayer, type RtpOut } from '../../../../src/simulator/live/player';
import { packetizeVp8 } from '../../../../src/simulator/live/vp8';
import { vp8Info } from '../../../helpers/whepClient';

const clip = loadClip(defaultAssetsDir());

describe('live clip', () => {
  it('is 640x360 VP8 at 15 fps with a key frame every second', () => {
    assert.deepEqual([clip.width, clip.height], [640, 360]);
    assert.ok(Math.abs(clip.frameMs - 1000 / 15) < 1e-9);
    assert.equal(clip.frames.length, 60);
    const keys = clip.frames.flatMap((f, i) => (f.key ? [i] : []));
    assert.deepEqual(keys, [0, 15, 30, 45]);
  });

  it('rejects what is not a loopable VP8 IVF file', () => {
    assert.throws(() => parseIvf(Buffer.from('RIFF0000WAVE')), /DKIF/);
    const header = Buffer.alloc(32);
    header.write('DKIF', 0, 'latin1');
    header.writeUInt16LE(32, 6);
    header.write('VP90', 8, 'latin1');
    assert.throws(() => parseIvf(header), /not VP8/);
    header.write('VP80', 8, 'latin1');
    header.writeUInt32LE(15, 16);
    header.writeUInt32LE(1, 20);
    assert.throws(() => parseIvf(header), /no frames/);
    const inter = Buffer.concat([header, Buffer.from([3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3])]);
    assert.throws(() => parseIvf(inter), /key frame/);
    assert.throws(() => parseIvf(inter.subarray(0, inter.length - 1)), /past the end/);
  });
});

describe('VP8 packetization', () => {
  it('splits a frame into descriptor + slices that reassemble to the frame', () => {
    const frame = clip.frames[0]!.data;
    const payloads = packetizeVp8(frame, 0x1234, 500);
    assert.equal(payloads.length, Math.ceil(frame.length / 496));
    assert.ok(payloads.every((p) => p.length <= 500));
    assert.deepEqual(
      payloads.map((p) => vp8Info(p).start),
      payloads.map((_, i) => i === 0),
    );
    assert.ok(vp8Info(payloads[0]!).key);
    assert.equal(payloads[0]!.readUInt16BE(2), 0x8000 | 0x1234);
    assert.deepEqual(Buffer.concat(payloads.map((p) => p.subarray(4))), frame);
    assert.equal(packetizeVp8(Buffer.alloc(0), 1).length, 1, 'an empty frame still makes one packet');
    assert.equal(
      packetizeVp8(frame, 0x18000, 1200)[0]!.readUInt16BE(2),
      0x8000,
      'PictureID wraps at 15 bits',
    );
  });
});

describe('clip player', () => {
  it('stamps frames 90 kHz apart, numbers packets in order, and jumps to a key frame on request', () => {
    const sent: RtpOut[] = [];
    const player = new ClipPlayer(
      clip,
      (p) => sent.push(p),
      () => 0.5,
    );
    player.start(); // frame 0 goes out at once
    player.stop();
    assert.equal(player.framesSent, 1);
    assert.ok(vp8Info(sent[0]!.payload).key);
    assert.ok(sent.at(-1)!.marker);
    player.requestKeyFrame();
    const before = sent.length;
    player.start();
    player.stop();
    const second = sent.slice(before);
    assert.ok(vp8Info(second[0]!.payload).key, 'the frame after a PLI is a key frame');
    const head = second[0]!.payload.subarray(4);
    assert.deepEqual(head, clip.frames[15]!.data.subarray(0, head.length), "it is the clip's next key frame");
    assert.equal((second[0]!.timestamp - sent[0]!.timestamp) >>> 0, 6000);
    assert.equal(sent[0]!.sequenceNumber, 0x8000);
    sent.forEach((p, i) => assert.equal(p.sequenceNumber, (0x8000 + i) & 0xffff));
  });
});
