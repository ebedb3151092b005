/**
 * The preview panel (client/src/preview.ts) against a stand-in for the `vscode` API and a stand-in
 * page running the page script's own `applyPayload` (preview-page.ts): the page it sets up
 * (strict CSP, nonce, local resources), incremental payloads posted instead of page reloads (the
 * base is the version the page shows; a page that cannot apply one gets the whole preview
 * again), views asked for only while shown, cursor following both ways, untrusted messages
 * ignored, no work while hidden, and the panel restored after a window reload. The page's own
 * DOM is tested in preview-html.test.ts.
 */
import * as assert from 'assert';
import { analyze } from '../../core/src/analyze';
import type { Analysis } from '../../core/src/model';
import { PreviewSessions, type PreviewPayload } from '../../exports/src/preview-sync';
import type { PreviewQuery } from '../../client/src/documents';
import { FakePage } from './preview-page';
import { events, FakePanel, fakeDocument, fakeEditor, installVscodeStandIn, Position, resetState, Selection, state, Uri } from './vscode-stand-in';

installVscodeStandIn();
// Loaded only now: the module requires 'vscode' when it loads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PreviewManager } = require('../../client/src/preview') as typeof import('../../client/src/preview');

const URI = Uri.file('/work/tasks.fenjie');
const EXTENSION = Uri.file('/extension');
const TEXT = ['标题：预览测试', '', '一、第一章', '1. 地区生产总值增长5.5%左右。', '   牵头单位：省发展改革委', '2. 推进第二项任务。', '   牵头单位：省财政厅'].join('\n');

const analysisOf = (text: string): Analysis => analyze(text, { uri: URI.toString(), registries: [] });

