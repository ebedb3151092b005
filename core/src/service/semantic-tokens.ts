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

/** Splits a range into one piece per line. */
function perLine(range: Range, lines: LineIndex): { line: number; start: number; end: number }[] {
  const out: { line: number; start: number; end: number }[] = [];
  for (let line = range.start.line; line <= range.end.line; line++) {
    const start = line === range.start.line ? range.start.character : 0;
    const end = line === range.end.line ? range.end.character : lines.lineText(line).length;
    if (end > start) out.push({ line, start, end });
  }
  return out;
}

export function semanticTokens(input: SemanticTokenInput, within?: Range): SemanticToken[] {
  const { document, lines } = input;
  const names: SemanticToken[] = [];
  const targets: SemanticToken[] = [];
  const inside = (r: Range) => !within || (comparePositions(r.end, within.start) >= 0 && comparePositions(r.start, within.end) <= 0);
  const push = (into: SemanticToken[], range: Range, type: SemanticTokenType, modifiers: SemanticTokenModifier[] = []) => {
    if (!inside(range)) return;
    for (const piece of perLine(range, lines)) into.push({ line: piece.line, character: piece.start, length: piece.end - piece.start, type, modifiers });
  };

  for (const h of document.header) push(names, h.nameRange, 'field');
  for (const chapter of document.chapters) {
    if (chapter.numeralRange) push(names, chapter.numeralRange, 'number');
    for (const section of chapter.sections) push(names, section.numeralRange, 'number');
  }
  for (const task of document.tasks) {
    if (!inside(task.range)) continue;
    push(names, task.numberRange, 'number');
    for (const f of task.fields) push(names, f.nameRange, 'field');
    for (const u of [...task.leadUnits, ...task.cooperatingUnits]) push(names, u.range, 'unit', u.resolution === 'unknown' ? ['unresolved'] : []);
    for (const l of task.leaders) push(names, l.range, 'leader', l.canonical ? [] : ['unresolved']);
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

  // A target phrase holds its number and maybe a unit or term: the phrase keeps only what they leave.
  const byLine = new Map<number, SemanticToken[]>();
  for (const t of names) (byLine.get(t.line) ?? byLine.set(t.line, []).get(t.line)!).push(t);
  const result = [...names];
  for (const target of targets) {
    const taken = (byLine.get(target.line) ?? []).sort((a, b) => a.character - b.character);
    let cursor = target.character;
    const end = target.character + target.length;
    for (const t of taken) {
      if (t.character + t.length <= cursor || t.character >= end) continue;
      if (t.character > cursor) result.push({ ...target, character: cursor, length: t.character - cursor });
      cursor = Math.max(cursor, t.character + t.length);
    }
    if (end > cursor) result.push({ ...target, character: cursor, length: end - cursor });
  }
  result.sort((a, b) => a.line - b.line || a.character - b.character);
  // Names themselves never overlap in a well-formed model; drop any that would, rather than send tokens the editor rejects.
  const clean: SemanticToken[] = [];
  for (const t of result) {
    const last = clean[clean.length - 1];
    if (last && last.line === t.line && last.character + last.length > t.character) continue;
    clean.push(t);
  }
  return clean;
}
