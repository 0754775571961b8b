// Finds code-server, the Node it runs on, and Chromium through the manifest that scripts/install-tools.sh
// writes, so the tools' layout is defined in that script alone. Two VS Codes are installed: the current
// one and the oldest that package.json's engines.vscode accepts (FLIGHTHUB_VSCODE or --vscode picks).
import { access, readFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

/** Which installed VS Code: the newest we test on, or the oldest engines.vscode accepts. */
export type VsCodeChoice = 'current' | 'min';
export const VSCODE_CHOICES: readonly VsCodeChoice[] = ['current', 'min'];

export function parseVsCodeChoice(value: string | undefined): VsCodeChoice {
  if (value === undefined || value === '') return 'current';
  if ((VSCODE_CHOICES as readonly string[]).includes(value)) return value as VsCodeChoice;
  throw new Error(`--vscode/FLIGHTHUB_VSCODE must be one of ${VSCODE_CHOICES.join(', ')}, not "${value}"`);
}

export interface Tools {
  /**
   * The Node this code-server requires (24 for 4.139, 20 for 4.100): each refuses other majors, and its
   * native modules are built for that ABI.
   */
  readonly node: string;
  readonly codeServerEntry: string;
  readonly codeServerVersion: string;
  readonly chromium: string;
}

/** Same default as scripts/install-tools.sh. */
export function toolsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.FLIGHTHUB_TOOLS ?? path.join(os.homedir(), '.cache', 'flighthub-workbench-tools');
}

export async function loadTools(
  env: NodeJS.ProcessEnv = process.env,
  which: VsCodeChoice = parseVsCodeChoice(env.FLIGHTHUB_VSCODE),
): Promise<Tools> {
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
  const min = which === 'min';
  const tools: Tools = {
    node: required(min ? 'NODE_MIN' : 'NODE24'),
    codeServerEntry: required(min ? 'CODE_SERVER_MIN_ENTRY' : 'CODE_SERVER_ENTRY'),
    codeServerVersion: required(min ? 'CODE_SERVER_MIN_VERSION' : 'CODE_SERVER_VERSION'),
    chromium: env.FLIGHTHUB_CHROMIUM ?? required('CHROMIUM'),
  };
  for (const file of [tools.node, tools.codeServerEntry, tools.chromium]) {
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
