/**
 * The server under bad input: documents no drafter meant to write, requests with broken
 * parameters, random incremental edits. Every request is answered (never an error, never a
 * dead server), and diagnostics after a series of edits equal those of the same text opened fresh.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import type { Diagnostic, Position, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { fixtureUri, readFixture, TestClient } from './client';

const NASTY: Record<string, string> = {
  'lone surrogates and controls': '标题：\ud800坏\udc00\u0000\u0007\n1. 甲\ufffd。\n   牵头单位：省\ud83d商务厅\n',
  'one 1 MB line': '1. ' + '甲'.repeat(1024 * 1024) + '\n',
  '100,000 empty lines': '\n'.repeat(100000) + '1. 甲。\n',
  'a BOM midway and mixed line ends': '标题：x\r\n\ufeff一、章\r1. 甲。\n   牵头单位：省商务厅\r\n\r\n【名词解释】\r“甲”：乙\n',
  'only punctuation': '：：：\n、、、\n（）（）\n1.\n   牵头单位：、、，，；\n   牵头领导：,,,\n',
  'field soup': '   牵头单位：\n牵头领导：\n【】\n（一）\n一、\n1、\n#',
};

const REQUESTS: [string, (uri: string, p: Position) => unknown][] = [
  ['textDocument/completion', (uri, position) => ({ textDocument: { uri }, position })],
  ['textDocument/hover', (uri, position) => ({ textDocument: { uri }, position })],
  ['textDocument/definition', (uri, position) => ({ textDocument: { uri }, position })],
  ['textDocument/references', (uri, position) => ({ textDocument: { uri }, position, context: { includeDeclaration: true } })],
  ['textDocument/documentHighlight', (uri, position) => ({ textDocument: { uri }, position })],
  ['textDocument/documentSymbol', (uri) => ({ textDocument: { uri } })],
  ['textDocument/foldingRange', (uri) => ({ textDocument: { uri } })],
  ['textDocument/semanticTokens/full', (uri) => ({ textDocument: { uri } })],
  ['textDocument/formatting', (uri) => ({ textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } })],
  ['textDocument/codeAction', (uri, p) => ({ textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: p }, context: { diagnostics: [], only: ['quickfix', 'source.fixAll'] } })],
  ['textDocument/rename', (uri, position) => ({ textDocument: { uri }, position, newName: '新名称' })],
];

/** Rename may decline with a ResponseError by design; anything else is a failure. */
async function answered(client: TestClient, method: string, params: unknown): Promise<void> {
  try {
    await client.request(method, params);
  } catch (error) {
    if (method === 'textDocument/rename' && (error as { code?: number }).code === -32803) return;
    throw new Error(`${method} failed: ${String(error)}`);
  }
}

describe('server: resilience', function () {
  this.timeout(120000);
  let client: TestClient;
  before(async () => (client = await TestClient.start()));
  after(() => client.stop());

  for (const [name, text] of Object.entries(NASTY)) {
    it(`answers every request on ${name}`, async () => {
      const uri = fixtureUri(`nasty-${name.replace(/\W+/g, '-')}.fenjie`);
      client.open(uri, text);
      await client.current(uri);
      const lines = text.split(/\r\n|\r|\n/);
      const positions: Position[] = [
        { line: 0, character: 0 },
        { line: Math.floor(lines.length / 2), character: 3 },
        { line: lines.length - 1, character: lines[lines.length - 1].length },
        { line: lines.length + 5, character: 99 },
      ];
      for (const position of positions) for (const [method, params] of REQUESTS) await answered(client, method, params(uri, position));
      client.close(uri);
    });
  }

  it('answers requests with broken parameters with an empty result, and keeps serving', async () => {
    const uri = fixtureUri('broken-params.fenjie');
    client.open(uri, '1. 甲。\n   牵头单位：省商务厅\n');
    await client.current(uri);
    assert.strictEqual(await client.request('textDocument/hover', { textDocument: { uri } }), null);
    assert.deepStrictEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///not/open.fenjie' } }), []);
    assert.deepStrictEqual(await client.request('textDocument/definition', { textDocument: { uri }, position: { line: 'x', character: null } }), []);
    const hover = await client.request<{ range: unknown } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 10 } });
    assert.ok(hover?.range, 'still serving');
  });

  it('gives after random incremental edits the diagnostics of the same text opened fresh', async () => {
    const base = readFixture('basic.fenjie');
    const pieces = ['省发改委', '、', '\n', '   牵头单位：', '1. ', '甲', '', ' ', '虎扑体育海关', '（一）', '“四上”'];
    const edit = fc.record({ at: fc.nat(), length: fc.nat({ max: 6 }), text: fc.constantFrom(...pieces) });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 12 }), async (edits) => {
        run++;
        const uri = fixtureUri(`random-edits-${run}.fenjie`);
        const fresh = fixtureUri(`random-fresh-${run}.fenjie`);
        client.open(uri, base);
        let text = base;
        for (const e of edits) {
          const start = e.at % (text.length + 1);
          const end = Math.min(text.length, start + e.length);
          const change: TextDocumentContentChangeEvent = { range: { start: positionAt(text, start), end: positionAt(text, end) }, text: e.text };
          client.change(uri, [change]);
          text = text.slice(0, start) + e.text + text.slice(end);
        }
        client.open(fresh, text);
        const [edited, opened] = await Promise.all([client.current(uri), client.current(fresh)]);
        assert.deepStrictEqual(strip(edited), strip(opened));
        client.close(uri);
        client.close(fresh);
      }),
      { seed: 8, numRuns: 15 },
    );
  });
});

function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** Diagnostics without the document uri inside related locations. */
function strip(diagnostics: Diagnostic[]): unknown {
  return diagnostics.map((d) => ({ ...d, relatedInformation: d.relatedInformation?.map((r) => ({ range: r.location.range, message: r.message })) }));
}
