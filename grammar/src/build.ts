/**
 * Builds the syntax tree from the parsed lines (lexer → chevrotain line parser → this builder). One pass, one line at a time, so the work is
 * linear in the document. A line that is out of place becomes a SyntaxProblem and the line is
 * still kept in the tree wherever it can be, never dropped silently.
 */
import type { CstNode, IToken, TokenType } from 'chevrotain';
import { BlockHead, ChapterHead, Comment, fenjieLexer, FieldHead, Indent, SectionHead, TaskHead, Text } from './lexer';
import { parseLines } from './parser';
import { headerField, nearestTaskFieldName, taskField } from './fields';
import {
  BlockLineSyntax,
  BlockSyntax,
  ChapterSyntax,
  CommentSyntax,
  DocumentSyntax,
  EntrySyntax,
  FieldSyntax,
  RegistrySyntax,
  SectionSyntax,
  SyntaxProblem,
  TaskSyntax,
} from './syntax';
import { MappedText, movePosition, Position, Range, settlePosition, shiftRange, TextPiece, trimTrailingSpace, visitRange } from './text';
import { TextCache } from './cache';

type HeadKind = 'comment' | 'block' | 'chapter' | 'section' | 'task' | 'field';

/** A token of one line: its text and where it starts and ends. */
interface Span {
  image: string;
  start: Position;
  end: Position;
}

/** One source line as the lexer saw it. */
interface Line {
  index: number;
  indented: boolean;
  head?: { kind: HeadKind; token: Span };
  text?: Span;
  /** From the first content character to the end of the content. */
  range: Range;
}

function tokenRange(token: Span): Range {
  return { start: token.start, end: token.end };
}

const HEAD_KINDS = new Map<TokenType, HeadKind>([
  [Comment, 'comment'],
  [BlockHead, 'block'],
  [ChapterHead, 'chapter'],
  [SectionHead, 'section'],
  [TaskHead, 'task'],
  [FieldHead, 'field'],
]);

/**
 * What the lexer makes of one line's text. The language is line-oriented: a line's tokens depend
 * on that line alone, so a line seen before (in this version of a document, the last one, or
 * another document) is not lexed again; after a one-character edit only the edited line is.
 */
interface LineShape {
  indented: boolean;
  head?: { kind: HeadKind; image: string; column: number };
  text?: { image: string; column: number };
}

/** Shapes by line text; null for a line with no content. */
const shapes = new TextCache<LineShape | null>(250_000);

/** The tokens of one `line` node, in source order, without its newline. */
function lineTokens(node: CstNode): IToken[] {
  const tokens: IToken[] = [...((node.children.Indent as IToken[] | undefined) ?? [])];
  const content = (node.children.content as CstNode[] | undefined)?.[0];
  if (content) for (const list of Object.values(content.children)) tokens.push(...(list as IToken[]));
  return tokens.sort((a, b) => a.startOffset - b.startOffset);
}

function shapeOf(tokens: readonly IToken[]): LineShape | null {
  let indented = false;
  let head: LineShape['head'];
  let text: LineShape['text'];
  for (const token of tokens) {
    // chevrotain's columns are stored as doubles (its recovery tokens carry NaN): as small integers, positions store them unboxed.
    const column = ((token.startColumn ?? 1) - 1) | 0;
    if (token.tokenType === Indent) indented = true;
    else if (token.tokenType === Text) {
      // After a block head only white space can follow (its pattern looks ahead): not text.
      if (head?.kind !== 'block') text = { image: token.image, column };
    } else head = { kind: HEAD_KINDS.get(token.tokenType)!, image: token.image, column };
  }
  if (!head && !text) return null;
  const shape: LineShape = { indented };
  if (head) shape.head = head;
  if (text) shape.text = text;
  return shape;
}

