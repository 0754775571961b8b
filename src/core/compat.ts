// APIs newer than engines.vscode (1.100, docs/COMPATIBILITY.md): @types/vscode is pinned to 1.100, so
// they are not in the types, and an editor on 1.100 does not have them. Each is reached only through
// a typed guard here, and the caller degrades when the guard says no.
import type * as vscode from 'vscode';

/**
 * The MCP server definition provider, stable since VS Code 1.101 (`vscode.lm`). Only the part we call;
 * the provider's shape is checked by its caller.
 */
export interface McpServerDefinitionApi {
  registerMcpServerDefinitionProvider(id: string, provider: object): vscode.Disposable;
}

/** The VS Code release that made the MCP server definition provider stable. */
const MCP_STABLE: readonly [number, number] = [1, 101];

/**
 * `mcpServerDefinitionApi(vscode.lm, vscode.version)`: the API where this VS Code has it as a stable
 * API, else undefined. The version counts too: VS Code 1.100 already has the function, as a proposed
 * API that throws for an extension that did not enable the proposal (seen on code-server 4.100.3).
 */
export function mcpServerDefinitionApi(lm: unknown, version: string): McpServerDefinitionApi | undefined {
  if (typeof lm !== 'object' || lm === null || !atLeast(version, MCP_STABLE)) return undefined;
  const register: unknown = Reflect.get(lm, 'registerMcpServerDefinitionProvider');
  return typeof register === 'function' ? (lm as McpServerDefinitionApi) : undefined;
}

/** `1.101.0`, `1.101.0-insider`: compares major and minor only. */
function atLeast(version: string, [major, minor]: readonly [number, number]): boolean {
  if (typeof version !== 'string') return false;
  const [a = NaN, b = NaN] = version.split('.').map((part) => parseInt(part, 10));
  return a > major || (a === major && b >= minor);
}

/** `new vscode.McpStdioServerDefinition(…)` where this VS Code has the class (1.101+), else undefined. */
export function mcpStdioServerDefinition(
  api: unknown,
  o: {
    label: string;
    command: string;
    args: string[];
    env: Record<string, string | number | null>;
    version?: string;
  },
): object | undefined {
  const ctor: unknown =
    typeof api === 'object' && api !== null ? Reflect.get(api, 'McpStdioServerDefinition') : undefined;
  if (typeof ctor !== 'function') return undefined;
  return Reflect.construct(ctor, [o.label, o.command, o.args, o.env, o.version]) as object;
}
