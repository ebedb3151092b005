/**
 * The analysis entry point: text in, typed model and diagnostics out. Parse, build the model,
 * resolve names against the registries, run every check. Pure: the host passes registries and
 * the tokenizer in; nothing here reads a file.
 */
import { blockKind, headerField, taskField } from '../../grammar/src/fields';
import { parseDocument } from '../../grammar/src/index';
import type { ChapterSyntax, DocumentSyntax, FieldSyntax, TaskSyntax } from '../../grammar/src/syntax';
import { fold, LineIndex, MappedText, type Range } from '../../grammar/src/text';
import { structureChecks } from './checks/structure';
import { syntaxDiagnostics } from './checks/syntax';
import { unitChecks } from './checks/units';
import { leaderChecks } from './checks/leaders';
import { duplicateChecks } from './checks/duplicates';
import { glossaryChecks } from './checks/glossary';
import { targetChecks } from './checks/targets';
import { deadlineChecks } from './checks/deadline';
import { isPerTask, type Check, type CheckContext, type PerTaskCheck } from './checks/types';
import { parseDeadline } from './deadline';
import type { Analysis, Chapter, Diagnostic, FenjieDocument, Field, GlossaryEntry, HeaderField, Task } from './model';
import { Registry, RegistryIndex } from './registry';
import { resolveLeaderList, resolveUnitList } from './resolve';
import { moveTaskInPlace } from './moved';
import { extractTargets } from './targets';
import { bigramTokenizer, type Tokenizer } from './tokenizer';
import { chineseNumeralValue } from './numerals';
import { appendAll, exactSize } from './collections';

export interface AnalyzeOptions {
  uri: string;
  /**
   * The registries to resolve against. When the document names its own (`单位库：`) the host
   * passes exactly those and sets `explicitRegistries`; otherwise it passes every candidate
   * (workspace and shipped) and analyze picks the one that fits (`辖区：`, else best coverage).
   */
  registries: readonly Registry[];
  explicitRegistries?: boolean;
  tokenizer?: Tokenizer;
  /** A prepared index for exactly `registries` (the server caches one per registry set). */
  index?: RegistryIndex;
  /**
   * The model of this document's version before (an editor's last analysis): the text is parsed
   * from that version's, only the lines around the change again. It is used up: tasks that moved
   * are moved in place (see `buildDocument`), so it must not be read afterwards.
   */
  previous?: FenjieDocument;
}

/** The syntax each model was built from, for parsing the document's next version from it. */
const syntaxOf = new WeakMap<FenjieDocument, DocumentSyntax>();

/** The syntax tree `document` was built from: what formatting and the outline read, without parsing the text again. */
export function documentSyntax(document: FenjieDocument): DocumentSyntax | undefined {
  return syntaxOf.get(document);
}

function sameRange(a: Range | undefined, b: Range | undefined): boolean {
  return a === b || (!!a && !!b && a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character);
}

/** The line each task starts on (its head, where its number is): a task reused from the last analysis may have moved in place since. */
function startLines(tasks: readonly { range: Range }[]): Int32Array {
  const lines = new Int32Array(tasks.length);
  for (let i = 0; i < tasks.length; i++) lines[i] = tasks[i].range.start.line;
  return lines;
}

function sameNumbers(a: { tasks: readonly Task[]; lines: Int32Array }, b: readonly Task[]): boolean {
  if (a.tasks.length !== b.length) return false;
  for (let i = 0; i < b.length; i++) {
    const x = a.tasks[i];
    const y = b[i];
    if (x === y ? a.lines[i] !== y.range.start.line : x.number !== y.number || x.numberValue !== y.numberValue || !sameRange(x.numberRange, y.numberRange)) return false;
  }
  return true;
}

function sameNumerals(a: { numeral?: string; numeralValue?: number; numeralRange?: Range }, b: typeof a): boolean {
  return a.numeral === b.numeral && Object.is(a.numeralValue, b.numeralValue) && sameRange(a.numeralRange, b.numeralRange);
}

function sameHeadings(a: readonly Chapter[], b: readonly Chapter[]): boolean {
  return a.length === b.length && a.every((c, i) => sameNumerals(c, b[i]) && c.sections.length === b[i].sections.length && c.sections.every((s, k) => sameNumerals(s, b[i].sections[k])));
}

/**
 * A structure check (FJ3xx) that reports again what it reported at the last analysis when the
 * numbering is the same. These checks read the tasks' numbers and the chapters' and sections'
 * numerals, with their ranges, and nothing else (structure.ts); on 10,000 tasks they build a
 * renumbering of every task and a map of numbers at every analysis. Kept by the document's first
 * task, compared number by number (a reused task needs no comparison); named as the check (FJ000).
 */
