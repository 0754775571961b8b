// File names for downloaded media: untrusted names from the server become safe, distinct file names.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Media } from '../../src/api/schemas/task';
import { downloadItems } from '../../src/media/items';
import { sanitizeFileName, UniqueNames } from '../../src/media/sanitize';

describe('media file names', () => {
  it('drops traversal and path separators', () => {
    for (const name of ['../x', '..\\x', '/etc/passwd', 'a/b', 'a\\b', '..', '.', '...']) {
      const safe = sanitizeFileName(name, 'jpg');
      assert.doesNotMatch(safe, /[/\\]/, name);
      assert.ok(!safe.startsWith('.'), `${name} → ${safe}`);
      assert.ok(safe.endsWith('.jpg'));
    }
    assert.equal(sanitizeFileName('a/b', 'jpg'), 'a_b.jpg');
    assert.equal(sanitizeFileName('..', 'jpg'), 'media.jpg');
    assert.equal(sanitizeFileName('../x', null), '_x');
  });

  it('avoids Windows reserved device names with any extension', () => {
    assert.equal(sanitizeFileName('CON', 'jpg'), '_CON.jpg');
    assert.equal(sanitizeFileName('CON.jpg', 'jpg'), '_CON.jpg');
    assert.equal(sanitizeFileName('nul', 'mp4'), '_nul.mp4');
    assert.equal(sanitizeFileName('com1.tar', 'gz'), '_com1.tar.gz');
    assert.equal(sanitizeFileName('LPT9', null), '_LPT9');
    assert.equal(sanitizeFileName('CONSOLE', 'jpg'), 'CONSOLE.jpg');
  });

  it('replaces control and forbidden characters, trims trailing dots and spaces', () => {
    assert.equal(sanitizeFileName('a\u0001b\u007fc\td', 'jpg'), 'a_b_c_d.jpg');
    assert.equal(sanitizeFileName('what?<is>:"this"|*', 'jpg'), 'what__is___this___.jpg');
    assert.equal(sanitizeFileName('name. . ', 'jpg'), 'name.jpg');
    assert.equal(sanitizeFileName('photo', '.jpg. '), 'photo.jpg');
    assert.equal(sanitizeFileName('', ''), 'media');
  });

  it('caps the length in bytes without splitting characters', () => {
    const safe = sanitizeFileName('航'.repeat(300), 'jpg');
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
