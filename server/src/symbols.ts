/** The outline (章 → 节 → 任务) and workspace symbols. */
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver/node';
import type { DocumentSymbolNode, SymbolKind as FenjieSymbolKind } from '../../core/src/service/index';
import { handle, type FenjieServer } from './context';

const KINDS: Record<FenjieSymbolKind, SymbolKind> = {
  header: SymbolKind.File,
  chapter: SymbolKind.Namespace,
  section: SymbolKind.Module,
  task: SymbolKind.Object,
  block: SymbolKind.Package,
  term: SymbolKind.String,
  unit: SymbolKind.Class,
  collective: SymbolKind.Enum,
  leader: SymbolKind.Interface,
};

function toDocumentSymbol(node: DocumentSymbolNode): DocumentSymbol {
  const symbol: DocumentSymbol = { name: node.name, kind: KINDS[node.kind], range: node.range, selectionRange: node.selectionRange, children: node.children.map(toDocumentSymbol) };
  if (node.detail) symbol.detail = node.detail;
  return symbol;
}

export function register(server: FenjieServer): void {
  server.connection.onDocumentSymbol(
    handle(server.connection, 'documentSymbol', [] as DocumentSymbol[], async (params) => {
      const settings = await server.documentSettings(params.textDocument.uri);
      return server.service.documentSymbols(params.textDocument.uri, settings).map(toDocumentSymbol);
    }),
  );
  server.connection.onWorkspaceSymbol(
    handle(server.connection, 'workspaceSymbol', [] as SymbolInformation[], (params) =>
      server.service.workspaceSymbols(params.query).map((entry) => {
        const symbol: SymbolInformation = { name: entry.name, kind: KINDS[entry.kind], location: entry.location };
        if (entry.containerName) symbol.containerName = entry.containerName;
        return symbol;
      }),
    ),
  );
}