function keptForSameNumbering(check: Check): Check {
  const kept = new WeakMap<Task, { tasks: readonly Task[]; lines: Int32Array; chapters: readonly Chapter[]; diagnostics: readonly Diagnostic[] }>();
  const wrapped: Check = (context) => {
    const { tasks, chapters } = context.document;
    if (tasks.length === 0) return check(context);
    const known = kept.get(tasks[0]);
    if (known && sameNumbers(known, tasks) && sameHeadings(known.chapters, chapters)) {
      for (const d of known.diagnostics) context.report(d);
      return;
    }
    const diagnostics: Diagnostic[] = [];
    check({ ...context, report: (d) => diagnostics.push(d) });
    kept.set(tasks[0], { tasks, lines: startLines(tasks), chapters, diagnostics });
    for (const d of diagnostics) context.report(d);
  };
  Object.defineProperty(wrapped, 'name', { value: check.name });
  return wrapped;
}

export const ALL_CHECKS: readonly Check[] = [
  ...structureChecks.map(keptForSameNumbering),
  ...unitChecks,
  ...leaderChecks,
  ...targetChecks,
  ...deadlineChecks,
  ...duplicateChecks,
  ...glossaryChecks,
];

/** The checks of one task at a time, in ALL_CHECKS order: run on a task only when it is new. */
const TASK_CHECKS: readonly PerTaskCheck[] = ALL_CHECKS.filter(isPerTask);
/** The checks that look across tasks (numbering, conflicting targets, duplicates, glossary…). */
const DOCUMENT_CHECKS: readonly Check[] = ALL_CHECKS.filter((c) => !isPerTask(c));

