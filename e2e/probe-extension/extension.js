'use strict';
// A throwaway extension that shows, on a tiny subset of the Fenjie format, the same kinds of
// things the real extension shows (a coded diagnostic with a quick fix, completion, hover,
// outline, a webview preview, an export). The end-to-end harness is proven against it, so a
// harness bug is never mistaken for an extension bug.
const vscode = require('vscode');

const LANGUAGE = 'fenjie-probe';
const UNITS = new Map([
  ['省发展改革委', { fullName: '辽宁省发展和改革委员会', leader: '王健', keys: 'fgw sfzggw fagaiwei' }],
  ['省财政厅', { fullName: '辽宁省财政厅', leader: '王健', keys: 'czt sczt caizhengting' }],
  ['省商务厅', { fullName: '辽宁省商务厅', leader: '李强', keys: 'swt sswt shangwuting' }],
]);
const UNIT_FIELD = /^(\s*)(牵头单位|配合单位|责任单位)([：:])(.*)$/;
const CHAPTER = /^([一二三四五六七八九十]+)、(.*)$/;
const TASK = /^(\d+)[.．、](?!\d)\s*(.*)$/;

function unitMentions(line) {
  const field = UNIT_FIELD.exec(line);
  if (!field) return [];
  const mentions = [];
  let offset = field[1].length + field[2].length + field[3].length;
  for (const part of field[4].split(/([、，,；])/)) {
    const name = part.replace(/等$/, '').trim();
    if (name && !/^[、，,；]$/.test(part)) mentions.push({ name, start: offset + part.indexOf(name) });
    offset += part.length;
  }
  return mentions;
}

function editDistance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

function closestUnit(name) {
  let best;
  for (const candidate of UNITS.keys()) {
    const distance = editDistance(name, candidate);
    if (distance <= 2 && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best && best.candidate;
}

function diagnose(document) {
  const diagnostics = [];
  for (let line = 0; line < document.lineCount; line++) {
    for (const mention of unitMentions(document.lineAt(line).text)) {
      if (UNITS.has(mention.name)) continue;
      const range = new vscode.Range(line, mention.start, line, mention.start + mention.name.length);
      const diagnostic = new vscode.Diagnostic(range, `未知单位“${mention.name}”`, vscode.DiagnosticSeverity.Error);
      diagnostic.code = 'FJ101';
      diagnostic.source = 'fenjie-probe';
      diagnostics.push(diagnostic);
    }
  }
  return diagnostics;
}

function tasksOf(document) {
  const tasks = [];
  for (let line = 0; line < document.lineCount; line++) {
    const text = document.lineAt(line).text;
    const chapter = CHAPTER.exec(text);
    const task = TASK.exec(text);
    if (chapter) tasks.push({ kind: 'chapter', line, number: chapter[1], text: chapter[2], units: [] });
    else if (task) tasks.push({ kind: 'task', line, number: task[1], text: task[2], units: [] });
    else if (tasks.length && /^\s*牵头单位/.test(text)) tasks[tasks.length - 1].units = unitMentions(text).map((m) => m.name);
  }
  return tasks;
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function previewHtml(document) {
  const nonce = Array.from({ length: 32 }, () => Math.floor(Math.random() * 36).toString(36)).join('');
  const rows = tasksOf(document)
    .map((row) =>
      row.kind === 'chapter'
        ? `<tr class="chapter" data-line="${row.line}"><td colspan="3">${escapeHtml(row.number)}、${escapeHtml(row.text)}</td></tr>`
        : `<tr class="task" data-line="${row.line}"><td>${escapeHtml(row.number)}</td><td>${escapeHtml(row.text)}</td><td>${escapeHtml(row.units.join('、'))}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<style nonce="${nonce}">table{border-collapse:collapse}td{border:1px solid var(--vscode-panel-border);padding:2px 6px}tr.chapter{font-weight:bold}</style>
</head><body><table><thead><tr><th>序号</th><th>工作任务</th><th>牵头单位</th></tr></thead><tbody>
${rows}
</tbody></table>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.querySelector('tbody').addEventListener('click', (event) => {
  const row = event.target.closest('tr[data-line]');
  if (row) vscode.postMessage({ reveal: Number(row.dataset.line) });
});
</script></body></html>`;
}

function openPreview(context) {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== LANGUAGE) return;
  const document = editor.document;
  const panel = vscode.window.createWebviewPanel('fenjieProbe.preview', `预览 ${document.fileName.split('/').pop()}`, vscode.ViewColumn.Beside, {
    enableScripts: true,
    localResourceRoots: [],
  });
  panel.webview.html = previewHtml(document);
  const subscriptions = [
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === document) panel.webview.html = previewHtml(document);
    }),
    panel.webview.onDidReceiveMessage(async (message) => {
      const position = new vscode.Position(message.reveal, 0);
      await vscode.window.showTextDocument(document, { viewColumn: editor.viewColumn, selection: new vscode.Range(position, position) });
    }),
  ];
  panel.onDidDispose(() => subscriptions.forEach((s) => s.dispose()), undefined, context.subscriptions);
}

