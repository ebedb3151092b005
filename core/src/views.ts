/**
 * Views of a document as its readers want them: the official table (章 and 节 as spanning rows,
 * tasks with 序号 / 工作任务 / 牵头单位 / 配合单位 / 责任领导), the tasks of each unit and of
 * each leader, and the numeric targets. Pure data, shared by the preview, the exports and the
 * CLI, so every output shows the same table. Names are shown as the document writes them.
 */
import { nameKey, rangeContains } from '../../grammar/src/text';
import { HEADER_FIELDS, type TaskFieldKind } from '../../grammar/src/fields';
import type { Comparator, Diagnostic, FenjieDocument, Field, HeaderField, LeaderMention, Target, Task, UnitMention, UnitResolution } from './model';

export type ColumnKey = 'number' | 'text' | 'leadUnits' | 'cooperatingUnits' | 'leaders' | 'deadline' | 'remark';

export interface Column {
  key: ColumnKey;
  /** The heading, in the words the document uses (`责任单位` when its tasks write that). */
  title: string;
}

export interface ChapterRow {
  kind: 'chapter';
  /** The source line of the heading. */
  line: number;
  chapter: number;
  /** `一、做大做强主导产业`, or the title alone for an unnumbered heading. */
  label: string;
}

export interface SectionRow {
  kind: 'section';
  line: number;
  chapter: number;
  section: number;
  /** `（一）推动有效投资持续增长。` */
  label: string;
}

export interface TaskRow {
  kind: 'task';
  /** The line of the task's number. */
  line: number;
  /** Index in `document.tasks`. */
  index: number;
  task: Task;
}

export type TableRow = ChapterRow | SectionRow | TaskRow;

/** The rows of the official table, in document order. The implicit chapter has no row unless it has a title. */
export function tableRows(doc: FenjieDocument): TableRow[] {
  const rows: TableRow[] = [];
  const taskRow = (index: number): TaskRow => {
    const task = doc.tasks[index];
    return { kind: 'task', line: task.range.start.line, index, task };
  };
  doc.chapters.forEach((chapter, chapterIndex) => {
    if (!chapter.implicit || chapter.title) {
      const label = chapter.numeral === undefined ? chapter.title : `${chapter.numeral}、${chapter.title}`;
      rows.push({ kind: 'chapter', line: chapter.range.start.line, chapter: chapterIndex, label });
    }
    const inSections = new Set(chapter.sections.flatMap((s) => s.tasks));
    // Tasks before the first section come first; sections follow in order.
    for (const index of chapter.tasks) if (!inSections.has(index)) rows.push(taskRow(index));
    chapter.sections.forEach((section, sectionIndex) => {
      rows.push({
        kind: 'section',
        line: section.range.start.line,
        chapter: chapterIndex,
        section: sectionIndex,
        label: `（${section.numeral}）${section.title}`,
      });
      for (const index of section.tasks) rows.push(taskRow(index));
    });
  });
  return rows;
}

/** The field kind whose values fill a column. */
export const COLUMN_FIELD: Partial<Record<ColumnKey, TaskFieldKind>> = {
  leadUnits: 'leadUnit',
  cooperatingUnits: 'cooperatingUnit',
  leaders: 'leadLeader',
  deadline: 'deadline',
  remark: 'remark',
};

const DEFAULT_TITLES: Record<ColumnKey, string> = {
  number: '序号',
  text: '工作任务',
  leadUnits: '牵头单位',
  cooperatingUnits: '配合单位',
  leaders: '责任领导',
  deadline: '完成时限',
  remark: '备注',
};

/**
 * The columns the document uses: 序号, 工作任务, 牵头单位 and 配合单位 always; 责任领导, 完成时限
 * and 备注 only when some task has one. A field column is headed by the name the tasks write most
 * (a document whose tasks say `责任单位` keeps that heading), the official table's word otherwise.
 */
export function tableColumns(doc: FenjieDocument): Column[] {
  const present = {
    leaders: doc.tasks.some((t) => t.leaders.length > 0),
    deadline: doc.tasks.some((t) => t.deadline !== undefined),
    remark: doc.tasks.some((t) => !!t.remark),
  };
  const counts = new Map<TaskFieldKind, Map<string, number>>();
  for (const task of doc.tasks) {
    for (const field of task.fields) {
      if (field.kind === 'unknown') continue;
      const names = counts.get(field.kind) ?? new Map<string, number>();
      names.set(field.name, (names.get(field.name) ?? 0) + 1);
      counts.set(field.kind, names);
    }
  }
  return columnsFrom(present, counts);
}