/** The document's `单位库：` paths, as written (relative to the document), for the host to load. */
export function registryPathsOf(text: string): string[] {
  const syntax = parseDocument(text);
  return syntax.header
    .filter((f) => headerField(f.name)?.kind === 'registry')
    .flatMap((f) => f.value.text.split(/[、，,；;]/))
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

function headerOf(syntax: DocumentSyntax): HeaderField[] {
  return syntax.header.map((f) => {
    const kind = headerField(f.name)?.kind ?? 'unknown';
    // Prose keeps its line breaks; a name or number wrapped over lines joins without a space.
    const value = kind === 'note' ? f.value.pieces.map((p) => p.text).join('\n') : f.value.text;
    return { kind, name: f.name, nameRange: f.nameRange, value, valueRange: f.value.range };
  });
}

function fieldOf(f: FieldSyntax): Field {
  return { kind: taskField(f.name)?.kind ?? 'unknown', name: f.name, nameRange: f.nameRange, value: f.value.text, valueRange: f.value.range, range: f.range };
}

/**
 * The model of each task, by its syntax: the parser reuses the syntax of an unchanged task, so
 * after an edit only the edited task is modelled again. Valid while the year and the registries
 * agree. `line` is the line of the task's head when the model was made or last moved: a task
 * whose lines moved (a line added or removed above it) is the same syntax on another line, and
 * its model and diagnostics move with it in place. A task that only moved to another chapter or
 * section index (a heading added above it) is the same model with its place changed.
 */
const taskModels = new WeakMap<TaskSyntax, { task: Task; year: number | undefined; registries: readonly Registry[]; line: number }>();

function taskModel(t: TaskSyntax, chapter: number, section: number | undefined, index: RegistryIndex, year: number | undefined): Task {
  const known = taskModels.get(t);
  if (known && known.year === year && sameSet(known.registries, index.registries)) {
    const line = t.range.start.line;
    const checked = checkedTasks.get(known.task);
    if (known.line !== line) {
      moveTaskInPlace(t, known.task, checked?.diagnostics ?? NONE, line - known.line);
      known.line = line;
    }
    if (known.task.chapter === chapter && known.task.section === section) return known.task;
    const task = placed(known.task, chapter, section);
    // What the per-task checks found does not depend on the task's place.
    if (checked) checkedTasks.set(task, checked);
    known.task = task;
    return task;
  }
  const task = buildTask(t, chapter, section, index, year);
  taskModels.set(t, { task, year, registries: index.registries, line: t.range.start.line });
  return task;
}

/**
 * The model of a task at another place: the same properties (shared, not copied), in the order
 * buildTask gives them — `section` right after `range`, the last of the fixed ones — so the
 * model serializes exactly as a fresh one.
 */
function placed(task: Task, chapter: number, section: number | undefined): Task {
  const moved: Record<string, unknown> = {};
  const from = task as unknown as Record<string, unknown>;
  for (const key in from) {
    if (key === 'section') continue;
    moved[key] = key === 'chapter' ? chapter : from[key];
    if (key === 'range' && section !== undefined) moved.section = section;
  }
  return moved as unknown as Task;
}

function buildTask(t: TaskSyntax, chapter: number, section: number | undefined, index: RegistryIndex, year: number | undefined): Task {
  const task: Task = {
    number: t.number,
    numberValue: Number(fold(t.number)),
    numberRange: t.numberRange,
    chapter,
    text: t.text.text,
    textRange: t.text.range,
    fields: t.fields.map(fieldOf),
    leadUnits: [],
    cooperatingUnits: [],
    leaders: [],
    targets: exactSize(extractTargets(t.text)),
    range: t.range,
  };
  if (section !== undefined) task.section = section;
  for (const f of t.fields) {
    switch (taskField(f.name)?.kind) {
      case 'leadUnit':
        task.leadUnits = task.leadUnits.concat(resolveUnitList(f.value, index));
        break;
      case 'cooperatingUnit':
        task.cooperatingUnits = task.cooperatingUnits.concat(resolveUnitList(f.value, index));
        break;
      case 'leadLeader':
        task.leaders = task.leaders.concat(resolveLeaderList(f.value, index));
        break;
      case 'deadline':
        if (!task.deadline) task.deadline = parseDeadline(f.value, year);
        break;
      case 'remark':
        task.remark = task.remark ? `${task.remark}\n${f.value.text}` : f.value.text;
        break;
    }
  }
  return task;
}

function glossaryOf(syntax: DocumentSyntax): GlossaryEntry[] {
  const entries: GlossaryEntry[] = [];
  for (const block of syntax.blocks) {
    if (blockKind(block.name) !== 'glossary') continue;
    for (const line of block.lines) {
      const entry = glossaryEntry(line.key, line.text, line.range);
      if (entry) entries.push(entry);
    }
  }
  return entries;
}

const TERM_SPLIT = /^(.{1,40}?)[:：]/;

/** `“三大目标”：全力打造…` → term `“三大目标”`, definition after the colon. */
function glossaryEntry(key: MappedText | undefined, text: MappedText, range: GlossaryEntry['range']): GlossaryEntry | undefined {
  if (key) return { term: key.text, termRange: key.range, definition: text.text, definitionRange: text.range, range };
  const m = TERM_SPLIT.exec(text.text);
  if (!m) return undefined;
  const start = text.text.length - text.text.trimStart().length;
  const defStart = m[0].length;
  return {
    term: m[1].trim(),
    termRange: text.rangeOf(start, m[1].trimEnd().length),
    definition: text.text.slice(defStart).trim(),
    definitionRange: text.rangeOf(defStart, text.text.length),
    range,
  };
}

/** Picks among candidate registries when the document names none: by 辖区, else by resolved names. */
export function selectRegistries(syntax: DocumentSyntax, candidates: readonly Registry[]): Registry[] {
  if (candidates.length <= 1) return [...candidates];
  const jurisdiction = syntax.header.find((f) => headerField(f.name)?.kind === 'jurisdiction')?.value.text.trim();
  if (jurisdiction) {
    const named = candidates.filter((r) => r.jurisdiction === jurisdiction);
    if (named.length) return named;
  }
  let best: Registry = candidates[0];
  let bestScore = -1;
  for (const registry of candidates) {
    const { known } = unitCoverage(syntax, registry, SAMPLED_UNIT_LISTS);
    if (known > bestScore) {
      best = registry;
      bestScore = known;
    }
  }
  return [best];
}

/** Lead-unit values of the first tasks are enough to tell jurisdictions apart, and cheap on large documents. */
const SAMPLED_UNIT_LISTS = 40;

/** How many unit mentions of the document's lead and cooperating lists a registry resolves. */
export function unitCoverage(syntax: DocumentSyntax, registry: Registry, maxLists = Infinity): { known: number; all: number } {
  const index = new RegistryIndex([registry]);
  let known = 0;
  let all = 0;
  let lists = 0;
  for (const chapter of syntax.chapters) {
    for (const task of [...chapter.tasks, ...chapter.sections.flatMap((s) => s.tasks)]) {
      for (const field of task.fields) {
        const kind = taskField(field.name)?.kind;
        if (kind !== 'leadUnit' && kind !== 'cooperatingUnit') continue;
        if (lists++ >= maxLists) return { known, all };
        for (const mention of resolveUnitList(field.value, index)) {
          all++;
          if (mention.resolution !== 'unknown' && mention.canonical) known++;
        }
      }
    }
  }
  return { known, all };
}

/** The source text of a range, exactly as written (prose blocks are kept verbatim). */
function sourceOf(lines: LineIndex, r: Range): string {
  return lines.text.slice(lines.offsetAt(r.start), lines.offsetAt(r.end));
}

/**
 * The last analysis of each document (by its first task's syntax): the syntax of its tasks in
 * order, the line each one's head was on, and their models. An edit leaves most tasks' syntax
 * where it was, and those find their model by comparing objects, not by a lookup per task; a task
 * moved in place is the same object on another line, and its model must move with it.
 */
const lastModelsOf = new WeakMap<TaskSyntax, { syntaxes: readonly TaskSyntax[]; lines: Int32Array; tasks: readonly Task[]; year: number | undefined; registries: readonly Registry[] }>();

function firstTaskOf(syntax: DocumentSyntax): TaskSyntax | undefined {
  for (const c of syntax.chapters) {
    if (c.tasks.length) return c.tasks[0];
    for (const s of c.sections) if (s.tasks.length) return s.tasks[0];
  }
  return undefined;
}

function buildDocumentModel(uri: string, text: string, syntax: DocumentSyntax, index: RegistryIndex, registries: readonly Registry[]): FenjieDocument {
  let lines: LineIndex | undefined;
  const header = headerOf(syntax);
  const value = (kind: HeaderField['kind']) => header.find((h) => h.kind === kind)?.value.trim() || undefined;
  const yearText = value('year');
  const year = yearText && /^\d{4}/.test(fold(yearText)) ? Number(fold(yearText).slice(0, 4)) : undefined;
  const tasks: Task[] = [];
  const syntaxes: TaskSyntax[] = [];
  const first = firstTaskOf(syntax);
  const lastModels = first && lastModelsOf.get(first);
  const last = lastModels && lastModels.year === year && sameSet(lastModels.registries, index.registries) ? lastModels : undefined;
  const chapters: Chapter[] = syntax.chapters.map((c: ChapterSyntax, chapterIndex) => {
    const chapter: Chapter = {
      title: c.title.text,
      implicit: c.implicit,
      range: c.range,
      sections: [],
      tasks: [],
    };
    if (c.numeral !== undefined) {
      chapter.numeral = c.numeral;
      chapter.numeralValue = chineseNumeralValue(c.numeral);
      chapter.numeralRange = c.numeralRange;
    }
    const add = (t: TaskSyntax, section?: number) => {
      const k = tasks.length;
      chapter.tasks.push(k);
      // The same syntax at the same place as at the last analysis: its model, without a lookup.
      const known = last && last.syntaxes[k] === t && last.lines[k] === t.range.start.line ? last.tasks[k] : undefined;
      tasks.push(known && known.chapter === chapterIndex && known.section === section ? known : taskModel(t, chapterIndex, section, index, year));
      syntaxes.push(t);
      return k;
    };
    for (const t of c.tasks) add(t);
    c.sections.forEach((s, sectionIndex) => {
      chapter.sections.push({
        numeral: s.numeral,
        numeralValue: chineseNumeralValue(s.numeral),
        numeralRange: s.numeralRange,
        title: s.title.text,
        range: s.range,
        tasks: s.tasks.map((t) => add(t, sectionIndex)),
      });
    });
    return chapter;
  });
  if (first) lastModelsOf.set(first, { syntaxes, lines: startLines(syntaxes), tasks, year, registries: index.registries });
  const doc: FenjieDocument = {
    uri,
    header,
    chapters,
    tasks,
    glossary: glossaryOf(syntax),
    notes: syntax.blocks
      .filter((b) => blockKind(b.name) !== 'glossary')
      // The line index only for documents with prose blocks: on 10,000 tasks it costs milliseconds.
      .map((b) => ({ name: b.name, text: b.lines.map((l) => sourceOf((lines ??= new LineIndex(text)), l.range)).join('\n'), range: b.range })),
    registries: registries.map((r) => r.uri),
  };
  const set = <K extends keyof FenjieDocument>(key: K, v: FenjieDocument[K] | undefined) => {
    if (v !== undefined) doc[key] = v;
  };
  set('title', value('title'));
  set('docNumber', value('docNumber'));
  set('year', year);
  set('issuer', value('issuer'));
  set('date', value('date'));
  set('note', value('note'));
  return doc;
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code);
}

