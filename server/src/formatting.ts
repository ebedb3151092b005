/** Document and range formatting: white space and field colons only. */
import type { TextEdit } from 'vscode-languageserver/node';
import { handle, type FenjieServer } from './context';

export function register(server: FenjieServer): void {
  const { connection, service } = server;
  connection.onDocumentFormatting(
    handle(connection, 'formatting', [] as TextEdit[], async (params) => service.format(params.textDocument.uri, undefined, await server.documentSettings(params.textDocument.uri))),
  );
  connection.onDocumentRangeFormatting(
    handle(connection, 'rangeFormatting', [] as TextEdit[], async (params) => service.format(params.textDocument.uri, params.range, await server.documentSettings(params.textDocument.uri))),
  );
}
