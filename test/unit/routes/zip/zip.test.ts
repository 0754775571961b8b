// The ZIP writer round-trips, and the reader refuses every malicious archive we can build by hand.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readZip, withZipFile, writeZip, ZipError, type ZipRule } from '../../../../src/routes/zip/zip';

const text = (s: string): Buffer => Buffer.from(s, 'utf8');

/** Offset of the central directory of an archive without a comment. */
function centralOffset(zip: Buffer): number {
  return zip.readUInt32LE(zip.length - 22 + 16);
}

/** Replaces every occurrence of a name (local and central headers); same length keeps offsets valid. */
function renameAll(zip: Buffer, from: string, to: string): Buffer {
  assert.equal(Buffer.byteLength(from), Buffer.byteLength(to), 'test helper needs equal lengths');
  const out = Buffer.from(zip);
  const needle = text(from);
  for (let i = out.indexOf(needle); i !== -1; i = out.indexOf(needle, i + 1)) text(to).copy(out, i);
  return out;
}

function rejects(run: () => unknown, rule: ZipRule): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(ZipError.is(error), `expected ZipError, got ${String(error)}`);
    assert.equal(error.rule, rule, error.message);
    return true;
  });
}

void describe('zip: writer and reader round trip', () => {
  it('stores and deflates entries that read back byte for byte', () => {
    const big = text('<Placemark/>\n'.repeat(2000));
    const zip = writeZip([
      { name: 'wpmz/', data: Buffer.alloc(0) },
      { name: 'wpmz/template.kml', data: big },
      { name: 'wpmz/res/raw.bin', data: text('stored'), compress: false },
      { name: 'wpmz/ünïcode.txt', data: text('utf-8 name') },
    ]);
    assert.equal(zip.readUInt32LE(0), 0x04034b50);
    const entries = readZip(zip);
    assert.deepEqual(
      entries.map((e) => [e.name, e.isDirectory, e.size]),
      [
        ['wpmz/', true, 0],
        ['wpmz/template.kml', false, big.length],
        ['wpmz/res/raw.bin', false, 6],
        ['wpmz/ünïcode.txt', false, 10],
      ],
    );
    const kml = entries[1];
    assert.ok(kml && kml.compressedSize < big.length / 10, 'repetitive text was deflated');
    assert.ok(kml.data().equals(big));
    assert.equal(kml.data(), kml.data(), 'data() is computed once');
    assert.equal(entries[2]?.compressedSize, 6, 'compress: false stores');
    assert.equal(entries[3]?.data().toString(), 'utf-8 name');
  });

  it('is deterministic and finds the end record behind an archive comment', () => {
    const entries = [{ name: 'a.txt', data: text('hello') }];
    assert.ok(writeZip(entries).equals(writeZip(entries)));
    const zip = writeZip(entries);
    const comment = text('x'.repeat(300));
    zip.writeUInt16LE(comment.length, zip.length - 2);
    assert.equal(
      readZip(Buffer.concat([zip, comment]))[0]
        ?.data()
        .toString(),
      'hello',
    );
  });

  it('refuses to write unsafe or duplicate names', () => {
    rejects(() => writeZip([{ name: '../x', data: text('') }]), 'zip.unsafe_path');
    rejects(
      () =>
        writeZip([
          { name: 'a', data: text('') },
          { name: 'a', data: text('') },
        ]),
      'zip.duplicate_name',
    );
  });
});

