// Issue 13: the extension costs nothing in a window that does not use it. A window with no route files
// and the FlightHub views closed must (1) not activate the extension at all, judged from package.json's
// activation events as VS Code judges them, and (2) even when activated there anyway (a panel restore, a
// command such as Show Log), make no network request and scan no file from activate() and what it
// schedules. Reports the counts; `meets_target` is all three at zero.
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type { BenchResult } from './harness';
import { peakRssMb } from './harness';
import { fakeContext, installVscodeStub, stubCounters, uri, vscodeStub } from './vscodeStub';

const ROOT = join(__dirname, '..', '..', '..');
/** activate() schedules its deferred work with timers; anything it starts has begun by then. */
const SETTLE_MS = 200;

export async function idleWindowBenchmark(): Promise<BenchResult> {
  const workspace = await makeWorkspaceWithoutRoutes();
  try {
    const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      activationEvents?: string[];
    };
    const files = await listFiles(workspace);
    const reasons = activationReasons(manifest.activationEvents ?? [], files);

    installVscodeStub();
    vscodeStub.workspace.workspaceFolders = [{ uri: uri(workspace), name: 'idle', index: 0 }];
    const counted = countRequests();
    const scansBefore = stubCounters.scans;
    const probesBefore = stubCounters.probes;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ext = require(join(ROOT, 'dist', 'extension.js')) as { activate(context: unknown): unknown };
    const context = fakeContext();
    const started = performance.now();
    ext.activate(context);
    const ms = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    for (const d of context.subscriptions) d.dispose();
    counted.restore();
    const scans = stubCounters.scans - scansBefore;
    // Activated anyway (a view or command in this window): one bounded look for a first route file.
    const probes = stubCounters.probes - probesBefore;
    return {
      bench: 'extension.idle_window',
      ratio: 0,
      ours_ms: Math.round(ms * 100) / 100,
      baseline_ms: 0,
      target:
        'no route files, views closed: activates=false; activated anyway: requests=0, scans=0, probes<=1',
      meets_target: reasons.length === 0 && counted.requests() === 0 && scans === 0 && probes <= 1,
      items: files.length,
      activates: reasons.length > 0,
      activation_reasons: reasons,
      requests: counted.requests(),
      scans,
      probes,
      peak_rss_mb: peakRssMb(),
    };
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
}

/** Files of an ordinary project, none of them a route (.kml outside wpmz/ is not one). */
async function makeWorkspaceWithoutRoutes(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'flighthub-idle-'));
  const files: Record<string, string> = {
    'README.md': '# notes\n',
    'src/index.ts': 'export {};\n',
    'maps/overlay.kml': '<kml/>\n',
    'docs/wpml.md': 'about routes\n',
  };
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

/**
 * The events that would activate the extension in this window. Views closed and no command run, so only
 * the events that fire on their own count: `*`, `onStartupFinished`, and `workspaceContains` globs that
 * match a file (VS Code's glob: `**` spans folders, `*` stays within one name).
 */
export function activationReasons(events: readonly string[], files: readonly string[]): string[] {
  return events.filter((event) => {
    if (event === '*' || event === 'onStartupFinished') return true;
    if (!event.startsWith('workspaceContains:')) return false;
    const pattern = globToRegExp(event.slice('workspaceContains:'.length));
    return files.some((file) => pattern.test(file));
  });
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    if (glob.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (glob[i] === '*') source += '[^/]*';
    else if (glob[i] === '?') source += '[^/]';
    else source += glob[i]!.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Counts outgoing TCP connections and fetch calls (undici and node:http both end in Socket#connect). */
function countRequests(): { requests(): number; restore(): void } {
  let count = 0;
  const proto = net.Socket.prototype as unknown as { connect: (...args: unknown[]) => net.Socket };
  const connect = proto.connect;
  const originalFetch = globalThis.fetch;
  proto.connect = function (this: net.Socket, ...args: unknown[]) {
    count++;
    return connect.apply(this, args);
  };
  globalThis.fetch = (...args: Parameters<typeof fetch>) => {
    count++;
    return originalFetch(...args);
  };
  return {
    requests: () => count,
    restore: () => {
      proto.connect = connect;
      globalThis.fetch = originalFetch;
    },
  };
}
