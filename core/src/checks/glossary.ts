/**
 * Glossary (FJ6xx): a term defined in the document's 【名词解释】 block that no task uses is a hint,
 * greyed out; a term defined twice is a warning.
 */
import { nameKey } from '../../../grammar/src/text';
import { termKey } from '../registry';
import { diagnostic, type Templates } from '../messages';
import type { Range } from '../model';
import type { Check } from './types';

export const glossaryTemplates: Templates = {
  FJ601: { zh: '名词 {term} 有解释，但没有任务使用它。', en: 'Term {term} is defined but no task uses it.' },
  FJ602: { zh: '名词 {term} 重复解释（另见第{line}行）。', en: 'Term {term} is defined twice (see also line {line}).' },
};

const checkGlossary: Check = ({ document, report }) => {
  if (document.glossary.length === 0) return;
  const corpus = nameKey(document.tasks.map((t) => t.text).join('\n') + '\n' + document.chapters.map((c) => c.title + c.sections.map((s) => s.title).join('')).join('\n'));
  const seen = new Map<string, Range>();
  for (const entry of document.glossary) {
    const key = termKey(entry.term);
    const first = seen.get(key);
    if (first) {
      report(diagnostic('FJ602', 'warning', entry.termRange, glossaryTemplates.FJ602, { term: entry.term, line: first.start.line + 1 }, { related: [{ range: first, message: { zh: '首次解释', en: 'first definition' } }] }));
      continue;
    }
    seen.set(key, entry.termRange);
    if (key && !corpus.includes(key)) {
      report(diagnostic('FJ601', 'hint', entry.termRange, glossaryTemplates.FJ601, { term: entry.term }, { tags: ['unnecessary'] }));
    }
  }
};

export const glossaryChecks: Check[] = [checkGlossary];