/** The shape of every line, lexing the lines not seen before together in one call. */
function shapesOf(lines: readonly string[]): (LineShape | null)[] {
  const out = new Array<LineShape | null>(lines.length);
  /** One line of each unseen text, and the others with that text (pasted or generated repeats): each text is lexed once. */
  const unseen: number[] = [];
  const unseenIndex = new Map<string, number>();
  const repeats: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const known = shapes.get(lines[i]);
    if (known !== undefined) out[i] = known;
    else if (unseenIndex.has(lines[i])) repeats.push(i);
    else {
      unseenIndex.set(lines[i], unseen.length);
      unseen.push(i);
    }
  }
  if (unseen.length === 0) return out;
  // Every unseen line ends with a newline, so the text lexed is always a new string: a line is a
  // slice of the whole document, and a token or key cut from that slice would keep the document
  // alive in the cache, one version per edit. Cut from this string, they keep only these lines.
  const joined = [...unseen.map((i) => lines[i]), ''].join('\n');
  // The chevrotain parser reads the lexed lines. Its `line` nodes are grouped by the source line of
  // their tokens, so a line the parser recovered as two nodes is still one line here.
  const { cst } = parseLines(fenjieLexer.tokenize(joined).tokens);
  const byLine = new Map<number, IToken[]>();
  for (const node of (cst.children.line as CstNode[] | undefined) ?? []) {
    for (const token of lineTokens(node)) {
      const k = (token.startLine ?? 1) - 1;
      const list = byLine.get(k);
      if (list) list.push(token);
      else byLine.set(k, [token]);
    }
  }
  let lineStart = 0;
  unseen.forEach((i, k) => {
    out[i] = shapeOf(byLine.get(k) ?? []);
    shapes.set(joined.slice(lineStart, lineStart + lines[i].length), out[i]);
    lineStart += lines[i].length + 1;
  });
  for (const i of repeats) out[i] = out[unseen[unseenIndex.get(lines[i])!]];
  return out;
}

function span(line: number, token: { image: string; column: number }, start: Position = { line, character: token.column }): Span {
  return { image: token.image, start, end: { line, character: token.column + token.image.length } };
}

/** The lines of a text and where each starts; line breaks are LF, CRLF or CR, as the lexer reads them. */
function splitLines(text: string): { lines: string[]; starts: number[] } {
  const lines: string[] = [];
  const starts: number[] = [];
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    lines.push(text.slice(start, m.index));
    starts.push(start);
    start = m.index + m[0].length;
  }
  lines.push(text.slice(start));
  starts.push(start);
  return { lines, starts };
}

/** The record of a line with content, made when the builder reads it. */
function lineOf(index: number, shape: LineShape): Line {
  const head = shape.head ? { kind: shape.head.kind, token: span(index, shape.head) } : undefined;
  // Where the head ends the text starts (`1.任务`): one position for both.
  const text = shape.text ? span(index, shape.text, head?.token.end.character === shape.text.column ? head.token.end : undefined) : undefined;
  const first = head?.token ?? text!;
  const last = text ?? head!.token;
  return { index, indented: shape.indented, head, text, range: { start: first.start, end: last.end } };
}

/** The text of a token with surrounding white space trimmed, as a piece that knows its position. */
function trimmedPiece(token: Span | undefined, after?: Position): TextPiece {
  if (!token) return { text: '', start: after ?? { line: 0, character: 0 } };
  const image = token.image;
  const leading = image.length - image.trimStart().length;
  return { text: image.trim(), start: leading === 0 ? token.start : { line: token.start.line, character: token.start.character + leading } };
}

function mapped(pieces: TextPiece[], end?: Position): MappedText {
  // Copied to its exact size (see exactSize in the core): a document has a MappedText per field.
  return new MappedText(pieces.filter((p, i) => i === 0 || p.text.length > 0).slice(), end);
}

function stripHead(image: string, trailing: RegExp): string {
  return image.replace(trailing, '');
}

/** A field head's name: the head without its colon and the spaces before it (`牵头单位 ：` → `牵头单位`). */
function fieldName(image: string): string {
  return trimTrailingSpace(image.slice(0, -1));
}

function cover(a: Range, b: Range): Range {
  return { start: a.start, end: b.end };
}

