/**
 * What the property tests and the fuzz campaign share: the corpus (samples, fixtures, shipped
 * registries), generators of hostile and mutated documents, applying edits as an editor would,
 * and a size-doubling timer that tells linear from super-linear without a wall-clock limit.
 */
import * as fc from 'fast-check';
import { readdirSync, readFileSync, existsSync } from 'fs';
import * as path from 'path';
import { LineIndex, type Position, type Range } from '../../grammar/src/text';
import { loadRegistry, type Registry } from '../../core/src/registry';
import type { TextEdit } from '../../core/src/model';

/** The repository root, from out/tests/properties or tests/properties alike. */
export const ROOT = (() => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'grammar'))) return dir;
  }
  return process.cwd();
})();

/** One seed for every property, so CI runs are reproducible; FENJIE_SEED replays another. */
export const SEED = Number(process.env.FENJIE_SEED ?? 20240118);

/**
 * `FENJIE_PROPERTIES=full` runs ten times the cases, every timing family and larger sizes; `npm
 * test` runs the short form, which stays under a minute.
 */
export const FULL = process.env.FENJIE_PROPERTIES === 'full';

/** fast-check parameters for a CI run: fixed seed, a run count scaled in the full form and by FENJIE_RUNS_SCALE. */
export function ci(numRuns: number): fc.Parameters<unknown> {
  const scale = Number(process.env.FENJIE_RUNS_SCALE ?? 1) * (FULL ? 10 : 1);
  return { seed: SEED, numRuns: Math.max(1, Math.round(numRuns * scale)) };
}

/** Parameters for running a property against a deliberately broken build: stop at the first failure, no shrinking. */
export function mutant(numRuns: number): fc.Parameters<unknown> {
  return { ...ci(numRuns), endOnFailure: true };
}

function filesUnder(dir: string, accept: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full, accept));
    else if (accept(entry.name)) out.push(full);
  }
  return out.sort();
}

const isRegistryName = (name: string) => name.endsWith('.units.fenjie');

export interface CorpusFile {
  name: string;
  text: string;
}

/** Every breakdown document we have: the samples and the test fixtures. */
export const DOCUMENTS: readonly CorpusFile[] = [
  ...filesUnder(path.join(ROOT, 'samples'), (n) => n.endsWith('.fenjie') && !isRegistryName(n)),
  ...filesUnder(path.join(ROOT, 'tests', 'fixtures'), (n) => n.endsWith('.fenjie') && !isRegistryName(n)),
].map((file) => ({ name: path.relative(ROOT, file), text: readFileSync(file, 'utf8') }));

/** The registry texts: shipped, sample and fixture registries. */
export const REGISTRY_TEXTS: readonly CorpusFile[] = [
  ...filesUnder(path.join(ROOT, 'registries'), isRegistryName),
  ...filesUnder(path.join(ROOT, 'samples'), isRegistryName),
  ...filesUnder(path.join(ROOT, 'tests', 'fixtures'), isRegistryName),
].map((file) => ({ name: path.relative(ROOT, file), text: readFileSync(file, 'utf8') }));

export const SHIPPED_REGISTRIES: readonly Registry[] = filesUnder(path.join(ROOT, 'registries'), isRegistryName).map((file) =>
  loadRegistry(readFileSync(file, 'utf8'), `builtin:${path.basename(file)}`),
);

/** Names a generated document uses: the registry's, so generated lists resolve. */
export const UNIT_NAMES: readonly string[] = [...new Set(SHIPPED_REGISTRIES.flatMap((r) => r.units.map((u) => u.name)))];
export const LEADER_NAMES: readonly string[] = [...new Set(SHIPPED_REGISTRIES.flatMap((r) => r.leaders.map((l) => l.name)))];

// ---------------------------------------------------------------------------------------------
// Generators

