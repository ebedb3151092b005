/**
 * Analysis reuse = a fresh analysis. From one version of a document to the next, the core keeps
 * what it computed per task — the syntax, the model, the per-task checks' diagnostics — and the
 * inputs of the document-wide checks (FJ404 groups, FJ501 words, glossary keys), so an edit of
 * one task re-checks that task only. Random edits over the samples, analysed one after another
 * as an editor drives the core (with the registry set, the tokenizer and the year changing now
 * and then), must give exactly the analysis — model and diagnostics, in order — that a core which
 * has never seen any version gives for the same text.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import * as path from 'path';
import { analyze, type AnalyzeOptions } from '../core/src/analyze';
import type { Analysis } from '../core/src/model';
import { loadRegistry, RegistryIndex, type Registry } from '../core/src/registry';
import { occursIn } from '../core/src/checks/glossary';
import { bigramTokenizer, type Tokenizer } from '../core/src/tokenizer';
import { generateDocument } from '../bench/generate';
import { ci, DOCUMENTS, mutant, REGISTRY_TEXTS, sharpText } from './properties/support';

interface Core {
  analyze: typeof analyze;
  loadRegistry: typeof loadRegistry;
  RegistryIndex: typeof RegistryIndex;
}

const OUT = path.resolve(__dirname, '..');
const OWN_MODULES = [path.join(OUT, 'core') + path.sep, path.join(OUT, 'grammar') + path.sep];

/**
 * A core loaded anew: its own instances of the core and grammar modules, so none of its caches
 * has seen any text. The module cache is left as it was for everything else.
 */
function freshCore(): Core {
  const ours = (key: string) => OWN_MODULES.some((dir) => key.startsWith(dir));
  const saved = Object.entries(require.cache).filter(([key]) => ours(key));
  for (const [key] of saved) delete require.cache[key];
  try {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const registry = require(path.join(OUT, 'core', 'src', 'registry.js')) as { loadRegistry: typeof loadRegistry; RegistryIndex: typeof RegistryIndex };
    return {
      analyze: (require(path.join(OUT, 'core', 'src', 'analyze.js')) as { analyze: typeof analyze }).analyze,
      loadRegistry: registry.loadRegistry,
      RegistryIndex: registry.RegistryIndex,
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
  } finally {
    for (const key of Object.keys(require.cache)) if (ours(key)) delete require.cache[key];
    for (const [key, module] of saved) require.cache[key] = module;
  }
}

/**
 * A second tokenizer, so a switch (nodejieba arriving in the server) must invalidate what depends
 * on words: every text is one and the same word, so every name overlaps every other (did-you-mean
 * ranks differently) and no word is rare (no near-duplicates).
 */
const oneWordTokenizer: Tokenizer = { name: 'test-one-word', words: (text) => (text ? ['词'] : []) };

const SAMPLES = DOCUMENTS.filter((d) => d.name.startsWith(`samples${path.sep}`) || d.name.startsWith('samples/'));
const registryText = (name: string) => REGISTRY_TEXTS.find((r) => path.basename(r.name) === name)!.text;
const SHIPPED = ['liaoning.units.fenjie', 'liaozhong.units.fenjie', 'tiexi.units.fenjie'];
/**
 * And the benchmark's generated document of 1,000 tasks: many indicators given targets in several
 * tasks (FJ404 groups), a glossary, and one planted fault of each kind.
 */
const GENERATED = (() => {
  const doc = generateDocument(1000, loadRegistry(registryText('liaoning.units.fenjie'), 'builtin:liaoning.units.fenjie'));
  return { name: `generated/${doc.name}.fenjie`, text: doc.text };
})();

/** Two registry sets per document: what the host passes, and another (a registry added). */
function registrySets(core: Core, document: string): { registries: Registry[]; explicit: boolean }[] {
  const load = (name: string) => core.loadRegistry(registryText(name), `builtin:${name}`);
  if (document.endsWith('tutorial.fenjie')) {
    const own = core.loadRegistry(registryText('tutorial.units.fenjie'), 'file:///samples/tutorial.units.fenjie');
    return [
      { registries: [own], explicit: true },
      { registries: [own, load('liaoning.units.fenjie')], explicit: true },
    ];
  }
  const shipped = SHIPPED.map(load);
  return [
    { registries: shipped, explicit: false },
    { registries: shipped, explicit: true },
  ];
}

interface Edit {
  at: number;
  length: number;
  text: string;
}

type Step = { kind: 'edit'; edit: Edit } | { kind: 'copy'; from: number; to: number } | { kind: 'retarget'; task: number; digit: string } | { kind: 'heading'; task: number; heading: string } | { kind: 'year' } | { kind: 'registries' } | { kind: 'tokenizer' };

const insertion = fc.oneof(
  { arbitrary: sharpText(8), weight: 2 },
  {
    arbitrary: fc.constantFrom(
      '推', '的', '5', '\n', '', '、省发展改革委', '、虎扑体育海关', '、省发展该革委', '，省商务厅', '\n1. 新任务。', '\n12. 新增就业不少于500人。',
      '\n   牵头单位：省商务局', '\n   牵头领导：王健', '\n   完成时限：2023年6月底', '\n二、新章', '\n（一）新节', '增长5..5%', '覆盖率达到120%', '增长5%左右以上', '“三保”', '“四上”企业',
      // Indicators the samples give targets for: another value makes a conflict (FJ404), the same value joins the group.
      '，地区生产总值增长6%', '，地区生产总值增长5.5%左右', '，一般公共预算收入增长5%', '，城镇新增就业4.5万人',
    ),
    weight: 5,
  },
);

const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ at: fc.nat(), length: fc.nat(12), text: insertion }).map((edit) => ({ kind: 'edit' as const, edit })), weight: 12 },
  { arbitrary: fc.record({ from: fc.nat(), to: fc.nat() }).map(({ from, to }) => ({ kind: 'copy' as const, from, to })), weight: 2 },
  { arbitrary: fc.record({ task: fc.nat(), digit: fc.constantFrom('0', '1', '5', '9') }).map(({ task, digit }) => ({ kind: 'retarget' as const, task, digit })), weight: 3 },
  { arbitrary: fc.record({ task: fc.nat(), heading: fc.constantFrom('二、', '（一）', '（二）') }).map(({ task, heading }) => ({ kind: 'heading' as const, task, heading })), weight: 2 },
  { arbitrary: fc.constant({ kind: 'year' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'registries' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'tokenizer' as const }), weight: 1 },
);

