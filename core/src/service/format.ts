/**
 * Formatting changes white space and the colon of field names, nothing else: no word, number,
 * separator or order is touched. Heads (章, 节, 任务, blocks, header fields) start at column 0;
 * task fields and continuation lines are indented by three spaces; a field name is followed by
 * `：`; a task number's point by exactly one space; trailing white space goes. Prose blocks
 * (【说明】) are verbatim and stay untouched. The result parses to the same document, and
 * formatting it again changes nothing.
 */
import { blockKind } from '../../../grammar/src/fields';
import { parseRegistry } from '../../../grammar/src/index';
import type { DocumentSyntax, FieldSyntax, RegistrySyntax, TaskSyntax } from '../../../grammar/src/syntax';
import { trimTrailingSpace, type LineIndex, type MappedText, type Position, type Range } from '../../../grammar/src/text';
import type { TextEdit } from '../model';
import { FIELD_INDENT } from './completion';

/** Registry properties sit under their entry by two spaces, as the shipped registries write them. */
const PROPERTY_INDENT = '  ';
const PROPERTY_CONTINUATION_INDENT = '    ';
/** White space that indents or separates: space, tab, ideographic space, no-break space. */
const SPACE_CODES = new Set([0x20, 0x09, 0x3000, 0x00a0]);
/** White space around a field's colon. */
const COLON_SPACE_CODES = new Set([0x20, 0x09, 0x3000]);
const FULLWIDTH_COLON = 0xff1a;
const COLON_CODES = new Set([0x3a, FULLWIDTH_COLON]);

interface Replacement {
  start: number;
  end: number;
  text: string;
}

/**
 * Planned replacements, per line, in the line's own columns. The text is read in place, by
 * offsets, rather than through a string per line: a 10,000-task document has 40,000 lines.
 */
class LinePlan {
  private readonly plans = new Map<number, Replacement[]>();
  /** Lines kept exactly as written (prose blocks are verbatim). */
  private readonly verbatim = new Set<number>();

  constructor(private readonly lines: LineIndex) {}

  /** Replaces what precedes the content at `start` by `indent`, if it is only white space. */
  indent(start: Position, indent: string): void {
    const lineStart = this.lines.offsetAt({ line: start.line, character: 0 });
    const end = this.lines.offsetAt(start);
    const same = end - lineStart === indent.length && this.lines.text.startsWith(indent, lineStart);
    if (!same && this.all(SPACE_CODES, lineStart, end)) this.add(start.line, { start: 0, end: start.character, text: indent });
  }

  /** Writes `：` (and no space around it) after a field name ending at `nameEnd`. */
  colon(nameEnd: Position): void {
    const start = this.lines.offsetAt(nameEnd);
    let end = this.skip(COLON_SPACE_CODES, start);
    if (!COLON_CODES.has(this.lines.text.charCodeAt(end))) return;
    end = this.skip(COLON_SPACE_CODES, end + 1);
    if (end - start !== 1 || this.lines.text.charCodeAt(start) !== FULLWIDTH_COLON) this.add(nameEnd.line, { start: nameEnd.character, end: nameEnd.character + end - start, text: '：' });
  }

  /** Exactly one space between a task number's point and its text. */
  oneSpace(from: Position, to: Position): void {
    if (from.line !== to.line || to.character < from.character) return;
    const start = this.lines.offsetAt(from);
    const end = this.lines.offsetAt(to);
    const single = end - start === 1 && this.lines.text.charCodeAt(start) === 0x20;
    if (!single && this.all(SPACE_CODES, start, end)) this.add(from.line, { start: from.character, end: to.character, text: ' ' });
  }

  keep(firstLine: number, lastLine: number): void {
    for (let line = firstLine; line <= lastLine; line++) this.verbatim.add(line);
  }

  private add(line: number, r: Replacement): void {
    const list = this.plans.get(line);
    if (!list) this.plans.set(line, [r]);
    else if (!list.some((o) => r.start < o.end && o.start < r.end)) list.push(r);
  }

  /** Are the characters from `start` to `end` all of `codes`? */
  private all(codes: ReadonlySet<number>, start: number, end: number): boolean {
    return this.skip(codes, start) >= end;
  }

  /** The offset of the first character from `start` on that is not of `codes` (line ends never are). */
  private skip(codes: ReadonlySet<number>, start: number): number {
    let at = start;
    while (at < this.lines.text.length && codes.has(this.lines.text.charCodeAt(at))) at++;
    return at;
  }

