/**
 * The import command: an existing table (Word, Excel, CSV/TSV, text extracted from a PDF) becomes
 * a new, unsaved Fenjie document. The importer splits and rejoins unit names with the registries
 * the extension knows (shipped, workspace, configured); what it had to guess is listed in the
 * Problems panel on the lines concerned until the document is closed. The importer (with its Word
 * and Excel readers) loads on first use.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { Diagnostic, Severity } from '../../core/src/model';
import { loadRegistry, RegistryIndex, type Registry } from '../../core/src/registry';
import { displayLocale, FENJIE_LANGUAGE } from './documents';

function severityOf(severity: Severity): vscode.DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'info':
      return vscode.DiagnosticSeverity.Information;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
  }
}

function toVscodeDiagnostic(note: Diagnostic): vscode.Diagnostic {
  const { start, end } = note.range;
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(start.line, start.character, end.line, end.character),
    note.message[displayLocale()],
    severityOf(note.severity),
  );
  diagnostic.code = note.code;
  diagnostic.source = vscode.l10n.t('Fenjie import');
  return diagnostic;
}

async function readRegistry(uri: vscode.Uri, name = uri.toString()): Promise<Registry | undefined> {
  try {
    return loadRegistry(new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)), name);
  } catch {
    return undefined;
  }
}

/** Every registry the extension knows of: the shipped ones, the workspace's, and those in `fenjie.registries`. */
async function knownRegistries(extensionUri: vscode.Uri): Promise<Registry[]> {
  const shippedDir = vscode.Uri.joinPath(extensionUri, 'dist', 'registries');
  const uris: { uri: vscode.Uri; name?: string }[] = [];
  try {
    for (const [name] of await vscode.workspace.fs.readDirectory(shippedDir)) {
      if (name.endsWith('.units.fenjie')) uris.push({ uri: vscode.Uri.joinPath(shippedDir, name), name: `builtin:${name}` });
    }
  } catch {
    // An extension built without registries imports without splitting by registry.
  }
  for (const uri of await vscode.workspace.findFiles('**/*.units.fenjie', '**/node_modules/**', 200)) uris.push({ uri });
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const configured of vscode.workspace.getConfiguration('fenjie', folder.uri).get<string[]>('registries', [])) {
      uris.push({ uri: path.isAbsolute(configured) ? vscode.Uri.file(configured) : vscode.Uri.joinPath(folder.uri, configured) });
    }
  }
  const loaded = await Promise.all(uris.map(({ uri, name }) => readRegistry(uri, name)));
  return loaded.filter((r): r is Registry => r !== undefined);
}

export function registerImportCommand(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const notes = vscode.languages.createDiagnosticCollection('fenjie-import');
  const run = async () => {
    const [source] =
      (await vscode.window.showOpenDialog({
        canSelectMany: false,
        openLabel: vscode.l10n.t('Import'),
        title: vscode.l10n.t('Import a breakdown table'),
        filters: {
          [vscode.l10n.t('Breakdown tables')]: ['docx', 'xlsx', 'csv', 'tsv', 'txt'],
          [vscode.l10n.t('All files')]: ['*'],
        },
      })) ?? [];
    if (!source) return;
    const fileName = path.posix.basename(source.path);
    const { importDocument, ImportError } = await import('../../importer/src/index');
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Importing {0}…', fileName) },
        async () => {
          const [bytes, registries] = await Promise.all([vscode.workspace.fs.readFile(source), knownRegistries(extensionUri)]);
          return importDocument(bytes, { fileName, registry: registries.length ? new RegistryIndex(registries) : undefined });
        },
      );
      const document = await vscode.workspace.openTextDocument({ language: FENJIE_LANGUAGE, content: result.text });
      await vscode.window.showTextDocument(document);
      notes.set(document.uri, result.report.map(toVscodeDiagnostic));
      const summary = result.report.length
        ? vscode.l10n.t('Imported {0} tasks from {1}. {2} places need checking: see the Problems panel.', result.taskCount, fileName, result.report.length)
        : vscode.l10n.t('Imported {0} tasks from {1}.', result.taskCount, fileName);
      void vscode.window.showInformationMessage(summary);
    } catch (error) {
      const reason = error instanceof ImportError ? error.localized[displayLocale()] : error instanceof Error ? error.message : String(error);
      log.error(`import of ${source.toString(true)} failed: ${reason}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} could not be imported: {1}', fileName, reason));
    }
  };
  return [
    notes,
    vscode.workspace.onDidCloseTextDocument((document) => notes.delete(document.uri)),
    vscode.commands.registerCommand('fenjie.import', run),
  ];
}