const BAD_CHARACTERS =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const MAX_CHARACTER_PROBLEMS = 100;
/** Every character BAD_CHARACTERS can match, and any surrogate: a cheap test that almost every text fails. */
const MAYBE_BAD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd\ud800-\udfff]/;

function badCharacterProblems(text: string, positionAt: (offset: number) => Position): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  if (!MAYBE_BAD.test(text)) return problems;
  BAD_CHARACTERS.lastIndex = 0;
  for (let m = BAD_CHARACTERS.exec(text); m && problems.length < MAX_CHARACTER_PROBLEMS; m = BAD_CHARACTERS.exec(text)) {
    const start = positionAt(m.index);
    problems.push({
      code: 'FJ006',
      range: { start, end: { line: start.line, character: start.character + 1 } },
      args: { code: 'U+' + m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0') },
    });
  }
  return problems;
}

/** A growing field: pieces are added by continuation lines. */
interface OpenField {
  name: string;
  nameRange: Range;
  pieces: TextPiece[];
  range: Range;
}

function openField(line: Line): OpenField {
  const head = line.head!.token;
  const name = fieldName(head.image);
  const nameStart = head.start;
  return {
    name,
    nameRange: { start: nameStart, end: { line: nameStart.line, character: nameStart.character + name.length } },
    pieces: [trimmedPiece(line.text, head.end)],
    range: line.range,
  };
}

function closeField(field: OpenField): FieldSyntax {
  return { name: field.name, nameRange: field.nameRange, value: mapped(field.pieces, field.range.end), range: field.range };
}

interface LexedText {
  /** The text lexed: the document's, a byte-order mark replaced by a space. */
  source: string;
  /** Where each line starts in `source`. */
  starts: number[];
  /** Each line's shape (null: no content). */
  shapes: (LineShape | null)[];
  problems: SyntaxProblem[];
  whole: Range;
  /** Against the version lexed before, when this one was lexed from it: the lines lexed again, [first, end), and how many lines were added (negative: removed). */
  change?: { first: number; end: number; lines: number };
}

/** The line of `offset`: the last line starting at or before it. */
function lineAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** A line's text without its line break. */
function lineText(lexed: Pick<LexedText, 'source' | 'starts'>, line: number): string {
  const { source, starts } = lexed;
  if (line + 1 >= starts.length) return source.slice(starts[line]);
  let end = starts[line + 1] - 1;
  if (source.charCodeAt(end) === 10 && end > starts[line] && source.charCodeAt(end - 1) === 13) end--;
  return source.slice(starts[line], end);
}

function lex(text: string, previous?: LexedText): LexedText {
  // A byte-order mark is not content; lexing it as a space keeps every later column where it is.
  const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const lines = previous ? relexedLines(source, previous) : undefined;
  let starts: number[];
  let shapes: (LineShape | null)[];
  if (lines) {
    starts = lines.starts;
    shapes = lines.shapes;
  } else {
    const split = splitLines(source);
    starts = split.starts;
    shapes = shapesOf(split.lines);
  }
  const positionAt = (offset: number): Position => {
    const line = lineAt(starts, offset);
    return { line, character: offset - starts[line] };
  };
  const lexed: LexedText = { source, starts, shapes, problems: badCharacterProblems(source, positionAt), whole: { start: { line: 0, character: 0 }, end: positionAt(source.length) } };
  if (lines) lexed.change = lines.change;
  return lexed;
}

/**
 * How many code units `a` and `b` have in common, at most `limit`, reading both through `piece`
 * (from the start or from the end). Pieces compare as strings, natively: a document of
 * megabytes compares in well under a millisecond, where a loop over code units takes several.
 */
function commonLength(a: string, b: string, limit: number, piece: (text: string, at: number, length: number) => string): number {
  let common = 0;
  for (let size = 4096; size >= 1; size >>= 4) {
    while (common + size <= limit && piece(a, common, size) === piece(b, common, size)) common += size;
  }
  return common;
}

/**
 * The lines of `source` lexed from the version before: the lines around what changed (the text
 * between the longest common start and the longest common end, and a line either side, so a line
 * break changed from CR to CRLF is seen whole) are split and lexed again; the others keep their
 * shapes, moved by the lines added or removed. Undefined when the versions share too little to gain.
 */
