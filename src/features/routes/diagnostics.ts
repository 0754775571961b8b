// Route findings in the Problems panel: every KMZ and unzipped route (`<dir>/wpmz/…`) in the workspace is
// validated once after start-up, again when its files change on disk, and, for open template.kml and
// waylines.wpml documents, as the user types. Unzipped routes get diagnostics on the real files at the
// finding's position; a KMZ is one binary file, so its findings sit at 0:0 prefixed with entry:line:column,
// with a related location inside the entry (the read-only `flighthub-kmz:` file system, kmzFs.ts).
import * as vscode from 'vscode';
import { ARCHIVE, type Finding, type Severity } from '../../routes/wpml/findings';
import { readRouteFolder, ROUTE_DIR, validateRouteFolder } from '../../routes/folder';
import { kmzEntryUri } from './kmzFs';
import {
  validateKmz,
  validateRouteFiles,
  type RouteFiles,
  type ValidateOptions,
} from '../../routes/wpml/validate';
import { TEMPLATE_PATH, WAYLINES_PATH } from '../../routes/wpml/wpml';
import { readZip, withZipFile, type ZipSource } from '../../routes/zip/zip';

export const COLLECTION_NAME = 'flighthub-routes';
export const DIAGNOSTIC_SOURCE = 'FlightHub WPML';
/** What the start-up scan looks at; more routes than this in one workspace is a data dump, not a project. */
export const MAX_SCANNED_FILES = 500;
const DEBOUNCE_MS = 300;
const SCAN_GLOB = `{**/*.kmz,**/${ROUTE_DIR}/template.kml,**/${ROUTE_DIR}/waylines.wpml}`;
const SCAN_EXCLUDE = '**/node_modules/**';
/** Any .kml or .wpml directly inside a `wpmz/` folder belongs to that route (a misnamed one included). */
const ROUTE_FILE = new RegExp(`/${ROUTE_DIR}/[^/]+\\.(kml|wpml)$`, 'i');
/** Created paths not worth a look: dependencies and version control churn through thousands of folders. */
const IGNORED_PATH = /\/(node_modules|\.git)(\/|$)/;
const EDITABLE_FILE = new RegExp(`/${ROUTE_DIR}/(template\\.kml|waylines\\.wpml)$`);

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** What one validation target is: a `.kmz` file, or the folder that holds `wpmz/`. */
interface Target {
  readonly kind: 'kmz' | 'folder';
  readonly uri: vscode.Uri;
}

