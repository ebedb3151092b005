/**
 * The live preview: a webview beside the editor showing the document as the official table (and
 * its views by unit, by leader and of targets), rendered by exports/src/preview-html.ts from the
 * server's analysis.
 *
 * The page is loaded once; later changes are posted to it (`{ type: 'update', html }`), and its
 * script swaps the content keeping scroll, tab and filter, so typing never flickers. Every row
 * carries its source line: the editor's cursor is posted (`{ type: 'reveal', line }`) and the
 * row of that task is shown; a click on a row comes back the same way and reveals the line.
 * Security: one script with a fresh nonce, `default-src 'none'` (set by the renderer), and the
 * only local resources are the extension's media folder.
 */
import { randomBytes } from 'crypto';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Analysis } from '../../core/src/model';
import { escapeHtml } from '../../exports/src/html';
import { renderPreviewBody, renderPreviewHtml } from '../../exports/src/preview-html';
import { displayLocale, REGISTRY_LANGUAGE, revealLine, type AnalysisSource } from './documents';

export const PREVIEW_VIEW_TYPE = 'fenjie.preview';

/** Messages the page's script posts; anything else is ignored (the page shows document text, so it is not trusted). */
function isRevealMessage(message: unknown): message is { type: 'reveal'; line: number } {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return m.type === 'reveal' && Number.isInteger(m.line) && (m.line as number) >= 0;
}

function debounceMs(uri: vscode.Uri): number {
  return vscode.workspace.getConfiguration('fenjie', uri).get<number>('diagnostics.debounceMs', 150);
}

class Preview implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  private disposed = false;
  /** The live page shows the latest analysis and takes updates by message; false until it is loaded, and while hidden. */
  private pageLoaded = false;
  /** The document changed while the panel was hidden. */
  private stale = false;
  private wasVisible: boolean;
  private lastAnalysis: Analysis | undefined;
  private lastBody: string | undefined;
  /** How long the last update took (request and render): a large document waits at least that long between updates. */
  private lastDurationMs = 0;
  private cursorLine: number | undefined;

  constructor(
    readonly uri: vscode.Uri,
    readonly panel: vscode.WebviewPanel,
    private readonly mediaRoot: vscode.Uri,
    private readonly analysisOf: AnalysisSource,
    onDispose: () => void,
  ) {
    this.wasVisible = panel.visible;
    this.showMessage(vscode.l10n.t('Analysing the document…'));
    this.disposables.push(
      panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isRevealMessage(message)) void revealLine(this.uri, message.line, this.panel.viewColumn);
      }),
      panel.onDidChangeViewState(() => this.visibilityChanged()),
    );
    void this.refresh();
  }

  /**
   * A hidden webview is discarded and reloaded from `webview.html` when shown again, so on hiding
   * the page is set to the latest content (nothing is visible, nothing flickers); while hidden
   * nothing is rendered; if the document changed meanwhile, it is rendered afresh when shown.
   */
  private visibilityChanged(): void {
    const visible = this.panel.visible;
    if (visible === this.wasVisible) return;
    this.wasVisible = visible;
    if (!visible) {
      if (this.lastAnalysis) this.panel.webview.html = this.page(this.lastAnalysis);
      this.pageLoaded = false;
      return;
    }
    if (this.stale) {
      this.stale = false;
      void this.refresh();
    } else if (this.lastAnalysis) {
      this.pageLoaded = true;
      this.lastBody = undefined;
      if (this.cursorLine !== undefined) this.post({ type: 'reveal', line: this.cursorLine });
    }
  }

  /** Re-renders once the user stops typing: after the configured debounce, or the last update's duration if longer. */
  scheduleRefresh(): void {
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
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
        const started = Date.now();
        const analysis = await this.analysisOf(this.uri);
        if (this.disposed) return;
        if (!analysis) {
          // Keep what is shown (the server may be restarting); say so only when nothing is shown yet.
          if (!this.lastAnalysis) this.showMessage(vscode.l10n.t('The language server cannot analyse this document yet. The preview appears when it can.'));
          continue;
        }
        this.lastAnalysis = analysis;
        if (this.pageLoaded) {
          const body = renderPreviewBody(analysis, displayLocale());
          if (body !== this.lastBody) this.post({ type: 'update', html: body });
          this.lastBody = body;
        } else {
          this.panel.webview.html = this.page(analysis);
          this.pageLoaded = this.panel.visible;
          this.lastBody = undefined;
          if (this.cursorLine !== undefined) this.post({ type: 'reveal', line: this.cursorLine });
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
    if (this.pageLoaded) this.post({ type: 'reveal', line });
  }

  private page(analysis: Analysis): string {
    const webview = this.panel.webview;
    return renderPreviewHtml(analysis, {
      nonce: randomBytes(18).toString('base64'),
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'preview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'preview.css')).toString(),
      locale: displayLocale(),
    });
  }

  private post(message: { type: 'update'; html: string } | { type: 'reveal'; line: number }): void {
    void this.panel.webview.postMessage(message);
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

export class PreviewManager implements vscode.Disposable {
  private readonly previews = new Map<string, Preview>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly mediaRoot: vscode.Uri;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly analysisOf: AnalysisSource,
  ) {
    this.mediaRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'media');
    this.disposables.push(
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

  /** Opens the preview of a document, or brings its open preview forward. */
  show(uri: vscode.Uri, viewColumn: vscode.ViewColumn, preserveFocus: boolean): void {
    const existing = this.previews.get(uri.toString());
    if (existing) {
      existing.panel.reveal(viewColumn, preserveFocus);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      vscode.l10n.t('Preview {0}', path.posix.basename(uri.path)),
      { viewColumn, preserveFocus },
      {
        enableScripts: true,
        enableFindWidget: true,
        localResourceRoots: [this.mediaRoot],
      },
    );
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'icons', 'fenjie-file.svg');
    const preview = new Preview(uri, panel, this.mediaRoot, this.analysisOf, () => this.previews.delete(uri.toString()));
    this.previews.set(uri.toString(), preview);
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    if (editor) preview.followCursor(editor.selection.active.line);
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
