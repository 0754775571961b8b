// The host side of every webview panel: creates (or adopts, after a reload) the panel, renders the one
// HTML page with a fresh nonce, parses each incoming message with the panel's zod union, holds outgoing
// messages until the page says `ready`, and re-renders when the panel needs new CSP origins (a CSP
// cannot change in place). The page never gets the organization key: the host fetches, the page draws.
import * as vscode from 'vscode';
import type * as z from 'zod';
import { cleanOrigins, newNonce, renderPage, type CspOrigins } from './html';
import { messageType, pageErrorMessage, readyMessage } from './protocol';

export interface PanelSpec<In> {
  /** `flighthub.<panel>`; also the serializer's view type (package.json `onWebviewPanel:` is implied). */
  readonly viewType: string;
  /** The browser bundle: dist/webviews/<bundle>.js and, when it imports CSS, <bundle>.css. */
  readonly bundle: string;
  /** Page → host messages, excluding `ready` / `pageError` which every panel gets. */
  readonly fromWebview: z.ZodType<In>;
  /** Keep the page alive while hidden (the livestream player must not drop its connection). */
  readonly retainContextWhenHidden?: boolean;
}

export interface PanelLog {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webviews');
}

/** Panel options: scripts on, local resources only from the built webview assets. */
export function panelOptions(
  extensionUri: vscode.Uri,
  retain = false,
): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: retain,
    localResourceRoots: [webviewRoot(extensionUri)],
  };
}

/** Every open panel, for the integration tests (TestApi.panels) and for closing all on deactivate. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const openPanels = new Set<PanelHost<any, any>>();

export class PanelHost<Out extends { type: string }, In extends { type: string }>
  implements vscode.Disposable
{
  private readonly emitter = new vscode.EventEmitter<In>();
  private readonly disposed = new vscode.EventEmitter<void>();
  private readonly readied = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private queue: Out[] = [];
  private isReady = false;
  private readyWaiters: (() => void)[] = [];
  private origins: CspOrigins = {};
  private alive = true;
  private last: Out | undefined;

  /** Messages from the page, already validated. */
  readonly onMessage = this.emitter.event;
  readonly onDidDispose = this.disposed.event;
  /** Fires on every `ready`: after the first load and after each reload, so send the full state here. */
  readonly onDidBecomeReady = this.readied.event;

  static create<O extends { type: string }, I extends { type: string }>(
    extensionUri: vscode.Uri,
    spec: PanelSpec<I>,
    log: PanelLog,
    title: string,
    origins: CspOrigins = {},
  ): PanelHost<O, I> {
    const panel = vscode.window.createWebviewPanel(
      spec.viewType,
      title,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      panelOptions(extensionUri, spec.retainContextWhenHidden),
    );
    return new PanelHost<O, I>(panel, extensionUri, spec, log, origins);
  }

  /** Wraps an existing panel: a new one, or one VS Code restores through a serializer. */
  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly spec: PanelSpec<In>,
    private readonly log: PanelLog,
    origins: CspOrigins = {},
  ) {
    panel.webview.options = panelOptions(extensionUri, spec.retainContextWhenHidden);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      panel.onDidDispose(() => this.dispose()),
    );
    this.origins = origins;
    openPanels.add(this);
    this.render();
  }

  get ready(): boolean {
    return this.isReady;
  }

  /** The last message given to `post` (what the page shows or will show; integration tests read it). */
  get lastMessage(): Out | undefined {
    return this.last;
  }

  /** Resolves once the page has said `ready` (immediately if it already has). */
  whenReady(): Promise<void> {
    if (this.isReady) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Posts now if the page is ready, otherwise after `ready`. Messages to a closed panel are dropped. */
  post(message: Out): void {
    if (!this.alive) return;
    this.last = message;
    if (!this.isReady) {
      this.queue.push(message);
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  /**
   * Widens the CSP to new origins (e.g. a refreshed presigned host). Re-renders only when the set
   * actually grows; the page then restarts and says `ready` again, getting its state from the host.
   */
  allowOrigins(origins: CspOrigins): boolean {
    const merged: CspOrigins = {
      img: union(this.origins.img, origins.img),
      media: union(this.origins.media, origins.media),
      connect: union(this.origins.connect, origins.connect),
    };
    const grew = (['img', 'media', 'connect'] as const).some(
      (k) => (merged[k]?.length ?? 0) !== (this.origins[k]?.length ?? 0),
    );
    if (!grew) return false;
    this.origins = merged;
    this.render();
    return true;
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  dispose(): void {
    if (!this.alive) return;
    this.alive = false;
    openPanels.delete(this);
    this.queue = [];
    this.disposed.fire();
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.emitter.dispose();
    this.readied.dispose();
    this.disposed.dispose();
    this.panel.dispose();
  }

  private render(): void {
    this.isReady = false;
    const webview = this.panel.webview;
    const root = webviewRoot(this.extensionUri);
    const uri = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(root, file)).toString();
    webview.html = renderPage({
      title: this.panel.title,
      cspSource: webview.cspSource,
      nonce: newNonce(),
      scriptUri: uri(`${this.spec.bundle}.js`),
      styleUris: [uri('codicon.css'), uri(`${this.spec.bundle}.css`)],
      origins: this.origins,
      lang: vscode.env.language,
    });
  }

  /**
   * A message from the page, validated here before anyone sees it. The webview's listener calls it;
   * integration tests call it to act as the page (a real VS Code gives no way to click in a webview).
   */
  receive(raw: unknown): void {
    if (readyMessage.safeParse(raw).success) {
      this.isReady = true;
      const pending = this.queue.splice(0);
      for (const message of pending) void this.panel.webview.postMessage(message);
      for (const resolve of this.readyWaiters.splice(0)) resolve();
      this.readied.fire();
      return;
    }
    const pageError = pageErrorMessage.safeParse(raw);
    if (pageError.success) {
      this.log.error(`[${this.spec.viewType}] page error: ${pageError.data.message}`);
      return;
    }
    const parsed = this.spec.fromWebview.safeParse(raw);
    if (!parsed.success) {
      this.log.error(`[${this.spec.viewType}] rejected a message of type "${messageType(raw)}"`);
      return;
    }
    this.emitter.fire(parsed.data);
  }
}

function union(a: readonly string[] | undefined, b: readonly string[] | undefined): string[] {
  return cleanOrigins([...(a ?? []), ...(b ?? [])]);
}

/**
 * Restores panels of one view type after a window reload. `revive` gets the panel and the state the
 * page last saved (unvalidated: parse it); it should wrap the panel in a PanelHost again.
 */
export function registerPanelSerializer(
  viewType: string,
  revive: (panel: vscode.WebviewPanel, state: unknown) => Promise<void>,
): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(viewType, {
    deserializeWebviewPanel: (panel, state: unknown) => revive(panel, state),
  });
}
