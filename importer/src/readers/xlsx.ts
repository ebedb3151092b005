/**
 * Excel (.xlsx), read with exceljs: the first worksheet with the breakdown's columns. Rows above
 * the column header are the title and notice; a line break inside a cell (Alt+Enter) is a new line
 * of the cell. Merged cells: a heading merged across the row counts once, a cell merged down a
 * column (one leader for several tasks) repeats in every row it covers.
 */
import ExcelJS from 'exceljs';
import type { RegistryIndex } from '../../../core/src/registry';
import type { Draft } from '../draft';
import { ImportError } from '../notes';
import { findTableTitle, headerFromPreamble } from '../meta';
import { headerRoles, rowsToItems, type Row } from '../table';

function cellLines(cell: ExcelJS.Cell): string[] {
  const master = cell.master;
  if (master !== cell && master.col !== cell.col) return [];
  const text = master.text ?? '';
  return text.split(/\r\n|\r|\n/);
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
    const headerRow = grid.findIndex((r) => headerRoles(r.map((c) => c.join(''))) !== undefined);
    if (headerRow < 0) continue;
    const roles = headerRoles(grid[headerRow].map((c) => c.join('')))!;
    const preamble = grid
      .slice(0, headerRow)
      .flatMap((r) => r.flat())
      .map((t) => t.trim())
      .filter((t) => t.length > 0);
    const title = findTableTitle(preamble);
    const notice = preamble.filter((_, i) => !title?.lines.includes(i));
    const rows: Row[] = grid.slice(headerRow + 1);
    return {
      header: headerFromPreamble(notice, title?.title, index?.registries[0]?.jurisdiction),
      items: rowsToItems(roles, rows, index),
      blocks: [],
    };
  }
  throw new ImportError('noTable', { kind: 'Excel (.xlsx)' });
}
