/**
 * The export formats as files: extension and a label for a save dialog. Apart from the renderers
 * (exports/src/index.ts), so the editor's side can name files without loading exceljs and docx.
 */
import type { LocalizedText } from '../../core/src/model';

export type ExportFormat = 'md' | 'html' | 'csv' | 'xlsx' | 'docx';

export interface ExportFile {
  /** The file name extension, with its dot. */
  extension: string;
  /** For a save dialog's filter. */
  label: LocalizedText;
}

export const EXPORT_FILES: Readonly<Record<ExportFormat, ExportFile>> = {
  md: { extension: '.md', label: { zh: 'Markdown', en: 'Markdown' } },
  html: { extension: '.html', label: { zh: 'HTML 网页', en: 'HTML page' } },
  csv: { extension: '.csv', label: { zh: 'CSV 表格', en: 'CSV table' } },
  xlsx: { extension: '.xlsx', label: { zh: 'Excel 工作簿', en: 'Excel workbook' } },
  docx: { extension: '.docx', label: { zh: 'Word 文档', en: 'Word document' } },
};

export function isExportFormat(name: string): name is ExportFormat {
  return Object.prototype.hasOwnProperty.call(EXPORT_FILES, name);
}
