/**
 * The Word export (the `docx` package): the document title, then the official table on landscape
 * A4 pages: a header row repeated on every page (w:tblHeader), 章 and 节 rows spanning all
 * columns, 仿宋 body and 黑体 headings as official tables use; the glossary and notes follow.
 * 仿宋 rather than 仿宋_GB2312: Windows, macOS and WPS all install it, and Word replaces a missing
 * East Asian font with the default 宋体-like face, not with another 仿宋.
 *
 * Large tables: the package builds a tree of a dozen objects per cell and walks it again to write
 * it (a profile of 10,000 tasks: 70,000 cells, seconds in constructors, `prepForXml` and the
 * garbage collector). Rows have few shapes (the same cells, alignments and fonts; only the texts
 * differ), so each shape is made once by the package, as a real `TableRow` with placeholder
 * texts, and written once (`prepForXml`, in the document's own serialization); every row of that
 * shape is that written form with its texts put in, sharing every part that holds no text. The
 * XML is the package's, byte for byte (tests/client/docx-export.test.ts compares it with rows made
 * one by one); the package still writes the file (`Packer`).
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
  XmlComponent,
  type IContext,
  type IRunOptions,
  type ITableOptions,
} from 'docx';
import type { Analysis, FenjieDocument } from '../../core/src/model';
import { cellText, documentMetaLine, documentTitle, noticeParagraphs, paragraphs, tableColumns, tableRows, type Column, type ColumnKey } from '../../core/src/views';
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

/** What the package writes for a component: the object its XML is made from. */
type Written = NonNullable<ReturnType<XmlComponent['prepForXml']>>;

/** A text slot of a row shape, replaced by a row's text: private-use characters no cell text is matched against. */
const SLOT = /^\uE000(\d+)\uE001$/;
const slot = (n: number) => `\uE000${n}\uE001`;

/** A written row shape: the written form, and the parts of it that hold a text slot (the rest is shared by every row). */
interface WrittenShape {
  written: Written;
  live: Set<object>;
}

function markLive(node: unknown, live: Set<object>): boolean {
  if (typeof node === 'string') return SLOT.test(node);
  if (typeof node !== 'object' || node === null) return false;
  let any = false;
  for (const child of Array.isArray(node) ? node : Object.values(node)) if (markLive(child, live)) any = true;
  if (any) live.add(node);
  return any;
}

function fill(node: unknown, texts: readonly string[], live: Set<object>): unknown {
  if (typeof node === 'string') {
    const match = SLOT.exec(node);
    return match ? texts[Number(match[1])] : node;
  }
  if (typeof node !== 'object' || node === null || !live.has(node)) return node;
  if (Array.isArray(node)) return node.map((child) => fill(child, texts, live));
  const out: Record<string, unknown> = {};
  for (const key in node) out[key] = fill((node as Record<string, unknown>)[key], texts, live);
  return out;
}

/**
 * Row shapes: a real row of the package per shape, with slots for texts, written the first time a
 * row of that shape is written.
 */
class RowShapes {
  private readonly rows = new Map<string, TableRow>();
  private readonly written = new Map<string, WrittenShape>();

  /** `make` builds the shape's row from the texts (slots) it is given. */
  row(shape: string, slots: number, make: (texts: string[]) => TableRow): TableRow {
    let row = this.rows.get(shape);
    if (!row) this.rows.set(shape, (row = make(Array.from({ length: slots }, (_, i) => slot(i)))));
    return row;
  }

  writtenRow(shape: string, context: IContext): WrittenShape {
    let known = this.written.get(shape);
    if (!known) {
      const written = this.rows.get(shape)!.prepForXml(context)!;
      const live = new Set<object>();
      markLive(written, live);
      this.written.set(shape, (known = { written, live }));
    }
    return known;
  }

  /** Every row made so far, for the package to size their cells as it sizes the table's. */
  all(): TableRow[] {
    return [...this.rows.values()];
  }
}

/** A row written as its shape, with its own texts. */
class ShapedRow extends XmlComponent {
  constructor(
    private readonly shapes: RowShapes,
    private readonly shape: string,
    private readonly texts: readonly string[],
  ) {
    super('w:tr');
  }

  override prepForXml(context: IContext): Written {
    const { written, live } = this.shapes.writtenRow(this.shape, context);
    return fill(written, this.texts, live) as Written;
  }
}

