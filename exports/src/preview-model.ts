/**
 * The live preview as data: the document head, the rows of the official table and the rows of
 * the three views (by unit, by leader, targets), each row a small array whose leaves are strings
 * (the cells, every text already in the reader's language) plus the source line it reveals.
 *
 * Both renderers of the preview read this model: `renderPreviewBody` (exports/src/preview-html.ts)
 * writes it as HTML, and the webview's script (exports/media/preview.js) builds the same rows as
 * DOM from the messages of exports/src/preview-sync.ts, which sends only the rows that changed.
 * Rows are compared by their cells, so a row is "changed" exactly when it would look different.
 *
 * Views refer to tasks by a key the caller gives (`keyOf`), not by line: a line inserted above a
 * task moves it, but does not change the views that list it.
 */
import { format, type Locale } from '../../core/src/messages';
import type { Analysis, Diagnostic, FenjieDocument, Field, LocalizedText, Task, UnitMention } from '../../core/src/model';
import type { TaskFieldKind } from '../../grammar/src/fields';
import {
  byLeader,
  byUnit,
  COLUMN_FIELD,
  columnsFrom,
  cooperatingUnitParts,
  documentMeta,
  documentTitle,
  leaderParts,
  leadUnitParts,
  listText,
  paragraphs,
  problemsByTask,
  tableColumns,
  tableRows,
  targetsSummary,
  targetValueText,
  taskRuns,
  type ColumnKey,
  type ListPart,
} from '../../core/src/views';

/** A cell: a text, or a list of cells (a unit list, a badge, task references). */
export type Cell = string | readonly Cell[];

/** A row: what it shows, and the source line a click on it reveals (-1: none). */
export interface ModelRow {
  cells: readonly Cell[];
  line: number;
  /** `JSON.stringify(cells)`, when already known: rows are compared by it. */
  content?: string;
}

/** The four lists of the preview, in the order of its tabs. */
export const LIST_NAMES = ['table', 'units', 'leaders', 'targets'] as const;
export type ListName = (typeof LIST_NAMES)[number];

/**
 * Table rows: `['c', label]` a chapter, `['s', label]` a section, and a task:
 * `['t', number, text, lead, cooperating, leaders, deadline, remark, badge]` where `lead` and
 * `cooperating` are lists of parts (a text as written, or `[name, class, title]` for a unit the
 * preview marks) and `badge` is `[]` or `[count, severity, title]`.
 * Units: `[unit, spellings, leads, cooperates, total, leadRefs, cooperatingRefs]`, a ref being
 * `[label, taskKey]`. Leaders: `[name, count, refs, leadUnits]`. Targets:
 * `[number, indicator, comparator, value, measure, phrase, leadUnits]`.
 */
export type TaskCells = readonly ['t', string, string, Cell[], Cell[], string, string, string, Cell[]];

/** The localized words of the page that are not document text. */
export const UI = {
  table: { zh: '表格', en: 'Table' },
  units: { zh: '按单位', en: 'By unit' },
  leaders: { zh: '按领导', en: 'By leader' },
  targets: { zh: '指标汇总', en: 'Targets' },
  filter: { zh: '按单位或领导筛选', en: 'Filter by unit or leader' },
  loading: { zh: '正在分析文档…', en: 'Analysing the document…' },
  taskCount: { zh: '{n} 项任务', en: '{n} tasks' },
  problemCount: { zh: '{n} 个问题', en: '{n} problems' },
  rowProblems: { zh: '本任务有 {n} 个问题', en: '{n} problems in this task' },
  unknownUnit: { zh: '单位库中没有这个单位', en: 'Not in the unit registry' },
  collective: { zh: '单位集合', en: 'A collective of units' },
  alias: { zh: '即 {name}', en: 'Same as {name}' },
  unit: { zh: '单位', en: 'Unit' },
  leads: { zh: '牵头', en: 'Leads' },
  cooperates: { zh: '配合', en: 'Cooperates' },
  total: { zh: '合计', en: 'Total' },
  leadTasks: { zh: '牵头任务', en: 'Tasks led' },
  cooperatingTasks: { zh: '配合任务', en: 'Tasks cooperated on' },
  spellings: { zh: '写法：{names}', en: 'Written as: {names}' },
  leader: { zh: '领导', en: 'Leader' },
  tasks: { zh: '任务', en: 'Tasks' },
  leadUnits: { zh: '牵头单位', en: 'Lead units' },
  number: { zh: '序号', en: 'No.' },
  indicator: { zh: '指标', en: 'Indicator' },
  comparator: { zh: '比较', en: 'Comparison' },
  value: { zh: '数值', en: 'Value' },
  measure: { zh: '计量单位', en: 'Measure' },
  phrase: { zh: '原文', en: 'As written' },
  noTasks: { zh: '文档中还没有任务。', en: 'The document has no tasks yet.' },
  noUnits: { zh: '没有写明任何单位。', en: 'No units are named.' },
  noLeaders: { zh: '没有写明责任领导。', en: 'No leaders are named.' },
  noTargets: { zh: '任务中没有数值指标。', en: 'No numeric targets in the tasks.' },
} satisfies Record<string, LocalizedText>;

