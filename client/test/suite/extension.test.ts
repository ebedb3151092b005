/**
 * The extension in a real VS Code: the fixture workspace (client/test/fixtures/workspace) has a
 * document naming its registry with `单位库：`. Diagnostics arrive asynchronously (the server
 * debounces), so the tests wait for the diagnostics event, never for a fixed time.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'fenjie.fenjie';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with client/test/fixtures/workspace open');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function open(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(document);
  return document;
}

/** The position just after the first occurrence of `text` in the document (plus `offset` characters into it when given). */
function positionOf(document: vscode.TextDocument, text: string, offset = text.length): vscode.Position {
  const index = document.getText().indexOf(text);
  assert.ok(index >= 0, `"${text}" is in ${document.uri.path}`);
  return document.positionAt(index + offset);
}

/** Resolves with the document's diagnostics once `accept` holds for them, or rejects after `timeoutMs`. */
function diagnosticsWhen(uri: vscode.Uri, accept: (d: vscode.Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const current = vscode.languages.getDiagnostics(uri);
      if (!accept(current)) return false;
      clearTimeout(timer);
      listener.dispose();
      resolve(current);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`no matching diagnostics for ${uri.path}: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => d.code))}`));
    }, timeoutMs);
    check();
  });
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

function hoverText(hover: vscode.Hover): string {
  return hover.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

describe('Fenjie extension', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    await extension.activate();
  });

  it('gives .fenjie and .units.fenjie files their languages', async () => {
    assert.strictEqual((await open('tasks.fenjie')).languageId, 'fenjie');
    assert.strictEqual((await open('test.units.fenjie')).languageId, 'fenjie-registry');
  });

  it('reports the unknown unit with its code, on the name only', async () => {
    const document = await open('tasks.fenjie');
    const diagnostics = await diagnosticsWhen(document.uri, (ds) => ds.some((d) => codeOf(d) === 'FJ101'));
    const unknown = diagnostics.find((d) => codeOf(d) === 'FJ101');
    assert.ok(unknown);
    assert.strictEqual(document.getText(unknown.range), '虎扑体育海关');
  });

  it('completes unit names after 牵头单位：, leaving out none of the registry', async () => {
    const document = await open('tasks.fenjie');
    const position = positionOf(document, '2. 推进第二项任务。\n   牵头单位：');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(labels.includes('省发展改革委'), labels.join(', '));
    assert.ok(labels.includes('省财政厅'), labels.join(', '));
  });

  it('shows the full name of a unit on hover, over exactly the name', async () => {
    const document = await open('tasks.fenjie');
    const start = positionOf(document, '牵头单位：省发展改革委', '牵头单位：'.length);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, start.translate(0, 2));
    const hover = hovers.find((h) => hoverText(h).includes('辽宁省发展和改革委员会'));
    assert.ok(hover, hovers.map(hoverText).join('\n---\n'));
    assert.ok(hover.range, 'the hover names its range');
    assert.strictEqual(document.getText(hover.range), '省发展改革委');
  });

  it('outlines chapters with their tasks', async () => {
    const document = await open('tasks.fenjie');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    const chapter = symbols.find((s) => s.name.includes('测试章'));
    assert.ok(chapter, symbols.map((s) => s.name).join(', '));
    assert.strictEqual(chapter.children.length, 2);
    assert.ok(chapter.children[0].name.startsWith('1'));
  });

  it('opens the preview beside the editor', async () => {
    await open('tasks.fenjie');
    await vscode.commands.executeCommand('fenjie.showPreviewToSide');
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
    const preview = tabs.find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('fenjie.preview'));
    assert.ok(preview, tabs.map((t) => t.label).join(', '));
    assert.notStrictEqual(preview.group.viewColumn, vscode.window.activeTextEditor?.viewColumn);
  });
});
