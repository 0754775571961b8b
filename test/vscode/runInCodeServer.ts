// Runs the integration suite inside a real VS Code (code-server) driven by Debian's Chromium, and exits
// with the extension host's exit code. Works offline: see docs/testing.md#why-code-server and
// test/vscode/README.md.
import { access, copyFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { launchBrowser, runTestPage, testPageUrl, type TestPageResult, type WindowLog } from './browser';
import { makeRunDirs, startCodeServer, type CodeServer } from './codeServer';
import { extensionTestsEnv, mochaEntryPath, parseHarnessOptions, type HarnessOptions } from './options';
import { loadTools } from './tools';

/** Exit code for a run that never reported a result (as `timeout(1)` does). */
const EXIT_TIMEOUT = 124;

/** Cleanup steps, run once, newest first, whichever way the run ends. */
const cleanups: (() => Promise<unknown>)[] = [];
let server: CodeServer | undefined;

let cleaning: Promise<void> | undefined;

/** Shared by the normal path and the signal handlers, so whichever comes second waits for the first. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.splice(0).reverse()) {
      await step().catch((error: unknown) => console.error('[runner] cleanup:', error));
    }
  })();
  return cleaning;
}

async function main(options: HarnessOptions): Promise<number> {
  await checkInputs(options);
  const tools = await loadTools(process.env, options.vscode);
  const dirs = await makeRunDirs();
  cleanups.push(() => rm(dirs.root, { recursive: true, force: true }));
  const workspace = options.workspace ?? (await mkdtemp(path.join(dirs.root, 'workspace-')));

  const started = Date.now();
  const echo = options.verbose ? (line: string): void => console.log(line) : undefined;
  server = await startCodeServer(tools, dirs, extensionTestsEnv(options), echo);
  cleanups.push(() => server?.stop() ?? Promise.resolve());
  console.log(
    `[runner] code-server ${tools.codeServerVersion} at ${server.url} (${Date.now() - started} ms)`,
  );

  const context = await launchBrowser(tools.chromium, dirs.browserProfile, dirs.env);
  cleanups.push(() => context.close());
  const page = context.pages()[0] ?? (await context.newPage());
  const url = testPageUrl({
    serverUrl: server.url,
    workspace,
    extensionPath: options.extensionPath,
    testsEntry: mochaEntryPath,
  });
  const serverDied = server.exited.then((code) => `code-server exited with ${code} during the run`);
  const result = await runTestPage(page, url, options.timeoutMs, logPrinter(options.verbose), serverDied);
  const code = exitCodeOf(result);
  console.log(
    `[runner] ${describeResult(result, options.timeoutMs)} after ${Math.round((Date.now() - started) / 1000)} s`,
  );

  if (code !== 0 || options.screenshotAlways) {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const base = path.join(options.screenshotDir, `vscode-${stamp}`);
    await mkdir(options.screenshotDir, { recursive: true });
    await page.screenshot({ path: `${base}.png`, timeout: 15_000 }).then(
      () => console.log(`[runner] screenshot: ${base}.png`),
      (error: unknown) => console.error('[runner] no screenshot:', error),
    );
    if (code !== 0)
      await saveLogs(base, server.logFile, dirs.userData, result.kind === 'exit' ? result.logs : []);
  }
  return code;
}

/**
 * The workbench hands `codeAutomationLog` both the extension host's console (mocha's report, the
 * extension's own logging) and its own log, all at level info and untagged. These are the workbench's
 * routine lines on an offline machine; `--verbose` shows them.
 */
const WORKBENCH_NOISE = [
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket/,
  /^Updating additional builtin extensions cache/,
  /^\[(reconnection-grace-time|Service Worker|AgentHost:remote|AccountPolicyGate)\]/,
  // The marketplace (open-vsx.org) and GitHub sign-in are unreachable here and not needed.
  /ENOTFOUND open-vsx\.org/,
  /authentication provider 'github'/,
];

/** The mocha entry's `N passed, N failed` line, held back to be the runner's last line (CI reads it). */
const SUMMARY = /^\d+ passed, \d+ failed(, \d+ skipped)?$/;
let summary: string | undefined;

function logPrinter(verbose: boolean): (level: string, message: string) => void {
  return (level, message) => {
    if (!verbose && WORKBENCH_NOISE.some((pattern) => pattern.test(message))) return;
    const line = message.replace(/\n$/, '');
    if (SUMMARY.test(line)) {
      summary = line;
      return;
    }
    if (level === 'error') console.error(line);
    else console.log(line);
  };
}

function exitCodeOf(result: TestPageResult): number {
  if (result.kind === 'exit') return result.code;
  return result.kind === 'timeout' ? EXIT_TIMEOUT : 1;
}

function describeResult(result: TestPageResult, timeoutMs: number): string {
  switch (result.kind) {
    case 'exit':
      return `extension host exited with ${result.code}`;
    case 'timeout':
      return `timed out: no result within ${timeoutMs / 1000} s`;
    case 'aborted':
      return `aborted: ${result.reason}`;
  }
}

/**
 * Keeps what explains a failure before the run folder is deleted: code-server's output, the server's
 * logs (the extension host's exthost.log among them) and the window's logs.
 */
async function saveLogs(
  base: string,
  serverLog: string,
  userData: string,
  windowLogs: readonly WindowLog[],
): Promise<void> {
  await copyFile(serverLog, `${base}-code-server.log`).catch(() => undefined);
  await cp(path.join(userData, 'logs'), `${base}-server-logs`, { recursive: true }).catch(() => undefined);
  for (const log of windowLogs) {
    const file = path.join(`${base}-window-logs`, log.relativePath);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, log.contents);
  }
  console.log(`[runner] logs: ${base}-code-server.log, ${base}-server-logs/, ${base}-window-logs/`);
}

/** Fails in a second, with the fix in the message, instead of after a minute of VS Code start-up. */
async function checkInputs(options: HarnessOptions): Promise<void> {
  const mustExist: [string, string][] = [
    [path.join(options.extensionPath, 'package.json'), 'not an extension folder'],
    [mochaEntryPath, 'run `npm run compile-tests` first'],
    [options.testsDir, 'run `npm run compile-tests` first'],
  ];
  if (options.workspace !== undefined) mustExist.push([options.workspace, 'workspace folder not found']);
  for (const [file, hint] of mustExist) {
    await access(file).catch(() => {
      throw new Error(`${file} is missing: ${hint}`);
    });
  }
}

/** After a signal, the run's own errors (a page closed under it) are expected, not news. */
let signalled = false;
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    signalled = true;
    console.error(`[runner] ${signal}: stopping code-server and Chromium`);
    process.exitCode = code;
    // A cleanup that hangs still ends the process.
    setTimeout(() => process.exit(code), 15_000).unref();
    void cleanUp().finally(() => process.exit(code));
  });
}
// Last resort if something exits the process without the cleanups (an uncaught exception).
process.on('exit', () => server?.kill());

void (async () => {
  let code = 1;
  try {
    code = await main(parseHarnessOptions(process.argv.slice(2), process.env));
  } catch (error) {
    if (!signalled)
      console.error(`[runner] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    await cleanUp();
  }
  if (summary !== undefined) console.log(summary);
  // A signal's exit code wins; exit explicitly so no stray handle keeps the process alive.
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : code);
})();
