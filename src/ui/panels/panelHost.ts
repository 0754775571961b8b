// The host side of every webview panel: wraps the panel (new, or adopted after a reload), renders the one
// HTML page with a fresh nonce, parses each incoming message with the panel's zod union, holds outgoing
// messages until the page says `ready`, and re-renders when the panel needs new CSP origins (a CSP
// cannot change in place). The page never gets the organization key: the host fetches, the page draws.
// Every host is in one registry while its panel is open (definePanel.ts opens, reveals and revives).
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

/** What the host calls on the panel's controller (see definePanel.ts). */
export interface PanelHandler<In> {
  /** Every `ready`: after the first load and after each reload, so send the full state here. */
  ready(): void;
  /** A message from the page, already validated. */
  receive(message: In): Promise<void> | void;
  /** The panel closed (by the person, by VS Code, or by the extension). */
  dispose(): void;
}

/**
 * An open panel as the base's registry sees it: the TestApi hands these out read-only, so integration
 * tests reach panels the way the page does (a real VS Code gives no way to click inside a webview).
 */
export interface OpenPanel {
  readonly viewType: string;
  /** The panel's identity within its view type (definePanel's `keyOf`): one panel per key. */
  readonly key: string;
  /** VS Code's panel (title, options; `dispose()` closes it like the person would). */
  readonly panel: vscode.WebviewPanel;
  /** Whether the page has said `ready` since its last render. */
  readonly ready: boolean;
  /** The last message the host posted to the page (or holds for it until `ready`). */
  readonly lastPosted: { readonly type: string } | undefined;
  /** Delivers `message` as if the page sent it: the same validation; resolves once it is handled. */
  send(message: unknown): Promise<void>;
}

const registry = new Set<OpenPanel>();

/** A snapshot of the panels open right now, oldest first. */
export function openPanels(): readonly OpenPanel[] {
  return [...registry];
}

export interface HostOptions<In> {
  readonly key: string;
  readonly origins?: CspOrigins;
  readonly handler: PanelHandler<In>;
}

export class PanelHost<Out extends { type: string }, In extends { type: string }>
  implements vscode.Disposable
{
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly entry: OpenPanel;
  private queue: Out[] = [];
  private isReady = false;
  private origins: CspOrigins;
  private alive = true;
  private last: Out | undefined;

  /** Wraps a panel: a new one, or one VS Code restores through a serializer. Only definePanel makes them. */
  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly spec: PanelSpec<In>,
    private readonly log: PanelLog,
    private readonly options: HostOptions<In>,
  ) {
    panel.webview.options = panelOptions(extensionUri, spec.retainContextWhenHidden);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        this.receive(raw).catch((error: unknown) =>
          this.log.error(`[${spec.viewType}] handling a page message failed`, error),
        );
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    this.origins = options.origins ?? {};
    const isReady = (): boolean => this.isReady;
    const last = (): Out | undefined => this.last;
    this.entry = {
      viewType: spec.viewType,
      key: options.key,
      panel,
      get ready() {
        return isReady();
      },
      get lastPosted() {
        return last();
      },
      send: (message) => this.receive(message),
    };
    registry.add(this.entry);
    this.render();
  }

  get ready(): boolean {
    return this.isReady;
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
    registry.delete(this.entry);
    this.queue = [];
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.options.handler.dispose();
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

  /** A message from the page, validated here before the panel's controller sees it. */
  private async receive(raw: unknown): Promise<void> {
    if (!this.alive) return;
    if (readyMessage.safeParse(raw).success) {
      this.isReady = true;
      const pending = this.queue.splice(0);
      for (const message of pending) void this.panel.webview.postMessage(message);
      this.options.handler.ready();
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
    await this.options.handler.receive(parsed.data);
  }
}

function union(a: readonly string[] | undefined, b: readonly string[] | undefined): string[] {
  return cleanOrigins([...(a ?? []), ...(b ?? [])]);
}
