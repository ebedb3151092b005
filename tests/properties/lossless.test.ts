/**
 * Property 3 — no edit loses text. Formatting changes only white space and field colons: every
 * other character, every task, number, unit, leader, target and word survives, and formatting
 * twice changes nothing more. A quick fix changes what its edits cover and nothing else, and
 * makes its problem go away. A rename touches exactly the spellings it renames. A document
 * exported to Excel or Word and imported again is the same document.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { nameKey, type Range } from '../../grammar/src/text';
import type { Analysis, Fix, TextEdit } from '../../core/src/model';
import { renderDocx, renderXlsx } from '../../exports/src/index';
import { importDocument } from '../../importer/src/index';
import { corpusUri, newService } from './harness';
import { applyEdits, ci, DOCUMENTS, LEADER_NAMES, mutant, mutatedDocument, REGISTRY_TEXTS, SHIPPED_REGISTRIES as SHIPPED, UNIT_NAMES, type CorpusFile } from './support';

const service = newService();
let version = 0;

function open(uri: string, text: string): void {
  service.workspace.setDocument(uri, text, ++version);
}

function analysisOf(uri: string, text: string): Analysis {
  open(uri, text);
  return { document: service.analysis(uri)!.document, diagnostics: service.diagnostics(uri) };
}

/** No white space at all: what formatting must leave untouched. */
const INK = (text: string) => text.replace(/[\s\u3000\u00a0\ufeff]+/g, '');

/** The model as far as formatting must keep it: everything, with white space inside texts ignored. */
function projection(a: Analysis): unknown {
  const d = a.document;
  return {
    header: d.header.map((h) => [h.kind, h.name, INK(h.value)]),
    chapters: d.chapters.map((c) => [c.numeral, INK(c.title), c.implicit, c.tasks, c.sections.map((s) => [s.numeral, INK(s.title), s.tasks])]),
    tasks: d.tasks.map((t) => ({
      number: t.number,
      text: INK(t.text),
      fields: t.fields.map((f) => [f.kind, f.name, INK(f.value)]),
      lead: t.leadUnits.map((u) => [INK(u.text), u.canonical, u.resolution, !!u.etc]),
      cooperating: t.cooperatingUnits.map((u) => [INK(u.text), u.canonical, u.resolution, !!u.etc]),
      leaders: t.leaders.map((l) => [INK(l.text), l.canonical]),
      deadline: t.deadline && [INK(t.deadline.text), t.deadline.kind, t.deadline.year, t.deadline.month, t.deadline.day],
      targets: t.targets.map((x) => [INK(x.indicator), x.comparator, x.valueText, x.scaledValue, x.measure, x.magnitude]),
    })),
    glossary: d.glossary.map((g) => [INK(g.term), INK(g.definition)]),
    notes: d.notes.map((n) => [n.name, INK(n.text)]),
  };
}