const session = fc.record({
  document: fc.oneof({ arbitrary: fc.constantFrom(...SAMPLES), weight: 2 }, { arbitrary: fc.constant(GENERATED), weight: 1 }),
  steps: fc.array(step, { minLength: 1, maxLength: 10 }),
  /** Which intermediate version is compared too (the last always is). */
  checkAt: fc.nat(),
});

function apply(text: string, { at, length, text: inserted }: Edit): string {
  const start = at % (text.length + 1);
  return text.slice(0, start) + inserted + text.slice(Math.min(text.length, start + length));
}

/** A task line copied after another line: a near-duplicate (FJ501) and repeated targets. */
function copyTask(text: string, from: number, to: number): string {
  const lines = text.split('\n');
  const tasks = lines.filter((l) => /^\d+[.．、]/.test(l));
  if (tasks.length === 0) return text;
  const at = to % lines.length;
  return [...lines.slice(0, at + 1), tasks[from % tasks.length], ...lines.slice(at + 1)].join('\n');
}

/** A digit typed into the first number of a task's text: a target changes its value (FJ404 groups change). */
function retarget(text: string, task: number, digit: string): string {
  const lines = text.split('\n');
  const figures: { line: number; at: number }[] = [];
  lines.forEach((l, line) => {
    const head = /^\d+[.．、]/.exec(l);
    const k = head ? l.slice(head[0].length).search(/\d/) : -1;
    if (head && k >= 0) figures.push({ line, at: head[0].length + k + 1 });
  });
  if (figures.length === 0) return text;
  const { line, at } = figures[task % figures.length];
  lines[line] = lines[line].slice(0, at) + digit + lines[line].slice(at);
  return lines.join('\n');
}

/**
 * A task line turned into a chapter or section heading (`12.` → `二、`, as a drafter retypes a
 * line): the lines of every later task stay where they were, so they keep their syntax but move to
 * another chapter or section index.
 */
function addHeading(text: string, task: number, heading: string): string {
  const lines = text.split('\n');
  const tasks = lines.flatMap((l, i) => (/^\d+[.．、]/.test(l) ? [i] : []));
  if (tasks.length === 0) return text;
  const at = tasks[task % tasks.length];
  lines[at] = lines[at].replace(/^\d+[.．、]/, heading);
  return lines.join('\n');
}

/** `年度：2024` ↔ `年度：2023`: every task's FJ702 depends on it. */
function switchYear(text: string): string {
  return text.includes('年度：2024') ? text.replace('年度：2024', '年度：2023') : text.replace('年度：2023', '年度：2024');
}

interface Version {
  text: string;
  set: number;
  tokenizer: Tokenizer;
}

function options(core: Core, document: string, version: Version, sets: ReturnType<typeof registrySets>, index?: RegistryIndex): AnalyzeOptions {
  const { registries, explicit } = sets[version.set];
  const o: AnalyzeOptions = { uri: 'file:///samples/document.fenjie', registries, explicitRegistries: explicit, tokenizer: version.tokenizer };
  if (index) o.index = index;
  return o;
}

