/**
 * The incremental preview protocol (exports/src/preview-sync.ts, applied by the page script's
 * `applyPayload` in exports/media/preview.js):
 *
 * - data-driven: tests/server/preview-deltas/ holds a document, and per case an edit (and the
 *   view shown); the delta from the document's preview to the edited one is compared with
 *   `<case>.expected.json`, written readably (texts in place of string indices, versions named
 *   v1 and v2). `UPDATE_EXPECTED=1` rewrites the expectations; review them.
 * - a property: over a random sequence of edits (and of tabs shown), each payload applies to the
 *   page's model, and the model then has exactly the rows a full render of the final text has.
 *   It is shown to catch a broken protocol (shifts dropped, a changed row not sent, keys reused).
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { analyze } from '../../core/src/analyze';
import type { Locale } from '../../core/src/messages';
import type { Analysis } from '../../core/src/model';
import { problemsByTask, tableColumns, tableRows } from '../../core/src/views';
import { tableModel, taskCells, type Cell } from '../../exports/src/preview-model';
import { commonRuns, LIST_NAMES, PreviewSessions, PreviewSync, type EncodedCell, type ListName, type PreviewPayload } from '../../exports/src/preview-sync';
import { script, type PageModel } from '../client/preview-page';
import { expectFile, fromRoot } from '../helpers/expected';
import { ci, DOCUMENTS, mutant, sharpText, SHIPPED_REGISTRIES } from '../properties/support';

const CASES = fromRoot('tests', 'server', 'preview-deltas');
const URI = 'file:///preview/document.fenjie';

function analysisOf(text: string, uri = URI): Analysis {
  return analyze(text, { uri, registries: [...SHIPPED_REGISTRIES] });
}

interface Case {
  what: string;
  lists?: ListName[];
  edits: { find: string; replace: string; last?: boolean }[];
}

function edited(text: string, c: Case): string {
  return c.edits.reduce((t, e) => {
    const at = e.last ? t.lastIndexOf(e.find) : t.indexOf(e.find);
    assert.ok(at >= 0, `${JSON.stringify(e.find)} is in the document`);
    return t.slice(0, at) + e.replace + t.slice(at + e.find.length);
  }, text);
}

/** A payload as a reader wants it: every string index replaced by its text, versions by their order. */
function readable(payload: PreviewPayload, versions: Map<string, string>): unknown {
  const name = (v: string | undefined) => {
    if (v === undefined) return undefined;
    if (!versions.has(v)) versions.set(v, `v${versions.size + 1}`);
    return versions.get(v);
  };
  const strings = payload.strings ?? [];
  const text = (cell: EncodedCell): Cell => (typeof cell === 'number' ? strings[cell] : cell.map(text));
  const lists: Record<string, unknown> = {};
  for (const [list, patch] of Object.entries(payload.lists ?? {})) {
    lists[list] = { ...patch, ...(patch.rows ? { rows: patch.rows.map(([key, line, cells]) => [key, line, cells.map(text)]) } : {}) };
  }
  return { base: name(payload.base), version: name(payload.version), ...(payload.head ? { head: payload.head } : {}), ...(payload.lists ? { lists } : {}) };
}

