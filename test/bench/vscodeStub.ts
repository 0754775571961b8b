// A minimal `vscode` module for measuring activate() outside VS Code: enough surface for activation
// (registration calls are cheap no-ops), so the measurement is the extension's own work.
import Module from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

class Disposable {
  constructor(private readonly fn: () => void = () => undefined) {}
  static from(...items: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.fn();
  }
}

class EventEmitter<T> {
  private listeners: Array<(e: T) => void> = [];
  event = (listener: (e: T) => void) => {
    this.listeners.push(listener);
    return new Disposable(() => (this.listeners = this.listeners.filter((l) => l !== listener)));
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

const noop = () => new Disposable();
const channel = { info: noop, warn: noop, error: noop, show: noop, dispose: noop };
const treeView = {
  visible: false,
  onDidChangeVisibility: noop,
  reveal: () => Promise.resolve(),
  dispose: noop,
};
const statusItem = { show: noop, hide: noop, dispose: noop, text: '', tooltip: '', command: '', name: '' };

export function uri(path: string) {
  return { fsPath: path, path, scheme: 'file', toString: () => `file://${path}` };
}

/** What the stub saw the extension ask for that costs more than a registration. */
export const stubCounters = { scans: 0, probes: 0 };

export const vscodeStub = {
  Disposable,
  EventEmitter,
  ThemeIcon: class {},
  ThemeColor: class {},
  TreeItem: class {},
  MarkdownString: class {},
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  Diagnostic: class {},
  Range: class {},
  Position: class {},
  RelativePattern: class {},
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  ProgressLocation: { Notification: 15 },
  QuickInputButtons: { Back: {} },
  Uri: {
    file: uri,
    joinPath: (base: { path: string }, ...parts: string[]) => uri([base.path, ...parts].join('/')),
  },
  l10n: { t: (message: string) => message },
  env: { language: 'en', clipboard: { writeText: () => Promise.resolve() } },
  window: {
    createOutputChannel: () => channel,
    createTreeView: () => treeView,
    createStatusBarItem: () => statusItem,
    showErrorMessage: () => Promise.resolve(undefined),
    registerWebviewPanelSerializer: noop,
    // No editor tab is open: the window the idle-window bench models.
    tabGroups: { all: [] as Array<{ tabs: unknown[] }>, onDidChangeTabs: noop },
  },
  TabInputText: class {},
  TabInputWebview: class {},
  commands: { registerCommand: noop, executeCommand: () => Promise.resolve(undefined) },
  workspace: {
    getConfiguration: () => ({ get: (_key: string, fallback?: unknown) => fallback }),
    registerTextDocumentContentProvider: noop,
    registerFileSystemProvider: noop,
    createFileSystemWatcher: () => ({
      onDidCreate: noop,
      onDidChange: noop,
      onDidDelete: noop,
      dispose: noop,
    }),
    onDidDeleteFiles: noop,
    onDidChangeTextDocument: noop,
    onDidCloseTextDocument: noop,
    onDidOpenTextDocument: noop,
    fs: {
      readDirectory: () => {
        stubCounters.scans++;
        return Promise.resolve([]);
      },
    },
    /**
     * A call for at most one result is a bounded probe (`probes`); any other is a workspace scan
     * (`scans`): test/bench/idleWindow.ts counts both.
     */
    findFiles: (_include: unknown, _exclude: unknown, maxResults?: number) => {
      if (maxResults === 1) stubCounters.probes++;
      else stubCounters.scans++;
      return Promise.resolve([]);
    },
    textDocuments: [],
    /** The folder open in the modelled window (test/bench/idleWindow.ts sets it). */
    workspaceFolders: [] as Array<{ uri: ReturnType<typeof uri>; name: string; index: number }>,
  },
  languages: {
    createDiagnosticCollection: () => ({ set: noop, delete: noop, clear: noop, dispose: noop }),
  },
};

/** Makes `require('vscode')` return the stub for the rest of this process. */
export function installVscodeStub(): void {
  const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
  (Module as unknown as { _load: typeof load })._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? vscodeStub : load.call(this, request, ...rest);
  };
}

export function fakeContext() {
  const memento = () => {
    const map = new Map<string, unknown>();
    return {
      get: (k: string, d?: unknown) => (map.has(k) ? map.get(k) : d),
      update: (k: string, v: unknown) => (map.set(k, v), Promise.resolve()),
      keys: () => [...map.keys()],
    };
  };
  return {
    subscriptions: [] as Array<{ dispose(): unknown }>,
    globalState: memento(),
    workspaceState: memento(),
    secrets: {
      get: () => Promise.resolve(undefined),
      store: () => Promise.resolve(),
      delete: () => Promise.resolve(),
    },
    extensionUri: uri('/tmp/ext'),
    globalStorageUri: uri('/tmp/ext-storage'),
    extensionMode: 1,
    // activate() reads the manifest (the Language Model Tools it declares) like VS Code hands it over.
    extension: {
      packageJSON: JSON.parse(
        readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'),
      ) as unknown,
    },
  };
}