export class RouteDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(COLLECTION_NAME);
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Bumped per target on every run, so a slow validation never overwrites a newer one's result. */
  private readonly generations = new Map<string, number>();
  /** The URIs each target last published on, to clear them when the target's findings move or go. */
  private readonly published = new Map<string, vscode.Uri[]>();
  private disposed = false;

  constructor(private readonly options: ValidateOptions = {}) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{kmz,kml,wpml}', false, false, true);
    // Deleting a folder reports the folder only (children's events are coalesced into it), so deletions
    // are watched for every path, and everything published under a deleted path is cleared. Creations
    // too: files written into a folder the moment it is created can precede the OS watch on it and go
    // unreported (the likely cause of one flaky integration run), so a new folder is searched for routes.
    const paths = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    this.disposables.push(
      watcher,
      paths,
      watcher.onDidCreate((uri) => this.onFileChanged(uri)),
      watcher.onDidChange((uri) => this.onFileChanged(uri)),
      paths.onDidCreate((uri) => this.onCreated(uri)),
      paths.onDidDelete((uri) => this.onDeleted(uri)),
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((uri) => this.onDeleted(uri))),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && isEditableRouteFile(e.document.uri))
          this.schedule(folderTarget(e.document.uri));
      }),
      // Closing a document with unsaved edits discards them: the files on disk are what counts again.
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (isEditableRouteFile(doc.uri)) this.schedule(folderTarget(doc.uri));
      }),
    );
  }

  /**
   * Validates every route in the workspace; resolves, with how many routes it found, when all are
   * published (bad routes never reject).
   */
  async scan(): Promise<number> {
    const uris = await vscode.workspace.findFiles(SCAN_GLOB, SCAN_EXCLUDE, MAX_SCANNED_FILES);
    const targets = new Map<string, Target>();
    for (const uri of uris) {
      const target = uri.path.toLowerCase().endsWith('.kmz') ? kmzTarget(uri) : folderTarget(uri);
      targets.set(target.uri.toString(), target);
    }
    for (const target of targets.values()) {
      if (this.disposed) return targets.size;
      await this.run(target);
      // Validation is synchronous CPU work: let the extension host breathe between routes.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return targets.size;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private onFileChanged(uri: vscode.Uri): void {
    if (uri.path.toLowerCase().endsWith('.kmz')) this.schedule(kmzTarget(uri));
    else if (ROUTE_FILE.test(uri.path)) this.schedule(folderTarget(uri));
  }

  private onCreated(uri: vscode.Uri): void {
    if (this.disposed || /\.(kmz|kml|wpml)$/i.test(uri.path) || IGNORED_PATH.test(uri.path)) return;
    // A folder named wpmz is a route's; search from the folder that holds it.
    const base = uri.path.endsWith(`/${ROUTE_DIR}`) ? vscode.Uri.joinPath(uri, '..') : uri;
    const key = `created:${base.toString()}`;
    this.cancel(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.searchCreated(base);
      }, DEBOUNCE_MS),
    );
  }

  private async searchCreated(base: vscode.Uri): Promise<void> {
    try {
      if ((await vscode.workspace.fs.stat(base)).type !== vscode.FileType.Directory || this.disposed) return;
      const pattern = new vscode.RelativePattern(base, SCAN_GLOB);
      for (const uri of await vscode.workspace.findFiles(pattern, SCAN_EXCLUDE, MAX_SCANNED_FILES))
        this.onFileChanged(uri);
    } catch {
      // Gone again before we looked: its deletion has its own event.
    }
  }

  private onDeleted(uri: vscode.Uri): void {
    const prefix = `${uri.toString()}/`;
    const under = (key: string) => key === uri.toString() || key.startsWith(prefix);
    // A check still reading what was just deleted must not publish afterwards: a newer generation
    // makes run() drop its result.
    for (const [key, generation] of this.generations) {
      if (!under(key)) continue;
      this.generations.set(key, generation + 1);
      this.cancel(key);
    }
    for (const key of [...this.published.keys()]) {
      if (!under(key)) continue;
      this.cancel(key);
      this.clear(key);
    }
    // One file of an unzipped route went: the rest of the route is still there, and now incomplete.
    if (ROUTE_FILE.test(uri.path)) this.schedule(folderTarget(uri));
    else if (uri.path.endsWith(`/${ROUTE_DIR}`))
      this.schedule({ kind: 'folder', uri: vscode.Uri.joinPath(uri, '..') });
  }

  private schedule(target: Target): void {
    if (this.disposed) return;
    const key = target.uri.toString();
    this.cancel(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.run(target);
      }, DEBOUNCE_MS),
    );
  }

  private cancel(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  /** Validates one target and publishes its diagnostics; a target that is gone is cleared. */
  private async run(target: Target): Promise<void> {
    const key = target.uri.toString();
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    let result: Map<string, vscode.Diagnostic[]> | undefined;
    try {
      result = target.kind === 'kmz' ? await this.checkKmz(target.uri) : await this.checkFolder(target.uri);
    } catch {
      // Unreadable (deleted while we looked, a permission problem): nothing to show for it.
      result = undefined;
    }
    if (this.disposed || this.generations.get(key) !== generation) return;
    this.clear(key);
    if (!result) return;
    const uris: vscode.Uri[] = [];
    for (const [uri, diagnostics] of result) {
      const parsed = vscode.Uri.parse(uri);
      this.collection.set(parsed, diagnostics);
      uris.push(parsed);
    }
    this.published.set(key, uris);
  }

  private clear(key: string): void {
    for (const uri of this.published.get(key) ?? []) this.collection.delete(uri);
    this.published.delete(key);
  }

  private async checkKmz(uri: vscode.Uri): Promise<Map<string, vscode.Diagnostic[]>> {
    const check = (source: Buffer | ZipSource) => ({
      findings: validateKmz(source, this.options),
      files: fileEntries(source),
    });
    // On disk, only the directory and the route files are read, however large the resources.
    const { findings, files } =
      uri.scheme === 'file'
        ? await withZipFile(uri.fsPath, check)
        : check(Buffer.from(await vscode.workspace.fs.readFile(uri)));
    return new Map([
      [uri.toString(), findings.map((f) => linkToEntry(toDiagnostic(f, true), f, uri, files))],
    ]);
  }

  /** An unzipped route, with the text of open (possibly unsaved) route documents instead of the disk's. */
  private async checkFolder(dir: vscode.Uri): Promise<Map<string, vscode.Diagnostic[]> | undefined> {
    const files = await readRouteFolder(dir.fsPath);
    const names = new Set(files.names);
    // No route file left (or no wpmz/ at all): nothing to report, and what was reported goes.
    if (!files.names.some((n) => ROUTE_FILE.test(`/${n}`))) return undefined;
    const findings =
      files.tooLarge.length > 0
        ? await validateRouteFolder(dir.fsPath, this.options)
        : validateRouteFiles(withOpenDocuments(dir, files), this.options);
    const fileUri = (name: string) => vscode.Uri.joinPath(dir, ...name.split('/')).toString();
    // Findings about the route as a whole, or about a file that is not there, go on a route file that is.
    const fallback = [TEMPLATE_PATH, WAYLINES_PATH, ...files.names].find(
      (n) => names.has(n) && ROUTE_FILE.test(`/${n}`),
    );
    const result = new Map<string, vscode.Diagnostic[]>();
    for (const name of names) if (ROUTE_FILE.test(`/${name}`)) result.set(fileUri(name), []);
    for (const finding of findings) {
      const onFile = names.has(finding.file) && !finding.file.endsWith('/');
      const name = onFile ? finding.file : fallback;
      if (name === undefined) continue;
      const list = result.get(fileUri(name)) ?? [];
      list.push(toDiagnostic(finding, !onFile));
      result.set(fileUri(name), list);
    }
    return result;
  }
}

