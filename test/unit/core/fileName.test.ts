// The one file-name sanitizer every written file goes through (src/fileName.ts): Windows device names,
// forbidden and control characters, dots and spaces at the ends, a length in UTF-8 bytes, fallbacks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_FILE_NAME_BYTES, sanitizeFileName } from '../../../src/core/fileName';

const bytes = (s: string): number => Buffer.byteLength(s);

void describe('sanitizeFileName', () => {
  it('never yields a Windows device name, with any extension and in any case', () => {
    const cases: [string, string | undefined, string][] = [
      ['CON', 'geojson', '_CON.geojson'],
      ['CON.geojson', 'geojson', '_CON.geojson'],
      ['con', 'kmz', '_con.kmz'],
      ['con', undefined, '_con'],
      ['CON.backup', 'kmz', '_CON.backup.kmz'],
      ['Prn', 'json', '_Prn.json'],
      ['aux.tar', 'gz', '_aux.tar.gz'],
      ['NUL ', 'json', '_NUL.json'],
      ['nul .txt', 'json', '_nul .txt.json'],
      ['COM1', 'kmz', '_COM1.kmz'],
      ['com9.route', 'kmz', '_com9.route.kmz'],
      ['LPT1', 'geojson', '_LPT1.geojson'],
      ['lpt9', 'jpg', '_lpt9.jpg'],
      ['COM¹', 'jpg', '_COM¹.jpg'],
      ['CONIN$', 'json', '_CONIN$.json'],
      ['CON.', 'kmz', '_CON.kmz'],
      ['...CON', 'kmz', '_CON.kmz'],
    ];
    for (const [name, ext, expected] of cases) assert.equal(sanitizeFileName(name, ext), expected, name);
  });

  it('leaves names that only start like a device name alone', () => {
    for (const name of ['CONSOLE', 'Contour', 'COM10', 'LPT', 'auxiliary', 'nullable', 'PRN2'])
      assert.equal(sanitizeFileName(name, 'kmz'), `${name}.kmz`);
  });

  it('replaces forbidden and control characters and path separators', () => {
    assert.equal(sanitizeFileName('a:b', 'kmz'), 'a_b.kmz');
    assert.equal(sanitizeFileName('a/b\\c', 'kmz'), 'a_b_c.kmz');
    assert.equal(sanitizeFileName('what?<is>:"this"|*', 'jpg'), 'what__is___this___.jpg');
    assert.equal(sanitizeFileName('a\u0001b\u007fc\td\u0085e\ny', 'json'), 'a_b_c_d_e_y.json');
    // A right-to-left override would show "photo\u202Egpj.exe" as "photoexe.jpg".
    assert.equal(sanitizeFileName('photo\u202egpj.exe', 'kmz'), 'photo_gpj.exe.kmz');
    assert.equal(sanitizeFileName('route', 'k:mz'), 'route.k_mz');
  });

  it('refuses traversal and hidden names', () => {
    for (const name of ['..', '.', '...', ' ', '', '. .', '\u0000']) {
      const safe = sanitizeFileName(name, 'kmz', { fallback: 'route' });
      assert.equal(safe, name === '\u0000' ? '_.kmz' : 'route.kmz', JSON.stringify(name));
    }
    assert.equal(sanitizeFileName('../../etc/passwd', null), '_.._etc_passwd');
    assert.equal(sanitizeFileName('.hidden', 'json'), 'hidden.json');
    assert.equal(sanitizeFileName('', 'json'), 'file.json', 'the default fallback');
    assert.equal(sanitizeFileName('..', 'json', { fallback: '..' }), 'file.json', 'a bad fallback');
    assert.equal(sanitizeFileName('', null, { fallback: 'CON' }), '_CON');
  });

  it('trims dots and spaces that Windows drops, on the name and on the extension', () => {
    assert.equal(sanitizeFileName('name. . ', 'jpg'), 'name.jpg');
    assert.equal(sanitizeFileName('  Harbor loop  ', 'kmz'), 'Harbor loop.kmz');
    assert.equal(sanitizeFileName('photo', '.jpg. '), 'photo.jpg');
    assert.equal(sanitizeFileName('photo', '...'), 'photo');
  });

  it('adds the extension once, whatever the case of the one already there', () => {
    assert.equal(sanitizeFileName('Patrol.kmz', 'kmz'), 'Patrol.kmz');
    assert.equal(sanitizeFileName('Patrol.KMZ', '.kmz'), 'Patrol.kmz');
    assert.equal(sanitizeFileName('flight.geojson', 'geojson'), 'flight.geojson');
    assert.equal(sanitizeFileName('v1.2', 'json'), 'v1.2.json');
    assert.equal(sanitizeFileName('.kmz', 'kmz', { fallback: 'route' }), 'route.kmz');
  });

  it('keeps letters of any script and emoji', () => {
    assert.equal(sanitizeFileName('巡检航线 🚁', 'kmz'), '巡检航线 🚁.kmz');
    assert.equal(sanitizeFileName('Cafe\u0301', 'json'), 'Café.json', 'NFC');
  });

  it('caps the length in UTF-8 bytes and keeps the extension', () => {
    for (const unit of ['a', '航', '🚁', '👨‍👩‍👧']) {
      const safe = sanitizeFileName(unit.repeat(300), 'geojson');
      assert.ok(bytes(safe) <= MAX_FILE_NAME_BYTES, `${unit}: ${bytes(safe)} bytes`);
      assert.ok(bytes(safe) > MAX_FILE_NAME_BYTES - 30, `${unit}: not cut more than needed`);
      assert.ok(safe.endsWith('.geojson'));
      // No character (or emoji sequence) cut in half.
      const stem = safe.slice(0, -'.geojson'.length);
      assert.equal(stem, unit.repeat(stem.length / unit.length), unit);
    }
    assert.equal(sanitizeFileName('x'.repeat(300), 'kmz', { maxBytes: 40 }), `${'x'.repeat(35)}.kmz`);
    const reserved = sanitizeFileName(`CON.${'x'.repeat(300)}`, 'kmz');
    assert.ok(reserved.startsWith('_CON.') && bytes(reserved) <= MAX_FILE_NAME_BYTES, reserved);
  });

  it('with portable, keeps only letters, digits, dot, underscore and hyphen (object keys)', () => {
    const portable = { portable: true, fallback: 'route' } as const;
    assert.equal(sanitizeFileName('Harbor loop #2 (north)', 'kmz', portable), 'Harbor_loop__2__north_.kmz');
    assert.equal(sanitizeFileName('巡检航线-01', 'kmz', portable), '巡检航线-01.kmz');
    assert.equal(sanitizeFileName('CON', 'kmz', portable), '_CON.kmz');
    assert.equal(sanitizeFileName('🚁', 'kmz', portable), '_.kmz');
    assert.equal(sanitizeFileName('...', 'kmz', portable), 'route.kmz');
    const long = sanitizeFileName('a b'.repeat(100), 'kmz', portable);
    assert.match(long, /^[ab_]+\.kmz$/);
    assert.ok(bytes(long) <= MAX_FILE_NAME_BYTES);
  });
});
