// activate()/deactivate() only: build the services, wire views, commands and panels, done. No network
// here: trees load lazily and the simulator starts on first use.
import * as vscode from 'vscode';
import { TestHooks, type TestApi } from './app/testHooks';
import { wireExtension } from './app/wire';
import { createServices, type Services } from './services/services';

export type { TestApi } from './app/testHooks';

let services: Services | undefined;

export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  try {
    // Tests drive the extension through the TestApi; nobody else gets these hooks.
    const hooks = context.extensionMode === vscode.ExtensionMode.Test ? new TestHooks() : undefined;
    services = createServices(context, hooks?.safetyPrompt);
    const wired = wireExtension(context, services, hooks?.onCommandFailure, hooks?.notify);
    // `npm start` opens VS Code straight onto the simulator; started after activation, not inside it.
    if (vscode.workspace.getConfiguration('flighthub.simulator').get<boolean>('connectOnStartup', false))
      setTimeout(() => void vscode.commands.executeCommand('flighthub.trySimulator'), 0);
    return hooks?.api(services, wired);
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
