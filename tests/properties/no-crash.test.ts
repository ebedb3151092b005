/**
 * Property 1 — no crash, no hang. Random Unicode, control characters, lone surrogates, mixed line
 * ends, a BOM midway, language-shaped junk and mutated samples go through the parser, the
 * analysis, the registry loader and every language-service request: nothing throws, no check
 * reports an internal error, every range an answer carries lies inside the document. Huge inputs
 * (1 MB lines, 100,000 lines) are checked for linear growth by doubling, then run at full size.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import { Worker } from 'worker_threads';
import type { Position } from '../../grammar/src/text';
import type { FullSizeMode } from './full-size-worker';
import { parseDocument } from '../../grammar/src/index';
import { analyze } from '../../core/src/analyze';
import type { Analysis } from '../../core/src/model';
import { loadRegistry } from '../../core/src/registry';
import { coreNeverFails, DOCUMENT_URI, exerciseService, newService, realAnalyze, type AnalyzeFn } from './harness';
import { ci, describeGrowth, FULL, mutant, DOCUMENTS, growth, hostileDocument, SHIPPED_REGISTRIES, SEED } from './support';


const position = fc.record({ line: fc.nat(80), character: fc.nat(120) });

/**
 * The core and every request on a huge input, in a worker that is stopped after a deadline: the
 * doubling check has passed by then, so only a super-linear term too small to show below the
 * full size, or a hang, can reach it.
 */
async function atFullSize(text: string, positions: Position[], mode: FullSizeMode = 'all'): Promise<void> {
  // The stack of the main thread (where the server runs), not a worker's larger default.
  const worker = new Worker(path.join(__dirname, 'full-size-worker.js'), { workerData: { text, positions, mode }, resourceLimits: { stackSizeMb: 1 } });
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await new Promise<{ ok: boolean; message?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      timer = setTimeout(() => resolve({ ok: false, message: `no answer within ${FULL_SIZE_DEADLINE_MS / 1000} s at full size (a hang)` }), FULL_SIZE_DEADLINE_MS);
    });
    assert.ok(result.ok, result.message);
  } finally {
    clearTimeout(timer);
    await worker.terminate();
  }
}

const FULL_SIZE_DEADLINE_MS = 30_000;

