import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { LineIndex, MappedText, nameKey, parseDocument, parseRegistry } from '../grammar/src/index';
import { expectFile, fromRoot } from './helpers/expected';

const FIXTURES = fromRoot('tests', 'fixtures', 'grammar');

/** A tree as JSON with MappedText shown as its text and range, for readable snapshots. */
function snapshot(value: unknown): string {
  return (
    JSON.stringify(
      value,
      (_key, v) => (v instanceof MappedText ? { text: v.text, range: v.range } : v && typeof v === 'object' && 'line' in v && 'character' in v ? `${v.line}:${v.character}` : v),
      1,
    ) + '\n'
  );
}

describe('grammar', () => {
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.fenjie'))) {
    it(`parses ${file} to its checked-in tree`, () => {
      const text = readFileSync(path.join(FIXTURES, file), 'utf8');
      expectFile(snapshot(parseDocument(text)), path.join(FIXTURES, file.replace(/\.fenjie$/, '.tree.json')));
    });
  }

  it('gives the same tree for LF, CRLF and CR line ends, and with a BOM', () => {
    const text = readFileSync(path.join(FIXTURES, 'structure.fenjie'), 'utf8');
    const lf = snapshot(parseDocument(text));
    assert.strictEqual(snapshot(parseDocument(text.replace(/\n/g, '\r\n'))), lf);
    assert.strictEqual(snapshot(parseDocument(text.replace(/\n/g, '\r'))), lf);
    // The BOM is one code unit of line 0 (editors drop it before us); every other position is unmoved.
    const line0 = /"0:\d+"/g;
    assert.strictEqual(snapshot(parseDocument('\ufeff' + text)).replace(line0, '0:x'), lf.replace(line0, '0:x'));
  });

  it('counts columns in UTF-16 code units, as LSP does (a surrogate pair is two)', () => {
    const doc = parseDocument('1. 建设𠀀园区\n   牵头单位：省发展改革委\n');
    const task = doc.chapters[0].tasks[0];
    assert.deepStrictEqual(task.text.range, { start: { line: 0, character: 3 }, end: { line: 0, character: 9 } });
    const lead = task.fields[0];
    assert.deepStrictEqual(lead.value.range, { start: { line: 1, character: 8 }, end: { line: 1, character: 14 } });
  });

  it('maps a text joined over continuation lines back to each line', () => {
    const doc = parseDocument('1. 紧跟中央投资方向，\n    深入实施15项重大工程。\n');
    const text = doc.chapters[0].tasks[0].text;
    assert.strictEqual(text.text, '紧跟中央投资方向，深入实施15项重大工程。');
    const at = text.text.indexOf('15');
    assert.deepStrictEqual(text.rangeOf(at, at + 2), { start: { line: 1, character: 8 }, end: { line: 1, character: 10 } });
  });

  it('treats `1.5万户` at a line start as text, not a task number', () => {
    const doc = parseDocument('1. 新增\n   1.5万户\n');
    assert.strictEqual(doc.chapters[0].tasks.length, 1);
    assert.strictEqual(doc.chapters[0].tasks[0].text.text, '新增1.5万户');
  });

  it('reports a field outside any task, and keeps going', () => {
    const doc = parseDocument('一、章\n   牵头单位：省发展改革委\n1. 任务\n');
    assert.deepStrictEqual(doc.problems.map((p) => p.code), ['FJ001']);
    assert.strictEqual(doc.chapters[0].tasks.length, 1);
  });

  it('never throws and always returns a tree, whatever the input', () => {
    const inputs = ['', '\n\n\n', '\u0000\u0001', '\ud800', '【', '一、', '（一）', '1.', '牵头单位：', '\t\t\t', '\r\r\n\n', 'a'.repeat(100000)];
    for (const input of inputs) {
      const doc = parseDocument(input);
      assert.ok(Array.isArray(doc.chapters), JSON.stringify(input.slice(0, 10)));
    }
  });

  it('reports control characters and lone surrogates', () => {
    const doc = parseDocument('1. 任务\u0007文字\ud800\n');
    assert.deepStrictEqual(doc.problems.map((p) => `${p.code}@${p.range.start.character}`), ['FJ006@5', 'FJ006@8']);
  });

  it('parses registry entries with their indented properties', () => {
    const reg = parseRegistry('辖区：辽宁省\n单位：省发展改革委\n  全称：辽宁省发展和改革委员会\n  简称：省发改委、\n    发改委\n领导：王 健\n  分管：省发展改革委\n');
    assert.strictEqual(reg.header[0].value.text, '辽宁省');
    assert.deepStrictEqual(reg.entries.map((e) => [e.kind.name, e.kind.value.text, e.properties.map((p) => `${p.name}=${p.value.text}`)]), [
      ['单位', '省发展改革委', ['全称=辽宁省发展和改革委员会', '简称=省发改委、发改委']],
      ['领导', '王 健', ['分管=省发展改革委']],
    ]);
  });
});

describe('text', () => {
  it('folds full-width forms and drops spaces in name keys', () => {
    assert.strictEqual(nameKey('省数据局（省营商局）'), nameKey('省数据局(省营商局)'));
    assert.strictEqual(nameKey('王 健'), '王健');
    assert.strictEqual(nameKey('５．５％'), '5.5%');
  });

  it('converts offsets and positions both ways over mixed line ends', () => {
    const index = new LineIndex('ab\r\ncd\ne\rf');
    assert.deepStrictEqual(index.positionAt(4), { line: 1, character: 0 });
    assert.strictEqual(index.offsetAt({ line: 3, character: 0 }), 9);
    assert.strictEqual(index.lineText(1), 'cd');
  });
});