/** The files of a KMZ, for links into it; none when the archive is unreadable (its findings say why). */
function fileEntries(source: Buffer | ZipSource): Set<string> {
  try {
    return new Set(readZip(source).flatMap((e) => (e.isDirectory ? [] : [e.name])));
  } catch {
    return new Set();
  }
}

/**
 * A KMZ finding stays on the .kmz (0:0, so the Explorer marks the file), and links to its place in the
 * entry through the read-only `flighthub-kmz:` file system: one click in the Problems panel opens it.
 */
function linkToEntry(
  diagnostic: vscode.Diagnostic,
  finding: Finding,
  kmz: vscode.Uri,
  files: ReadonlySet<string>,
): vscode.Diagnostic {
  if (!files.has(finding.file)) return diagnostic;
  const at = new vscode.Position(Math.max(finding.line - 1, 0), Math.max(finding.column - 1, 0));
  diagnostic.relatedInformation = [
    new vscode.DiagnosticRelatedInformation(
      new vscode.Location(kmzEntryUri(kmz, finding.file), at),
      vscode.l10n.t('Where it is in {0}', finding.file),
    ),
  ];
  return diagnostic;
}

function kmzTarget(uri: vscode.Uri): Target {
  return { kind: 'kmz', uri };
}

/** `<dir>/wpmz/<file>` → the route folder `<dir>`. */
function folderTarget(routeFile: vscode.Uri): Target {
  return { kind: 'folder', uri: vscode.Uri.joinPath(routeFile, '..', '..') };
}

function isEditableRouteFile(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && EDITABLE_FILE.test(uri.path);
}

function withOpenDocuments(dir: vscode.Uri, files: RouteFiles): RouteFiles {
  const open = (name: string): Buffer | undefined => {
    // Only files that exist: an open editor on a deleted file is not part of the route any more.
    if (!files.names?.includes(name)) return undefined;
    const uri = vscode.Uri.joinPath(dir, ...name.split('/')).toString();
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    return doc ? Buffer.from(doc.getText(), 'utf8') : undefined;
  };
  const templateKml = open(TEMPLATE_PATH) ?? files.templateKml;
  const waylinesWpml = open(WAYLINES_PATH) ?? files.waylinesWpml;
  return {
    ...(files.names ? { names: files.names } : {}),
    ...(templateKml ? { templateKml } : {}),
    ...(waylinesWpml ? { waylinesWpml } : {}),
  };
}

/**
 * `located` findings sit where they are (1-based → 0-based); the others at 0:0, their place in the text.
 * The range is empty: the editor widens an empty range to the word under it.
 */
export function toDiagnostic(
  finding: Finding,
  prefixed: boolean,
  language = vscode.env.language,
): vscode.Diagnostic {
  const text = language.toLowerCase().startsWith('zh') ? finding.message.zh : finding.message.en;
  let range = new vscode.Range(0, 0, 0, 0);
  let message = text;
  if (!prefixed) {
    const line = Math.max(finding.line - 1, 0);
    const column = Math.max(finding.column - 1, 0);
    range = new vscode.Range(line, column, line, column);
  } else if (finding.file !== ARCHIVE) {
    message = `${finding.file}:${finding.line}:${finding.column} — ${text}`;
  }
  const diagnostic = new vscode.Diagnostic(range, message, SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = finding.rule;
  return diagnostic;
}
