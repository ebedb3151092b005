/**
 * Just enough of the `vscode` API to run client/src/preview.ts in mocha: events the test fires by
 * hand, a webview panel that records the pages it is given and the messages posted to it, and
 * editors that record what was revealed. `installVscodeStandIn()` makes `require('vscode')`
 * return it (VS Code provides that module only inside the editor).
 */
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
  static joinPath(base: Uri, ...parts: string[]): Uri {
    const segments = base.path.split('/');
    for (const part of parts.flatMap((p) => p.split('/'))) {
      if (part === '..') segments.pop();
      else if (part !== '.' && part !== '') segments.push(part);
    }
    return new Uri(base.scheme, segments.join('/'));
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

export const state = {
  panels: [] as FakePanel[],
  visibleTextEditors: [] as FakeEditor[],
  settings: new Map<string, unknown>(),
};

const noDisposable = { dispose() {} };

export const vscodeStandIn = {
  Uri,
  Position,
  Range,
  Selection,
  EventEmitter,
  ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
  TextEditorRevealType: { InCenterIfOutsideViewport: 2 },
  env: { language: 'zh-cn' },
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
    onDidChangeTextEditorSelection: events.selectionChanged.event,
    async showTextDocument(document: FakeDocument) {
      const editor = state.visibleTextEditors.find((e) => e.document === document);
      if (!editor) throw new Error('the stand-in shows only visible editors');
      return editor;
    },
  },
  workspace: {
    onDidChangeTextDocument: events.documentChanged.event,
    onDidChangeConfiguration: events.configurationChanged.event,
    getConfiguration: () => ({ get: <T>(key: string, fallback: T) => (state.settings.has(key) ? (state.settings.get(key) as T) : fallback) }),
    async openTextDocument(): Promise<never> {
      throw new Error('the stand-in opens no documents');
    },
  },
  languages: { onDidChangeDiagnostics: () => noDisposable },
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
