// Reads the extension's own log (its LogOutputChannel, which VS Code mirrors to a file under the server's
// user-data logs) to learn when it connected to the built-in simulator. The connection happens inside the
// extension host, which only exists once a browser window is open, so the log is the one place a process
// outside VS Code can see it.
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';

/** `<publisher>.<name>`: VS Code keeps each extension's log channels in a folder of this name. */
export const EXTENSION_ID = 'flighthub-workbench.flighthub2-workbench';

/** Written by the `flighthub.trySimulator` command (src/features/connections/commands.ts) once connected. */
const CONNECTED = /built-in simulator at (http:\/\/127\.0\.0\.1:\d+)/;

export interface SimulatorConnection {
  /** The log file, one per extension host (a page reload starts a new one). */
  readonly logFile: string;
  /** Where the extension's simulator listens (inside the extension host's process). */
  readonly simulatorUrl: string;
}

/** Every connection logged so far, across all windows and sessions in this user-data folder. */
export async function findSimulatorConnections(userDataDir: string): Promise<SimulatorConnection[]> {
  const logsDir = path.join(userDataDir, 'logs');
  const entries = await readdir(logsDir, { recursive: true }).catch(() => [] as string[]);
  const found: SimulatorConnection[] = [];
  for (const entry of entries) {
    if (!entry.endsWith('.log') || !entry.split(path.sep).includes(EXTENSION_ID)) continue;
    const logFile = path.join(logsDir, entry);
    const text = await readFile(logFile, 'utf8').catch(() => '');
    const match = CONNECTED.exec(text);
    if (match?.[1] !== undefined) found.push({ logFile, simulatorUrl: match[1] });
  }
  return found;
}

export interface Watch {
  dispose(): void;
}

/**
 * Calls `onConnected` once for each connection logged from now on (each new window or reload); earlier
 * sessions in a reused user-data folder are skipped. Polls, because fs.watch on nested folders that do
 * not exist yet is unreliable on Linux.
 */
export function watchSimulatorConnections(
  userDataDir: string,
  onConnected: (connection: SimulatorConnection) => void,
  intervalMs = 1000,
): Watch {
  const seen = new Set<string>();
  const earlier = findSimulatorConnections(userDataDir).then((list) => {
    for (const connection of list) seen.add(connection.logFile);
  });
  let busy = false;
  const poll = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      await earlier;
      for (const connection of await findSimulatorConnections(userDataDir)) {
        if (seen.has(connection.logFile)) continue;
        seen.add(connection.logFile);
        onConnected(connection);
      }
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void poll(), intervalMs);
  // The watch alone must not keep a process alive.
  timer.unref();
  return { dispose: () => clearInterval(timer) };
}
