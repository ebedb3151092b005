/**
 * The outline (章 → 节 → 任务, then the glossary and note blocks) and workspace symbols (tasks
 * and headings of every document, units and leaders of every registry).
 */
import { comparePositions, nameKey, type Range } from '../../../grammar/src/text';
import type { Locale } from '../messages';
import type { FenjieDocument, Task } from '../model';
import type { Registry } from '../registry';
import { matchScore } from './completion';
import type { DocumentSymbolNode, SymbolKind, WorkspaceSymbolEntry } from './types';
import type { RegistryFile } from './workspace';
import { appendAll } from '../collections';

/** How much of a task's text names it in the outline. */
const TASK_NAME_LENGTH = 24;

export function taskName(task: Task): string {
  const text = task.text.replace(/\s+/g, '');
  return `${task.number}. ${text.length > TASK_NAME_LENGTH ? text.slice(0, TASK_NAME_LENGTH) + '…' : text}`;
}

/** The range with its children's in it: the range itself when it holds them all, as a task's (10,000 in a large document) always does. */
function cover(range: Range, children: readonly DocumentSymbolNode[]): Range {
  let { start, end } = range;
  for (const child of children) {
    if (comparePositions(child.range.start, start) < 0) start = child.range.start;
    if (comparePositions(child.range.end, end) > 0) end = child.range.end;
  }
  return start === range.start && end === range.end ? range : { start, end };
}

function node(name: string, kind: SymbolKind, range: Range, selectionRange: Range, children: DocumentSymbolNode[] = [], detail?: string): DocumentSymbolNode {
  const whole = cover(range, children);
  const selection = comparePositions(selectionRange.start, whole.start) >= 0 && comparePositions(selectionRange.end, whole.end) <= 0 ? selectionRange : { start: whole.start, end: whole.start };
  const result: DocumentSymbolNode = { name: name || '—', kind, range: whole, selectionRange: selection, children };
  if (detail) result.detail = detail;
  return result;
}

function taskNode(task: Task): DocumentSymbolNode {
  const units = task.leadUnits.map((u) => u.text).join('、');
  return node(taskName(task), 'task', task.range, task.numberRange, [], units || undefined);
}

const HEADER_NAME = { zh: '文档头', en: 'Header' };
const GLOSSARY_NAME = '【名词解释】';

export function documentSymbols(document: FenjieDocument, locale: Locale): DocumentSymbolNode[] {
  const symbols: DocumentSymbolNode[] = [];
  if (document.header.length) {
    const first = document.header[0];
    const last = document.header[document.header.length - 1];
    const fields = document.header.map((h) => node(h.name, 'header', { start: h.nameRange.start, end: h.valueRange.end }, h.nameRange, [], h.value));
    symbols.push(node(document.title ?? HEADER_NAME[locale], 'header', { start: first.nameRange.start, end: last.valueRange.end }, first.nameRange, fields));
  }
  for (const chapter of document.chapters) {
    const inSections = new Set(chapter.sections.flatMap((s) => s.tasks));
    const children = chapter.tasks.filter((i) => !inSections.has(i)).map((i) => taskNode(document.tasks[i]));
    for (const section of chapter.sections) {
      const tasks = section.tasks.map((i) => taskNode(document.tasks[i]));
      children.push(node(`（${section.numeral}）${section.title}`, 'section', section.range, section.numeralRange, tasks));
    }
    if (chapter.implicit && !chapter.title) {
      appendAll(symbols, children);
      continue;
    }
    const name = chapter.numeral !== undefined ? `${chapter.numeral}、${chapter.title}` : chapter.title;
    const selection = chapter.numeralRange ?? { start: chapter.range.start, end: chapter.range.start };
    symbols.push(node(name, 'chapter', chapter.range, selection, children));
  }
  if (document.glossary.length) {
    const terms = document.glossary.map((g) => node(g.term, 'term', g.range, g.termRange, [], g.definition.slice(0, 40)));
    symbols.push(node(GLOSSARY_NAME, 'block', terms[0].range, terms[0].selectionRange, terms));
  }
  for (const note of document.notes) symbols.push(node(`【${note.name}】`, 'block', note.range, note.range));
  return symbols;
}

/** The outline of a registry file: its units, collectives, leaders and terms in file order. */
export function registrySymbols(registry: Registry): DocumentSymbolNode[] {
  const nodes = [
    ...registry.units.map((u) => node(u.name, 'unit', u.range, u.nameRange, [], [u.fullName, u.category].filter(Boolean).join(' · ') || undefined)),
    ...registry.collectives.map((c) => node(c.name, 'collective', c.range, c.nameRange)),
    ...registry.leaders.map((l) => node(l.name, 'leader', l.range, l.nameRange, [], l.title)),
    ...registry.terms.map((t) => node(t.term, 'term', t.range, t.nameRange)),
  ];
  return nodes.sort((a, b) => comparePositions(a.range.start, b.range.start));
}

export const WORKSPACE_SYMBOL_LIMIT = 500;

/** Tasks and headings whose text holds the query (or whose number is it); registry names matched also by pinyin. */
export function workspaceSymbols(query: string, documents: Iterable<FenjieDocument>, registries: Iterable<RegistryFile>): WorkspaceSymbolEntry[] {
  const key = nameKey(query);
  const out: WorkspaceSymbolEntry[] = [];
  const full = () => out.length >= WORKSPACE_SYMBOL_LIMIT;
  for (const document of documents) {
    for (const chapter of document.chapters) {
      if (chapter.implicit && !chapter.title) continue;
      const name = chapter.numeral !== undefined ? `${chapter.numeral}、${chapter.title}` : chapter.title;
      if (!key || nameKey(name).includes(key)) out.push({ name, kind: 'chapter', location: { uri: document.uri, range: chapter.numeralRange ?? chapter.range } });
      if (full()) return out;
    }
    if (!key) continue;
    for (const task of document.tasks) {
      if (nameKey(task.text).includes(key) || task.number === key) {
        out.push({ name: taskName(task), kind: 'task', location: { uri: document.uri, range: task.numberRange }, containerName: document.title });
        if (full()) return out;
      }
    }
  }
  for (const file of registries) {
    const registry = file.inUse;
    const entries: [string, SymbolKind, Range, string[]][] = [
      ...registry.units.map((u): [string, SymbolKind, Range, string[]] => [u.name, 'unit', u.nameRange, [u.name, u.fullName ?? '', ...u.shortNames].filter(Boolean)]),
      ...registry.collectives.map((c): [string, SymbolKind, Range, string[]] => [c.name, 'collective', c.nameRange, [c.name]]),
      ...registry.leaders.map((l): [string, SymbolKind, Range, string[]] => [l.name, 'leader', l.nameRange, [l.name]]),
    ];
    for (const [name, kind, range, forms] of entries) {
      if (key && matchScore(query, forms) === 0) continue;
      out.push({ name, kind, location: { uri: registry.uri, range }, containerName: registry.jurisdiction });
      if (full()) return out;
    }
  }
  return out;
}