const serialized = (analysis: Analysis) => JSON.stringify(analysis);

/** The analysis a core that has never seen the document gives. */
function freshAnalysis(document: string, version: Version): string {
  const core = freshCore();
  return serialized(core.analyze(version.text, options(core, document, version, registrySets(core, document))));
}

/**
 * The editing session analysed by the long-lived core, every version compared with a fresh core's
 * at `checkAt` and at the end. `lose` analyses the version before the last step instead (a broken
 * build: what a cache that missed a change would give).
 */
const reuseMatchesFresh = (lose = false) =>
  fc.property(session, ({ document, steps, checkAt }) => {
    // A core of its own, as a server's: the tasks it builds are held by its trees alone, and are moved in place.
    const core = freshCore();
    const sets = registrySets(core, document.name);
    // The host's index for a registry set, shared by every analysis (as the service keeps one).
    const indexes = sets.map((s) => new core.RegistryIndex(s.registries));
    let version: Version = { text: document.text, set: 0, tokenizer: bigramTokenizer };
    // Each version parsed from the one before, as the service does.
    let last = core.analyze(version.text, options(core, document.name, version, sets, indexes[0]));
    const compareAt = checkAt % steps.length;
    let previous = version;
    steps.forEach((s, i) => {
      previous = version;
      if (s.kind === 'edit') version = { ...version, text: apply(version.text, s.edit) };
      else if (s.kind === 'retarget') version = { ...version, text: retarget(version.text, s.task, s.digit) };
      else if (s.kind === 'heading') version = { ...version, text: addHeading(version.text, s.task, s.heading) };
      else if (s.kind === 'copy') version = { ...version, text: copyTask(version.text, s.from, s.to) };
      else if (s.kind === 'year') version = { ...version, text: switchYear(version.text) };
      else if (s.kind === 'registries') version = { ...version, set: 1 - version.set };
      else version = { ...version, tokenizer: version.tokenizer === bigramTokenizer ? oneWordTokenizer : bigramTokenizer };
      const analysed = lose && i === steps.length - 1 ? previous : version;
      const incremental = core.analyze(analysed.text, { ...options(core, document.name, analysed, sets, sets[analysed.set].explicit ? indexes[analysed.set] : undefined), previous: last.document });
      last = incremental;
      if (i === compareAt || i === steps.length - 1) {
        assert.strictEqual(serialized(incremental), freshAnalysis(document.name, version), `after step ${i + 1} of ${steps.length} (${s.kind}) on ${document.name}`);
      }
    });
  });

