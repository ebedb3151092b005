/** Go to definition, find references and document highlights of units, leaders and terms. */
import { DocumentHighlightKind, type DocumentHighlight, type Location } from 'vscode-languageserver/node';
import { handle, type FenjieServer } from './context';

export function register(server: FenjieServer): void {
  const { connection, service } = server;
  connection.onDefinition(
    handle(connection, 'definition', [] as Location[], async (params) => service.definition(params.textDocument.uri, params.position, await server.documentSettings(params.textDocument.uri))),
  );
  connection.onReferences(
    handle(connection, 'references', [] as Location[], async (params) =>
      service.references(params.textDocument.uri, params.position, params.context.includeDeclaration, await server.documentSettings(params.textDocument.uri)),
    ),
  );
  connection.onDocumentHighlight(
    handle(connection, 'documentHighlight', [] as DocumentHighlight[], async (params) =>
      service.documentHighlights(params.textDocument.uri, params.position, await server.documentSettings(params.textDocument.uri)).map((h) => ({
        range: h.range,
        kind: h.kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
      })),
    ),
  );
}
