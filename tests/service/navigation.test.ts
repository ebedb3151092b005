/**
 * Definition, references, highlights and rename across two documents and the registry.
 */
import * as assert from 'assert';
import type { TextEdit } from '../../core/src/model';
import { applyEdits, HEAD, REGISTRY_URI, testWorkspace } from './helpers';

const A = `${HEAD}1. 推动“四上”企业增长。\n   牵头领导：王健\n   牵头单位：省<|>发展改革委\n   配合单位：省发改委、省财政厅\n2. 乙。\n   牵头领导：王<|>健\n   牵头单位：省财政厅\n   配合单位：虎扑<|>体育海关\n`;
const B = `${HEAD}1. 丙。\n   牵头单位：省发展改革委\n   配合单位：省商务厅\n`;

function setup() {
  const t = testWorkspace();
  const a = t.open('nav-a.fenjie', A);
  const b = t.open('nav-b.fenjie', B);
  return { t, a, b };
}

function texts(t: ReturnType<typeof setup>['t'], locations: { uri: string; range: TextEdit['range'] }[]): string[] {
  return locations.map((l) => {
    const text = l.uri === REGISTRY_URI ? t.workspace.registryFile(REGISTRY_URI)!.text : t.workspace.context(l.uri)!.text;
    const line = text.split('\n')[l.range.start.line];
    return `${l.uri.split('/').pop()}:${l.range.start.line}:${line.slice(l.range.start.character, l.range.end.character)}`;
  });
}

describe('service: navigation', () => {
  it('goes from a unit and from a leader to its registry entry', () => {
    const { t, a } = setup();
    assert.deepStrictEqual(texts(t, t.service.definition(a.uri, a.positions[0])), ['test.units.fenjie:1:省发展改革委']);
    assert.deepStrictEqual(texts(t, t.service.definition(a.uri, a.positions[1])), ['test.units.fenjie:23:王健']);
  });

  it('finds every spelling of a unit in every document and the registry', () => {
    const { t, a } = setup();
    const found = texts(t, t.service.references(a.uri, a.positions[0], true));
    assert.deepStrictEqual(found.sort(), [
      'nav-a.fenjie:7:省发展改革委',
      'nav-a.fenjie:8:省发改委',
      'nav-b.fenjie:6:省发展改革委',
      'test.units.fenjie:1:省发展改革委',
      'test.units.fenjie:25:省发展改革委',
      'test.units.fenjie:2:测试省发展和改革委员会',
      'test.units.fenjie:3:省发改委',
    ]);
    const withoutDeclaration = texts(t, t.service.references(a.uri, a.positions[0], false));
    assert.ok(!withoutDeclaration.includes('test.units.fenjie:1:省发展改革委'));
    assert.ok(withoutDeclaration.includes('test.units.fenjie:25:省发展改革委'), 'a leader’s 分管 list is a use');
  });

  it('highlights a leader’s mentions in the document', () => {
    const { t, a } = setup();
    assert.deepStrictEqual(
      t.service.documentHighlights(a.uri, a.positions[1]).map((h) => h.range.start.line),
      [6, 10],
    );
  });

  it('renames one spelling in documents and registry, leaving other spellings alone', () => {
    const { t, a, b } = setup();
    const prepared = t.service.prepareRename(a.uri, a.positions[0]);
    assert.deepStrictEqual(prepared && 'placeholder' in prepared ? prepared.placeholder : prepared, '省发展改革委');
    const result = t.service.rename(a.uri, a.positions[0], '省发展和改革委');
    assert.ok('edits' in result);
    const after = (uri: string, text: string) => applyEdits(text, result.edits.get(uri) ?? []);
    const newA = after(a.uri, a.text);
    assert.ok(newA.includes('牵头单位：省发展和改革委\n') && newA.includes('配合单位：省发改委、'), newA);
    assert.ok(after(b.uri, b.text).includes('牵头单位：省发展和改革委\n'));
    const registry = after(REGISTRY_URI, t.workspace.registryFile(REGISTRY_URI)!.text);
    assert.ok(registry.includes('单位：省发展和改革委\n') && registry.includes('分管：省发展和改革委、省财政厅') && registry.includes('简称：省发改委'), registry);
  });

  it('finds references and renames from the registry file too', () => {
    const { t, a } = setup();
    const registry = t.workspace.registryFile(REGISTRY_URI)!.text.split('\n');
    // 省发改委 in `简称：省发改委` (line 3), and 省财政厅 in 王健's 分管 list.
    const shortName = { line: 3, character: registry[3].indexOf('省发改委') + 1 };
    const found = texts(t, t.service.references(REGISTRY_URI, shortName, false));
    assert.ok(found.includes('nav-a.fenjie:7:省发展改革委') && found.includes('nav-a.fenjie:8:省发改委'), found.join());
    const result = t.service.rename(REGISTRY_URI, shortName, '省发改');
    assert.ok('edits' in result);
    assert.deepStrictEqual(
      [...result.edits.entries()].map(([uri, edits]) => `${uri.split('/').pop()}:${edits.map((e) => e.range.start.line).join(',')}`).sort(),
      ['nav-a.fenjie:8', 'test.units.fenjie:3'],
    );
    const oversight = registry.findIndex((l) => l.includes('分管：省发展改革委、省财政厅'));
    const inList = { line: oversight, character: registry[oversight].indexOf('省财政厅') + 1 };
    assert.deepStrictEqual(texts(t, t.service.definition(a.uri, { line: 10, character: 9 })), ['test.units.fenjie:23:王健']);
    const prepared = t.service.prepareRename(REGISTRY_URI, inList);
    assert.ok('placeholder' in prepared && prepared.placeholder === '省财政厅');
  });

  it('refuses to rename an unknown unit, or to a name another entry has', () => {
    const { t, a } = setup();
    assert.ok('error' in t.service.prepareRename(a.uri, a.positions[2]));
    const taken = t.service.rename(a.uri, a.positions[0], '省财政厅');
    assert.ok('error' in taken && taken.error.zh.includes('省财政厅'));
    const invalid = t.service.rename(a.uri, a.positions[0], '甲、乙');
    assert.ok('error' in invalid);
  });
});