function relexedLines(source: string, previous: LexedText): Pick<LexedText, 'starts' | 'shapes'> & { change: NonNullable<LexedText['change']> } | undefined {
  const old = previous.source;
  const shorter = Math.min(old.length, source.length);
  const prefix = commonLength(old, source, shorter, (text, at, length) => text.slice(at, at + length));
  const suffix = commonLength(old, source, shorter - prefix, (text, at, length) => text.slice(text.length - at - length, text.length - at));
  if (prefix + suffix < shorter / 2) return undefined;
  const oldStarts = previous.starts;
  const first = Math.max(0, lineAt(oldStarts, prefix) - 1);
  const oldEnd = Math.min(oldStarts.length, lineAt(oldStarts, old.length - suffix) + 2);
  const growth = source.length - old.length;
  const from = oldStarts[first];
  const to = oldEnd < oldStarts.length ? oldStarts[oldEnd] + growth : source.length;
  const split = splitLines(source.slice(from, to));
  // Cut at a line start, the piece ends with a line break: its last "line" is the next one's start.
  if (oldEnd < oldStarts.length) {
    split.lines.pop();
    split.starts.pop();
  }
  const end = first + split.lines.length;
  const starts = oldStarts.slice(0, first);
  for (const start of split.starts) starts.push(from + start);
  for (let i = oldEnd; i < oldStarts.length; i++) starts.push(oldStarts[i] + growth);
  const shapes = previous.shapes.slice(0, first);
  for (const shape of shapesOf(split.lines)) shapes.push(shape);
  for (let i = oldEnd; i < previous.shapes.length; i++) shapes.push(previous.shapes[i]);
  return { starts, shapes, change: { first, end, lines: end - oldEnd } };
}

/** Lines that end a task: any head but a field or comment, and plain text at column 0 (an unnumbered heading). */
function endsTask(shape: LineShape): boolean {
  const kind = shape.head?.kind;
  return kind === undefined ? !shape.indented : kind !== 'field' && kind !== 'comment';
}

/**
 * A task's syntax depends only on its lines (from its head to the next line that ends a task,
 * blank lines and comments included) and the line it starts on. Tasks built before are found by
 * their lines and reused as they are: after an edit, only the edited task is built again, and
 * analyses can recognise the unchanged tasks by identity. A task whose lines moved (a line added
 * or removed above it) is the same object, moved in place when only the version before holds it
 * (see `buildDocument`), else a moved copy.
 */
interface BuiltTask {
  task: TaskSyntax;
  /** Comments among its lines, and the problems it reported (FJ003). */
  comments: CommentSyntax[];
  problems: SyntaxProblem[];
  /** The line its head is on. */
  line: number;
  /** Its lines joined (its key in `builtTasks`). */
  key: string;
  /**
   * Taken from `builtTasks` into a tree: another tree (another document, or a parse of the same
   * text) may hold it too, so it is never moved in place; a move copies it.
   */
  shared: boolean;
}

/** By a task's lines, the task as built where it last stood. */
const builtTasks = new TextCache<BuiltTask>(50_000, 16_384);

/** Calls `visit` on every position a task's syntax holds. */
export function visitTaskSyntax(t: TaskSyntax, visit: (p: Position) => void): void {
  visitRange(t.numberRange, visit);
  t.text.visitPositions(visit);
  for (const f of t.fields) {
    visitRange(f.nameRange, visit);
    f.value.visitPositions(visit);
    visitRange(f.range, visit);
  }
  visitRange(t.range, visit);
}

function visitBuiltTask(built: BuiltTask, visit: (p: Position) => void): void {
  visitTaskSyntax(built.task, visit);
  for (const c of built.comments) visitRange(c.range, visit);
  for (const p of built.problems) visitRange(p.range, visit);
}

/** A task of the version before, which no other tree holds, moved to `line`: the same objects, their positions changed. */
function movedInPlace(built: BuiltTask, line: number): BuiltTask {
  const lines = line - built.line;
  visitBuiltTask(built, (p) => movePosition(p, lines));
  visitBuiltTask(built, settlePosition);
  built.line = line;
  return built;
}

