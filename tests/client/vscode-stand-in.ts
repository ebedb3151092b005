/**
 * Just enough of the `vscode` API to run the client's modules in mocha: events the test fires by
 * hand, a webview panel that records the pages it is given and the messages posted to it, editors
 * that record what was revealed, dialogs and messages that answer what the test decided, an
 * in-memory file system over the real one, and commands kept by id. `installVscodeStandIn()` makes
 * `require('vscode')` return it (VS Code provides that module only inside the editor).
 */
import { promises as fs } from 'fs';
import Module = require('module');

type Listener<T> = (event: T) => unknown;

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(event: T): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static file(path: string): Uri {
    return new Uri('file', path);
  }
  /** `scheme://path` as `toString` writes it (no authority, query or fragment). */
  static parse(value: string): Uri {
    const match = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(value);
    if (!match) throw new Error(`not a uri: ${value}`);
    return new Uri(match[1], match[2]);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    const segments = base.path.split('/');
    for (const part of parts.flatMap((p) => p.split('/'))) {
      if (part === '..') segments.pop();
      else if (part !== '.' && part !== '') segments.push(part);
    }
    return new Uri(base.scheme, segments.join('/'));
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  constructor(
    readonly start: Position,
    readonly end: Position,
  ) {}
}

export class Selection extends Range {
  constructor(
    readonly anchor: Position,
    readonly active: Position,
  ) {
    super(anchor, active);
  }
}

export class FakeWebview {
  readonly pages: string[] = [];
  readonly posted: unknown[] = [];
  options: unknown;
  /** Called with every message posted to the page, after it is recorded (a test's stand-in for the page's script). */
  onPost: ((message: unknown) => void) | undefined;
  readonly received = new EventEmitter<unknown>();
  readonly onDidReceiveMessage = this.received.event;
  readonly cspSource = 'https://webview.test';
  get html(): string {
    return this.pages[this.pages.length - 1] ?? '';
  }
  set html(page: string) {
    this.pages.push(page);
  }
  asWebviewUri(uri: Uri): string {
    return `https://webview.test${uri.path}`;
  }
  async postMessage(message: unknown): Promise<boolean> {
    this.posted.push(message);
    this.onPost?.(message);
    return true;
  }
}

