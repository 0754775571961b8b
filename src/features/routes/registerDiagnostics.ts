// Starts the route diagnostics after activation, not inside it: the first scan reads and validates every
// route in the workspace, which is no work for `activate()` (STYLE.md, "Thin entry").
import * as vscode from 'vscode';
import { RouteDiagnostics } from './diagnostics';

/** What `activate()` keeps, and hands integration tests as `routeDiagnostics`. */
export interface RouteDiagnosticsHandle extends vscode.Disposable {
  readonly collection: vscode.DiagnosticCollection;
  /** Settles when the first scan of the workspace has been published. */
  readonly ready: Promise<void>;
}

/** Registers the diagnostics with `context.subscriptions` itself; disposing twice is harmless. */
export function registerRouteDiagnostics(context: vscode.ExtensionContext): RouteDiagnosticsHandle {
  const diagnostics = new RouteDiagnostics();
  context.subscriptions.push(diagnostics);
  const ready = new Promise<void>((resolve) => {
    setTimeout(() => {
      // The scan never rejects for a bad route; a failing findFiles must not become an unhandled rejection.
      diagnostics.scan().then(resolve, (error: unknown) => {
        console.error('[flighthub] route diagnostics: the workspace scan failed:', error);
        resolve();
      });
    }, 0);
  });
  return { collection: diagnostics.collection, ready, dispose: () => diagnostics.dispose() };
}