function shiftedTask(t: TaskSyntax, lines: number): TaskSyntax {
  return {
    number: t.number,
    numberRange: shiftRange(t.numberRange, lines),
    text: t.text.shifted(lines),
    fields: t.fields.map((f) => ({ name: f.name, nameRange: shiftRange(f.nameRange, lines), value: f.value.shifted(lines), range: shiftRange(f.range, lines) })),
    range: shiftRange(t.range, lines),
  };
}

/** A copy of a task moved to `line`, which the cache keeps instead: the original stays as it is for the trees that hold it. */
function copiedTo(from: BuiltTask, line: number): BuiltTask {
  const lines = line - from.line;
  const moved: BuiltTask = {
    task: shiftedTask(from.task, lines),
    // Almost every task has neither: the empty lists are shared, never written to.
    comments: from.comments.length ? from.comments.map((c) => ({ text: c.text, range: shiftRange(c.range, lines) })) : from.comments,
    problems: from.problems.length ? from.problems.map((p) => ({ code: p.code, range: shiftRange(p.range, lines), args: p.args })) : from.problems,
    line,
    key: from.key,
    shared: false,
  };
  // The same lines at two places of one document trade the entry; each copy stays correct.
  builtTasks.set(from.key, moved);
  return moved;
}

/**
 * What building a document kept for building its next version: what the lexer found, and each
 * task by the line of its head, with the line that ends it (exclusive).
 */
interface BuiltDocument {
  lexed: LexedText;
  tasks: ({ built: BuiltTask; end: number } | undefined)[];
}

const builtDocuments = new WeakMap<DocumentSyntax, BuiltDocument>();

/**
 * The task of the version before on the same lines: lines before the change keep their numbers,
 * those after it move by the lines added. A task whose lines or ending line were lexed again is
 * not reused this way (it may still be found by its text).
 */
function unchangedTask(before: BuiltDocument | undefined, change: LexedText['change'], head: number, end: number): BuiltTask | undefined {
  if (!before || !change) return undefined;
  let shift: number;
  if (end < change.first) shift = 0;
  else if (head >= change.end) shift = change.lines;
  else return undefined;
  const found = before.tasks[head - shift];
  return found && found.end === end - shift ? found.built : undefined;
}

/** Is this field line a field, or a text line that happens to contain a colon (`其中：…`)? */
function isTaskFieldName(name: string): boolean {
  return taskField(name) !== undefined || nearestTaskFieldName(name) !== undefined;
}

/**
 * The syntax of `text`. Given the syntax of the version before (of the same document, as an
 * editor sends them), only the lines around what changed are lexed again and the tasks on the
 * other lines are taken from it without looking them up: the result is the same either way.
 *
 * The version before is used up: its tasks become the new tree's, those below a line added or
 * removed moved in place (a line break typed near the top of 10,000 tasks would otherwise copy
 * thousands of them), so it must not be read afterwards. A tree already used up is no version
 * before for another: the text is then parsed as without one.
 */
