// Installs the packaged extension into a code-server extensions folder, the way a user installs a .vsix:
// `npm start` and the UI smoke test both run what `vsce package` produced, not the source tree.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { RunDirs } from '../vscode/codeServer';
import type { Tools } from '../vscode/tools';

/** The packaged file `npm run package` writes at the repository root. */
export const VSIX_NAME = 'flighthub2-workbench.vsix';

const INSTALL_TIMEOUT_MS = 120_000;

/**
 * `code-server --install-extension <vsix>`: unpacks into `dirs.extensions` and exits. `--force` replaces
 * an installed copy of the same version, which code-server otherwise keeps with a notice.
 */
export async function installVsix(tools: Tools, dirs: RunDirs, vsix: string): Promise<void> {
  await access(vsix).catch(() => {
    throw new Error(`${vsix} is missing: run \`npm run package\` first`);
  });
  const args = [
    tools.codeServerEntry,
    ...['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions],
    ...['--install-extension', vsix, '--force'],
  ];
  const child = spawn(tools.node, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...dirs.env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), INSTALL_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  }).finally(() => clearTimeout(timer));
  // code-server exits 0 even for some refusals, so the success line is the real signal.
  if (code !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${vsix} failed (exit ${code}):\n${output.trim()}`);
  }
}

/**
 * Installs only when the .vsix differs from the one installed last time (by content hash), so a
 * persistent `npm start` folder restarts in a second but always runs the freshly packaged build.
 * Returns whether it installed.
 */
export async function installVsixIfChanged(tools: Tools, dirs: RunDirs, vsix: string): Promise<boolean> {
  const stamp = path.join(dirs.root, 'installed-vsix.sha256');
  const hash = createHash('sha256')
    .update(await readFile(vsix))
    .digest('hex');
  const previous = await readFile(stamp, 'utf8').catch(() => '');
  if (previous.trim() === hash && (await extensionFolderExists(dirs.extensions, vsix))) return false;
  await installVsix(tools, dirs, vsix);
  await writeFile(stamp, `${hash}\n`);
  return true;
}

/** code-server names the folder `<publisher>.<name>-<version>`, read from the package.json beside the vsix. */
async function extensionFolderExists(extensionsDir: string, vsix: string): Promise<boolean> {
  try {
    const manifest = JSON.parse(
      await readFile(path.join(path.dirname(vsix), 'package.json'), 'utf8'),
    ) as Record<string, unknown>;
    const folder = `${String(manifest.publisher)}.${String(manifest.name)}-${String(manifest.version)}`;
    await access(path.join(extensionsDir, folder, 'package.json'));
    return true;
  } catch {
    return false;
  }
}
