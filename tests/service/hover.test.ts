/**
 * Hover, data-driven: every `<|>` in tests/fixtures/lsp/hover.fenjie is hovered in both languages;
 * hover.zh.expected.txt / hover.en.expected.txt hold the Markdown and the range (UPDATE_EXPECTED=1
 * refreshes them). The assertions pin what the issue demands of a hover.
 */
import * as assert from 'assert';
import * as path from 'path';
import { expectFile } from '../helpers/expected';
import { FIXTURES, fixture, HEAD, testWorkspace } from './helpers';

function hovers(locale: 'zh' | 'en'): string {
  const t = testWorkspace(locale);
  const { uri, text, positions } = t.open('hover.fenjie', fixture('hover.fenjie'));
  const lines = text.split('\n');
  return positions
    .map((p) => {
      const result = t.service.hover(uri, p);
      const where = `${p.line}:${p.character} ${JSON.stringify(lines[p.line].slice(Math.max(0, p.character - 3), p.character + 3))}`;
      if (!result) return `## ${where}\n(none)\n`;
      const r = result.range;
      return `## ${where} → ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${JSON.stringify(lines[r.start.line].slice(r.start.character, r.end.character))}\n${result.markdown}\n`;
    })
    .join('\n');
}

describe('service: hover', () => {
  for (const locale of ['zh', 'en'] as const) {
    it(`matches hover.${locale}.expected.txt`, () => expectFile(hovers(locale), path.join(FIXTURES, `hover.${locale}.expected.txt`)));
  }

  it('spans exactly the unit name, not the run of Chinese around it', () => {
    const t = testWorkspace();
    const { uri, text, positions } = t.open('h.fenjie', `${HEAD}1. 推动投资。\n   配合单位：省商务厅、省财<|>政厅等，各市人民政府\n`);
    const result = t.service.hover(uri, positions[0])!;
    const line = text.split('\n')[positions[0].line];
    assert.strictEqual(line.slice(result.range.start.character, result.range.end.character), '省财政厅');
  });

  it('shows a unit’s 全称, 类别, overseeing leader and its lead/cooperate counts in this document', () => {
    const t = testWorkspace();
    const { uri, positions } = t.open('h.fenjie', `${HEAD}1. 甲。\n   牵头单位：省<|>财政厅\n2. 乙。\n   牵头单位：省财政厅\n   配合单位：省商务厅\n3. 丙。\n   牵头单位：省商务厅\n   配合单位：省财政厅\n`);
    const md = t.service.hover(uri, positions[0])!.markdown;
    for (const part of ['测试省财政厅', '省直部门', '王健（副省长）', '牵头 2 项任务，配合 1 项任务']) assert.ok(md.includes(part), `${part} in ${md}`);
  });

  it('reads a target in words, with its magnitude applied', () => {
    const t = testWorkspace('en');
    const { uri, positions } = t.open('h.fenjie', `${HEAD}1. 新增市场主体达到1.<|>5万户。\n   牵头单位：省商务厅\n`);
    const md = t.service.hover(uri, positions[0])!.markdown;
    assert.ok(md.includes('15,000'), md);
    assert.ok(/Comparison: (exactly|at least|about)/.test(md), md);
  });

  it('escapes Markdown written in a document', () => {
    const t = testWorkspace();
    const { uri, positions } = t.open('h.fenjie', `${HEAD}1. 甲。\n   牵头单位：<|>*[x](javascript:alert(1))*\n`);
    const md = t.service.hover(uri, positions[0])!.markdown;
    assert.ok(!md.includes('[x](javascript'), md);
    assert.ok(md.includes('\\[x\\]\\(javascript:alert\\(1\\)\\)'), md);
  });
});