export function buildDocument(text: string, previous?: DocumentSyntax): DocumentSyntax {
  const before = previous && builtDocuments.get(previous);
  if (previous) builtDocuments.delete(previous);
  const lexed = lex(text, before?.lexed);
  const { shapes, problems, whole, change } = lexed;
  const tasksByLine: BuiltDocument['tasks'] = new Array(shapes.length);
  const header: FieldSyntax[] = [];
  const chapters: ChapterSyntax[] = [];
  const blocks: BlockSyntax[] = [];
  const comments: CommentSyntax[] = [];

  // What is still being read: the nodes (already in the tree) and the pieces of their texts.
  let inHeader = true;
  let chapter: { syntax: ChapterSyntax; titlePieces: TextPiece[] } | undefined;
  let section: { syntax: SectionSyntax; titlePieces: TextPiece[] } | undefined;
  let task: { syntax: TaskSyntax; textPieces: TextPiece[]; openFields: OpenField[]; key: string; line: number; end: number; comments: number; problems: number } | undefined;
  let headerFieldOpen: OpenField | undefined;
  let block: { syntax: BlockSyntax; open: (BlockLineSyntax & { pieces: TextPiece[] }) | undefined } | undefined;

  const finishTask = () => {
    if (!task) return;
    const syntax = task.syntax;
    syntax.text = mapped(task.textPieces);
    syntax.fields = task.openFields.map(closeField);
    if (syntax.text.text.length === 0) problems.push({ code: 'FJ003', range: syntax.numberRange, args: { number: syntax.number } });
    const built: BuiltTask = { task: syntax, comments: comments.slice(task.comments), problems: problems.slice(task.problems), line: task.line, key: task.key, shared: false };
    builtTasks.set(task.key, built);
    tasksByLine[task.line] = { built, end: task.end };
    task = undefined;
  };
  const finishSection = () => {
    finishTask();
    if (!section) return;
    section.syntax.title = mapped(section.titlePieces);
    section = undefined;
  };
  const finishChapter = () => {
    finishSection();
    if (!chapter) return;
    chapter.syntax.title = mapped(chapter.titlePieces);
    chapter = undefined;
  };
  const finishBlockLine = () => {
    if (!block?.open) return;
    const { pieces, ...line } = block.open;
    line.text = mapped(pieces);
    block.syntax.lines.push(line);
    block.open = undefined;
  };
  const finishBlock = () => {
    if (!block) return;
    finishBlockLine();
    blocks.push(block.syntax);
    block = undefined;
  };
  const finishHeaderField = () => {
    if (headerFieldOpen) header.push(closeField(headerFieldOpen));
    headerFieldOpen = undefined;
  };
  const openChapter = (syntax: ChapterSyntax, titlePieces: TextPiece[]) => {
    chapter = { syntax, titlePieces };
    chapters.push(syntax);
  };
  const ensureChapter = (at: Range): ChapterSyntax => {
    if (!chapter) openChapter({ implicit: true, title: MappedText.single('', at.start), tasks: [], sections: [], range: at }, []);
    return chapter!.syntax;
  };
  /** A task's head line: the task is reused when its lines are those of a task built before, else opened. */
  const startTask = (line: Line, end: number) => {
    finishHeaderField();
    finishTask();
    inHeader = false;
    const parentChapter = ensureChapter(line.range);
    let built = unchangedTask(before, change, line.index, end);
    let key = '';
    if (built) {
      if (built.line !== line.index) built = built.shared ? copiedTo(built, line.index) : movedInPlace(built, line.index);
    } else {
      const lines: string[] = [];
      for (let k = line.index; k < end; k++) lines.push(lineText(lexed, k));
      // Joined with an empty last line, the key is always a new string (a lone line would be a slice of the document, keeping it alive).
      lines.push('');
      key = lines.join('\n');
      const cached = builtTasks.get(key);
      if (cached && cached.line === line.index) {
        cached.shared = true;
        built = cached;
      } else if (cached) built = copiedTo(cached, line.index);
    }
    const head = line.head!.token;
    const syntax: TaskSyntax = built?.task ?? { number: stripHead(head.image, /[.．、]$/), numberRange: tokenRange(head), text: MappedText.single('', head.end), fields: [], range: line.range };
    (section?.syntax ?? parentChapter).tasks.push(syntax);
    // Its lines extend its section and chapter as they are read; a reused task extends them at once.
    const extent = built ? syntax.range : line.range;
    if (section) section.syntax.range = cover(section.syntax.range, extent);
    parentChapter.range = cover(parentChapter.range, extent);
    if (built) {
      tasksByLine[line.index] = { built, end };
      // A loop, not push(...): a task may carry any number of comment lines.
      for (const c of built.comments) comments.push(c);
      for (const p of built.problems) problems.push(p);
      return true;
    }
    task = { syntax, textPieces: [trimmedPiece(line.text, head.end)], openFields: [], key, line: line.index, end, comments: comments.length, problems: problems.length };
    return false;
  };

  for (let index = 0; index < shapes.length; index++) {
    const shape = shapes[index];
    if (!shape) continue;
    const line = lineOf(index, shape);
    const kind = line.head?.kind;
    if (kind === 'comment') {
      comments.push({ text: line.head!.token.image, range: line.range });
      continue;
    }

    if (block) {
      if (kind === 'block') {
        finishBlock();
      } else {
        if (line.indented && !kind && block.open) {
          block.open.pieces.push(trimmedPiece(line.text));
          block.open.range = cover(block.open.range, line.range);
        } else {
          finishBlockLine();
          const open: BlockLineSyntax & { pieces: TextPiece[] } = { text: MappedText.single('', line.range.start), pieces: [], range: line.range };
          if (kind === 'task') {
            open.number = stripHead(line.head!.token.image, /[.．、]$/);
            open.numberRange = tokenRange(line.head!.token);
            open.pieces.push(trimmedPiece(line.text, line.head!.token.end));
          } else if (kind === 'field') {
            const name = fieldName(line.head!.token.image);
            open.key = MappedText.single(name, line.head!.token.start);
            open.pieces.push(trimmedPiece(line.text, line.head!.token.end));
          } else {
            // Headings and prose inside a block are block text, kept whole.
            const start = line.head ? line.head.token.start : line.text!.start;
            open.pieces.push({ text: trimTrailingSpace((line.head?.token.image ?? '') + (line.text?.image ?? '')), start });
          }
          block.open = open;
        }
        block.syntax.range = cover(block.syntax.range, line.range);
        continue;
      }
    }

    switch (kind) {
      case 'block': {
        finishHeaderField();
        finishChapter();
        inHeader = false;
        const name = stripHead(line.head!.token.image, /^【|】$/g).trim();
        block = { syntax: { name, headRange: tokenRange(line.head!.token), lines: [], range: line.range }, open: undefined };
        break;
      }
      case 'chapter': {
        finishHeaderField();
        finishChapter();
        inHeader = false;
        const head = line.head!.token;
        const titlePieces = [trimmedPiece(line.text, head.end)];
        openChapter(
          { numeral: stripHead(head.image, /、$/), numeralRange: tokenRange(head), implicit: false, title: MappedText.single('', head.end), tasks: [], sections: [], range: line.range },
          titlePieces,
        );
        if (titlePieces[0].text.length === 0) problems.push({ code: 'FJ005', range: tokenRange(head), args: { heading: head.image } });
        break;
      }
      case 'section': {
        finishHeaderField();
        finishSection();
        inHeader = false;
        const head = line.head!.token;
        const parent = ensureChapter(line.range);
        const syntax: SectionSyntax = { numeral: stripHead(head.image, /^[（(]|[）)]$/g), numeralRange: tokenRange(head), title: MappedText.single('', head.end), tasks: [], range: line.range };
        section = { syntax, titlePieces: [trimmedPiece(line.text, head.end)] };
        if (section.titlePieces[0].text.length === 0) problems.push({ code: 'FJ005', range: tokenRange(head), args: { heading: head.image } });
        parent.sections.push(syntax);
        parent.range = cover(parent.range, line.range);
        break;
      }
      case 'task': {
        let end = index + 1;
        while (end < shapes.length && !(shapes[end] && endsTask(shapes[end]!))) end++;
        // A reused task's lines are all read.
        if (startTask(line, end)) index = end - 1;
        break;
      }
      case 'field': {
        const field = openField(line);
        if (inHeader && (headerField(field.name) || !isTaskFieldName(field.name))) {
          finishHeaderField();
          headerFieldOpen = field;
        } else if (task && isTaskFieldName(field.name)) {
          task.openFields.push(field);
          extendTask(line.range);
        } else if (task) {
          // `其中：…` inside a task is text, not a field.
          appendToTask(line);
        } else {
          finishHeaderField();
          inHeader = false;
          problems.push({ code: 'FJ001', range: line.range, args: { name: field.name } });
        }
        break;
      }
      default: {
        // A plain text line.
        if (inHeader && headerFieldOpen && line.indented) {
          headerFieldOpen.pieces.push(trimmedPiece(line.text));
          headerFieldOpen.range = cover(headerFieldOpen.range, line.range);
        } else if (line.indented && task) {
          appendToTask(line);
        } else if (line.indented && (section || chapter) && !task) {
          const owner = section ?? chapter!;
          owner.titlePieces.push(trimmedPiece(line.text));
          owner.syntax.range = cover(owner.syntax.range, line.range);
        } else if (!line.indented) {
          // An unnumbered heading (`主要预期目标`) opens a chapter of its own.
          finishHeaderField();
          finishChapter();
          inHeader = false;
          openChapter({ implicit: false, title: MappedText.single('', line.range.start), tasks: [], sections: [], range: line.range }, [trimmedPiece(line.text)]);
        } else {
          problems.push({ code: 'FJ002', range: line.range, args: {} });
        }
      }
    }
  }

  function extendTask(r: Range) {
    if (!task) return;
    task.syntax.range = cover(task.syntax.range, r);
    if (section) section.syntax.range = cover(section.syntax.range, r);
    if (chapter) chapter.syntax.range = cover(chapter.syntax.range, r);
  }

  function appendToTask(line: Line) {
    if (!task) return;
    const piece = line.head ? { text: (line.head.token.image + (line.text?.image ?? '')).trim(), start: line.head.token.start } : trimmedPiece(line.text);
    const lastField = task.openFields[task.openFields.length - 1];
    if (lastField) {
      lastField.pieces.push(piece);
      lastField.range = cover(lastField.range, line.range);
    } else {
      task.textPieces.push(piece);
    }
    extendTask(line.range);
  }

  finishHeaderField();
  finishChapter();
  finishBlock();
  const syntax: DocumentSyntax = { header, chapters, blocks, comments, problems, range: whole };
  builtDocuments.set(syntax, { lexed, tasks: tasksByLine });
  return syntax;
}