describe('property 1: no crash, no hang', function () {
  this.timeout(120_000);

  it('parse, analyze and loadRegistry accept any text', () => {
    fc.assert(coreNeverFails(realAnalyze), ci(400));
  });

  it('every language-service request answers any text with ranges inside it', () => {
    const service = newService();
    fc.assert(
      fc.property(hostileDocument, fc.array(position, { maxLength: 3 }), (text, positions) => {
        const lines = text.split(/\r\n|\r|\n/);
        // Mostly real positions, sometimes one past the end (an editor racing an edit).
        exerciseService(
          service,
          text,
          positions.map((p) => {
            const line = p.line % (lines.length + 1);
            return { line, character: p.character % ((lines[line]?.length ?? 0) + 2) };
          }),
        );
      }),
      ci(60),
    );
  });

  describe('huge inputs grow linearly and then run at full size', () => {
    const MB = 1 << 20;
    const repeatTo = (unit: string, size: number) => unit.repeat(Math.max(1, Math.ceil(size / unit.length))).slice(0, size);
    const randomChunk = fc.sample(fc.string({ unit: 'binary', minLength: 4096, maxLength: 4096 }), { seed: SEED, numRuns: 1 })[0];
    // Each shape takes a size and a variant; the variant ends the long lines so that no two runs share a line.
    const shapes: { name: string; make: (size: number, variant: number) => string; full: number }[] = [
      { name: '1 MB line of random Unicode', make: (n, v) => repeatTo(randomChunk, n) + v, full: MB },
      { name: '1 MB task line full of targets', make: (n, v) => '1. ' + repeatTo('地区生产总值增长5.5%左右、不少于500个，', n) + v, full: MB },
      { name: '1 MB unit list', make: (n, v) => '1. 任务。\n   牵头单位：' + repeatTo('区商务局、各市人民政府、大连、丹东市人民政府，', n) + v, full: MB },
      { name: '1 MB unit name with no separator', make: (n, v) => '1. 任务。\n   牵头单位：' + repeatTo('虎扑体育市人民政府', n) + v, full: MB },
      { name: '1 MB line of spaces between two words', make: (n, v) => '1. 任务' + ' '.repeat(n) + '完成' + v, full: MB },
      { name: '1 MB line of spaces in a 【说明】 block', make: (n, v) => '【说明】\n说明' + ' '.repeat(n) + '完' + v, full: MB },
      { name: '1 MB glossary line', make: (n, v) => '【名词解释】\n' + repeatTo('“四上”企业：规模以上', n) + v, full: MB },
      { name: '100,000 empty lines', make: (n, v) => '\n'.repeat(n) + v, full: 100_000 },
      { name: '100,000 mixed line ends', make: (n, v) => repeatTo('\r\n\r\n\n', n) + v, full: 100_000 },
      { name: '200,000 tasks with the same number', make: (n, v) => `1. 推进${v}。\n`.repeat(n), full: 200_000 },
      { name: '100,000 indented lines with no task', make: (n, v) => `   牵头单位：区商务局${v}\n`.repeat(n), full: 100_000 },
      { name: 'a sample repeated to 1 MB', make: (n, v) => repeatTo(DOCUMENTS[0].text + '\n', n) + v, full: MB },
    ];
    const service = newService();
    let version = 0;
    const lineLength = (text: string, line: number) => text.split(/\r\n|\r|\n/, line + 1)[line]?.length ?? 0;
    // What an editor asks after every edit: diagnostics, outline, folding, colouring, formatting, a completion.
    const work = (text: string) => {
      parseDocument(text);
      loadRegistry(text, 'file:///fuzz/huge.units.fenjie');
      service.workspace.setDocument(DOCUMENT_URI, text, ++version);
      service.diagnostics(DOCUMENT_URI);
      service.documentSymbols(DOCUMENT_URI);
      service.foldingRanges(DOCUMENT_URI);
      service.semanticTokens(DOCUMENT_URI);
      service.format(DOCUMENT_URI);
      service.completion(DOCUMENT_URI, { line: 1, character: 9 });
      service.completion(DOCUMENT_URI, { line: 1, character: lineLength(text, 1) });
      service.hover(DOCUMENT_URI, { line: 0, character: 4 });
      const firstLines = { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } };
      service.codeActions(DOCUMENT_URI, firstLines, undefined);
      service.codeActions(DOCUMENT_URI, firstLines, ['source.fixAll.fenjie']);
    };
    for (const shape of shapes) {
      it(shape.name, async () => {
        const g = growth(shape.make, work, Math.max(512, Math.floor(shape.full / 256)), { to: shape.full / (FULL ? 4 : 32), runs: FULL ? 5 : 3 });
        assert.ok(g.ratio < 3, `time grows faster than the input: ${describeGrowth(g)}`);
        // The full size only when the measured growth says it finishes well inside the 30 s that
        // atFullSize calls a hang (a loaded CI machine stretches these CPU times up to twice).
        const expectedMs = (g.largestMs / g.largestSize) * shape.full;
        assert.ok(expectedMs < 20_000, `about ${Math.round(expectedMs / 1000)} s at full size, extrapolated from ${g.largestMs.toFixed(0)} ms at ${g.largestSize}`);
        const text = shape.make(shape.full, 0);
        const ends = [{ line: 1, character: lineLength(text, 1) }];
        await atFullSize(text, FULL ? [{ line: 0, character: 3 }, { line: 1, character: 8 }, ...ends] : ends);
      });
    }
  });

  describe('long lists do not overflow the stack', () => {
    // Spreading a long array into a call (`push(...items)`, `Math.max(...values)`) throws beyond about 100,000 items.
    const list = '1. 任务。\n   牵头单位：' + '区商务局、'.repeat(200_000);
    it('the analysis of a 200,000-item unit list', () => atFullSize(list, [], 'analysis'));
    it('completion at the end of a 1 MB field value', () => {
      const line = '   配合单位：' + '虎扑体育市人民政府'.repeat(120_000);
      return atFullSize(`1. 任务。\n${line}\n`, [{ line: 1, character: line.length }], 'completion');
    });
  });

  describe('editing does not grow memory', () => {
    // The caches of lines, tasks and names must be bounded by what they hold, not by how many versions went through them.
    v8.setFlagsFromString('--expose-gc');
    const gc: () => void = vm.runInNewContext('gc');
    const heapAfterGc = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    const LONG = '推进'.repeat(50_000);
    const scenarios: { name: string; version: (i: number) => string }[] = [
      { name: 'a short line edited in a document with a 100 KB task', version: (i) => `1. 任务${i}号\n   备注：${LONG}\n2. 其他。\n` },
      { name: 'a 100 KB line edited', version: (i) => `1. 任务。\n   备注：${LONG}${i}\n` },
      { name: 'a unit name typed one character at a time', version: (i) => `1. 任务。\n   牵头单位：区${String(i).split('').map((d) => '零一二三四五六七八九'[Number(d)]).join('')}局\n` },
    ];
    /** Megabytes the heap grows by over 150 edits, after 60 to warm the caches up. */
    const growthOverEdits = (version: (i: number) => string, afterEdit: (text: string) => void = () => undefined) => {
      const service = newService();
      let i = 0;
      const edit = (count: number) => {
        for (let k = 0; k < count; k++) {
          const text = version(++i);
          service.workspace.setDocument(DOCUMENT_URI, text, i);
          service.diagnostics(DOCUMENT_URI);
          afterEdit(text);
        }
      };
      edit(60);
      const before = heapAfterGc();
      edit(150);
      return (heapAfterGc() - before) / 1024 / 1024;
    };
    for (const scenario of scenarios) {
      it(scenario.name, () => {
        const grown = growthOverEdits(scenario.version);
        assert.ok(grown < 8, `the heap grew by ${grown.toFixed(0)} MB over 150 edits`);
      });
    }

    it('the check catches a cache that keeps every version (a broken build)', () => {
      const kept: string[] = [];
      const grown = growthOverEdits(scenarios[0].version, (text) => kept.push(text.slice(0, -1)));
      assert.ok(grown >= 8, `a cache of every version measured as ${grown.toFixed(0)} MB`);
    });
  });

  describe('the property catches a broken build', () => {
    it('an analysis that throws on a lone surrogate', () => {
      const broken: AnalyzeFn = (text) => {
        if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)) throw new Error('lone surrogate');
        return realAnalyze(text);
      };
      assert.ok(fc.check(coreNeverFails(broken), mutant(400)).failed);
    });

    it('an analysis whose diagnostic ends one column past its line', () => {
      const broken: AnalyzeFn = (text) => {
        const a = realAnalyze(text);
        return { ...a, diagnostics: a.diagnostics.map((d) => ({ ...d, range: { start: d.range.start, end: { line: d.range.end.line, character: d.range.end.character + 1 } } })) };
      };
      assert.ok(fc.check(coreNeverFails(broken), mutant(400)).failed);
    });

    it('a check that throws (reported as FJ000)', () => {
      const broken: AnalyzeFn = (text): Analysis => {
        const a = analyze(text, { uri: DOCUMENT_URI, registries: SHIPPED_REGISTRIES });
        const origin = { line: 0, character: 0 };
        if (a.document.tasks.length > 1) a.diagnostics.push({ code: 'FJ000', severity: 'error', message: { zh: '内部错误', en: 'Internal error' }, range: { start: origin, end: origin } });
        return a;
      };
      assert.ok(fc.check(coreNeverFails(broken), mutant(400)).failed);
    });

    it('a quadratic step fails the doubling check', () => {
      const quadratic = (text: string) => {
        let n = 0;
        for (let i = 0; i < text.length; i += 1) for (let j = i; j < text.length; j += 1) n += text.charCodeAt(j);
        return n;
      };
      const g = growth((n, v) => 'x'.repeat(n) + v, quadratic, 512, { to: 16384 });
      assert.ok(g.ratio >= 3, `a quadratic function measured as linear: ${describeGrowth(g)}`);
    });
  });
});
