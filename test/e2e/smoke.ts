// UI smoke test: the packaged .vsix installed into a real VS Code (code-server), driven in Debian's
// Chromium like a person would — activity bar, trees, command palette — with a screenshot per step.
// Prints `N passed, N failed` last and exits non-zero on any failure or timeout. Stops code-server's
// whole process group and the browser on every way out. See docs/testing.md#ui-tests.
import { copyFile, cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../vscode/browser';
import { makeRunDirs, startCodeServer, type CodeServer, type RunDirs } from '../vscode/codeServer';
import { loadTools } from '../vscode/tools';
import { CheckRunner } from './checks';
import { DEMO_SETTINGS } from './settings';
import { smokeChecks } from './smokeChecks';
import { installVsix, VSIX_NAME } from './vsix';
import { checkVsixContents } from './vsixContents';

/** Compiled to out/test/e2e/, so the repository root is three levels up. */
const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Screenshots that illustrate the README, copied to docs/screenshots with --update-docs. */
const DOC_SHOTS: Readonly<Record<string, string>> = {
  '05-project-devices': 'sidebar-projects-devices.png',
  '07-tasks': 'flight-tasks.png',
  '08-routes': 'flight-routes.png',
  '09-command-palette': 'command-palette.png',
};

const USAGE = `usage: node out/test/e2e/smoke.js [options]
  --vsix <file>      package under test (default: ${VSIX_NAME} in the repository; npm run package)
  --out <dir>        screenshots and, on failure, logs (default: test-output/e2e)
  --timeout <s>      whole run, start-up included (FLIGHTHUB_E2E_TIMEOUT; default 300)
  --update-docs      copy the README screenshots to docs/screenshots
  --verbose          echo code-server's own output`;

interface SmokeOptions {
  readonly vsix: string;
  readonly outDir: string;
  readonly timeoutMs: number;
  readonly updateDocs: boolean;
  readonly verbose: boolean;
}

function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): SmokeOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      vsix: { type: 'string' },
      out: { type: 'string' },
      timeout: { type: 'string' },
      'update-docs': { type: 'boolean' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const seconds = Number(values.timeout ?? (env.FLIGHTHUB_E2E_TIMEOUT || 300));
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`--timeout must be seconds > 0\n${USAGE}`);
  return {
    vsix: path.resolve(values.vsix ?? path.join(repoRoot, VSIX_NAME)),
    outDir: path.resolve(values.out ?? path.join(repoRoot, 'test-output', 'e2e')),
    timeoutMs: seconds * 1000,
    updateDocs: values['update-docs'] ?? false,
    verbose: values.verbose ?? false,
  };
}

/** What the exit path has to stop; filled in as the run gets that far. */
interface Run {
  dirs?: RunDirs;
  server?: CodeServer;
  browser?: BrowserContext;
  page?: Page;
  runner?: CheckRunner;
  checkCount: number;
}

const run: Run = { checkCount: 0 };

async function main(options: SmokeOptions): Promise<void> {
  const started = Date.now();
  await clearArtifacts(options.outDir);
  const tools = await loadTools();
  run.dirs = await makeRunDirs();
  const packaged = await checkVsixContents(options.vsix);
  console.log(`[e2e] ${path.basename(options.vsix)}: ${packaged.length} files, no sources, maps or tests`);
  await installVsix(tools, run.dirs, options.vsix);
  // The same package must install into the oldest VS Code that engines.vscode names: code-server checks
  // the engine and refuses a package that needs a newer one (test/vscode/README.md, "Two VS Codes").
  const oldest = await loadTools(process.env, 'min');
  await installVsix(oldest, await makeRunDirs(path.join(run.dirs.root, 'oldest')), options.vsix);
  console.log(`[e2e] installed into code-server ${oldest.codeServerVersion} too`);
  const workspace = await mkdtemp(path.join(run.dirs.root, 'workspace-'));
  const echo = options.verbose ? (line: string): void => console.log(line) : undefined;
  run.server = await startCodeServer(tools, run.dirs, {}, echo, {
    settings: DEMO_SETTINGS,
    smokeTestDriver: false,
  });
  console.log(
    `[e2e] ${path.basename(options.vsix)} in code-server ${tools.codeServerVersion} at ${run.server.url}`,
  );

  run.browser = await launchBrowser(tools.chromium, run.dirs.browserProfile, run.dirs.env);
  const page = run.browser.pages()[0] ?? (await run.browser.newPage());
  run.page = page;
  page.on('pageerror', (error) => console.log(`[e2e] page error: ${error.message}`));
  const checks = smokeChecks(page, run.dirs.userData);
  run.checkCount = checks.length;
  run.runner = new CheckRunner(page, options.outDir);
  await page.goto(`${run.server.url}/?folder=${encodeURIComponent(workspace)}`, {
    waitUntil: 'domcontentloaded',
  });
  await run.runner.runAll(checks);
  if (finishing) return;
  console.log(`[e2e] screenshots in ${options.outDir} (${Math.round((Date.now() - started) / 1000)} s)`);
}