/** Waits for `condition`, turn by turn of the event loop (the panel works through timers and promises), up to 5 s. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A few turns of the event loop: the promises a request resolved and the page's answers have run. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

function unescape(html: string): string {
  return html.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e]!);
}

describe('client: preview panel', () => {
  const document = fakeDocument(URI, 8);
  const editor = fakeEditor(document);
  let current: Analysis | null;
  let queries: PreviewQuery[];
  let sessions: PreviewSessions;
  let manager: InstanceType<typeof PreviewManager>;
  let panel: FakePanel;
  let page: FakePage;

  const source = async (uri: { toString(): string }, query: PreviewQuery): Promise<PreviewPayload | null> => {
    queries.push(query);
    return current ? sessions.update(uri.toString(), current, query.locale, query.base, query.lists) : null;
  };
  const payloads = () => panel.webview.posted.filter((m) => (m as { type: string }).type === 'payload').map((m) => (m as { payload: PreviewPayload }).payload);
  const reveals = () => panel.webview.posted.filter((m) => (m as { type: string }).type === 'reveal') as { line: number }[];
  const change = (text: string | null) => {
    current = text === null ? null : analysisOf(text);
    events.documentChanged.fire({ document, contentChanges: [{}] });
  };

  /** Opens the preview and lets its page load and take the first payload. */
  async function open(uri = URI): Promise<void> {
    manager.show(uri as never, -2, true);
    panel = state.panels.at(-1)!;
    page = new FakePage(panel);
    await until(() => panel.webview.pages.length === 2, 'the preview page');
    page.load();
    await until(() => page.applied.length === 1, 'the first payload');
    await settle();
  }

  beforeEach(async () => {
    resetState();
    state.visibleTextEditors = [editor];
    state.settings.set('diagnostics.debounceMs', 0);
    editor.revealed.length = 0;
    current = analysisOf(TEXT);
    queries = [];
    sessions = new PreviewSessions();
    manager = new PreviewManager(EXTENSION as never, source as never);
    await open();
  });

  afterEach(() => manager.dispose());

  it('loads the media folder only, under default-src none, with one script carrying a fresh nonce', () => {
    assert.strictEqual(panel.viewType, 'fenjie.preview');
    assert.deepStrictEqual(panel.options.localResourceRoots?.map(String), ['file:///extension/dist/media']);
    const html = unescape(panel.webview.html);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 16, csp);
    assert.deepStrictEqual([...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]), [` nonce="${nonce}" src="https://webview.test/extension/dist/media/preview.js"`]);
    assert.ok(!panel.webview.pages[0].includes('<script'), 'the page before the first analysis runs no script');
    assert.ok(html.includes('<title>预览测试</title>'));
    // The rows come as data, the whole table first.
    assert.strictEqual(payloads()[0].base, undefined);
    assert.ok(page.texts().includes('地区生产总值增长5.5%左右。'));
    assert.deepStrictEqual(queries[0], { locale: 'zh', base: undefined, lists: [] });
  });

  it('posts only the changed row to the open page, from the version it shows, and nothing when the table is the same', async () => {
    const first = payloads()[0];
    change(TEXT.replace('推进第二项任务', '推进第二项改革任务'));
    await until(() => page.applied.length === 2, 'an update');
    assert.strictEqual(panel.webview.pages.length, 2, 'the page was not reloaded');
    const update = payloads()[1];
    assert.strictEqual(update.base, first.version);
    assert.deepStrictEqual(Object.keys(update.lists!), ['table']);
    assert.strictEqual(update.lists!.table!.rows!.length, 1, 'one row');
    assert.ok(update.strings!.includes('推进第二项改革任务。'));
    assert.ok(!update.strings!.includes('地区生产总值增长5.5%左右。'), 'the unchanged row is not sent');
    assert.ok(page.texts().includes('推进第二项改革任务。'));
    assert.strictEqual(queries.at(-1)!.base, first.version);

    const asked = queries.length;
    change(TEXT.replace('推进第二项任务', '推进第二项改革任务'));
    await until(() => queries.length > asked, 'the next request');
    await settle();
    assert.strictEqual(payloads().length, 2);
    assert.strictEqual(queries.at(-1)!.base, update.version);
  });

  it('gives a page that cannot apply a payload the whole preview again', async () => {
    // The page lost its model (as if it had missed a payload): the next delta does not apply.
    page.model = { ...page.model, version: 'elsewhere.1' };
    change(TEXT.replace('推进第二项任务', '推进第三项任务'));
    await until(() => page.resyncs === 1, 'a resync');
    await until(() => page.applied.length === 2, 'the whole preview');
    assert.strictEqual(page.applied[1].base, undefined);
    assert.ok(page.texts().includes('推进第三项任务。'));
  });

  it('asks for a view only while it is shown, and for what changed in it afterwards', async () => {
    assert.strictEqual(page.model.lists.units, null, 'no view before it is shown');
    page.selectTab('units');
    await until(() => page.applied.length === 2, 'the units view');
    assert.deepStrictEqual(queries.at(-1)!.lists, ['units']);
    assert.ok(page.texts('units').includes('省财政厅'));
    change(TEXT.replace('省财政厅', '省教育厅'));
    await until(() => page.applied.length === 3, 'an update');
    assert.ok(page.texts('units').includes('省教育厅') && !page.texts('units').includes('省财政厅'));
    page.selectTab('table');
    change(TEXT);
    await until(() => page.applied.length === 4, 'an update');
    assert.deepStrictEqual(queries.at(-1)!.lists, []);
    assert.deepStrictEqual(Object.keys(page.applied[3].lists!), ['table']);
  });

  it('follows the editor cursor, and reveals the line of a clicked row in the editor', async () => {
    events.selectionChanged.fire({ textEditor: editor, selections: [new Selection(new Position(5, 2), new Position(5, 2))] });
    assert.deepStrictEqual(reveals().at(-1), { type: 'reveal', line: 5 });
    panel.webview.received.fire({ type: 'reveal', line: 3 });
    await until(() => editor.revealed.length === 1, 'the editor to reveal');
    assert.strictEqual(editor.selection.active.line, 3);
    assert.strictEqual(editor.selection.active.character, 3, 'at the first non-blank character');
  });

  it('ignores messages from the page that are not well-formed', async () => {
    const asked = queries.length;
    for (const message of [null, 'reveal', { type: 'reveal', line: '3' }, { type: 'reveal', line: -1 }, { type: 'reveal', line: 1.5 }, { type: 'open', uri: 'file:///etc/passwd' }, { type: 'tab', tab: 7 }]) {
      panel.webview.received.fire(message);
    }
    panel.webview.received.fire({ type: 'reveal', line: 6 });
    await until(() => editor.revealed.length > 0, 'the editor to reveal');
    assert.deepStrictEqual(editor.revealed.map((r) => r.start.line), [6]);
    assert.strictEqual(queries.length, asked);
  });

  it('asks for nothing while hidden; a page loaded again when shown gets the current document whole', async () => {
    panel.setVisible(false);
    const asked = queries.length;
    change(TEXT.replace('地区生产总值', '规模以上工业增加值'));
    await settle();
    assert.strictEqual(queries.length, asked, 'no request while hidden');
    panel.setVisible(true);
    // VS Code loads the page again from the html it was given.
    page.load();
    await until(() => page.texts().includes('规模以上工业增加值增长5.5%左右。'), 'the current document');
    assert.strictEqual(page.applied[1].base, undefined, 'the reloaded page gets every row');
    assert.strictEqual(panel.webview.pages.length, 2, 'the html is not set again');
  });

  it('gives a page kept while hidden only what changed since its version', async () => {
    const shown = page.model.version;
    panel.setVisible(false);
    change(TEXT.replace('地区生产总值', '规模以上工业增加值'));
    panel.setVisible(true); // pings the page, which answers with its version
    await until(() => page.applied.length === 2, 'an update');
    assert.strictEqual(page.applied[1].base, shown);
    assert.ok(page.texts().includes('规模以上工业增加值增长5.5%左右。'));
  });

  it('keeps the last table while the server has no analysis, and says so only before the first one', async () => {
    change(null);
    const asked = queries.length;
    await until(() => queries.length > asked, 'the request');
    await settle();
    assert.strictEqual(panel.webview.pages.length, 2);
    assert.strictEqual(payloads().length, 1);

    manager.dispose();
    current = null;
    manager = new PreviewManager(EXTENSION as never, source as never);
    manager.show(Uri.file('/work/other.fenjie') as never, -2, true);
    panel = state.panels.at(-1)!;
    await until(() => panel.webview.pages.length === 2, 'the message page');
    assert.match(panel.webview.html, /cannot analyse this document yet/);
    assert.ok(!panel.webview.html.includes('<script'));
  });

  it('restores a preview after a window reload from the document its page saved', async () => {
    const serializer = state.serializers.get('fenjie.preview');
    assert.ok(serializer, 'a serializer for the preview is registered');
    manager.dispose();
    manager = new PreviewManager(EXTENSION as never, source as never);
    const restored = new FakePanel('fenjie.preview', 'Preview tasks.fenjie', {});
    const restoredPage = new FakePage(restored);
    await state.serializers.get('fenjie.preview')!.deserializeWebviewPanel(restored, { document: URI.toString(), tab: 'table' });
    assert.deepStrictEqual((restored.webview.options as { localResourceRoots: unknown[] }).localResourceRoots.map(String), ['file:///extension/dist/media']);
    await until(() => restored.webview.pages.length === 2, 'the preview page');
    restoredPage.load();
    await until(() => restoredPage.applied.length === 1, 'the whole preview');
    assert.ok(restoredPage.texts().includes('地区生产总值增长5.5%左右。'));
    assert.strictEqual(manager.activeDocument()?.toString(), URI.toString());

    // A state without a document (the page never showed one) closes the panel.
    let disposed = false;
    const empty = new FakePanel('fenjie.preview', 'Preview', {});
    empty.onDidDispose(() => (disposed = true));
    await state.serializers.get('fenjie.preview')!.deserializeWebviewPanel(empty, { tab: 'table' });
    assert.ok(disposed);
  });
});