export type UiKey = keyof typeof UI;

export function uiText(locale: Locale, key: UiKey, args?: Record<string, string | number>): string {
  return format(UI[key][locale], args);
}

/** A column of a view: its class and its heading. */
export type ViewColumn = readonly [cls: string, title: string];

/** Everything on the page that is not a row: small, sent whole whenever it changes. */
export interface PreviewHead {
  title: string;
  /** 文号, 发文机关, 发布日期 joined, or empty. */
  meta: string;
  /** `12 项任务 · 3 个问题`. */
  summary: string;
  /** The table's columns as the document uses them: key and heading. */
  columns: [ColumnKey, string][];
  /** Headings of the views' columns, panel names and what an empty list says. */
  labels: {
    units: string;
    leaders: string;
    targets: string;
    unitColumns: ViewColumn[];
    leaderColumns: ViewColumn[];
    targetColumns: ViewColumn[];
    noTasks: string;
    noUnits: string;
    noLeaders: string;
    noTargets: string;
    /** Shown in a view the server has not sent yet. */
    loading: string;
  };
  /** The glossary (term, definition) and the 【说明】 blocks (name, paragraphs), shown after the table. */
  glossary: [string, string][];
  notes: [string, string[]][];
}

export function previewHead(analysis: Analysis, locale: Locale, columns: [ColumnKey, string][] = tableColumns(analysis.document).map((c) => [c.key, c.title])): PreviewHead {
  const doc = analysis.document;
  const summary = [uiText(locale, 'taskCount', { n: doc.tasks.length })];
  if (analysis.diagnostics.length) summary.push(uiText(locale, 'problemCount', { n: analysis.diagnostics.length }));
  const col = (cls: string, key: UiKey): ViewColumn => [cls, uiText(locale, key)];
  return {
    title: documentTitle(doc),
    meta: documentMeta(doc).join('　'),
    summary: summary.join(' · '),
    columns,
    labels: {
      units: uiText(locale, 'units'),
      leaders: uiText(locale, 'leaders'),
      targets: uiText(locale, 'targets'),
      unitColumns: [col('v-name', 'unit'), col('v-count', 'leads'), col('v-count', 'cooperates'), col('v-count', 'total'), col('v-refs', 'leadTasks'), col('v-refs', 'cooperatingTasks')],
      leaderColumns: [col('v-name', 'leader'), col('v-count', 'tasks'), col('v-refs', 'tasks'), col('v-units', 'leadUnits')],
      targetColumns: [
        col('v-number', 'number'),
        col('v-indicator', 'indicator'),
        col('v-comparator', 'comparator'),
        col('v-value', 'value'),
        col('v-measure', 'measure'),
        col('v-phrase', 'phrase'),
        col('v-units', 'leadUnits'),
      ],
      noTasks: uiText(locale, 'noTasks'),
      noUnits: uiText(locale, 'noUnits'),
      noLeaders: uiText(locale, 'noLeaders'),
      noTargets: uiText(locale, 'noTargets'),
      loading: uiText(locale, 'loading'),
    },
    glossary: doc.glossary.map((e) => [e.term, e.definition]),
    notes: doc.notes.map((n) => [n.name, paragraphs(n.text)]),
  };
}

