/**
 * The Excel export (exceljs): sheet 表格 is the official table (title row, frozen and printed-on-
 * every-page header row, 章 and 节 as merged rows, wrapped text, A4 landscape fit to width);
 * sheets 按单位, 按领导 and 指标汇总 hold the views.
 */
import ExcelJS from 'exceljs';
import type { Analysis, FenjieDocument } from '../../core/src/model';
import {
  byLeader,
  byUnit,
  cellText,
  documentTitle,
  tableColumns,
  tableRows,
  targetsSummary,
  taskNumbersText,
  type ColumnKey,
} from '../../core/src/views';
import { xmlText } from './xml-text';

const BODY_FONT = '仿宋';
const HEADING_FONT = '黑体';
const TITLE_FONT = '宋体';

/** Column widths in characters of the default font (a Chinese character is two). */
const TABLE_WIDTH: Record<ColumnKey, number> = {
  number: 6,
  text: 60,
  leadUnits: 22,
  cooperatingUnits: 32,
  leaders: 10,
  deadline: 14,
  remark: 16,
};

/** Excel refuses a cell longer than this. */
const CELL_LIMIT = 32767;

const THIN: Partial<ExcelJS.Border> = { style: 'thin' };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const POINTS_PER_LINE = 16;

function cellValue(text: string): string {
  const safe = xmlText(text);
  return safe.length > CELL_LIMIT ? `${safe.slice(0, CELL_LIMIT - 1)}…` : safe;
}

/** Display width in character cells: a CJK (or other wide) character takes two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return width;
}

/**
 * Excel keeps the default height for a row of wrapped text until someone edits it, so the height
 * is set from the longest cell: its width over the column's, in lines.
 */
function fitRowHeight(row: ExcelJS.Row, texts: readonly string[], widths: readonly number[]): void {
  let lines = 1;
  texts.forEach((text, i) => {
    lines = Math.max(lines, Math.ceil(displayWidth(text) / Math.max(1, widths[i] - 1)));
  });
  row.height = lines * POINTS_PER_LINE + 4;
}

function styleHeader(row: ExcelJS.Row): void {
  row.eachCell((cell) => {
    cell.font = { name: HEADING_FONT, size: 12 };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  });
  row.height = 22;
}

function styleBody(row: ExcelJS.Row, centered: ReadonlySet<number>): void {
  row.eachCell({ includeEmpty: true }, (cell, column) => {
    cell.font = { name: BODY_FONT, size: 12 };
    cell.alignment = { vertical: 'middle', wrapText: true, horizontal: centered.has(column) ? 'center' : 'left' };
    cell.border = BORDER;
  });
}

const PAGE_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 9 as ExcelJS.PageSetup['paperSize'], // A4
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
};

function addTableSheet(workbook: ExcelJS.Workbook, doc: FenjieDocument): void {
  const columns = tableColumns(doc);
  const widths = columns.map((c) => TABLE_WIDTH[c.key]);
  const sheet = workbook.addWorksheet('表格', {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: { ...PAGE_SETUP, printTitlesRow: '2:2' },
  });
  sheet.columns = columns.map((c, i) => ({ key: c.key, width: widths[i] }));

  const title = sheet.addRow([cellValue(documentTitle(doc))]);
  sheet.mergeCells(1, 1, 1, columns.length);
  title.getCell(1).font = { name: TITLE_FONT, size: 16, bold: true };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  title.height = 32;

  styleHeader(sheet.addRow(columns.map((c) => c.title)));

  const centered = new Set(
    columns.flatMap((c, i) => (c.key === 'number' || c.key === 'leaders' || c.key === 'deadline' ? [i + 1] : [])),
  );
  for (const tableRow of tableRows(doc)) {
    if (tableRow.kind === 'task') {
      const texts = columns.map((c) => cellValue(cellText(tableRow, c.key)));
      const row = sheet.addRow(texts);
      styleBody(row, centered);
      fitRowHeight(row, texts, widths);
      continue;
    }
    const row = sheet.addRow([cellValue(tableRow.label)]);
    sheet.mergeCells(row.number, 1, row.number, columns.length);
    const cell = row.getCell(1);
    cell.font = tableRow.kind === 'chapter' ? { name: HEADING_FONT, size: 12 } : { name: BODY_FONT, size: 12, bold: true };
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    fitRowHeight(row, [tableRow.label], [widths.reduce((a, b) => a + b, 0)]);
  }
}

interface ViewColumn {
  title: string;
  width: number;
  centered?: boolean;
}

function addViewSheet(workbook: ExcelJS.Workbook, name: string, columns: readonly ViewColumn[], rows: readonly (string | number)[][]): void {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { ...PAGE_SETUP, printTitlesRow: '1:1' },
  });
  const widths = columns.map((c) => c.width);
  sheet.columns = columns.map((c) => ({ width: c.width }));
  styleHeader(sheet.addRow(columns.map((c) => c.title)));
  const centered = new Set(columns.flatMap((c, i) => (c.centered ? [i + 1] : [])));
  for (const values of rows) {
    const cells = values.map((v) => (typeof v === 'string' ? cellValue(v) : v));
    const row = sheet.addRow(cells);
    styleBody(row, centered);
    fitRowHeight(row, cells.map(String), widths);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

export async function renderXlsx(analysis: Analysis): Promise<Buffer> {
  const doc = analysis.document;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Fenjie';
  workbook.title = cellValue(documentTitle(doc));
  addTableSheet(workbook, doc);

  addViewSheet(
    workbook,
    '按单位',
    [
      { title: '单位', width: 30 },
      { title: '牵头任务数', width: 11, centered: true },
      { title: '配合任务数', width: 11, centered: true },
      { title: '任务总数', width: 10, centered: true },
      { title: '牵头任务序号', width: 36 },
      { title: '配合任务序号', width: 36 },
    ],
    byUnit(doc).map((u) => [u.name, u.lead.length, u.cooperating.length, u.total, taskNumbersText(doc, u.lead), taskNumbersText(doc, u.cooperating)]),
  );
  addViewSheet(
    workbook,
    '按领导',
    [
      { title: '领导', width: 12, centered: true },
      { title: '任务数', width: 9, centered: true },
      { title: '任务序号', width: 40 },
      { title: '牵头单位', width: 60 },
    ],
    byLeader(doc).map((l) => [l.name, l.tasks.length, taskNumbersText(doc, l.tasks), l.leadUnits.join('、')]),
  );
  addViewSheet(
    workbook,
    '指标汇总',
    [
      { title: '序号', width: 7, centered: true },
      { title: '指标', width: 30 },
      { title: '比较', width: 6, centered: true },
      { title: '数值', width: 10, centered: true },
      { title: '量级', width: 6, centered: true },
      { title: '计量单位', width: 12, centered: true },
      { title: '原文', width: 40 },
      { title: '牵头单位', width: 30 },
    ],
    targetsSummary(doc).map((t) => [t.number, t.indicator, t.comparator, t.target.value, t.magnitude ?? '', t.measure, t.text, t.leadUnits]),
  );
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data);
}
