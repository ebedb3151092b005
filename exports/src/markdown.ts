/**
 * The Markdown rendering (`fenjie render --format md`): the title, 章 and 节 as headings (Markdown
 * tables cannot span a row), the tasks of each as a table, then the glossary and notes.
 */
import type { Analysis } from '../../core/src/model';
import { cellText, documentMeta, documentTitle, paragraphs, tableColumns, tableRows, type TaskRow } from '../../core/src/views';
import { trimTrailingSpace } from '../../grammar/src/text';

/**
 * Text that Markdown shows as written: punctuation that starts inline markup or HTML is backslash
 * escaped (CommonMark allows it before any ASCII punctuation), line breaks become spaces so a
 * table cell stays on its line, and the text cannot open a block (list, heading, quote).
 */
/** Line breaks and the white space around them become one space (a scan; no backtracking pattern). */
function joinLines(text: string): string {
  const lines = text.split(/[\r\n]+/);
  if (lines.length === 1) return text;
  return lines
    .map((l, i) => (i === 0 ? trimTrailingSpace(l) : i === lines.length - 1 ? l.trimStart() : l.trim()))
    .filter((l, i) => l.length > 0 || i === 0 || i === lines.length - 1)
    .join(' ');
}

export function escapeMarkdown(text: string): string {
  return joinLines(text)
    .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`)
    .replace(/^([#=+-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

export function renderMarkdown(analysis: Analysis): string {
  const doc = analysis.document;
  const columns = tableColumns(doc);
  const out: string[] = [`# ${escapeMarkdown(documentTitle(doc))}`, ''];
  const meta = documentMeta(doc);
  if (meta.length) out.push(meta.map(escapeMarkdown).join('　'), '');
  for (const p of paragraphs(doc.note ?? '')) out.push(escapeMarkdown(p), '');

  let pending: TaskRow[] = [];
  const flush = () => {
    if (!pending.length) return;
    out.push(`| ${columns.map((c) => escapeMarkdown(c.title)).join(' | ')} |`);
    out.push(`| ${columns.map(() => '---').join(' | ')} |`);
    for (const row of pending) out.push(`| ${columns.map((c) => escapeMarkdown(cellText(row, c.key))).join(' | ')} |`);
    out.push('');
    pending = [];
  };
  for (const row of tableRows(doc)) {
    if (row.kind === 'task') {
      pending.push(row);
      continue;
    }
    flush();
    out.push(`${row.kind === 'chapter' ? '##' : '###'} ${escapeMarkdown(row.label)}`, '');
  }
  flush();

  if (doc.glossary.length) {
    out.push('## 名词解释', '');
    for (const entry of doc.glossary) out.push(`- **${escapeMarkdown(entry.term)}**：${escapeMarkdown(entry.definition)}`);
    out.push('');
  }
  for (const note of doc.notes) {
    out.push(`## ${escapeMarkdown(note.name)}`, '');
    for (const p of paragraphs(note.text)) out.push(escapeMarkdown(p), '');
  }
  return out.join('\n');
}
