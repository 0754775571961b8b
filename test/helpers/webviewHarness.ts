// A browser harness for webview bundles: serves dist/webviews/ and a page rendered by the extension's
// own HTML builder (same CSP, same nonce rule), opens it in Debian's Chromium with playwright-core, and
// stands in for VS Code: `acquireVsCodeApi()` records what the page posts, `send()` delivers host
// messages as VS Code does (window `message` events), and every CSP violation is collected so a test
// can fail on it. Build first: `node esbuild.mjs` (the test script does).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { newNonce, renderPage, type CspOrigins } from '../../src/ui/panels/html';
import { CHROMIUM_ARGS } from '../vscode/browser';

const ROOT = path.resolve(__dirname, '..', '..', '..', 'dist', 'webviews');
const THEME = path.resolve(__dirname, '..', '..', '..', 'test', 'webview', 'theme.css');
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.html': 'text/html; charset=utf-8',
};

/** The verified flags (test/vscode/browser.ts), and media that plays without a click. */
export const PAGE_CHROMIUM_ARGS = [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'];

export interface OpenOptions {
  readonly origins?: CspOrigins;
  /** What `getState()` returns at start (a page restored after reload). */
  readonly state?: unknown;
  readonly viewport?: { width: number; height: number };
  readonly title?: string;
}

export interface PanelPage {
  readonly page: Page;
  /** Messages the page posted so far, in order (`ready` included). */
  posted(): Promise<{ type: string; [key: string]: unknown }[]>;
  /** Waits for the first posted message of `type` and returns it. */
  waitForPosted(type: string, timeoutMs?: number): Promise<{ type: string; [key: string]: unknown }>;
  /** Delivers a host → page message; resolves after the page handled it. */
  send(message: unknown): Promise<void>;
  /** The state the page last saved with setState. */
  state(): Promise<unknown>;
  /** CSP violations and page errors seen so far. */
  problems(): string[];
  close(): Promise<void>;
}

export interface Harness {
  readonly origin: string;
  open(bundle: string, options?: OpenOptions): Promise<PanelPage>;
  close(): Promise<void>;
}

/**
 * Polls a condition read from Node (pixels, saved state, a server's records) until it holds, instead of
 * sleeping and hoping; past the deadline it fails naming what it waited for.
 */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs / 1000} s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function chromiumPath(): string {
  return process.env.FLIGHTHUB_CHROMIUM ?? '/usr/bin/chromium';
}

export async function startHarness(): Promise<Harness> {
  const pages = new Map<string, string>();
  const server = createServer((req, res) => void serve(pages, req.url ?? '/', res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: PAGE_CHROMIUM_ARGS,
  });
  let counter = 0;
  return {
    origin,
    open: async (bundle, options = {}) => {
      const id = `page-${++counter}`;
      pages.set(
        id,
        renderPage({
          title: options.title ?? bundle,
          cspSource: origin,
          nonce: newNonce(),
          scriptUri: `${origin}/${bundle}.js`,
          styleUris: [`${origin}/__theme.css`, `${origin}/codicon.css`, `${origin}/${bundle}.css`],
          origins: options.origins ?? {},
        }),
      );
      return openPage(browser, `${origin}/${id}.html`, options);
    },
    close: async () => {
      await browser.close();
      await closeServer(server);
    },
  };
}

async function openPage(browser: Browser, url: string, options: OpenOptions): Promise<PanelPage> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1200, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  await page.exposeFunction('__cspViolation', (text: string) => problems.push(`csp: ${text}`));
  await page.addInitScript((initial: unknown) => {
    const w = window as unknown as Record<string, unknown>;
    const posted: unknown[] = [];
    let state = initial;
    w.__posted = posted;
    w.__state = () => state;
    w.acquireVsCodeApi = () => ({
      postMessage: (m: unknown) => posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => state,
      setState: (s: unknown) => {
        state = s;
      },
    });
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = w.__cspViolation as (t: string) => void;
      report(`${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  }, options.state ?? null);
  const response = await page.goto(url);
  if (!response?.ok()) throw new Error(`harness page failed: ${response?.status()}`);
  const posted = async (): Promise<{ type: string; [key: string]: unknown }[]> =>
    page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted.slice());
  return {
    page,
    posted,
    waitForPosted: async (type, timeoutMs = 10_000) => {
      const handle = await page.waitForFunction(
        (t) => (window as unknown as { __posted: { type: string }[] }).__posted.find((m) => m.type === t),
        type,
        { timeout: timeoutMs },
      );
      return (await handle.jsonValue()) as { type: string; [key: string]: unknown };
    },
    // Resolves once the page's own listener has run (listeners fire in the order they were added, and
    // the page added its own first) and one more task has passed: a check right after `send` sees
    // what the message drew.
    send: async (message) => {
      await page.evaluate(
        (m) =>
          new Promise<void>((resolve) => {
            const seen = () => {
              window.removeEventListener('message', seen);
              setTimeout(resolve, 0);
            };
            window.addEventListener('message', seen);
            window.postMessage(m, '*');
          }),
        message,
      );
    },
    state: async () => page.evaluate(() => (window as unknown as { __state: () => unknown }).__state()),
    problems: () => problems.slice(),
    close: () => context.close(),
  };
}

async function serve(
  pages: Map<string, string>,
  url: string,
  res: import('node:http').ServerResponse,
): Promise<void> {
  const name = decodeURIComponent(new URL(url, 'http://x').pathname.slice(1));
  const html = pages.get(name.replace(/\.html$/, ''));
  if (html !== undefined) {
    res.writeHead(200, { 'content-type': TYPES['.html'] });
    res.end(html);
    return;
  }
  const file = name === '__theme.css' ? THEME : path.join(ROOT, name);
  const ok =
    (file === THEME || file.startsWith(ROOT + path.sep)) &&
    (await stat(file).catch(() => undefined))?.isFile();
  if (!ok) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
