/**
 * Document and workspace symbols, folding ranges and semantic tokens.
 */
import * as assert from 'assert';
import type { DocumentSymbolNode } from '../../core/src/service/index';
import { fixture, generatedDocument, REGISTRY_URI, testWorkspace } from './helpers';

function tree(nodes: DocumentSymbolNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.kind} ${n.name}`, ...tree(n.children, depth + 1)]);
}

function contains(outer: DocumentSymbolNode['range'], inner: DocumentSymbolNode['range']): boolean {
  const le = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

describe('service: outline', () => {
  it('nests 章 → 节 → 任务, then the glossary', () => {
    const t = testWorkspace();
    const { uri } = t.open('basic.fenjie', fixture('basic.fenjie'));
    assert.deepStrictEqual(tree(t.service.documentSymbols(uri)), [
      'header 2024年测试省重点工作分工方案',
      '  header 标题',
      '  header 年度',
      '  header 辖区',
      'chapter 一、主要预期目标',
      '  task 1. 地区生产总值增长5.5%左右。',
      '  task 2. 推动“四上”企业数量增长，新增规模以上工业企业不…',
      'chapter 二、壮大经济实力',
      '  section （一）推动有效投资持续增长。',
      '    task 3. 紧跟中央投资方向，深入实施15项重大工程。',
      'block 【名词解释】',
      '  term “三大目标”',
    ]);
    const check = (nodes: DocumentSymbolNode[]) => {
      for (const n of nodes) {
        assert.ok(contains(n.range, n.selectionRange), `${n.name}: selection inside range`);
        for (const c of n.children) assert.ok(contains(n.range, c.range), `${c.name} inside ${n.name}`);
        check(n.children);
      }
    };
    check(t.service.documentSymbols(uri));
  });

  it('lists a registry’s entries as its outline', () => {
    const t = testWorkspace();
    const names = t.service.documentSymbols(REGISTRY_URI).map((s) => `${s.kind} ${s.name}`);
    assert.deepStrictEqual(names.slice(0, 2), ['unit 省发展改革委', 'unit 省财政厅']);
    assert.ok(names.includes('leader 王健') && names.includes('collective 各市人民政府'));
  });

  it('finds tasks by text and registry names by pinyin across the workspace', () => {
    const t = testWorkspace();
    t.open('basic.fenjie', fixture('basic.fenjie'));
    t.open('gen.fenjie', generatedDocument(20));
    const byText = t.service.workspaceSymbols('重大工程').map((s) => `${s.kind} ${s.name} ${s.location.uri.split('/').pop()}`);
    assert.deepStrictEqual(byText, ['task 3. 紧跟中央投资方向，深入实施15项重大工程。 basic.fenjie']);
    const byPinyin = t.service.workspaceSymbols('fgw').map((s) => s.name);
    assert.ok(byPinyin.includes('省发展改革委'), byPinyin.join());
  });

  it('folds the header, chapters, sections, tasks, the glossary and comment runs', () => {
    const t = testWorkspace();
    const { uri } = t.open('f.fenjie', `# 一\n# 二\n${fixture('basic.fenjie')}`);
    const regions = t.service.foldingRanges(uri).map((r) => `${r.startLine}-${r.endLine}${r.kind ? ' ' + r.kind : ''}`);
    for (const expected of ['0-1 comment', '2-4', '6-14', '7-10', '15-22', '16-22', '17-22', '24-25']) assert.ok(regions.includes(expected), `${expected} in ${regions.join(', ')}`);
  });

  it('gives semantic tokens for units, leaders, targets, terms, numbers and fields, one line each, never overlapping', () => {
    const t = testWorkspace();
    const { uri, text } = t.open('basic.fenjie', fixture('basic.fenjie'));
    const lines = text.split('\n');
    const tokens = t.service.semanticTokens(uri);
    const shown = tokens.map((k) => `${k.type}${k.modifiers.length ? '.' + k.modifiers.join('.') : ''} ${lines[k.line].slice(k.character, k.character + k.length)}`);
    for (const expected of ['unit 省发展改革委', 'unit.unresolved 虎扑体育市人民政府', 'leader 王健', 'field 牵头单位', 'field 标题', 'number 5.5', 'target 地区生产总值增长', 'term 四上', 'term.declaration “三大目标”', 'number 1.']) {
      assert.ok(shown.includes(expected), `${expected} in ${shown.join(' | ')}`);
    }
    for (let i = 1; i < tokens.length; i++) {
      const a = tokens[i - 1];
      const b = tokens[i];
      assert.ok(a.line < b.line || a.character + a.length <= b.character, `tokens ${i - 1} and ${i} overlap`);
    }
    const inRange = t.service.semanticTokens(uri, { start: { line: 7, character: 0 }, end: { line: 7, character: 20 } });
    assert.ok(inRange.length > 0 && inRange.every((k) => k.line === 7));
  });
});