export function analyze(text: string, options: AnalyzeOptions): Analysis {
  const syntax = parseDocument(text, options.previous && syntaxOf.get(options.previous));
  const registries = options.explicitRegistries ? [...options.registries] : selectRegistries(syntax, options.registries);
  const index = options.index && sameSet(options.index.registries, registries) ? options.index : new RegistryIndex(registries);
  const document = buildDocumentModel(options.uri, text, syntax, index, registries);
  syntaxOf.set(document, syntax);
  const diagnostics: Diagnostic[] = syntaxDiagnostics(syntax);
  const context: CheckContext = {
    document,
    registries: index,
    tokenizer: options.tokenizer ?? bigramTokenizer,
    report: (d) => diagnostics.push(d),
  };
  const ofTasks = taskDiagnostics(context);
  if (ofTasks) {
    appendAll(diagnostics, ofTasks);
    for (const check of DOCUMENT_CHECKS) runCheck(check, context);
  } else {
    // A per-task check failed on some task: every check runs over the whole document, as one
    // check each, so the failure is reported (FJ000) exactly as without the per-task cache.
    for (const check of ALL_CHECKS) runCheck(check, context);
  }
  diagnostics.sort(byPosition);
  return { document, diagnostics };
}

function runCheck(check: Check, context: CheckContext): void {
  try {
    check(context);
  } catch (error) {
    // A check that fails must not take the others down; its failure is itself reported.
    context.report({
      code: 'FJ000',
      severity: 'error',
      message: { zh: `内部错误：检查“${check.name}”失败：${String(error)}`, en: `Internal error: check "${check.name}" failed: ${String(error)}` },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    });
  }
}

