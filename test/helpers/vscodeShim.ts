// Loads host modules whose only use of `vscode` is l10n.t (errorText, the HMS dictionary, the device
// state words) outside VS Code: `vscode` resolves to the MCP build's shim (src/agent/vscodeShim.ts,
// English source text with placeholders filled), as esbuild.mjs aliases it for dist/mcp.js.
import Module from 'node:module';
import * as path from 'node:path';

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;

const SRC = path.resolve(__dirname, '..', '..', 'src');
const SHIM = path.join(SRC, 'agent', 'vscodeShim.js');

/**
 * `src/<file>` (e.g. `core/errorText`) loaded with `vscode` resolving to the shim; type it with
 * `typeof import(...)` of the same file.
 */
export function hostModule<T>(file: string): T {
  const loader = Module as unknown as { _load: Load };
  const original = loader._load;
  loader._load = (request, parent, isMain) => original(request === 'vscode' ? SHIM : request, parent, isMain);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module is chosen at run time
    return require(path.join(SRC, file)) as T;
  } finally {
    loader._load = original;
  }
}
