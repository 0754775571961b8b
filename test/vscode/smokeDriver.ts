// How to turn on VS Code's smoke-test driver (without it a built VS Code ignores the test payload in the
// URL and the tests never start) on each code-server we test on. code-server 4.139 hands any VS Code
// option through `--vscode-option`. code-server 4.100 (the oldest VS Code we support) has no such flag
// and refuses options outside its own table, although it passes every parsed option on to VS Code
// (toCodeArgs in its out/node/cli.js): there a preload adds VS Code's `enable-smoke-test-driver` to
// that table (smokeDriverPreload.ts).
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';

export interface SmokeDriverArgs {
  /** Before the entry script (Node's own options). */
  readonly node: string[];
  /** After the entry script (code-server's options). */
  readonly codeServer: string[];
  readonly env: Record<string, string>;
}

export async function smokeDriverArgs(codeServerEntry: string): Promise<SmokeDriverArgs> {
  const cli = path.join(path.dirname(codeServerEntry), 'cli.js');
  if ((await readFile(cli, 'utf8')).includes('"vscode-option"'))
    return { node: [], codeServer: ['--vscode-option', 'enable-smoke-test-driver'], env: {} };
  return {
    node: ['--require', path.join(__dirname, 'smokeDriverPreload.js')],
    codeServer: ['--enable-smoke-test-driver'],
    env: { FLIGHTHUB_CODE_SERVER_CLI: cli },
  };
}
