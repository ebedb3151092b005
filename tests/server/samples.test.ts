/**
 * The shipped samples through the real server, set up as the extension sets it up (the shipped
 * registries, the samples folder as the workspace, nodejieba loading in the background): once
 * jieba is in, the editor shows exactly what `fenjie check` reports (samples/<name>.expected.json),
 * and every feature answers on every sample.
 */
import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Diagnostic, DocumentSymbol } from 'vscode-languageserver-protocol';
import { fromRoot } from '../helpers/expected';
import { TestClient } from './client';

const SAMPLES = fromRoot('samples');
const documents = readdirSync(SAMPLES).filter((f) => f.endsWith('.fenjie') && !f.endsWith('.units.fenjie'));
const SEVERITIES = ['', 'error', 'warning', 'info', 'hint'];

/** A server diagnostic in the CLI's JSON shape (1-based positions). */
function asCli(d: Diagnostic): object {
  return {
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: SEVERITIES[d.severity ?? 1],
    code: d.code,
    message: d.message,
    ...(d.relatedInformation ? { related: d.relatedInformation.map((r) => ({ line: r.location.range.start.line + 1, column: r.location.range.start.character + 1, message: r.message })) } : {}),
  };
}

function countTasks(symbols: DocumentSymbol[]): number {
  return symbols.reduce((n, s) => n + (s.name.match(/^\d+\. /) ? 1 : 0) + countTasks(s.children ?? []), 0);
}

describe('server: the samples', function () {
  this.timeout(180000);
  let client: TestClient;
  const uris = new Map(documents.map((f) => [f, pathToFileURL(path.join(SAMPLES, f)).href]));

  before(async () => {
    client = await TestClient.start({ jieba: true, registriesPath: fromRoot('registries'), workspaceFolders: [SAMPLES] });
    for (const [file, uri] of uris) client.open(uri, readFileSync(path.join(SAMPLES, file), 'utf8'));
    await client.notification<{ tokenizer: string }>('fenjie/status', (p) => p.tokenizer === 'jieba');
  });
  after(() => client.stop());

  for (const file of documents) {
    it(`${file}: the editor shows what fenjie check reports`, async () => {
      const uri = uris.get(file)!;
      const afterJieba = client.notifications.findIndex((n) => n.method === 'fenjie/status' && (n.params as { tokenizer: string }).tokenizer === 'jieba');
      const published = await client.diagnostics(uri, (p) => client.notifications.findIndex((n) => n.params === p) > afterJieba);
      const expected = JSON.parse(readFileSync(path.join(SAMPLES, file.replace(/\.fenjie$/, '.expected.json')), 'utf8'))[0].diagnostics as { fixes?: unknown }[];
      assert.deepStrictEqual(
        published.diagnostics.map(asCli),
        expected.map(({ fixes: _fixes, ...rest }) => rest),
      );
    });

    it(`${file}: outline, folding, tokens, formatting and hover answer`, async () => {
      const uri = uris.get(file)!;
      const text = readFileSync(path.join(SAMPLES, file), 'utf8');
      const tasks = (text.match(/^[0-9０-９]+[.．、](?![0-9０-９])/gm) ?? []).length;
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.strictEqual(countTasks(symbols), tasks);
      const folds = await client.request<unknown[]>('textDocument/foldingRange', { textDocument: { uri } });
      assert.ok(folds.length >= tasks / 2);
      const tokens = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
      assert.ok(tokens.data.length > 0);
      const edits = await client.request<{ newText: string }[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
      assert.ok(Array.isArray(edits));
      const line = text.split('\n').findIndex((l) => /^\s+牵头单位[:：]/.test(l));
      const hover = await client.request<{ range: unknown } | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: 9 } });
      assert.ok(hover?.range, `hover on the first lead unit of ${file}`);
    });
  }
});
