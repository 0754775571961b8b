// The vscode-free half of the `flighthub-kmz:` file system: URIs, the archive tree, the cache.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  diffPaths,
  KMZ_SCHEME,
  KmzArchive,
  KmzCache,
  KmzEntryError,
  kmzUriParts,
  MAX_KMZ_BYTES,
  parseKmzUri,
} from '../../../src/routes/kmzArchive';
import { writeZip, ZipError, type ZipRule } from '../../../src/routes/zip/zip';
import { baseFiles, centralDirectory, kmzOf, renameEntry, TEMPLATE, WAYLINES } from './wpml/corpus/route';

const text = (s: string) => Buffer.from(s, 'utf8');

function rejects(run: () => unknown, rule: ZipRule): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(ZipError.is(error), `expected ZipError, got ${String(error)}`);
    assert.equal(error.rule, rule, error.message);
    return true;
  });
}

void describe('kmz URIs', () => {
  it('carry the whole source URI in the query and the file name first in the path', () => {
    const source = 'file:///home/me/my%20routes/%E8%88%AA%E7%BA%BF.kmz';
    const parts = kmzUriParts(source, '航线.kmz', 'wpmz/template.kml');
    assert.deepEqual(parts, { scheme: KMZ_SCHEME, path: '/航线.kmz/wpmz/template.kml', query: source });
    assert.deepEqual(parseKmzUri(parts), { source, label: '航线.kmz', entry: 'wpmz/template.kml' });
    assert.deepEqual(parseKmzUri(kmzUriParts(source, 'a b.kmz')), { source, label: 'a b.kmz', entry: '' });
    assert.deepEqual(parseKmzUri({ ...parts, path: '/a.kmz/wpmz//res/' }), {
      source,
      label: 'a.kmz',
      entry: 'wpmz/res',
    });
  });

  it('are refused without a source, a name or the scheme', () => {
    assert.equal(parseKmzUri({ scheme: 'file', path: '/a.kmz/x', query: 'file:///a.kmz' }), undefined);
    assert.equal(parseKmzUri({ scheme: KMZ_SCHEME, path: '/a.kmz/x', query: '' }), undefined);
    assert.equal(parseKmzUri({ scheme: KMZ_SCHEME, path: '/', query: 'file:///a.kmz' }), undefined);
  });
});

void describe('kmz archive tree', () => {
  const files = baseFiles();

  it('lists a generated route with its implicit wpmz folder and reads entries byte for byte', () => {
    const archive = KmzArchive.read(kmzOf({ ...files, 'wpmz/res/photo.jpg': Buffer.from([1, 2, 3]) }));
    assert.deepEqual(archive.list(''), [['wpmz', 'directory']]);
    assert.deepEqual(archive.list('wpmz'), [
      ['template.kml', 'file'],
      ['waylines.wpml', 'file'],
      ['res', 'directory'],
    ]);
    assert.deepEqual(archive.paths(), ['wpmz', TEMPLATE, WAYLINES, 'wpmz/res', 'wpmz/res/photo.jpg']);
    assert.ok(archive.read(TEMPLATE).equals(text(String(files[TEMPLATE]))));
    assert.deepEqual([...archive.read('wpmz/res/photo.jpg')], [1, 2, 3]);
    assert.equal(archive.lookup('').kind, 'directory');
  });

  it('says what is missing, not a folder, or a folder', () => {
    const archive = KmzArchive.read(kmzOf(files));
    const reason = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        assert.ok(KmzEntryError.is(error));
        return error.reason;
      }
      return 'no error';
    };
    assert.equal(
      reason(() => archive.read('wpmz/nothing.kml')),
      'not_found',
    );
    assert.equal(
      reason(() => archive.read(`${TEMPLATE}/below`)),
      'not_found',
    );
    assert.equal(
      reason(() => archive.list(TEMPLATE)),
      'not_directory',
    );
    assert.equal(
      reason(() => archive.read('wpmz')),
      'is_directory',
    );
  });

  it('keeps explicit folder entries, empty ones included', () => {
    const archive = KmzArchive.read(
      writeZip([
        { name: 'wpmz/', data: Buffer.alloc(0) },
        { name: 'wpmz/empty/', data: Buffer.alloc(0) },
        { name: 'wpmz/template.kml', data: text('<kml/>') },
      ]),
    );
    assert.deepEqual(archive.paths(), ['wpmz', 'wpmz/empty', 'wpmz/template.kml']);
    assert.deepEqual(archive.list('wpmz/empty'), []);
  });

  it('refuses what the safe reader refuses, and never returns part of an archive', () => {
    rejects(() => KmzArchive.read(text('<kml/> is not a zip')), 'zip.not_zip');
    rejects(
      () =>
        KmzArchive.read(
          renameEntry(kmzOf({ ...files, 'zz/evil.kml': '<x/>' }), 'zz/evil.kml', '../evil.kml'),
        ),
      'zip.unsafe_path',
    );
    rejects(
      () => KmzArchive.read(kmzOf({ ...files, [TEMPLATE]: Buffer.alloc(4 * 1024 * 1024, 0x20) })),
      'zip.ratio',
    );
    const encrypted = Buffer.from(kmzOf(files));
    const central = centralDirectory(encrypted);
    encrypted.writeUInt16LE(encrypted.readUInt16LE(central + 8) | 1, central + 8);
    rejects(() => KmzArchive.read(encrypted), 'zip.encrypted');
    // A damaged last entry fails the whole archive, not just that file.
    const damaged = Buffer.from(kmzOf(files, false));
    const at = damaged.indexOf(text('</kml>'), damaged.indexOf(text(WAYLINES)) + 40) + 2;
    damaged.writeUInt8(damaged.readUInt8(at) ^ 0xff, at);
    rejects(() => KmzArchive.read(damaged), 'zip.crc_mismatch');
  });

  it('refuses names that make no tree: a file that is also a folder, empty or dot segments', () => {
    rejects(
      () =>
        KmzArchive.read(
          writeZip([
            { name: 'wpmz', data: text('x') },
            { name: 'wpmz/template.kml', data: text('<kml/>') },
          ]),
        ),
      'zip.duplicate_name',
    );
    rejects(() => KmzArchive.read(writeZip([{ name: 'wpmz//a.kml', data: text('x') }])), 'zip.unsafe_path');
    rejects(() => KmzArchive.read(writeZip([{ name: './a.kml', data: text('x') }])), 'zip.unsafe_path');
  });
});

