// Opens the readable details pages: one webview panel per shown thing (`key`), revealed and redrawn
// when shown again. No script runs in the page; its links are command URIs, and the panel allows only
// the commands of the page's own actions (`enableCommandUris` takes a list since VS Code 1.77, see
// `WebviewOptions.enableCommandUris` in vscode.d.ts).
import * as vscode from 'vscode';
import { newNonce } from '../panels/html';
import { renderDetailsPage, type DetailsModel } from './detailsPage';

export const DETAILS_VIEW_TYPE = 'flighthub.details';

export class DetailsPanels implements vscode.Disposable {
  private readonly open = new Map<string, { panel: vscode.WebviewPanel; model: DetailsModel }>();

  /** The models of the open pages by key (for the TestApi: a test cannot read inside a webview). */
  get shown(): ReadonlyMap<string, DetailsModel> {
    return new Map([...this.open].map(([key, o]) => [key, o.model]));
  }

  isOpen(key: string): boolean {
    return this.open.has(key);
  }

  /** Opens or reveals the page of `key`; `reveal: false` only redraws an open page (no focus change). */
  show(key: string, model: DetailsModel, o: { reveal?: boolean } = {}): void {
    const commands = [...new Set(model.actions.map((a) => a.command))];
    let entry = this.open.get(key);
    if (entry) {
      entry.panel.webview.options = { ...entry.panel.webview.options, enableCommandUris: commands };
      if (o.reveal !== false) entry.panel.reveal(undefined, false);
    } else {
      const panel = vscode.window.createWebviewPanel(
        DETAILS_VIEW_TYPE,
        model.title,
        vscode.ViewColumn.Active,
        {
          enableScripts: false,
          enableCommandUris: commands,
          // Nothing is loaded from disk: the style is inline (by nonce).
          localResourceRoots: [],
        },
      );
      entry = { panel, model };
      this.open.set(key, entry);
      panel.onDidDispose(() => {
        if (this.open.get(key)?.panel === panel) this.open.delete(key);
      });
    }
    entry.model = model;
    const { webview } = entry.panel;
    entry.panel.title = model.title;
    webview.html = renderDetailsPage(model, {
      cspSource: webview.cspSource,
      nonce: newNonce(),
      lang: vscode.env.language,
      actionsLabel: vscode.l10n.t('Actions'),
    });
  }

  dispose(): void {
    for (const { panel } of this.open.values()) panel.dispose();
    this.open.clear();
  }
}