/**
 * What the per-task checks reported on each task, by its model. A `Task` is reused while its
 * syntax, place and registries are unchanged (`taskModel`), so after an edit only the edited task
 * is checked again. Valid while the registries, the tokenizer and the document's year agree.
 */
interface TaskChecked {
  registries: readonly Registry[];
  tokenizer: Tokenizer;
  year: number | undefined;
  diagnostics: readonly Diagnostic[];
}

const checkedTasks = new WeakMap<Task, TaskChecked>();

/** The last analysis of each document (by its first task): its tasks and each one's diagnostics, by index. */
const lastCheckedOf = new WeakMap<Task, { tasks: readonly Task[]; registries: readonly Registry[]; tokenizer: Tokenizer; year: number | undefined; lists: readonly (readonly Diagnostic[])[] }>();

const NONE: readonly Diagnostic[] = [];

/** The per-task checks' diagnostics of every task in order, or undefined when a check failed. */
function taskDiagnostics(context: CheckContext): Diagnostic[] | undefined {
  const { document, tokenizer } = context;
  const registries = context.registries.registries;
  const year = document.year;
  const tasks = document.tasks;
  const found: Diagnostic[] = [];
  let own: Diagnostic[] = [];
  const taskContext: CheckContext = { ...context, report: (d) => own.push(d) };
  const lastChecked = tasks.length ? lastCheckedOf.get(tasks[0]) : undefined;
  const last = lastChecked && lastChecked.tokenizer === tokenizer && lastChecked.year === year && sameSet(lastChecked.registries, registries) ? lastChecked : undefined;
  const lists: (readonly Diagnostic[])[] = new Array<readonly Diagnostic[]>(tasks.length);
  // Indexed loops: this runs over every task at every analysis and must allocate nothing.
  for (let t = 0; t < tasks.length; t++) {
    const task = tasks[t];
    let diagnostics: readonly Diagnostic[] | undefined;
    // The same task at the same index as at the last analysis: its diagnostics without a lookup.
    if (last && last.tasks[t] === task) diagnostics = last.lists[t];
    else {
      const known = checkedTasks.get(task);
      if (known && known.tokenizer === tokenizer && known.year === year && sameSet(known.registries, registries)) diagnostics = known.diagnostics;
    }
    if (diagnostics) {
      lists[t] = diagnostics;
      for (let i = 0; i < diagnostics.length; i++) found.push(diagnostics[i]);
      continue;
    }
    own = [];
    for (let c = 0; c < TASK_CHECKS.length; c++) {
      try {
        TASK_CHECKS[c].perTask(task, taskContext);
      } catch {
        return undefined;
      }
    }
    const diagnosticsOfTask = own.length ? own : NONE;
    checkedTasks.set(task, { registries, tokenizer, year, diagnostics: diagnosticsOfTask });
    lists[t] = diagnosticsOfTask;
    for (let i = 0; i < own.length; i++) found.push(own[i]);
  }
  if (tasks.length) lastCheckedOf.set(tasks[0], { tasks, registries, tokenizer, year, lists });
  return found;
}

function sameSet(a: readonly Registry[], b: readonly Registry[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
