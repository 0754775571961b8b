// The simulator in its own process, so the benchmark's memory and CPU are the client's alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface SimProcess {
  readonly url: string;
  readonly orgKey: string;
  stop(): Promise<void>;
}

export async function startSimProcess(args: string[]): Promise<SimProcess> {
  const cli = join(__dirname, '..', '..', 'src', 'simulator', 'cli.js');
  const child: ChildProcess = spawn(process.execPath, [cli, '--json', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  const { url, orgKey } = JSON.parse(first) as { url: string; orgKey: string };
  return {
    url,
    orgKey,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
