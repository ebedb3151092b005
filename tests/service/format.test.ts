/**
 * Formatting: a messy fixture formats to its checked-in expectation; formatting is idempotent;
 * and, for generated documents of every shape (fast-check, fixed seed), formatting keeps the
 * document's meaning exactly (the model, ranges aside) and changes white space and colons only.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import * as path from 'path';
import { analyze } from '../../core/src/analyze';
import { loadRegistry } from '../../core/src/registry';
import { LineIndex } from '../../grammar/src/text';
import { parseDocument } from '../../grammar/src/index';
import { formatEdits } from '../../core/src/service/format';
import { expectFile } from '../helpers/expected';
import { applyEdits, FIXTURES, fixture, generatedDocument, REGISTRY_URI, testWorkspace } from './helpers';

function format(text: string): string {
  return applyEdits(text, formatEdits({ lines: new LineIndex(text), syntax: { document: parseDocument(text) } }));
}

const registry = loadRegistry(fixture('registries/test.units.fenjie'), REGISTRY_URI);

/** The model with positions left out: what a document means. */
function meaning(text: string): unknown {
  const { document } = analyze(text, { uri: 'file:///m.fenjie', registries: [registry] });
  return JSON.parse(JSON.stringify(document, (key, value) => (/range$|Range$/.test(key) || key === 'line' ? undefined : value)));
}

const WHITESPACE_AND_COLONS = /[\s\u3000\u00a0:：]/g;

describe('service: formatting', () => {
  it('formats the messy fixture as expected', () => {
    expectFile(format(fixture('format.fenjie')), path.join(FIXTURES, 'format.expected.fenjie'));
  });

  it('puts heads at column 0, fields at 3 spaces with ：, one space after a task point, no trailing spaces', () => {
    const out = format(fixture('format.fenjie')).split('\n');
    assert.ok(out.includes('标题：格式化测试'));
    assert.ok(out.includes('一、主要预期目标'));
    assert.ok(out.includes('1. 地区生产总值增长5.5%左右。'));
    assert.ok(out.includes('   牵头领导：王健'));
    assert.ok(out.includes('   牵头单位：省发展改革委'));
    assert.ok(out.includes('12、 紧跟中央投资方向，'));
    assert.ok(out.includes('   各市人民政府'));
    assert.ok(out.every((l) => !/[ \t\u3000]$/.test(l)));
  });

  it('is idempotent and keeps the meaning of the fixtures and of a generated document', () => {
    for (const text of [fixture('format.fenjie'), fixture('hover.fenjie'), fixture('basic.fenjie'), generatedDocument(50)]) {
      const once = format(text);
      assert.strictEqual(format(once), once);
      assert.deepStrictEqual(meaning(once), meaning(text));
    }
  });

  it('formats only the lines a range touches', () => {
    const t = testWorkspace();
    const { uri } = t.open('f.fenjie', '1.甲。\n牵头单位:省商务厅\n2.乙。\n牵头单位:省财政厅\n');
    const edits = t.service.format(uri, { start: { line: 2, character: 0 }, end: { line: 3, character: 2 } });
    assert.deepStrictEqual(
      edits.map((e) => e.range.start.line),
      [2, 3],
    );
  });

  it('keeps every meaning for generated documents of any shape (property)', () => {
    const indent = fc.constantFrom('', ' ', '   ', '\t', '\u3000', '      ');
    const head = fc.constantFrom('', '一、', '十二、', '（二）', '(三)', '12.', '3．', '4、', '1.5万', '【名词解释】', '【说明】', '# ', '“四上”');
    const field = fc.constantFrom('牵头单位', '配合单位', '牵头领导', '责任单位', '完成时限', '标题', '单位库', '其中', '牵头单未', '备注');
    const colon = fc.constantFrom(':', '：', ' ：', ' : ', '：  ', '\u3000：');
    const words = fc.constantFrom('', '省发展改革委', '省商务厅、省财政厅等', '增长5.5%左右', '王 健', '  ', '1.5万户', 'abc', '“三大目标”：全力', '，各市人民政府');
    const trailing = fc.constantFrom('', ' ', '  ', '\t', '\u3000');
    const line = fc.oneof(
      fc.tuple(indent, head, words, trailing).map((p) => p.join('')),
      fc.tuple(indent, field, colon, words, trailing).map((p) => p.join('')),
    );
    const document = fc.tuple(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol));
    fc.assert(
      fc.property(document, (text) => {
        const once = format(text);
        assert.strictEqual(format(once), once, 'idempotent');
        assert.strictEqual(once.replace(WHITESPACE_AND_COLONS, ''), text.replace(WHITESPACE_AND_COLONS, ''), 'only white space and colons change');
        assert.deepStrictEqual(meaning(once), meaning(text), 'same model');
      }),
      { seed: 20240118, numRuns: 300 },
    );
  });
});
