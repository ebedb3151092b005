/**
 * Property 7 — server faults, the server's half. When the server process dies (killed, crashed)
 * the client starts a new one and opens its documents again; the new process must then give the
 * same diagnostics, as it keeps no state but what the client sends. A request the server cannot
 * answer (an unknown document, a position far outside it) costs that answer, never the process.
 *
 * The client's half (vscode-languageclient restarting the process, client/src/extension.ts's
 * error handler allowing a bounded number of restarts) needs a real editor: the e2e suite would
 * open a document, kill the server's pid (exposed through a test-only command or found as the
 * child of the extension host), wait for the client's state to go Running again, and check that
 * diagnostics come back for the open document without reopening it.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import {
  CompletionRequest,
  DocumentFormattingRequest,
  HoverRequest,
  ReferencesRequest,
  RenameRequest,
  SemanticTokensRequest,
} from 'vscode-languageserver-protocol/node';
import { LspSession, serverBuilt } from './lsp-client';
import { ci, DOCUMENTS, hostileDocument } from './support';

describe('property 7: server faults', function () {
  this.timeout(180_000);

  before(function () {
    // The server is built by `npm run build`; without it there is nothing to drive.
    if (!serverBuilt()) this.skip();
  });

  /** Diagnostics of two samples from a server, then from a second one started after killing the first. */
  async function killAndRestart(registriesOfSecond?: string): Promise<{ before: unknown[]; after: unknown[] }> {
    const documents = DOCUMENTS.filter((d) => d.name.startsWith('samples')).slice(0, 2);
    const first = new LspSession();
    await first.initialize();
    const uri = (i: number) => `file:///faults/document-${i}.fenjie`;
    const before: unknown[] = [];
    for (const [i, d] of documents.entries()) {
      await first.open(uri(i), d.text, 7);
      before.push(await first.diagnostics(uri(i), 7));
    }
    first.process.kill('SIGKILL');
    assert.strictEqual(await first.exited, null, 'the process did not die of the signal');
    first.connection.dispose();

    // What vscode-languageclient does on `closed`: a new process, initialize, didOpen of every open document.
    const second = new LspSession();
    try {
      await second.initialize(registriesOfSecond);
      const after: unknown[] = [];
      for (const [i, d] of documents.entries()) {
        await second.open(uri(i), d.text, 7);
        after.push(await second.diagnostics(uri(i), 7));
      }
      return { before, after };
    } finally {
      await second.stop();
    }
  }

  it('a killed server, started again and sent the open documents, gives the same diagnostics', async () => {
    const { before, after } = await killAndRestart();
    assert.deepStrictEqual(after, before);
  });

  it('the check notices a restarted server that lost state (a broken build: no registries after the restart)', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'fenjie-no-registries-'));
    try {
      const { before, after } = await killAndRestart(empty);
      assert.notDeepStrictEqual(after, before);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('requests at any position of any text are answered, and the process stays up', async () => {
    const server = new LspSession();
    await server.initialize();
    try {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(hostileDocument, fc.nat(200), fc.nat(200), async (text, line, character) => {
          const uri = `file:///faults/hostile-${++n}.fenjie`;
          await server.open(uri, text);
          await server.diagnostics(uri, 1);
          const textDocument = { uri };
          const position = { line, character };
          const c = server.connection;
          // Each answer may be empty or an error response; what matters is that one comes back.
          const settle = (p: Promise<unknown>) => p.then(() => undefined, () => undefined);
          await Promise.all([
            settle(c.sendRequest(CompletionRequest.type, { textDocument, position })),
            settle(c.sendRequest(HoverRequest.type, { textDocument, position })),
            settle(c.sendRequest(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } })),
            settle(c.sendRequest(RenameRequest.type, { textDocument, position, newName: '新名' })),
            settle(c.sendRequest(DocumentFormattingRequest.type, { textDocument, options: { tabSize: 2, insertSpaces: true } })),
            settle(c.sendRequest(SemanticTokensRequest.type, { textDocument })),
            settle(c.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///faults/never-opened.fenjie' }, position })),
          ]);
          await server.symbols(uri);
          await server.close(uri);
          assert.strictEqual(server.process.exitCode, null, `the server exited: ${server.stderr.slice(-500)}`);
        }),
        ci(10),
      );
    } finally {
      await server.stop();
    }
  });
});