/**
 * Only this run's screenshots and logs: a stale failure log next to a green run misleads. Removes just
 * the names this test writes, since --out may point at a folder that holds other things.
 */
async function clearArtifacts(outDir: string): Promise<void> {
  const names = await readdir(outDir).catch(() => [] as string[]);
  const ours = names.filter((name) =>
    /^(\d\d-.+\.png|interrupted\.png|code-server\.log|server-logs)$/.test(name),
  );
  for (const name of ours) await rm(path.join(outDir, name), { recursive: true, force: true });
}

/** Keeps what explains a failure before the run folder goes: code-server's output and the server logs. */
async function saveLogs(outDir: string): Promise<void> {
  if (run.dirs === undefined) return;
  await mkdir(outDir, { recursive: true });
  if (run.server)
    await copyFile(run.server.logFile, path.join(outDir, 'code-server.log')).catch(() => undefined);
  await cp(path.join(run.dirs.userData, 'logs'), path.join(outDir, 'server-logs'), { recursive: true }).catch(
    () => undefined,
  );
  console.log(`[e2e] logs: ${outDir}/code-server.log, ${outDir}/server-logs/`);
}

async function updateDocs(shots: ReadonlyMap<string, string>): Promise<void> {
  const docs = path.join(repoRoot, 'docs', 'screenshots');
  await mkdir(docs, { recursive: true });
  for (const [shot, name] of Object.entries(DOC_SHOTS)) {
    const file = shots.get(shot);
    if (file !== undefined) await copyFile(file, path.join(docs, name));
  }
  console.log(`[e2e] README screenshots updated in ${docs}`);
}

/** Exit codes as in test/vscode/README.md: 124 for a timeout (as `timeout(1)`), 130/143 for signals. */
const EXIT_TIMEOUT = 124;
const EXIT_SIGNAL = { SIGINT: 130, SIGTERM: 143 } as const;

let finishing = false;

/**
 * The one way out: a screenshot of an interrupted page, artifacts, then browser, server group and temp
 * folder, then the summary line. `interrupted` carries the reason and exit code of a timeout or signal.
 */
async function finish(
  options: SmokeOptions | undefined,
  interrupted?: { readonly reason: string; readonly code: number },
): Promise<never> {
  if (finishing) return new Promise<never>(() => undefined);
  finishing = true;
  // A stop that hangs must still end the run (and the 'exit' handler still kills the group).
  setTimeout(() => process.exit(interrupted?.code ?? 1), 20_000).unref();
  const passed = run.runner?.results().passed ?? 0;
  // Checks cut short or never reached count as failed (see checks.ts); before the checks exist, the
  // set-up is the one item that failed.
  const failed = Math.max(run.checkCount, 1) - passed;
  if (interrupted !== undefined) {
    run.runner?.interrupt();
    console.log(`[e2e] ${interrupted.reason}`);
    if (options !== undefined) {
      const shot = path.join(options.outDir, 'interrupted.png');
      await run.page?.screenshot({ path: shot, timeout: 5_000 }).then(
        () => console.log(`[e2e] screenshot: ${shot}`),
        () => undefined,
      );
    }
  }
  if (options !== undefined && failed > 0) await saveLogs(options.outDir);
  const shots = run.runner?.results().screenshots;
  if (options?.updateDocs && failed === 0 && shots) await updateDocs(shots);
  await run.browser?.close().catch(() => undefined);
  await run.server?.stop();
  if (run.dirs) await rm(run.dirs.root, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(interrupted?.code ?? (failed === 0 ? 0 : 1));
}

// Last resort if the process ends another way (an uncaught exception): the group must not outlive us.
process.on('exit', () => run.server?.kill());

void (async () => {
  let options: SmokeOptions | undefined;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
    const opts = options;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(
        signal,
        () => void finish(opts, { reason: `${signal}: stopping`, code: EXIT_SIGNAL[signal] }),
      );
    }
    const timer = setTimeout(() => {
      const reason = `timed out after ${opts.timeoutMs / 1000} s (--timeout)`;
      void finish(opts, { reason, code: EXIT_TIMEOUT });
    }, opts.timeoutMs);
    await main(options);
    clearTimeout(timer);
  } catch (error) {
    console.log(`[e2e] ${error instanceof Error ? error.message : String(error)}`);
  }
  await finish(options);
})();
