/**
 * Published web text (seed 002): numbered task paragraphs, each followed by `牵头领导：` /
 * `牵头单位：` / `责任单位：` lines, under 章 and 节 headings, inside the notice text. The preamble
 * becomes the header (metadata and 说明), the text after the last task a 【说明】 block.
 */
import type { RegistryIndex } from '../../../core/src/registry';
import { taskField } from '../../../grammar/src/fields';
import { closingBlock, newTask, type Draft, type DraftItem, type DraftTask } from '../draft';
import { findTableTitle, headerFromPreamble } from '../meta';
import { fieldFromCell, isNumberedHeading, parseHeading } from '../table';

const TASK = /^([0-9０-９]+)[.．、](?![0-9０-９])(.*)$/;
const FIELD = /^([\u4e00-\u9fff]{2,6})\s*[:：](.*)$/;

function fieldLine(line: string): { name: string; value: string } | undefined {
  const m = FIELD.exec(line);
  return m && taskField(m[1]) ? { name: m[1], value: m[2].trim() } : undefined;
}

/** True when the text has task field lines (`牵头单位：…`) after numbered paragraphs. */
export function hasFieldParagraphs(lines: readonly string[]): boolean {
  let fields = 0;
  for (const line of lines) if (fieldLine(line.trim())) fields++;
  return fields >= 2 && lines.some((l) => TASK.test(l.trim()));
}

export function readParagraphs(text: string, index?: RegistryIndex): Draft | undefined {
  const lines = text.split(/\r\n|\r|\n/).map((l) => l.trim());
  const isStructure = (line: string) => isNumberedHeading(line) || TASK.test(line);
  // The body starts at the first heading or task that has a field line within a few lines.
  let start = -1;
  for (let i = 0; i < lines.length && start < 0; i++) {
    if (!isStructure(lines[i])) continue;
    for (let j = i + 1; j < Math.min(lines.length, i + 8); j++) if (fieldLine(lines[j])) start = i;
  }
  if (start < 0) return undefined;
  let end = lines.length - 1;
  while (end > start && !fieldLine(lines[end])) end--;

  const preamble = lines.slice(0, start).filter((l) => l.length > 0);
  const title = findTableTitle(preamble);
  const notice = preamble.filter((_, i) => !title?.lines.includes(i));

  const items: DraftItem[] = [];
  let task: DraftTask | undefined;
  for (const line of lines.slice(start, end + 1)) {
    if (!line) continue;
    const taskMatch = TASK.exec(line);
    const field = fieldLine(line);
    if (taskMatch) {
      task = newTask(taskMatch[1]);
      task.text = taskMatch[2].trim();
      items.push(task);
    } else if (isNumberedHeading(line)) {
      task = undefined;
      items.push(parseHeading(line));
    } else if (field && task) {
      const kind = taskField(field.name)!.kind;
      // An empty field stays, so that the checks can point at it.
      task.fields.push(fieldFromCell(field.name, kind, [field.value], index) ?? { name: field.name, value: '', notes: [] });
    } else {
      appendStray(items, line);
    }
  }
  return {
    header: headerFromPreamble(notice, title?.title, index?.registries[0]?.jurisdiction),
    items,
    blocks: closingBlock(lines.slice(end + 1)),
  };
}

/** A line that is neither heading, task nor field: the continuation of what came before it. */
function appendStray(items: DraftItem[], line: string): void {
  const last = items[items.length - 1];
  if (!last) return;
  if (last.kind === 'task' && last.fields.length > 0) {
    const field = last.fields[last.fields.length - 1];
    field.value += line;
    field.notes.push({ code: 'FJ910', severity: 'warning' });
  } else if (last.kind === 'task') {
    last.text += line;
    last.notes.push({ code: 'FJ910', severity: 'warning' });
  } else {
    last.title += line;
    last.notes.push({ code: 'FJ910', severity: 'warning' });
  }
}
