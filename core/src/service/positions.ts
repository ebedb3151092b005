/**
 * What is under a position in an analysed document. Tasks are found by binary search over their
 * start lines, so a lookup costs O(log tasks) plus the names of one task, whatever the size of
 * the document.
 */
import { comparePositions, type LineIndex, type Position, type Range } from '../../../grammar/src/text';
import type { Field, FenjieDocument, GlossaryEntry, HeaderField, LeaderMention, Target, Task, UnitMention } from '../model';
import { termKey } from '../registry';

export type Hit =
  | { kind: 'unit'; mention: UnitMention; role: 'lead' | 'cooperating'; task: Task; taskIndex: number }
  | { kind: 'leader'; mention: LeaderMention; task: Task; taskIndex: number }
  | { kind: 'target'; target: Target; task: Task; taskIndex: number }
  | { kind: 'field'; field: Field; task: Task; taskIndex: number }
  | { kind: 'taskNumber'; task: Task; taskIndex: number }
  | { kind: 'headerField'; field: HeaderField }
  /** A quoted term in a task text (`“四上”`), or the term of a glossary entry. */
  | { kind: 'term'; term: string; key: string; range: Range; entry?: GlossaryEntry };

/** Half-open: a range holds its start, not its end. */
export function rangeHolds(range: Range, p: Position): boolean {
  return comparePositions(range.start, p) <= 0 && comparePositions(p, range.end) < 0;
}

/** Closed: the end counts too, so a cursor just after a name still finds it. */
export function rangeTouches(range: Range, p: Position): boolean {
  return comparePositions(range.start, p) <= 0 && comparePositions(p, range.end) <= 0;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

const OPEN_QUOTE = '“';
const CLOSE_QUOTE = '”';

/** The quoted phrase around a column of one line: `“四上”企业` with the cursor on 四 gives 四上. */
export function quotedAt(lineText: string, line: number, character: number): { text: string; range: Range } | undefined {
  const open = lineText.lastIndexOf(OPEN_QUOTE, character - 1);
  if (open < 0) return undefined;
  const closeBefore = lineText.lastIndexOf(CLOSE_QUOTE, character - 1);
  if (closeBefore > open) return undefined;
  const close = lineText.indexOf(CLOSE_QUOTE, open + 1);
  if (close < 0 || close < character - 1) return undefined;
  const text = lineText.slice(open + 1, close);
  if (!text.trim()) return undefined;
  return { text, range: { start: { line, character: open + 1 }, end: { line, character: close } } };
}

/**
 * Every quoted phrase of one line, in one pass: the text between a `“` and the next `”` with no
 * other `“` between them (in `“a“b”` only `b` is quoted, as the TextMate grammar highlights it).
 * Each character is looked at once, so a pasted run of thousands of openers with no closer costs
 * one pass, not one scan to the end of the line per opener.
 */
export function quotedPhrases(lineText: string, line: number): { text: string; range: Range }[] {
  const phrases: { text: string; range: Range }[] = [];
  let open = lineText.indexOf(OPEN_QUOTE);
  while (open >= 0) {
    const close = lineText.indexOf(CLOSE_QUOTE, open + 1);
    if (close < 0) break;
    // The last opener before the closer starts the phrase; this looks back no further than `open`.
    const start = lineText.lastIndexOf(OPEN_QUOTE, close);
    const text = lineText.slice(start + 1, close);
    if (text.trim()) phrases.push({ text, range: { start: { line, character: start + 1 }, end: { line, character: close } } });
    open = lineText.indexOf(OPEN_QUOTE, close + 1);
  }
  return phrases;
}

export class PositionIndex {
  private readonly taskStarts: Position[];

  constructor(
    readonly document: FenjieDocument,
    private readonly lines: LineIndex,
    /** Is this quoted phrase a known term (of the glossary or a registry)? */
    private readonly isTerm: (key: string) => boolean,
    /** How the known terms are written without quotes (`四上`), for a term the text does not quote. */
    private readonly termSpellings: () => readonly string[] = () => [],
  ) {
    this.taskStarts = document.tasks.map((t) => t.range.start);
  }

  /** The index of the task holding a position, or -1. */
  taskAt(p: Position): number {
    let low = 0;
    let high = this.taskStarts.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (comparePositions(this.taskStarts[mid], p) <= 0) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    if (found < 0) return -1;
    const task = this.document.tasks[found];
    return rangeTouches(task.range, p) || task.range.end.line === p.line ? found : -1;
  }

  /** The name, target, field or term at a position. Names win over the target phrase that contains them. */
  at(p: Position): Hit | undefined {
    return this.find(p, rangeHolds) ?? this.find(p, rangeTouches);
  }

  private find(p: Position, holds: (r: Range, p: Position) => boolean): Hit | undefined {
    const taskIndex = this.taskAt(p);
    if (taskIndex >= 0) {
      const task = this.document.tasks[taskIndex];
      for (const mention of task.leadUnits) if (holds(mention.range, p)) return { kind: 'unit', mention, role: 'lead', task, taskIndex };
      for (const mention of task.cooperatingUnits) if (holds(mention.range, p)) return { kind: 'unit', mention, role: 'cooperating', task, taskIndex };
      for (const mention of task.leaders) if (holds(mention.range, p)) return { kind: 'leader', mention, task, taskIndex };
      for (const field of task.fields) if (holds(field.nameRange, p)) return { kind: 'field', field, task, taskIndex };
      if (holds(task.numberRange, p)) return { kind: 'taskNumber', task, taskIndex };
      if (rangeTouches(task.textRange, p)) {
        const term = this.termAt(p);
        if (term) return term;
      }
      for (const target of task.targets) if (holds(target.range, p)) return { kind: 'target', target, task, taskIndex };
      return undefined;
    }
    for (const field of this.document.header) if (holds(field.nameRange, p)) return { kind: 'headerField', field };
    for (const entry of this.document.glossary) {
      if (holds(entry.termRange, p)) return { kind: 'term', term: entry.term, key: termKey(entry.term), range: entry.termRange, entry };
    }
    return undefined;
  }

  private termAt(p: Position): Hit | undefined {
    const lineText = this.lines.lineText(p.line);
    const quoted = quotedAt(lineText, p.line, p.character) ?? this.unquotedTermAt(lineText, p);
    if (!quoted) return undefined;
    const key = termKey(quoted.text);
    if (!this.isTerm(key)) return undefined;
    return { kind: 'term', term: quoted.text, key, range: quoted.range, entry: this.document.glossary.find((g) => termKey(g.term) === key) };
  }

  /** The longest known term written without quotes over a position (`四上企业` on 上 gives 四上). */
  private unquotedTermAt(lineText: string, p: Position): { text: string; range: Range } | undefined {
    let best: { text: string; range: Range } | undefined;
    for (const spelling of this.termSpellings()) {
      if (spelling.length < 2 || (best && best.text.length >= spelling.length)) continue;
      const from = lineText.indexOf(spelling, Math.max(0, p.character - spelling.length));
      if (from < 0 || from > p.character) continue;
      best = { text: spelling, range: { start: { line: p.line, character: from }, end: { line: p.line, character: from + spelling.length } } };
    }
    return best;
  }

}