export class FakePanel {
  readonly webview = new FakeWebview();
  visible = true;
  active = true;
  viewColumn = 2;
  iconPath: unknown;
  readonly viewState = new EventEmitter<{ webviewPanel: FakePanel }>();
  readonly onDidChangeViewState = this.viewState.event;
  readonly disposed = new EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;
  constructor(
    readonly viewType: string,
    readonly title: string,
    readonly options: { enableScripts?: boolean; localResourceRoots?: Uri[] },
  ) {}
  reveal(): void {
    this.visible = true;
  }
  dispose(): void {
    this.disposed.fire();
  }
  /** Hides or shows the panel as switching editor tabs does. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.viewState.fire({ webviewPanel: this });
  }
}

export interface FakeDocument {
  uri: Uri;
  languageId: string;
  lineCount: number;
  lineAt(line: number): { firstNonWhitespaceCharacterIndex: number };
}

export interface FakeEditor {
  document: FakeDocument;
  viewColumn: number;
  selection: Selection;
  revealed: Range[];
  revealRange(range: Range): void;
}

export function fakeDocument(uri: Uri, lines: number, languageId = 'fenjie'): FakeDocument {
  return { uri, languageId, lineCount: lines, lineAt: () => ({ firstNonWhitespaceCharacterIndex: 3 }) };
}

export function fakeEditor(document: FakeDocument, viewColumn = 1): FakeEditor {
  const start = new Position(0, 0);
  return {
    document,
    viewColumn,
    selection: new Selection(start, start),
    revealed: [],
    revealRange(range: Range) {
      this.revealed.push(range);
    },
  };
}

export const events = {
  documentChanged: new EventEmitter<{ document: FakeDocument; contentChanges: unknown[] }>(),
  selectionChanged: new EventEmitter<{ textEditor: FakeEditor; selections: Selection[] }>(),
  configurationChanged: new EventEmitter<{ affectsConfiguration(section: string): boolean }>(),
};

export const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 };

export class Diagnostic {
  code: string | undefined;
  source: string | undefined;
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: number,
  ) {}
}

/** A dialog or message the extension showed, and what the test had it answer. */
export interface Shown {
  kind: 'save' | 'open' | 'info' | 'warning' | 'error';
  message?: string;
  options?: unknown;
}

export const state = {
  panels: [] as FakePanel[],
  visibleTextEditors: [] as FakeEditor[],
  activeTextEditor: undefined as FakeEditor | undefined,
  settings: new Map<string, unknown>(),
  /** Files written or placed by the test, by path; other paths are read from disk. */
  files: new Map<string, Uint8Array>(),
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  shown: [] as Shown[],
  /** What the next save and open dialogs return. */
  saveDialog: undefined as Uri | undefined,
  openDialog: undefined as Uri[] | undefined,
  /** Which button a warning answers with (undefined: the user closed it). */
  warningAnswer: undefined as string | undefined,
  opened: [] as { language: string; content: string; uri: Uri }[],
  diagnostics: new Map<string, Diagnostic[]>(),
  workspaceFolders: [] as { uri: Uri }[],
  /** Webview panel serializers by view type. */
  serializers: new Map<string, { deserializeWebviewPanel(panel: FakePanel, state: unknown): Promise<void> }>(),
};

export function resetState(): void {
  state.panels.length = 0;
  state.visibleTextEditors = [];
  state.activeTextEditor = undefined;
  state.settings.clear();
  state.files.clear();
  state.shown.length = 0;
  state.saveDialog = undefined;
  state.openDialog = undefined;
  state.warningAnswer = undefined;
  state.opened.length = 0;
  state.diagnostics.clear();
  state.workspaceFolders = [];
  state.serializers.clear();
}

const noDisposable = { dispose() {} };

function notFound(uri: Uri): Error {
  return Object.assign(new Error(`${uri.path} does not exist`), { code: 'FileNotFound' });
}

const fileSystem = {
  async stat(uri: Uri) {
    if (state.files.has(uri.path)) return { type: 1 };
    try {
      await fs.stat(uri.path);
      return { type: 1 };
    } catch {
      throw notFound(uri);
    }
  },
  async readFile(uri: Uri): Promise<Uint8Array> {
    const file = state.files.get(uri.path);
    if (file) return file;
    try {
      return await fs.readFile(uri.path);
    } catch {
      throw notFound(uri);
    }
  },
  async writeFile(uri: Uri, content: Uint8Array): Promise<void> {
    state.files.set(uri.path, content);
  },
  async readDirectory(uri: Uri): Promise<[string, number][]> {
    return (await fs.readdir(uri.path)).map((name) => [name, 1]);
  },
};

export const vscodeStandIn = {
  Uri,
  Position,
  Range,
  Selection,
  EventEmitter,
  Diagnostic,
  DiagnosticSeverity,
  ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
  TextEditorRevealType: { InCenterIfOutsideViewport: 2 },
  ProgressLocation: { Notification: 15 },
  env: {
    language: 'zh-cn',
    remoteName: undefined,
    async openExternal() {
      return true;
    },
  },
  commands: {
    registerCommand(id: string, handler: (...args: unknown[]) => unknown) {
      state.commands.set(id, handler);
      return { dispose: () => state.commands.delete(id) };
    },
    async executeCommand() {
      return undefined;
    },
  },
  l10n: { t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)])) },
  window: {
    createWebviewPanel(viewType: string, title: string, _show: unknown, options: FakePanel['options']) {
      const panel = new FakePanel(viewType, title, options);
      state.panels.push(panel);
      return panel;
    },
    get visibleTextEditors() {
      return state.visibleTextEditors;
    },
    get activeTextEditor() {
      return state.activeTextEditor;
    },
    onDidChangeTextEditorSelection: events.selectionChanged.event,
    registerWebviewPanelSerializer(viewType: string, serializer: { deserializeWebviewPanel(panel: FakePanel, state: unknown): Promise<void> }) {
      state.serializers.set(viewType, serializer);
      return { dispose: () => state.serializers.delete(viewType) };
    },
    async showTextDocument(document: FakeDocument) {
      const editor = state.visibleTextEditors.find((e) => e.document === document) ?? fakeEditor(document);
      if (!state.visibleTextEditors.includes(editor)) state.visibleTextEditors.push(editor);
      state.activeTextEditor = editor;
      return editor;
    },
    async showSaveDialog(options: unknown) {
      state.shown.push({ kind: 'save', options });
      return state.saveDialog;
    },
    async showOpenDialog(options: unknown) {
      state.shown.push({ kind: 'open', options });
      return state.openDialog;
    },
    async showInformationMessage(message: string) {
      state.shown.push({ kind: 'info', message });
      return undefined;
    },
    async showWarningMessage(message: string, options?: unknown) {
      state.shown.push({ kind: 'warning', message, options });
      return state.warningAnswer;
    },
    async showErrorMessage(message: string) {
      state.shown.push({ kind: 'error', message });
      return undefined;
    },
    async withProgress<T>(_options: unknown, task: () => Promise<T>): Promise<T> {
      return task();
    },
  },
  workspace: {
    onDidChangeTextDocument: events.documentChanged.event,
    onDidChangeConfiguration: events.configurationChanged.event,
    /** Settings by `section.key` (`files.simpleDialog.enable`), or by key alone for the `fenjie` section. */
    getConfiguration: (section?: string) => ({
      get: <T>(key: string, fallback: T) => {
        const full = section && section !== 'fenjie' ? `${section}.${key}` : key;
        return state.settings.has(full) ? (state.settings.get(full) as T) : fallback;
      },
    }),
    fs: fileSystem,
    get workspaceFolders() {
      return state.workspaceFolders;
    },
    textDocuments: [] as FakeDocument[],
    async findFiles() {
      return [];
    },
    onDidCloseTextDocument: () => noDisposable,
    async openTextDocument(options: { language: string; content: string }) {
      const uri = Uri.joinPath(Uri.file('/untitled'), `Untitled-${state.opened.length + 1}`);
      state.opened.push({ ...options, uri });
      return fakeDocument(uri, options.content.split('\n').length, options.language);
    },
  },
  languages: {
    onDidChangeDiagnostics: () => noDisposable,
    createDiagnosticCollection: () => ({
      set: (uri: Uri, diagnostics: Diagnostic[]) => state.diagnostics.set(uri.toString(), diagnostics),
      delete: (uri: Uri) => state.diagnostics.delete(uri.toString()),
      dispose() {},
    }),
  },
};

let installed = false;

export function installVscodeStandIn(): void {
  if (installed) return;
  installed = true;
  const moduleInternals = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
  const load = moduleInternals._load;
  moduleInternals._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? vscodeStandIn : load.call(this, request, ...rest);
  };
}