void describe('kmz cache', () => {
  const kmz = kmzOf(baseFiles());

  it('reads a source once per stamp, and hands back the version it replaced', async () => {
    const cache = new KmzCache();
    let reads = 0;
    const read = (buf: Buffer) => () => {
      reads++;
      return Promise.resolve(buf);
    };
    const first = await cache.get('file:///a.kmz', { mtime: 1, size: kmz.length }, read(kmz));
    assert.ok('archive' in first.load);
    assert.equal(first.replaced, undefined);
    const again = await cache.get('file:///a.kmz', { mtime: 1, size: kmz.length }, read(kmz));
    assert.equal(again.load, first.load);
    assert.equal(reads, 1);

    const bigger = kmzOf({ ...baseFiles(), 'wpmz/res/new.txt': 'new' });
    const changed = await cache.get('file:///a.kmz', { mtime: 2, size: bigger.length }, read(bigger));
    assert.equal(reads, 2);
    assert.equal(changed.replaced, first.load);
    assert.deepEqual(diffPaths(changed.replaced, changed.load), {
      created: ['wpmz/res', 'wpmz/res/new.txt'],
      changed: ['wpmz', TEMPLATE, WAYLINES],
      deleted: [],
    });
    assert.deepEqual(diffPaths(changed.load, undefined).deleted.length, 5);
  });

  it('keeps a failed load too, and refuses oversized sources without reading them', async () => {
    const cache = new KmzCache();
    let reads = 0;
    const bad = () => {
      reads++;
      return Promise.resolve(text('not a zip'));
    };
    const failed = await cache.get('file:///b.kmz', { mtime: 1, size: 9 }, bad);
    assert.ok('error' in failed.load && ZipError.is(failed.load.error));
    await cache.get('file:///b.kmz', { mtime: 1, size: 9 }, bad);
    assert.equal(reads, 1);
    const huge = await cache.get('file:///c.kmz', { mtime: 1, size: MAX_KMZ_BYTES + 1 }, bad);
    assert.ok(
      'error' in huge.load && ZipError.is(huge.load.error) && huge.load.error.rule === 'zip.too_large',
    );
    assert.equal(reads, 1);
  });

  it('holds a bounded number of archives, least recently used out first', async () => {
    const cache = new KmzCache(2);
    const read = () => Promise.resolve(kmz);
    await cache.get('a', { mtime: 1, size: 1 }, read);
    await cache.get('b', { mtime: 1, size: 1 }, read);
    await cache.get('a', { mtime: 1, size: 1 }, read);
    await cache.get('c', { mtime: 1, size: 1 }, read);
    assert.deepEqual(
      ['a', 'b', 'c'].map((k) => cache.has(k)),
      [true, false, true],
    );
    assert.ok(await cache.forget('a'));
    assert.equal(cache.has('a'), false);
  });
});
