// A read-only file system over the inside of a KMZ (issue 4): `flighthub-kmz:` URIs (kmzArchive.ts) name
// an entry of a .kmz anywhere VS Code can read, so route files open as ordinary read-only documents and
// the archive can be a workspace folder. Every access stats the source and re-reads it when its size or
// mtime changed; a watcher on each source announces changes to open editors without waiting for one.
import * as vscode from 'vscode';
import {
  diffPaths,
  KMZ_SCHEME,
  KmzCache,
  KmzEntryError,
  kmzUriParts,
  parseKmzUri,
  type KmzArchive,
  type KmzLoad,
  type KmzNode,
} from '../../routes/kmzArchive';
import { zipMessage } from '../../routes/wpml/messages';
import { ZipError } from '../../routes/zip/zip';

/** At most this many sources are watched; the oldest watcher goes first. */
const MAX_WATCHED = 32;

/** The `flighthub-kmz:` URI of `entry` ('' for the archive's root) inside the .kmz at `source`. */
export function kmzEntryUri(source: vscode.Uri, entry = ''): vscode.Uri {
  const name = source.path.slice(source.path.lastIndexOf('/') + 1) || 'archive.kmz';
  return vscode.Uri.from(kmzUriParts(source.toString(), name, entry));
}

/** The .kmz file and the entry a `flighthub-kmz:` URI names; FileNotFound for anything else. */
export function kmzLocation(uri: vscode.Uri): { source: vscode.Uri; entry: string } {
  const location = parseKmzUri(uri);
  if (!location) throw vscode.FileSystemError.FileNotFound(uri);
  const source = vscode.Uri.parse(location.source, true);
  // The name segment must match, or change events (fired on canonical URIs) would miss this one; and a
  // KMZ inside a KMZ is not followed.
  if (source.scheme === KMZ_SCHEME || kmzEntryUri(source).path !== `/${location.label}`)
    throw vscode.FileSystemError.FileNotFound(uri);
  return { source, entry: location.entry };
}

