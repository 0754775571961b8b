// Comments cite public sources or files of this repository (issue 12, item 5): no reference documents
// that live outside the repository, no absolute paths, and every `docs/<file>.md#anchor` a comment
// cites is a heading of that file.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..', '..');

/** Scanned folders and files, relative to the repository root. */
const SCANNED = ['src', 'test', 'scripts', 'docs', '.ci', 'README.md', 'esbuild.mjs', 'package.json'];
const TEXT = /\.(ts|js|mjs|cjs|json|md|sh|css|html|ya?ml)$|^run$/;

function textFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => {
    const child = join(path, name);
    if (statSync(child).isDirectory()) return textFiles(child);
    return TEXT.test(name) ? [child] : [];
  });
}

// Built from parts so that this file does not flag itself.
const md = '.' + 'md';
const FORBIDDEN: readonly { what: string; re: RegExp }[] = [
  ...['API', 'WPML', 'LIVESTREAM', 'REAL-VSCODE'].map((name) => ({
    what: name + md,
    re: new RegExp(`\\b${name}\\${md}`),
  })),
  { what: 'shared' + '/', re: new RegExp('shared' + '/') },
  { what: 'an absolute /' + 'work/ path', re: new RegExp('(^|[^\\w.])/' + 'work/') },
];

/** Public URLs may contain anything (Apifox share links have a "shared" path segment). */
function withoutUrls(line: string): string {
  return line.replace(/https?:\/\/[^\s'"`)>\]]+/g, 'URL');
}

/** File-relative lines that match a forbidden citation. */
export function forbiddenCitations(text: string): { line: number; what: string }[] {
  const out: { line: number; what: string }[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = withoutUrls(raw);
    for (const f of FORBIDDEN) if (f.re.test(line)) out.push({ line: i + 1, what: f.what });
  });
  return out;
}

/** GitHub's heading anchors: lowercase, punctuation dropped, spaces → '-', repeats get -1, -2, … */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const m = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = (m[1] ?? '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

const files = SCANNED.flatMap((p) => textFiles(join(root, p)));
const rel = (path: string): string => relative(root, path).split('\\').join('/');

describe('citations', () => {
  it('scans the sources, tests, scripts and docs', () => {
    assert.ok(files.length > 200, `only ${files.length} files scanned`);
  });

  it('cite no reference document outside the repository and no absolute path', () => {
    const hits = files.flatMap((f) =>
      forbiddenCitations(readFileSync(f, 'utf8')).map((h) => `${rel(f)}:${h.line} ${h.what}`),
    );
    assert.deepEqual(hits, [], `${hits.length} citation(s) to replace:\n${hits.join('\n')}`);
  });

  it('cite docs/ notes that exist, at headings that exist', () => {
    const anchorsOf = new Map<string, Set<string> | undefined>();
    const broken: string[] = [];
    let cited = 0;
    for (const f of files) {
      readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const m of line.matchAll(/\bdocs\/([\w-]+\.md)(?:#([\w-]+))?/g)) {
            const [, name = '', anchor] = m;
            cited++;
            if (!anchorsOf.has(name)) {
              const doc = join(root, 'docs', name);
              anchorsOf.set(name, existsSync(doc) ? headingAnchors(readFileSync(doc, 'utf8')) : undefined);
            }
            const anchors = anchorsOf.get(name);
            const where = `${rel(f)}:${i + 1} docs/${name}${anchor ? '#' + anchor : ''}`;
            if (!anchors) broken.push(`${where}: no such file`);
            else if (anchor && !anchors.has(anchor)) broken.push(`${where}: no such heading`);
          }
        });
    }
    assert.deepEqual(broken, [], `${broken.length} broken docs/ citation(s):\n${broken.join('\n')}`);
    assert.ok(cited > 0, 'no docs/ citation found');
  });

  it('makes GitHub-style anchors and finds forbidden citations', () => {
    const anchors = headingAnchors(
      '# Flight tasks\n## Task create (POST)\n```\n# not a heading\n```\n## Flight tasks',
    );
    assert.deepEqual([...anchors], ['flight-tasks', 'task-create-post', 'flight-tasks-1']);
    assert.deepEqual(
      forbiddenCitations(`a ${'API' + md} b\nhttps://apifox.com/apidoc/${'shared'}/x\n${'/' + 'work'}/x`),
      [
        { line: 1, what: 'API' + md },
        { line: 3, what: 'an absolute /' + 'work/ path' },
      ],
    );
  });
});
