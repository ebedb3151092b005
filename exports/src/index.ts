/**
 * The exports of a document (the official table as Markdown, HTML, CSV, Excel and Word) and the
 * preview page. Pure: an Analysis in, text or bytes out; the host writes the file.
 */
import type { Analysis } from '../../core/src/model';
import { EXPORT_FILES, type ExportFile, type ExportFormat } from './formats';
import { renderCsv } from './csv';
import { renderDocx } from './docx';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { renderXlsx } from './xlsx';

export { renderCsv, renderDocx, renderHtml, renderMarkdown, renderXlsx };
export { escapeHtml } from './html';
export { renderPreviewBody, renderPreviewHtml, renderPreviewPage, type PreviewOptions, type PreviewTab } from './preview-html';

export { EXPORT_FILES, isExportFormat, type ExportFile, type ExportFormat } from './formats';

export interface Exporter extends ExportFile {
  /** Text exports give a string (write it as UTF-8), binary ones a Buffer. */
  render(analysis: Analysis): string | Promise<Buffer>;
}

export const EXPORTERS: Readonly<Record<ExportFormat, Exporter>> = {
  md: { ...EXPORT_FILES.md, render: renderMarkdown },
  html: { ...EXPORT_FILES.html, render: renderHtml },
  csv: { ...EXPORT_FILES.csv, render: renderCsv },
  xlsx: { ...EXPORT_FILES.xlsx, render: renderXlsx },
  docx: { ...EXPORT_FILES.docx, render: renderDocx },
};
