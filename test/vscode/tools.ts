// Finds Node 24, code-server and Chromium through the manifest that scripts/install-tools.sh writes, so
// the tools' layout is defined in that script alone.
import { access, readFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Tools {
  /** Node 24: code-server 4.139 refuses older Node, and its native modules are built for this ABI. */
  readonly node24: string;
  readonly codeServerEntry: string;
  readonly codeServerVersion: string;
  readonly chromium: string;
}

/** Same default as scripts/install-tools.sh. */
export function toolsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.FLIGHTHUB_TOOLS ?? path.join(os.homedir(), '.cache', 'flighthub-workbench-tools');
}

export async function loadTools(env: NodeJS.ProcessEnv = process.env): Promise<Tools> {
  const manifest = path.join(toolsDir(env), 'tools.env');
  let text: string;
  try {
    text = await readFile(manifest, 'utf8');
  } catch {
    throw new Error(`${manifest} not found: run \`bash scripts/install-tools.sh\` first`);
  }
  const values = parseEnvFile(text);
  const required = (key: string): string => {
    const value = values.get(key);
    if (value === undefined) throw new Error(`${manifest} has no ${key}: rerun scripts/install-tools.sh`);
    return value;
  };
  const tools: Tools = {
    node24: required('NODE24'),
    codeServerEntry: required('CODE_SERVER_ENTRY'),
    codeServerVersion: required('CODE_SERVER_VERSION'),
    chromium: env.FLIGHTHUB_CHROMIUM ?? required('CHROMIUM'),
  };
  for (const file of [tools.node24, tools.codeServerEntry, tools.chromium]) {
    try {
      await access(file);
    } catch {
      throw new Error(`${file} (from ${manifest}) is missing: rerun scripts/install-tools.sh`);
    }
  }
  return tools;
}

/** `KEY=value` lines, as the install script prints them (no quoting, no expansion). */
function parseEnvFile(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) values.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return values;
}