describe('preview protocol: the delta of an edit (tests/server/preview-deltas)', () => {
  const document = readFileSync(path.join(CASES, 'document.fenjie'), 'utf8');
  const cases = readdirSync(CASES).filter((n) => n.endsWith('.json') && !n.endsWith('.expected.json'));

  for (const file of cases) {
    const name = file.replace(/\.json$/, '');
    const c = JSON.parse(readFileSync(path.join(CASES, file), 'utf8')) as Case;
    it(`${name}: ${c.what}`, () => {
      const sync = new PreviewSync('case');
      const lists = c.lists ?? [];
      const first = sync.update(analysisOf(document), 'zh', undefined, lists);
      const delta = sync.update(analysisOf(edited(document, c)), 'zh', first.version, lists);
      const versions = new Map<string, string>();
      readable(first, versions);
      expectFile(`${JSON.stringify(readable(delta, versions), null, 1)}\n`, path.join(CASES, `${name}.expected.json`));
      // Whatever the delta, it brings a page to the full render of the edited text.
      const page = script.createModel();
      assert.ok(script.applyPayload(page, JSON.parse(JSON.stringify(first))));
      assert.ok(script.applyPayload(page, JSON.parse(JSON.stringify(delta))));
      assert.deepStrictEqual(comparable(page, ['table', ...lists]), comparable(fullPage(analysisOf(edited(document, c)), 'zh', lists), ['table', ...lists]));
    });
  }

  it('an unknown or stale base, or another display language, gets every row', () => {
    const sync = new PreviewSync('stale');
    const analysis = analysisOf(document);
    const first = sync.update(analysis, 'zh');
    for (const base of ['elsewhere.1', undefined]) assert.strictEqual(sync.update(analysis, 'zh', base).base, undefined);
    assert.strictEqual(sync.update(analysis, 'en', first.version).base, undefined);
    // Three versions are kept: the fourth back is gone.
    let last = first;
    for (let i = 0; i < 4; i++) last = sync.update(analysisOf(document + `\n# ${i}\n5. 第${i}项。`), 'zh', last.version);
    assert.strictEqual(sync.update(analysis, 'zh', first.version).base, undefined);
  });

  it('never gives two documents, or a document opened again, the same version names', () => {
    const sessions = new PreviewSessions();
    const a = sessions.update('file:///a.fenjie', analysisOf(document), 'zh');
    sessions.forget('file:///a.fenjie');
    const again = sessions.update('file:///a.fenjie', analysisOf(document), 'zh', a.version);
    assert.strictEqual(again.base, undefined, 'a forgotten version is not taken for a new one');
    assert.notStrictEqual(again.version, a.version);
    const b = sessions.update('file:///b.fenjie', analysisOf(document), 'zh');
    assert.notStrictEqual(b.version, again.version);
  });

  it('writes every text of a payload once', () => {
    const payload = new PreviewSync('once').update(analysisOf(readFileSync(fromRoot('samples', '002-liaoning-2024.fenjie'), 'utf8')), 'zh');
    assert.strictEqual(new Set(payload.strings).size, payload.strings!.length);
    // Unit names repeat across rows; each is in the table once.
    assert.strictEqual(payload.strings!.filter((s) => s === '各市人民政府').length, 1);
  });

  it('finds the table columns the core does, from the rows it records', () => {
    for (const doc of DOCUMENTS) {
      const analysis = analysisOf(doc.text, `file:///${doc.name}`);
      assert.deepStrictEqual(
        tableModel(analysis, 'zh').columns,
        tableColumns(analysis.document).map((c) => [c.key, c.title]),
        doc.name,
      );
    }
  });

  it("Myers' diff finds a shortest edit", () => {
    const cases: [number[], number[], number][] = [
      [[], [], 0],
      [[1, 2, 3], [1, 2, 3], 3],
      [[1, 2, 3], [1, 3], 2],
      [[1, 2, 3], [4, 1, 2, 3, 5], 3],
      [[1, 2, 3, 4, 5, 6], [1, 9, 3, 4, 8, 6], 4],
      [[3, 2, 1], [1, 2, 3], 1],
    ];
    for (const [a, b, common] of cases) {
      const runs = commonRuns(a, b)!;
      assert.strictEqual(runs.reduce((n, r) => n + r.length, 0), common, `${a} → ${b}`);
      for (const r of runs) assert.deepStrictEqual(a.slice(r.a, r.a + r.length), b.slice(r.b, r.b + r.length));
    }
    assert.strictEqual(commonRuns([1, 2, 3, 4], [5, 6, 7, 8], 3), undefined, 'more differences than the limit');
  });
});

/** The page model of a full render: every row, as a fresh page would have it. */
function fullPage(analysis: Analysis, locale: Locale, lists: readonly ListName[]): PageModel {
  const page = script.createModel();
  assert.ok(script.applyPayload(page, JSON.parse(JSON.stringify(new PreviewSync('full').update(analysis, locale, undefined, lists)))));
  return page;
}

/**
 * What a page shows of its lists, keys left out: a row's line and cells, task references as the
 * line of their task (keys differ between syncs; the line a reference reveals must not).
 */
function comparable(page: PageModel, lists: readonly ListName[]): unknown {
  const table = page.lists.table!;
  const lineOf = (key: Cell) => table.rows.get(Number(key))?.line ?? 'missing';
  const refs = (cell: Cell) => (cell as Cell[]).map((ref) => [(ref as Cell[])[0], lineOf((ref as Cell[])[1])]);
  const out: Record<string, unknown> = { head: page.head };
  for (const name of lists) {
    out[name] = script.rowsOf(page, name)!.map(([, line, cells]) => {
      if (name === 'units') return [line, [...cells.slice(0, 5), refs(cells[5]), refs(cells[6])]];
      if (name === 'leaders') return [line, [cells[0], cells[1], refs(cells[2]), cells[3]]];
      return [line, cells];
    });
  }
  return out;
}

/** Offsets never split a CRLF pair. */
function clamp(text: string, offset: number): number {
  const o = Math.max(0, Math.min(offset, text.length));
  return o > 0 && text[o - 1] === '\r' && text[o] === '\n' ? o - 1 : o;
}

