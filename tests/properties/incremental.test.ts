/**
 * Property 2 — incremental = full. Random sequences of incremental edits sent to the real server
 * (`didChange` with ranges, one or several changes per notification, CRLF and surrogate pairs
 * included) leave it with exactly the diagnostics, outline and model that a fresh `didOpen` of
 * the final text gets. The final text is computed here independently of the server's document
 * store, so a sync bug on either side shows. The server is one process for all runs; runs are few.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { LineIndex } from '../../grammar/src/text';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { LspSession, serverBuilt, SERVER_JS } from './lsp-client';
import { ci, DOCUMENTS, mutant, sharpText } from './support';

interface Edit {
  /** Offsets in the text before this edit, start ≤ end. */
  start: number;
  end: number;
  text: string;
}

/** Offsets never split a CRLF pair: an editor cannot put the cursor between its two characters. */
function clamp(text: string, offset: number): number {
  const o = Math.max(0, Math.min(offset, text.length));
  return o > 0 && text[o - 1] === '\r' && text[o] === '\n' ? o - 1 : o;
}

function apply(text: string, e: Edit): string {
  return text.slice(0, e.start) + e.text + text.slice(e.end);
}

const insertion = fc.oneof(
  sharpText(12),
  fc.constantFrom('\n', '\r\n', '\n   牵头单位：区商务局', '\n1. 新任务。', '\n二、新章', '、省发展改革委', '\ud83d\ude00', '', '\u3000'),
);

/** A starting document (small corpus files: every run is analysed on every change) and the edits to make. */
const session = fc.record({
  start: fc.constantFrom(...DOCUMENTS.filter((d) => d.text.length < 6000)),
  edits: fc.array(fc.record({ at: fc.nat(), length: fc.nat(40), text: insertion, batch: fc.boolean() }), { minLength: 1, maxLength: 25 }),
});

/** Diagnostics compared as the editor shows them: the document's own uri removed. */
function comparable(diagnostics: Diagnostic[], uri: string): unknown {
  return JSON.parse(JSON.stringify(diagnostics).split(JSON.stringify(uri).slice(1, -1)).join('<uri>'));
}

export type SyncFn = (text: string, edits: readonly Edit[]) => string;

describe('property 2: incremental edits = a fresh open', function () {
  this.timeout(240_000);
  let server: LspSession | undefined;
  let run = 0;

  before(async function () {
    if (!serverBuilt()) {
      // The server is built by `npm run build`; without it there is nothing to drive.
      this.skip();
    }
    server = new LspSession();
    await server.initialize();
  });

  after(async () => {
    await server?.stop();
  });

  /** Drives one session through the server and compares it with a fresh open of the text `finalText` computes. */
  const syncMatchesFresh = (finalText: SyncFn) =>
    fc.asyncProperty(session, async ({ start, edits }) => {
      const s = server!;
      const n = ++run;
      const edited = `file:///incremental/run-${n}/edited.fenjie`;
      const fresh = `file:///incremental/run-${n}/fresh.fenjie`;
      let text = start.text;
      let version = 1;
      await s.open(edited, text, version);
      const applied: Edit[] = [];
      let pending: TextDocumentContentChangeEvent[] = [];
      for (const e of edits) {
        const lines = new LineIndex(text);
        const begin = clamp(text, e.at % (text.length + 1));
        const edit = { start: begin, end: clamp(text, begin + e.length), text: e.text };
        pending.push({ range: { start: lines.positionAt(edit.start), end: lines.positionAt(edit.end) }, text: edit.text });
        applied.push(edit);
        text = apply(text, edit);
        if (!e.batch) {
          await s.change(edited, ++version, pending);
          pending = [];
        }
      }
      if (pending.length) await s.change(edited, ++version, pending);
      const expected = finalText(start.text, applied);
      await s.open(fresh, expected);
      const [incremental, full] = await Promise.all([s.diagnostics(edited, version), s.diagnostics(fresh, 1)]);
      assert.deepStrictEqual(comparable(incremental, edited), comparable(full, fresh), 'diagnostics differ');
      assert.deepStrictEqual(await s.symbols(edited), await s.symbols(fresh), 'outlines differ');
      const [a, b] = await Promise.all([s.analysis(edited), s.analysis(fresh)]);
      assert.deepStrictEqual(comparable([a?.document] as never, edited), comparable([b?.document] as never, fresh), 'models differ');
      await s.close(edited);
      await s.close(fresh);
    });

  const exact: SyncFn = (text, edits) => edits.reduce(apply, text);

  it('random incremental edits give what a fresh open of the final text gives', async () => {
    await fc.assert(syncMatchesFresh(exact), ci(8));
  });

  it('the property catches a client and server that disagree on one edit (a broken build)', async () => {
    // A text store that drops the last edit: what a server that lost one didChange would hold.
    const lossy: SyncFn = (text, edits) => edits.slice(0, -1).reduce(apply, text);
    const result = await fc.check(syncMatchesFresh(lossy), mutant(8));
    assert.ok(result.failed, `the property did not notice a lost edit (server: ${SERVER_JS})`);
  });
});
