/**
 * Exports (`fenjie/export`): the document as the user's office files it (HTML, CSV, Excel,
 * Word), rendered here from the analysis the server already holds. The editor's process gets
 * only the file's bytes: rendering a 10,000-task table takes seconds and its analysis is tens of
 * megabytes, neither of which should pass through the extension host. The renderers (exceljs,
 * docx) load on the first export, not when the server starts.
 */
import { ResponseError, ErrorCodes } from 'vscode-languageserver/node';
import { handle, type FenjieServer } from './context';
import { ExportRequest } from './protocol';

const loadExports = () => import('../../exports/src/index');

export function register(server: FenjieServer): void {
  server.connection.onRequest(
    ExportRequest,
    handle(server.connection, 'export', null, async (params) => {
      const { EXPORTERS, isExportFormat } = await loadExports();
      if (!isExportFormat(params.format)) throw new ResponseError(ErrorCodes.InvalidParams, `unknown export format "${params.format}"`);
      const settings = await server.documentSettings(params.uri);
      const analysis = server.service.analysis(params.uri, settings);
      if (!analysis) return null;
      const output = await EXPORTERS[params.format].render({ ...analysis, diagnostics: server.service.diagnostics(params.uri, settings) });
      return { base64: Buffer.from(output).toString('base64') };
    }),
  );
}
