/**
 * The export commands (HTML, CSV, Excel, Word): the language server renders the document, as it
 * is in the editor, into a file the user names in a save dialog (`fenjie/export`: the editor's
 * process only writes the bytes). An existing file is never replaced without the user saying so.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { EXPORT_FILES, type ExportFormat } from '../../exports/src/formats';
import { displayLocale, isFenjieDocument, type ExportSource } from './documents';
import type { PreviewManager } from './preview';

export const EXPORT_COMMANDS: Readonly<Record<string, ExportFormat>> = {
  'fenjie.exportHtml': 'html',
  'fenjie.exportCsv': 'csv',
  'fenjie.exportXlsx': 'xlsx',
  'fenjie.exportDocx': 'docx',
};

/**
 * The document to export: the one a menu passed, else the focused preview's, else the active
 * editor's. A menu on the preview passes no document of ours, hence the checks.
 */
function documentToExport(resource: unknown, previews: PreviewManager): vscode.Uri | undefined {
  if (resource instanceof vscode.Uri) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === resource.toString());
    if (open ? isFenjieDocument(open) : /\.fenjie$/i.test(resource.path) && !/\.units\.fenjie$/i.test(resource.path)) return resource;
  }
  const previewed = previews.activeDocument();
  if (previewed) return previewed;
  const editor = vscode.window.activeTextEditor;
  return editor && isFenjieDocument(editor.document) ? editor.document.uri : undefined;
}

function defaultTarget(source: vscode.Uri, extension: string): vscode.Uri | undefined {
  const name = path.posix.basename(source.path).replace(/\.fenjie$/i, '') + extension;
  if (source.scheme !== 'untitled') return vscode.Uri.joinPath(source, '..', name);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, name) : undefined;
}

/**
 * Whether the save dialog itself asked before returning an existing file: VS Code's own dialog
 * and the native ones of Windows and macOS do; a GTK dialog may not, and in a remote window we
 * cannot tell which dialog was shown. When in doubt we ask (at worst twice).
 */
function dialogConfirmedReplace(target: vscode.Uri): boolean {
  if (vscode.workspace.getConfiguration('files').get<boolean>('simpleDialog.enable', false)) return true;
  return vscode.env.remoteName === undefined && target.scheme === 'file' && (process.platform === 'win32' || process.platform === 'darwin');
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function chooseTarget(source: vscode.Uri, format: ExportFormat): Promise<vscode.Uri | undefined> {
  const exporter = EXPORT_FILES[format];
  const target = await vscode.window.showSaveDialog({
    defaultUri: defaultTarget(source, exporter.extension),
    filters: { [exporter.label[displayLocale()]]: [exporter.extension.slice(1)] },
    title: vscode.l10n.t('Export {0} as {1}', path.posix.basename(source.path), exporter.label[displayLocale()]),
    saveLabel: vscode.l10n.t('Export'),
  });
  if (!target || dialogConfirmedReplace(target) || !(await exists(target))) return target;
  const replace = vscode.l10n.t('Replace');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} already exists. Do you want to replace it?', path.posix.basename(target.path)),
    { modal: true },
    replace,
  );
  return answer === replace ? target : undefined;
}

async function exportDocument(format: ExportFormat, resource: unknown, exportOf: ExportSource, previews: PreviewManager, log: vscode.LogOutputChannel): Promise<void> {
  const source = documentToExport(resource, previews);
  if (!source) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a Fenjie document (.fenjie) or its preview to export it.'));
    return;
  }
  const target = await chooseTarget(source, format);
  if (!target) return;
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting {0}…', path.posix.basename(target.path)) },
      async () => {
        const bytes = await exportOf(source, format);
        if (!bytes) throw new Error(vscode.l10n.t('the language server has no analysis of the document yet; try again in a moment'));
        await vscode.workspace.fs.writeFile(target, bytes);
      },
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log.error(`export of ${source.toString(true)} to ${target.toString(true)} failed: ${reason}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('The export failed: {0}', reason));
    return;
  }
  const open = vscode.l10n.t('Open');
  const reveal = vscode.l10n.t('Show in Folder');
  const actions = target.scheme === 'file' ? [open, reveal] : [open];
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Exported to {0}.', target.scheme === 'file' ? target.fsPath : target.toString(true)), ...actions);
  if (choice === open) await vscode.env.openExternal(target);
  else if (choice === reveal) await vscode.commands.executeCommand('revealFileInOS', target);
}

export function registerExportCommands(exportOf: ExportSource, previews: PreviewManager, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return Object.entries(EXPORT_COMMANDS).map(([command, format]) =>
    vscode.commands.registerCommand(command, (resource?: unknown) => exportDocument(format, resource, exportOf, previews, log)),
  );
}
