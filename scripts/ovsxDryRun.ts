// `npm run package:ovsx`: publishes the packaged .vsix with the real `ovsx` CLI to a stand-in Open VSX
// registry on 127.0.0.1 that keeps the upload and publishes nothing. Proves what `ovsx publish` does
// with our package (reads it, checks the manifest, uploads it) without a token or the network; the
// real publish steps for both registries are in docs/PUBLISHING.md.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

/** Compiled to out/scripts/, so the repository root is two levels up. */
const repoRoot = path.resolve(__dirname, '..', '..');
const VSIX = path.join(repoRoot, 'flighthub2-workbench.vsix');
const OVSX = path.join(repoRoot, 'node_modules', 'ovsx', 'bin', 'ovsx');

interface Manifest {
  readonly publisher: string;
  readonly name: string;
  readonly version: string;
}

async function main(): Promise<number> {
  const vsix = await readFile(VSIX).catch(() => {
    throw new Error(`${VSIX} is missing: run \`npm run package\` first`);
  });
  const manifest = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
  const uploads: Buffer[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'POST' && req.url?.startsWith('/api/-/publish')) {
        uploads.push(Buffer.concat(chunks));
        res.writeHead(201, { 'content-type': 'application/json' });
        const { publisher: namespace, name, version } = manifest;
        res.end(JSON.stringify({ namespace, name, version, targetPlatform: 'universal' }));
        return;
      }
      // Everything else (the version and size-limit look-ups) is unknown here, as on an older registry.
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"not found"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const args = [OVSX, 'publish', VSIX, '--registryUrl', url, '--pat', 'dry-run-not-a-token'];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, args, { stdio: 'inherit', cwd: repoRoot });
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0) throw new Error(`ovsx publish exited with ${code}`);
    if (uploads.length !== 1 || !uploads[0]?.equals(vsix))
      throw new Error(`the stand-in registry received ${uploads.length} uploads, not the .vsix once`);
    console.log(
      `[ovsx dry run] ovsx would publish ${manifest.publisher}.${manifest.name} ${manifest.version} ` +
        `(${vsix.length} bytes) to Open VSX; nothing was published`,
    );
    return 0;
  } finally {
    server.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[ovsx dry run] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