/**
 * The columns of a table, in order: number, text and the unit columns always, the others when some
 * task fills them. Each is headed by the field name the tasks write most (the first written on a
 * tie: `counts` keeps the order names were first written), else the usual heading.
 */
export function columnsFrom(present: { leaders: boolean; deadline: boolean; remark: boolean }, counts: ReadonlyMap<TaskFieldKind, ReadonlyMap<string, number>>): Column[] {
  const keys: ColumnKey[] = ['number', 'text', 'leadUnits', 'cooperatingUnits'];
  if (present.leaders) keys.push('leaders');
  if (present.deadline) keys.push('deadline');
  if (present.remark) keys.push('remark');
  return keys.map((key) => {
    const kind = COLUMN_FIELD[key];
    let title = DEFAULT_TITLES[key];
    let bestCount = 0;
    for (const [name, count] of (kind && counts.get(kind)) || []) {
      if (count > bestCount) {
        title = name;
        bestCount = count;
      }
    }
    return { key, title };
  });
}

/** A piece of a list cell: text as written between names, or a name with what it resolved to. */
export type ListPart<M> = string | M;

/**
 * A list field (牵头单位, 配合单位, 牵头领导) as the document writes it, cut into the names and the
 * text between them (`、`, `等，`), so a cell shows the list exactly as written and the preview can
 * still mark each name. Several fields of the kind join with `、`. When the names cannot be found
 * in order in the written values, the names alone are joined.
 */
export function listParts<M extends { text: string; etc?: boolean }>(task: Task, kind: Field['kind'], mentions: readonly M[]): ListPart<M>[] {
  const parts: ListPart<M>[] = [];
  let next = 0;
  task.fields
    .filter((f) => f.kind === kind)
    .forEach((field, i) => {
      if (i > 0) parts.push('、');
      const value = field.value;
      let cursor = 0;
      while (next < mentions.length) {
        const at = value.indexOf(mentions[next].text, cursor);
        if (at < 0) break;
        if (at > cursor) parts.push(value.slice(cursor, at));
        parts.push(mentions[next]);
        cursor = at + mentions[next].text.length;
        next++;
      }
      if (cursor < value.length) parts.push(value.slice(cursor));
    });
  if (next === mentions.length) return parts;
  return mentions.flatMap((m, i) => [...(i > 0 ? ['、'] : []), m, ...(m.etc ? ['等'] : [])]);
}

export function listText<M extends { text: string }>(parts: readonly ListPart<M>[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : p.text)).join('');
}

export function leadUnitParts(task: Task): ListPart<UnitMention>[] {
  return listParts(task, 'leadUnit', task.leadUnits);
}

export function cooperatingUnitParts(task: Task): ListPart<UnitMention>[] {
  return listParts(task, 'cooperatingUnit', task.cooperatingUnits);
}

export function leaderParts(task: Task): ListPart<LeaderMention>[] {
  return listParts(task, 'leadLeader', task.leaders);
}

/** The plain text of one cell of a task row, for the exports that write plain cells. */
export function cellText(row: TaskRow, key: ColumnKey): string {
  const task = row.task;
  switch (key) {
    case 'number':
      return task.number;
    case 'text':
      return task.text;
    case 'leadUnits':
      return listText(leadUnitParts(task));
    case 'cooperatingUnits':
      return listText(cooperatingUnitParts(task));
    case 'leaders':
      return listText(leaderParts(task));
    case 'deadline':
      return task.deadline?.text ?? '';
    case 'remark':
      return task.remark ?? '';
  }
}

export interface TaskRun {
  /** Index in `document.tasks` of the first task of the run. */
  first: number;
  last: number;
  /** `7`, or `1—6` for tasks 1 to 6 in a row. */
  label: string;
}

/**
 * Task indices as runs of consecutive tasks (consecutive in the document and in number), so a
 * collective that cooperates on every task reads `1—10000`, not ten thousand numbers.
 */
