/**
 * The export and import commands (client/src/exports.ts, import.ts) against the `vscode`
 * stand-in: what gets written where, that an existing file is replaced only when the user says
 * so, and that an imported table opens as a new unsaved Fenjie document with its notes.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze } from '../../core/src/analyze';
import type { Analysis } from '../../core/src/model';
import { EXPORTERS } from '../../exports/src/index';
import { fromRoot } from '../helpers/expected';
import { fakeDocument, fakeEditor, installVscodeStandIn, resetState, state, Uri } from './vscode-stand-in';

installVscodeStandIn();
// Loaded only now: the modules require 'vscode' when they load.
/* eslint-disable @typescript-eslint/no-require-imports */
const { registerExportCommands } = require('../../client/src/exports') as typeof import('../../client/src/exports');
const { registerImportCommand } = require('../../client/src/import') as typeof import('../../client/src/import');
/* eslint-enable @typescript-eslint/no-require-imports */

const SOURCE = Uri.file('/work/tasks.fenjie');
const TEXT = ['标题：导出测试', '', '一、第一章', '1. 地区生产总值增长5.5%左右。', '   牵头单位：省发展改革委'].join('\n');
const log = { error() {}, warn() {} } as never;
const noPreview = { activeDocument: () => undefined } as never;

function run(command: string, ...args: unknown[]): Promise<unknown> {
  const handler = state.commands.get(command);
  assert.ok(handler, `${command} is registered`);
  return Promise.resolve(handler(...args));
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe('client: export commands', () => {
  let disposables: { dispose(): unknown }[];
  const analysis: Analysis = analyze(TEXT, { uri: SOURCE.toString(), registries: [] });

  beforeEach(() => {
    resetState();
    const editor = fakeEditor(fakeDocument(SOURCE, 5));
    state.visibleTextEditors = [editor];
    state.activeTextEditor = editor;
    // The server's side of fenjie/export: the same renderers, here in process.
    disposables = registerExportCommands(async (_uri, format) => Buffer.from(await EXPORTERS[format].render(analysis)), noPreview, log);
  });

  afterEach(() => disposables.forEach((d) => d.dispose()));

  it('offers a file beside the document and writes the export there (CSV with a byte order mark)', async () => {
    state.saveDialog = Uri.file('/work/out/tasks.csv');
    await run('fenjie.exportCsv');
    const dialog = state.shown.find((s) => s.kind === 'save')?.options as { defaultUri: Uri; filters: Record<string, string[]> };
    assert.strictEqual(dialog.defaultUri.path, '/work/tasks.csv');
    assert.deepStrictEqual(Object.values(dialog.filters), [['csv']]);
    const written = state.files.get('/work/out/tasks.csv');
    assert.ok(written, 'the file was written');
    assert.deepStrictEqual([...written.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.ok(text(written).includes('地区生产总值增长5.5%左右。'));
    assert.ok(state.shown.some((s) => s.kind === 'info' && s.message?.includes('/work/out/tasks.csv')));
  });

  it('writes Word and Excel files as the renderers made them', async () => {
    state.saveDialog = Uri.file('/work/tasks.docx');
    await run('fenjie.exportDocx');
    state.saveDialog = Uri.file('/work/tasks.xlsx');
    await run('fenjie.exportXlsx');
    for (const file of ['/work/tasks.docx', '/work/tasks.xlsx']) assert.strictEqual(text(state.files.get(file)?.subarray(0, 2)), 'PK', file);
  });

  it('asks before replacing an existing file, and leaves it alone unless told to replace it', async () => {
    state.files.set('/work/tasks.html', new TextEncoder().encode('old'));
    state.saveDialog = Uri.file('/work/tasks.html');
    state.warningAnswer = undefined;
    await run('fenjie.exportHtml');
    const question = state.shown.find((s) => s.kind === 'warning');
    assert.ok(question && question.message?.includes('tasks.html'), 'the user was asked');
    assert.deepStrictEqual(question.options, { modal: true });
    assert.strictEqual(text(state.files.get('/work/tasks.html')), 'old');

    state.warningAnswer = 'Replace';
    await run('fenjie.exportHtml');
    assert.match(text(state.files.get('/work/tasks.html')), /^<!DOCTYPE html>/i);
  });

  it('does not ask a second time when VS Code’s own save dialog already did', async () => {
    state.settings.set('files.simpleDialog.enable', true);
    state.files.set('/work/tasks.html', new TextEncoder().encode('old'));
    state.saveDialog = Uri.file('/work/tasks.html');
    await run('fenjie.exportHtml');
    assert.ok(!state.shown.some((s) => s.kind === 'warning'));
    assert.match(text(state.files.get('/work/tasks.html')), /^<!DOCTYPE html>/i);
  });

  it('writes nothing when the dialog is cancelled, and explains when no Fenjie document is open', async () => {
    await run('fenjie.exportCsv');
    assert.strictEqual(state.files.size, 0);
    state.activeTextEditor = undefined;
    await run('fenjie.exportCsv');
    assert.strictEqual(state.shown.filter((s) => s.kind === 'save').length, 1, 'no dialog without a document');
    assert.ok(state.shown.some((s) => s.kind === 'warning' && /Open a Fenjie document/.test(s.message ?? '')));
  });
});

describe('client: import command', () => {
  let extension: string;
  let disposables: { dispose(): unknown }[];

  before(() => {
    // The extension's layout: the shipped registries in dist/registries.
    extension = fs.mkdtempSync(path.join(os.tmpdir(), 'fenjie-extension-'));
    fs.mkdirSync(path.join(extension, 'dist', 'registries'), { recursive: true });
    for (const name of fs.readdirSync(fromRoot('registries'))) fs.copyFileSync(fromRoot('registries', name), path.join(extension, 'dist', 'registries', name));
  });

  after(() => fs.rmSync(extension, { recursive: true, force: true }));

  beforeEach(() => {
    resetState();
    disposables = registerImportCommand(Uri.file(extension) as never, log);
  });

  afterEach(() => disposables.forEach((d) => d.dispose()));

  it('opens the imported table as a new unsaved Fenjie document, with its notes in the Problems panel', async () => {
    const seed = fromRoot('tests', 'fixtures', 'client', 'tiexi-excerpt.txt');
    state.openDialog = [Uri.file(seed)];
    await run('fenjie.import');
    assert.deepStrictEqual(state.shown.filter((s) => s.kind === 'error'), []);
    assert.strictEqual(state.opened.length, 1);
    const [document] = state.opened;
    assert.strictEqual(document.language, 'fenjie');
    assert.match(document.content, /^\s*牵头单位：区发改局/m);
    // `中德园项目（企业） 服务中心` is one unit of the shipped 铁西区 registry, broken by the PDF layout.
    assert.ok(document.content.includes('中德园项目（企业）服务中心'), document.content);
    const notes = state.diagnostics.get(document.uri.toString()) ?? [];
    assert.ok(notes.every((n) => typeof n.code === 'string' && /^FJ\d{3}$/.test(n.code)));
    assert.ok(state.shown.some((s) => s.kind === 'info' && /Imported \d+ tasks from tiexi-excerpt\.txt/.test(s.message ?? '')));
  });

  it('says in the display language why a file cannot be imported, and opens nothing', async () => {
    state.files.set('/work/empty.docx', new Uint8Array());
    state.openDialog = [Uri.file('/work/empty.docx')];
    await run('fenjie.import');
    assert.strictEqual(state.opened.length, 0);
    const error = state.shown.find((s) => s.kind === 'error');
    assert.ok(error?.message?.includes('文件为空'), error?.message);
  });
});
