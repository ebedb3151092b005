/**
 * The Excel export (exceljs): sheet 表格 is the official table, laid out as an office's Excel table
 * is: the title row; a row of the header fields (`文号：…　　发文机关：…　　发布日期：…`, then 年度,
 * 辖区 and 单位库); the notice (the 说明 header field, `说明：` before its first paragraph, a row per
 * paragraph); the column header row, printed on every page and frozen (unless a long notice would
 * leave the table no room on screen); 章 and 节 as merged rows; then, below the table, the glossary
 * and the 【说明】 blocks, each under its heading row. The importer (importer/src/readers/xlsx.ts)
 * reads every one of these back. Sheets 按单位, 按领导 and 指标汇总 hold the views.
 */
import ExcelJS from 'exceljs';
import type { Analysis, FenjieDocument } from '../../core/src/model';
import {
  byLeader,
  byUnit,
  cellText,
  documentMetaLine,
  documentTitle,
  noticeParagraphs,
  paragraphs,
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
/** Excel's tallest row. */
const MAX_ROW_HEIGHT = 409;
/**
 * The rows above the column header stay on screen when it is frozen; above this height (a long
 * notice) they would leave no room for the table, so the header is then only printed on every page.
 */
const MAX_FROZEN_HEIGHT = 160;


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
function fitRowHeight(row: ExcelJS.Row, texts: readonly string[], widths: readonly number[], fontSize = 12): void {
  let lines = 1;
  const scale = fontSize / 12;
  texts.forEach((text, i) => {
    const wrapped = text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil((displayWidth(line) * scale) / Math.max(1, widths[i] - 1))), 0);
    lines = Math.max(lines, wrapped);
  });
  row.height = Math.min(MAX_ROW_HEIGHT, lines * POINTS_PER_LINE * scale + 4);
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

/** A row of one cell merged across the table, without borders (the title, the metadata, prose around the table). */
function addProseRow(sheet: ExcelJS.Worksheet, text: string, columns: number, width: number, style: { font: Partial<ExcelJS.Font>; horizontal?: 'left' | 'center' }): ExcelJS.Row {
  const value = cellValue(text);
  const row = sheet.addRow([value]);
  sheet.mergeCells(row.number, 1, row.number, columns);
  const cell = row.getCell(1);
  cell.font = style.font;
  cell.alignment = { horizontal: style.horizontal ?? 'left', vertical: 'middle', wrapText: true };
  fitRowHeight(row, [value], [width], style.font.size);
  return row;
}

function addTableSheet(workbook: ExcelJS.Workbook, doc: FenjieDocument): void {
  const columns = tableColumns(doc);
  const widths = columns.map((c) => TABLE_WIDTH[c.key]);
  const fullWidth = widths.reduce((a, b) => a + b, 0);
  const sheet = workbook.addWorksheet('表格', { pageSetup: PAGE_SETUP });
  sheet.columns = columns.map((c, i) => ({ key: c.key, width: widths[i] }));
  const body = { name: BODY_FONT, size: 12 };

  const title = addProseRow(sheet, documentTitle(doc), columns.length, fullWidth, { font: { name: TITLE_FONT, size: 16, bold: true }, horizontal: 'center' });
  title.height = Math.max(32, title.height ?? 0);
  const meta = documentMetaLine(doc);
  if (meta) addProseRow(sheet, meta, columns.length, fullWidth, { font: body, horizontal: 'center' });
  // The notice, as the docx export puts it: above the table, a row per paragraph.
  for (const p of noticeParagraphs(doc)) addProseRow(sheet, p, columns.length, fullWidth, { font: body });

  const header = sheet.addRow(columns.map((c) => c.title));
  styleHeader(header);
  let above = 0;
  for (let r = 1; r < header.number; r++) above += sheet.getRow(r).height ?? POINTS_PER_LINE;
  if (above <= MAX_FROZEN_HEIGHT) sheet.views = [{ state: 'frozen', ySplit: header.number }];
  sheet.pageSetup.printTitlesRow = `${header.number}:${header.number}`;

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
    fitRowHeight(row, [tableRow.label], [fullWidth]);
  }

  // Below the table, after an empty row: the glossary and the notes, each under its heading, as in the docx export.
  const blocks: { heading: string; lines: string[] }[] = [];
  if (doc.glossary.length) blocks.push({ heading: '名词解释', lines: doc.glossary.map((g) => `${g.term}：${g.definition}`) });
  for (const note of doc.notes) blocks.push({ heading: note.name, lines: paragraphs(note.text) });
  if (blocks.length) sheet.addRow([]);
  for (const block of blocks) {
    addProseRow(sheet, block.heading, columns.length, fullWidth, { font: { name: HEADING_FONT, size: 14 } });
    for (const line of block.lines) addProseRow(sheet, line, columns.length, fullWidth, { font: body });
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
