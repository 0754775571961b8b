// flighthub-route-check: arguments, output formats and exit codes, in-process through main(), and once
// as the compiled script in its own process, the way CI runs it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../../src/routes/cli';
import { generated } from './wpml/corpus/kit';
import {
  BASE_POINTS,
  baseFiles,
  editFile,
  kmzOf,
  positionOf,
  replace,
  TEMPLATE,
  text,
  WAYLINES,
  type Files,
} from './wpml/corpus/route';

let dir = '';

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const badFiles = (): Files => editFile(baseFiles(), WAYLINES, (s) => replace(s, '>goHome<', '>goAway<'));

async function writeFolder(path: string, files: Files): Promise<void> {
  await mkdir(join(path, 'wpmz'), { recursive: true });
  await writeFile(join(path, TEMPLATE), text(files, TEMPLATE));
  await writeFile(join(path, WAYLINES), text(files, WAYLINES));
}

void describe('route-check CLI', () => {
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fh2-route-check-'));
    await writeFile(join(dir, 'good.kmz'), kmzOf(baseFiles()));
    await writeFile(join(dir, 'bad.kmz'), kmzOf(badFiles()));
    await mkdir(join(dir, 'tree', 'nested', '.hidden'), { recursive: true });
    await writeFile(join(dir, 'tree', 'a.KMZ'), kmzOf(baseFiles()));
    await writeFile(join(dir, 'tree', 'notes.txt'), 'not a route');
    await writeFile(join(dir, 'tree', 'nested', '.hidden', 'skip.kmz'), 'not even a zip');
    await writeFolder(join(dir, 'tree', 'nested', 'route'), badFiles());
    await mkdir(join(dir, 'empty'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('prints nothing but the summary for a valid route and exits 0', async () => {
    const r = await run(join(dir, 'good.kmz'));
    assert.deepEqual(r, { code: 0, stdout: 'Checked 1 route: 0 errors, 0 warnings.\n', stderr: '' });
  });

  it('prints path!/entry:line:col: severity rule message and exits 1 on errors', async () => {
    const bad = join(dir, 'bad.kmz');
    const r = await run(bad);
    assert.equal(r.code, 1);
    const { line, column } = positionOf(text(badFiles(), WAYLINES), '<wpml:finishAction>');
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(
      lines[0],
      `${bad}!/wpmz/waylines.wpml:${line}:${column}: error wpml.mission.finish_action.invalid ` +
        'wpml:finishAction is "goAway"; expected one of goHome, noAction, autoLand, gotoFirstWaypoint.',
    );
    assert.match(lines[1] ?? '', /: warning wpml\.consistency\.mission /);
    assert.equal(lines.at(-1), 'Checked 1 route: 1 error, 1 warning.');
  });

  it('speaks Chinese with --lang zh', async () => {
    const r = await run('--lang', 'zh', join(dir, 'bad.kmz'));
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      /error wpml\.mission\.finish_action\.invalid 航线结束动作（wpml:finishAction）为“goAway”/,
    );
    assert.match(r.stdout, /已检查 1 条航线：1 个错误，1 个警告。\n$/);
  });

  it('prints one JSON document with --format json', async () => {
    const r = await run('--format', 'json', join(dir, 'good.kmz'), join(dir, 'bad.kmz'));
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.stdout) as {
      files: { path: string; findings: { rule: string; message: { en: string; zh: string } }[] }[];
      errors: number;
      warnings: number;
    };
    assert.deepEqual(
      doc.files.map((f) => [f.path, f.findings.map((x) => x.rule)]),
      [
        [join(dir, 'good.kmz'), []],
        [join(dir, 'bad.kmz'), ['wpml.mission.finish_action.invalid', 'wpml.consistency.mission']],
      ],
    );
    assert.equal(doc.errors, 1);
    assert.equal(doc.warnings, 1);
    assert.match(doc.files[1]?.findings[0]?.message.zh ?? '', /航线结束动作/);
  });

  it('searches folders for .kmz files and unzipped routes, skipping hidden folders', async () => {
    const r = await run(join(dir, 'tree'));
    assert.equal(r.code, 1);
    const folderLine = join(dir, 'tree', 'nested', 'route', 'wpmz', 'waylines.wpml');
    assert.match(
      r.stdout,
      new RegExp(`^${escape(folderLine)}:\\d+:\\d+: error wpml\\.mission\\.finish_action\\.invalid `, 'm'),
    );
    assert.ok(!r.stdout.includes('skip.kmz'), r.stdout);
    assert.match(r.stdout, /Checked 2 routes: 1 error, 1 warning\.\n$/);
  });

  it('checks an unzipped route folder given directly', async () => {
    const r = await run(join(dir, 'tree', 'nested', 'route'));
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Checked 1 route: 1 error/);
  });

  it('applies --rc, --drone and --rth-limit', async () => {
    const low = join(dir, 'low.kmz');
    const files = editFile(baseFiles(), WAYLINES, (s) =>
      replace(s, '<wpml:takeOffSecurityHeight>20<', '<wpml:takeOffSecurityHeight>5<'),
    );
    await writeFile(low, kmzOf(files));
    assert.equal((await run(low)).code, 1);
    assert.equal((await run('--rc', low)).code, 0);
    const drone = await run('--drone', '0-100-1', join(dir, 'good.kmz'));
    assert.equal(drone.code, 1, 'FlightHub refuses a task for another aircraft (219019)');
    assert.match(drone.stdout, /error wpml\.drone\.model_mismatch/);
    assert.match(
      (await run('--rth-limit', '50', join(dir, 'good.kmz'))).stdout,
      /warning wpml\.mission\.rth_height\.limit/,
    );
  });

  it('exits 1 for a route FlightHub registers but refuses to fly (219019)', async () => {
    const single = join(dir, 'single.kmz');
    await writeFile(single, kmzOf(generated({ waypoints: BASE_POINTS.slice(0, 1) })));
    const r = await run(single);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /: error wpml\.route\.too_few_waypoints .*219019/);
  });

  it('reports an unreadable archive as a finding of that file', async () => {
    const r = await run(join(dir, 'tree', 'notes.txt'));
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      new RegExp(`^${escape(join(dir, 'tree', 'notes.txt'))}:1:1: error zip\\.not_zip `),
    );
  });

  it('exits 2 on usage errors, 0 for --help', async () => {
    for (const argv of [
      [],
      [join(dir, 'missing.kmz')],
      [join(dir, 'empty')],
      ['--lang', 'fr', join(dir, 'good.kmz')],
      ['--format', 'xml', join(dir, 'good.kmz')],
      ['--drone', 'M3TD', join(dir, 'good.kmz')],
      ['--bogus', join(dir, 'good.kmz')],
    ]) {
      const r = await run(...argv);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^flighthub-route-check: .+\n\nUsage: /, argv.join(' '));
      assert.equal(r.stdout, '');
    }
    assert.match((await run(join(dir, 'missing.kmz'))).stderr, /no such file or folder: .*missing\.kmz/);
    const help = await run('--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: flighthub-route-check/);
  });

  it('runs as a compiled script with exit status 1 on errors', () => {
    // out/test/unit/routes/cli.test.js → out/src/routes/cli.js
    const script = join(__dirname, '..', '..', '..', 'src', 'routes', 'cli.js');
    const bad = spawnSync(process.execPath, [script, join(dir, 'bad.kmz')], { encoding: 'utf8' });
    assert.equal(bad.status, 1, bad.stderr);
    assert.match(bad.stdout, /error wpml\.mission\.finish_action\.invalid/);
    assert.match(bad.stdout, /Checked 1 route: 1 error, 1 warning\.\n$/);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
