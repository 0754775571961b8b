// Drives the VS Code web workbench in Debian's Chromium and turns its test hooks into a result.
// code-server serves a real VS Code; with `enable-smoke-test-driver` the workbench reads a test payload
// from the URL, runs `extensionTestsPath` in the extension host, and reports through two functions it
// looks up on `window` — the same mechanism VS Code's own browser integration tests and @vscode/test-web
// use (see `IAutomatedWindow` in microsoft/vscode src/vs/workbench/browser/web.main.ts).
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/**
 * The launch flags verified on these machines (docs/testing.md#browser): the network flags stop
 * Chromium from calling hosts this machine cannot reach. `headless: true` adds `--headless` itself.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(
  executablePath: string,
  profileDir: string,
  env: Readonly<Record<string, string>>,
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, ...env },
    viewport: { width: 1400, height: 900 },
    // The runner stops the browser itself, after the screenshot, and exits with the right code.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

export interface TestPageUrlParts {
  readonly serverUrl: string;
  readonly workspace: string;
  readonly extensionPath: string;
  readonly testsEntry: string;
}

/** `?folder=…&payload=…`, the payload naming server-side paths as `vscode-remote://host:port/path` URIs. */
export function testPageUrl(parts: TestPageUrlParts): string {
  const url = new URL(parts.serverUrl);
  const remote = (file: string): string =>
    `vscode-remote://${url.host}${file.split('/').map(encodeURIComponent).join('/')}`;
  const payload = [
    ['extensionDevelopmentPath', remote(parts.extensionPath)],
    ['extensionTestsPath', remote(parts.testsEntry)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  url.searchParams.set('folder', parts.workspace);
  url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}

/** A log file of the window, as VS Code hands them to `codeAutomationExit`. */
export interface WindowLog {
  readonly relativePath: string;
  readonly contents: string;
}

export type TestPageResult =
  | { readonly kind: 'exit'; readonly code: number; readonly logs: readonly WindowLog[] }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'aborted'; readonly reason: string };

/**
 * Opens the test page and waits until the extension host exits (its exit code is the tests' result),
 * the timeout passes, or `abort` settles (the server died, a signal arrived).
 */
export async function runTestPage(
  page: Page,
  url: string,
  timeoutMs: number,
  print: (level: string, message: string) => void,
  abort: Promise<string>,
): Promise<TestPageResult> {
  let exit!: (result: TestPageResult) => void;
  const exited = new Promise<TestPageResult>((resolve) => (exit = resolve));
  // Both hooks must exist before the workbench loads: it looks them up once, when it starts.
  await page.exposeFunction('codeAutomationLog', (level: unknown, message: unknown) => {
    print(String(level), formatLogMessage(message));
  });
  await page.exposeFunction('codeAutomationExit', (code: unknown, logs: unknown) => {
    exit({ kind: 'exit', code: typeof code === 'number' ? code : 1, logs: asWindowLogs(logs) });
  });
  page.on('crash', () => exit({ kind: 'aborted', reason: 'the page crashed' }));

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<TestPageResult>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
  });
  const aborted = abort.then((reason): TestPageResult => ({ kind: 'aborted', reason }));
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    return await Promise.race([exited, timedOut, aborted]);
  } finally {
    clearTimeout(timer);
  }
}

/** The logger passes one preformatted string; older builds passed an argument array. */
function formatLogMessage(message: unknown): string {
  if (typeof message === 'string') return message;
  if (Array.isArray(message))
    return message.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
  return JSON.stringify(message);
}

function asWindowLogs(value: unknown): WindowLog[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (entry): entry is WindowLog =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as Record<string, unknown>).relativePath === 'string' &&
      typeof (entry as Record<string, unknown>).contents === 'string',
  );
}
