/**
 * Every editor feature over a real LSP connection, on a fixture with `<|>` cursor markers:
 * completion, hover, symbols, definition, references, highlights, rename, code actions,
 * formatting, folding and semantic tokens. The service tests cover the logic in depth; these
 * prove the server advertises each feature and converts its answer to LSP faithfully.
 */
import * as assert from 'assert';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  CodeActionKind,
  CompletionItemKind,
  DocumentHighlightKind,
  SymbolKind,
  type CodeAction,
  type CompletionList,
  type DocumentHighlight,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type Location,
  type Position,
  type SemanticTokens,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { FIXTURES, fixtureUri, TestClient, withMarkers } from './client';

const REGISTRY_URI = pathToFileURL(path.join(FIXTURES, 'registries', 'test.units.fenjie')).href;

/** Markers, in text order: a target, a term, a leader, a field name, a unit, an empty unit list, column 0 after a task. */
const MARKED = `标题：功能测试
年度：2024
辖区：测试省

一、主要预期目标
1. 地区生产总值增长5.<|>5%左右，推动“四<|>上”企业增长。
   牵头领导：王<|>健
   牵<|>头单位：省<|>发展改革委
   配合单位：<|>
<|>
二、壮大经济实力
2.推动投资。
   牵头单位 : 省发改委
   配合单位：省财政厅、省财政厅
`;

