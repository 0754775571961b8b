// File names for downloaded media: untrusted names from the server become safe, distinct file names.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Media } from '../../../../src/api/schemas/task';
import { UniqueNames } from '../../../../src/core/fileName';
import { downloadItems, fileNames } from '../../../../src/features/media/items';

/** The file name media gets, through the same path as the download (src/fileName.ts does the work). */
function mediaName(name: string, suffix: string | null): string {
  const media = { uuid: 'm', name, suffix, file_type: 'image', size: 1, original_url: null } as Media;
  return fileNames([media]).get('m') ?? '';
}

describe('media file names', () => {
  it('drops traversal and path separators', () => {
    for (const name of ['../x', '..\\x', '/etc/passwd', 'a/b', 'a\\b', '..', '.', '...']) {
      const safe = mediaName(name, 'jpg');
      assert.doesNotMatch(safe, /[/\\]/, name);
      assert.ok(!safe.startsWith('.'), `${name} → ${safe}`);
      assert.ok(safe.endsWith('.jpg'));
    }
    assert.equal(mediaName('a/b', 'jpg'), 'a_b.jpg');
    assert.equal(mediaName('..', 'jpg'), 'media.jpg');
    assert.equal(mediaName('../x', null), '_x');
  });

  it('avoids Windows reserved device names with any extension', () => {
    assert.equal(mediaName('CON', 'jpg'), '_CON.jpg');
    assert.equal(mediaName('CON.jpg', 'jpg'), '_CON.jpg');
    assert.equal(mediaName('nul', 'mp4'), '_nul.mp4');
    assert.equal(mediaName('com1.tar', 'gz'), '_com1.tar.gz');
    assert.equal(mediaName('LPT9', null), '_LPT9');
    assert.equal(mediaName('CONSOLE', 'jpg'), 'CONSOLE.jpg');
  });

  it('replaces control and forbidden characters, trims trailing dots and spaces', () => {
    assert.equal(mediaName('a\u0001b\u007fc\td', 'jpg'), 'a_b_c_d.jpg');
    assert.equal(mediaName('what?<is>:"this"|*', 'jpg'), 'what__is___this___.jpg');
    assert.equal(mediaName('name. . ', 'jpg'), 'name.jpg');
    assert.equal(mediaName('photo', '.jpg. '), 'photo.jpg');
    assert.equal(mediaName('', ''), 'media');
  });

  it('caps the length in bytes without splitting characters', () => {
    const safe = mediaName('航'.repeat(300), 'jpg');
    assert.ok(Buffer.byteLength(safe) <= 200, `${Buffer.byteLength(safe)} bytes`);
    assert.match(safe, /^航+\.jpg$/);
  });

  it('gives duplicates distinct names, case-insensitively', () => {
    const names = new UniqueNames();
    assert.deepEqual(
      ['a.jpg', 'A.jpg', 'a.jpg', 'a (2).jpg', 'b'].map((n) => names.next(n)),
      ['a.jpg', 'A (2).jpg', 'a (3).jpg', 'a (2) (2).jpg', 'b'],
    );
  });

  it('names a list the same way for a selection as for all of it', () => {
    const media = (uuid: string, name: string): Media => ({
      uuid,
      name,
      file_type: 'image',
      suffix: 'jpg',
      size: 1,
      original_url: `http://127.0.0.1/${uuid}`,
    });
    const list = [
      media('1', 'CON'),
      media('2', '../CON'),
      media('3', 'con'),
      { ...media('4', 'x'), original_url: null },
    ];
    const all = downloadItems(list);
    assert.deepEqual(
      all.items.map((i) => i.fileName),
      ['_CON.jpg', '_CON (2).jpg', '_con (3).jpg'],
    );
    assert.deepEqual(all.missing, ['x.jpg']);
    assert.deepEqual(
      downloadItems(list, new Set(['3'])).items.map((i) => i.fileName),
      ['_con (3).jpg'],
    );
  });
});
