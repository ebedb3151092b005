/**
 * Property 4 — no ReDoS. The lint (`npm run lint:regex`) checks every regular expression
 * statically; this checks them at work. Pathological lines (long runs of digits, dots, `、`,
 * brackets, colons, quotes, white space, target words) are put in every place a line can stand
 * (header, chapter, section, task, field, continuation, glossary, notes block, registry entry) and
 * go through the parser, the analysis with its target extractor, the registry loader, the
 * formatter, completion and semantic tokens, and through the TextMate grammars as VS Code runs
 * them. Each family's time must grow linearly as its lines double.
 */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { INITIAL, parseRawGrammar, Registry as TextMateRegistry, type IGrammar } from 'vscode-textmate';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';
import { parseDocument } from '../../grammar/src/index';
import { loadRegistry } from '../../core/src/registry';
import { DOCUMENT_URI, newService } from './harness';
import { describeGrowth, FULL, growth, ROOT } from './support';

/** Repeated units that stress a pattern: what PDF debris and careless pasting produce. */
export const FAMILIES: Record<string, string> = {
  digits: '1',
  'full-width digits': '１',
  dots: '.',
  'digit-dot': '1.',
  'full-width digit-dot': '１．',
  'decimal runs': '1.1',
  '、': '、',
  'digit-、': '1、',
  numerals: '一',
  'numeral-、': '一、',
  'open brackets': '（',
  'bracket-numeral': '（一',
  'square brackets': '【',
  colons: '：',
  'field names': '牵头单位',
  spaces: ' ',
  'spaces and words': ' x',
  'ideographic spaces': '\u3000',
  tabs: '\t',
  'open quotes': '“',
  'book titles': '《',
  equals: '=',
  percent: '5.5%',
  'target words': '增长',
  'verb-number': '增长5',
  comparators: '不少于',
  magnitudes: '万',
  'etc.': '等',
  'unit names': '省发展改革委、',
  'shared suffix': '大连、',
};

/** A document with the line `l` in every place a line can stand, the long lines ended by `v`. */
export function everywhere(l: string, v: number): string {
  const line = l + v;
  return [
    `标题：${line}`,
    `文号：${line}`,
    line,
    `一、${line}`,
    `（一）${line}`,
    `1. ${line}`,
    `   ${line}`,
    `   牵头单位：${line}`,
    `   配合单位：${line}`,
    `   牵头领导：${line}`,
    `   完成时限：${line}`,
    `   备注：${line}`,
    `2.${line}`,
    `${line}：${line}`,
    '【名词解释】',
    line,
    `“${line}”：${line}`,
    `${line}：释义`,
    '【说明】',
    line,
    `单位：${line}`,
    `  简称：${line}`,
    `集合：${line}=${line}`,
    `  成员：${line}`,
    '',
  ].join('\n');
}

const service = newService();
let version = 0;

/** Everything that runs on a document's text after a keystroke (the service's diagnostics are the analysis). */
function coreWork(text: string): void {
  parseDocument(text);
  loadRegistry(text, 'file:///redos/x.units.fenjie');
  service.workspace.setDocument(DOCUMENT_URI, text, ++version);
  service.diagnostics(DOCUMENT_URI);
  service.format(DOCUMENT_URI);
  service.semanticTokens(DOCUMENT_URI);
  service.documentSymbols(DOCUMENT_URI);
  const fieldLine = text.split('\n')[7];
  service.completion(DOCUMENT_URI, { line: 7, character: fieldLine.length });
  service.completion(DOCUMENT_URI, { line: 5, character: 6 });
  service.hover(DOCUMENT_URI, { line: 7, character: 10 });
}

let grammars: Record<string, IGrammar> = {};

/** Loads the regex engine VS Code uses (once per process; later calls share the first load). */
async function loadOniguruma(): Promise<void> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
}

