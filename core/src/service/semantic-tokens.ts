/**
 * Semantic tokens, so themes colour what a name is rather than how it looks: units, leaders,
 * numeric targets (their number as `number`), glossary terms, task numbers and field names.
 * Tokens never span lines (a unit broken over two lines is two tokens) and never overlap.
 */
import { comparePositions, type LineIndex, type Range } from '../../../grammar/src/text';
import type { FenjieDocument } from '../model';
import { quotedAt } from './positions';

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

const NO_MODIFIERS: SemanticTokenModifier[] = [];

export function semanticTokens(input: SemanticTokenInput, within?: Range): SemanticToken[] {
  const { document, lines } = input;
  // Tokens by line; a line's names and its target phrases are merged when the line is written out.
  const names = new Map<number, SemanticToken[]>();
  const targets = new Map<number, SemanticToken[]>();
  const inside = (r: Range) => !within || (comparePositions(r.end, within.start) >= 0 && comparePositions(r.start, within.end) <= 0);
  const add = (into: Map<number, SemanticToken[]>, line: number, start: number, end: number, type: SemanticTokenType, modifiers: SemanticTokenModifier[]) => {
    if (end <= start) return;
    const token = { line, character: start, length: end - start, type, modifiers };
    const list = into.get(line);
    if (list) list.push(token);
    else into.set(line, [token]);
  };
  const push = (into: Map<number, SemanticToken[]>, range: Range, type: SemanticTokenType, modifiers = NO_MODIFIERS) => {
    if (!inside(range)) return;
    // A name broken over lines is one token per line.
    for (let line = range.start.line; line <= range.end.line; line++) {
      const start = line === range.start.line ? range.start.character : 0;
      const end = line === range.end.line ? range.end.character : lines.lineText(line).length;
      add(into, line, start, end, type, modifiers);
    }
  };
  const UNRESOLVED: SemanticTokenModifier[] = ['unresolved'];

  for (const h of document.header) push(names, h.nameRange, 'field');
  for (const chapter of document.chapters) {
    if (chapter.numeralRange) push(names, chapter.numeralRange, 'number');
    for (const section of chapter.sections) push(names, section.numeralRange, 'number');
  }
  for (const task of document.tasks) {
    if (!inside(task.range)) continue;
    push(names, task.numberRange, 'number');
    for (const f of task.fields) push(names, f.nameRange, 'field');
    for (const u of task.leadUnits) push(names, u.range, 'unit', u.resolution === 'unknown' ? UNRESOLVED : NO_MODIFIERS);
    for (const u of task.cooperatingUnits) push(names, u.range, 'unit', u.resolution === 'unknown' ? UNRESOLVED : NO_MODIFIERS);
    for (const l of task.leaders) push(names, l.range, 'leader', l.canonical ? NO_MODIFIERS : UNRESOLVED);
    for (let line = task.textRange.start.line; line <= task.textRange.end.line; line++) {
      const text = lines.lineText(line);
      for (let open = text.indexOf('“'); open >= 0; open = text.indexOf('“', open + 1)) {
        const quoted = quotedAt(text, line, open + 1);
        if (quoted && input.isTerm(input.termKey(quoted.text))) push(names, quoted.range, 'term');
      }
    }
    for (const t of task.targets) {
      push(names, t.valueRange, 'number');
      push(targets, t.range, 'target');
    }
  }
  for (const g of document.glossary) push(names, g.termRange, 'term', ['declaration']);

  const result: SemanticToken[] = [];
  const byPosition = (a: SemanticToken, b: SemanticToken) => a.character - b.character;
  for (const line of [...new Set([...names.keys(), ...targets.keys()])].sort((a, b) => a - b)) {
    const taken = (names.get(line) ?? []).sort(byPosition);
    const merged = [...taken];
    // A target phrase holds its number and maybe a unit or term: the phrase keeps only what they leave.
    for (const target of targets.get(line) ?? []) {
      let cursor = target.character;
      const end = target.character + target.length;
      for (const t of taken) {
        if (t.character + t.length <= cursor || t.character >= end) continue;
        if (t.character > cursor) merged.push({ ...target, character: cursor, length: t.character - cursor });
        cursor = Math.max(cursor, t.character + t.length);
      }
      if (end > cursor) merged.push({ ...target, character: cursor, length: end - cursor });
    }
    if (merged.length > taken.length) merged.sort(byPosition);
    // Names never overlap in a well-formed model; any that would are dropped rather than sent to an editor that rejects them.
    let lastEnd = -1;
    for (const t of merged) {
      if (t.character < lastEnd) continue;
      result.push(t);
      lastEnd = t.character + t.length;
    }
  }
  return result;
}