export function taskRuns(doc: FenjieDocument, indices: readonly number[]): TaskRun[] {
  const runs: TaskRun[] = [];
  for (const index of indices) {
    const run = runs[runs.length - 1];
    if (run && index === run.last + 1 && doc.tasks[index].numberValue === doc.tasks[run.last].numberValue + 1) run.last = index;
    else runs.push({ first: index, last: index, label: '' });
  }
  for (const run of runs) {
    const first = doc.tasks[run.first].number;
    run.label = run.first === run.last ? first : `${first}—${doc.tasks[run.last].number}`;
  }
  return runs;
}

/** Task numbers as one text: `1—6、9、12`. */
export function taskNumbersText(doc: FenjieDocument, indices: readonly number[]): string {
  return taskRuns(doc, indices)
    .map((r) => r.label)
    .join('、');
}

/** The title to print: the document's 标题, or its file name when it has none. */
export function documentTitle(doc: FenjieDocument): string {
  if (doc.title) return doc.title;
  const base = doc.uri.split(/[\\/]/).pop() ?? '';
  let name = base;
  try {
    name = decodeURIComponent(base);
  } catch {
    // A malformed escape stays as written.
  }
  return name.replace(/\.fenjie$/i, '') || '重点工作任务分解表';
}

/** The header line under the title: 文号, 发文机关, 发布日期 as written. */
export function documentMeta(doc: FenjieDocument): string[] {
  return [doc.docNumber, doc.issuer, doc.date].filter((v): v is string => !!v);
}

/** The header fields of the metadata line, in this order; the title and the notice have lines of their own. */
const META_KINDS: readonly HeaderField['kind'][] = ['docNumber', 'issuer', 'date', 'year', 'jurisdiction', 'registry'];
/** Between two fields of the metadata line. */
const META_SEPARATOR = '\u3000\u3000';

/**
 * `文号：辽政发〔2024〕3号　　发文机关：辽宁省人民政府　　发布日期：2024年2月5日　　年度：2024　　辖区：辽宁省`:
 * every header field but the title and the notice, by its canonical name, as the source writes
 * it, for the files that must import back as the same document (Excel, Word). Several 单位库
 * lines are one list.
 */
export function documentMetaLine(doc: FenjieDocument): string {
  const parts: string[] = [];
  for (const kind of META_KINDS) {
    const values = doc.header.filter((h) => h.kind === kind).map((h) => h.value.trim()).filter((v) => v.length > 0);
    if (values.length === 0) continue;
    const name = HEADER_FIELDS.find((f) => f.kind === kind)!.canonical;
    parts.push(`${name}：${kind === 'registry' ? values.join('、') : values[0]}`);
  }
  return parts.join(META_SEPARATOR);
}

/** The notice (the 说明 header field) as its paragraphs, the first marked `说明：` so an import knows it. */
export function noticeParagraphs(doc: FenjieDocument): string[] {
  return paragraphs(doc.note ?? '').map((p, i) => (i === 0 ? `说明：${p}` : p));
}

/** Prose (the 说明 header, a 【说明】 block) as its paragraphs: one per written line. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

export interface UnitLoad {
  /** As first written; a shared-suffix fragment (`大连`) shows its completed name. */
  name: string;
  canonical?: string;
  resolution: UnitResolution;
  /** Every spelling the document writes for it, the first included. */
  spellings: string[];
  /** Indices of the tasks it leads. */
  lead: number[];
  /** Indices of the tasks it cooperates on. */
  cooperating: number[];
  /** Distinct tasks it leads or cooperates on. */
  total: number;
}

const collator = new Intl.Collator('zh-Hans-CN');

function mentionKey(m: { text: string; canonical?: string }): string {
  return nameKey(m.canonical ?? m.text);
}

/**
 * Each unit with the tasks it leads and cooperates on, most loaded first (then most led, then by
 * name). Spellings of one registry unit count together; unknown units are kept as written.
 */