/** Characters that mean something to the grammar, the target extractor or an editor. */
const SHARP = [
  '1', '2', '9', '０', '５', '.', '．', '、', '，', ',', '；', ';', '：', ':', '%', '％', '。',
  '一', '二', '十', '百', '（', '）', '(', ')', '【', '】', '〔', '〕', '“', '”', '"', '#', '＃', '=', '＝',
  '等', '各', '市', '省', '区', '局', '万', '亿', '个', '增长', '达到', '以上', '左右', '不少于', '控制在', '百分点',
  '牵头单位', '配合单位', '责任单位', '牵头领导', '完成时限', '备注', '标题', '年度', '单位库', '辖区', '名词解释', '说明',
  ' ', '   ', '\t', '\u3000', '\u00a0', '\n', '\r\n', '\r', '\u2028', '\ufeff', '\u0000', '\u0007', '\u001b', '\u007f',
  '\u202e', '\u2066', '\u200b', '\ud800', '\udfff', '\ud83d\ude00', '<', '>', '&', "'", '\\',
];

/** One UTF-16 code unit, anything at all: lone surrogates and control characters included. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

const sharpChar = fc.constantFrom(...SHARP);

/** Short text of mostly meaningful characters, some random ones. */
export const sharpText = (maxLength = 30) =>
  fc.array(fc.oneof({ arbitrary: sharpChar, weight: 4 }, { arbitrary: anyCodeUnit, weight: 1 }, { arbitrary: fc.constantFrom(...UNIT_NAMES), weight: 1 }), { maxLength }).map((parts) => parts.join(''));

const eol = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');
const indent = fc.constantFrom('', '   ', '    ', ' ', '\t', '\u3000', '  ');

/** A line shaped like one of the language's line kinds, with hostile content. */
const fenjieLine: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom('标题', '文号', '年度', '单位库', '辖区', '说明', '发文机关', '发布日期'), fc.constantFrom('：', ':'), sharpText()).map(([a, b, c]) => a + b + c),
  fc.tuple(fc.constantFrom('一', '二', '十二', '百', '〇'), fc.constantFrom('、', '.'), sharpText()).map(([a, b, c]) => a + b + c),
  fc.tuple(fc.constantFrom('（', '('), fc.constantFrom('一', '三', '十'), fc.constantFrom('）', ')'), sharpText()).map((p) => p.join('')),
  fc.tuple(fc.nat(300).map(String), fc.constantFrom('.', '．', '、', ' '), sharpText()).map((p) => p.join('')),
  fc
    .tuple(indent, fc.constantFrom('牵头单位', '配合单位', '责任单位', '协办单位', '牵头领导', '责任领导', '分管领导', '完成时限', '备注', '牵头单未'), fc.constantFrom('：', ':', ' ：'), fc.array(fc.oneof(fc.constantFrom(...UNIT_NAMES, ...LEADER_NAMES), sharpText(8)), { maxLength: 6 }), fc.constantFrom('、', '，', ',', '；'))
    .map(([i, name, colon, items, sep]) => i + name + colon + items.join(sep)),
  fc.tuple(indent, sharpText()).map(([i, t]) => i + t),
  fc.constantFrom('【名词解释】', '【注释】', '【说明】', '# 注释', ''),
  sharpText(),
);

/** A document assembled from language-shaped lines joined by mixed line ends. */
export const fenjieText: fc.Arbitrary<string> = fc
  .array(fc.tuple(fenjieLine, eol), { maxLength: 40 })
  .map((lines) => lines.map(([l, e]) => l + e).join(''));

