/**
 * Semantic tokens, so themes colour what a name is rather than how it looks: units, leaders,
 * numeric targets (their number as `number`), glossary terms, task numbers and field names.
 * Tokens never span lines (a unit broken over two lines is two tokens) and never overlap.
 */
import { comparePositions, type LineIndex, type Range } from '../../../grammar/src/text';
import type { FenjieDocument } from '../model';
import { quotedPhrases } from './positions';

export const SEMANTIC_TOKEN_TYPES = ['unit', 'leader', 'target', 'term', 'number', 'field'] as const;
export const SEMANTIC_TOKEN_MODIFIERS = ['unresolved', 'declaration'] as const;

export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];
export type SemanticTokenModifier = (typeof SEMANTIC_TOKEN_MODIFIERS)[number];

export interface SemanticToken {
  line: number;
  character: number;
  length: number;
  type: SemanticTokenType;
  modifiers: SemanticTokenModifier[];
}

export interface SemanticTokenInput {
  document: FenjieDocument;
  lines: LineIndex;
  /** Is a quoted phrase a known term? */
  isTerm(key: string): boolean;
  termKey(text: string): string;
}

const TYPE_INDEX = new Map<SemanticTokenType, number>(SEMANTIC_TOKEN_TYPES.map((t, i) => [t, i]));
const UNRESOLVED = 1 << SEMANTIC_TOKEN_MODIFIERS.indexOf('unresolved');
const DECLARATION = 1 << SEMANTIC_TOKEN_MODIFIERS.indexOf('declaration');
const TARGET = TYPE_INDEX.get('target')!;

/**
 * The tokens of a document as absolute quintuples, flat: line, character, length, index in
 * SEMANTIC_TOKEN_TYPES, bits of SEMANTIC_TOKEN_MODIFIERS; sorted, never overlapping, never spanning
 * lines. Numbers in reused buffers rather than an object per token: a 10,000-task document has
 * 160,000 tokens, and every version computes them again.
 */
export function semanticTokens(input: SemanticTokenInput, within?: Range): Uint32Array {
  const { document, lines } = input;
  const inside = (r: Range) => !within || (comparePositions(r.end, within.start) >= 0 && comparePositions(r.start, within.end) <= 0);
  const tokens = new TokenWriter(lines, inside);

  /** The groups besides tasks (the header, the headings, the glossary) by first line: few, merged into the tasks' order below. */
  const others: { line: number; write: () => void }[] = [];
  if (document.header.length) {
    others.push({ line: document.header[0].nameRange.start.line, write: () => document.header.forEach((h) => tokens.name(h.nameRange, 'field')) });
  }
  for (const chapter of document.chapters) {
    const numeral = chapter.numeralRange;
    if (numeral) others.push({ line: numeral.start.line, write: () => tokens.name(numeral, 'number') });
    for (const section of chapter.sections) others.push({ line: section.numeralRange.start.line, write: () => tokens.name(section.numeralRange, 'number') });
  }
  if (document.glossary.length) {
    others.push({ line: document.glossary[0].termRange.start.line, write: () => document.glossary.forEach((g) => tokens.name(g.termRange, 'term', DECLARATION)) });
  }
  others.sort((a, b) => a.line - b.line);
  let next = 0;
  const writeOthersUpTo = (line: number) => {
    for (; next < others.length && others[next].line <= line; next++) {
      others[next].write();
      tokens.endGroup();
    }
  };

  // Tasks are in document order, so each is one group written in place, after the headings above it.
  for (const task of document.tasks) {
    if (!inside(task.range)) continue;
    writeOthersUpTo(task.range.start.line);
    tokens.name(task.numberRange, 'number');
    for (const f of task.fields) tokens.name(f.nameRange, 'field');
    for (const u of task.leadUnits) tokens.name(u.range, 'unit', u.resolution === 'unknown' ? UNRESOLVED : 0);
    for (const u of task.cooperatingUnits) tokens.name(u.range, 'unit', u.resolution === 'unknown' ? UNRESOLVED : 0);
    for (const l of task.leaders) tokens.name(l.range, 'leader', l.canonical ? 0 : UNRESOLVED);
    for (let line = task.textRange.start.line; line <= task.textRange.end.line; line++) {
      const text = lines.lineText(line);
      for (const quoted of quotedPhrases(text, line)) if (input.isTerm(input.termKey(quoted.text))) tokens.name(quoted.range, 'term');
    }
    for (const t of task.targets) {
      tokens.name(t.valueRange, 'number');
      tokens.target(t.range);
    }
    tokens.endGroup();
  }
  writeOthersUpTo(Infinity);
  return tokens.result();
}

/**
 * Collects the tokens of one group contiguous in the document (the header, a heading, a task,
 * the glossary), sorts them and appends them to the result; groups must come in document order.
 * The group's buffers are reused from group to group, so a token costs no allocation.
 */
class TokenWriter {
  /** The group's names, then the pieces of its target phrases. */
  private readonly names = new Quintuples();
  /** The group's target phrases, one line each. */
  private readonly targets = new Quintuples();
  /** Indices into `names` in document order (a stable sort, as names may share a start). */
  private readonly order: number[] = [];
  private readonly byPosition = (a: number, b: number) => this.names.line(a) - this.names.line(b) || this.names.character(a) - this.names.character(b);
  private readonly out = new Quintuples();
  private lastLine = -1;
  private lastEnd = -1;

  constructor(
    private readonly lines: LineIndex,
    private readonly inside: (r: Range) => boolean,
  ) {}

