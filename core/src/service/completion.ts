/**
 * Completion. It reads the lines around the cursor in the current text (the task being typed
 * is rarely a valid task yet) and the registries, so it never waits for an analysis: the cost is
 * the lines of one task plus the registry, whatever the size of the document.
 *
 * Names match the way Chinese users type: characters anywhere in the name, full pinyin
 * (`fagaiwei`) or initials (`fgw`). The editor filters and sorts again on its side; every entry's
 * filterText begins with the typed prefix, so the editor scores all entries alike and keeps our
 * order (sortText), and the result is marked incomplete so it asks again as the prefix grows.
 */
import { HEADER_FIELDS, headerField, taskField, TASK_FIELDS, type TaskFieldKind } from '../../../grammar/src/fields';
import { fold, MappedText, nameKey, quotedPart, trimTrailingSpace, type Position, type Range, type TextPiece } from '../../../grammar/src/text';
import { format, type Locale } from '../messages';
import { chineseNumeral, chineseNumeralValue } from '../numerals';
import { isSubsequence, pinyinOf } from '../pinyin';
import { termKey, type LeaderEntry, type RegistryIndex, type UnitEntry } from '../registry';
import { resolveLeaderList, resolveUnitList } from '../resolve';
import { collectiveMarkdown, escapeMarkdown, leaderMarkdown, unitMarkdown } from './hover';
import { rangeTouches } from './positions';
import type { CompletionEntry, CompletionResult } from './types';
import { relativeRegistryPath, type DocumentContext } from './workspace';

export type PreferredNameForm = 'canonical' | '全称' | '简称';

export interface CompletionOptions {
  locale: Locale;
  /** Which name of a unit to insert. */
  preferredNameForm?: PreferredNameForm;
}

