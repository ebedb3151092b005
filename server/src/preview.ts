/**
 * The live preview's updates (`fenjie/previewUpdate`): the preview model of the document's
 * current analysis, as the rows that changed since the version the client shows. The versions
 * sent are kept per document (a few each) and dropped when the document closes.
 */
import { localeOf } from '../../core/src/messages';
import { LIST_NAMES, PreviewSessions, type ListName } from '../../exports/src/preview-sync';
import { handle, type FenjieServer } from './context';
import { PreviewUpdateRequest } from './protocol';

export function register(server: FenjieServer): void {
  const sessions = new PreviewSessions();
  server.connection.onRequest(
    PreviewUpdateRequest,
    handle(server.connection, 'previewUpdate', null, async (params) => {
      const settings = await server.documentSettings(params.uri);
      const analysis = server.service.analysis(params.uri, settings);
      if (!analysis) return null;
      const lists = (Array.isArray(params.lists) ? params.lists : []).filter((l): l is ListName => LIST_NAMES.includes(l));
      const base = typeof params.base === 'string' ? params.base : undefined;
      return sessions.update(params.uri, { document: analysis.document, diagnostics: server.service.diagnostics(params.uri, settings) }, localeOf(params.locale), base, lists);
    }),
  );
  server.documents.onDidClose(({ document }) => sessions.forget(document.uri));
}
