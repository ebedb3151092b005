/**
 * Completion, data-driven: each fixture in tests/fixtures/lsp/completion has one `<|>` cursor;
 * its `.expected.txt` lists the entries in our order (refresh with UPDATE_EXPECTED=1). The
 * assertions below pin the behaviours the issue names, so a refreshed expectation that broke
 * one of them still fails.
 */
import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import type { CompletionEntry } from '../../core/src/service/index';
import { expectFile } from '../helpers/expected';
import { FIXTURES, HEAD, testWorkspace } from './helpers';

const DIR = path.join(FIXTURES, 'completion');

function describeEntry(e: CompletionEntry): string {
  const r = e.edit.range;
  return `${e.sortText} ${e.kind} ${e.label} | ${e.detail ?? ''} | ${JSON.stringify(e.edit.newText)} @${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

function complete(marked: string, settings = {}) {
  const t = testWorkspace();
  const { uri, positions } = t.open('completion-case.fenjie', marked);
  return t.service.completion(uri, positions[0], settings);
}

function labels(marked: string, settings = {}): string[] {
  return complete(marked, settings).items.map((i) => i.label);
}

describe('service: completion fixtures', () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.fenjie'))) {
    it(file, () => {
      const result = complete(readFileSync(path.join(DIR, file), 'utf8'));
      const text = result.items.slice(0, 12).map(describeEntry).join('\n') + '\n';
      expectFile(text, path.join(DIR, file.replace(/\.fenjie$/, '.expected.txt')));
    });
  }
});

describe('service: completion behaviour', () => {
  it('finds a unit by pinyin initials, by syllable prefixes and by characters anywhere', () => {
    assert.strictEqual(labels(`${HEAD}1. 推动投资。\n   牵头单位：fgw<|>\n`)[0], '省发展改革委');
    assert.strictEqual(labels(`${HEAD}1. 推动投资。\n   牵头单位：fagaiwei<|>\n`)[0], '省发展改革委');
    assert.strictEqual(labels(`${HEAD}1. 推动投资。\n   牵头单位：caizheng<|>\n`)[0], '省财政厅');
    assert.strictEqual(labels(`${HEAD}1. 推动投资。\n   牵头单位：农村<|>\n`)[0], '省农业农村厅');
    assert.ok(!labels(`${HEAD}1. 推动投资。\n   牵头单位：农村<|>\n`).includes('省财政厅'), 'a name without the typed characters is not offered');
  });

  it('leaves out units already in the list, and lead units from the cooperating list', () => {
    const offered = labels(`${HEAD}1. 推动投资。\n   牵头单位：省发展改革委\n   配合单位：省商务厅、<|>\n`);
    assert.ok(offered.length > 0);
    assert.ok(!offered.includes('省商务厅'), 'listed in the same field');
    assert.ok(!offered.includes('省发展改革委'), 'already the lead unit');
    assert.ok(offered.includes('省财政厅'));
  });

  it('ranks first the leaders who oversee the task’s lead units, even when the leader line comes first', () => {
    assert.strictEqual(labels(`${HEAD}1. 推动教育发展。\n   牵头领导：<|>\n   牵头单位：省教育厅\n`)[0], '张华');
    assert.strictEqual(labels(`${HEAD}1. 推动投资。\n   牵头单位：省商务厅\n   牵头领导：<|>\n`)[0], '李强');
  });

  it('shows 全称 and 类别 as the detail, and inserts the preferred name form', () => {
    const item = complete(`${HEAD}1. 推动投资。\n   牵头单位：fgw<|>\n`).items[0];
    assert.strictEqual(item.detail, '测试省发展和改革委员会 · 省直部门');
    const full = complete(`${HEAD}1. 推动投资。\n   牵头单位：fgw<|>\n`, { preferredNameForm: '全称' }).items[0];
    assert.strictEqual(full.edit.newText, '测试省发展和改革委员会');
    const short = complete(`${HEAD}1. 推动投资。\n   牵头单位：fgw<|>\n`, { preferredNameForm: '简称' }).items[0];
    assert.strictEqual(short.edit.newText, '省发改委');
  });

  it('replaces exactly the typed prefix, starts every filterText with it, and keeps our order in sortText', () => {
    const result = complete(`${HEAD}1. 推动投资。\n   配合单位：省商务厅、 fgw<|>\n`);
    assert.ok(result.isIncomplete, 'the editor asks again as the prefix grows');
    const line = HEAD.split("\n").length;
    for (const item of result.items) {
      assert.deepStrictEqual(item.edit.range, { start: { line, character: 14 }, end: { line, character: 17 } });
      assert.ok(item.filterText.startsWith('fgw'), item.filterText);
    }
    const first = result.items[0];
    assert.ok(first.filterText.includes('sheng fa zhan gai ge wei'), 'pinyin syllables for the editor’s own matcher');
    assert.ok(first.filterText.includes('sfzggw'), 'initials');
    const sorted = [...result.items].sort((a, b) => a.sortText.localeCompare(b.sortText));
    assert.deepStrictEqual(sorted, result.items);
  });

  it('offers the next task number, chapter and section from the heads above', () => {
    assert.deepStrictEqual(labels(`${HEAD}11. 甲。\n   牵头单位：省商务厅\n<|>\n`).slice(0, 3), ['12.', '二、', '（一）']);
    assert.deepStrictEqual(labels(`${HEAD}（二）乙。\n11. 甲。\n（<|>\n`), ['（三）']);
    assert.deepStrictEqual(labels(`${HEAD}（二）乙。\n二、丙\n（<|>\n`), ['（一）'], 'sections count again in a new chapter');
    assert.deepStrictEqual(labels(`${HEAD}1<|>\n`), ['1.']);
  });

  it('offers missing task fields first, indented when typed at column 0 inside a task', () => {
    const result = complete(`${HEAD}1. 甲。\n   牵头单位：省商务厅\n   <|>\n`);
    assert.strictEqual(result.items[result.items.length - 1].label, '牵头单位', 'a field the task has comes last');
    const atZero = complete(`${HEAD}1. 甲。\n牵<|>\n`).items.find((i) => i.label === '牵头领导');
    assert.strictEqual(atZero?.edit.newText, '   牵头领导：');
  });

  it('completes glossary terms after “ and closes the quote', () => {
    const result = complete(`${HEAD}1. 推动“<|>\n\n【名词解释】\n“三大目标”：全力打造示范区。\n`);
    const names = result.items.map((i) => i.edit.newText);
    assert.ok(names.includes('三大目标”'), names.join());
    assert.ok(names.includes('四上”'), 'registry terms too');
  });
});