/** A unit as the preview marks it: `[name, class, title]`, or the name alone when there is nothing to mark. */
export function unitCell(unit: Pick<UnitMention, 'text' | 'canonical' | 'resolution'>, locale: Locale): Cell {
  if (unit.resolution === 'unknown') return [unit.text, 'unknown', uiText(locale, 'unknownUnit')];
  if (unit.resolution === 'collective') return [unit.text, 'collective', UI.collective[locale]];
  if (unit.canonical && unit.canonical !== unit.text) return [unit.text, '', format(UI.alias[locale], { name: unit.canonical })];
  return unit.text;
}

/** A list as written, plain names and the text between them merged into one text, marked units apart. */
function partsCell(parts: readonly ListPart<UnitMention>[], locale: Locale): Cell[] {
  const out: Cell[] = [];
  for (const part of parts) {
    const cell = typeof part === 'string' ? part : unitCell(part, locale);
    const last = out.length - 1;
    if (typeof cell === 'string' && last >= 0 && typeof out[last] === 'string') out[last] = (out[last] as string) + cell;
    else if (cell !== '') out.push(cell);
  }
  return out;
}

export function worstSeverity(problems: readonly Diagnostic[]): string {
  for (const severity of ['error', 'warning', 'info'] as const) if (problems.some((p) => p.severity === severity)) return severity;
  return 'hint';
}

function badgeCell(problems: readonly Diagnostic[] | undefined, locale: Locale): Cell[] {
  if (!problems?.length) return [];
  const lines = [uiText(locale, 'rowProblems', { n: problems.length }), ...problems.map((p) => `${p.code} ${p.message[locale]}`)];
  return [String(problems.length), worstSeverity(problems), lines.join('\n')];
}

export function taskCells(task: Task, problems: readonly Diagnostic[] | undefined, locale: Locale): TaskCells {
  return [
    't',
    task.number,
    task.text,
    partsCell(leadUnitParts(task), locale),
    partsCell(cooperatingUnitParts(task), locale),
    listText(leaderParts(task)),
    task.deadline?.text ?? '',
    task.remark ?? '',
    badgeCell(problems, locale),
  ];
}

/** Field kinds that head a column. */
const COLUMN_FIELD_KINDS = new Set<Field['kind']>(Object.values(COLUMN_FIELD));

/**
 * What a task row shows without its problems, kept per task object: the analysis reuses the
 * model of a task that did not change, so after an edit only the edited tasks are written again.
 */
interface TaskRowCache {
  locale: Locale;
  cells: TaskCells;
  /** The content of the row without problems. */
  plain: string;
  /** The content up to the badge: `plain` without its closing `[]]`. */
  open: string;
  /** What the task says about the columns: which optional columns it fills, the field names it writes. */
  columns: string;
}

const taskRows = new WeakMap<Task, TaskRowCache>();

function cachedTaskRow(task: Task, locale: Locale): TaskRowCache {
  const known = taskRows.get(task);
  if (known && known.locale === locale) return known;
  const cells = taskCells(task, undefined, locale);
  const plain = JSON.stringify(cells);
  const names = task.fields.filter((f) => COLUMN_FIELD_KINDS.has(f.kind)).map((f) => [f.kind, f.name]);
  const columns = JSON.stringify([task.leaders.length > 0, task.deadline !== undefined, !!task.remark, names]);
  const entry = { locale, cells, plain, open: plain.slice(0, -3), columns };
  taskRows.set(task, entry);
  return entry;
}

/**
 * `tableColumns` of the document, from what each task row records (the same columns and
 * headings: present when some task fills it, headed by the name the tasks write most, the first
 * written on a tie), without walking every field of every task again.
 */
