// The simulator's media files are what their names say (real JPEG, H.264 MP4 without audio, RINEX),
// small enough to ship, and loaded once per folder.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { defaultAssetsDir, loadAssets } from '../../../src/simulator/assets';

interface Box {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

/** ISO BMFF boxes in buf[start, end): 32-bit size + 4-char type (64-bit sizes are not used here). */
function boxes(buf: Buffer, start = 0, end = buf.length): Box[] {
  const out: Box[] = [];
  for (let pos = start; pos + 8 <= end;) {
    const size = buf.readUInt32BE(pos);
    assert.ok(size >= 8 && pos + size <= end, `box at ${pos} has a bad size ${size}`);
    out.push({ type: buf.toString('latin1', pos + 4, pos + 8), start: pos, end: pos + size });
    pos += size;
  }
  return out;
}

function child(buf: Buffer, parent: Box, type: string, headerExtra = 0): Box[] {
  return boxes(buf, parent.start + 8 + headerExtra, parent.end).filter((b) => b.type === type);
}

/** The sample-entry types of every track: moov/trak/mdia/minf/stbl/stsd (ISO/IEC 14496-12 §8.5.2). */
function sampleEntries(mp4: Buffer): string[] {
  const [moov] = boxes(mp4).filter((b) => b.type === 'moov');
  assert.ok(moov, 'moov box');
  return child(mp4, moov, 'trak').flatMap((trak) =>
    child(mp4, trak, 'mdia').flatMap((mdia) =>
      child(mp4, mdia, 'minf').flatMap((minf) =>
        child(mp4, minf, 'stbl').flatMap((stbl) =>
          // stsd is a full box: version/flags (4) and entry count (4) precede the entries.
          child(mp4, stbl, 'stsd').flatMap((stsd) =>
            boxes(mp4, stsd.start + 16, stsd.end).map((b) => b.type),
          ),
        ),
      ),
    ),
  );
}

void describe('simulator assets', () => {
  it('are found next to the compiled code and in the repository sources', () => {
    const dir = defaultAssetsDir();
    assert.equal(resolve(dir), resolve(__dirname, '../../../../src/simulator/assets'));
  });

  it('contain six distinct, complete, small JPEG photos', () => {
    const { images } = loadAssets(defaultAssetsDir());
    assert.equal(images.length, 6);
    for (const [i, jpeg] of images.entries()) {
      assert.equal(jpeg.readUInt16BE(0), 0xffd8, `photo ${i + 1} starts with SOI`);
      assert.equal(jpeg.readUInt16BE(jpeg.length - 2), 0xffd9, `photo ${i + 1} ends with EOI`);
      assert.ok(jpeg.length <= 40 * 1024, `photo ${i + 1} is ${jpeg.length} bytes`);
    }
    const digests = new Set(images.map((b) => createHash('sha256').update(b).digest('hex')));
    assert.equal(digests.size, 6);
  });

  it('contain a progressive-playback H.264 MP4 without an audio track', () => {
    const { video } = loadAssets(defaultAssetsDir());
    assert.ok(video.length <= 300 * 1024, `video is ${video.length} bytes`);
    const top = boxes(video).map((b) => b.type);
    assert.equal(top[0], 'ftyp');
    assert.ok(top.indexOf('moov') < top.indexOf('mdat'), 'faststart: moov before mdat');
    assert.deepEqual(sampleEntries(video), ['avc1']);
    assert.equal(video.indexOf('mp4a'), -1, 'no AAC audio anywhere');
  });

  it('contain a small RINEX observation file as the PPK log', () => {
    const { ppk } = loadAssets(defaultAssetsDir());
    assert.ok(ppk.length > 0 && ppk.length <= 20 * 1024, `ppk is ${ppk.length} bytes`);
    const lines = ppk.toString('ascii').split('\n');
    assert.match(lines[0] ?? '', /^ {5}3\.03 {11}OBSERVATION DATA {4}.{20}RINEX VERSION \/ TYPE$/);
    assert.ok(lines.some((l) => l.trimEnd().endsWith('END OF HEADER')));
    assert.ok(
      lines.some((l) => l.startsWith('> 2024 01 01 00 00')),
      'has epochs',
    );
  });

  it('stay under 1 MB in total', () => {
    const { images, video, ppk } = loadAssets(defaultAssetsDir());
    const total = [...images, video, ppk].reduce((sum, b) => sum + b.length, 0);
    assert.ok(total < 1024 * 1024, `${total} bytes`);
  });

  it('are read once per folder', () => {
    const dir = defaultAssetsDir();
    assert.equal(loadAssets(dir), loadAssets(join(dir, '.')), 'the same folder, spelled differently');
    const copy = mkdtempSync(join(tmpdir(), 'fh2-assets-'));
    try {
      cpSync(dir, copy, { recursive: true });
      const other = loadAssets(copy);
      assert.notEqual(other, loadAssets(dir));
      writeFileSync(join(copy, 'video.mp4'), 'changed');
      assert.equal(loadAssets(copy).video, other.video, 'cached: later changes on disk are not re-read');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('fail clearly for a folder without photos', () => {
    const empty = mkdtempSync(join(tmpdir(), 'fh2-empty-'));
    try {
      assert.throws(() => loadAssets(empty), /make-sim-assets/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
