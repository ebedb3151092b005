/** Folding ranges: header, chapters, sections, tasks, blocks, comment runs. */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver/node';
import { handle, type FenjieServer } from './context';

export function register(server: FenjieServer): void {
  server.connection.onFoldingRanges(
    handle(server.connection, 'foldingRange', [] as FoldingRange[], async (params) =>
      server.service.foldingRanges(params.textDocument.uri, await server.documentSettings(params.textDocument.uri)).map((r) => {
        const range: FoldingRange = { startLine: r.startLine, endLine: r.endLine };
        if (r.kind === 'comment') range.kind = FoldingRangeKind.Comment;
        else if (r.kind === 'region') range.kind = FoldingRangeKind.Region;
        return range;
      }),
    ),
  );
}