/** The package's table with more rows after those it was made with (rows it need not look into). */
class TableWithRows extends Table {
  constructor(options: ITableOptions, more: readonly XmlComponent[]) {
    super(options);
    this.root.push(...more);
  }
}

/** The lines of a text as runs write them. */
function linesOf(text: string): string[] {
  return xmlText(text).split(/\r\n|\r|\n/);
}

/** Runs for texts already split into lines (the slots of a shape). */
function lineRuns(lines: readonly string[], options: Omit<IRunOptions, 'text' | 'break'> = {}): TextRun[] {
  return lines.map((line, i) => new TextRun({ ...options, text: line, break: i > 0 ? 1 : undefined }));
}

export interface DocxOptions {
  /** Rows made one by one by the package (the reference the shaped rows are tested against); slower on large tables. */
  rowByRow?: boolean;
}

function table(doc: FenjieDocument, options: DocxOptions): Table {
  const columns = tableColumns(doc);
  const widths = columnWidths(columns);
  const fullWidth = widths.reduce((a, b) => a + b, 0);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((c, i) => cell(runs(c.title, { font: HEADING_FONT }), widths[i], { alignment: AlignmentType.CENTER })),
  });
  /** A task row from the lines of each cell. */
  const taskRow = (cells: readonly (readonly string[])[]) =>
    new TableRow({
      cantSplit: true,
      children: columns.map((c, i) => cell(lineRuns(cells[i]), widths[i], { alignment: CENTERED.has(c.key) ? AlignmentType.CENTER : AlignmentType.LEFT })),
    });
  const headingRow = (kind: string, lines: readonly string[]) => {
    const font = kind === 'chapter' ? { font: HEADING_FONT } : { bold: true };
    return new TableRow({ cantSplit: true, children: [cell(lineRuns(lines, font), fullWidth, { columnSpan: columns.length, keepNext: true })] });
  };
  const shapes = new RowShapes();
  const rows: (TableRow | ShapedRow)[] = tableRows(doc).map((row) => {
    const cells = row.kind === 'task' ? columns.map((c) => linesOf(cellText(row, c.key))) : [linesOf(row.label)];
    if (options.rowByRow) return row.kind === 'task' ? taskRow(cells) : headingRow(row.kind, cells[0]);
    // The shape: the kind of row and how many lines each cell has.
    const shape = `${row.kind}:${cells.map((c) => c.length).join(',')}`;
    const texts = cells.flat();
    shapes.row(shape, texts.length, (slots) => {
      let next = 0;
      const slotted = cells.map((c) => c.map(() => slots[next++]));
      return row.kind === 'task' ? taskRow(slotted) : headingRow(row.kind, slotted[0]);
    });
    return new ShapedRow(shapes, shape, texts);
  });
  const tableOptions: ITableOptions = {
    rows: [header],
    columnWidths: widths,
    width: { size: fullWidth, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
  };
  if (options.rowByRow) return new Table({ ...tableOptions, rows: [header, ...(rows as TableRow[])] });
  // The shapes' rows are sized by a table of the same options, as the table sizes its own.
  new Table({ ...tableOptions, rows: [header, ...shapes.all()] });
  return new TableWithRows(tableOptions, rows);
}

function heading(text: string): Paragraph {
  return new Paragraph({ children: runs(text, { font: HEADING_FONT, size: 28 }), spacing: { before: 360, after: 120 } });
}

function indented(children: TextRun[]): Paragraph {
  return new Paragraph({ children, indent: { firstLine: 2 * BODY_SIZE * 10 }, spacing: { after: 60 } });
}

export async function renderDocx(analysis: Analysis, options: DocxOptions = {}): Promise<Buffer> {
  const doc = analysis.document;
  const title = documentTitle(doc);
  const meta = documentMetaLine(doc);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ children: runs(title, { font: TITLE_FONT, size: TITLE_SIZE, bold: true }), alignment: AlignmentType.CENTER, spacing: { after: 120 } }),
  ];
  if (meta) children.push(new Paragraph({ children: runs(meta), alignment: AlignmentType.CENTER, spacing: { after: 240 } }));
  for (const p of noticeParagraphs(doc)) children.push(indented(runs(p)));
  children.push(table(doc, options));
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
