/**
 * extractTargets, data-driven: tests/fixtures/targets/*.json list task texts (seeds.json copied
 * from the seed documents, phrasings.json one case per phrasing the grammar must read or reject)
 * with the targets expected in each. `UPDATE_EXPECTED=1` rewrites the expected targets from the
 * current output; review the diff before committing it.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { MappedText, type Range } from '../grammar/src/text';
import { analyze } from '../core/src/analyze';
import { checkConflictingTargets, checkContradictoryQualifiers, checkMalformedNumber, checkRateAbove100, targetChecks, targetTemplates } from '../core/src/checks/targets';
import type { Check, CheckContext } from '../core/src/checks/types';
import type { Diagnostic, Target } from '../core/src/model';
import { extractTargets, isChangeVerb, isRateIndicator, isWellFormedNumber } from '../core/src/targets';
import { bigramTokenizer } from '../core/src/tokenizer';
import { fromRoot, UPDATE } from './helpers/expected';

const FIXTURES = fromRoot('tests', 'fixtures', 'targets');

/** What a fixture states about a target; optional fields are left out when absent or empty. */
interface ExpectedTarget {
  written: string;
  indicator: string;
  verb?: string;
  comparator: string;
  value: number;
  magnitude?: string;
  measure: string;
  qualifiers?: string[];
}

interface FixtureCase {
  source: string;
  text: string;
  targets: ExpectedTarget[];
}

function expectedOf(t: Target): ExpectedTarget {
  // Keys in reading order, so the fixture reads like the phrase.
  return {
    written: t.text,
    indicator: t.indicator,
    ...(t.verb ? { verb: t.verb } : {}),
    comparator: t.comparator,
    value: t.value,
    ...(t.magnitude ? { magnitude: t.magnitude } : {}),
    measure: t.measure,
    ...(t.qualifiers.length ? { qualifiers: t.qualifiers } : {}),
  };
}

/** One case per block, one target per line, so a diff shows exactly which target changed. */
function serialize(cases: FixtureCase[]): string {
  const json = (v: unknown) => JSON.stringify(v);
  const blocks = cases.map((c) => {
    const targets = c.targets.length ? `[\n${c.targets.map((t) => `        ${json(t)}`).join(',\n')}\n      ]` : '[]';
    return `    {\n      "source": ${json(c.source)},\n      "text": ${json(c.text)},\n      "targets": ${targets}\n    }`;
  });
  return `{\n  "cases": [\n${blocks.join(',\n')}\n  ]\n}\n`;
}

function at(line: number, character: number) {
  return { line, character };
}

/** The text a single-line range covers. */
function slice(text: string, range: Range): string {
  assert.strictEqual(range.start.line, range.end.line);
  return text.slice(range.start.character, range.end.character);
}

/** Invariants every target must keep whatever the input. */
function assertWellFormed(text: string, targets: Target[]): void {
  for (const t of targets) {
    assert.strictEqual(slice(text, t.range), t.text);
    assert.strictEqual(slice(text, t.valueRange), t.valueText);
    if (t.indicatorRange) assert.strictEqual(slice(text, t.indicatorRange), t.indicator);
    else assert.strictEqual(t.indicator, '');
    assert.ok(Number.isFinite(t.value), `value of ${t.text}`);
    assert.ok(Number.isFinite(t.scaledValue), `scaled value of ${t.text}`);
  }
}

const fixtureFiles = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));

describe('extractTargets: fixtures', () => {
  for (const file of fixtureFiles) {
    const fixturePath = path.join(FIXTURES, file);
    const fixture = JSON.parse(readFileSync(fixturePath, 'utf8')) as { cases: FixtureCase[] };

    if (UPDATE) {
      it(`${file}: rewrites the expected targets`, () => {
        for (const c of fixture.cases) c.targets = extractTargets(MappedText.single(c.text, at(0, 0))).map(expectedOf);
        writeFileSync(fixturePath, serialize(fixture.cases));
      });
      continue;
    }

    describe(file, () => {
      for (const c of fixture.cases) {
        it(`${c.source}: ${c.text.length > 40 ? c.text.slice(0, 40) + '…' : c.text}`, () => {
          const targets = extractTargets(MappedText.single(c.text, at(0, 0)));
          assertWellFormed(c.text, targets);
          assert.deepStrictEqual(targets.map(expectedOf), c.targets);
        });
      }
    });
  }

  it('covers at least 40 seed task texts, some with no target', () => {
    const seeds = JSON.parse(readFileSync(path.join(FIXTURES, 'seeds.json'), 'utf8')) as { cases: FixtureCase[] };
    assert.ok(seeds.cases.length >= 40);
    assert.ok(seeds.cases.filter((c) => c.targets.length === 0).length >= 10);
  });
});