const NUMERAL = '[一二三四五六七八九十百零〇两]';
const TASK_HEAD = /^[ \t\u3000]*([0-9０-９]+)[.．、](?![0-9０-９])/;
const CHAPTER_HEAD = new RegExp(`^[ \\t\\u3000]*(${NUMERAL}+)、`);
const SECTION_HEAD = new RegExp(`^[ \\t\\u3000]*[（(](${NUMERAL}+)[）)]`);
const BLOCK_HEAD = /^[ \t\u3000]*【[^】]*】[ \t\u3000]*$/;
const COMMENT = /^[ \t\u3000]*[#＃]/;
const FIELD_LINE = /^([ \t\u3000\u00a0]*)([\u4e00-\u9fff]{2,8})[ \t\u3000]*[:：]/;
const INDENT = /^[ \t\u3000\u00a0]*/;
const SEPARATOR = /[、，,；;]/;
/** The indentation the formatter writes; completion writes the same. */
export const FIELD_INDENT = '   ';
/** How far up a task head or a field line is looked for; tasks are never this long. */
const MAX_SCAN = 200;

type LineKind = 'blank' | 'comment' | 'task' | 'chapter' | 'section' | 'block' | 'field' | 'continuation' | 'heading';

function kindOf(text: string): LineKind {
  if (!text.trim()) return 'blank';
  if (COMMENT.test(text)) return 'comment';
  if (BLOCK_HEAD.test(text)) return 'block';
  if (SECTION_HEAD.test(text)) return 'section';
  if (TASK_HEAD.test(text)) return 'task';
  if (CHAPTER_HEAD.test(text)) return 'chapter';
  if (FIELD_LINE.test(text)) return 'field';
  return INDENT.exec(text)![0].length > 0 ? 'continuation' : 'heading';
}

/** A field of the task around the cursor, read from the current text. */
interface LocalField {
  name: string;
  kind: TaskFieldKind | undefined;
  line: number;
  value: MappedText;
}

interface LocalTask {
  headLine: number;
  fields: LocalField[];
}

/** Where the cursor's line stands: in the header, in a task, after a heading, or in a block. */
type Place = { kind: 'header' } | { kind: 'task'; task: LocalTask } | { kind: 'heading' } | { kind: 'block' };

class LocalText {
  constructor(private readonly ctx: DocumentContext) {}

  text(line: number): string {
    return this.ctx.lines.lineText(line);
  }

  get lineCount(): number {
    return this.ctx.lines.lineCount;
  }

  /** The nearest line above `line` (exclusive) that is a head of some kind, with its kind. */
  headAbove(line: number, kinds: readonly LineKind[], stopAt: readonly LineKind[] = [], limit = Infinity): { line: number; kind: LineKind } | undefined {
    for (let l = line - 1, scanned = 0; l >= 0 && scanned < limit; l--, scanned++) {
      const kind = kindOf(this.text(l));
      if (kinds.includes(kind)) return { line: l, kind };
      if (stopAt.includes(kind)) return undefined;
    }
    return undefined;
  }

  place(line: number): Place {
    for (let l = line - 1; l >= 0; l--) {
      const kind = kindOf(this.text(l));
      if (kind === 'task') return { kind: 'task', task: this.task(l) };
      if (kind === 'chapter' || kind === 'section' || kind === 'heading') return { kind: 'heading' };
      if (kind === 'block') return { kind: 'block' };
    }
    return { kind: 'header' };
  }

  /** The task whose head is on `headLine`: its fields, read down to the next head. */
  task(headLine: number): LocalTask {
    const fields: LocalField[] = [];
    let open: { name: string; line: number; pieces: TextPiece[] } | undefined;
    const close = () => {
      if (open) fields.push({ name: open.name, kind: taskField(open.name)?.kind, line: open.line, value: new MappedText(open.pieces) });
      open = undefined;
    };
    for (let l = headLine + 1; l < this.lineCount && l - headLine < MAX_SCAN; l++) {
      const text = this.text(l);
      const kind = kindOf(text);
      if (kind === 'field') {
        close();
        const m = FIELD_LINE.exec(text)!;
        open = { name: m[2], line: l, pieces: [valuePiece(text, m[0].length, l)] };
      } else if (kind === 'continuation') {
        open?.pieces.push(valuePiece(text, INDENT.exec(text)![0].length, l));
      } else if (kind !== 'blank' && kind !== 'comment') break;
    }
    close();
    return { headLine, fields };
  }
}

function valuePiece(text: string, from: number, line: number): TextPiece {
  const start = from + (/^[ \t\u3000]*/.exec(text.slice(from))?.[0].length ?? 0);
  return { text: trimTrailingSpace(text.slice(start)), start: { line, character: start } };
}

// Matching

const LATIN = /^[a-z]+$/i;

/** How well a typed query matches a name's forms (0 = no match). The first form is the name itself. */
export function matchScore(query: string, forms: readonly string[]): number {
  const q = query.trim();
  if (!q) return 1;
  let best = 0;
  forms.forEach((form, i) => {
    const bonus = i === 0 ? 2 : 0;
    let score = 0;
    if (LATIN.test(q)) {
      const lower = q.toLowerCase();
      const p = pinyinOf(form);
      if (p.initials.startsWith(lower) || p.full.startsWith(lower)) score = 75;
      else if (p.initials.includes(lower) || p.full.includes(lower)) score = 65;
      else if (isSubsequence(lower, p.initials) || syllablePrefixes(lower, p.syllables)) score = 55;
      const key = nameKey(form).toLowerCase();
      if (key.startsWith(lower)) score = Math.max(score, 90);
    } else {
      const key = nameKey(q);
      const name = nameKey(form);
      if (name === key) score = 100;
      else if (name.startsWith(key)) score = 90;
      else if (name.includes(key)) score = 80;
      else if (isSubsequence(key, name)) score = 60;
    }
    if (score > 0) best = Math.max(best, score + bonus);
  });
  return best;
}

/** `fagaiwei` against fa·zhan·gai·ge·wei: the query consumed by prefixes of syllables taken in order. */
function syllablePrefixes(query: string, syllables: readonly string[]): boolean {
  const memo = new Set<number>();
  const go = (s: number, q: number): boolean => {
    if (q === query.length) return true;
    if (s === syllables.length) return false;
    const key = s * (query.length + 1) + q;
    if (memo.has(key)) return false;
    memo.add(key);
    if (go(s + 1, q)) return true;
    const syllable = syllables[s];
    for (let len = 1; len <= syllable.length && q + len <= query.length && query[q + len - 1] === syllable[len - 1]; len++) {
      if (go(s + 1, q + len)) return true;
    }
    return false;
  };
  return go(0, 0);
}

function filterTextOf(prefix: string, names: readonly string[]): string {
  const pinyin = names.slice(0, 2).flatMap((n) => {
    const p = pinyinOf(n);
    return [p.syllables.join(' '), p.initials];
  });
  return [prefix + names[0], ...names.slice(1), ...pinyin].join(' ');
}

interface Candidate {
  label: string;
  kind: CompletionEntry['kind'];
  forms: string[];
  detail?: string;
  documentation?: string;
  newText: string;
  /** Ranks before everything else (a leader who oversees the task's lead unit). */
  boost?: number;
  /** Stable order among equals (registry order). */
  order: number;
}

function rank(candidates: Candidate[], prefix: string, range: Range): CompletionEntry[] {
  const scored = candidates
    .map((c) => ({ c, score: matchScore(prefix, c.forms) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => (b.c.boost ?? 0) - (a.c.boost ?? 0) || b.score - a.score || a.c.order - b.c.order);
  return scored.map(({ c }, i) => {
    const entry: CompletionEntry = {
      label: c.label,
      kind: c.kind,
      filterText: filterTextOf(prefix, c.forms),
      sortText: String(i).padStart(5, '0'),
      edit: { range, newText: c.newText },
    };
    if (c.detail) entry.detail = c.detail;
    if (c.documentation) entry.documentation = c.documentation;
    if (i === 0 && prefix) entry.preselect = true;
    return entry;
  });
}

// Contexts

export function complete(ctx: DocumentContext, position: Position, options: CompletionOptions): CompletionResult {
  const local = new LocalText(ctx);
  const lineText = local.text(position.line);
  const character = Math.min(position.character, lineText.length);
  const before = lineText.slice(0, character);
  const at = { line: position.line, character };
  const term = termContext(ctx, before, lineText, at);
  if (term) return { items: term, isIncomplete: true };
  // `   省` on the line after a unit list may begin a field name or continue the list: offer both.
  const lineStart = lineStartContext(ctx, local, before, at, options.locale) ?? [];
  const value = fieldValueContext(ctx, local, before, at, options) ?? [];
  return { items: reSort([...lineStart, ...value]), isIncomplete: true };
}

function rangeFrom(at: Position, length: number): Range {
  return { start: { line: at.line, character: at.character - length }, end: at };
}

function termContext(ctx: DocumentContext, before: string, lineText: string, at: Position): CompletionEntry[] | undefined {
  const open = before.lastIndexOf('“');
  if (open < 0 || before.indexOf('”', open) >= 0) return undefined;
  const prefix = before.slice(open + 1);
  const closed = lineText[at.character] === '”';
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  const add = (term: string, definition: string, order: number) => {
    const key = termKey(term);
    if (!key || seen.has(key)) return;
    seen.add(key);
    const shown = term.replace(/[“”"]/g, '');
    const quoted = quotedPart(term) ?? shown;
    candidates.push({ label: term, kind: 'term', forms: [quoted, shown], detail: definition.slice(0, 40), documentation: escapeMarkdown(definition), newText: quoted + (closed ? '' : '”'), order });
  };
  ctx.recentDocument.glossary.forEach((g, i) => add(g.term, g.definition, i));
  ctx.registries.allTerms().forEach((t, i) => add(t.term, t.definition, 10000 + i));
  return rank(candidates, prefix, rangeFrom(at, prefix.length));
}

/** The field the cursor's line belongs to (its own line or a continuation of it), if any. */
function fieldAt(local: LocalText, line: number, before: string): { name: string; valueStartsAt: number } | undefined {
  const own = FIELD_LINE.exec(before);
  if (own) return { name: own[2], valueStartsAt: own[0].length };
  // An empty indented line more likely starts a new field than continues the last one.
  if (kindOf(local.text(line)) !== 'continuation' || before.trim() === '') return undefined;
  const head = local.headAbove(line, ['field'], ['task', 'chapter', 'section', 'block', 'heading'], MAX_SCAN);
  if (!head) return undefined;
  const m = FIELD_LINE.exec(local.text(head.line))!;
  return { name: m[2], valueStartsAt: INDENT.exec(before)![0].length };
}

function fieldValueContext(ctx: DocumentContext, local: LocalText, before: string, at: Position, options: CompletionOptions): CompletionEntry[] | undefined {
  const field = fieldAt(local, at.line, before);
  if (!field) return undefined;
  const kind = taskField(field.name)?.kind;
  const value = before.slice(field.valueStartsAt);
  let lastSeparator = -1;
  for (let i = value.length - 1; i >= 0 && lastSeparator < 0; i--) if (SEPARATOR.test(value[i])) lastSeparator = i;
  const item = value.slice(lastSeparator + 1);
  const prefix = item.replace(/^[ \t\u3000]+/, '');
  const range = rangeFrom(at, prefix.length);
  const place = local.place(at.line);
  const task = place.kind === 'task' ? place.task : undefined;
  if (place.kind === 'header') {
    if (field.name === '辖区') return jurisdictionItems(ctx, prefix, range);
    if (headerField(field.name)?.kind === 'registry') return registryPathItems(ctx, prefix, range);
    return undefined;
  }
  if (!task) return undefined;
  const index = ctx.registries;
  if (kind === 'leadUnit' || kind === 'cooperatingUnit') {
    const listed = new Set<string>();
    for (const f of task.fields) {
      const sameList = f.kind === kind;
      if (!sameList && !(kind === 'cooperatingUnit' && f.kind === 'leadUnit')) continue;
      for (const m of resolveUnitList(f.value, index)) {
        if (sameList && rangeTouches(m.range, at)) continue;
        listed.add(nameKey(m.canonical ?? m.text));
      }
    }
    return unitItems(index, prefix, range, listed, options);
  }
  if (kind === 'leadLeader') {
    const leadUnits = task.fields.filter((f) => f.kind === 'leadUnit').flatMap((f) => resolveUnitList(f.value, index));
    const listed = new Set<string>();
    for (const f of task.fields.filter((f) => f.kind === 'leadLeader')) {
      for (const m of resolveLeaderList(f.value, index)) if (!rangeTouches(m.range, at)) listed.add(nameKey(m.canonical ?? m.text));
    }
    return leaderItems(index, prefix, range, listed, leadUnits.map((u) => u.canonical).filter((c): c is string => !!c), options.locale);
  }
  if (kind === 'deadline') {
    // The whole value is one deadline: what was typed since the colon is the prefix.
    const typed = value.replace(/^[ \t\u3000]+/, '');
    return deadlineItems(ctx, typed, rangeFrom(at, typed.length), at.line, options.locale);
  }
  return undefined;
}

const DEADLINE_DETAILS = {
  usedHere: { zh: '本文档中已用 {count} 次', en: 'used {count} times in this document' },
  common: { zh: '常用写法', en: 'a common phrasing' },
};

/**
 * Deadlines: those the document already uses, most used first (offices keep to a few), then the
 * common phrasings, dated in the document's 年度 where they carry a year.
 */
function deadlineItems(ctx: DocumentContext, prefix: string, range: Range, typedOnLine: number, locale: Locale): CompletionEntry[] {
  const document = ctx.recentDocument;
  const counts = new Map<string, number>();
  for (const task of document.tasks) {
    const deadline = task.deadline;
    // The one being typed is not a choice yet.
    if (!deadline || deadline.kind === 'unparsed' || deadline.range.start.line === typedOnLine) continue;
    counts.set(deadline.text, (counts.get(deadline.text) ?? 0) + 1);
  }
  const year = document.year;
  const dated = (monthAndDay: string) => (year ? `${year}年${monthAndDay}` : monthAndDay);
  const common = [dated('6月底前'), dated('12月底前'), '年底前', '上半年', '长期坚持', '持续推进'];
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  const add = (text: string, detail: string, order: number) => {
    if (seen.has(text)) return;
    seen.add(text);
    candidates.push({ label: text, kind: 'value', forms: [text], detail, newText: text, order });
  };
  [...counts].sort((a, b) => b[1] - a[1]).forEach(([text, count], i) => add(text, format(DEADLINE_DETAILS.usedHere[locale], { count }, locale), i));
  common.forEach((text, i) => add(text, DEADLINE_DETAILS.common[locale], 10_000 + i));
  return rank(candidates, prefix, range);
}

/** Registry files the workspace knows, as paths relative to the document, nearest first. */
function registryPathItems(ctx: DocumentContext, prefix: string, range: Range): CompletionEntry[] {
  const candidates: Candidate[] = [];
  for (const file of ctx.knownRegistryFiles()) {
    const path = relativeRegistryPath(ctx.uri, file.uri);
    // Three levels up is outside any project folder: the shipped registries, which need no naming.
    if (!path || path.startsWith('../../../')) continue;
    const jurisdiction = file.current.jurisdiction;
    candidates.push({ label: path, kind: 'file', forms: [path, ...(jurisdiction ? [jurisdiction] : [])], detail: jurisdiction, newText: path, order: path.split('/').length * 1000 + path.length });
  }
  return rank(candidates, prefix, range);
}

function insertedName(unit: UnitEntry, form: PreferredNameForm | undefined): string {
  if (form === '全称' && unit.fullName) return unit.fullName;
  if (form === '简称' && unit.shortNames.length) return unit.shortNames[0];
  return unit.name;
}

function unitItems(index: RegistryIndex, prefix: string, range: Range, listed: Set<string>, options: CompletionOptions): CompletionEntry[] {
  const candidates: Candidate[] = [];
  index.allUnits().forEach((unit, order) => {
    if (listed.has(nameKey(unit.name))) return;
    const name = insertedName(unit, options.preferredNameForm);
    const forms = [name, unit.name, unit.fullName, ...unit.shortNames, ...unit.aliases].filter((n, i, all): n is string => !!n && all.indexOf(n) === i);
    const detail = [unit.fullName !== name ? unit.fullName : name !== unit.name ? unit.name : undefined, unit.category].filter(Boolean).join(' · ');
    candidates.push({ label: name, kind: 'unit', forms, detail: detail || undefined, documentation: unitMarkdown(unit, index, options.locale), newText: name, order });
  });
  index.allCollectives().forEach((collective, i) => {
    if (listed.has(nameKey(collective.name))) return;
    const detail = options.locale === 'zh' ? `单位集合 · ${collective.members.length} 个成员` : `Collective · ${collective.members.length} members`;
    candidates.push({ label: collective.name, kind: 'collective', forms: [collective.name], detail, documentation: collectiveMarkdown(collective, options.locale), newText: collective.name, order: 100000 + i });
  });
  return rank(candidates, prefix, range);
}

/** Leaders who oversee the task's lead units come first, in the order of those units. */
function leaderItems(index: RegistryIndex, prefix: string, range: Range, listed: Set<string>, leadUnits: string[], locale: Locale): CompletionEntry[] {
  const overseers = new Map<LeaderEntry, number>();
  leadUnits.forEach((unit, i) => {
    for (const leader of index.overseers(unit)) if (!overseers.has(leader)) overseers.set(leader, leadUnits.length - i);
  });
  const candidates: Candidate[] = index
    .allLeaders()
    .filter((leader) => !listed.has(nameKey(leader.name)))
    .map((leader, order) => ({
      label: leader.name,
      kind: 'leader' as const,
      forms: [leader.name],
      detail: [leader.title, leader.oversees.slice(0, 3).join('、')].filter(Boolean).join(' · ') || undefined,
      documentation: leaderMarkdown(leader, locale),
      newText: leader.name,
      boost: overseers.get(leader),
      order,
    }));
  return rank(candidates, prefix, range);
}

function jurisdictionItems(ctx: DocumentContext, prefix: string, range: Range): CompletionEntry[] {
  const names = new Set(ctx.registries.registries.map((r) => r.jurisdiction).filter((j): j is string => !!j));
  for (const registry of ctx.candidateRegistries()) if (registry.jurisdiction) names.add(registry.jurisdiction);
  return rank([...names].map((name, order) => ({ label: name, kind: 'unit' as const, forms: [name], newText: name, order })), prefix, range);
}

const LINE_START_PREFIX = /^([ \t\u3000]*)([\u4e00-\u9fff]*)$/;
const DIGITS_PREFIX = /^([0-9０-９]*)$/;
const SECTION_PREFIX = new RegExp(`^[（(](${NUMERAL}*)$`);

function lineStartContext(ctx: DocumentContext, local: LocalText, before: string, at: Position, locale: Locale): CompletionEntry[] | undefined {
  const place = local.place(at.line);
  if (place.kind === 'block') return undefined;
  const chinese = LINE_START_PREFIX.exec(before);
  const entries: CompletionEntry[] = [];
  if (chinese && place.kind === 'header' && !chinese[1]) entries.push(...headerFieldItems(local, at.line, chinese[2], rangeFrom(at, chinese[2].length)));
  // At column 0 a new task or heading is the likelier next line (field lines are indented), the header aside.
  if (!/^[ \t\u3000]/.test(before)) entries.push(...structureItems(local, before, at, locale));
  if (chinese) {
    const [, indent, prefix] = chinese;
    if (place.kind === 'task') {
      // A field line needs its indentation; written from column 0, the entry brings it.
      const range = indent ? rangeFrom(at, prefix.length) : rangeFrom(at, before.length);
      entries.push(...taskFieldItems(place.task, prefix, range, indent ? '' : FIELD_INDENT));
    }
  }
  return entries;
}

function reSort(entries: CompletionEntry[]): CompletionEntry[] {
  return entries.map((e, i) => ({ ...e, sortText: String(i).padStart(5, '0') }));
}

function taskFieldItems(task: LocalTask, prefix: string, range: Range, indent: string): CompletionEntry[] {
  const present = new Set(task.fields.map((f) => f.kind));
  const candidates: Candidate[] = TASK_FIELDS.map((f, order) => ({
    label: f.canonical,
    kind: 'field' as const,
    forms: [...f.names],
    detail: f.zh,
    documentation: `${escapeMarkdown(f.zh)}\n\n${escapeMarkdown(f.en)}`,
    newText: `${indent}${f.canonical}：`,
    // Fields the task lacks come first, in the canonical order.
    boost: present.has(f.kind) ? 0 : 1,
    order,
  }));
  return rank(candidates, prefix, range);
}

/** Header fields not written yet (the header is every line above the cursor's, which is in it). */
function headerFieldItems(local: LocalText, line: number, prefix: string, range: Range): CompletionEntry[] {
  const present = new Set<string>();
  for (let l = 0; l < line; l++) {
    const m = FIELD_LINE.exec(local.text(l));
    if (m) present.add(m[2]);
  }
  const candidates: Candidate[] = HEADER_FIELDS.filter((f) => !f.names.some((n) => present.has(n))).map((f, order) => ({
    label: f.canonical,
    kind: 'field' as const,
    forms: [...f.names],
    detail: f.zh,
    documentation: `${escapeMarkdown(f.zh)}\n\n${escapeMarkdown(f.en)}`,
    newText: `${f.canonical}：`,
    order,
  }));
  return rank(candidates, prefix, range);
}

/** The next task number, chapter numeral and section numeral, counted from the heads above. */
const STRUCTURE_DETAILS = {
  task: { zh: '下一项任务', en: 'Next task' },
  chapter: { zh: '下一章', en: 'Next chapter' },
  section: { zh: '下一节', en: 'Next section' },
};

function structureItems(local: LocalText, before: string, at: Position, locale: Locale): CompletionEntry[] {
  const range = rangeFrom(at, before.length);
  const entries: CompletionEntry[] = [];
  const add = (label: string, kind: 'task' | 'chapter' | 'section', newText: string) =>
    entries.push({ label, kind, detail: STRUCTURE_DETAILS[kind][locale], filterText: before + label, sortText: '', edit: { range, newText } });

  if (DIGITS_PREFIX.test(before)) {
    const head = local.headAbove(at.line, ['task']);
    const next = head ? Number(fold(TASK_HEAD.exec(local.text(head.line))![1])) + 1 : 1;
    if (String(next).startsWith(fold(before))) add(`${next}.`, 'task', `${next}. `);
  }
  const chapterPrefix = /^[一二三四五六七八九十百零〇两]*$/.exec(before);
  if (chapterPrefix) {
    const head = local.headAbove(at.line, ['chapter']);
    const next = head ? chineseNumeralValue(CHAPTER_HEAD.exec(local.text(head.line))![1]) + 1 : 1;
    const numeral = chineseNumeral(Number.isFinite(next) ? next : 1);
    if (numeral.startsWith(before)) add(`${numeral}、`, 'chapter', `${numeral}、`);
  }
  const sectionPrefix = before === '' || SECTION_PREFIX.test(before);
  if (sectionPrefix) {
    const head = local.headAbove(at.line, ['section', 'chapter']);
    const value = head?.kind === 'section' ? chineseNumeralValue(SECTION_HEAD.exec(local.text(head.line))![1]) + 1 : 1;
    const numeral = chineseNumeral(Number.isFinite(value) ? value : 1);
    const typed = SECTION_PREFIX.exec(before)?.[1] ?? '';
    if (numeral.startsWith(typed)) add(`（${numeral}）`, 'section', `（${numeral}）`);
  }
  return entries;
}