const insertion = fc.oneof(
  sharpText(12),
  fc.constantFrom('\n', '\n   牵头单位：省财政厅', '\n   牵头领导：王健', '\n   完成时限：2024年底', '\n1. 新任务，增长5%。', '\n二、新章', '\n（一）新节。', '、省发展改革委', '省不存在厅', '', '\n# 注'),
);

const session = fc.record({
  start: fc.constantFrom(...DOCUMENTS.filter((d) => d.text.length < 6000)),
  steps: fc.array(fc.record({ at: fc.nat(), length: fc.nat(60), text: insertion, tab: fc.constantFrom<ListName>('table', 'table', 'units', 'leaders', 'targets') }), { minLength: 1, maxLength: 12 }),
});

/** The table's rows made afresh, without the rows kept per task object. */
function uncachedTable(analysis: Analysis): unknown {
  const problems = problemsByTask(analysis.document, analysis.diagnostics);
  return tableRows(analysis.document).map((row) =>
    row.kind === 'task' ? [row.line, taskCells(row.task, problems.get(row.index), 'zh')] : [row.line, [row.kind === 'chapter' ? 'c' : 's', row.label]],
  );
}

type Breakage = (payload: PreviewPayload) => PreviewPayload;

/** Applying each payload to the page gives, after every edit, the rows of a full render. */
const deltasEqualFull = (breakage: Breakage = (p) => p) =>
  fc.property(session, ({ start, steps }) => {
    const sync = new PreviewSync('prop');
    const page = script.createModel();
    let text = start.text;
    assert.ok(script.applyPayload(page, JSON.parse(JSON.stringify(sync.update(analysisOf(text), 'zh')))));
    for (const step of steps) {
      const from = clamp(text, step.at % (text.length + 1));
      const to = clamp(text, Math.min(text.length, from + step.length));
      text = text.slice(0, from) + step.text + text.slice(to);
      const lists = step.tab === 'table' ? [] : [step.tab];
      const analysis = analysisOf(text);
      const payload = breakage(sync.update(analysis, 'zh', page.version, lists));
      assert.ok(payload.base === page.version, 'the payload builds on the version shown');
      assert.ok(script.applyPayload(page, JSON.parse(JSON.stringify(payload))), 'the payload applies');
      const shown: ListName[] = ['table', ...lists];
      assert.deepStrictEqual(comparable(page, shown), comparable(fullPage(analysis, 'zh', lists), shown));
      // The rows kept per task object are the rows the task makes now (the analysis reuses unchanged tasks).
      assert.deepStrictEqual(
        tableModel(analysis, 'zh').rows.map((r) => [r.line, r.cells]),
        uncachedTable(analysis),
      );
    }
  });

describe('preview protocol: incremental = full (property)', function () {
  this.timeout(120_000);

  it('random edits, with random views shown, bring the page to the rows of a full render', () => {
    fc.assert(deltasEqualFull(), ci(60));
  });

  describe('the property catches a broken protocol', () => {
    const breakages: [string, Breakage][] = [
      [
        'line moves dropped',
        (p) => ({ ...p, lists: Object.fromEntries(Object.entries(p.lists ?? {}).map(([name, patch]) => [name, { ...patch, shifts: undefined }])) }),
      ],
      [
        'a changed row not sent',
        (p) => ({ ...p, lists: Object.fromEntries(Object.entries(p.lists ?? {}).map(([name, patch]) => [name, patch.reset ? patch : { ...patch, rows: patch.rows?.slice(1) }])) }),
      ],
      ['the head not sent', (p) => (p.base ? { ...p, head: undefined } : p)],
    ];
    for (const [name, breakage] of breakages) {
      it(name, () => {
        assert.ok(fc.check(deltasEqualFull(breakage), mutant(60)).failed, `the property did not notice: ${name}`);
      });
    }
  });

  it('the view lists come and go with the tab: a view not shown is not sent', () => {
    const sync = new PreviewSync('views');
    const analysis = analysisOf(DOCUMENTS.find((d) => d.name.includes('002'))!.text);
    const first = sync.update(analysis, 'zh', undefined, []);
    assert.deepStrictEqual(Object.keys(first.lists!), ['table']);
    const withUnits = sync.update(analysis, 'zh', first.version, ['units']);
    assert.deepStrictEqual(Object.keys(withUnits.lists!), ['units']);
    assert.strictEqual(withUnits.lists!.units!.reset, 1, 'sent whole: the page did not have it');
    assert.strictEqual(sync.update(analysis, 'zh', withUnits.version, ['units']).version, withUnits.version, 'then nothing while nothing changes');
    for (const name of LIST_NAMES) assert.ok(name in { table: 1, units: 1, leaders: 1, targets: 1 });
  });
});
