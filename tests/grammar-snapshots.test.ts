/**
 * The TextMate grammars in syntaxes/, run by the same engine VS Code uses (vscode-textmate on
 * vscode-oniguruma). Each fixture in tests/fixtures/textmate has a token snapshot beside it
 * (`<fixture>.tokens.txt`); `npm run update-expected` rewrites them. The targeted cases below state
 * the behaviour the snapshots must keep.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { IGrammar, INITIAL, parseRawGrammar, Registry, StateStack } from 'vscode-textmate';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';
import { expectFile, ROOT } from './helpers/expected';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'textmate');
const GRAMMAR_FILES: Record<string, string> = {
  'source.fenjie': path.join(ROOT, 'syntaxes', 'fenjie.tmLanguage.json'),
  'source.fenjie-registry': path.join(ROOT, 'syntaxes', 'fenjie-registry.tmLanguage.json'),
};
const SCOPE_OF_FIXTURE = (file: string) => (file.endsWith('.units.fenjie') ? 'source.fenjie-registry' : 'source.fenjie');

interface Token {
  text: string;
  /** Scopes innermost last, the grammar's root scope left out. */
  scopes: string[];
}

let registry: Registry;

before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new OnigScanner(patterns),
      createOnigString: (text: string) => new OnigString(text),
    }),
    loadGrammar: async (scopeName: string) => {
      const file = GRAMMAR_FILES[scopeName];
      return file ? parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
  });
});

async function grammarFor(scopeName: string): Promise<IGrammar> {
  const grammar = await registry.loadGrammar(scopeName);
  assert.ok(grammar, `grammar ${scopeName} did not load`);
  return grammar;
}

async function tokenize(text: string, scopeName = 'source.fenjie'): Promise<Token[][]> {
  const grammar = await grammarFor(scopeName);
  let state: StateStack = INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes.slice(1) }));
  });
}

/** `> line` then one row per token that carries a scope: `⟦text⟧ scope scope…`. */
function snapshot(text: string, lines: Token[][]): string {
  const rows: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    rows.push(`> ${line}`);
    for (const token of lines[i]) if (token.scopes.length > 0) rows.push(`  ⟦${token.text}⟧ ${token.scopes.join(' ')}`);
  });
  return rows.join('\n') + '\n';
}

/** The scopes of the first token on `lineIndex` whose text is exactly `text`. */
function scopesOf(lines: Token[][], lineIndex: number, text: string): string[] {
  const token = lines[lineIndex].find((t) => t.text === text);
  assert.ok(token, `no token "${text}" on line ${lineIndex}: ${lines[lineIndex].map((t) => `⟦${t.text}⟧`).join('')}`);
  return token.scopes;
}

function innermost(lines: Token[][], lineIndex: number, text: string): string {
  const scopes = scopesOf(lines, lineIndex, text);
  return scopes[scopes.length - 1] ?? '';
}

