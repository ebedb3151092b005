/**
 * The CSV export: the official table, one line per row, for spreadsheets. UTF-8 with a byte order
 * mark (Excel and WPS take BOM-less UTF-8 for the local code page and garble Chinese), RFC 4180
 * quoting, CRLF line ends. A chapter or section row carries its heading in the first cell.
 */
import type { Analysis } from '../../core/src/model';
import { cellText, tableColumns, tableRows } from '../../core/src/views';

const BOM = '\ufeff';

/**
 * A cell a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, or a tab or carriage return
 * first) is prefixed with an apostrophe, so a document cannot make the spreadsheet run one.
 */
function defuseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One field, quoted when it holds a quote, a comma or a line break (RFC 4180). */
export function csvField(value: string): string {
  const safe = defuseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function renderCsv(analysis: Analysis): string {
  const doc = analysis.document;
  const columns = tableColumns(doc);
  const lines: string[][] = [columns.map((c) => c.title)];
  for (const row of tableRows(doc)) {
    if (row.kind === 'task') lines.push(columns.map((c) => cellText(row, c.key)));
    else lines.push([row.label, ...columns.slice(1).map(() => '')]);
  }
  return BOM + lines.map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n';
}
