/**
 * The Word export (the `docx` package): the document title, then the official table on landscape
 * A4 pages: a header row repeated on every page (w:tblHeader), 章 and 节 rows spanning all
 * columns, 仿宋 body and 黑体 headings as official tables use; the glossary and notes follow.
 * 仿宋 rather than 仿宋_GB2312: Windows, macOS and WPS all install it, and Word replaces a missing
 * East Asian font with the default 宋体-like face, not with another 仿宋.
 */
import {
  AlignmentType,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { Analysis, FenjieDocument } from '../../core/src/model';
import { cellText, documentMeta, documentTitle, paragraphs, tableColumns, tableRows, type Column, type ColumnKey } from '../../core/src/views';
import { COLUMN_WEIGHT } from './html';
import { xmlText } from './xml-text';

const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋', cs: 'Times New Roman' };
const HEADING_FONT = { ascii: '黑体', hAnsi: '黑体', eastAsia: '黑体', cs: '黑体' };
const TITLE_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', cs: 'Times New Roman' };

/** A4 in twentieths of a point, given portrait; the package swaps them for landscape. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134; // 2 cm
const TEXT_WIDTH = A4.height - 2 * MARGIN;
/** Half-points: 小四 (12 pt) for the table, 小二 (18 pt) for the title. */
const BODY_SIZE = 24;
const TITLE_SIZE = 36;

/** Runs for a text that may hold line breaks (a 备注 written over several lines). */
function runs(text: string, options: Omit<IRunOptions, 'text' | 'break'> = {}): TextRun[] {
  return xmlText(text)
    .split(/\r\n|\r|\n/)
    .map((line, i) => new TextRun({ ...options, text: line, break: i > 0 ? 1 : undefined }));
}

const CENTERED: ReadonlySet<ColumnKey> = new Set(['number', 'leaders', 'deadline']);

function columnWidths(columns: readonly Column[]): number[] {
  const total = columns.reduce((sum, c) => sum + COLUMN_WEIGHT[c.key], 0);
  return columns.map((c) => Math.floor((COLUMN_WEIGHT[c.key] / total) * TEXT_WIDTH));
}

interface CellOptions {
  alignment?: (typeof AlignmentType)[keyof typeof AlignmentType];
  columnSpan?: number;
  /** Keeps the row on the page of the next one (a 章 or 节 heading never ends a page). */
  keepNext?: boolean;
}

function cell(children: TextRun[], width: number, options: CellOptions = {}): TableCell {
  return new TableCell({
    children: [new Paragraph({ children, alignment: options.alignment, keepNext: options.keepNext })],
    width: { size: width, type: WidthType.DXA },
    columnSpan: options.columnSpan,
    verticalAlign: VerticalAlign.CENTER,
  });
}

function table(doc: FenjieDocument): Table {
  const columns = tableColumns(doc);
  const widths = columnWidths(columns);
  const fullWidth = widths.reduce((a, b) => a + b, 0);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((c, i) => cell(runs(c.title, { font: HEADING_FONT }), widths[i], { alignment: AlignmentType.CENTER })),
  });
  const rows = tableRows(doc).map((row) => {
    if (row.kind === 'task') {
      return new TableRow({
        cantSplit: true,
        children: columns.map((c, i) =>
          cell(runs(cellText(row, c.key)), widths[i], { alignment: CENTERED.has(c.key) ? AlignmentType.CENTER : AlignmentType.LEFT }),
        ),
      });
    }
    const font = row.kind === 'chapter' ? { font: HEADING_FONT } : { bold: true };
    return new TableRow({ cantSplit: true, children: [cell(runs(row.label, font), fullWidth, { columnSpan: columns.length, keepNext: true })] });
  });
  return new Table({
    rows: [header, ...rows],
    columnWidths: widths,
    width: { size: fullWidth, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
  });
}

function heading(text: string): Paragraph {
  return new Paragraph({ children: runs(text, { font: HEADING_FONT, size: 28 }), spacing: { before: 360, after: 120 } });
}

function indented(children: TextRun[]): Paragraph {
  return new Paragraph({ children, indent: { firstLine: 2 * BODY_SIZE * 10 }, spacing: { after: 60 } });
}

export async function renderDocx(analysis: Analysis): Promise<Buffer> {
  const doc = analysis.document;
  const title = documentTitle(doc);
  const meta = documentMeta(doc);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ children: runs(title, { font: TITLE_FONT, size: TITLE_SIZE, bold: true }), alignment: AlignmentType.CENTER, spacing: { after: 120 } }),
  ];
  if (meta.length) children.push(new Paragraph({ children: runs(meta.join('　')), alignment: AlignmentType.CENTER, spacing: { after: 240 } }));
  for (const p of paragraphs(doc.note ?? '')) children.push(indented(runs(p)));
  children.push(table(doc));
  if (doc.glossary.length) {
    children.push(heading('名词解释'));
    for (const entry of doc.glossary) children.push(indented([...runs(entry.term, { font: HEADING_FONT }), ...runs(`：${entry.definition}`)]));
  }
  for (const note of doc.notes) children.push(heading(note.name), ...paragraphs(note.text).map((p) => indented(runs(p))));

  const document = new Document({
    creator: 'Fenjie',
    title: xmlText(title),
    styles: {
      default: {
        document: { run: { font: BODY_FONT, size: BODY_SIZE, language: { value: 'zh-CN', eastAsia: 'zh-CN' } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { ...A4, orientation: PageOrientation.LANDSCAPE },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
