/**
 * What the preview, the exports and the server's reveal requests share: a document's exports
 * and its preview updates (asked of the language server, which already knows its
 * registries and settings), the display language, and showing a line of a document in an editor.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { localeOf, type Locale } from '../../core/src/messages';
import type { ExportFormat } from '../../exports/src/formats';
import type { ListName, PreviewPayload } from '../../exports/src/preview-sync';
import { ExportRequest, PreviewUpdateRequest } from '../../server/src/protocol';

export const FENJIE_LANGUAGE = 'fenjie';
export const REGISTRY_LANGUAGE = 'fenjie-registry';

/** A document rendered by the server as a file of a format, or null when the server cannot give one (starting, restarting, unknown document). */
export type ExportSource = (uri: vscode.Uri, format: ExportFormat) => Promise<Uint8Array | null>;

export function exportFromServer(client: () => LanguageClient | undefined, log: vscode.LogOutputChannel): ExportSource {
  return (uri, format) =>
    askServer(client, log, `fenjie/export (${format})`, uri, async (current, asUri) => {
      const file = await current.sendRequest(ExportRequest, { uri: asUri, format });
      return file ? Buffer.from(file.base64, 'base64') : null;
    });
}

/** A request about a document to the running server; null when none is running or the request fails (logged). */
async function askServer<R>(
  client: () => LanguageClient | undefined,
  log: vscode.LogOutputChannel,
  what: string,
  uri: vscode.Uri,
  send: (current: LanguageClient, uri: string) => Promise<R | null>,
): Promise<R | null> {
  const current = client();
  if (!current || !current.isRunning()) return null;
  try {
    return await send(current, current.code2ProtocolConverter.asUri(uri));
  } catch (error) {
    log.warn(`${what} for ${uri.toString(true)} failed: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/** What a preview asks for: the version its page shows (none: everything) and the view it shows besides the table. */
export interface PreviewQuery {
  locale: Locale;
  base?: string;
  lists: ListName[];
}

/** The server's preview of a document from a version on, or null when the server cannot give one. */
export type PreviewSource = (uri: vscode.Uri, query: PreviewQuery) => Promise<PreviewPayload | null>;

export function previewFromServer(client: () => LanguageClient | undefined, log: vscode.LogOutputChannel): PreviewSource {
  return (uri, query) => askServer(client, log, 'fenjie/previewUpdate', uri, (current, asUri) => current.sendRequest(PreviewUpdateRequest, { uri: asUri, ...query }));
}

/** Chinese when VS Code's display language is Chinese, English otherwise (the core's messages exist in both). */
export function displayLocale(): Locale {
  return localeOf(vscode.env.language);
}

export function isFenjieDocument(document: vscode.TextDocument): boolean {
  return document.languageId === FENJIE_LANGUAGE;
}

/**
 * Shows `line` of the document in the editor that already shows it, or else opens it in a column
 * other than `avoidColumn` (the preview's), and puts the cursor at the start of the line.
 */
export async function revealLine(uri: vscode.Uri, line: number, avoidColumn?: vscode.ViewColumn): Promise<void> {
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const document = visible?.document ?? (await vscode.workspace.openTextDocument(uri));
  const target = Math.max(0, Math.min(line, document.lineCount - 1));
  const position = new vscode.Position(target, document.lineAt(target).firstNonWhitespaceCharacterIndex);
  const viewColumn = visible?.viewColumn ?? (avoidColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
  const editor = await vscode.window.showTextDocument(document, { viewColumn, preserveFocus: false });
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
