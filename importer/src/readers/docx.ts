/**
 * Word (.docx): the archive is opened with jszip and word/document.xml read as a stream of
 * elements. Paragraphs before the first table with the breakdown's columns are the notice, the
 * table's rows are cells of paragraphs, paragraphs after it the closing text. Merged cells: a
 * horizontal span fills the columns it covers with nothing, a vertical merge repeats the cell above.
 */
import JSZip from 'jszip';
import type { RegistryIndex } from '../../../core/src/registry';
import { blocksAfterTable, type Draft } from '../draft';
import { ImportError } from '../notes';
import { findHeaderRow, headerRoles, tableDraft } from '../table';

interface Cell {
  paragraphs: string[];
  span: number;
  /** `w:vMerge` without `restart`: the continuation of the cell above. */
  continuesAbove: boolean;
}

type Block = { kind: 'paragraph'; text: string } | { kind: 'table'; rows: Cell[][] };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') return String.fromCodePoint(entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}

/** Body paragraphs and tables of a WordprocessingML document, in order; nested tables are flattened into their cell. */
export function readDocumentXml(xml: string): Block[] {
  const blocks: Block[] = [];
  const tag = /<(\/?)(w:[A-Za-z]+)\b([^>]*?)(\/?)>|([^<]+)/g;
  let tableDepth = 0;
  let rows: Cell[][] = [];
  let cell: Cell | undefined;
  let paragraph: string | undefined;
  let inText = false;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const [, closing, name, attributes, selfClosing, text] = m;
    if (text !== undefined) {
      if (inText && paragraph !== undefined) paragraph += unescapeXml(text);
      continue;
    }
    const opening = !closing;
    switch (name) {
      case 'w:tbl':
        if (opening) {
          tableDepth++;
          if (tableDepth === 1) rows = [];
        } else if (--tableDepth === 0) blocks.push({ kind: 'table', rows });
        break;
      case 'w:tr':
        if (opening && tableDepth === 1) rows.push([]);
        break;
      case 'w:tc':
        if (opening && tableDepth === 1) {
          cell = { paragraphs: [], span: 1, continuesAbove: false };
          rows[rows.length - 1]?.push(cell);
        }
        break;
      case 'w:gridSpan':
        if (cell && tableDepth === 1) cell.span = Number(/w:val="(\d+)"/.exec(attributes)?.[1] ?? 1);
        break;
      case 'w:vMerge':
        if (cell && tableDepth === 1) cell.continuesAbove = !/w:val="restart"/.test(attributes);
        break;
      case 'w:p':
        if (opening && !selfClosing) paragraph = '';
        else if (opening && selfClosing) (tableDepth > 0 ? cell?.paragraphs : undefined)?.push('');
        else if (paragraph !== undefined) {
          if (tableDepth > 0) cell?.paragraphs.push(paragraph);
          else blocks.push({ kind: 'paragraph', text: paragraph });
          paragraph = undefined;
        }
        break;
      case 'w:t':
        inText = opening && !selfClosing;
        break;
      case 'w:tab':
        if (paragraph !== undefined && opening) paragraph += '\t';
        break;
      case 'w:br':
      case 'w:cr':
        // A line break inside a paragraph is a new line of the cell.
        if (paragraph !== undefined && opening) {
          if (tableDepth > 0) cell?.paragraphs.push(paragraph);
          else blocks.push({ kind: 'paragraph', text: paragraph });
          paragraph = '';
        }
        break;
      default:
    }
  }
  return blocks;
}

/** Rows as cells of lines, with merged cells laid out on the grid. */
function gridRows(rows: readonly Cell[][]): string[][][] {
  const grid: string[][][] = [];
  for (const row of rows) {
    const out: string[][] = [];
    for (const cell of row) {
      const column = out.length;
      const lines = cell.continuesAbove ? (grid[grid.length - 1]?.[column] ?? []) : cell.paragraphs;
      out.push(lines);
      for (let i = 1; i < cell.span; i++) out.push([]);
    }
    grid.push(out);
  }
  return grid;
}

export async function readDocx(bytes: Uint8Array, index?: RegistryIndex): Promise<Draft> {
  let xml: string | undefined;
  try {
    const zip = await JSZip.loadAsync(bytes);
    xml = await zip.file('word/document.xml')?.async('string');
  } catch {
    throw new ImportError('badZip', { kind: 'Word (.docx)' });
  }
  if (xml === undefined) throw new ImportError('badZip', { kind: 'Word (.docx)' });
  const blocks = readDocumentXml(xml);
  const tableAt = blocks.findIndex((b) => b.kind === 'table' && b.rows.some((r) => headerRoles(r.map((c) => c.paragraphs.join(''))) !== undefined));
  if (tableAt < 0) throw new ImportError('noTable', { kind: 'Word (.docx)' });
  const table = blocks[tableAt] as Extract<Block, { kind: 'table' }>;
  const grid = gridRows(table.rows);
  const header = findHeaderRow(grid)!;

  const paragraphsOf = (list: Block[]) => list.flatMap((b) => (b.kind === 'paragraph' ? [b.text.trim()] : [])).filter((t) => t.length > 0);
  const preamble = [...paragraphsOf(blocks.slice(0, tableAt)), ...grid.slice(0, header.at).map((r) => r.flat().join('').trim()).filter((t) => t)];
  return tableDraft(
    { preamble, roles: header.roles, rows: grid.slice(header.at + 1), blocks: blocksAfterTable(paragraphsOf(blocks.slice(tableAt + 1))) },
    index,
  );
}
