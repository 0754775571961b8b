// What a marketplace or Open VSX user downloads (issue 13): the bundles and the simulator's assets, no
// sources, source maps or tests; a README whose images load from the packaged README (vsce rewrites
// relative links against package.json's repository); a CHANGELOG entry for the packaged version.
import { access, readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { readZip } from '../../src/routes/zip/zip';

/** Compiled to out/test/e2e/, so the repository root is three levels up. */
const repoRoot = path.resolve(__dirname, '..', '..', '..');

const FORBIDDEN = [
  { pattern: /\.map$/, what: 'a source map' },
  { pattern: /\.(ts|tsx|mts|cts)$/, what: 'TypeScript source' },
  { pattern: /^extension\/(src|test|out|scripts|node_modules|docs)\//, what: 'not part of the extension' },
  { pattern: /\.test\.js$/, what: 'a test' },
];

/** Throws with every problem found; returns the entry names (for the log). */
export async function checkVsixContents(vsix: string): Promise<string[]> {
  const entries = readZip(await readFile(vsix), { maxEntries: 10_000 });
  const names = entries.filter((e) => !e.isDirectory).map((e) => e.name);
  const problems: string[] = [];
  for (const name of names) {
    for (const { pattern, what } of FORBIDDEN) if (pattern.test(name)) problems.push(`${name}: ${what}`);
  }
  for (const asset of await readdir(path.join(repoRoot, 'src', 'simulator', 'assets'))) {
    if (!names.includes(`extension/dist/assets/${asset}`)) problems.push(`simulator asset ${asset} missing`);
  }
  const text = (name: string): string | undefined => {
    const entry = entries.find((e) => e.name.toLowerCase() === name.toLowerCase());
    return entry?.data().toString('utf8');
  };
  const readme = text('extension/README.md');
  if (readme === undefined) problems.push('no README.md');
  // vsce rewrites relative images against the repository (…/raw/HEAD/<path>): each must be a file here.
  const rawPrefix = 'https://github.com/flighthub-workbench/flighthub2-workbench/raw/HEAD/';
  for (const [, url = ''] of readme?.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g) ?? []) {
    if (!url.startsWith('https://')) problems.push(`README image ${url} does not resolve outside the repo`);
    else if (url.startsWith(rawPrefix) && !(await exists(path.join(repoRoot, url.slice(rawPrefix.length)))))
      problems.push(`README image ${url} is no file of this repository`);
  }
  const manifest = JSON.parse(text('extension/package.json') ?? '{}') as { version?: string };
  const changelog = text('extension/CHANGELOG.md') ?? '';
  if (!new RegExp(`^## ${(manifest.version ?? '?').replace(/\./g, '\\.')}\\b`, 'm').test(changelog))
    problems.push(`CHANGELOG.md has no "## ${manifest.version}" entry`);
  if (problems.length > 0) throw new Error(`${vsix}:\n  ${problems.join('\n  ')}`);
  return names;
}

function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