export function byUnit(doc: FenjieDocument): UnitLoad[] {
  const units = new Map<string, UnitLoad>();
  const add = (mention: UnitMention, taskIndex: number, role: 'lead' | 'cooperating') => {
    const key = mentionKey(mention);
    const shown = mention.resolution === 'sharedSuffix' && mention.canonical ? mention.canonical : mention.text;
    let unit = units.get(key);
    if (!unit) {
      unit = { name: shown, canonical: mention.canonical, resolution: mention.resolution, spellings: [], lead: [], cooperating: [], total: 0 };
      units.set(key, unit);
    }
    if (!unit.spellings.includes(shown)) unit.spellings.push(shown);
    const list = unit[role];
    if (list[list.length - 1] !== taskIndex) list.push(taskIndex);
  };
  doc.tasks.forEach((task, index) => {
    for (const m of task.leadUnits) add(m, index, 'lead');
    for (const m of task.cooperatingUnits) add(m, index, 'cooperating');
  });
  const result = [...units.values()];
  for (const unit of result) unit.total = new Set([...unit.lead, ...unit.cooperating]).size;
  return result.sort((a, b) => b.total - a.total || b.lead.length - a.lead.length || collator.compare(a.name, b.name));
}

export interface LeaderLoad {
  /** As first written (`王 健` stays as the document writes it). */
  name: string;
  canonical?: string;
  spellings: string[];
  /** Indices of the tasks the leader is answerable for. */
  tasks: number[];
  /** The lead units of those tasks, as written, each once. */
  leadUnits: string[];
}

/** Each leader with their tasks, most tasks first, then by name. */
export function byLeader(doc: FenjieDocument): LeaderLoad[] {
  const leaders = new Map<string, LeaderLoad>();
  doc.tasks.forEach((task, index) => {
    for (const mention of task.leaders) {
      const key = mentionKey(mention);
      let leader = leaders.get(key);
      if (!leader) {
        leader = { name: mention.text, canonical: mention.canonical, spellings: [], tasks: [], leadUnits: [] };
        leaders.set(key, leader);
      }
      if (!leader.spellings.includes(mention.text)) leader.spellings.push(mention.text);
      if (leader.tasks[leader.tasks.length - 1] !== index) leader.tasks.push(index);
      for (const unit of task.leadUnits) if (!leader.leadUnits.includes(unit.text)) leader.leadUnits.push(unit.text);
    }
  });
  return [...leaders.values()].sort((a, b) => b.tasks.length - a.tasks.length || collator.compare(a.name, b.name));
}

export interface TargetRow {
  /** Index in `document.tasks`. */
  task: number;
  /** The task number as written. */
  number: string;
  /** The line the target is written on. */
  line: number;
  indicator: string;
  comparator: Comparator;
  valueText: string;
  magnitude?: Target['magnitude'];
  measure: string;
  qualifiers: string[];
  /** The target phrase as written. */
  text: string;
  /** The task's lead units, as the table cell shows them. */
  leadUnits: string;
  target: Target;
}

/** Every numeric target, in document order. */
export function targetsSummary(doc: FenjieDocument): TargetRow[] {
  return doc.tasks.flatMap((task, index) =>
    task.targets.map((target) => ({
      task: index,
      number: task.number,
      line: target.range.start.line,
      indicator: target.indicator,
      comparator: target.comparator,
      valueText: target.valueText,
      magnitude: target.magnitude,
      measure: target.measure,
      qualifiers: target.qualifiers,
      text: target.text,
      leadUnits: listText(leadUnitParts(task)),
      target,
    })),
  );
}

/** The value of a target as a cell shows it: `5.5`, `1.5万`. */
export function targetValueText(row: Pick<TargetRow, 'valueText' | 'magnitude'>): string {
  return row.valueText + (row.magnitude ?? '');
}

/** The diagnostics inside each task (keyed by task index); those outside every task are left out. */
export function problemsByTask(doc: FenjieDocument, diagnostics: readonly Diagnostic[]): Map<number, Diagnostic[]> {
  const byTask = new Map<number, Diagnostic[]>();
  const starts = doc.tasks.map((t) => t.range.start);
  for (const d of diagnostics) {
    const at = d.range.start;
    // The last task starting at or before the problem; tasks are in document order.
    let low = 0;
    let high = starts.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const s = starts[mid];
      if (s.line < at.line || (s.line === at.line && s.character <= at.character)) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    if (found < 0 || !rangeContains(doc.tasks[found].range, at)) continue;
    const list = byTask.get(found);
    if (list) list.push(d);
    else byTask.set(found, [d]);
  }
  return byTask;
}