describe('extractTargets: values and ranges', () => {
  const one = (text: string) => {
    const targets = extractTargets(MappedText.single(text, at(0, 0)));
    assert.strictEqual(targets.length, 1, `one target in ${text}: ${JSON.stringify(targets.map((t) => t.text))}`);
    return targets[0];
  };

  it('scales by the magnitude without floating-point noise', () => {
    assert.strictEqual(one('确保正常年景粮食产量稳定在10.6亿斤以上。').scaledValue, 1_060_000_000);
    assert.strictEqual(one('实施特殊困难老年人家庭适老化改造1.5万户。').scaledValue, 15_000);
    assert.strictEqual(one('数字经济规模突破1.2万亿元。').scaledValue, 1.2e12);
    assert.strictEqual(one('建成省级工业互联网平台超百个。').scaledValue, 100);
  });

  it('keeps full-width digits as written and reads their value', () => {
    const t = one('地区生产总值增长５．５％左右。');
    assert.strictEqual(t.valueText, '５．５');
    assert.strictEqual(t.value, 5.5);
    assert.strictEqual(t.measure, '%');
  });

  it('reads a malformed number as well as it can, keeping it as written', () => {
    assert.deepStrictEqual([one('增长5..5%。'), one('增长5.5.1%。'), one('增长１,0%。'), one('增长.5%。')].map((t) => [t.valueText, t.value]), [
      ['5..5', 5.5],
      ['5.5.1', 5.5],
      ['１,0', 10],
      ['.5', 0.5],
    ]);
  });

  it('maps ranges back through continuation lines', () => {
    const text = new MappedText([
      { text: '紧跟中央投资方向，深入', start: at(11, 4) },
      { text: '实施15项重大工程，粮食产量', start: at(12, 4) },
      { text: '500亿斤左右。', start: at(13, 4) },
    ]);
    const [count, grain] = extractTargets(text);
    assert.deepStrictEqual(count.valueRange, { start: at(12, 6), end: at(12, 8) });
    assert.deepStrictEqual(count.indicatorRange, { start: at(12, 9), end: at(12, 13) });
    assert.strictEqual(grain.indicator, '粮食产量');
    assert.deepStrictEqual(grain.range, { start: at(12, 14), end: at(13, 11) });
    assert.deepStrictEqual(grain.valueRange, { start: at(13, 4), end: at(13, 7) });
  });

  it('gives each indicator of 分别 its own range', () => {
    const text = '重点工业企业数字化研发工具普及率和关键工序数控化率分别达到85%、70%。';
    const [first, second] = extractTargets(MappedText.single(text, at(0, 0)));
    assert.strictEqual(slice(text, first.indicatorRange!), '重点工业企业数字化研发工具普及率');
    assert.strictEqual(slice(text, second.indicatorRange!), '关键工序数控化率');
    assert.strictEqual(slice(text, second.valueRange), '70');
  });
});

describe('target helpers', () => {
  it('tells well-formed numbers from malformed ones', () => {
    for (const good of ['5', '5.5', '1,500', '12,345.6', '５．５', '百', '两千']) assert.ok(isWellFormedNumber(good), good);
    for (const bad of ['5..5', '5.5.1', '１,0', '.5', '5.', '1,50', '']) assert.ok(!isWellFormedNumber(bad), bad);
  });

  it('knows rates and change verbs', () => {
    assert.ok(isRateIndicator('重点工业企业数字化研发工具普及率'));
    assert.ok(isRateIndicator('高端装备制造业规模占比'));
    assert.ok(!isRateIndicator('地区生产总值'));
    assert.ok(isChangeVerb('增长'));
    assert.ok(!isChangeVerb('提升至'));
    assert.ok(!isChangeVerb(undefined));
  });
});

