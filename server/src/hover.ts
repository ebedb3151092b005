/** Hover: units, leaders, targets, terms and field names, with the range of the exact name. */
import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import { handle, type FenjieServer } from './context';

export function register(server: FenjieServer): void {
  server.connection.onHover(
    handle(server.connection, 'hover', null, async (params): Promise<Hover | null> => {
      const settings = await server.documentSettings(params.textDocument.uri);
      const result = server.service.hover(params.textDocument.uri, params.position, settings);
      return result ? { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: result.range } : null;
    }),
  );
}
