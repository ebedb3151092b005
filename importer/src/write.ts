/**
 * The writer: a draft becomes Fenjie text in the layout the formatter uses (header fields, a blank
 * line before each chapter, fields indented three spaces), and every pending note lands on its
 * line. Unit lists are resolved once more against the registry so that each name it does not
 * know is reported exactly where it stands.
 */
import { localize } from '../../core/src/messages';
import type { Range } from '../../core/src/model';
import type { RegistryIndex } from '../../core/src/registry';
import { resolveUnitList } from '../../core/src/resolve';
import { taskField } from '../../grammar/src/fields';
import { MappedText } from '../../grammar/src/text';
import type { Draft } from './draft';
import { noteTemplates, type ImportNote, type PendingNote } from './notes';
import { appendAll } from '../../core/src/collections';

export const FIELD_INDENT = '   ';
const HEADER_CONTINUATION_INDENT = '   ';

/** A line that the grammar would read as a heading, a task, a field, a block or a comment. */
const READS_AS_HEAD = /^(?:[#＃]|【[^】]*】\s*$|[一二三四五六七八九十百零〇两]+、|[（(][一二三四五六七八九十百零〇两]+[）)]|[0-9０-９]+[.．、](?![0-9０-９])|[\u4e00-\u9fff]{2,8}[ \t\u3000]*[:：])/;

export interface Written {
  text: string;
  notes: ImportNote[];
  taskCount: number;
}

export function writeDraft(draft: Draft, index?: RegistryIndex): Written {
  const lines: string[] = [];
  const notes: ImportNote[] = [];
  const lineRange = (line: number): Range => ({ start: { line, character: 0 }, end: { line, character: lines[line]?.length ?? 0 } });
  const place = (pending: readonly PendingNote[], line: number, range: Range = lineRange(line)) => {
    for (const p of pending) {
      notes.push({ line, code: p.code, severity: p.severity, message: localize(noteTemplates[p.code], p.args), range });
    }
  };

  for (const field of draft.header) {
    const [first, ...rest] = field.lines;
    lines.push(`${field.name}：${first}`);
    for (const more of rest) {
      // The grammar would take such a line for a field of its own; a comment keeps it verbatim.
      lines.push(READS_AS_HEAD.test(more) ? `# ${more}` : HEADER_CONTINUATION_INDENT + more);
    }
  }

  const blankLine = () => {
    if (lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
  };
  blankLine();
  let taskCount = 0;
  for (const item of draft.items) {
    if (item.kind !== 'task') {
      if (item.kind === 'chapter') blankLine();
      lines.push(item.kind === 'section' ? `（${item.numeral}）${item.title}` : item.numeral === undefined ? item.title : `${item.numeral}、${item.title}`);
      place(item.notes, lines.length - 1);
      continue;
    }
    taskCount++;
    lines.push(`${item.number}. ${item.text}`);
    place(item.notes, lines.length - 1);
    for (const field of item.fields) {
      const prefix = `${FIELD_INDENT}${field.name}：`;
      lines.push(prefix + field.value);
      const line = lines.length - 1;
      place(field.notes, line);
      const kind = taskField(field.name)?.kind;
      if (index && !index.isEmpty && (kind === 'leadUnit' || kind === 'cooperatingUnit')) {
        for (const mention of resolveUnitList(MappedText.single(field.value, { line, character: prefix.length }), index)) {
          if (mention.resolution === 'unknown') place([{ code: 'FJ901', severity: 'warning', args: { name: mention.text } }], line, mention.range);
        }
      }
    }
  }

  for (const block of draft.blocks) {
    blankLine();
    lines.push(`【${block.name}】`);
    place(block.notes, lines.length - 1);
    appendAll(lines, block.lines);
  }
  return { text: lines.join('\n') + '\n', notes, taskCount };
}
