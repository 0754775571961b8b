// Read-only JSON documents (device state, task details…) under the `flighthub-json:` scheme: a
// content provider has no save, so nothing here can be edited and sent back by mistake.
import * as vscode from 'vscode';
import { sanitizeFileName } from '../core/fileName';

export const JSON_SCHEME = 'flighthub-json';

export class JsonDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private counter = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Opens (or updates, for the same name) a read-only JSON document. */
  async show(name: string, data: unknown): Promise<vscode.TextEditor> {
    // Save As offers this name, so it is a file name like any other we write.
    const fileName = sanitizeFileName(name, 'json', { fallback: 'document', maxBytes: 120 });
    const uri = vscode.Uri.from({
      scheme: JSON_SCHEME,
      path: `/${fileName}`,
      query: String(++this.counter),
    });
    this.contents.set(uri.toString(), `${JSON.stringify(data, null, 2)}\n`);
    // Keep memory bounded: only the most recent documents keep their text.
    if (this.contents.size > 50) this.contents.delete(this.contents.keys().next().value as string);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'json');
    return vscode.window.showTextDocument(doc, { preview: true });
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