const REGISTRY_ENTRY_KINDS = ['单位', '集合', '领导', '术语'];

export function buildRegistry(text: string): RegistrySyntax {
  const { shapes, problems, whole } = lex(text);
  const header: FieldSyntax[] = [];
  const entries: EntrySyntax[] = [];
  const comments: CommentSyntax[] = [];
  const strayLines: Range[] = [];
  let entry: { kind: OpenField; properties: OpenField[]; range: Range } | undefined;
  let headerOpen: OpenField | undefined;

  const finishEntry = () => {
    if (entry) entries.push({ kind: closeField(entry.kind), properties: entry.properties.map(closeField), range: entry.range });
    entry = undefined;
  };

  for (let index = 0; index < shapes.length; index++) {
    const shape = shapes[index];
    if (!shape) continue;
    const line = lineOf(index, shape);
    const kind = line.head?.kind;
    if (kind === 'comment') {
      comments.push({ text: line.head!.token.image, range: line.range });
      continue;
    }
    if (kind === 'field') {
      const field = openField(line);
      if (!line.indented && REGISTRY_ENTRY_KINDS.includes(field.name)) {
        finishEntry();
        if (headerOpen) header.push(closeField(headerOpen));
        headerOpen = undefined;
        entry = { kind: field, properties: [], range: line.range };
      } else if (entry && line.indented) {
        entry.properties.push(field);
        entry.range = cover(entry.range, line.range);
      } else if (!entry && !line.indented) {
        if (headerOpen) header.push(closeField(headerOpen));
        headerOpen = field;
      } else {
        strayLines.push(line.range);
      }
      continue;
    }
    if (!kind && line.indented) {
      const target = entry ? entry.properties[entry.properties.length - 1] ?? entry.kind : headerOpen;
      if (target) {
        target.pieces.push(trimmedPiece(line.text));
        target.range = cover(target.range, line.range);
        if (entry) entry.range = cover(entry.range, line.range);
        continue;
      }
    }
    strayLines.push(line.range);
  }
  finishEntry();
  if (headerOpen) header.push(closeField(headerOpen));
  return { header, entries, comments, problems, strayLines, range: whole };
}
