// flighthub-mcp (dist/mcp.js) for VS Code's own MCP client, through the MCP server definition provider
// (stable since VS Code 1.101: https://code.visualstudio.com/api/extension-guides/ai/mcp). It serves the
// active connection, read-only: actions in VS Code go through the Language Model Tools and their
// SafetyGate. The organization key is read from SecretStorage when VS Code starts the server and handed
// to the child in its environment, never written to disk or into the definition VS Code lists.
import * as vscode from 'vscode';
import { mcpServerDefinitionApi, mcpStdioServerDefinition } from '../../core/compat';
import type { Services } from '../../services/services';

export const MCP_PROVIDER_ID = 'flighthub.mcp';

export interface Definition {
  label: string;
  env: Record<string, string | number | null>;
}

/** The spawn of dist/mcp.js for the active connection; the key is added only at resolve time. */
export async function mcpLaunch(
  services: Services,
): Promise<{ label: string; command: string; args: string[]; env: Record<string, string> } | undefined> {
  const c = services.session.connection;
  if (!c) return undefined;
  const script = vscode.Uri.joinPath(services.context.extensionUri, 'dist', 'mcp.js').fsPath;
  const url = c.kind === 'simulator' ? (await services.simulator.ensure()).url : c.url;
  return {
    label: vscode.l10n.t('FlightHub 2: {0}', c.name),
    // The editor's own runtime: Electron runs as plain Node with this variable, Node ignores it.
    command: process.execPath,
    args: [script, '--base-url', url, '--language', vscode.env.language.startsWith('zh') ? 'zh' : 'en'],
    env: { ELECTRON_RUN_AS_NODE: '1' },
  };
}

/** The organization key for the active connection (the simulator's own for the built-in one). */
async function orgKey(services: Services): Promise<string | undefined> {
  const c = services.session.connection;
  if (!c) return undefined;
  if (c.kind === 'simulator') return (await services.simulator.ensure()).orgKey;
  return services.store.orgKey(c.id);
}

export interface FlightHubMcpProvider {
  provideMcpServerDefinitions(): Promise<object[]>;
  resolveMcpServerDefinition(definition: Definition): Promise<object | undefined>;
}

/** Registers the provider where VS Code has the API (1.101+); `provider` is undefined elsewhere. */
export function registerMcpProvider(services: Services): {
  provider?: FlightHubMcpProvider;
  disposables: vscode.Disposable[];
} {
  const api = mcpServerDefinitionApi(vscode.lm, vscode.version);
  if (!api) return { disposables: [] };
  const changed = new vscode.EventEmitter<void>();
  const provider = {
    onDidChangeMcpServerDefinitions: changed.event,
    async provideMcpServerDefinitions() {
      // Listing must not start the built-in simulator: it is started when the server is.
      const c = services.session.connection;
      if (!c) return [];
      const launch = c.kind === 'simulator' ? undefined : await mcpLaunch(services);
      const label = vscode.l10n.t('FlightHub 2: {0}', c.name);
      const definition = mcpStdioServerDefinition(vscode, {
        label,
        command: launch?.command ?? process.execPath,
        args: launch?.args ?? [],
        env: launch?.env ?? {},
      });
      return definition ? [definition] : [];
    },
    async resolveMcpServerDefinition(definition: Definition) {
      const launch = await mcpLaunch(services);
      const key = await orgKey(services);
      if (!launch || !key) {
        void vscode.window.showWarningMessage(
          vscode.l10n.t('FlightHub 2 MCP server: connect to FlightHub 2 first.'),
        );
        return undefined;
      }
      return Object.assign(definition, {
        command: launch.command,
        args: launch.args,
        env: { ...definition.env, ...launch.env, FLIGHTHUB_ORG_KEY: key },
      });
    },
  };
  return {
    provider,
    disposables: [
      changed,
      services.session.onDidChange(() => changed.fire()),
      api.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, provider),
    ],
  };
}
