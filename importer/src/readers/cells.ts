/**
 * One cell per line (seed 000: a Word table pasted as text). Cells are runs of non-blank lines
 * separated by blank lines, but an empty cell is simply missing, so which column a run belongs to
 * is decided by what it is: a person's name (the registry's leaders, or a short name) goes to the
 * leader column, anything else to the next unit column. Runs after the last column of the last
 * task are the text after the table.
 */
import type { RegistryIndex } from '../../../core/src/registry';
import { closingBlock, newTask, type Draft, type DraftItem, type DraftTask } from '../draft';
import type { PendingNote } from '../notes';
import { findTableTitle, headerFromPreamble } from '../meta';
import { columnRole, fieldFromCell, isNumberedHeading, parseHeading, taskNumber, taskText, type ColumnRole } from '../table';
import { looksLikePersonName } from '../units';

interface Run {
  lines: string[];
  /** Blank lines before the run: one separates cells, more stand for empty cells. */
  blanksBefore: number;
}

function runsOf(lines: readonly string[]): Run[] {
  const runs: Run[] = [];
  let blanks = 0;
  let current: Run | undefined;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) {
      current = undefined;
      blanks++;
      continue;
    }
    if (!current) {
      current = { lines: [], blanksBefore: blanks };
      runs.push(current);
      blanks = 0;
    }
    current.lines.push(line);
  }
  return runs;
}

/** The column header: `序号` then column names, one per run. */
export function findCellHeader(runs: readonly Run[]): { at: number; roles: ColumnRole[]; names: string[] } | undefined {
  for (let i = 0; i < runs.length; i++) {
    if (runs[i].lines.length !== 1 || columnRole(runs[i].lines[0])?.kind !== 'number') continue;
    const names: string[] = [runs[i].lines[0]];
    for (let j = i + 1; j < runs.length && runs[j].lines.length === 1 && columnRole(runs[j].lines[0]); j++) names.push(runs[j].lines[0]);
    const roles = names.map((n) => columnRole(n)!);
    if (names.length >= 3 && roles.some((r) => r.kind === 'field' && r.field === 'leadUnit')) return { at: i, roles, names };
  }
  return undefined;
}

export function looksLikeCells(lines: readonly string[]): boolean {
  return findCellHeader(runsOf(lines)) !== undefined;
}

type RunKind = 'leader' | 'unit';

/** What a run is, and whether that was a guess (nothing in the registry said so). */
function classify(run: Run, index?: RegistryIndex): { kind: RunKind; guessed: boolean } {
  const hasRegistry = index !== undefined && !index.isEmpty;
  const leaderLike = run.lines.every((l) => looksLikePersonName(l, index) || /^[（(][\u4e00-\u9fff]{1,6}[)）]$/.test(l));
  // A name the registry does not list is a guess; a line that is no name at all gets its own note (FJ905).
  if (leaderLike) return { kind: 'leader', guessed: hasRegistry && run.lines.some((l) => looksLikePersonName(l) && !index!.leader(l)) };
  const knownUnit = run.lines.some((l) => l.split(/[、，,；;]/).some((name) => name && index?.lookup(name.trim())));
  return { kind: 'unit', guessed: hasRegistry && !knownUnit };
}

export function readCells(text: string, index?: RegistryIndex): Draft | undefined {
  const runs = runsOf(text.split(/\r\n|\r|\n/));
  const header = findCellHeader(runs);
  if (!header) return undefined;
  const preamble = runs.slice(0, header.at).flatMap((r) => r.lines);
  const title = findTableTitle(preamble);
  const notice = preamble.filter((_, i) => !title?.lines.includes(i));

  // Columns after 序号 and the task text: where units and leaders go, in source order.
  const cellColumns = header.roles
    .map((role, i) => ({ role, name: header.names[i] }))
    .filter((c): c is { role: Extract<ColumnRole, { kind: 'field' }>; name: string } => c.role.kind === 'field');

  const items: DraftItem[] = [];
  let task: DraftTask | undefined;
  let awaitingText = false;
  /** Index into cellColumns of the next free column of the current task. */
  let cursor = 0;
  /** Runs past the last column of the current task. */
  let strays: Run[] = [];
  const settleStrays = () => {
    if (task && strays.length > 0) mergeStrays(task, strays, cellColumns, index);
    strays = [];
  };

  for (const run of runs.slice(header.at + header.names.length)) {
    const single = run.lines.length === 1 ? run.lines[0] : undefined;
    if (single !== undefined && !awaitingText && /^[0-9０-９]+$/.test(single)) {
      settleStrays();
      task = newTask(taskNumber(single)!);
      items.push(task);
      awaitingText = true;
      cursor = 0;
      continue;
    }
    if (single !== undefined && !awaitingText && isNumberedHeading(single)) {
      settleStrays();
      items.push(parseHeading(single));
      task = undefined;
      continue;
    }
    if (!task) {
      const heading = parseHeading(run.lines.join(''));
      heading.notes.push({ code: 'FJ911', severity: 'warning' });
      items.push(heading);
      continue;
    }
    if (awaitingText) {
      taskText(task, run.lines);
      awaitingText = false;
      continue;
    }
    const { kind, guessed } = classify(run, index);
    const column = nextColumn(cellColumns, cursor, kind);
    if (column < 0) {
      strays.push(run);
      continue;
    }
    const target = cellColumns[column];
    const notes: PendingNote[] = [];
    if (guessed) notes.push({ code: 'FJ904', severity: 'warning', args: { field: target.name } });
    if (kind === 'unit' && run.blanksBefore >= 2 && column === cursor && cursor > 0) {
      notes.push({ code: 'FJ906', severity: 'warning', args: { field: target.name } });
    }
    const field = fieldFromCell(target.name, target.role.field, run.lines, index);
    if (field) {
      field.notes.unshift(...notes);
      task.fields.push(field);
    }
    cursor = column + 1;
  }

  // What follows the last column of the last task is the text after the table.
  return {
    header: headerFromPreamble(notice, title?.title, index?.registries[0]?.jurisdiction),
    items,
    blocks: closingBlock(strays.flatMap((r) => r.lines)),
  };
}

/** Stray runs inside the table join the task's last unit field, reported, never dropped. */
function mergeStrays(task: DraftTask, strays: readonly Run[], columns: readonly { role: Extract<ColumnRole, { kind: 'field' }>; name: string }[], index?: RegistryIndex): void {
  const unitColumns = columns.filter((c) => c.role.field === 'leadUnit' || c.role.field === 'cooperatingUnit');
  const target = unitColumns[unitColumns.length - 1] ?? columns[columns.length - 1];
  if (!target) return;
  const existing = task.fields.find((f) => f.name === target.name);
  const lines = [...(existing ? [existing.value] : []), ...strays.flatMap((r) => r.lines)];
  const field = fieldFromCell(target.name, target.role.field, lines, index)!;
  const notes = strays.map((r): PendingNote => ({ code: 'FJ908', severity: 'warning', args: { number: task.number, value: r.lines.join(' '), field: target.name } }));
  if (existing) Object.assign(existing, { value: field.value, notes: [...existing.notes, ...field.notes, ...notes] });
  else task.fields.push({ ...field, notes: [...field.notes, ...notes] });
}

function nextColumn(columns: readonly { role: Extract<ColumnRole, { kind: 'field' }> }[], from: number, kind: RunKind): number {
  for (let i = from; i < columns.length; i++) {
    const isLeader = columns[i].role.field === 'leadLeader';
    if (kind === 'leader' ? isLeader : !isLeader && columns[i].role.field !== 'deadline' && columns[i].role.field !== 'remark') return i;
  }
  return -1;
}
