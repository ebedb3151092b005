/**
 * The importer's intermediate form: what every reader produces and the writer turns into a Fenjie
 * document. Values are final text (lists already rebuilt); notes wait here until the writer knows
 * the line they belong to.
 */
import { blockKind } from '../../grammar/src/fields';
import type { PendingNote } from './notes';

export interface DraftField {
  /** The name the source uses (`责任单位`, `配合单位`, `责任领导`). */
  name: string;
  value: string;
  notes: PendingNote[];
}

export interface DraftTask {
  kind: 'task';
  /** As written in the source. */
  number: string;
  text: string;
  fields: DraftField[];
  notes: PendingNote[];
}

export interface DraftHeading {
  kind: 'chapter' | 'section';
  /** `一` for `一、…` or `（一）…`; undefined for an unnumbered heading (`主要预期目标`). */
  numeral?: string;
  title: string;
  notes: PendingNote[];
}

export type DraftItem = DraftTask | DraftHeading;

export interface DraftHeaderField {
  name: string;
  /** The value; several lines for the notice text. */
  lines: string[];
}

/** A block after the table: 【说明】 for the notice's closing text, 【名词解释】 for a glossary. */
export interface DraftBlock {
  name: string;
  lines: string[];
  notes: PendingNote[];
}

export interface Draft {
  header: DraftHeaderField[];
  items: DraftItem[];
  blocks: DraftBlock[];
}

/** Text after the table, kept as written in a 【说明】 block (none when there is no such text). */
export function closingBlock(lines: readonly string[]): DraftBlock[] {
  const text = lines.filter((l) => l.length > 0);
  return text.length ? [{ name: '说明', lines: text, notes: [{ code: 'FJ907', severity: 'info' }] }] : [];
}

/** `说明`, `【名词解释】`: a line that is only a block's name, as the exports write a block's heading. */
export function blockHeading(line: string): string | undefined {
  const name = line.trim().replace(/^【|】$/g, '');
  return blockKind(name) ? name : undefined;
}

/**
 * Lines after a table (Word paragraphs, Excel rows). A line that is only a block name opens that
 * block; text before any such heading is closing text.
 */
export function blocksAfterTable(lines: readonly string[]): DraftBlock[] {
  const blocks: DraftBlock[] = [];
  let current: DraftBlock | undefined;
  for (const line of lines) {
    const name = blockHeading(line);
    if (name) {
      current = { name, lines: [], notes: [] };
      blocks.push(current);
    } else if (current) current.lines.push(line);
    else {
      current = closingBlock([line])[0];
      blocks.push(current);
    }
  }
  return blocks.filter((b) => b.lines.length > 0);
}

export function newTask(number: string): DraftTask {
  return { kind: 'task', number, text: '', fields: [], notes: [] };
}
