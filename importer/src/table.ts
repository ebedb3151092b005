/**
 * What the table formats share: recognising the column header (序号 / 工作任务 / 牵头单位 /
 * 配合单位 / 责任领导 …), heading rows (`一、…`, `（一）…`, an unnumbered `主要预期目标`), and
 * turning aligned rows (PDF text, Word, Excel) into draft items.
 */
import type { RegistryIndex } from '../../core/src/registry';
import { taskField, type TaskFieldKind } from '../../grammar/src/fields';
import { newTask, type Draft, type DraftBlock, type DraftField, type DraftHeading, type DraftItem, type DraftTask } from './draft';
import { preambleHeader } from './meta';
import type { PendingNote } from './notes';
import { looksLikePersonName, rebuildLeaderList, rebuildUnitList } from './units';

export type ColumnRole = { kind: 'number' } | { kind: 'text' } | { kind: 'field'; field: TaskFieldKind; name: string };

const NUMBER_COLUMN = /^(?:序号|编号|序)$/;
const TEXT_COLUMN = /任务|举措|工作|内容|事项|措施|目标/;

export function columnRole(name: string): ColumnRole | undefined {
  const key = name.replace(/[\s\u3000]+/g, '');
  if (NUMBER_COLUMN.test(key)) return { kind: 'number' };
  const field = taskField(key);
  if (field) return { kind: 'field', field: field.kind, name: key };
  if (TEXT_COLUMN.test(key)) return { kind: 'text' };
  return undefined;
}

/** A row of column names: every cell a known column, with a 序号 or a 牵头单位 among them. */
export function headerRoles(cells: readonly string[]): ColumnRole[] | undefined {
  const named = cells.map((c) => c.trim());
  while (named.length > 0 && !named[named.length - 1]) named.pop();
  if (named.length < 3) return undefined;
  const roles = named.map(columnRole);
  if (roles.some((r) => r === undefined)) return undefined;
  const defined = roles as ColumnRole[];
  const hasNumber = defined.some((r) => r.kind === 'number');
  const hasLead = defined.some((r) => r.kind === 'field' && r.field === 'leadUnit');
  return hasNumber || hasLead ? defined : undefined;
}

const NUMERAL = '[一二三四五六七八九十百零〇两]+';
const CHAPTER = new RegExp(`^(${NUMERAL})、(.*)$`);
const SECTION = new RegExp(`^[（(](${NUMERAL})[）)](.*)$`);

export function isNumberedHeading(line: string): boolean {
  return CHAPTER.test(line) || SECTION.test(line);
}

/** `一、…` → chapter, `（一）…` → section, anything else → an unnumbered chapter heading. */
export function parseHeading(label: string): DraftHeading {
  const text = label.trim();
  const chapter = CHAPTER.exec(text);
  if (chapter) return { kind: 'chapter', numeral: chapter[1], title: chapter[2].trim(), notes: [] };
  const section = SECTION.exec(text);
  if (section) return { kind: 'section', numeral: section[1], title: section[2].trim(), notes: [] };
  return { kind: 'chapter', title: text, notes: [] };
}

/** A task number cell: digits, perhaps with the point the source wrote after them. */
export function taskNumber(cell: string): string | undefined {
  return /^\s*([0-9０-９]+)[.．、]?\s*$/.exec(cell)?.[1];
}

/** Builds a field from a cell's lines; undefined for an empty cell. */
export function fieldFromCell(name: string, kind: TaskFieldKind, lines: readonly string[], index?: RegistryIndex): DraftField | undefined {
  const content = lines.map((l) => l.trim()).filter((l) => l.length > 0);
  if (content.length === 0) return undefined;
  if (kind === 'leadUnit' || kind === 'cooperatingUnit') {
    const list = rebuildUnitList(content, index);
    return { name, value: list.value, notes: list.notes };
  }
  if (kind === 'leadLeader') {
    const names = rebuildLeaderList(content);
    const notes: PendingNote[] = names
      .filter((n) => !looksLikePersonName(n, index))
      .map((n) => ({ code: 'FJ905', severity: 'warning', args: { value: n, field: name } }));
    return { name, value: names.join('、'), notes };
  }
  return { name, value: content.join(''), notes: [] };
}