void describe('zip: hostile archives', () => {
  it('rejects data that is not a ZIP, and an archive without entries', () => {
    rejects(() => readZip(Buffer.alloc(0)), 'zip.not_zip');
    rejects(() => readZip(text('PK this is not really a zip file at all')), 'zip.not_zip');
    rejects(() => readZip(writeZip([])), 'zip.empty');
  });

  it('limits the number of entries', () => {
    const many = (n: number): Buffer =>
      writeZip(Array.from({ length: n }, (_, i) => ({ name: `f${i}`, data: text('') })));
    rejects(() => readZip(many(1001)), 'zip.too_many_entries');
    assert.equal(readZip(many(1000)).length, 1000);
    rejects(() => readZip(many(5), { maxEntries: 4 }), 'zip.too_many_entries');
  });

  it('rejects a zip bomb by its compression ratio and by total size', () => {
    const bomb = writeZip([{ name: 'wpmz/waylines.wpml', data: Buffer.alloc(20 * 1024 * 1024) }]);
    assert.ok(bomb.length < 100_000);
    rejects(() => readZip(bomb), 'zip.ratio');
    const two = writeZip([
      { name: 'a', data: Buffer.alloc(600), compress: false },
      { name: 'b', data: Buffer.alloc(600), compress: false },
    ]);
    assert.equal(readZip(two, { maxTotalSize: 1200 }).length, 2);
    rejects(() => readZip(two, { maxTotalSize: 1199 }), 'zip.too_large');
  });

  it('never inflates past the declared size, whatever the headers claim', () => {
    const zip = writeZip([{ name: 'liar.kml', data: Buffer.alloc(4 * 1024 * 1024) }]);
    const central = centralOffset(zip);
    zip.writeUInt32LE(1000, 22); // local uncompressed size
    zip.writeUInt32LE(1000, central + 24); // central uncompressed size: passes the ratio gate
    const [entry] = readZip(zip);
    assert.equal(entry?.size, 1000);
    rejects(() => entry?.data(), 'zip.too_large');
  });

  for (const name of [
    '../evil.kml',
    'wpmz/../../etc/x',
    '/etc/passwd',
    'C:/Windows/x',
    'wpmz\\template.kml',
    'a\u0001b',
  ]) {
    it(`rejects the path traversal name ${JSON.stringify(name)}`, () => {
      const placeholder = 'p'.repeat(Buffer.byteLength(name));
      const zip = renameAll(writeZip([{ name: placeholder, data: text('x') }]), placeholder, name);
      rejects(() => readZip(zip), 'zip.unsafe_path');
    });
  }

  it('rejects duplicated names', () => {
    const zip = renameAll(
      writeZip([
        { name: 'wpmz/aaaa', data: text('1') },
        { name: 'wpmz/bbbb', data: text('2') },
      ]),
      'bbbb',
      'aaaa',
    );
    rejects(() => readZip(zip), 'zip.duplicate_name');
  });

  it('rejects encrypted entries and unknown compression methods', () => {
    const zip = writeZip([{ name: 'a.kml', data: text('secret') }]);
    const encrypted = Buffer.from(zip);
    encrypted.writeUInt16LE(encrypted.readUInt16LE(centralOffset(zip) + 8) | 1, centralOffset(zip) + 8);
    rejects(() => readZip(encrypted), 'zip.encrypted');
    const bzip2 = Buffer.from(zip);
    bzip2.writeUInt16LE(12, centralOffset(zip) + 10);
    rejects(() => readZip(bzip2), 'zip.unsupported_method');
  });

  it('checks the CRC-32 of the extracted data', () => {
    const zip = writeZip([{ name: 'a.kml', data: text('<kml/>'), compress: false }]);
    const body = zip.indexOf(text('<kml/>'));
    zip[body + 1] = 'x'.charCodeAt(0);
    const [entry] = readZip(zip);
    rejects(() => entry?.data(), 'zip.crc_mismatch');
  });

  it('rejects ZIP64 archives and corrupt structures', () => {
    const zip = writeZip([{ name: 'a.kml', data: text('<kml/>') }]);
    const zip64 = Buffer.from(zip);
    zip64.writeUInt32LE(0xffffffff, zip.length - 22 + 16);
    rejects(() => readZip(zip64), 'zip.zip64');
    const moved = Buffer.from(zip);
    moved.writeUInt32LE(zip.length, zip.length - 22 + 16);
    rejects(() => readZip(moved), 'zip.corrupt');
    const garbage = Buffer.from(zip);
    deflateRawSync(text('junk')).copy(garbage, 30 + 5);
    assert.throws(() => readZip(garbage)[0]?.data(), ZipError);
  });

  it('rejects an entry whose local name differs from its central name', () => {
    const zip = writeZip([{ name: 'wpmz/template.kml', data: text('<kml/>') }]);
    text('wpmz/templatX.kml').copy(zip, 30);
    const [entry] = readZip(zip);
    rejects(() => entry?.data(), 'zip.corrupt');
  });

  it('lists an entry above the per-entry limit but refuses to read it', () => {
    const zip = writeZip([
      { name: 'wpmz/template.kml', data: text('<kml/>') },
      { name: 'wpmz/res/big.bin', data: Buffer.alloc(3000, 7), compress: false },
    ]);
    const [small, big] = readZip(zip, { maxEntrySize: 2000 });
    assert.equal(big?.size, 3000);
    assert.equal(small?.data().toString(), '<kml/>');
    rejects(() => big?.data(), 'zip.too_large');
    assert.equal(readZip(zip, { maxEntrySize: 3000 })[1]?.data().length, 3000);
  });

  it('reads an archive from a file on demand, as from a buffer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fh2-zip-'));
    try {
      const entries = [
        { name: 'wpmz/template.kml', data: text('<kml>template</kml>') },
        { name: 'wpmz/waylines.wpml', data: text('<kml>waylines</kml>'.repeat(100)) },
      ];
      const zip = writeZip(entries);
      const path = join(dir, 'route.kmz');
      await writeFile(path, zip);
      const read = await withZipFile(path, (source) => {
        assert.equal(source.size, zip.length);
        return readZip(source).map((e) => [e.name, e.data().toString()]);
      });
      assert.deepEqual(
        read,
        entries.map((e) => [e.name, e.data.toString()]),
      );
      // A file cut short: the directory is gone, so it is no ZIP; reads stop where the file ends.
      await writeFile(path, zip.subarray(0, zip.length - 10));
      await withZipFile(path, (source) => {
        assert.equal(source.read(source.size - 4, 100).length, 4);
        rejects(() => readZip(source), 'zip.not_zip');
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
