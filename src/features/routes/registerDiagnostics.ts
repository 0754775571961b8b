// Starts the route diagnostics' workspace scan only where routes are in play, never inside activate()
// (STYLE.md, "Thin entry"): the scan walks the whole workspace, which a window that merely ran "Show Log"
// or opened the Projects view must not pay for (issue 13). What counts as "in play":
// - a route file (.kmz, or a .kml/.wpml under wpmz/) open in an editor or tab, now or later;
// - a route file created or changed on disk in the workspace;
// - the Routes view shown, a route command run, a route preview open or restored;
// - an earlier scan of this workspace found routes (VS Code activates us there via `workspaceContains`,
//   but tells an extension nothing about why it was activated, so the workspace's memory answers);
// - in a workspace never looked at before, one bounded probe (`findFiles` for the first route file only)
//   after activation finds routes: that is the `workspaceContains` activation of a newly opened folder.
// A window without route files does not activate us at all (package.json activationEvents); one that
// does for a view or a command pays for that one probe, once per workspace, and nothing more.
import * as vscode from 'vscode';
import { RouteDiagnostics } from './diagnostics';
import { KMZ_SCHEME } from '../../routes/kmzArchive';

/** What `activate()` keeps, and hands integration tests as `routeDiagnostics`. */
export interface RouteDiagnosticsHandle extends vscode.Disposable {
  readonly collection: vscode.DiagnosticCollection;
  /** Settles when the first scan of the workspace has been published (so never, until started). */
  readonly ready: Promise<void>;
  /** Whether the workspace scan has been started (by any of the triggers above). */
  readonly started: boolean;
  /** Starts the workspace scan once; later calls do nothing. */
  start(): void;
}

/** Commands that work on routes: running one means the person is working with routes here. */
export const ROUTE_COMMANDS: ReadonlySet<string> = new Set([
  'flighthub.previewRoute',
  'flighthub.uploadRoute',
  'flighthub.openKmzContents',
  'flighthub.createTaskFromRoute',
  'flighthub.showRouteDetails',
  'flighthub.downloadRoute',
]);

/** workspaceState key: whether the last scan of this workspace found any route. */
const ROUTES_SEEN = 'flighthub.routes.seenInWorkspace';
const ROUTE_PREVIEW_VIEW_TYPE = 'flighthub.routePreview';
const ROUTE_FILE = /(\.kmz|\/wpmz\/[^/]+\.(kml|wpml))$/i;

export function isRouteUri(uri: vscode.Uri): boolean {
  return uri.scheme === KMZ_SCHEME || ROUTE_FILE.test(uri.path);
}

/** Registers the diagnostics with `context.subscriptions` itself; disposing twice is harmless. */
export function registerRouteDiagnostics(
  context: vscode.ExtensionContext,
  routesView: vscode.TreeView<unknown>,
): RouteDiagnosticsHandle {
  const diagnostics = new RouteDiagnostics();
  const triggers: vscode.Disposable[] = [];
  let started = false;
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const start = (): void => {
    if (started) return;
    started = true;
    for (const d of triggers.splice(0)) d.dispose();
    // After the current event, not inside it (activate() or a command's first line).
    setTimeout(() => {
      // The scan never rejects for a bad route; a failing findFiles must not become an unhandled rejection.
      diagnostics.scan().then(
        (found) => {
          void context.workspaceState.update(ROUTES_SEEN, found > 0);
          resolveReady();
        },
        (error: unknown) => {
          console.error('[flighthub] route diagnostics: the workspace scan failed:', error);
          resolveReady();
        },
      );
    }, 0);
  };
  const routeWatcher = vscode.workspace.createFileSystemWatcher('**/*.{kmz,kml,wpml}', false, false, true);
  triggers.push(
    routeWatcher,
    routeWatcher.onDidCreate((uri) => isRouteUri(uri) && start()),
    routeWatcher.onDidChange((uri) => isRouteUri(uri) && start()),
    vscode.workspace.onDidOpenTextDocument((doc) => isRouteUri(doc.uri) && start()),
    vscode.window.tabGroups.onDidChangeTabs((e) => e.opened.some(isRouteTab) && start()),
    routesView.onDidChangeVisibility((e) => e.visible && start()),
  );
  const handle: RouteDiagnosticsHandle = {
    collection: diagnostics.collection,
    ready,
    get started() {
      return started;
    },
    start,
    dispose: () => {
      for (const d of triggers.splice(0)) d.dispose();
      diagnostics.dispose();
    },
  };
  context.subscriptions.push(handle);
  const seen = context.workspaceState.get<boolean>(ROUTES_SEEN);
  if (seen === undefined && vscode.workspace.workspaceFolders?.length) probeOnce(context, start);
  if (
    seen === true ||
    routesView.visible ||
    vscode.workspace.textDocuments.some((doc) => isRouteUri(doc.uri)) ||
    vscode.window.tabGroups.all.some((group) => group.tabs.some(isRouteTab))
  )
    start();
  return handle;
}

/** The same route globs as package.json's `workspaceContains` events; stops at the first match. */
const ROUTE_GLOB = '{**/*.kmz,**/wpmz/template.kml,**/wpmz/waylines.wpml}';

function probeOnce(context: vscode.ExtensionContext, start: () => void): void {
  setTimeout(() => {
    vscode.workspace.findFiles(ROUTE_GLOB, '**/node_modules/**', 1).then(
      (found) => {
        if (found.length > 0) start();
        else void context.workspaceState.update(ROUTES_SEEN, false);
      },
      // A search that fails (no search provider, say) leaves the other triggers in charge.
      (error: unknown) => console.error('[flighthub] route diagnostics: the route probe failed:', error),
    );
  }, 0);
}

function isRouteTab(tab: vscode.Tab): boolean {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) return isRouteUri(input.uri);
  // Restored webview tabs carry the panel's view type, prefixed by VS Code (`mainThreadWebview-…`).
  return input instanceof vscode.TabInputWebview && input.viewType.endsWith(ROUTE_PREVIEW_VIEW_TYPE);
}
