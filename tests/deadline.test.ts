/**
 * parseDeadline over a table of 完成时限 values as documents write them, and the FJ7xx checks on
 * documents analysed from text.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { analyze } from '../core/src/analyze';
import { checkDeadlineYear, checkUnparsedDeadline, deadlineChecks, deadlineTemplates } from '../core/src/checks/deadline';
import type { Check, CheckContext } from '../core/src/checks/types';
import { parseDeadline } from '../core/src/deadline';
import type { Deadline, Diagnostic } from '../core/src/model';
import { bigramTokenizer } from '../core/src/tokenizer';
import { MappedText } from '../grammar/src/text';

type Parsed = Omit<Deadline, 'text' | 'range'>;

/** Value → what it parses to in a 2024 document. */
const CASES: [string, Parsed][] = [
  ['2024年12月底', { kind: 'date', year: 2024, month: 12, qualifier: '底' }],
  ['6月底前', { kind: 'date', year: 2024, month: 6, qualifier: '底前' }],
  ['12月31日前', { kind: 'date', year: 2024, month: 12, day: 31, qualifier: '前' }],
  ['2024年6月', { kind: 'date', year: 2024, month: 6 }],
  ['年底前', { kind: 'date', year: 2024, month: 12, qualifier: '年底前' }],
  ['上半年', { kind: 'date', year: 2024, month: 6, qualifier: '上半年' }],
  ['2024年下半年', { kind: 'date', year: 2024, month: 12, qualifier: '下半年' }],
  ['一季度末', { kind: 'date', year: 2024, month: 3, qualifier: '一季度末' }],
  ['2024年', { kind: 'date', year: 2024 }],
  ['2024年底', { kind: 'date', year: 2024, month: 12, qualifier: '底' }],
  ['2025年6月30日', { kind: 'date', year: 2025, month: 6, day: 30 }],
  ['十二月底', { kind: 'date', year: 2024, month: 12, qualifier: '底' }],
  ['9月中旬', { kind: 'date', year: 2024, month: 9, qualifier: '中旬' }],
  ['２０２４年１２月底', { kind: 'date', year: 2024, month: 12, qualifier: '底' }],
  ['2024-06-30', { kind: 'date', year: 2024, month: 6, day: 30 }],
  ['2024年6月底前完成初步方案，12月底前全面完成', { kind: 'date', year: 2024, month: 12, qualifier: '底前' }],
  ['2025年3月、6月', { kind: 'date', year: 2025, month: 6 }],
  ['长期坚持', { kind: 'ongoing' }],
  ['持续推进', { kind: 'ongoing' }],
  ['常态化开展', { kind: 'ongoing' }],
  ['2024年起长期坚持', { kind: 'ongoing', year: 2024 }],
  ['尽快', { kind: 'unparsed' }],
  ['', { kind: 'unparsed' }],
  ['24年底', { kind: 'unparsed' }],
  ['2024年13月', { kind: 'unparsed' }],
  ['2月30日', { kind: 'unparsed' }],
  ['3个月内', { kind: 'unparsed' }],
];

function parse(value: string, year?: number): Deadline {
  return parseDeadline(MappedText.single(value, { line: 7, character: 8 }), year);
}

describe('parseDeadline', () => {
  for (const [value, expected] of CASES) {
    it(`${value || '(empty)'} → ${expected.kind}`, () => {
      const { text, range, ...parsed } = parse(value, 2024);
      assert.deepStrictEqual(parsed, expected);
      assert.strictEqual(text, value);
      assert.deepStrictEqual(range, { start: { line: 7, character: 8 }, end: { line: 7, character: 8 + value.length } });
    });
  }

  it('leaves the year out when neither the value nor the document gives one', () => {
    assert.deepStrictEqual(parse('6月底前'), { text: '6月底前', range: parse('6月底前').range, kind: 'date', month: 6, qualifier: '底前' });
  });

  it('trims white space from the text and its range', () => {
    const d = parseDeadline(MappedText.single('  2024年12月底 ', { line: 2, character: 8 }), 2024);
    assert.strictEqual(d.text, '2024年12月底');
    assert.deepStrictEqual(d.range, { start: { line: 2, character: 10 }, end: { line: 2, character: 19 } });
  });

  it('never throws, and reads long values in linear time', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.option(fc.integer({ min: 1900, max: 2100 }), { nil: undefined }), (value, year) => {
        const d = parse(value, year);
        assert.ok(['date', 'ongoing', 'unparsed'].includes(d.kind));
      }),
      { numRuns: 1000 },
    );
    const long = '2024年12月底、'.repeat(20_000);
    const started = Date.now();
    assert.strictEqual(parse(long).kind, 'date');
    assert.ok(Date.now() - started < 3000);
  });
});

/** A document of one task per deadline, as analyze builds it (analyze fills `deadline` with parseDeadline). */
function run(check: Check, year: string, ...deadlines: string[]): Diagnostic[] {
  const body = deadlines.map((d, i) => `${i + 1}. 任务${i + 1}。\n   完成时限：${d}`).join('\n');
  const header = year ? `年度：${year}\n` : '';
  const document = analyze(`标题：测试\n${header}\n一、任务\n${body}\n`, { uri: 'file:///deadline.fenjie', registries: [] }).document;
  const diagnostics: Diagnostic[] = [];
  const context: CheckContext = { document, registries: undefined as unknown as CheckContext['registries'], tokenizer: bigramTokenizer, report: (d) => diagnostics.push(d) };
  check(context);
  return diagnostics;
}

describe('deadline checks', () => {
  it('FJ701: a value that reads as neither a date nor ongoing work', () => {
    const found = run(checkUnparsedDeadline, '2024', '尽快', '2024年12月底', '长期坚持', '2024年13月');
    assert.deepStrictEqual(found.map((d) => [d.code, d.severity, d.range.start.line]), [['FJ701', 'warning', 5], ['FJ701', 'warning', 11]]);
    assert.deepStrictEqual(found[0].range, { start: { line: 5, character: 8 }, end: { line: 5, character: 10 } });
    assert.match(found[0].message.zh, /尽快/);
    assert.match(found[0].message.en, /"尽快" is not understood/);
  });

  it('FJ702: before the year is a warning, after it a hint, ongoing work exempt', () => {
    const found = run(checkDeadlineYear, '2024', '2023年6月底', '2024年12月底', '2025年底', '2020年起长期坚持', '6月底前');
    assert.deepStrictEqual(found.map((d) => [d.code, d.severity, d.range.start.line]), [['FJ702', 'warning', 5], ['FJ702', 'hint', 9]]);
    assert.strictEqual(found[0].message.zh, '完成时限“2023年6月底”（2023年）不在本文档年度 2024 年内。');
    assert.strictEqual(found[1].message.en, "Deadline \"2025年底\" (2025) is outside the document's year 2024.");
  });

  it('FJ702: no 年度, no check', () => {
    assert.deepStrictEqual(run(checkDeadlineYear, '', '2023年6月底'), []);
  });

  it('every check is exported in deadlineChecks and every code has both languages with the same placeholders', () => {
    assert.deepStrictEqual(deadlineChecks, [checkUnparsedDeadline, checkDeadlineYear]);
    assert.deepStrictEqual(Object.keys(deadlineTemplates), ['FJ701', 'FJ702']);
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join(',');
    for (const t of Object.values(deadlineTemplates)) assert.strictEqual(placeholders(t.zh), placeholders(t.en));
  });
});
