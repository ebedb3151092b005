/**
 * The live preview: a webview beside the editor showing the document as the official table (and
 * its views by unit, by leader and of targets).
 *
 * The extension host only passes messages: the page (exports/src/preview-html.ts) is loaded once
 * and says `ready`; the language server sends the preview as data (`fenjie/previewUpdate`, see
 * exports/src/preview-sync.ts) — every row the first time, then only the rows that changed since
 * the version the page shows — and the page's script (exports/media/preview.js) builds and
 * patches the rows in place, keeping scroll, tab and filter. A payload the page cannot apply
 * brings a `resync` (the next one is whole again). The views are asked for only while shown.
 *
 * Every row carries its source line: the editor's cursor is posted (`{ type: 'reveal', line }`)
 * and the row of that task is shown; a click on a row comes back the same way and reveals the
 * line. After a window reload the panel is restored (a WebviewPanelSerializer; the page keeps its
 * document's uri in its state). Security: one script with a fresh nonce, `default-src 'none'`
 * (set by the renderer), the only local resources are the extension's media folder, and the
 * script writes document text as text, never as markup.
 */
import { randomBytes } from 'crypto';
import * as path from 'path';
import * as vscode from 'vscode';
import { escapeHtml } from '../../exports/src/html';
import { renderPreviewPage } from '../../exports/src/preview-html';
import type { ListName, PreviewPayload } from '../../exports/src/preview-sync';
import { displayLocale, REGISTRY_LANGUAGE, revealLine, type PreviewSource } from './documents';

export const PREVIEW_VIEW_TYPE = 'fenjie.preview';

const VIEWS: readonly string[] = ['units', 'leaders', 'targets'];

/** Messages the page's script posts; anything else is ignored (the page shows document text, so it is not trusted). */
type PageMessage = { type: 'reveal'; line: number } | { type: 'ready'; tab?: string; version?: string } | { type: 'tab'; tab: string } | { type: 'resync' };

function pageMessage(message: unknown): PageMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  if (m.type === 'reveal') return Number.isInteger(m.line) && (m.line as number) >= 0 ? { type: 'reveal', line: m.line as number } : undefined;
  if (m.type === 'ready') return { type: 'ready', tab: typeof m.tab === 'string' ? m.tab : undefined, version: typeof m.version === 'string' ? m.version : undefined };
  if (m.type === 'tab') return typeof m.tab === 'string' ? { type: 'tab', tab: m.tab } : undefined;
  if (m.type === 'resync') return { type: 'resync' };
  return undefined;
}

function debounceMs(uri: vscode.Uri): number {
  return vscode.workspace.getConfiguration('fenjie', uri).get<number>('diagnostics.debounceMs', 150);
}

/** What a restored panel's page saved: the document it previews. */
export function previewedDocument(state: unknown): vscode.Uri | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const document = (state as Record<string, unknown>).document;
  if (typeof document !== 'string' || !/^[a-z][a-z0-9+.-]*:/i.test(document)) return undefined;
  try {
    return vscode.Uri.parse(document, true);
  } catch {
    return undefined;
  }
}

