// `flighthub-route-check`: the route validator on the command line, for CI and for checking routes before
// uploading them. Lines are `path:line:col: severity rule message`, the shape editors and problem
// matchers already understand; inside a KMZ the path is `route.kmz!/wpmz/waylines.wpml`, after the
// `jar:` URL convention for entries of an archive.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ARCHIVE, countSeverity, type Finding } from './wpml/findings';
import { isRouteFolder, validateRouteFolder } from './folder';
import { parseDroneModelKey } from './wpml/rules';
import { validateKmzFile } from './kmzFile';
import type { ValidateOptions } from './wpml/validate';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const USAGE = `Usage: flighthub-route-check [options] <file-or-folder>…

Checks DJI WPML route files before FlightHub 2 does. Each argument is a .kmz file, an unzipped route
folder (one containing wpmz/), or a folder searched for both.

Options:
  --lang en|zh         language of the messages (default en)
  --format text|json   output format (default text)
  --drone <key>        device_model.key of the aircraft that will fly, e.g. 0-91-1
  --rc                 remote-controller ranges instead of dock ranges
  --rth-limit <m>      the project's return-to-home height limit, in metres
  --help               show this help

Each finding is printed as path:line:col: severity rule message; inside a .kmz the path names the
entry, e.g. route.kmz!/wpmz/waylines.wpml:12:9.

Exit status: 0 no errors, 1 errors found, 2 usage error.
`;

/** A folder searched for routes skips these: they hold tooling, not routes. */
const SKIPPED_DIRS = new Set(['node_modules', 'out', 'dist']);

interface Target {
  /** As shown to the user: the argument, or the argument joined with what the search found. */
  readonly path: string;
  readonly kind: 'kmz' | 'folder';
}

class UsageError extends Error {}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let request: { targets: Target[]; lang: 'en' | 'zh'; json: boolean; options: ValidateOptions };
  try {
    request = await parseRequest(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) io.stderr(`flighthub-route-check: ${error.message}\n\n`);
    (error.message ? io.stderr : io.stdout)(USAGE);
    return error.message ? 2 : 0;
  }
  const { targets, lang, json, options } = request;
  const files: { path: string; findings: Finding[] }[] = [];
  for (const target of targets) files.push({ path: target.path, findings: await check(target, options) });
  const all = files.flatMap((r) => r.findings);
  const errors = countSeverity(all, 'error');
  const warnings = countSeverity(all, 'warning');
  if (json) {
    io.stdout(`${JSON.stringify({ files, errors, warnings }, null, 2)}\n`);
  } else {
    files.forEach(({ path, findings }, i) => {
      const kind = targets[i]?.kind ?? 'kmz';
      for (const f of findings) {
        io.stdout(
          `${where(path, kind, f)}:${f.line}:${f.column}: ${f.severity} ${f.rule} ${f.message[lang]}\n`,
        );
      }
    });
    io.stdout(summary(files.length, errors, warnings, lang));
  }
  return errors > 0 ? 1 : 0;
}

async function parseRequest(argv: readonly string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        lang: { type: 'string', default: 'en' },
        format: { type: 'string', default: 'text' },
        drone: { type: 'string' },
        rc: { type: 'boolean', default: false },
        'rth-limit': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) throw new UsageError('');
  const lang = values.lang;
  if (lang !== 'en' && lang !== 'zh') throw new UsageError(`--lang must be en or zh, not "${lang}"`);
  if (values.format !== 'text' && values.format !== 'json')
    throw new UsageError(`--format must be text or json, not "${values.format}"`);
  if (values.drone !== undefined && !parseDroneModelKey(values.drone))
    throw new UsageError(`--drone must be an aircraft device_model.key like 0-91-1, not "${values.drone}"`);
  const limit = values['rth-limit'] === undefined ? undefined : Number(values['rth-limit']);
  if (limit !== undefined && !(limit > 0)) throw new UsageError(`--rth-limit must be a height in metres`);
  if (positionals.length === 0) throw new UsageError('give at least one .kmz file or route folder');
  const targets: Target[] = [];
  for (const arg of positionals) targets.push(...(await resolve(arg)));
  const options: ValidateOptions = {
    dock: !values.rc,
    ...(values.drone !== undefined ? { droneModelKey: values.drone } : {}),
    ...(limit !== undefined ? { rthAltitudeLimit: limit } : {}),
  };
  return { targets, lang, json: values.format === 'json', options } as const;
}

async function resolve(arg: string): Promise<Target[]> {
  const info = await stat(arg).catch(() => undefined);
  if (!info) throw new UsageError(`no such file or folder: ${arg}`);
  if (info.isFile()) return [{ path: arg, kind: 'kmz' }];
  if (await isRouteFolder(arg)) return [{ path: arg, kind: 'folder' }];
  const found: Target[] = [];
  await search(arg, found);
  if (found.length === 0) throw new UsageError(`no .kmz files or route folders (with wpmz/) under ${arg}`);
  return found;
}

/** Depth-first in name order, so output is stable; symbolic links are not followed (no cycles). */
async function search(dir: string, found: Target[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) {
      if (await isRouteFolder(path)) found.push({ path, kind: 'folder' });
      else await search(path, found);
    } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.kmz')) {
      found.push({ path, kind: 'kmz' });
    }
  }
}

async function check(target: Target, options: ValidateOptions): Promise<Finding[]> {
  try {
    if (target.kind === 'folder') return await validateRouteFolder(target.path, options);
    return await validateKmzFile(target.path, options);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return [
      {
        rule: 'route.unreadable',
        severity: 'error',
        message: { en: `Cannot read the route: ${text}.`, zh: `无法读取航线：${text}。` },
        file: ARCHIVE,
        line: 1,
        column: 1,
      },
    ];
  }
}

function where(path: string, kind: Target['kind'], f: Finding): string {
  if (f.file === ARCHIVE) return path;
  return kind === 'folder' ? join(path, ...f.file.split('/')) : `${path}!/${f.file}`;
}

function summary(files: number, errors: number, warnings: number, lang: 'en' | 'zh'): string {
  if (lang === 'zh') return `已检查 ${files} 条航线：${errors} 个错误，${warnings} 个警告。\n`;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `Checked ${plural(files, 'route')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.\n`;
}

if (require.main === module) {
  const io: CliIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `flighthub-route-check: ${error instanceof Error ? error.stack : String(error)}\n`,
      );
      process.exitCode = 2;
    },
  );
}
