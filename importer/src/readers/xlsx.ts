/**
 * Excel (.xlsx), read with exceljs: the first worksheet with the breakdown's columns. Rows above
 * the column header are the title (the first row, as a spreadsheet has it), the header fields and
 * the notice; rows below the last task from the first that is only a block name (`名词解释`,
 * `说明`) are the glossary and notes, as the Excel export writes them. A line break inside a cell
 * (Alt+Enter) is a new line of the cell. Merged cells: a heading merged across the row counts once,
 * a cell merged down a column (one leader for several tasks) repeats in every row it covers.
 */
import ExcelJS from 'exceljs';
import type { RegistryIndex } from '../../../core/src/registry';
import { blockHeading, blocksAfterTable, type Draft } from '../draft';
import { ImportError } from '../notes';
import { findHeaderRow, tableDraft, taskNumber, type Row } from '../table';

function cellLines(cell: ExcelJS.Cell): string[] {
  const master = cell.master;
  if (master !== cell && master.col !== cell.col) return [];
  const text = master.text ?? '';
  return text.split(/\r\n|\r|\n/);
}

/** The lines of rows, cell after cell: trimmed, without empty ones. */
function linesOf(rows: readonly Row[]): string[] {
  return rows
    .flatMap((r) => r.flat())
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

export async function readXlsx(bytes: Uint8Array, index?: RegistryIndex): Promise<Draft> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new ImportError('badZip', { kind: 'Excel (.xlsx)' });
  }
  for (const sheet of workbook.worksheets) {
    const grid: string[][][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: string[][] = [];
      for (let c = 1; c <= Math.max(row.cellCount, sheet.columnCount); c++) cells.push(cellLines(row.getCell(c)));
      grid.push(cells);
    }
    const header = findHeaderRow(grid);
    if (!header) continue;
    const below = grid.slice(header.at + 1);
    // The blocks start at a row that is only a block name, after the last numbered task.
    const numberColumn = header.roles.findIndex((r) => r.kind === 'number');
    let lastTask = -1;
    for (let i = 0; i < below.length && numberColumn >= 0; i++) if (taskNumber((below[i][numberColumn] ?? []).join('')) !== undefined) lastTask = i;
    const blocksAt = below.findIndex((row, i) => {
      const lines = linesOf([row]);
      return i > lastTask && lines.length === 1 && blockHeading(lines[0]) !== undefined;
    });
    const rows: Row[] = blocksAt < 0 ? below : below.slice(0, blocksAt);
    const after = blocksAt < 0 ? [] : below.slice(blocksAt);
    return tableDraft(
      { preamble: linesOf(grid.slice(0, header.at)), roles: header.roles, rows, blocks: blocksAfterTable(linesOf(after)) },
      index,
      { firstLineTitle: true },
    );
  }
  throw new ImportError('noTable', { kind: 'Excel (.xlsx)' });
}