describe('TextMate grammars', () => {
  describe('snapshots', () => {
    const fixtures = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.fenjie'));

    it('has fixtures for both grammars', () => {
      assert.ok(fixtures.some((f) => SCOPE_OF_FIXTURE(f) === 'source.fenjie'));
      assert.ok(fixtures.some((f) => SCOPE_OF_FIXTURE(f) === 'source.fenjie-registry'));
    });

    for (const fixture of fixtures) {
      it(fixture, async () => {
        const text = fs.readFileSync(path.join(FIXTURES, fixture), 'utf8').replace(/\n$/, '');
        const actual = snapshot(text, await tokenize(text, SCOPE_OF_FIXTURE(fixture)));
        expectFile(actual, path.join(FIXTURES, `${fixture}.tokens.txt`));
      });
    }
  });

  describe('document grammar', () => {
    it('splits a unit list at 、 and ， and keeps a trailing 等 out of the unit', async () => {
      const lines = await tokenize('1. 任务。\n   配合单位：省工业和信息化厅、省商务厅等，各市人民政府');
      assert.strictEqual(innermost(lines, 1, '配合单位'), 'keyword.other.field.fenjie');
      assert.strictEqual(innermost(lines, 1, '省工业和信息化厅'), 'entity.name.type.unit.fenjie');
      assert.strictEqual(innermost(lines, 1, '省商务厅'), 'entity.name.type.unit.fenjie');
      assert.strictEqual(innermost(lines, 1, '等'), 'storage.modifier.etc.fenjie');
      assert.strictEqual(innermost(lines, 1, '，'), 'punctuation.separator.list.fenjie');
      assert.strictEqual(innermost(lines, 1, '各市人民政府'), 'entity.name.type.unit.fenjie');
    });

    it('keeps a space inside a unit or leader name but not around it', async () => {
      const lines = await tokenize('   牵头单位：中德园项目（企业） 服务中心 、区发改局\n   牵头领导：王 健');
      assert.strictEqual(innermost(lines, 0, '中德园项目（企业） 服务中心'), 'entity.name.type.unit.fenjie');
      assert.strictEqual(innermost(lines, 1, '王 健'), 'entity.name.function.leader.fenjie');
    });

    it('continues the task text and a field value on indented plain lines, and stops at the next field', async () => {
      const lines = await tokenize('12. 紧跟中央投资方向，\n    深入实施15项重大工程。\n   责任单位：省水利厅，\n     大连、丹东市人民政府\n   完成时限：2024年12月底');
      assert.ok(scopesOf(lines, 1, '15').includes('meta.task.text.fenjie'));
      assert.strictEqual(innermost(lines, 1, '15'), 'constant.numeric.fenjie');
      assert.strictEqual(innermost(lines, 3, '丹东市人民政府'), 'entity.name.type.unit.fenjie');
      assert.ok(!scopesOf(lines, 4, '完成时限').includes('meta.field.unit.fenjie'));
      assert.strictEqual(innermost(lines, 4, '2024年12月底'), 'string.unquoted.deadline.fenjie');
    });

    it('reads full-width and half-width heads alike', async () => {
      const lines = await tokenize('(二)促进消费。\n１２．持续开展活动。\n13、增长12%以上。\n   牵头单位:省商务厅');
      assert.ok(scopesOf(lines, 0, '促进消费。').includes('markup.heading.2.fenjie'));
      assert.strictEqual(innermost(lines, 1, '１２'), 'constant.numeric.task-number.fenjie');
      assert.strictEqual(innermost(lines, 2, '13'), 'constant.numeric.task-number.fenjie');
      assert.strictEqual(innermost(lines, 2, '以上'), 'keyword.operator.qualifier.fenjie');
      assert.strictEqual(innermost(lines, 3, ':'), 'punctuation.separator.key-value.fenjie');
    });

    it('does not take a decimal number at line start for a task', async () => {
      const lines = await tokenize('1.5万户居民用上清洁能源。');
      assert.ok(!lines[0].some((t) => t.scopes.some((s) => s.startsWith('constant.numeric.task-number'))));
    });

    it('marks a column-0 plain line as an unnumbered chapter and # lines as comments', async () => {
      const lines = await tokenize('主要预期目标\n# 注：不参与检查');
      assert.ok(scopesOf(lines, 0, '主要预期目标').includes('markup.heading.1.fenjie'));
      assert.ok(lines[1].every((t) => t.scopes[0] === 'comment.line.number-sign.fenjie'));
    });

    it('reads glossary entries as terms inside 【名词解释】', async () => {
      const lines = await tokenize('【名词解释】\n1.“三大目标”：全力打造核心区。\n“四上”企业：规模以上工业企业。');
      assert.strictEqual(innermost(lines, 0, '名词解释'), 'entity.name.section.block.fenjie');
      assert.strictEqual(innermost(lines, 1, '“三大目标”'), 'string.quoted.term.fenjie');
      assert.strictEqual(innermost(lines, 2, '“四上”企业'), 'string.quoted.term.fenjie');
      assert.ok(!lines[2].some((t) => t.scopes.includes('keyword.operator.qualifier.fenjie')), '规模以上 holds no target');
    });

    it('marks the comparator and the qualifier of a target around its number', async () => {
      const lines = await tokenize('1. 粮食产量稳定在5303万亩以上，谋划亿元以上项目不少于500个。');
      assert.strictEqual(innermost(lines, 0, '稳定在'), 'keyword.operator.comparison.fenjie');
      assert.strictEqual(innermost(lines, 0, '5303'), 'constant.numeric.fenjie');
      assert.strictEqual(innermost(lines, 0, '以上'), 'keyword.operator.qualifier.fenjie');
      assert.strictEqual(lines[0].filter((t) => t.scopes.includes('keyword.operator.qualifier.fenjie')).length, 1, '亿元以上 has no number');
      assert.strictEqual(innermost(lines, 0, '不少于'), 'keyword.operator.comparison.fenjie');
    });
  });

  describe('registry grammar', () => {
    it('names entries and reads member and oversight lists as units', async () => {
      const lines = await tokenize('单位：省发展改革委\n集合：各市人民政府\n  成员：沈阳市人民政府、大连市人民政府\n领导：王健\n  分管：省发展改革委', 'source.fenjie-registry');
      assert.strictEqual(innermost(lines, 0, '单位'), 'storage.type.entry.fenjie');
      assert.strictEqual(innermost(lines, 0, '省发展改革委'), 'entity.name.type.unit.fenjie');
      assert.strictEqual(innermost(lines, 1, '各市人民政府'), 'entity.name.type.unit.collective.fenjie');
      assert.strictEqual(innermost(lines, 2, '大连市人民政府'), 'entity.name.type.unit.fenjie');
      assert.strictEqual(innermost(lines, 3, '王健'), 'entity.name.function.leader.fenjie');
      assert.strictEqual(innermost(lines, 4, '省发展改革委'), 'entity.name.type.unit.fenjie');
    });
  });
});
