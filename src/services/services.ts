// The one composition root: configuration, secrets, the session and its client, the simulator, the
// safety gate, logs. `activate()` builds it; tests reach it through the extension's exports.
import * as vscode from 'vscode';
import { AuditLog } from './audit';
import { SimulatorHost } from './simulatorHost';
import { ConnectionStore } from './store';
import { Session } from './session';
import { Logger } from './log';
import { type Prompt, SafetyGate } from './safety';

export interface Services extends vscode.Disposable {
  readonly context: vscode.ExtensionContext;
  readonly log: Logger;
  readonly store: ConnectionStore;
  readonly session: Session;
  readonly simulator: SimulatorHost;
  readonly safety: SafetyGate;
  readonly audit: AuditLog;
}

/** `safetyPrompt` replaces the modal confirmation (extension mode Test only). */
export function createServices(context: vscode.ExtensionContext, safetyPrompt?: Prompt): Services {
  const log = new Logger();
  const store = new ConnectionStore(context.globalState, context.secrets);
  const simulator = new SimulatorHost(vscode.Uri.joinPath(context.extensionUri, 'dist').fsPath);
  const session = new Session(context.globalState, store, simulator, (entry) => log.request(entry));
  const audit = new AuditLog(context.globalStorageUri);
  const safety = new SafetyGate(audit, safetyPrompt);
  return {
    context,
    log,
    store,
    session,
    simulator,
    safety,
    audit,
    dispose() {
      session.dispose();
      store.dispose();
      log.dispose();
    },
  };
}
