// `npm start`: a real VS Code (code-server) in the browser with the freshly packaged extension installed
// and connected to its built-in FlightHub 2 simulator. Runs until Ctrl+C, then stops code-server's whole
// process group. Reuses the test harness's pieces (test/vscode, test/e2e); see
// docs/testing.md#why-code-server for why code-server and how it is driven.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { watchSimulatorConnections } from '../test/e2e/extensionLog';
import { DEMO_SETTINGS, readUserSettings } from '../test/e2e/settings';
import { installVsixIfChanged, VSIX_NAME } from '../test/e2e/vsix';
import { makeRunDirs, startCodeServer, type CodeServer } from '../test/vscode/codeServer';
import { loadTools, toolsDir } from '../test/vscode/tools';

/** Compiled to out/scripts/, so the repository root is two levels up. */
const repoRoot = path.resolve(__dirname, '..', '..');
const DEFAULT_PORT = 8080;

const USAGE = `usage: npm start -- [options]   (or: node out/scripts/start.js [options])
  --port <n>         port on 127.0.0.1 (or PORT=<n>; default 8080 when free, else any free port)
  --fresh            throwaway user data and extensions in a temp folder, deleted on exit
  --workspace <dir>  folder to open (default: flighthub-workspace in the state folder, created if missing)
  --vsix <file>      extension package to install (default: ${VSIX_NAME} in the repository)
  --verbose          echo code-server's own output
State kept between runs: ${path.join(toolsDir(), 'start')} (moves with FLIGHTHUB_TOOLS).`;

interface StartOptions {
  readonly port: number | undefined;
  readonly fresh: boolean;
  readonly workspace: string | undefined;
  readonly vsix: string;
  readonly verbose: boolean;
}

function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): StartOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      fresh: { type: 'boolean' },
      workspace: { type: 'string' },
      vsix: { type: 'string' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const portText = values.port ?? (env.PORT ? env.PORT : undefined);
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new Error(`--port/PORT must be a port number, not "${portText}"\n${USAGE}`);
  }
  return {
    port,
    fresh: values.fresh ?? false,
    workspace: values.workspace === undefined ? undefined : path.resolve(values.workspace),
    vsix: path.resolve(values.vsix ?? path.join(repoRoot, VSIX_NAME)),
    verbose: values.verbose ?? false,
  };
}

/**
 * The port asked for (failing clearly when taken, rather than silently moving), else 8080 when free,
 * else 0 so the OS picks one. The check-then-bind race is harmless: code-server would fail to listen
 * and this script says so.
 */
async function choosePort(requested: number | undefined): Promise<number> {
  if (requested !== undefined) {
    if (!(await isFree(requested))) throw new Error(`port ${requested} on 127.0.0.1 is already in use`);
    return requested;
  }
  return (await isFree(DEFAULT_PORT)) ? DEFAULT_PORT : 0;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** Set as soon as code-server is being started, so a Ctrl+C during start-up still stops it. */
let serverStarting: Promise<CodeServer> | undefined;
let server: CodeServer | undefined;
let throwaway: string | undefined;

async function main(options: StartOptions): Promise<void> {
  const started = Date.now();
  const tools = await loadTools();
  // First, so a taken --port fails before any work is done.
  const port = await choosePort(options.port);
  if (options.fresh) throwaway = await mkdtemp(path.join(os.tmpdir(), 'flighthub-start-'));
  const dirs = await makeRunDirs(throwaway ?? path.join(toolsDir(), 'start'));
  const workspace = options.workspace ?? path.join(dirs.root, 'flighthub-workspace');
  await mkdir(workspace, { recursive: true });

  if (await installVsixIfChanged(tools, dirs, options.vsix)) console.log(`[start] installed ${options.vsix}`);
  else
    console.log(`[start] ${path.basename(options.vsix)} unchanged since the last start: already installed`);

  // The user's own settings survive restarts; ours go on top so the demo always connects.
  const settings = { ...(await readUserSettings(dirs.userData)), ...DEMO_SETTINGS };
  const echo = options.verbose ? (line: string): void => console.log(line) : undefined;
  serverStarting = startCodeServer(tools, dirs, {}, echo, { port, settings, smokeTestDriver: false });
  server = await serverStarting;

  // Encoded per segment so the slashes stay readable; VS Code reads `folder` as a path on the server.
  const url = `${server.url}/?folder=${workspace.split('/').map(encodeURIComponent).join('/')}`;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`
  FlightHub 2 Workbench is running in code-server ${tools.codeServerVersion} (a real VS Code), ready in ${seconds} s.

    Open in a browser:  ${url}

  The extension is set to connect to its built-in FlightHub 2 simulator (no DJI account, no drone):
  click the FlightHub icon in the activity bar and the Projects, Devices, Flight Tasks and Flight Routes
  views fill with the simulated organization. A line below confirms the connection.

    State:  ${dirs.root}${throwaway ? '  (--fresh: deleted on exit)' : ''}
    Log:    ${server.logFile}
    Stop:   Ctrl+C
`);
  watchSimulatorConnections(dirs.userData, (connection) =>
    console.log(`[start] connected to the built-in simulator at ${connection.simulatorUrl}`),
  );

  const code = await server.exited;
  // Reached only when code-server ends by itself: a stop by signal exits from the handler below.
  throw new Error(`code-server exited unexpectedly (${code}); see ${server.logFile}`);
}

let stopping = false;

/** One way out for signals and failures: the server's whole group first, then the throwaway folder. */
async function shutDown(code: number): Promise<never> {
  stopping = true;
  const starting = await serverStarting?.catch(() => undefined);
  await starting?.stop();
  if (throwaway !== undefined) await rm(throwaway, { recursive: true, force: true });
  if (starting !== undefined) console.log('[start] code-server stopped');
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    console.log(`\n[start] ${signal}: stopping code-server…`);
    // A hung stop still ends the process; SIGKILL on the group follows from the 'exit' handler.
    setTimeout(() => process.exit(1), 15_000).unref();
    // Ctrl+C is how this command is meant to end, so a clean stop exits 0 (npm prints no error then).
    void shutDown(0);
  });
}
// Last resort when the process exits any other way (an uncaught exception).
process.on('exit', () => server?.kill());

void (async () => {
  try {
    await main(parseOptions(process.argv.slice(2), process.env));
  } catch (error) {
    if (stopping) return;
    console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
    await shutDown(1);
  }
})();
