// Desktop runner: the same mocha entry and suite in a downloaded desktop VS Code (Electron), for
// developers who can reach Microsoft's update servers. Our CI machines cannot, so CI uses
// runInCodeServer.ts instead; keeping both proves the suite runs on desktop and in the remote/web host.
//
// VSCODE_VERSION picks the build: `stable` (default), `insiders`, or a number such as `1.139.0` (the
// minimum in package.json `engines.vscode`). On a headless Linux box run it under `xvfb-run -a`.
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { extensionTestsEnv, mochaEntryPath, parseHarnessOptions } from './options';

async function main(): Promise<number> {
  const options = parseHarnessOptions(process.argv.slice(2), process.env);
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'flighthub-electron-'));
  try {
    const workspace = options.workspace ?? (await mkdtemp(path.join(scratch, 'workspace-')));
    return await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: options.extensionPath,
      extensionTestsPath: mochaEntryPath,
      extensionTestsEnv: extensionTestsEnv(options),
      launchArgs: [
        workspace,
        // Other installed extensions would make results depend on the developer's machine.
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        path.join(scratch, 'user-data'),
      ],
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // runTests rejects with the extension host's exit code when tests fail.
    if (error instanceof TestRunFailedError) process.exit(error.code ?? 1);
    console.error(error);
    process.exit(1);
  },
);