describe('extractTargets: properties', () => {
  const pieces = [
    '1', '5', '0', '.', ',', '，', '、', '。', '%', '％', '５', '．', '个', '项', '家', '万', '亿', '元', '亩', '百', '千', '十', '一',
    '超', '突破', '不少于', '约', '左右', '以上', '以内', '增长', '达到', '控制在', '分别', '力争', '和', '等', '实施', '的',
    '“', '”', '《', 'G', '-', '+', '第', '年', '月', ' ', '率', '项目', '建设', '取得',
  ];
  const soup = fc.array(fc.constantFrom(...pieces), { maxLength: 120 }).map((p) => p.join(''));

  it('never throws and keeps its ranges consistent on token soups', () => {
    fc.assert(
      fc.property(soup, (text) => {
        assertWellFormed(text, extractTargets(MappedText.single(text, at(0, 0))));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        extractTargets(MappedText.single(text, at(0, 0)));
      }),
      { numRuns: 1000 },
    );
  });

  it('runs in linear time on long adversarial inputs', () => {
    // Each pattern defeats a quadratic strategy: no clause end for 200k characters, targets back
    // to back, an unclosed quote, one enormous number, a 分别 list that never ends.
    const size = 200_000;
    const patterns = ['地区生产总值增长5.5%左右', '实施1个', '1', '1.', '“5个', '分别达到1%、', '超百个', '等8个10亿元以上项目', '增长'];
    for (const pattern of patterns) {
      const text = pattern.repeat(Math.ceil(size / pattern.length));
      const started = process.hrtime.bigint();
      extractTargets(MappedText.single(text, at(0, 0)));
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // A linear pass takes tens of milliseconds here; a quadratic one would take minutes.
      assert.ok(ms < 3000, `${pattern}: ${ms.toFixed(0)} ms for ${text.length} characters`);
    }
  });
});

/** A document of one task per text, as analyze builds it (analyze fills `targets` with extractTargets). */
function documentOf(...texts: string[]) {
  const body = texts.map((t, i) => `${i + 1}. ${t}\n   牵头单位：省发展改革委`).join('\n');
  return analyze(`标题：测试\n年度：2024\n\n一、目标\n${body}\n`, { uri: 'file:///targets.fenjie', registries: [] }).document;
}