  /** One edit per changed line, the smallest that turns the old line into the new one. */
  edits(firstLine: number, lastLine: number): TextEdit[] {
    const edits: TextEdit[] = [];
    for (let line = firstLine; line <= lastLine; line++) {
      if (this.verbatim.has(line)) continue;
      const old = this.lines.lineText(line);
      let text = old;
      const list = this.plans.get(line);
      if (list) for (const r of list.sort((a, b) => b.start - a.start)) text = text.slice(0, r.start) + r.text + text.slice(r.end);
      text = trimTrailingSpace(text);
      if (text === old) continue;
      let prefix = 0;
      while (prefix < old.length && prefix < text.length && old[prefix] === text[prefix]) prefix++;
      let suffix = 0;
      while (suffix < old.length - prefix && suffix < text.length - prefix && old[old.length - 1 - suffix] === text[text.length - 1 - suffix]) suffix++;
      edits.push({
        range: { start: { line, character: prefix }, end: { line, character: old.length - suffix } },
        newText: text.slice(prefix, text.length - suffix),
      });
    }
    return edits;
  }
}

function continuationLines(value: MappedText, plan: LinePlan, indent: string): void {
  for (let i = 1; i < value.pieces.length; i++) {
    const piece = value.pieces[i];
    if (piece.text.length > 0) plan.indent(piece.start, indent);
  }
}

function field(f: FieldSyntax, plan: LinePlan, indent: string, continuation: string): void {
  plan.indent(f.nameRange.start, indent);
  plan.colon(f.nameRange.end);
  continuationLines(f.value, plan, continuation);
}

function planDocument(syntax: DocumentSyntax, plan: LinePlan): void {
  for (const f of syntax.header) field(f, plan, '', FIELD_INDENT);
  for (const chapter of syntax.chapters) {
    if (chapter.numeralRange) plan.indent(chapter.numeralRange.start, '');
    else if (!chapter.implicit && chapter.title.pieces.length) plan.indent(chapter.title.pieces[0].start, '');
    continuationLines(chapter.title, plan, FIELD_INDENT);
    for (const task of chapter.tasks) planTask(task, plan);
    for (const section of chapter.sections) {
      plan.indent(section.numeralRange.start, '');
      continuationLines(section.title, plan, FIELD_INDENT);
      for (const task of section.tasks) planTask(task, plan);
    }
  }
  for (const block of syntax.blocks) {
    if (blockKind(block.name) !== 'glossary') {
      plan.keep(block.range.start.line, block.range.end.line);
      continue;
    }
    plan.indent(block.headRange.start, '');
    for (const line of block.lines) {
      plan.indent(line.range.start, '');
      continuationLines(line.text, plan, FIELD_INDENT);
    }
  }
}

function planTask(task: TaskSyntax, plan: LinePlan): void {
  plan.indent(task.numberRange.start, '');
  const first = task.text.pieces[0];
  if (first && first.text.length > 0) plan.oneSpace(task.numberRange.end, first.start);
  continuationLines(task.text, plan, FIELD_INDENT);
  for (const f of task.fields) field(f, plan, FIELD_INDENT, FIELD_INDENT);
}

function planRegistry(syntax: RegistrySyntax, plan: LinePlan): void {
  for (const f of syntax.header) field(f, plan, '', FIELD_INDENT);
  for (const entry of syntax.entries) {
    field(entry.kind, plan, '', PROPERTY_INDENT);
    for (const p of entry.properties) field(p, plan, PROPERTY_INDENT, PROPERTY_CONTINUATION_INDENT);
  }
}

export interface FormatInput {
  lines: LineIndex;
  /** A breakdown document's syntax, or a registry's. */
  syntax: { document: DocumentSyntax } | { registry: RegistrySyntax };
}

/** Formatting edits for the whole text, or for the lines a range touches. */
export function formatEdits(input: FormatInput, range?: Range): TextEdit[] {
  const plan = new LinePlan(input.lines);
  if ('document' in input.syntax) planDocument(input.syntax.document, plan);
  else planRegistry(input.syntax.registry, plan);
  const first = range ? range.start.line : 0;
  // A range ending at column 0 of a line does not take that line in.
  const last = range ? (range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line) : input.lines.lineCount - 1;
  return plan.edits(Math.max(0, first), Math.min(last, input.lines.lineCount - 1));
}

export function formatRegistryText(lines: LineIndex, range?: Range): TextEdit[] {
  return formatEdits({ lines, syntax: { registry: parseRegistry(lines.text) } }, range);
}
