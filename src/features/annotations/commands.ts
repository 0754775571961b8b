// "Create Map Annotation…" (issue 15): a point, line or polygon in the active project, drawn from
// GeoJSON — the active editor, a .geojson/.json file of the workspace, or text pasted into the input.
// Callers may pass `{ geojson, name?, desc? }` or `{ file, name?, desc? }` instead of being asked.
import * as vscode from 'vscode';
import * as z from 'zod';
import type { CommandFactory } from '../../ui/context';
import { parseArgs } from '../../ui/pickers';
import { UserCancelled } from '../../ui/run';
import { describeIssues } from './annotationText';
import { askName, checkedAnnotation, sendAnnotation, type CreatedAnnotation } from './create';
import { parseAnnotation, type Annotation } from './geojson';

const args = z.strictObject({
  /** A GeoJSON object, or its JSON text. */
  geojson: z.unknown().optional(),
  /** A path or URI of a .geojson/.json file. */
  file: z.string().min(1).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  desc: z.string().max(1000).optional(),
});

/** Files offered from the workspace; GeoJSON files first. */
const MAX_FILES = 200;

export const createAnnotation: CommandFactory =
  (ctx) =>
  async (arg?: unknown): Promise<CreatedAnnotation> => {
    const given = parseArgs(args, arg);
    // Before any question: without a project there is nowhere to create it.
    const api = await ctx.services.session.projectApi();
    const annotation =
      given?.geojson !== undefined
        ? checkedAnnotation(given.geojson)
        : given?.file !== undefined
          ? await fromFile(toUri(given.file))
          : await askAnnotation();
    const name = given?.name ?? (await askName(annotation));
    const created = await sendAnnotation(api, name, annotation, given?.desc);
    ctx.services.log.info(`map annotation ${created.id} (type ${created.type}) created`);
    return created;
  };

function toUri(file: string): vscode.Uri {
  return /^[a-z][a-z0-9+.-]+:\/\//i.test(file) ? vscode.Uri.parse(file) : vscode.Uri.file(file);
}

async function fromFile(uri: vscode.Uri): Promise<Annotation> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  return checkedAnnotation(text, vscode.workspace.asRelativePath(uri));
}

type Source = vscode.QuickPickItem & { readonly run: () => Promise<Annotation> };

async function askAnnotation(): Promise<Annotation> {
  const t = vscode.l10n.t;
  const editor = vscode.window.activeTextEditor;
  const items: Source[] = [];
  if (editor && /json/i.test(editor.document.languageId + editor.document.fileName)) {
    const doc = editor.document;
    const selected = editor.selection.isEmpty ? undefined : editor.selection;
    items.push({
      label: `$(file-code) ${t('GeoJSON in the Editor')}`,
      description: vscode.workspace.asRelativePath(doc.uri),
      detail: selected ? t('The selected text') : undefined,
      run: () =>
        Promise.resolve(checkedAnnotation(doc.getText(selected), vscode.workspace.asRelativePath(doc.uri))),
    });
  }
  items.push(
    { label: `$(files) ${t('GeoJSON File in the Workspace…')}`, run: pickFile },
    { label: `$(edit) ${t('Paste GeoJSON…')}`, run: pasteGeoJson },
  );
  const pick = await vscode.window.showQuickPick(items, {
    title: t('Create Map Annotation'),
    placeHolder: t('Where is the Point, LineString or Polygon?'),
  });
  if (!pick) throw new UserCancelled();
  return pick.run();
}

async function pickFile(): Promise<Annotation> {
  const t = vscode.l10n.t;
  const found = await vscode.workspace.findFiles('**/*.{geojson,json}', '**/node_modules/**', MAX_FILES);
  if (found.length === 0) throw new Error(t('The workspace has no .geojson or .json file.'));
  const items = found
    .map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }))
    .sort((a, b) => Number(!/\.geojson$/i.test(a.label)) - Number(!/\.geojson$/i.test(b.label)));
  const pick = await vscode.window.showQuickPick(items, {
    title: t('Create Map Annotation'),
    placeHolder: t('GeoJSON file'),
    matchOnDescription: true,
  });
  if (!pick) throw new UserCancelled();
  return fromFile(pick.uri);
}

async function pasteGeoJson(): Promise<Annotation> {
  const t = vscode.l10n.t;
  const text = await vscode.window.showInputBox({
    title: t('Create Map Annotation'),
    prompt: t('A GeoJSON Point, LineString or Polygon, or a Feature with one ([longitude, latitude])'),
    placeHolder: '{"type":"Point","coordinates":[113.94,22.57]}',
    ignoreFocusOut: true,
    validateInput: (v) => {
      if (!v.trim()) return t('Paste GeoJSON.');
      const result = parseAnnotation(v);
      return result.ok ? undefined : describeIssues(result.issues);
    },
  });
  if (text === undefined) throw new UserCancelled();
  return checkedAnnotation(text);
}
