/**
 * The exports of a document (the official table as Markdown, HTML, CSV, Excel and Word) and the
 * preview page. Pure: an Analysis in, text or bytes out; the host writes the file.
 */
import type { Analysis, LocalizedText } from '../../core/src/model';
import { renderCsv } from './csv';
import { renderDocx } from './docx';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { renderXlsx } from './xlsx';

export { renderCsv, renderDocx, renderHtml, renderMarkdown, renderXlsx };
export { escapeHtml } from './html';
export { renderPreviewBody, renderPreviewHtml, renderPreviewPage, type PreviewOptions, type PreviewTab } from './preview-html';

export type ExportFormat = 'md' | 'html' | 'csv' | 'xlsx' | 'docx';

export interface Exporter {
  /** The file name extension, with its dot. */
  extension: string;
  /** For a save dialog's filter. */
  label: LocalizedText;
  /** Text exports give a string (write it as UTF-8), binary ones a Buffer. */
  render(analysis: Analysis): string | Promise<Buffer>;
}

export const EXPORTERS: Readonly<Record<ExportFormat, Exporter>> = {
  md: { extension: '.md', label: { zh: 'Markdown', en: 'Markdown' }, render: renderMarkdown },
  html: { extension: '.html', label: { zh: 'HTML 网页', en: 'HTML page' }, render: renderHtml },
  csv: { extension: '.csv', label: { zh: 'CSV 表格', en: 'CSV table' }, render: renderCsv },
  xlsx: { extension: '.xlsx', label: { zh: 'Excel 工作簿', en: 'Excel workbook' }, render: renderXlsx },
  docx: { extension: '.docx', label: { zh: 'Word 文档', en: 'Word document' }, render: renderDocx },
};

export function isExportFormat(name: string): name is ExportFormat {
  return Object.prototype.hasOwnProperty.call(EXPORTERS, name);
}