/** Any string at all: full Unicode, lone surrogates, controls. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: anyCodeUnit, maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('\n', '\r', '\r\n', ' ', '\t', '\ufeff', '1', '.', '、'), maxLength: 200 }),
);

export type Mutation =
  | { kind: 'deleteLine' | 'duplicateLine' | 'swapLines'; at: number; other: number }
  | { kind: 'deleteChar' | 'duplicateChar' | 'swapChars'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'lineEnds'; eol: string }
  | { kind: 'bom'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('deleteLine' as const, 'duplicateLine' as const, 'swapLines' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constantFrom('deleteChar' as const, 'duplicateChar' as const, 'swapChars' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(sharpText(6), fenjieLine.map((l) => '\n' + l + '\n')) }),
  fc.record({ kind: fc.constant('lineEnds' as const), eol: fc.constantFrom('\r\n', '\r', '\n') }),
  fc.record({ kind: fc.constant('bom' as const), at: fc.nat() }),
);

/** Applies one mutation; positions wrap around the text so every draw means something. */
export function mutate(text: string, m: Mutation): string {
  switch (m.kind) {
    case 'deleteLine':
    case 'duplicateLine':
    case 'swapLines': {
      const lines = text.split('\n');
      const a = m.at % lines.length;
      const b = m.other % lines.length;
      if (m.kind === 'deleteLine') lines.splice(a, 1);
      else if (m.kind === 'duplicateLine') lines.splice(b, 0, lines[a]);
      else [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 'deleteChar':
    case 'duplicateChar':
    case 'swapChars': {
      if (text.length < 2) return text;
      const i = m.at % (text.length - 1);
      if (m.kind === 'deleteChar') return text.slice(0, i) + text.slice(i + 1);
      if (m.kind === 'duplicateChar') return text.slice(0, i + 1) + text.slice(i);
      return text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2);
    }
    case 'insert': {
      const i = m.at % (text.length + 1);
      return text.slice(0, i) + m.text + text.slice(i);
    }
    case 'lineEnds':
      return text.replace(/\r\n|\r|\n/g, m.eol);
    case 'bom': {
      const i = m.at % (text.length + 1);
      return text.slice(0, i) + '\ufeff' + text.slice(i);
    }
  }
}

export interface MutatedDocument {
  source: string;
  mutations: Mutation[];
  text: string;
}

/** A corpus document after a few deletions, duplications, swaps and insertions. */
export const mutatedDocument = (corpus: readonly CorpusFile[] = DOCUMENTS, maxMutations = 8): fc.Arbitrary<MutatedDocument> =>
  fc.tuple(fc.constantFrom(...corpus), fc.array(mutation, { minLength: 1, maxLength: maxMutations })).map(([file, mutations]) => ({
    source: file.name,
    mutations,
    text: mutations.reduce(mutate, file.text),
  }));

/** Everything the cheap property feeds the core: random strings, language-shaped text, mutated samples. */
export const hostileDocument: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: anyText, weight: 2 },
  { arbitrary: fenjieText, weight: 3 },
  { arbitrary: mutatedDocument().map((m) => m.text), weight: 3 },
);

// ---------------------------------------------------------------------------------------------
// Text edits

/** A position that exists in the text: on a line, at most at its end. */
export function isValidPosition(lines: LineIndex, p: Position): boolean {
  return Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0 && p.line < lines.lineCount && p.character <= lines.lineText(p.line).length;
}

export function isValidRange(lines: LineIndex, r: Range): boolean {
  return isValidPosition(lines, r.start) && isValidPosition(lines, r.end) && lines.offsetAt(r.start) <= lines.offsetAt(r.end);
}

/** The edits as offset spans, in order; throws when one is outside the text or two overlap (an editor refuses those). */
export function editSpans(lines: LineIndex, edits: readonly TextEdit[]): { start: number; end: number; text: string }[] {
  const spans = edits
    .map((e) => {
      if (!isValidRange(lines, e.range)) throw new Error(`edit range out of the document: ${JSON.stringify(e.range)}`);
      return { start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].start < spans[i - 1].end) throw new Error(`overlapping edits at offsets ${spans[i - 1].start}–${spans[i - 1].end} and ${spans[i].start}–${spans[i].end}`);
  }
  return spans;
}

/** Applies edits as an editor does: all against the original text, refused when they overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const spans = editSpans(new LineIndex(text), edits);
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + text.slice(at);
}

// ---------------------------------------------------------------------------------------------
// Timing

/**
 * CPU time of this process in milliseconds. Other processes on a busy machine (a CI runner, two
 * cores shared by several builds) stretch wall-clock time but not this, so ratios stay meaningful.
 */
