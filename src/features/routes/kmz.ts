// "Browse Route File Contents": opens a .kmz's template.kml and waylines.wpml as read-only XML documents
// (through the `flighthub-kmz:` file system), then offers every entry of the archive in a quick pick,
// with "Add to Workspace (read-only)" to show the whole tree in the Explorer. Nothing is added unasked.
import * as vscode from 'vscode';
import { describeError } from '../../core/errorText';
import { kmzEntryUri } from './kmzFs';
import { TEMPLATE_PATH, WAYLINES_PATH } from '../../routes/wpml/wpml';
import type { CommandFactory } from '../../ui/context';
import { UserCancelled } from '../../ui/run';

/** What the command resolves to (for tests and other callers). */
export interface KmzContents {
  readonly root: vscode.Uri;
  /** The route files opened, template first. */
  readonly opened: vscode.Uri[];
}

export const openKmzContents: CommandFactory = () => async (arg?: unknown) => {
  const source = arg instanceof vscode.Uri ? arg : await pickKmz();
  const root = kmzEntryUri(source);
  // Reads the archive once: an unsafe one fails here with the reader's reason, before anything opens.
  const entries = await listFiles(root);
  const opened: vscode.Uri[] = [];
  for (const path of [TEMPLATE_PATH, WAYLINES_PATH]) {
    if (!entries.includes(path)) continue;
    const uri = kmzEntryUri(source, path);
    let doc = await vscode.workspace.openTextDocument(uri);
    // .wpml is no known extension; both files are XML.
    if (doc.languageId !== 'xml') doc = await vscode.languages.setTextDocumentLanguage(doc, 'xml');
    await vscode.window.showTextDocument(doc, { preview: false, preserveFocus: opened.length > 0 });
    opened.push(uri);
  }
  // Not awaited: the command is done once the files are open; the pick stays for the person to use.
  browse(source, root, entries).catch((error: unknown) => {
    void vscode.window.showErrorMessage(describeError(error));
  });
  return { root, opened } satisfies KmzContents;
};

async function pickKmz(): Promise<vscode.Uri> {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const active =
    input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
  if (active && /\.kmz$/i.test(active.path)) return active;
  const picked = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Browse Route File Contents'),
    canSelectFiles: true,
    canSelectMany: false,
    filters: { 'KMZ route': ['kmz'] },
  });
  if (!picked?.[0]) throw new UserCancelled();
  return picked[0];
}

/** Every file of the archive, depth first ('wpmz/res/a.jpg'). */
async function listFiles(dir: vscode.Uri, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const [name, type] of await vscode.workspace.fs.readDirectory(dir)) {
    if (type === vscode.FileType.Directory)
      out.push(...(await listFiles(vscode.Uri.joinPath(dir, name), `${prefix}${name}/`)));
    else out.push(prefix + name);
  }
  return out;
}

async function browse(source: vscode.Uri, root: vscode.Uri, entries: string[]): Promise<void> {
  const name = root.path.slice(1);
  const add = { label: `$(root-folder-opened) ${vscode.l10n.t('Add to Workspace (read-only)')}` };
  const items: (vscode.QuickPickItem & { entry?: string })[] = [
    add,
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    ...entries.map((entry) => ({ label: `$(file) ${entry}`, entry })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Contents of {0}', name),
    placeHolder: vscode.l10n.t('Open a file of the route, or add the route to the workspace'),
  });
  if (!picked) return;
  if (picked.entry !== undefined) {
    await vscode.window.showTextDocument(kmzEntryUri(source, picked.entry), { preview: true });
    return;
  }
  if (picked === add) {
    const at = vscode.workspace.workspaceFolders?.length ?? 0;
    vscode.workspace.updateWorkspaceFolders(at, 0, {
      uri: root,
      name: vscode.l10n.t('{0} (read-only)', name),
    });
  }
}
