/**
 * Code actions and the settings applied to diagnostics: every fix offered, fix-all per code
 * without conflicting edits, source.fixAll with preferred fixes only; severities and the
 * preferred name form.
 */
import * as assert from 'assert';
import { combineFixes } from '../../core/src/service/actions';
import type { Diagnostic } from '../../core/src/model';
import { applyEdits, HEAD, testWorkspace } from './helpers';

const DOC = `${HEAD}1. 甲。\n   牵头单位：省发改<|>委\n   配合单位：省工信厅、省财政厅、省财政厅\n2. 乙。\n   牵头单位：省发改委\n   配合单位：虎扑体育海关\n`;

const everywhere = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };

describe('service: code actions', () => {
  it('offers each fix of the diagnostics under the cursor, the preferred one marked', () => {
    const t = testWorkspace();
    const { uri, positions } = t.open('a.fenjie', DOC);
    const actions = t.service.codeActions(uri, { start: positions[0], end: positions[0] }, undefined);
    const fix = actions.find((a) => a.title === '改为“省发展改革委”')!;
    assert.ok(fix.preferred);
    assert.strictEqual(fix.kind, 'quickfix');
    assert.deepStrictEqual(fix.diagnostics.map((d) => d.code), ['FJ102']);
  });

  it('fixes all problems of one code at once', () => {
    const t = testWorkspace();
    const { uri, text, positions } = t.open('a.fenjie', DOC);
    const all = t.service.codeActions(uri, { start: positions[0], end: positions[0] }, undefined).find((a) => a.title.startsWith('修复本文档中全部'))!;
    assert.strictEqual(all.title, '修复本文档中全部 3 处 FJ102 问题');
    const fixed = applyEdits(text, all.edits.get(uri)!);
    assert.ok(fixed.includes('牵头单位：省发展改革委\n   配合单位：省工业和信息化厅、') && !fixed.includes('省发改委'), fixed);
  });

  it('applies preferred fixes but no guesses for source.fixAll.fenjie, and only when asked for', () => {
    const t = testWorkspace();
    const { uri, text } = t.open('a.fenjie', DOC);
    assert.ok(!t.service.codeActions(uri, everywhere, undefined).some((a) => a.kind === 'source.fixAll.fenjie'));
    const [fixAll] = t.service.codeActions(uri, everywhere, ['source.fixAll']);
    assert.strictEqual(fixAll.kind, 'source.fixAll.fenjie');
    const fixed = applyEdits(text, fixAll.edits.get(uri)!);
    assert.ok(fixed.includes('配合单位：省工业和信息化厅、省财政厅\n'), 'the repeated unit removed');
    assert.ok(fixed.includes('牵头单位：省发展改革委\n   配合单位：虎扑体育海关'), 'canonical names fixed; an unknown unit is not replaced by a guess');
    assert.deepStrictEqual(t.service.codeActions(uri, everywhere, ['source.fixAll']).length, 1);
  });

  it('combines fixes without duplicate or overlapping edits', () => {
    const range = (a: number, b: number) => ({ start: { line: 0, character: a }, end: { line: 0, character: b } });
    const d = (code: string, edits: [number, number, string][], preferred = true): Diagnostic => ({
      code,
      severity: 'warning',
      message: { zh: '', en: '' },
      range: range(0, 1),
      fixes: [{ title: { zh: '', en: '' }, edits: edits.map(([a, b, newText]) => ({ range: range(a, b), newText })), preferred }],
    });
    const { edits, fixed } = combineFixes([d('A', [[0, 5, 'x']]), d('A', [[0, 5, 'x']]), d('A', [[3, 8, 'y']]), d('A', [[5, 6, 'z']]), d('A', [[9, 9, 'w']], false)], true);
    assert.deepStrictEqual(edits.map((e) => e.newText), ['x', 'z']);
    assert.strictEqual(fixed.length, 3, 'the repeat adds nothing but is fixed; the overlapping one and the non-preferred one are left');
  });
});

describe('service: settings applied to diagnostics', () => {
  it('turns a code off or changes its severity', () => {
    const t = testWorkspace();
    const { uri } = t.open('s.fenjie', DOC);
    assert.ok(t.service.diagnostics(uri).some((d) => d.code === 'FJ102'));
    assert.ok(!t.service.diagnostics(uri, { severity: { FJ102: 'off' } }).some((d) => d.code === 'FJ102'));
    const raised = t.service.diagnostics(uri, { severity: { FJ102: 'error' } }).filter((d) => d.code === 'FJ102');
    assert.ok(raised.length > 0 && raised.every((d) => d.severity === 'error'));
    assert.ok(!t.service.codeActions(uri, everywhere, undefined, { severity: { FJ102: 'off' } }).some((a) => a.diagnostics.some((d) => d.code === 'FJ102')), 'no fix for a silenced code');
  });

  it('asks for the preferred name form instead of the canonical name', () => {
    const t = testWorkspace();
    const { uri } = t.open('s.fenjie', `${HEAD}1. 甲。\n   牵头单位：省发改委\n   配合单位：省财政厅、省工业和信息化厅\n`);
    const short = t.service.diagnostics(uri, { preferredNameForm: '简称' }).filter((d) => d.code === 'FJ102');
    assert.deepStrictEqual(
      short.map((d) => d.fixes![0].edits[0].newText),
      ['省工信厅'],
      '省发改委 is the short name; 省财政厅 has none; 省工业和信息化厅 should be 省工信厅',
    );
    const full = t.service.diagnostics(uri, { preferredNameForm: '全称' }).filter((d) => d.code === 'FJ102');
    assert.deepStrictEqual(
      full.map((d) => d.fixes![0].edits[0].newText),
      ['测试省发展和改革委员会', '测试省财政厅'],
    );
  });
});