function now(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Median CPU time of `runs` calls, in milliseconds. */
export function medianTime(run: () => unknown, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    run();
    times.push(now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export interface Growth {
  /** The doubling with the steepest growth: median CPU milliseconds at `size` and at twice `size`. */
  small: number;
  large: number;
  ratio: number;
  size: number;
  /** The largest size measured and its time, to extrapolate from. */
  largestSize: number;
  largestMs: number;
}

export function describeGrowth(g: Growth): string {
  return `${g.small.toFixed(1)} ms at ${g.size}, ${g.large.toFixed(1)} ms at ${g.size * 2} (×${g.ratio.toFixed(2)})`;
}

export interface GrowthOptions {
  /** The largest size to measure. */
  to: number;
  /** Runs per measure (the median counts). */
  runs?: number;
  /** The ratio per doubling that counts as super-linear. */
  limit?: number;
  /** Below this many milliseconds a measure is too small to say anything; sizes keep doubling. */
  floorMs?: number;
  /** Stop doubling once one run takes this long. */
  budgetMs?: number;
}

/**
 * How the time of `run` grows as its input doubles, from `from` up to `options.to`: the steepest
 * ratio time(2n)/time(n) over the doublings. Linear work gives about 2, quadratic 4. A quadratic
 * term small at first shows only at larger sizes, which is why every doubling up to the budget
 * is measured. `make` must give a different text for each `variant` (the number goes into the
 * long lines), so no run is answered from a cache. A ratio over the limit (but under twice the
 * limit) is measured again, twice, and judged on the medians of all runs: a busy machine inflates
 * single measures either way.
 */
export function growth(make: (size: number, variant: number) => string, run: (input: string) => unknown, from: number, options: GrowthOptions): Growth {
  const runs = options.runs ?? 5;
  const limit = options.limit ?? 3;
  const floorMs = options.floorMs ?? 10;
  const budgetMs = options.budgetMs ?? 1500;
  let variant = 0;
  /** CPU times of runs at one size, each on a fresh input: the parser caches line shapes by text, and a cache hit is not the work being measured. */
  const sample = (size: number): number[] => {
    const first = make(size, ++variant);
    const firstMs = medianTime(() => run(first), 1);
    // Slow runs vary little relative to their length; they are not worth repeating five times.
    const count = firstMs > budgetMs / 3 ? 0 : firstMs > budgetMs / 15 ? 2 : runs - 1;
    const times = [firstMs];
    for (let i = 0; i < count; i++) {
      const input = make(size, ++variant);
      times.push(medianTime(() => run(input), 1));
    }
    return times;
  };
  const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
  run(make(from, 0)); // warm-up: compile the code paths once
  let n = from;
  let smallTimes = sample(n);
  let previous = median(smallTimes);
  let worst: Growth = { small: previous, large: previous, ratio: 0, size: n, largestSize: n, largestMs: previous };
  while (n * 2 <= options.to && previous < budgetMs) {
    const largeTimes = sample(n * 2);
    let next = median(largeTimes);
    if (previous >= floorMs) {
      let ratio = next / previous;
      // Over the limit but not far: measure both sizes again and judge on the medians of all runs.
      for (let retry = 0; retry < 2 && ratio >= limit && ratio < 2 * limit; retry++) {
        smallTimes.push(...sample(n));
        largeTimes.push(...sample(n * 2));
        previous = median(smallTimes);
        next = median(largeTimes);
        ratio = next / previous;
      }
      if (ratio > worst.ratio) worst = { ...worst, small: previous, large: next, ratio, size: n };
      if (ratio >= limit) return { ...worst, largestSize: n * 2, largestMs: next };
    }
    n *= 2;
    smallTimes = largeTimes;
    previous = next;
    worst = { ...worst, largestSize: n, largestMs: next };
  }
  return worst;
}
