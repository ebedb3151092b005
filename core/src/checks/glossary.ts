/**
 * Glossary (FJ6xx): a term defined in the document's 【名词解释】 block that no task uses is a hint,
 * greyed out; a term defined twice is a warning.
 */
import { nameKey } from '../../../grammar/src/text';
import { termKey } from '../registry';
import { diagnostic, type Templates } from '../messages';
import type { Range, Task } from '../model';
import type { Check } from './types';

export const glossaryTemplates: Templates = {
  FJ601: { zh: '名词 {term} 有解释，但没有任务使用它。', en: 'Term {term} is defined but no task uses it.' },
  FJ602: { zh: '名词 {term} 重复解释（另见第{line}行）。', en: 'Term {term} is defined twice (see also line {line}).' },
};

/** The name key of each task's text, by task (a task's model is reused while it is unchanged). */
const textKeys = new WeakMap<Task, string>();

function textKey(task: Task): string {
  let key = textKeys.get(task);
  if (key === undefined) textKeys.set(task, (key = nameKey(task.text)));
  return key;
}

/**
 * Whether `key` occurs in the concatenation of `pieces` — name keys, and `nameKey` of a joined
 * text is the join of the pieces' keys (it folds and drops white space one code unit at a time),
 * so this is `nameKey(texts.join('\n')).includes(key)` without building the whole text.
 */
export function occursIn(pieces: readonly string[], key: string): boolean {
  for (const piece of pieces) if (piece.includes(key)) return true;
  const span = key.length - 1;
  if (span < 1) return false;
  // An occurrence across pieces ends in the first `span` code units of some piece and starts in
  // the last `span` code units before it; it holds the last code unit before the piece and the
  // piece's first, so only boundaries where the key holds both are looked at.
  const codes = new Set<number>();
  for (let i = 0; i < key.length; i++) codes.add(key.charCodeAt(i));
  // Without empty pieces, the code units before a piece are gathered in at most `span` steps.
  const parts = pieces.filter((p) => p.length > 0);
  for (let i = 1; i < parts.length; i++) {
    const piece = parts[i];
    if (codes.has(parts[i - 1].charCodeAt(parts[i - 1].length - 1)) && codes.has(piece.charCodeAt(0))) {
      let before = '';
      for (let j = i - 1; j >= 0 && before.length < span; j--) before = parts[j].slice(-(span - before.length)) + before;
      if ((before + piece.slice(0, span)).includes(key)) return true;
    }
  }
  return false;
}

/** Where a term was found: the index of the piece that holds it, ACROSS (only over pieces), or ABSENT. */
const ACROSS = -1;
const ABSENT = -2;

/**
 * The last analysis of a document's texts, by its first task: the pieces (task keys, then the
 * chapters'), the tasks they came from, and where each term was found. An edit changes a few
 * pieces; a term found in an unchanged piece is still there, and a term absent before can only
 * appear where a changed piece is, so the next analysis looks at those alone.
 */
const lastSearch = new WeakMap<Task, { tasks: readonly Task[]; pieces: readonly string[]; found: Map<string, number> }>();

/** More changed pieces than this and the term is searched everywhere. */
const MAX_CHANGED = 32;

/**
 * The pieces around each changed piece, far enough on both sides (`span` code units, or the
 * document's edge) for any occurrence of a key of `span + 1` units that touches it.
 */
function occursNear(pieces: readonly string[], changed: readonly number[], key: string): boolean {
  const span = key.length - 1;
  for (const c of changed) {
    let lo = c;
    for (let n = 0; lo > 0 && n < span; ) n += pieces[--lo].length;
    let hi = c;
    for (let n = 0; hi < pieces.length - 1 && n < span; ) n += pieces[++hi].length;
    if (occursIn(pieces.slice(lo, hi + 1), key)) return true;
  }
  return false;
}

/** Where `key` is in `pieces`: the index of a piece holding it, ACROSS or ABSENT. */
function search(pieces: readonly string[], key: string): number {
  for (let i = 0; i < pieces.length; i++) if (pieces[i].includes(key)) return i;
  return occursIn(pieces, key) ? ACROSS : ABSENT;
}

const checkGlossary: Check = ({ document, report }) => {
  if (document.glossary.length === 0) return;
  // The texts a term may be used in: every task, every chapter and section title.
  const tasks = document.tasks;
  const last = tasks.length ? lastSearch.get(tasks[0]) : undefined;
  const pieces: string[] = new Array<string>(tasks.length);
  // The pieces that differ from the last analysis (undefined: compare nothing, search everywhere).
  let changed: number[] | undefined = last && last.tasks.length === tasks.length ? [] : undefined;
  for (let i = 0; i < tasks.length; i++) {
    if (last && changed && last.tasks[i] === tasks[i]) {
      pieces[i] = last.pieces[i];
      continue;
    }
    pieces[i] = textKey(tasks[i]);
    if (changed && changed.length <= MAX_CHANGED) changed.push(i);
  }
  for (const c of document.chapters) pieces.push(nameKey(c.title + c.sections.map((s) => s.title).join('')));
  if (changed && (changed.length > MAX_CHANGED || last!.pieces.length !== pieces.length)) changed = undefined;
  if (changed) for (let i = tasks.length; i < pieces.length; i++) if (pieces[i] !== last!.pieces[i]) changed.push(i);
  const isChanged = new Set(changed);
  const found = new Map<string, number>();
  const where = (key: string): number => {
    const before = changed ? last!.found.get(key) : undefined;
    let at: number;
    if (before === undefined || before === ACROSS) at = search(pieces, key);
    else if (before >= 0) at = isChanged.has(before) ? search(pieces, key) : before;
    else at = occursNear(pieces, changed!, key) ? search(pieces, key) : ABSENT;
    found.set(key, at);
    return at;
  };
  const seen = new Map<string, Range>();
  for (const entry of document.glossary) {
    const key = termKey(entry.term);
    const first = seen.get(key);
    if (first) {
      report(diagnostic('FJ602', 'warning', entry.termRange, glossaryTemplates.FJ602, { term: entry.term, line: first.start.line + 1 }, { related: [{ range: first, message: { zh: '首次解释', en: 'first definition' } }] }));
      continue;
    }
    seen.set(key, entry.termRange);
    if (key && where(key) === ABSENT) {
      report(diagnostic('FJ601', 'hint', entry.termRange, glossaryTemplates.FJ601, { term: entry.term }, { tags: ['unnecessary'] }));
    }
  }
  if (tasks.length) lastSearch.set(tasks[0], { tasks, pieces, found });
};

export const glossaryChecks: Check[] = [checkGlossary];