/** What one check alone reports on the document. */
function run(check: Check, ...texts: string[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const context: CheckContext = {
    document: documentOf(...texts),
    registries: undefined as unknown as CheckContext['registries'],
    tokenizer: bigramTokenizer,
    report: (d) => diagnostics.push(d),
  };
  check(context);
  return diagnostics;
}

/** Task texts start on line 4 after `N. `, so a range on the first task is at character offset + 3. */
const FIRST_TASK_LINE = 4;

describe('target checks', () => {
  it('FJ401: a share above 100%, but not the growth of one', () => {
    const [d, ...rest] = run(checkRateAbove100, '综合窗口覆盖率达到120%。', '科技成果转化率增长120%。', '保障困难家庭高校毕业生100%就业。', '固定资产投资增长150%。');
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(d.code, 'FJ401');
    assert.strictEqual(d.severity, 'warning');
    assert.deepStrictEqual(d.range, { start: at(FIRST_TASK_LINE, 3), end: at(FIRST_TASK_LINE, 16) });
    assert.match(d.message.zh, /综合窗口覆盖率.*120%/);
    assert.match(d.message.en, /120%/);
  });

  it('FJ401: each indicator of 分别 is judged on its own value', () => {
    const found = run(checkRateAbove100, '普及率和数控化率分别达到85%、170%。');
    assert.deepStrictEqual(found.map((d) => d.message.en), ['"数控化率" is a share or rate; a target of 170% is above 100%.']);
  });

  it('FJ402: about with a bound, lower with upper; not two words of one direction', () => {
    const found = run(checkContradictoryQualifiers, '地区生产总值增长5%左右以上。', '新增就业不少于500人以内。', '受惠居民约7300户以上。', '新开工项目突破45个以上。', '地区生产总值增长5.5%左右。');
    assert.deepStrictEqual(found.map((d) => [d.code, d.range.start.line]), [['FJ402', 4], ['FJ402', 6], ['FJ402', 8]]);
    assert.match(found[0].message.zh, /左右、以上/);
  });

  it('FJ403: malformed numbers, with a fix only when the intended number is certain', () => {
    const found = run(checkMalformedNumber, '地区生产总值增长5..5%。', '地区生产总值增长5.5.1%。', '一般公共预算收入增长１,0%。', '居民收入增长.5%。', '居民收入增长5.%。', '新增高新技术企业1,500家、科技型中小企业６０００家。');
    assert.deepStrictEqual(found.map((d) => [d.code, d.severity, d.message.en]), [
      ['FJ403', 'error', 'The number "5..5" is malformed.'],
      ['FJ403', 'error', 'The number "5.5.1" is malformed.'],
      ['FJ403', 'error', 'The number "１,0" is malformed.'],
      ['FJ403', 'error', 'The number ".5" is malformed.'],
      ['FJ403', 'error', 'The number "5." is malformed.'],
    ]);
    assert.deepStrictEqual(found[0].range, { start: at(FIRST_TASK_LINE, 11), end: at(FIRST_TASK_LINE, 15) });
    assert.deepStrictEqual(found[0].fixes?.[0].edits, [{ range: found[0].range, newText: '5.5' }]);
    assert.deepStrictEqual(found[0].fixes?.[0].title, { zh: '改为“5.5”', en: 'Change to "5.5"' });
    assert.deepStrictEqual(found.slice(1).map((d) => d.fixes), [undefined, undefined, undefined, undefined]);
  });

  it('FJ404: one indicator, two targets, each pointing at the other', () => {
    const found = run(checkConflictingTargets, '地区生产总值增长5.5%左右。', '固定资产投资增长10%。', '地区生产总值增长６%。', '固定资产投资增长10%。');
    assert.deepStrictEqual(found.map((d) => [d.code, d.severity, d.range.start.line]), [['FJ404', 'warning', 4], ['FJ404', 'warning', 8]]);
    assert.deepStrictEqual(found[0].related?.map((r) => [r.range.start.line, r.message.zh]), [[8, '同一指标的另一目标：地区生产总值增长６%']]);
    assert.deepStrictEqual(found[1].related?.map((r) => r.range.start.line), [4]);
    assert.strictEqual(found[0].message.en, 'Indicator "地区生产总值" has different targets in this document: ≈ 5.5% and ６%.');
  });

  it('FJ404: a change and a level, or two measures, are different indicators', () => {
    const found = run(checkConflictingTargets, '科技型企业突破4500家，增长25%。', '重点人群家庭医生服务签约率提升至70%。', '重点人群家庭医生服务签约率提升5个百分点。', '城镇新增就业46万人。', '城镇新增就业460000人。');
    assert.deepStrictEqual(found, []);
  });

  it('FJ404: the seeds repeat tasks (003 tasks 92 and 122) without conflict', () => {
    assert.deepStrictEqual(run(checkConflictingTargets, '新建续建5所中小学校，学前教育普惠率达90%以上。', '新建续建5所中小学校，规划新增学位2250个。'), []);
  });

  it('every check is exported in targetChecks and every code has both languages with the same placeholders', () => {
    assert.deepStrictEqual(targetChecks, [checkRateAbove100, checkContradictoryQualifiers, checkMalformedNumber, checkConflictingTargets]);
    assert.deepStrictEqual(Object.keys(targetTemplates), ['FJ401', 'FJ402', 'FJ403', 'FJ404']);
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join(',');
    for (const t of Object.values(targetTemplates)) assert.strictEqual(placeholders(t.zh), placeholders(t.en));
  });

  it('analyze runs the checks', () => {
    const codes = analyze('年度：2024\n\n1. 综合窗口覆盖率达到120%，地区生产总值增长5..5%。\n', { uri: 'file:///t.fenjie', registries: [] }).diagnostics.map((d) => d.code);
    assert.ok(codes.includes('FJ401') && codes.includes('FJ403'), codes.join(' '));
  });
});
