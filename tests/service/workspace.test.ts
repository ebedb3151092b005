/**
 * The in-memory workspace: analyses cached per version, invalidated when a registry changes; the
 * last good registry kept when an edit breaks it; refused files; `单位库：` paths resolved and
 * reported when missing.
 */
import * as assert from 'assert';
import { createLanguageService, resolveRegistryPath, uriKey, Workspace } from '../../core/src/service/index';
import { fixture, HEAD, REGISTRY_URI, testWorkspace } from './helpers';

describe('service: workspace', () => {
  it('analyses a version once, whatever the number of requests', () => {
    const t = testWorkspace();
    const { uri } = t.open('w.fenjie', `${HEAD}1. 甲。\n   牵头单位：省商务厅\n`);
    const first = t.workspace.context(uri)!.analysis;
    t.service.hover(uri, { line: 6, character: 9 });
    t.service.documentSymbols(uri);
    t.service.diagnostics(uri);
    assert.strictEqual(t.workspace.context(uri)!.analysis, first, 'same Analysis object');
    t.workspace.setDocument(uri, `${HEAD}1. 乙。\n   牵头单位：省商务厅\n`, 2);
    assert.notStrictEqual(t.workspace.context(uri)!.analysis, first, 'a new version is analysed again');
  });

  it('keeps the editor text of an open document when the workspace scan reads the file from disk after it opened', () => {
    const t = testWorkspace();
    const edited = `${HEAD}1. 甲（未保存的修改）。\n   牵头单位：省商务厅\n`;
    const { uri } = t.open('w.fenjie', edited);
    t.workspace.setDocument(uri, `${HEAD}1. 甲。\n   牵头单位：省商务厅\n`, -1, false);
    assert.strictEqual(t.workspace.context(uri)!.text, edited);
    assert.ok(t.workspace.isOpen(uri));
  });

  it('completes without analysing the new version', () => {
    const t = testWorkspace();
    const { uri } = t.open('w.fenjie', `${HEAD}1. 甲。\n   牵头单位：省商务厅\n`);
    t.service.diagnostics(uri);
    t.workspace.setDocument(uri, `${HEAD}1. 甲。\n   牵头单位：省商务厅\n   配合单位：\n`, 2);
    const items = t.service.completion(uri, { line: 7, character: 8 }).items;
    assert.ok(items.length > 0);
    assert.strictEqual(t.workspace.context(uri)!.analyzedAlready, false);
  });

  it('re-checks documents when a registry changes', () => {
    const t = testWorkspace();
    const { uri } = t.open('w.fenjie', `${HEAD}1. 甲。\n   牵头单位：省文化厅\n`);
    assert.ok(t.service.diagnostics(uri).some((d) => d.code === 'FJ101'));
    t.workspace.setRegistry(REGISTRY_URI, fixture('registries/test.units.fenjie') + '单位：省文化厅\n  类别：省直部门\n');
    assert.ok(!t.service.diagnostics(uri).some((d) => d.code === 'FJ101'));
  });

  it('keeps the last good registry in use while the registry has errors, and says so', () => {
    const t = testWorkspace();
    const { uri } = t.open('w.fenjie', `${HEAD}1. 甲。\n   牵头单位：省商务厅\n`);
    const broken = fixture('registries/test.units.fenjie').replace('单位：省商务厅\n', '单位：省商务厅\n单位：省商务厅\n').replace('单位：省财政厅', '乱写的一行\n单位：省财政厅');
    const file = t.workspace.setRegistry(REGISTRY_URI, broken);
    assert.notStrictEqual(file.inUse, file.current);
    const codes = t.service.diagnostics(REGISTRY_URI).map((d) => d.code);
    assert.ok(codes.includes('FJ802') && codes.includes('FJ801') && codes.includes('FJ811'), codes.join());
    assert.ok(!t.service.diagnostics(uri).some((d) => d.code === 'FJ101'), 'documents still resolve against the good version');
  });

  it('refuses huge and binary files with a diagnostic instead of analysing them', () => {
    const t = testWorkspace();
    const huge = t.open('huge.fenjie', '1. 甲。\n' + 'x'.repeat(5 * 1024 * 1024 + 1));
    assert.deepStrictEqual(
      t.service.diagnostics(huge.uri).map((d) => d.code),
      ['FJ809'],
    );
    const binary = t.open('bin.fenjie', 'PK\u0003\u0004\u0000\u0000garbage');
    assert.deepStrictEqual(
      t.service.diagnostics(binary.uri).map((d) => d.code),
      ['FJ810'],
    );
  });

  it('uses exactly the registries a document names, and reports one that cannot be found on 单位库：', () => {
    const workspace = new Workspace();
    const service = createLanguageService({ workspace, locale: 'en' });
    const uri = 'file:///ws/docs/a.fenjie';
    workspace.setDocument(uri, '单位库：../reg/x.units.fenjie\n1. 甲。\n   牵头单位：省商务厅\n', 1);
    assert.deepStrictEqual(workspace.registriesToLoad(uri), ['file:///ws/reg/x.units.fenjie']);
    workspace.markRegistryUnavailable('file:///ws/reg/x.units.fenjie', { zh: '文件不存在', en: 'the file does not exist' });
    const missing = service.diagnostics(uri).find((d) => d.code === 'FJ808')!;
    assert.ok(missing.message.en.includes('the file does not exist'), missing.message.en);
    assert.strictEqual(missing.range.start.line, 0);
    assert.strictEqual(missing.range.start.character, 4);
    workspace.setRegistry('file:///ws/reg/x.units.fenjie', '单位：省商务厅\n', false);
    assert.deepStrictEqual(workspace.registriesToLoad(uri), []);
    assert.ok(!service.diagnostics(uri).some((d) => d.code === 'FJ808' || d.code === 'FJ101'));
  });

  it('spells uris one way', () => {
    assert.strictEqual(uriKey('file:///c%3A/a/%E5%8D%95.fenjie'), uriKey('file:///C:/a/单.fenjie'));
    assert.strictEqual(resolveRegistryPath('file:///ws/d/a.fenjie', '..\\r\\辽宁.units.fenjie'), 'file:///ws/r/%E8%BE%BD%E5%AE%81.units.fenjie');
  });
});
