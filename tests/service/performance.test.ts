/**
 * Completion and hover on a 10,000-task document: completion never waits for an analysis (it
 * reads the task around the cursor), hover finds the name by binary search in the analysis of
 * the version, which is computed once. Bounds are generous (the machine is shared); what they
 * catch is a request that analyses or scans the whole document.
 */
import * as assert from 'assert';
import { generatedDocument, testWorkspace } from './helpers';

const TASKS = 10000;
const REQUESTS = 200;

function perRequestMs(run: (i: number) => void): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < REQUESTS; i++) run(i);
  return Number(process.hrtime.bigint() - start) / 1e6 / REQUESTS;
}

describe('service: performance on a 10,000-task document', function () {
  this.timeout(180000);
  const t = testWorkspace();
  const uri = 'file:///perf/large.fenjie';
  const text = generatedDocument(TASKS);
  const lines = text.split('\n');
  const leadLines = lines.map((l, i) => (l.startsWith('   牵头单位：') ? i : -1)).filter((i) => i >= 0);

  it('completes units after 牵头单位： without analysing the document', () => {
    t.workspace.setDocument(uri, text, 1);
    // Warm the pinyin cache once, as the first keystroke would.
    t.service.completion(uri, { line: leadLines[0], character: 8 });
    const ms = perRequestMs((i) => {
      const items = t.service.completion(uri, { line: leadLines[(i * 37) % leadLines.length], character: 8 }).items;
      assert.ok(items.length > 0);
    });
    assert.strictEqual(t.workspace.context(uri)!.analyzedAlready, false, 'completion needed no analysis');
    assert.ok(ms < 20, `completion took ${ms.toFixed(2)} ms per request`);
  });

  it('hovers by binary search in the one analysis of the version', () => {
    const analysis = t.service.analysis(uri)!;
    assert.strictEqual(analysis.document.tasks.length, TASKS);
    const ms = perRequestMs((i) => {
      const line = leadLines[(i * 53) % leadLines.length];
      const hover = t.service.hover(uri, { line, character: 10 });
      assert.ok(hover && hover.range.start.line === line);
    });
    assert.strictEqual(t.service.analysis(uri), analysis, 'no request analysed again');
    assert.ok(ms < 5, `hover took ${ms.toFixed(2)} ms per request`);
  });

  it('still completes at once after an edit, before the new version is analysed', () => {
    t.workspace.setDocument(uri, text.replace('推动第9999项', '推动第9999项和'), 2);
    const ms = perRequestMs((i) => void t.service.completion(uri, { line: leadLines[leadLines.length - 1 - (i % 50)], character: 8 }));
    assert.strictEqual(t.workspace.context(uri)!.analyzedAlready, false);
    assert.ok(ms < 20, `completion took ${ms.toFixed(2)} ms per request`);
  });
});
