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

/** One token while a group is assembled: [line, character, length, type index, modifier bits]. */
type Quint = [number, number, number, number, number];

/**
 * The tokens of a document as absolute quintuples, flat: line, character, length, index in
 * SEMANTIC_TOKEN_TYPES, bits of SEMANTIC_TOKEN_MODIFIERS; sorted, never overlapping, never spanning
 * lines. Flat numbers rather than an object per token: a 10,000-task document has 160,000 tokens.
 */
export function semanticTokens(input: SemanticTokenInput, within?: Range): number[] {
  const { document, lines } = input;
  const inside = (r: Range) => !within || (comparePositions(r.end, within.start) >= 0 && comparePositions(r.start, within.end) <= 0);
  /** Groups of tokens that are contiguous in the document (the header, a heading, a task, the glossary), by first line. */
  const groups: { line: number; names: Quint[]; targets: Quint[] }[] = [];
  let group: (typeof groups)[number];
  const open = (line: number) => groups.push((group = { line, names: [], targets: [] }));
  const push = (into: Quint[], range: Range, type: SemanticTokenType, modifiers = 0) => {
    if (!inside(range)) return;
    const index = TYPE_INDEX.get(type)!;
    // A name broken over lines is one token per line.
    for (let line = range.start.line; line <= range.end.line; line++) {
      const start = line === range.start.line ? range.start.character : 0;
      const end = line === range.end.line ? range.end.character : lines.lineText(line).length;
      if (end > start) into.push([line, start, end - start, index, modifiers]);
    }
  };

  if (document.header.length) {
    open(document.header[0].nameRange.start.line);
    for (const h of document.header) push(group!.names, h.nameRange, 'field');
  }
  for (const chapter of document.chapters) {
    if (chapter.numeralRange) {
      open(chapter.numeralRange.start.line);
      push(group!.names, chapter.numeralRange, 'number');
    }
    for (const section of chapter.sections) {
      open(section.numeralRange.start.line);
      push(group!.names, section.numeralRange, 'number');
    }
  }
  for (const task of document.tasks) {
    if (!inside(task.range)) continue;
    open(task.range.start.line);
    const names = group!.names;
    push(names, task.numberRange, 'number');
    for (const f of task.fields) push(names, f.nameRange, 'field');
    for (const u of task.leadUnits) push(names, u.range, 'unit', u.resolution === 'unknown' ? UNRESOLVED : 0);
    for (const u of task.cooperatingUnits) push(names, u.range, 'unit', u.resolution === 'unknown' ? UNRESOLVED : 0);
    for (const l of task.leaders) push(names, l.range, 'leader', l.canonical ? 0 : UNRESOLVED);
    for (let line = task.textRange.start.line; line <= task.textRange.end.line; line++) {
      const text = lines.lineText(line);
      for (const quoted of quotedPhrases(text, line)) if (input.isTerm(input.termKey(quoted.text))) push(names, quoted.range, 'term');
    }
    for (const t of task.targets) {
      push(names, t.valueRange, 'number');
      push(group!.targets, t.range, 'target');
    }
  }
  if (document.glossary.length) {
    open(document.glossary[0].termRange.start.line);
    for (const g of document.glossary) push(group!.names, g.termRange, 'term', DECLARATION);
  }

  const out: number[] = [];
  const byPosition = (a: Quint, b: Quint) => a[0] - b[0] || a[1] - b[1];
  groups.sort((a, b) => a.line - b.line);
  let lastLine = -1;
  let lastEnd = -1;
  for (const g of groups) {
    const tokens = g.names.sort(byPosition);
    // A target phrase holds its number and maybe a unit or term: the phrase keeps only what they leave.
    const names = g.names.slice();
    for (const target of g.targets) {
      const [line, start, length] = target;
      let cursor = start;
      const end = start + length;
      // Names are sorted and do not overlap, so those inside the phrase follow the first that ends after its start.
      for (let i = firstEndingAfter(names, line, start); i < names.length && names[i][0] === line && names[i][1] < end; i++) {
        const t = names[i];
        if (t[1] > cursor) tokens.push([line, cursor, t[1] - cursor, TARGET, 0]);
        cursor = Math.max(cursor, t[1] + t[2]);
      }
      if (end > cursor) tokens.push([line, cursor, end - cursor, TARGET, 0]);
    }
    if (g.targets.length) tokens.sort(byPosition);
    for (const t of tokens) {
      // Names never overlap in a well-formed model; any that would are dropped rather than sent to an editor that rejects them.
      if (t[0] < lastLine || (t[0] === lastLine && t[1] < lastEnd)) continue;
      out.push(t[0], t[1], t[2], t[3], t[4]);
      lastLine = t[0];
      lastEnd = t[1] + t[2];
    }
  }
  return out;
}

/** The index of the first of the sorted tokens that ends after `character` of `line` (or lies on a later line). */
function firstEndingAfter(tokens: readonly Quint[], line: number, character: number): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const t = tokens[mid];
    if (t[0] < line || (t[0] === line && t[1] + t[2] <= character)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The flat quintuples as tokens, for reading them (tests, debugging). */
export function decodeSemanticTokens(data: readonly number[]): SemanticToken[] {
  const tokens: SemanticToken[] = [];
  for (let i = 0; i + 4 < data.length; i += 5) {
    const modifiers = SEMANTIC_TOKEN_MODIFIERS.filter((_, bit) => data[i + 4] & (1 << bit));
    tokens.push({ line: data[i], character: data[i + 1], length: data[i + 2], type: SEMANTIC_TOKEN_TYPES[data[i + 3]], modifiers });
  }
  return tokens;
}