/** Task text from a cell: lines joined (Chinese wraps without a space), a note when there were several. */
export function taskText(task: DraftTask, lines: readonly string[]): void {
  const content = lines.map((l) => l.trim()).filter((l) => l.length > 0);
  task.text = content.join('');
  if (content.length > 1) task.notes.push({ code: 'FJ909', severity: 'info', args: { count: content.length } });
}

/** One table row: each cell as its lines. */
export type Row = readonly (readonly string[])[];

/** The column header of a grid of cells (Word, Excel): its row and the role of each column. */
export function findHeaderRow(grid: readonly Row[]): { at: number; roles: ColumnRole[] } | undefined {
  for (let at = 0; at < grid.length; at++) {
    const roles = headerRoles(grid[at].map((c) => c.join('')));
    if (roles) return { at, roles };
  }
  return undefined;
}

/**
 * A table read from Word or Excel as a draft: the lines above its column header (title, metadata,
 * notice: trimmed, non-empty) become the header, its rows the items, what follows it the blocks.
 */
export function tableDraft(
  table: { preamble: readonly string[]; roles: readonly ColumnRole[]; rows: readonly Row[]; blocks: DraftBlock[] },
  index: RegistryIndex | undefined,
  options: { firstLineTitle?: boolean } = {},
): Draft {
  return {
    header: preambleHeader(table.preamble, index?.registries[0]?.jurisdiction, options),
    items: rowsToItems(table.roles, table.rows, index),
    blocks: table.blocks,
  };
}

/** Aligned rows (one cell per column) to draft items. */
export function rowsToItems(roles: readonly ColumnRole[], rows: readonly Row[], index?: RegistryIndex): DraftItem[] {
  const items: DraftItem[] = [];
  const numberColumn = roles.findIndex((r) => r.kind === 'number');
  let last: DraftTask | undefined;
  for (const row of rows) {
    const cells = roles.map((_, i) => (row[i] ?? []).map((l) => l.trim()).filter((l) => l.length > 0));
    const filled = cells.map((c, i) => (c.length > 0 ? i : -1)).filter((i) => i >= 0);
    // Anything beyond the known columns still counts: a heading may sit in a merged first cell.
    const extra = row.slice(roles.length).flat().filter((l) => l.trim());
    if (filled.length === 0 && extra.length === 0) continue;
    const number = numberColumn >= 0 ? taskNumber(cells[numberColumn].join('')) : undefined;
    if (number === undefined) {
      if (filled.length <= 1) {
        const label = [...(filled.length ? cells[filled[0]] : []), ...extra].join('');
        items.push(parseHeading(label));
        continue;
      }
      if (last) {
        // A row without a number that carries cells: the rest of the task above (a row split over pages).
        appendRow(last, roles, cells, index);
        last.notes.push({ code: 'FJ910', severity: 'warning' });
        continue;
      }
      const heading = parseHeading(filled.map((i) => cells[i].join('')).join(' '));
      heading.notes.push({ code: 'FJ911', severity: 'warning' });
      items.push(heading);
      continue;
    }
    const task = newTask(number);
    appendRow(task, roles, cells, index);
    items.push(task);
    last = task;
  }
  return items;
}

function appendRow(task: DraftTask, roles: readonly ColumnRole[], cells: readonly string[][], index?: RegistryIndex): void {
  roles.forEach((role, i) => {
    if (cells[i].length === 0) return;
    if (role.kind === 'text') {
      if (task.text) task.text += cells[i].join('');
      else taskText(task, cells[i]);
    }
    if (role.kind !== 'field') return;
    const existing = task.fields.find((f) => f.name === role.name);
    const lines = existing ? [existing.value, ...cells[i]] : cells[i];
    const field = fieldFromCell(role.name, role.field, lines, index);
    if (!field) return;
    if (existing) Object.assign(existing, { value: field.value, notes: [...existing.notes, ...field.notes] });
    else task.fields.push(field);
  });
}
