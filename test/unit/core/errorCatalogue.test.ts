// Every business code our API notes list (docs/api.md#error-codes) has a meaning and a remedy, and every
// line of the catalogue has a Simplified Chinese entry. errorText.ts is loaded with the l10n shim.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BusinessError } from '../../../src/api/errors';
import { BUSINESS_CODE_EXPLANATIONS } from '../../../src/core/errorCatalogue';
import { hostModule } from '../../helpers/vscodeShim';

const root = join(__dirname, '..', '..', '..', '..');

const errorText = hostModule<typeof import('../../../src/core/errorText')>('core/errorText');

/** The codes in the first column of docs/api.md's error table; `a – b` is a range. */
export function documentedCodes(markdown: string): { code: number; meaning: string }[] {
  const section = markdown.split(/^## Error codes$/m)[1]?.split(/^## /m)[0] ?? '';
  const rows = section.split('\n').filter((l) => /^\| \d{6}/.test(l));
  return rows.flatMap((row) => {
    const [, codes = '', meaning = ''] = row.split('|').map((c) => c.trim());
    return codes.split(',').flatMap((part) => {
      const [from, to] = part.split('–').map((n) => Number(n.trim()));
      if (from === undefined) return [];
      const last = to ?? from;
      return Array.from({ length: last - from + 1 }, (_, i) => ({ code: from + i, meaning }));
    });
  });
}

describe('business error catalogue', () => {
  const documented = documentedCodes(readFileSync(join(root, 'docs', 'api.md'), 'utf8'));
  const ours = documented;

  it('reads the codes of docs/api.md', () => {
    assert.ok(ours.length >= 40, `only ${ours.length} codes read`);
    assert.ok(
      ours.some((d) => d.code === 210093),
      'the 210088 – 210096 range is expanded',
    );
  });

  it('explains every code listed in docs/api.md#error-codes', () => {
    const missing = ours.filter((d) => errorText.explainCode(d.code) === undefined).map((d) => d.code);
    assert.deepEqual(missing, []);
  });

  it('says what happened and what to do for a catalogue code', () => {
    const text = errorText.describeError(new BusinessError(219017, 'track not ready', 200));
    assert.match(text, /no trajectory for this task yet/);
    assert.match(text, /Wait until the aircraft has flown/);
    assert.match(text, /\[code 219017 \(track not ready\)\]/);
  });

  it('still says the bare code for a code nobody explained', () => {
    assert.equal(errorText.describeError(new BusinessError(299999, '', 200)), 'FlightHub 2 error 299999');
  });

  it('has a Simplified Chinese entry for every catalogue line', () => {
    const zh = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<
      string,
      string
    >;
    const lines = Object.values(BUSINESS_CODE_EXPLANATIONS).flatMap((e) => [e.meaning, e.remedy]);
    const missing = [...new Set(lines)].filter((l) => !zh[l] || zh[l] === l);
    assert.deepEqual(missing, []);
  });
});