async function loadGrammars(): Promise<void> {
  await loadOniguruma();
  const files: Record<string, string> = {
    'source.fenjie': path.join(ROOT, 'syntaxes', 'fenjie.tmLanguage.json'),
    'source.fenjie-registry': path.join(ROOT, 'syntaxes', 'fenjie-registry.tmLanguage.json'),
  };
  const registry = new TextMateRegistry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new OnigScanner(p), createOnigString: (s: string) => new OnigString(s) }),
    loadGrammar: async (scope) => (files[scope] ? parseRawGrammar(readFileSync(files[scope], 'utf8'), files[scope]) : null),
  });
  for (const scope of Object.keys(files)) grammars[scope] = (await registry.loadGrammar(scope))!;
}

/** Tokenizes a text line by line as VS Code does (it stops at 20,000 characters a line; we stay below). */
export function tokenize(grammar: IGrammar, text: string): void {
  let state = INITIAL;
  for (const line of text.split('\n')) state = grammar.tokenizeLine(line, state).ruleStack;
}

/** The families of the short form: one per kind of pattern (numbers, separators, brackets, white space, quotes, targets, lists). */
const SHORT_FORM = ['digit-dot', '、', 'numeral-、', 'open brackets', 'colons', 'spaces', 'ideographic spaces', 'open quotes', 'book titles', 'percent', 'unit names'];
const families = Object.entries(FAMILIES).filter(([name]) => FULL || SHORT_FORM.includes(name));
const LONGEST = FULL ? 16384 : 4096;

describe('property 4: no ReDoS', function () {
  this.timeout(300_000);

  describe('the core on pathological lines', () => {
    for (const [name, unit] of families) {
      it(`${name} (${JSON.stringify(unit)})`, () => {
        const g = growth((n, v) => everywhere(unit.repeat(Math.ceil(n / unit.length)), v), coreWork, 1024, { to: LONGEST, runs: 5, floorMs: 5 });
        assert.ok(g.ratio < 3, `time grows faster than the line: ${describeGrowth(g)}`);
      });
    }
  });

  describe('the TextMate grammars on pathological lines', () => {
    before(loadGrammars);
    after(() => {
      grammars = {};
    });
    for (const [name, unit] of families) {
      it(`${name} (${JSON.stringify(unit)})`, () => {
        const run = (text: string) => {
          tokenize(grammars['source.fenjie'], text);
          tokenize(grammars['source.fenjie-registry'], text);
        };
        const g = growth((n, v) => everywhere(unit.repeat(Math.ceil(n / unit.length)), v), run, 1024, { to: LONGEST, runs: 5, floorMs: 5 });
        assert.ok(g.ratio < 3, `tokenizing grows faster than the line: ${describeGrowth(g)}`);
      });
    }
  });

  describe('the check catches a broken build', () => {
    it('a trailing-space pattern that backtracks (/[ \\t]+$/ on "x   …   y")', () => {
      const broken = (text: string) => text.split('\n').map((l) => l.replace(/[ \t]+$/, ''));
      const g = growth((n, v) => everywhere('x' + ' '.repeat(n) + 'y', v), broken, 512, { to: 8192, runs: 3, floorMs: 5 });
      assert.ok(g.ratio >= 3, `a quadratic pattern measured as linear: ${describeGrowth(g)}`);
    });

    it('a TextMate pattern that backtracks (a quoted span whose body may contain its opening mark)', async () => {
      await loadOniguruma();
      const raw = JSON.parse(readFileSync(path.join(ROOT, 'syntaxes', 'fenjie.tmLanguage.json'), 'utf8'));
      raw.patterns = [{ match: '(「)([^」]*)(」)', name: 'broken.fenjie' }, ...(raw.patterns ?? [])];
      const registry = new TextMateRegistry({
        onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new OnigScanner(p), createOnigString: (s: string) => new OnigString(s) }),
        loadGrammar: async () => parseRawGrammar(JSON.stringify(raw), 'broken.tmLanguage.json'),
      });
      const grammar = (await registry.loadGrammar('source.fenjie'))!;
      const g = growth((n, v) => '「'.repeat(n) + v, (text) => tokenize(grammar, text), 512, { to: 8192, runs: 3, floorMs: 5 });
      assert.ok(g.ratio >= 3, `a quadratic pattern measured as linear: ${describeGrowth(g)}`);
    });
  });
});