class Preview implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  private disposed = false;
  /** `webview.html` is the preview page (not a message). */
  private pageSet = false;
  /** The page's script has said `ready` since the page was last (re)loaded: it takes payloads. */
  private pageReady = false;
  /** Counts page (re)loads, so an answer asked for before one is not posted after it. */
  private generation = 0;
  /** The version the page shows: the base of the next request. */
  private shown: string | undefined;
  /** A whole payload waiting for the page to be ready. */
  private pending: PreviewPayload | undefined;
  private messageShown = false;
  private wasVisible: boolean;
  private tab = 'table';
  /** How long the last update took: a large document waits at least that long between updates. */
  private lastDurationMs = 0;
  private cursorLine: number | undefined;

  constructor(
    readonly uri: vscode.Uri,
    readonly panel: vscode.WebviewPanel,
    private readonly mediaRoot: vscode.Uri,
    private readonly source: PreviewSource,
    onDispose: () => void,
  ) {
    this.wasVisible = panel.visible;
    this.showMessage(vscode.l10n.t('Analysing the document…'));
    this.disposables.push(
      panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
      panel.webview.onDidReceiveMessage((message: unknown) => this.received(pageMessage(message))),
      panel.onDidChangeViewState(() => this.visibilityChanged()),
    );
    void this.refresh();
  }

  private received(message: PageMessage | undefined): void {
    if (!message) return;
    switch (message.type) {
      case 'reveal':
        void revealLine(this.uri, message.line, this.panel.viewColumn);
        return;
      case 'ready':
        // A fresh page shows nothing: the whole preview, from what is at hand or from the server.
        // A page kept while hidden says which version it has, and gets what changed since.
        this.generation++;
        this.pageReady = true;
        this.shown = message.version;
        if (message.tab) this.tab = message.tab;
        if (this.pending && message.version === undefined) this.post(this.pending);
        this.pending = undefined;
        if (this.cursorLine !== undefined) void this.panel.webview.postMessage({ type: 'reveal', line: this.cursorLine });
        void this.refresh();
        return;
      case 'tab':
        this.tab = message.tab;
        if (VIEWS.includes(message.tab)) void this.refresh();
        return;
      case 'resync':
        this.shown = undefined;
        void this.refresh();
        return;
    }
  }

  /**
   * A hidden webview is discarded and loaded again from `webview.html` when shown; its script
   * then says `ready` and gets the whole preview. Nothing is asked for while hidden. Should the
   * page have been kept, it answers the ping with the version it shows.
   */
  private visibilityChanged(): void {
    const visible = this.panel.visible;
    if (visible === this.wasVisible) return;
    this.wasVisible = visible;
    if (!visible) {
      this.generation++;
      this.pageReady = false;
      this.shown = undefined;
      this.pending = undefined;
      return;
    }
    // A page never set (the server had nothing yet) is asked for now; a set page says `ready`.
    if (!this.pageSet) void this.refresh();
    else void this.panel.webview.postMessage({ type: 'ping' });
  }

  /** Updates once the user stops typing: after the configured debounce, or the last update's duration if longer. */
  scheduleRefresh(): void {
    // A hidden page is loaded again (or pinged) when shown, and then asks for what changed.
    if (!this.panel.visible) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), Math.max(debounceMs(this.uri), this.lastDurationMs));
  }

  async refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        // A set page that is not ready (loading, or hidden) asks itself when it is.
        if (this.disposed || !this.panel.visible || (this.pageSet && !this.pageReady)) return;
        const started = Date.now();
        const generation = this.generation;
        const lists: ListName[] = VIEWS.includes(this.tab) ? [this.tab as ListName] : [];
        const payload = await this.source(this.uri, { locale: displayLocale(), base: this.shown, lists });
        if (this.disposed) return;
        if (generation !== this.generation) {
          // The page was reloaded meanwhile: this answer is for a page that is gone.
          this.again = true;
          continue;
        }
        if (!payload) {
          // Keep what is shown (the server may be restarting); say so only when nothing is shown yet.
          if (!this.pageSet && !this.messageShown) {
            this.messageShown = true;
            this.showMessage(vscode.l10n.t('The language server cannot analyse this document yet. The preview appears when it can.'));
          }
          continue;
        }
        if (!this.pageSet) {
          this.pageSet = true;
          this.pageReady = false;
          this.pending = payload;
          this.panel.webview.html = this.page(payload.head?.title ?? path.posix.basename(this.uri.path));
        } else if (payload.version !== this.shown) {
          this.post(payload);
        }
        this.lastDurationMs = Date.now() - started;
      } while (this.again && !this.disposed);
    } finally {
      this.running = false;
    }
  }

  followCursor(line: number): void {
    if (line === this.cursorLine) return;
    this.cursorLine = line;
    if (this.pageReady) void this.panel.webview.postMessage({ type: 'reveal', line });
  }

  private post(payload: PreviewPayload): void {
    // Messages reach the page in order, so the next payload may build on this one at once; if the
    // page cannot apply it, it asks for a resync.
    this.shown = payload.version;
    void this.panel.webview.postMessage({ type: 'payload', payload, document: this.uri.toString() });
  }

  private page(title: string): string {
    const webview = this.panel.webview;
    return renderPreviewPage(title, {
      nonce: randomBytes(18).toString('base64'),
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'preview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'preview.css')).toString(),
      locale: displayLocale(),
    });
  }

  /** A page with one sentence and no script, for before the first analysis. */
  private showMessage(text: string): void {
    const webview = this.panel.webview;
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'preview.css')).toString();
    webview.html = [
      '<!DOCTYPE html><html><head><meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}">`,
      `<link rel="stylesheet" href="${escapeHtml(style)}">`,
      `</head><body><main id="content"><p class="empty">${escapeHtml(text)}</p></main></body></html>`,
    ].join('');
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

export class PreviewManager implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private readonly previews = new Map<string, Preview>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly mediaRoot: vscode.Uri;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly source: PreviewSource,
  ) {
    this.mediaRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'media');
    this.disposables.push(
      // Previews open when the window closed come back after a reload.
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, this),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!e.contentChanges.length) return;
        // An edited registry can change every document's problems.
        if (e.document.languageId === REGISTRY_LANGUAGE) this.refreshAll();
        else this.previews.get(e.document.uri.toString())?.scheduleRefresh();
      }),
      // Severity settings change the problems shown; registry changes come through `refreshAll` (the server's status).
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('fenjie')) this.refreshAll();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        this.previews.get(e.textEditor.document.uri.toString())?.followCursor(e.selections[0].active.line);
      }),
    );
  }

  private options(): vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [this.mediaRoot] };
  }

  private track(uri: vscode.Uri, panel: vscode.WebviewPanel): void {
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'icons', 'fenjie-file.svg');
    const preview = new Preview(uri, panel, this.mediaRoot, this.source, () => {
      if (this.previews.get(uri.toString()) === preview) this.previews.delete(uri.toString());
    });
    this.previews.set(uri.toString(), preview);
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    if (editor) preview.followCursor(editor.selection.active.line);
  }

  /** Opens the preview of a document, or brings its open preview forward. */
  show(uri: vscode.Uri, viewColumn: vscode.ViewColumn, preserveFocus: boolean): void {
    const existing = this.previews.get(uri.toString());
    if (existing) {
      existing.panel.reveal(viewColumn, preserveFocus);
      return;
    }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, vscode.l10n.t('Preview {0}', path.posix.basename(uri.path)), { viewColumn, preserveFocus }, { ...this.options(), enableFindWidget: true });
    this.track(uri, panel);
  }

  /** A preview panel of the last session, after a window reload: previewing its document again. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const uri = previewedDocument(state);
    if (!uri || this.previews.has(uri.toString())) {
      panel.dispose();
      return;
    }
    panel.webview.options = this.options();
    panel.title = vscode.l10n.t('Preview {0}', path.posix.basename(uri.path));
    this.track(uri, panel);
  }

  /** The document of the focused preview, so the exports work from the preview too. */
  activeDocument(): vscode.Uri | undefined {
    return [...this.previews.values()].find((p) => p.panel.active)?.uri;
  }

  refreshAll(): void {
    for (const preview of this.previews.values()) preview.scheduleRefresh();
  }

  dispose(): void {
    for (const preview of this.previews.values()) preview.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
