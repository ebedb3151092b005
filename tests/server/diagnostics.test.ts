/**
 * Diagnostics over a real LSP connection (the compiled server spawned with --stdio): published on
 * open and after incremental edits (debounced: a burst of edits publishes once), localized by the
 * client's locale, shaped by per-document settings, re-checked when a registry changes (in the
 * editor or on disk), and cleared on close.
 */
import * as assert from 'assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-protocol';
import { FIXTURES, fixtureUri, readFixture, TestClient } from './client';

const REGISTRY_TEXT = readFileSync(path.join(FIXTURES, 'registries', 'test.units.fenjie'), 'utf8');
const HEAD = '标题：测试\n年度：2024\n辖区：测试省\n\n一、主要预期目标\n';

describe('server: diagnostics', function () {
  this.timeout(60000);
  let client: TestClient;
  before(async () => (client = await TestClient.start({ locale: 'zh-CN' })));
  after(() => client.stop());

  it('publishes codes, related locations and the unnecessary tag on open, in Chinese for a zh client', async () => {
    const uri = fixtureUri('diag-open.fenjie');
    client.open(uri, `${HEAD}1. 甲。\n   牵头单位：省商务厅\n   配合单位：省财政厅、省财政厅、虎扑体育海关\n\n【名词解释】\n“三大目标”：全力打造示范区。\n`);
    const diagnostics = await client.current(uri);
    const repeated = diagnostics.find((d) => d.code === 'FJ103')!;
    assert.strictEqual(repeated.severity, DiagnosticSeverity.Warning);
    assert.strictEqual(repeated.source, 'fenjie');
    assert.strictEqual(repeated.relatedInformation?.[0].location.uri, uri);
    assert.strictEqual(repeated.relatedInformation?.[0].location.range.start.character, 8);
    assert.strictEqual(repeated.relatedInformation?.[0].message, '首次列出');
    const unused = diagnostics.find((d) => d.code === 'FJ601')!;
    assert.deepStrictEqual(unused.tags, [DiagnosticTag.Unnecessary]);
    const unknown = diagnostics.find((d) => d.code === 'FJ101')!;
    assert.ok(unknown.message.startsWith('单位库中没有“虎扑体育海关”'), unknown.message);
  });

  it('follows incremental edits, and a burst of edits publishes once, for the last version', async () => {
    const uri = fixtureUri('diag-edit.fenjie');
    client.open(uri, `${HEAD}1. 甲。\n   牵头单位：省商务厅\n`);
    assert.deepStrictEqual((await client.current(uri)).map((d) => d.code), []);
    const before = client.published.filter((p) => p.uri === uri).length;
    // Type 省文化厅 over 省商务厅, one character at a time.
    const versions: number[] = [];
    const typed = '省文化厅';
    for (let i = 0; i < typed.length; i++) {
      versions.push(client.change(uri, [{ range: { start: { line: 6, character: 8 + i }, end: { line: 6, character: 9 + i } }, text: typed[i] }]));
    }
    const diagnostics = await client.current(uri);
    assert.deepStrictEqual(diagnostics.map((d) => d.code), ['FJ101']);
    assert.strictEqual(diagnostics[0].range.start.character, 8);
    assert.strictEqual(diagnostics[0].range.end.character, 12);
    // The version before the burst may be published again meanwhile (nodejieba finishing its
    // background load re-checks open documents); what must never be published is a version the
    // burst passed through.
    const after = client.published.filter((p) => p.uri === uri).slice(before).filter((p) => p.version !== 1);
    assert.deepStrictEqual(after.map((p) => p.version), [versions[versions.length - 1]], 'intermediate versions were never published');
  });

  it('applies per-document settings: a code off, a severity changed', async () => {
    const uri = fixtureUri('diag-settings.fenjie');
    client.settings = { severity: { FJ102: 'off', FJ101: 'information' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    client.open(uri, `${HEAD}1. 甲。\n   牵头单位：省发改委\n   配合单位：省文化厅\n`);
    const diagnostics = await client.current(uri);
    assert.deepStrictEqual(diagnostics.map((d) => [d.code, d.severity]), [['FJ101', DiagnosticSeverity.Information]]);
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const version = client.change(uri, [{ range: { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } }, text: '一' }]);
    const again = await client.diagnostics(uri, (p) => p.version === version);
    assert.deepStrictEqual(again.diagnostics.map((d) => d.code).sort(), ['FJ101', 'FJ102']);
  });

  it('re-checks open documents when an open registry is edited, and keeps its last good version while it has errors', async () => {
    const registryUri = pathToFileURL(path.join(FIXTURES, 'registries', 'test.units.fenjie')).href;
    const uri = fixtureUri('diag-registry.fenjie');
    client.open(uri, `${HEAD}1. 甲。\n   牵头单位：省文化厅\n`);
    assert.deepStrictEqual((await client.current(uri)).map((d) => d.code), ['FJ101']);
    const published = client.published.length;
    client.open(registryUri, REGISTRY_TEXT, 'fenjie-registry');
    const end = REGISTRY_TEXT.split('\n').length - 1;
    client.change(registryUri, [{ range: { start: { line: end, character: 0 }, end: { line: end, character: 0 } }, text: '单位：省文化厅\n  类别：省直部门\n' }]);
    await client.diagnostics(uri, (p) => client.published.indexOf(p) >= published && p.diagnostics.length === 0);
    // A duplicate entry is an error: the registry reports it, and documents keep the version without it.
    client.change(registryUri, [{ range: { start: { line: end, character: 0 }, end: { line: end, character: 0 } }, text: '单位：省商务厅\n' }]);
    const registryDiagnostics = await client.diagnostics(registryUri, (p) => p.diagnostics.some((d) => d.code === 'FJ802'));
    assert.ok(registryDiagnostics.diagnostics.some((d) => d.code === 'FJ811'));
    const afterBreak = client.published.length;
    client.change(uri, [{ range: { start: { line: 5, character: 3 }, end: { line: 5, character: 3 } }, text: '乙' }]);
    assert.deepStrictEqual((await client.current(uri)).map((d) => d.code), [], '省文化厅 still known from the last good registry');
    assert.ok(client.published.length > afterBreak);
    client.close(registryUri);
  });

  it('reports a 单位库： path that does not exist on that line, and clears diagnostics on close', async () => {
    const uri = fixtureUri('diag-missing.fenjie');
    client.open(uri, `单位库：没有这个.units.fenjie\n${HEAD}1. 甲。\n   牵头单位：省商务厅\n`);
    const missing = (await client.current(uri)).find((d) => d.code === 'FJ808')!;
    assert.ok(missing, 'FJ808');
    assert.strictEqual(missing.range.start.line, 0);
    assert.ok(missing.message.includes('文件不存在'), missing.message);
    client.close(uri);
    await client.diagnostics(uri, (p) => p.diagnostics.length === 0 && p.version === undefined);
  });
});

describe('server: diagnostics in English, and registries on disk', function () {
  this.timeout(60000);
  let client: TestClient;
  let folder: string;
  before(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'fenjie-ws-'));
    writeFileSync(path.join(folder, 'local.units.fenjie'), '辖区：测试省\n单位：省档案局\n  类别：省直部门\n');
    writeFileSync(path.join(folder, 'other.fenjie'), `${HEAD}1. 乙。\n   牵头单位：省档案局\n`);
    client = await TestClient.start({ locale: 'en-US', workspaceFolders: [folder] });
  });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('speaks English to an English client and finds the workspace’s registries', async () => {
    const uri = pathToFileURL(path.join(folder, 'doc.fenjie')).href;
    client.open(uri, `${HEAD}1. 甲。\n   牵头单位：省档案局、省文化厅\n`);
    const diagnostics = await client.current(uri);
    assert.deepStrictEqual(diagnostics.map((d) => d.code), ['FJ101']);
    assert.ok(diagnostics[0].message.startsWith('The registry has no unit "省文化厅"'), diagnostics[0].message);
  });

  it('re-checks when a registry file changes on disk', async () => {
    const uri = pathToFileURL(path.join(folder, 'doc.fenjie')).href;
    const registry = path.join(folder, 'local.units.fenjie');
    writeFileSync(registry, readFileSync(registry, 'utf8') + '单位：省文化厅\n');
    const published = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(registry).href, type: 2 }] });
    await client.diagnostics(uri, (p) => client.published.indexOf(p) >= published && p.diagnostics.length === 0);
  });

  it('finds references in workspace files that are not open', async () => {
    const uri = pathToFileURL(path.join(folder, 'doc.fenjie')).href;
    const references = await client.request<{ uri: string }[]>('textDocument/references', { textDocument: { uri }, position: { line: 6, character: 9 }, context: { includeDeclaration: false } });
    assert.ok(references.some((r) => r.uri.endsWith('/other.fenjie')), JSON.stringify(references));
  });

  it('adds the registries the settings name, relative to the workspace folder', async () => {
    const extra = mkdtempSync(path.join(os.tmpdir(), 'fenjie-extra-'));
    writeFileSync(path.join(extra, 'extra.units.fenjie'), '单位：省方志馆\n  类别：省直部门\n');
    const uri = pathToFileURL(path.join(folder, 'settings.fenjie')).href;
    client.settings = { registries: [path.relative(folder, path.join(extra, 'extra.units.fenjie'))] };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    client.open(uri, `${HEAD}1. 甲。\n   牵头单位：省方志馆、省档案局\n`);
    assert.deepStrictEqual((await client.current(uri)).map((d) => d.code), []);
    client.settings = {};
    rmSync(extra, { recursive: true, force: true });
  });

  it('answers the preview request with the document and its diagnostics', async () => {
    const uri = fixtureUri('basic.fenjie');
    client.open(uri, readFixture('basic.fenjie'));
    const preview = await client.request<{ document: { tasks: unknown[] }; diagnostics: { code: string }[] } | null>('fenjie/preview', { uri });
    assert.strictEqual(preview?.document.tasks.length, 3);
    assert.ok(preview!.diagnostics.some((d) => d.code === 'FJ101'));
    assert.strictEqual(await client.request('fenjie/preview', { uri: 'file:///nowhere.fenjie' }), null);
  });
});
