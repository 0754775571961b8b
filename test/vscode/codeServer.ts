// Starts and stops one code-server (a real VS Code server with a Node extension host) for one test run.
// Facts used here come from docs/testing.md#starting-code-server.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { smokeDriverArgs } from './smokeDriver';
import type { Tools } from './tools';

/** Per-run folders, all under one temp root so a run leaves nothing in the user's home. */
export interface RunDirs {
  readonly root: string;
  readonly userData: string;
  readonly extensions: string;
  readonly browserProfile: string;
  /** XDG_* and TMPDIR for code-server and Chromium. */
  readonly env: Readonly<Record<string, string>>;
}

/** A fresh temp root by default; `npm start` passes its persistent root to keep state between runs. */
export async function makeRunDirs(persistentRoot?: string): Promise<RunDirs> {
  const root =
    persistentRoot === undefined
      ? await mkdtemp(path.join(os.tmpdir(), 'flighthub-vscode-'))
      : path.resolve(persistentRoot);
  const dir = async (name: string): Promise<string> => {
    const full = path.join(root, name);
    await mkdir(full, { recursive: true });
    return full;
  };
  const env = {
    XDG_CONFIG_HOME: await dir('xdg/config'),
    XDG_DATA_HOME: await dir('xdg/data'),
    XDG_CACHE_HOME: await dir('xdg/cache'),
    TMPDIR: await dir('tmp'),
  };
  return {
    root,
    userData: await dir('user-data'),
    extensions: await dir('extensions'),
    browserProfile: await dir('chromium'),
    env,
  };
}

/** Keeps runs quiet and deterministic: no start page, no AI side bar, no telemetry or update checks. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
};

export interface CodeServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** code-server's own stdout and stderr. */
  readonly logFile: string;
  /** Settles when the main server process exits, with its exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
  /** Last resort from a synchronous `process.on('exit')` handler. */
  kill(): void;
}

/** All optional: without them a run behaves as the test harness needs (port 0, quiet settings, driver on). */
export interface CodeServerOptions {
  /** 0 (the default) lets the OS pick a free port. */
  readonly port?: number;
  /** Written over the quiet settings (e.g. the user's own settings plus `connectOnStartup`). */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** The test payload needs it; a workbench for people (`npm start`, UI tests) does not. Default true. */
  readonly smokeTestDriver?: boolean;
}

const LISTENING = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/;
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

export async function startCodeServer(
  tools: Tools,
  dirs: RunDirs,
  extraEnv: Readonly<Record<string, string>>,
  echo: ((line: string) => void) | undefined,
  options: CodeServerOptions = {},
): Promise<CodeServer> {
  const settings = { ...USER_SETTINGS, ...options.settings };
  await mkdir(path.join(dirs.userData, 'User'), { recursive: true });
  await writeFile(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const config = path.join(dirs.root, 'config.yaml');
  const bindAddr = `127.0.0.1:${options.port ?? 0}`;
  // An explicit config file keeps code-server from creating (and reading) ~/.config/code-server.
  await writeFile(config, `bind-addr: ${bindAddr}\nauth: none\ncert: false\n`);

  const driver =
    options.smokeTestDriver === false
      ? { node: [], codeServer: [], env: {} }
      : await smokeDriverArgs(tools.codeServerEntry);
  const args = [
    ...driver.node,
    tools.codeServerEntry,
    ...['--config', config, '--auth', 'none', '--bind-addr', bindAddr],
    ...['--disable-telemetry', '--disable-update-check', '--disable-workspace-trust'],
    ...['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions],
    // Without it a built VS Code ignores the test payload in the URL and the tests never start.
    ...driver.codeServer,
  ];
  // Detached: the server gets its own process group, and stopping the group also ends the agent-host
  // and extension-host processes, which otherwise outlive the main process.
  const child = spawn(tools.node, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...dirs.env, ...extraEnv, ...driver.env },
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${tools.node}`);

  const logFile = path.join(dirs.root, 'code-server.log');
  const log = createWriteStream(logFile);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const killGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      // ESRCH: the whole group is already gone.
    }
  };

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`code-server did not listen within 60 s; see ${logFile}`)),
      START_TIMEOUT_MS,
    );
    let pending = '';
    const onData = (chunk: Buffer): void => {
      // Output can still drain from the pipes after stop() has closed the log.
      if (!log.writableEnded) log.write(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        echo?.(`[code-server] ${line}`);
        const match = LISTENING.exec(line);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code} before listening; see ${logFile}`));
    });
  }).catch((error: unknown) => {
    killGroup('SIGKILL');
    throw error;
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      killGroup('SIGTERM');
      await Promise.race([exited, delay(STOP_GRACE_MS)]);
      // Whatever in the group ignored SIGTERM (or is still shutting down) goes now.
      killGroup('SIGKILL');
      log.end();
    })();
    return stopping;
  };
  return { url, logFile, exited, stop, kill: () => killGroup('SIGKILL') };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
