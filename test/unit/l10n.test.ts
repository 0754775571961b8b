// Every user-facing string goes through vscode.l10n.t; each must have a Simplified Chinese entry, and
// the manifest's %keys% must exist in both package.nls files.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'simulator' ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** String literals passed as the first argument of `l10n.t(` (or of a `const t = vscode.l10n.t` alias). */
export function extractMessages(source: string): string[] {
  const out: string[] = [];
  const aliased = /const t = vscode\.l10n\.t\b/.test(source);
  const re = aliased
    ? /(?:l10n\.t|\bt)\(\s*(['"`])((?:\\.|(?!\1)[\s\S])*?)\1/g
    : /l10n\.t\(\s*(['"`])((?:\\.|(?!\1)[\s\S])*?)\1/g;
  for (const m of source.matchAll(re)) {
    const raw = m[2] ?? '';
    if (m[1] === '`' && raw.includes('${')) continue;
    out.push(raw.replace(/\\(['"`\\])/g, '$1').replace(/\\n/g, '\n'));
  }
  return out;
}

describe('localization', () => {
  const messages = new Set(
    sourceFiles(join(root, 'src')).flatMap((f) => extractMessages(readFileSync(f, 'utf8'))),
  );

  it('finds the extension strings', () => {
    assert.ok(messages.size > 50, `only ${messages.size} strings found`);
  });

  it('has a Chinese translation for every string', () => {
    const zh = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<
      string,
      string
    >;
    const missing = [...messages].filter((m) => !zh[m]);
    assert.deepEqual(missing, []);
    for (const m of messages) {
      const placeholders = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort().join();
      assert.equal(placeholders(zh[m] ?? ''), placeholders(m), `placeholders differ for "${m}"`);
    }
  });

  it('resolves every %key% of package.json in English and Chinese', () => {
    const manifest = readFileSync(join(root, 'package.json'), 'utf8');
    const keys = [...manifest.matchAll(/"%([\w.]+)%"/g)].map((m) => m[1] ?? '');
    for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const nls = JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, string>;
      for (const key of keys) assert.ok(nls[key], `${file} lacks ${key}`);
    }
  });
});