describe('analysis reuse: an edit gives exactly the analysis of a fresh core', function () {
  this.timeout(300_000);

  it('random edits over the samples (and registry, tokenizer and year changes) analyse as a fresh core does', () => {
    fc.assert(reuseMatchesFresh(), ci(30));
  });

  it('the property catches an analysis that misses the last change (a broken build)', () => {
    const result = fc.check(reuseMatchesFresh(true), mutant(20));
    assert.ok(result.failed, 'the property did not notice a version analysed stale');
  });

  it('a line added above moves the models and diagnostics of the tasks in place, as a fresh analysis places them (kept numbering checks too)', () => {
    const sample = SAMPLES.find((d) => d.name.endsWith('002-liaoning-2024.fenjie'))!;
    const core = freshCore();
    // The last task numbered as the one before (FJ302, a renumbering whose edits hold lines of their own)…
    const version: Version = { text: sample.text.replace('\n228. ', '\n227. '), set: 0, tokenizer: bigramTokenizer };
    const sets = registrySets(core, sample.name);
    const before = core.analyze(version.text, options(core, sample.name, version, sets));
    assert.ok(before.diagnostics.some((d) => d.code === 'FJ302'), 'the document has a number used twice');
    // …and a line added inside the task before it: no heading moves, the last task does.
    const at = version.text.indexOf('\n', version.text.indexOf('\n227. ') + 1);
    const moved = { ...version, text: `${version.text.slice(0, at)}\n${version.text.slice(at)}` };
    const last = before.document.tasks[before.document.tasks.length - 1];
    const line = last.range.start.line;
    const after = core.analyze(moved.text, { ...options(core, sample.name, moved, sets), previous: before.document });
    assert.strictEqual(serialized(after), freshAnalysis(sample.name, moved));
    assert.strictEqual(after.document.tasks[after.document.tasks.length - 1], last, 'the last task was moved in place');
    assert.strictEqual(last.range.start.line, line + 1);
  });

  it('an edit of one task checks that task again and reuses the others: their models and diagnostics are the same objects', () => {
    const sample = SAMPLES.find((d) => d.name.endsWith('002-liaoning-2024.fenjie'))!;
    const registries = SHIPPED.map((name) => loadRegistry(registryText(name), `builtin:${name}`));
    const index = new RegistryIndex(registries);
    const run = (text: string) => analyze(text, { uri: 'file:///samples/document.fenjie', registries, index, explicitRegistries: false });
    const before = run(sample.text);
    // 虎扑体育海关 (FJ101) is in task 9's cooperating units: a character typed into task 9's text.
    const task = before.document.tasks.find((t) => before.diagnostics.some((d) => d.code === 'FJ101' && d.range.start.line > t.range.start.line && d.range.end.line <= t.range.end.line))!;
    const lines = sample.text.split('\n');
    const offset = lines.slice(0, task.textRange.start.line).reduce((n, l) => n + l.length + 1, 0) + task.textRange.start.character + 1;
    const after = run(sample.text.slice(0, offset) + '推' + sample.text.slice(offset));
    assert.strictEqual(after.document.tasks.length, before.document.tasks.length);
    const reused = after.document.tasks.filter((t, i) => t === before.document.tasks[i]);
    assert.strictEqual(reused.length, before.document.tasks.length - 1, 'every task but the edited one keeps its model');
    const edited = after.document.tasks.findIndex((t, i) => t !== before.document.tasks[i]);
    assert.strictEqual(after.document.tasks[edited].number, task.number);
    const inTask = (d: { range: { start: { line: number } } }, t: typeof task) => d.range.start.line >= t.range.start.line && d.range.start.line <= t.range.end.line;
    const old = new Set(before.diagnostics);
    for (const d of after.diagnostics) {
      const owner = after.document.tasks.find((t) => inTask(d, t));
      // FJ404 and FJ501 are judged across tasks; the others on a reused task are the very same objects.
      if (owner && owner !== after.document.tasks[edited] && !['FJ404', 'FJ501'].includes(d.code)) assert.ok(old.has(d), `${d.code} at line ${d.range.start.line + 1} was computed again`);
    }
    assert.strictEqual(serialized(after), freshAnalysis(sample.name, { text: sample.text.slice(0, offset) + '推' + sample.text.slice(offset), set: 0, tokenizer: bigramTokenizer }));
  });

  it('the glossary finds a term in the task texts kept apart exactly as in their join (FJ601)', () => {
    const piece = fc.array(fc.constantFrom('三', '保', '四', '上'), { maxLength: 5 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), piece, (pieces, key) => {
        fc.pre(key.length > 0);
        assert.strictEqual(occursIn(pieces, key), pieces.join('').includes(key));
      }),
      ci(3000),
    );
  });

  it('FJ601 after edits of task texts: a term is unused exactly when the joined texts do not hold it', () => {
    // Texts over four characters, so terms appear inside one task, across two, or not at all.
    const text = fc.array(fc.constantFrom('三', '保', '四', '上', ' '), { maxLength: 4 }).map((cs) => `做${cs.join('')}`);
    const terms = ['“三保”', '“四上”', '“保四”', '“上三保”', '“做做”', '“做做做”', '“保做上做”', '“做三做四做”'];
    const glossary = ['【名词解释】', ...terms.map((t) => `${t}：解释。`)].join('\n');
    const render = (texts: readonly string[]) => `标题：测试\n年度：2024\n\n一、章\n${texts.map((t, i) => `${i + 1}. ${t}\n   牵头单位：省发展改革委`).join('\n')}\n\n${glossary}\n`;
    const registries = [loadRegistry(registryText('liaoning.units.fenjie'), 'builtin:liaoning.units.fenjie')];
    const index = new RegistryIndex(registries);
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 12 }), fc.array(fc.tuple(fc.nat(), text), { minLength: 1, maxLength: 8 }), (start, edits) => {
        const texts = [...start];
        analyze(render(texts), { uri: 'file:///glossary.fenjie', registries, index, explicitRegistries: true });
        for (const [at, replacement] of edits) {
          texts[at % texts.length] = replacement;
          const analysis = analyze(render(texts), { uri: 'file:///glossary.fenjie', registries, index, explicitRegistries: true });
          const corpus = texts.join('').replace(/\s/g, '') + '章';
          const unused = terms.filter((t) => !corpus.includes(t.slice(1, -1)));
          const reported = analysis.diagnostics.filter((d) => d.code === 'FJ601').map((d) => terms.find((t) => d.message.zh.includes(t)));
          assert.deepStrictEqual(reported, unused, `texts ${JSON.stringify(texts)}`);
        }
      }),
      ci(300),
    );
  });
});