  name(range: Range, type: SemanticTokenType, modifiers = 0): void {
    this.split(range, this.names, TYPE_INDEX.get(type)!, modifiers);
  }

  target(range: Range): void {
    this.split(range, this.targets, TARGET, 0);
  }

  endGroup(): void {
    const { names, targets, order } = this;
    order.length = 0;
    for (let i = 0; i < names.count; i++) order.push(i);
    this.sortOrder();
    const sorted = names.count;
    // A target phrase holds its number and maybe a unit or term: the phrase keeps only what they leave.
    for (let k = 0; k < targets.count; k++) {
      const line = targets.line(k);
      const start = targets.character(k);
      const end = start + targets.length(k);
      let cursor = start;
      // Names are sorted and do not overlap, so those inside the phrase follow the first that ends after its start.
      for (let i = this.firstEndingAfter(sorted, line, start); i < sorted && names.line(order[i]) === line && names.character(order[i]) < end; i++) {
        const character = names.character(order[i]);
        if (character > cursor) this.targetPiece(line, cursor, character - cursor);
        cursor = Math.max(cursor, character + names.length(order[i]));
      }
      if (end > cursor) this.targetPiece(line, cursor, end - cursor);
    }
    if (names.count > sorted) this.sortOrder();
    for (const i of order) {
      const line = names.line(i);
      const character = names.character(i);
      // Names never overlap in a well-formed model; any that would are dropped rather than sent to an editor that rejects them.
      if (line < this.lastLine || (line === this.lastLine && character < this.lastEnd)) continue;
      this.out.copy(names, i);
      this.lastLine = line;
      this.lastEnd = character + names.length(i);
    }
    names.count = 0;
    targets.count = 0;
  }

  /** The tokens written, in an array of their own size (the whole document's are kept with its version). */
  result(): Uint32Array {
    return this.out.data.slice(0, this.out.count * FIELDS);
  }

  /**
   * Sorts `order` by position, stably. A task's dozen names are sorted in place by insertion:
   * Array.prototype.sort allocates on every call, and there is a call per task.
   */
  private sortOrder(): void {
    const order = this.order;
    if (order.length > INSERTION_SORT_LIMIT) {
      order.sort(this.byPosition);
      return;
    }
    for (let i = 1; i < order.length; i++) {
      const index = order[i];
      let j = i;
      for (; j > 0 && this.byPosition(order[j - 1], index) > 0; j--) order[j] = order[j - 1];
      order[j] = index;
    }
  }

  private split(range: Range, into: Quintuples, type: number, modifiers: number): void {
    if (!this.inside(range)) return;
    // A name broken over lines is one token per line.
    for (let line = range.start.line; line <= range.end.line; line++) {
      const start = line === range.start.line ? range.start.character : 0;
      const end = line === range.end.line ? range.end.character : this.lines.lineText(line).length;
      if (end > start) into.push(line, start, end - start, type, modifiers);
    }
  }

  /** A piece of a target phrase, ordered after the names, as the phrases give them. */
  private targetPiece(line: number, character: number, length: number): void {
    this.order.push(this.names.count);
    this.names.push(line, character, length, TARGET, 0);
  }

  /** The position in `order` (among its first `count`, the sorted names) of the first name that ends after `character` of `line`, or lies on a later line. */
  private firstEndingAfter(count: number, line: number, character: number): number {
    const { names, order } = this;
    let low = 0;
    let high = count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const t = order[mid];
      if (names.line(t) < line || (names.line(t) === line && names.character(t) + names.length(t) <= character)) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

const FIELDS = 5;
/** Past this many names, insertion sort's quadratic worst case (a pasted list of thousands of units) outweighs the allocation it saves. */
const INSERTION_SORT_LIMIT = 64;

/** A growing list of tokens as quintuples (line, character, length, type index, modifier bits) in one typed array. */
class Quintuples {
  data = new Uint32Array(256 * FIELDS);
  count = 0;

  push(line: number, character: number, length: number, type: number, modifiers: number): void {
    if ((this.count + 1) * FIELDS > this.data.length) {
      const larger = new Uint32Array(this.data.length * 2);
      larger.set(this.data);
      this.data = larger;
    }
    const at = this.count * FIELDS;
    this.data[at] = line;
    this.data[at + 1] = character;
    this.data[at + 2] = length;
    this.data[at + 3] = type;
    this.data[at + 4] = modifiers;
    this.count++;
  }

  copy(from: Quintuples, index: number): void {
    const at = index * FIELDS;
    this.push(from.data[at], from.data[at + 1], from.data[at + 2], from.data[at + 3], from.data[at + 4]);
  }

  line(index: number): number {
    return this.data[index * FIELDS];
  }

  character(index: number): number {
    return this.data[index * FIELDS + 1];
  }

  length(index: number): number {
    return this.data[index * FIELDS + 2];
  }
}

/** The flat quintuples as tokens, for reading them (tests, debugging). */
export function decodeSemanticTokens(data: ArrayLike<number>): SemanticToken[] {
  const tokens: SemanticToken[] = [];
  for (let i = 0; i + 4 < data.length; i += 5) {
    const modifiers = SEMANTIC_TOKEN_MODIFIERS.filter((_, bit) => data[i + 4] & (1 << bit));
    tokens.push({ line: data[i], character: data[i + 1], length: data[i + 2], type: SEMANTIC_TOKEN_TYPES[data[i + 3]], modifiers });
  }
  return tokens;
}
