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

const checkGlossary: Check = ({ document, report }) => {
  if (document.glossary.length === 0) return;
  // The texts a term may be used in: every task, every chapter and section title.
  const corpus = document.tasks.map(textKey);
  for (const c of document.chapters) corpus.push(nameKey(c.title + c.sections.map((s) => s.title).join('')));
  const seen = new Map<string, Range>();
  for (const entry of document.glossary) {
    const key = termKey(entry.term);
    const first = seen.get(key);
    if (first) {
      report(diagnostic('FJ602', 'warning', entry.termRange, glossaryTemplates.FJ602, { term: entry.term, line: first.start.line + 1 }, { related: [{ range: first, message: { zh: '首次解释', en: 'first definition' } }] }));
      continue;
    }
    seen.set(key, entry.termRange);
    if (key && !occursIn(corpus, key)) {
      report(diagnostic('FJ601', 'hint', entry.termRange, glossaryTemplates.FJ601, { term: entry.term }, { tags: ['unnecessary'] }));
    }
  }
};

export const glossaryChecks: Check[] = [checkGlossary];