async function exportTasks() {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== LANGUAGE) return;
  const target = await vscode.window.showSaveDialog({
    defaultUri: editor.document.uri.with({ path: editor.document.uri.path.replace(/\.fjprobe$/, '.txt') }),
    filters: { Text: ['txt'] },
  });
  if (!target) return;
  const lines = tasksOf(editor.document).filter((t) => t.kind === 'task').map((t) => `${t.number}\t${t.text}`);
  await vscode.workspace.fs.writeFile(target, Buffer.from(`${lines.join('\n')}\n`, 'utf8'));
  vscode.window.showInformationMessage(`已导出 ${lines.length} 项任务`);
}

function activate(context) {
  const collection = vscode.languages.createDiagnosticCollection(LANGUAGE);
  const refresh = (document) => {
    if (document.languageId === LANGUAGE) collection.set(document.uri, diagnose(document));
  };
  vscode.workspace.textDocuments.forEach(refresh);
  const selector = { language: LANGUAGE };
  context.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenTextDocument(refresh),
    vscode.workspace.onDidChangeTextDocument((event) => refresh(event.document)),
    vscode.languages.registerCodeActionsProvider(selector, {
      provideCodeActions(document, _range, context) {
        return context.diagnostics
          .filter((d) => d.code === 'FJ101')
          .flatMap((diagnostic) => {
            const replacement = closestUnit(document.getText(diagnostic.range));
            if (!replacement) return [];
            const action = new vscode.CodeAction(`改为“${replacement}”`, vscode.CodeActionKind.QuickFix);
            action.diagnostics = [diagnostic];
            action.isPreferred = true;
            action.edit = new vscode.WorkspaceEdit();
            action.edit.replace(document.uri, diagnostic.range, replacement);
            return [action];
          });
      },
    }),
    vscode.languages.registerCompletionItemProvider(
      selector,
      {
        provideCompletionItems(document, position) {
          const prefix = document.lineAt(position.line).text.slice(0, position.character);
          if (!UNIT_FIELD.test(prefix)) return [];
          const typed = /[^：:、，,；]*$/.exec(prefix)[0];
          const range = new vscode.Range(position.line, position.character - typed.length, position.line, position.character);
          return [...UNITS].map(([name, unit]) => {
            const item = new vscode.CompletionItem({ label: name, description: unit.fullName }, vscode.CompletionItemKind.Module);
            item.range = range;
            item.filterText = `${unit.keys} ${name}`;
            return item;
          });
        },
      },
      '：',
      '、',
    ),
    vscode.languages.registerHoverProvider(selector, {
      provideHover(document, position) {
        const mention = unitMentions(document.lineAt(position.line).text).find(
          (m) => UNITS.has(m.name) && m.start <= position.character && position.character < m.start + m.name.length,
        );
        if (!mention) return undefined;
        const unit = UNITS.get(mention.name);
        const markdown = new vscode.MarkdownString(`**${mention.name}**\n\n全称：${unit.fullName}\n\n分管领导：${unit.leader}`);
        return new vscode.Hover(markdown, new vscode.Range(position.line, mention.start, position.line, mention.start + mention.name.length));
      },
    }),
    vscode.languages.registerDocumentSymbolProvider(selector, {
      provideDocumentSymbols(document) {
        const chapters = [];
        for (const row of tasksOf(document)) {
          const range = document.lineAt(row.line).range;
          const symbol = new vscode.DocumentSymbol(`${row.number}${row.kind === 'chapter' ? '、' : '. '}${row.text}`, '', row.kind === 'chapter' ? vscode.SymbolKind.Namespace : vscode.SymbolKind.Event, range, range);
          if (row.kind === 'chapter' || chapters.length === 0) chapters.push(symbol);
          else chapters[chapters.length - 1].children.push(symbol);
        }
        return chapters;
      },
    }),
    vscode.commands.registerCommand('fenjieProbe.openPreviewToSide', () => openPreview(context)),
    vscode.commands.registerCommand('fenjieProbe.exportText', exportTasks),
  );
}

module.exports = { activate };