function columnsOf(signatures: readonly string[]): [ColumnKey, string][] {
  const seen = new Map<string, number>();
  for (const s of signatures) seen.set(s, (seen.get(s) ?? 0) + 1);
  const present = { leaders: false, deadline: false, remark: false };
  const counts = new Map<TaskFieldKind, Map<string, number>>();
  for (const [signature, times] of seen) {
    const [leaders, deadline, remark, names] = JSON.parse(signature) as [boolean, boolean, boolean, [TaskFieldKind, string][]];
    present.leaders ||= leaders;
    present.deadline ||= deadline;
    present.remark ||= remark;
    for (const [kind, name] of names) {
      const map = counts.get(kind) ?? new Map<string, number>();
      map.set(name, (map.get(name) ?? 0) + times);
      counts.set(kind, map);
    }
  }
  return columnsFrom(present, counts).map((c) => [c.key, c.title]);
}


/** The rows of the official table, for each the index of its task (-1 for a heading), and the table's columns. */
export function tableModel(analysis: Analysis, locale: Locale): { rows: ModelRow[]; tasks: number[]; columns: [ColumnKey, string][] } {
  const doc = analysis.document;
  const problems = problemsByTask(doc, analysis.diagnostics);
  const rows: ModelRow[] = [];
  const tasks: number[] = [];
  const signatures: string[] = [];
  for (const row of tableRows(doc)) {
    if (row.kind === 'task') {
      const cached = cachedTaskRow(row.task, locale);
      signatures.push(cached.columns);
      const badge = badgeCell(problems.get(row.index), locale);
      if (badge.length) {
        const cells = [...cached.cells.slice(0, 8), badge];
        rows.push({ cells, line: row.line, content: `${cached.open}${JSON.stringify(badge)}]` });
      } else {
        rows.push({ cells: cached.cells, line: row.line, content: cached.plain });
      }
      tasks.push(row.index);
    } else {
      const cells = [row.kind === 'chapter' ? 'c' : 's', row.label];
      rows.push({ cells, line: row.line, content: JSON.stringify(cells) });
      tasks.push(-1);
    }
  }
  return { rows, tasks, columns: columnsOf(signatures) };
}

/** Task references as runs (`1—6`), each with the key of its first task. */
function refsCell(doc: FenjieDocument, indices: readonly number[], keyOf: (task: number) => string): Cell[] {
  return taskRuns(doc, indices).map((run) => [run.label, keyOf(run.first)]);
}

export interface ViewsModel {
  units: ModelRow[];
  leaders: ModelRow[];
  targets: ModelRow[];
}

export function viewsModel(analysis: Analysis, locale: Locale, keyOf: (task: number) => string): ViewsModel {
  const doc = analysis.document;
  const units = byUnit(doc).map((unit) => ({
    cells: [
      unitCell({ text: unit.name, canonical: unit.canonical, resolution: unit.resolution }, locale),
      unit.spellings.length > 1 ? uiText(locale, 'spellings', { names: unit.spellings.join('、') }) : '',
      String(unit.lead.length),
      String(unit.cooperating.length),
      String(unit.total),
      refsCell(doc, unit.lead, keyOf),
      refsCell(doc, unit.cooperating, keyOf),
    ],
    line: -1,
  }));
  const leaders = byLeader(doc).map((leader) => ({
    cells: [leader.name, String(leader.tasks.length), refsCell(doc, leader.tasks, keyOf), leader.leadUnits.join('、')],
    line: -1,
  }));
  const targets = targetsSummary(doc).map((target) => ({
    cells: [target.number, target.indicator, target.comparator, targetValueText(target), target.measure, target.text, target.leadUnits],
    line: target.line,
  }));
  return { units, leaders, targets };
}

/** The whole model with keys that are the task indices: for a page rendered at once (no updates to follow). */
export function previewModel(analysis: Analysis, locale: Locale): { head: PreviewHead; lists: Record<ListName, ModelRow[]>; keyLines: Map<string, number> } {
  const table = tableModel(analysis, locale);
  const keyLines = new Map<string, number>();
  table.tasks.forEach((task, i) => {
    if (task >= 0) keyLines.set(String(task), table.rows[i].line);
  });
  const views = viewsModel(analysis, locale, String);
  return { head: previewHead(analysis, locale, table.columns), lists: { table: table.rows, ...views }, keyLines };
}
