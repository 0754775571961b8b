// Everything activate() registers, in one place: the JSON documents, the KMZ file system, the tree
// views, the route diagnostics, the command table, the panel serializers, the status bar and the agent
// tools (Language Model Tools, the MCP server definition provider). Returns
// what the TestApi hands to integration tests.
import * as vscode from 'vscode';
import { registerLanguageModelTools } from '../features/agent/lmTools';
import { registerMcpProvider } from '../features/agent/mcpProvider';
import { StatusBar } from '../features/connections/statusBar';
import { registerKmzFileSystem } from '../features/routes/kmzFs';
import { registerRouteDiagnostics, ROUTE_COMMANDS } from '../features/routes/registerDiagnostics';
import type { Services } from '../services/services';
import { JSON_SCHEME, JsonDocuments } from '../ui/jsonDocs';
import type { CommandFailure } from '../ui/run';
import { DetailsPanels } from '../ui/details/detailsPanels';
import { SimulatorStatus } from '../features/simulatorControls/statusBar';
import type { Notify } from '../ui/notify';
import { registerCommands } from './commands';
import { registerPanels } from './panels';
import { registerViews } from './views';

export function wireExtension(
  context: vscode.ExtensionContext,
  services: Services,
  onCommandFailure?: (failure: CommandFailure) => void,
  notify?: Notify,
) {
  const docs = new JsonDocuments();
  const details = new DetailsPanels();
  const { views, disposables } = registerViews(services, notify);
  const routeDiagnostics = registerRouteDiagnostics(context, views.routesView);
  const panels = registerPanels(services);
  const lmTools = registerLanguageModelTools(services);
  const mcp = registerMcpProvider(services);
  const simulatorStatus = new SimulatorStatus(services);
  context.subscriptions.push(
    services,
    docs,
    details,
    vscode.workspace.registerTextDocumentContentProvider(JSON_SCHEME, docs),
    registerKmzFileSystem(),
    ...disposables,
    ...registerCommands(
      { services, docs, views, details },
      { onRun: (id) => ROUTE_COMMANDS.has(id) && routeDiagnostics.start(), onFailure: onCommandFailure },
    ),
    ...panels.disposables,
    new StatusBar(services),
    ...lmTools.disposables,
    ...mcp.disposables,
    simulatorStatus,
  );
  return {
    views,
    routeDiagnostics,
    panels: panels.panels,
    details,
    simulatorStatus,
    lmTools: lmTools.tools,
    mcpProvider: mcp.provider,
  };
}

export type Wired = ReturnType<typeof wireExtension>;