export class KmzFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  private readonly cache = new KmzCache();
  private readonly watchers = new Map<string, vscode.Disposable>();

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const { entry, archive, stat } = await this.open(uri);
    const node = lookup(archive, entry, uri);
    return {
      type: node.kind === 'directory' ? vscode.FileType.Directory : vscode.FileType.File,
      ctime: stat.ctime,
      mtime: stat.mtime,
      size: node.kind === 'file' ? node.data.length : 0,
      permissions: vscode.FilePermission.Readonly,
    };
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    const { entry, archive } = await this.open(uri);
    const node = lookup(archive, entry, uri);
    if (node.kind !== 'directory') throw vscode.FileSystemError.FileNotADirectory(uri);
    return [...node.children].map(([name, child]) => [
      name,
      child.kind === 'directory' ? vscode.FileType.Directory : vscode.FileType.File,
    ]);
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const { entry, archive } = await this.open(uri);
    const node = lookup(archive, entry, uri);
    if (node.kind !== 'file') throw vscode.FileSystemError.FileIsADirectory(uri);
    return node.data;
  }

  watch(): vscode.Disposable {
    // Sources are watched as soon as they are read (below), whoever asks.
    return new vscode.Disposable(() => undefined);
  }

  writeFile(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  createDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  delete(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  rename(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    for (const watcher of this.watchers.values()) watcher.dispose();
    this.watchers.clear();
    this.emitter.dispose();
  }

  /** The current archive of `uri`'s source; a bad archive throws the reader's reason as the error. */
  private async open(uri: vscode.Uri) {
    const { source, entry } = kmzLocation(uri);
    const key = source.toString();
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(source);
    } catch {
      await this.sourceGone(source);
      throw vscode.FileSystemError.FileNotFound(uri);
    }
    this.watchSource(source);
    const { load, replaced } = await this.cache.get(key, stat, () => readSource(source));
    if (replaced) this.announce(source, replaced, load);
    if ('error' in load) throw unreadable(source, load.error);
    return { source, entry, archive: load.archive, stat };
  }

  private watchSource(source: vscode.Uri): void {
    const key = source.toString();
    if (this.watchers.has(key)) return;
    const dir = vscode.Uri.joinPath(source, '..');
    const name = source.path.slice(source.path.lastIndexOf('/') + 1);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(dir, name));
    const changed = () => void this.sourceChanged(source);
    const subscriptions = [
      watcher,
      watcher.onDidChange(changed),
      watcher.onDidCreate(changed),
      watcher.onDidDelete(() => void this.sourceGone(source)),
    ];
    this.watchers.set(key, vscode.Disposable.from(...subscriptions));
    while (this.watchers.size > MAX_WATCHED) {
      const [oldest, disposable] = this.watchers.entries().next().value as [string, vscode.Disposable];
      disposable.dispose();
      this.watchers.delete(oldest);
    }
  }

  /**
   * Re-reads a changed source at once and announces the change. The watcher's word beats the stamp: a
   * rewrite with the same size within the same mtime tick is a change too.
   */
  private async sourceChanged(source: vscode.Uri): Promise<void> {
    const key = source.toString();
    const before = await this.cache.forget(key);
    if (!before) return;
    let after: KmzLoad | undefined;
    try {
      const stat = await vscode.workspace.fs.stat(source);
      after = (await this.cache.get(key, stat, () => readSource(source))).load;
    } catch {
      after = undefined;
    }
    this.announce(source, before, after);
  }

  private async sourceGone(source: vscode.Uri): Promise<void> {
    const before = await this.cache.forget(source.toString());
    if (before) this.announce(source, before, undefined);
  }

  private announce(source: vscode.Uri, before: KmzLoad | undefined, after: KmzLoad | undefined): void {
    const { created, changed, deleted } = diffPaths(before, after);
    const event = (type: vscode.FileChangeType) => (entry: string) => ({
      type,
      uri: kmzEntryUri(source, entry),
    });
    this.emitter.fire([
      {
        type: after ? vscode.FileChangeType.Changed : vscode.FileChangeType.Deleted,
        uri: kmzEntryUri(source),
      },
      ...created.map(event(vscode.FileChangeType.Created)),
      ...changed.map(event(vscode.FileChangeType.Changed)),
      ...deleted.map(event(vscode.FileChangeType.Deleted)),
    ]);
  }
}

async function readSource(source: vscode.Uri): Promise<Buffer> {
  return Buffer.from(await vscode.workspace.fs.readFile(source));
}

function lookup(archive: KmzArchive, entry: string, uri: vscode.Uri): KmzNode {
  try {
    return archive.lookup(entry);
  } catch (error) {
    if (KmzEntryError.is(error)) throw vscode.FileSystemError.FileNotFound(uri);
    throw error;
  }
}

/** The safe reader's reason, in the person's language, as the error every reader of the archive gets. */
function unreadable(source: vscode.Uri, error: unknown): vscode.FileSystemError {
  const name = source.path.slice(source.path.lastIndexOf('/') + 1);
  let reason = String(error);
  if (ZipError.is(error)) {
    const text = zipMessage(error.rule, error.message, error.entry);
    reason = vscode.env.language.toLowerCase().startsWith('zh') ? text.zh : text.en;
  }
  return new vscode.FileSystemError(vscode.l10n.t('"{0}" cannot be opened safely: {1}', name, reason));
}

/** Registers the provider, read-only, for the whole session. */
export function registerKmzFileSystem(): vscode.Disposable {
  const provider = new KmzFileSystem();
  return vscode.Disposable.from(
    provider,
    vscode.workspace.registerFileSystemProvider(KMZ_SCHEME, provider, {
      isReadonly: true,
      isCaseSensitive: true,
    }),
  );
}
