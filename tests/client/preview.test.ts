/**
 * The preview panel (client/src/preview.ts) against a stand-in for the `vscode` API: the page it
 * sets up (strict CSP, nonce, local resources), updates posted instead of page reloads, cursor
 * following both ways, untrusted messages ignored, no work while hidden. The page's own script
 * and HTML are tested in preview-html.test.ts.
 */
import * as assert from 'assert';
import { analyze } from '../../core/src/analyze';
import type { Analysis } from '../../core/src/model';
import { events, fakeDocument, fakeEditor, installVscodeStandIn, Position, resetState, Selection, state, Uri, type FakePanel } from './vscode-stand-in';

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

/** One turn of the event loop: the promises a request resolved have run. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function unescape(html: string): string {
  return html.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e]!);
}

describe('client: preview panel', () => {
  const document = fakeDocument(URI, 8);
  const editor = fakeEditor(document);
  let current: Analysis | null;
  let requests: number;
  let manager: InstanceType<typeof PreviewManager>;
  let panel: FakePanel;

  const source = async () => {
    requests++;
    return current;
  };
  const updates = () => panel.webview.posted.filter((m) => (m as { type: string }).type === 'update') as { html: string }[];
  const reveals = () => panel.webview.posted.filter((m) => (m as { type: string }).type === 'reveal') as { line: number }[];
  const change = (text: string | null) => {
    current = text === null ? null : analysisOf(text);
    events.documentChanged.fire({ document, contentChanges: [{}] });
  };

  beforeEach(async () => {
    resetState();
    state.visibleTextEditors = [editor];
    state.settings.set('diagnostics.debounceMs', 0);
    editor.revealed.length = 0;
    current = analysisOf(TEXT);
    requests = 0;
    manager = new PreviewManager(EXTENSION as never, source);
    manager.show(URI as never, -2, true);
    panel = state.panels[0];
    await until(() => panel.webview.pages.length === 2, 'the first page');
  });

  afterEach(() => manager.dispose());

  it('loads the media folder only, under default-src none, with one script carrying a fresh nonce', () => {
    assert.strictEqual(panel.viewType, 'fenjie.preview');
    assert.deepStrictEqual(panel.options.localResourceRoots?.map(String), ['file:///extension/dist/media']);
    const page = unescape(panel.webview.html);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 16, csp);
    assert.deepStrictEqual([...page.matchAll(/<script([^>]*)>/g)].map((m) => m[1]), [` nonce="${nonce}" src="https://webview.test/extension/dist/media/preview.js"`]);
    assert.ok(!panel.webview.pages[0].includes('<script'), 'the page before the first analysis runs no script');
    assert.ok(page.includes('地区生产总值增长5.5%左右。'));
  });

  it('posts a change to the open page instead of reloading it, and nothing when the table is the same', async () => {
    change(TEXT.replace('推进第二项任务', '推进第二项改革任务'));
    await until(() => updates().length === 1, 'an update');
    assert.strictEqual(panel.webview.pages.length, 2, 'the page was not reloaded');
    assert.ok(updates()[0].html.includes('推进第二项改革任务'));
    const asked = requests;
    change(TEXT.replace('推进第二项任务', '推进第二项改革任务'));
    await until(() => requests > asked, 'the second request');
    await nextTurn();
    assert.strictEqual(updates().length, 1);
  });

  it('follows the editor cursor, and reveals the line of a clicked row in the editor', async () => {
    events.selectionChanged.fire({ textEditor: editor, selections: [new Selection(new Position(5, 2), new Position(5, 2))] });
    assert.deepStrictEqual(reveals().at(-1), { type: 'reveal', line: 5 });
    panel.webview.received.fire({ type: 'reveal', line: 3 });
    await until(() => editor.revealed.length === 1, 'the editor to reveal');
    assert.strictEqual(editor.selection.active.line, 3);
    assert.strictEqual(editor.selection.active.character, 3, 'at the first non-blank character');
  });

  it('ignores messages from the page that are not a well-formed reveal', async () => {
    for (const message of [null, 'reveal', { type: 'reveal', line: '3' }, { type: 'reveal', line: -1 }, { type: 'reveal', line: 1.5 }, { type: 'open', uri: 'file:///etc/passwd' }]) {
      panel.webview.received.fire(message);
    }
    panel.webview.received.fire({ type: 'reveal', line: 6 });
    await until(() => editor.revealed.length > 0, 'the editor to reveal');
    assert.deepStrictEqual(editor.revealed.map((r) => r.start.line), [6]);
  });

  it('renders nothing while hidden, and shows the current document when shown again', async () => {
    panel.setVisible(false);
    assert.strictEqual(panel.webview.pages.length, 3, 'the hidden page holds the latest content for when it is shown');
    const asked = requests;
    change(TEXT.replace('地区生产总值', '规模以上工业增加值'));
    assert.strictEqual(requests, asked, 'no request while hidden');
    panel.setVisible(true);
    await until(() => panel.webview.pages.length === 4, 'a fresh page');
    assert.ok(panel.webview.html.includes('规模以上工业增加值增长5.5%左右。'));
    assert.strictEqual(updates().length, 0);
  });

  it('keeps the last table while the server has no analysis, and says so only before the first one', async () => {
    change(null);
    const asked = requests;
    await until(() => requests > asked, 'the request');
    await nextTurn();
    assert.strictEqual(panel.webview.pages.length, 2);
    assert.strictEqual(updates().length, 0);

    manager.dispose();
    current = null;
    manager = new PreviewManager(EXTENSION as never, source);
    manager.show(Uri.file('/work/other.fenjie') as never, -2, true);
    panel = state.panels[1];
    await until(() => panel.webview.pages.length === 2, 'the message page');
    assert.match(panel.webview.html, /cannot analyse this document yet/);
    assert.ok(!panel.webview.html.includes('<script'));
  });
});
