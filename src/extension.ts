// activate()/deactivate() only: build the services, register views and commands, done. No network
// here: trees load lazily and the simulator starts on first use.
import * as vscode from 'vscode';
import { registerCommands } from './app/commands';
import { registerPanels, type PanelsView } from './app/panels';
import { JSON_SCHEME, JsonDocuments } from './ui/jsonDocs';
import { registerKmzFileSystem } from './features/routes/kmzFs';
import { registerRouteDiagnostics, ROUTE_COMMANDS } from './features/routes/registerDiagnostics';
import { createServices, type Services } from './services/services';
import { StatusBar } from './features/connections/statusBar';
import { registerViews } from './app/views';
import { TestHooks } from './app/testHooks';
import type { Prompt } from './services/safety';
import type { CommandFailure } from './ui/run';

let services: Services | undefined;

/** What integration tests get from `activate()` (only in extension mode Test). */
export interface TestApi {
  readonly services: Services;
  readonly views: ReturnType<typeof registerViews>['views'];
  readonly routeDiagnostics: ReturnType<typeof registerRouteDiagnostics>;
  /** Webview panels: those open now (view type, key, ready, last posted, send as the page), and restore. */
  readonly panels: PanelsView;
  /** Every failure a command's error boundary caught, oldest first (a live list). */
  readonly commandFailures: readonly CommandFailure[];
  /** The error of the newest entry in `commandFailures`. */
  lastCommandError(): unknown;
  /** Answers the safety gate's confirmations instead of the modal dialog; `undefined` restores it. */
  setSafetyPrompt(prompt: Prompt | undefined): void;
}

export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  try {
    // Tests drive the extension through the TestApi; nobody else gets these hooks.
    const hooks = context.extensionMode === vscode.ExtensionMode.Test ? new TestHooks() : undefined;
    services = createServices(context, hooks?.safetyPrompt);
    const docs = new JsonDocuments();
    const { views, disposables } = registerViews(services);
    const routeDiagnostics = registerRouteDiagnostics(context, views.routesView);
    const panels = registerPanels(services);
    context.subscriptions.push(
      services,
      docs,
      vscode.workspace.registerTextDocumentContentProvider(JSON_SCHEME, docs),
      registerKmzFileSystem(),
      ...disposables,
      ...registerCommands(
        { services, docs, views },
        {
          onRun: (id) => ROUTE_COMMANDS.has(id) && routeDiagnostics.start(),
          onFailure: hooks?.onCommandFailure,
        },
      ),
      ...panels.disposables,
      new StatusBar(services),
    );
    // `npm start` opens VS Code straight onto the simulator; started after activation, not inside it.
    if (vscode.workspace.getConfiguration('flighthub.simulator').get<boolean>('connectOnStartup', false))
      setTimeout(() => void vscode.commands.executeCommand('flighthub.trySimulator'), 0);
    return hooks
      ? {
          services,
          views,
          routeDiagnostics,
          panels: panels.panels,
          commandFailures: hooks.commandFailures,
          lastCommandError: () => hooks.commandFailures.at(-1)?.error,
          setSafetyPrompt: (prompt) => hooks.setSafetyPrompt(prompt),
        }
      : undefined;
  } catch (error) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('FlightHub 2 Workbench failed to start: {0}', String(error)),
    );
    throw error;
  }
}

export async function deactivate(): Promise<void> {
  await services?.simulator.stop();
}