/** Characters formatting changed that it may not: anything but white space and a half-width colon turned full-width. */
function inkChanges(before: string, after: string): string | undefined {
  const a = INK(before);
  const b = INK(after);
  if (a.length !== b.length) return `non-space characters ${a.length} → ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i] && !(a[i] === ':' && b[i] === '：')) return `character ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 10), i + 10))} → ${JSON.stringify(b.slice(Math.max(0, i - 10), i + 10))}`;
  }
  return undefined;
}

export type FormatFn = (uri: string, text: string) => string;

/** The real formatter, through the language service, applied as an editor applies edits. */
export const realFormat: FormatFn = (uri, text) => {
  open(uri, text);
  return applyEdits(text, service.format(uri));
};

// ---------------------------------------------------------------------------------------------
// Generators

/** White space as drafters leave it: wrong indents, trailing spaces, half-width colons, tabs. */
const messy = (text: string, choices: number[]): string =>
  text
    .split('\n')
    .map((line, i) => {
      const c = choices[i % choices.length];
      const body = line.replace(/^[ \t\u3000]+/, '');
      const indent = ['', ' ', '  ', '    ', '\t', '\u3000', '   '][c % 7];
      const trail = ['', ' ', '\t', '\u3000 '][(c >> 3) % 4];
      const colon = (c >> 5) % 3 === 0 ? body.replace(/^([^：:]{2,6})：/, '$1 : ') : body;
      // What is indented stays indented and what is not stays at column 0, so every line keeps its kind.
      return (line === body ? '' : indent || ' ') + colon + trail;
    })
    .join('\n');

const messyDocument: fc.Arbitrary<{ name: string; text: string }> = fc.oneof(
  fc.tuple(fc.constantFrom(...DOCUMENTS), fc.array(fc.nat(255), { minLength: 1, maxLength: 40 })).map(([f, choices]) => ({ name: f.name, text: messy(f.text, choices) })),
  mutatedDocument(DOCUMENTS, 4).map((m) => ({ name: m.source, text: m.text })),
);

export const formattingIsLossless = (format: FormatFn) =>
  fc.property(messyDocument, ({ name, text }) => {
    const uri = corpusUri(name);
    const before = analysisOf(uri, text);
    const once = format(uri, text);
    const lost = inkChanges(text, once);
    assert.strictEqual(lost, undefined, `formatting changed more than white space: ${lost}`);
    assert.deepStrictEqual(projection(analysisOf(uri, once)), projection(before), 'formatting changed the document');
    assert.strictEqual(format(uri, once), once, 'formatting twice changes more than once');
  });

// ---------------------------------------------------------------------------------------------
// Quick fixes

interface Atom {
  key: string;
  range: Range;
}

/** The pieces of a document a fix must not touch unless its edits cover them. */
function atoms(a: Analysis): Atom[] {
  const out: Atom[] = [];
  const add = (text: string | undefined, range: Range | undefined) => {
    if (text !== undefined && range) out.push({ key: nameKey(text), range });
  };
  const d = a.document;
  for (const h of d.header) {
    add(h.name, h.nameRange);
    add(h.value, h.valueRange);
  }
  for (const c of d.chapters) {
    add(c.numeral, c.numeralRange);
    for (const s of c.sections) add(s.numeral, s.numeralRange);
  }
  for (const t of d.tasks) {
    add(t.number, t.numberRange);
    add(t.text, t.textRange);
    for (const f of t.fields) add(f.name, f.nameRange);
    for (const m of [...t.leadUnits, ...t.cooperatingUnits, ...t.leaders]) add(m.text, m.range);
    add(t.deadline?.text, t.deadline?.range);
  }
  for (const g of d.glossary) add(g.term, g.termRange);
  return out;
}

const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character < b.character);

function touches(edit: TextEdit, atom: Atom): boolean {
  const e = edit.range;
  if (before(e.start, e.end)) return before(e.start, atom.range.end) && before(atom.range.start, e.end);
  // An insertion touches an atom only strictly inside it.
  return before(atom.range.start, e.start) && before(e.start, atom.range.end);
}

function missing(kept: readonly Atom[], after: readonly Atom[]): string[] {
  const available = new Map<string, number>();
  for (const a of after) available.set(a.key, (available.get(a.key) ?? 0) + 1);
  const lost: string[] = [];
  for (const a of kept) {
    const n = available.get(a.key) ?? 0;
    if (n === 0) lost.push(a.key);
    else available.set(a.key, n - 1);
  }
  return lost;
}

export type FixFn = (fix: Fix) => Fix;

interface FixCase {
  file: CorpusFile;
  text: string;
}

/** Documents with problems to fix: the corpus, and the corpus mutated (which makes more). */
const fixCase: fc.Arbitrary<FixCase & { pick: number; choice: number }> = fc.record({
  file: fc.constantFrom(...DOCUMENTS),
  mutated: fc.option(mutatedDocument(DOCUMENTS, 3), { freq: 3 }),
  pick: fc.nat(),
  choice: fc.nat(),
}).map(({ file, mutated, pick, choice }) => (mutated ? { file: DOCUMENTS.find((d) => d.name === mutated.source)!, text: mutated.text, pick, choice } : { file, text: file.text, pick, choice }));

export const fixesChangeOnlyTheirRange = (alter: FixFn) =>
  fc.property(fixCase, ({ file, text, pick, choice }) => {
    const uri = corpusUri(file.name);
    const analysis = analysisOf(uri, text);
    const fixable = analysis.diagnostics.filter((d) => d.fixes?.some((f) => f.edits.some((e) => !e.uri)));
    if (fixable.length === 0) return;
    const diagnostic = fixable[pick % fixable.length];
    const fixes = diagnostic.fixes!.filter((f) => f.edits.some((e) => !e.uri));
    const fix = alter(fixes[choice % fixes.length]);
    const edits = fix.edits.filter((e) => !e.uri);
    const fixedText = applyEdits(text, edits);
    const after = analysisOf(uri, fixedText);
    const kept = atoms(analysis).filter((atom) => !edits.some((e) => touches(e, atom)));
    const lost = missing(kept, atoms(after));
    assert.deepStrictEqual(lost, [], `“${fix.title.en}” for ${diagnostic.code} changed text outside its edits`);
    const count = (a: Analysis) => a.diagnostics.filter((d) => d.code === diagnostic.code).length;
    assert.ok(count(after) < count(analysis), `“${fix.title.en}” did not resolve ${diagnostic.code} (${count(analysis)} before, ${count(after)} after)`);
  });

// ---------------------------------------------------------------------------------------------
// Rename

export type RenameFn = (uri: string, position: Range['start'], newName: string) => Map<string, TextEdit[]> | undefined;

const realRename: RenameFn = (uri, position, newName) => {
  const result = service.rename(uri, position, newName);
  return result && 'edits' in result ? result.edits : undefined;
};

const newName = fc.array(fc.constantFrom(...'新设综合服务保障中心委员会办公室局'), { minLength: 3, maxLength: 8 }).map((c) => '测' + c.join(''));

export const renameTouchesOnlyTheName = (rename: RenameFn) =>
  fc.property(fc.constantFrom(...DOCUMENTS), fc.nat(), newName, (file, pick, name) => {
    const uri = corpusUri(file.name);
    const analysis = analysisOf(uri, file.text);
    const mentions = analysis.document.tasks.flatMap((t) => [
      ...[...t.leadUnits, ...t.cooperatingUnits].filter((m) => ['canonical', 'alias', 'collective'].includes(m.resolution)).map((m) => ({ m, leader: false })),
      ...t.leaders.filter((m) => m.canonical).map((m) => ({ m, leader: true })),
    ]);
    if (mentions.length === 0) return;
    const { m: target, leader } = mentions[pick % mentions.length];
    const oldKey = nameKey(target.text);
    const edits = rename(uri, { line: target.range.start.line, character: target.range.start.character + 1 }, name);
    if (!edits) return;
    const entityKey = nameKey(target.canonical ?? target.text);
    const pool: { text: string; canonical?: string }[] = analysis.document.tasks.flatMap((t): { text: string; canonical?: string }[] => (leader ? t.leaders : [...t.leadUnits, ...t.cooperatingUnits]));
    const same = pool.filter((m) => nameKey(m.text) === oldKey && nameKey(m.canonical ?? m.text) === entityKey);
    for (const [editedUri, list] of edits) {
      const text = editedUri === uri ? file.text : service.workspace.registryFile(editedUri)?.text ?? service.workspace.context(editedUri)?.text;
      assert.ok(text !== undefined, `rename edits an unknown file ${editedUri}`);
      const lines = text.split(/\r\n|\r|\n/);
      for (const e of list) {
        const old = e.range.start.line === e.range.end.line ? lines[e.range.start.line]?.slice(e.range.start.character, e.range.end.character) : undefined;
        assert.strictEqual(old !== undefined && nameKey(old), oldKey, `rename of “${target.text}” edits “${old}” in ${editedUri}`);
        assert.strictEqual(e.newText, name);
      }
      applyEdits(text, list);
    }
    assert.strictEqual((edits.get(uri) ?? []).length, same.length, `rename of “${target.text}” edits ${(edits.get(uri) ?? []).length} of its ${same.length} spellings in the document`);
  });

// ---------------------------------------------------------------------------------------------
// Completion

export type CompleteFn = (uri: string, position: Range['start']) => { label: string; edit: TextEdit }[];

const realComplete: CompleteFn = (uri, position) => service.completion(uri, position).items.map((i) => ({ label: i.label, edit: { range: i.edit.range, newText: i.edit.newText } }));

/** Characters outside the BMP (two UTF-16 units each), as names and pasted text contain them. */
const astral = fc.constantFrom('', '', '𠮷', '𬌗', '😀', '𝟏');

const completionCase = fc.record({
  registry: fc.constantFrom(...SHIPPED.filter((r) => r.units.length > 3).map((r) => r.uri)),
  listed: fc.array(fc.tuple(fc.nat(), astral), { maxLength: 4 }),
  target: fc.nat(),
  typed: fc.nat(),
  separator: fc.constantFrom('、', '，', ',', '；'),
});

export const completionReplacesTheTypedName = (complete: CompleteFn) =>
  fc.property(completionCase, ({ registry: registryUri, listed, target, typed, separator }) => {
    const registry = SHIPPED.find((r) => r.uri === registryUri)!;
    const names = registry.units.map((u) => u.name);
    // A name with a separator in it (经开区、中德园…) restarts completion at the separator: the typed name is the part after it.
    const typeable = names.slice(1).filter((n) => !/[、，,；;]/.test(n));
    const name = typeable[target % typeable.length];
    const partial = name.slice(0, 1 + (typed % (name.length - 1)));
    const items = listed.map(([i, extra]) => extra + names[1 + (i % (names.length - 1))]).filter((n) => n !== name);
    const line = `   配合单位：${[...items, partial].join(separator)}`;
    const text = `辖区：${registry.jurisdiction}\n\n1. 任务。\n   牵头单位：${names[0]}\n${line}\n`;
    const uri = corpusUri('generated/completion.fenjie');
    open(uri, text);
    const answers = complete(uri, { line: 4, character: line.length });
    assert.ok(answers.length > 0, `no completion for “${partial}” in ${JSON.stringify(line)}`);
    for (const a of answers) {
      const r = a.edit.range;
      assert.ok(r.start.line === 4 && r.end.line === 4 && r.end.character === line.length, `completion “${a.label}” edits ${JSON.stringify(r)}`);
      assert.strictEqual(line.slice(r.start.character, r.end.character), partial, `completion “${a.label}” replaces more or less than the typed name`);
    }
  });

// ---------------------------------------------------------------------------------------------
// Import → export → import

const word = fc.constantFrom('推进', '建设', '完善', '加快', '实施', '深化', '优化营商环境', '乡村振兴', '重大项目', '高标准农田', '数字经济', '民生实事', '改革');
const figure = fc.constantFrom('增长5.5%左右', '不少于20家', '达到90%以上', '新建3所', '1.5万亩', '控制在3%以内', '');
const taskText = fc.tuple(fc.array(word, { minLength: 1, maxLength: 4 }), figure).map(([w, f]) => `${w.join('')}${f}。`);
const unitList = fc.array(fc.constantFrom(...UNIT_NAMES), { minLength: 1, maxLength: 4 }).map((u) => [...new Set(u)]);
const generatedTask = fc.record({
  text: taskText,
  lead: unitList,
  cooperating: fc.option(unitList, { nil: undefined }),
  leader: fc.option(fc.constantFrom(...LEADER_NAMES), { nil: undefined }),
  deadline: fc.option(fc.constantFrom('2024年12月底', '6月底前', '长期坚持', '2024年9月30日'), { nil: undefined }),
  remark: fc.option(fc.constantFrom('与省级项目统筹推进。', '按季度报送进展。'), { nil: undefined }),
});
type GeneratedTask = typeof generatedTask extends fc.Arbitrary<infer T> ? T : never;
const NUMERALS = ['一', '二', '三', '四', '五', '六'];
const heading = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(''));
const generatedDocument = fc
  .record({
    title: fc.constantFrom('2024年《政府工作报告》重点工作任务分解表', '重点工作分工方案'),
    meta: fc.record({ docNumber: fc.constantFrom('辽政发〔2024〕3号', '沈辽中政发〔2024〕1号'), issuer: fc.constantFrom('辽宁省人民政府', '沈阳市辽中区人民政府'), date: fc.constantFrom('2024年2月5日', '2024-01-18') }, { requiredKeys: [] }),
    chapters: fc.array(
      fc.record({
        title: heading,
        tasks: fc.array(generatedTask, { minLength: 1, maxLength: 3 }),
        sections: fc.array(fc.record({ title: heading, tasks: fc.array(generatedTask, { minLength: 1, maxLength: 3 }) }), { maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map(({ title, meta, chapters }) => {
    const lines = [`标题：${title}`];
    if (meta.docNumber) lines.push(`文号：${meta.docNumber}`);
    lines.push('年度：2024');
    if (meta.issuer) lines.push(`发文机关：${meta.issuer}`);
    if (meta.date) lines.push(`发布日期：${meta.date}`);
    lines.push('');
    let n = 0;
    const task = (t: GeneratedTask) => {
      lines.push(`${++n}. ${t.text}`, `   牵头单位：${t.lead.join('、')}`);
      if (t.cooperating) lines.push(`   配合单位：${t.cooperating.join('、')}`);
      if (t.leader) lines.push(`   牵头领导：${t.leader}`);
      if (t.deadline) lines.push(`   完成时限：${t.deadline}`);
      if (t.remark) lines.push(`   备注：${t.remark}`);
    };
    chapters.forEach((c, i) => {
      lines.push(`${NUMERALS[i]}、${c.title}`);
      c.tasks.forEach(task);
      c.sections.forEach((s, j) => {
        lines.push(`（${NUMERALS[j]}）${s.title}。`);
        s.tasks.forEach(task);
      });
    });
    return lines.join('\n') + '\n';
  });

/** What a table keeps of a document: its title, headings and every cell. */
function tableModel(a: Analysis): unknown {
  const d = a.document;
  return {
    // What the Excel and Word exports carry around the table: every header field (documentMetaLine),
    // the notice, the glossary and the 【说明】 notes; white space is the layout's.
    header: [d.title, ...d.header.filter((h) => h.kind !== 'unknown' && h.kind !== 'title' && h.kind !== 'note').map((h) => `${h.kind}:${h.value.trim()}`)],
    notice: (d.note ?? '').replace(/\s+/g, ''),
    glossary: d.glossary.map((g) => [g.term, g.definition]),
    notes: d.notes.map((n) => [n.name, n.text.replace(/\s+/g, '')]),
    chapters: d.chapters.filter((c) => !c.implicit).map((c) => [c.numeral, c.title, c.sections.map((s) => [s.numeral, s.title, s.tasks.length])]),
    tasks: d.tasks.map((t) => ({
      number: t.number,
      text: t.text,
      lead: t.leadUnits.map((u) => u.canonical ?? u.text),
      cooperating: t.cooperatingUnits.map((u) => u.canonical ?? u.text),
      leaders: t.leaders.map((l) => l.canonical ?? l.text),
      deadline: t.deadline?.text,
      remark: t.remark,
    })),
  };
}

export type Exporter = (a: Analysis) => Promise<Buffer>;

/** A user's workspace: the shipped registries only. */
const shipped = newService(REGISTRY_TEXTS.filter((r) => r.name.startsWith('registries')));

function shippedAnalysis(text: string): Analysis {
  const uri = corpusUri('generated/roundtrip.fenjie');
  shipped.workspace.setDocument(uri, text, ++version);
  return { document: shipped.analysis(uri)!.document, diagnostics: shipped.diagnostics(uri) };
}

async function roundTrip(text: string, exporter: Exporter, extension: string): Promise<void> {
  const first = shippedAnalysis(text);
  const bytes = await exporter(first);
  const imported = await importDocument(bytes, { fileName: `roundtrip.${extension}` });
  const second = shippedAnalysis(imported.text);
  assert.deepStrictEqual(tableModel(second), tableModel(first), `${extension} round trip changed the document:\n${imported.text}`);
}

const EXPORTERS: [string, Exporter][] = [
  ['xlsx', renderXlsx],
  ['docx', renderDocx],
];

describe('property 3: lossless edits', function () {
  this.timeout(120_000);

  it('formatting changes only white space and colons, keeps the model, and is idempotent', () => {
    fc.assert(formattingIsLossless(realFormat), ci(40));
  });

  it('a quick fix changes only what its edits cover, and resolves its problem', () => {
    fc.assert(fixesChangeOnlyTheirRange((fix) => fix), ci(60));
  });

  it('a rename edits exactly the spellings of the renamed name', () => {
    fc.assert(renameTouchesOnlyTheName(realRename), ci(40));
  });

  it('a completion replaces exactly the name being typed, whatever precedes it', () => {
    fc.assert(completionReplacesTheTypedName(realComplete), ci(60));
  });

  for (const [extension, exporter] of EXPORTERS) {
    it(`import → export (${extension}) → import keeps the model`, async () => {
      await fc.assert(fc.asyncProperty(generatedDocument, (text) => roundTrip(text, exporter, extension)), ci(15));
    });
    it(`every sample survives a round trip through ${extension}`, async () => {
      for (const file of DOCUMENTS.filter((d) => d.name.startsWith('samples'))) await roundTrip(file.text, exporter, extension);
    });
  }

  describe('the property catches a broken build', () => {
    it('a formatter that drops the last unit of a list', () => {
      const broken: FormatFn = (uri, text) => realFormat(uri, text).replace(/^(\s*(?:牵头单位|配合单位|责任单位)[：:].*)、[^、\n]+$/m, '$1');
      assert.ok(fc.check(formattingIsLossless(broken), mutant(40)).failed);
    });

    it('a formatter that folds full-width digits', () => {
      const broken: FormatFn = (uri, text) => realFormat(uri, text).replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
      const withWideDigits = fc.check(
        fc.property(fc.constantFrom(...DOCUMENTS), (file) => {
          const text = file.text.replace(/(\d)(?=[%万亿个])/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
          const lost = inkChanges(text, broken(corpusUri(file.name), text));
          assert.strictEqual(lost, undefined);
        }),
        mutant(20),
      );
      assert.ok(withWideDigits.failed);
    });

    it('a formatter that indents one space more each time', () => {
      const broken: FormatFn = (uri, text) => realFormat(uri, text).replace(/^( +)(?=\S)/gm, '$1 ');
      assert.ok(fc.check(formattingIsLossless(broken), mutant(40)).failed);
    });

    it('a fix whose edit reaches one character past its range', () => {
      const wider: FixFn = (fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, range: { start: e.range.start, end: { line: e.range.end.line, character: e.range.end.character + 1 } } })) });
      assert.ok(fc.check(fixesChangeOnlyTheirRange(wider), mutant(60)).failed);
    });

    it('a fix that changes nothing', () => {
      const noop: FixFn = (fix) => ({ ...fix, edits: [] });
      assert.ok(fc.check(fixesChangeOnlyTheirRange(noop), mutant(60)).failed);
    });

    it('a rename that also renames names it should not', () => {
      const greedy: RenameFn = (uri, position, name) => {
        const edits = realRename(uri, position, name);
        const ctx = service.workspace.context(uri);
        const task = ctx?.analysis.document.tasks.find((t) => t.leadUnits.length > 0);
        if (edits && task) edits.set(uri, [...(edits.get(uri) ?? []), { range: task.leadUnits[task.leadUnits.length - 1].range, newText: name }]);
        return edits;
      };
      assert.ok(fc.check(renameTouchesOnlyTheName(greedy), mutant(40)).failed);
    });

    it('a completion whose range takes the separator too', () => {
      const wide: CompleteFn = (uri, position) =>
        realComplete(uri, position).map((a) => ({ ...a, edit: { ...a.edit, range: { ...a.edit.range, start: { ...a.edit.range.start, character: a.edit.range.start.character - 1 } } } }));
      assert.ok(fc.check(completionReplacesTheTypedName(wide), mutant(60)).failed);
    });

    it('an exporter that drops the cooperating units', async () => {
      const lossy: Exporter = (a) => renderXlsx({ ...a, document: { ...a.document, tasks: a.document.tasks.map((t) => ({ ...t, cooperatingUnits: [], fields: t.fields.filter((f) => f.kind !== 'cooperatingUnit') })) } });
      const result = await fc.check(fc.asyncProperty(generatedDocument, (text) => roundTrip(text, lossy, 'xlsx')), mutant(15));
      assert.ok(result.failed);
    });
  });
});