describe('server: features over LSP', function () {
  this.timeout(60000);
  let client: TestClient;
  const uri = fixtureUri('features.fenjie');
  const { text, positions } = withMarkers(MARKED);
  const [target, term, leader, fieldName, unit, unitValue, lineStart] = positions;
  const at = (position: Position) => ({ textDocument: { uri }, position });
  const lines = text.split('\n');
  const slice = (r: { start: Position; end: Position }) => lines[r.start.line].slice(r.start.character, r.end.character);

  before(async () => {
    client = await TestClient.start();
    client.open(uri, text);
    await client.current(uri);
  });
  after(() => client.stop());

  it('advertises every feature, with incremental sync and the semantic token legend', () => {
    const c = client.initializeResult.capabilities;
    assert.deepStrictEqual(c.textDocumentSync && typeof c.textDocumentSync === 'object' ? c.textDocumentSync.change : undefined, 2);
    for (const key of ['hoverProvider', 'documentSymbolProvider', 'workspaceSymbolProvider', 'definitionProvider', 'referencesProvider', 'documentHighlightProvider', 'documentFormattingProvider', 'documentRangeFormattingProvider', 'foldingRangeProvider'] as const) {
      assert.ok(c[key], key);
    }
    assert.deepStrictEqual(c.renameProvider, { prepareProvider: true });
    assert.ok(c.completionProvider?.triggerCharacters?.includes('：'));
    assert.deepStrictEqual(c.semanticTokensProvider?.legend.tokenTypes, ['unit', 'leader', 'target', 'term', 'number', 'field']);
  });

  it('completes units after 配合单位： with a textEdit, filterText, sortText and the lead unit left out', async () => {
    const list = await client.request<CompletionList>('textDocument/completion', at(unitValue));
    assert.strictEqual(list.isIncomplete, true);
    const labels = list.items.map((i) => i.label);
    assert.ok(!labels.includes('省发展改革委') && labels.includes('省财政厅'), labels.join());
    const item = list.items.find((i) => i.label === '省财政厅')!;
    assert.strictEqual(item.kind, CompletionItemKind.Module);
    assert.strictEqual(item.detail, '测试省财政厅 · 省直部门');
    assert.deepStrictEqual(item.textEdit, { range: { start: unitValue, end: unitValue }, newText: '省财政厅' });
    assert.ok(item.filterText?.includes('sheng cai zheng ting'));
    const sorted = [...list.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    assert.deepStrictEqual(sorted.map((i) => i.label), labels);
  });

  it('completes the next task number at column 0', async () => {
    const list = await client.request<CompletionList>('textDocument/completion', at(lineStart));
    assert.strictEqual(list.items[0].label, '2.');
  });

  it('hovers with the exact name as the range', async () => {
    const cases: [Position, string, string][] = [
      [unit, '省发展改革委', '测试省发展和改革委员会'],
      [leader, '王健', '副省长'],
      [target, '地区生产总值增长5.5%左右', '地区生产总值'],
      [term, '四上', '规模以上工业企业'],
      [fieldName, '牵头单位', '牵头落实任务的单位'],
    ];
    for (const [position, name, content] of cases) {
      const hover = await client.request<Hover>('textDocument/hover', at(position));
      assert.strictEqual(slice(hover.range!), name);
      assert.ok((hover.contents as { value: string }).value.includes(content), `${name}: ${JSON.stringify(hover.contents)}`);
    }
    assert.strictEqual(await client.request('textDocument/hover', at({ line: 4, character: 6 })), null);
  });

  it('outlines 章 → 任务', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const chapters = symbols.filter((s) => s.kind === SymbolKind.Namespace);
    assert.deepStrictEqual(chapters.map((c) => c.name), ['一、主要预期目标', '二、壮大经济实力']);
    assert.deepStrictEqual(chapters[1].children?.map((c) => c.name), ['2. 推动投资。']);
    const found = await client.request<SymbolInformation[]>('workspace/symbol', { query: '推动投资' });
    assert.ok(found.some((s) => s.location.uri === uri && s.name === '2. 推动投资。'));
  });

  it('goes to the registry entry, finds references and highlights', async () => {
    const definition = await client.request<Location[]>('textDocument/definition', at(unit));
    assert.deepStrictEqual(definition.map((l) => [l.uri, l.range.start.line]), [[REGISTRY_URI, 1]]);
    const references = await client.request<Location[]>('textDocument/references', { ...at(unit), context: { includeDeclaration: false } });
    const here = references.filter((r) => r.uri === uri).map((r) => slice(r.range));
    assert.deepStrictEqual(here, ['省发展改革委', '省发改委']);
    const highlights = await client.request<DocumentHighlight[]>('textDocument/documentHighlight', at(unit));
    assert.deepStrictEqual(highlights.map((h) => [h.range.start.line, h.kind]), [
      [7, DocumentHighlightKind.Read],
      [12, DocumentHighlightKind.Read],
    ]);
  });

  it('prepares and performs a rename across the document and the registry', async () => {
    const prepared = await client.request<{ range: { start: Position; end: Position }; placeholder: string }>('textDocument/prepareRename', at(leader));
    assert.deepStrictEqual(prepared.placeholder, '王健');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...at(leader), newName: '王建' });
    assert.deepStrictEqual(Object.keys(edit.changes!).sort(), [uri, REGISTRY_URI].sort());
    assert.deepStrictEqual(edit.changes![uri].map((e: TextEdit) => [slice(e.range), e.newText]), [['王健', '王建']]);
    await assert.rejects(client.request('textDocument/prepareRename', at(target)), /只能重命名/);
  });

  it('offers quick fixes, fix-all for a code, and source.fixAll.fenjie', async () => {
    const line = 12;
    const quick = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line, character: 12 }, end: { line, character: 12 } },
      context: { diagnostics: [] },
    });
    const change = quick.find((a) => a.title === '改为“省发展改革委”')!;
    assert.strictEqual(change.kind, CodeActionKind.QuickFix);
    assert.strictEqual(change.isPreferred, true);
    assert.strictEqual(change.diagnostics?.[0].code, 'FJ102');
    const fixAll = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 14, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepStrictEqual(fixAll.map((a) => a.kind), ['source.fixAll.fenjie']);
    const edits = fixAll[0].edit!.changes![uri];
    assert.ok(edits.some((e) => e.newText === '省发展改革委'));
    assert.ok(edits.some((e) => e.newText === '' && e.range.start.line === 13), 'the repeated 省财政厅 removed');
  });

  it('formats the document and a range', async () => {
    const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    const changed = edits.map((e) => `${e.range.start.line}:${JSON.stringify(slice(e.range))}→${JSON.stringify(e.newText)}`);
    assert.deepStrictEqual(changed, ['11:""→" "', '12:" : "→"："']);
    const ranged = await client.request<TextEdit[]>('textDocument/rangeFormatting', {
      textDocument: { uri },
      range: { start: { line: 12, character: 0 }, end: { line: 12, character: 5 } },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.deepStrictEqual(ranged.map((e) => e.range.start.line), [12]);
  });

  it('folds chapters and tasks, and colours names with semantic tokens', async () => {
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.ok(folds.some((f) => f.startLine === 5 && f.endLine === 8), 'task 1');
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const legend = client.initializeResult.capabilities.semanticTokensProvider!.legend.tokenTypes;
    let line = 0;
    let character = 0;
    const decoded: string[] = [];
    for (let i = 0; i < tokens.data.length; i += 5) {
      const [dl, dc, length, type] = tokens.data.slice(i, i + 4);
      line += dl;
      character = dl === 0 ? character + dc : dc;
      decoded.push(`${legend[type]} ${lines[line].slice(character, character + length)}`);
    }
    for (const expected of ['unit 省发展改革委', 'leader 王健', 'number 5.5', 'term 四上', 'field 牵头单位']) assert.ok(decoded.includes(expected), `${expected} in ${decoded.join(' | ')}`);
  });
});
