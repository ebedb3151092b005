/**
 * Positions, ranges and the text helpers every layer shares.
 * Positions count UTF-16 code units, as LSP and VS Code do, so a surrogate pair is two columns.
 */

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export function position(line: number, character: number): Position {
  return { line, character };
}

export function range(start: Position, end: Position): Range {
  return { start, end };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line === b.line ? a.character - b.character : a.line - b.line;
}

export function rangeContains(outer: Range, p: Position): boolean {
  return comparePositions(outer.start, p) <= 0 && comparePositions(p, outer.end) <= 0;
}

/** Folds one UTF-16 code unit: full-width ASCII to half-width, the ideographic space to a space. */
function foldCode(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  if (code === 0x3000) return 0x20;
  return code;
}

/** The code units foldCode changes. Most names have none, and are returned as they are. */
const FOLDABLE = /[\uff01-\uff5e\u3000]/;
const FOLDABLE_ALL = new RegExp(FOLDABLE.source, 'g');

/**
 * Full-width and half-width forms made equal, one code unit for one code unit, so offsets in the
 * folded string are offsets in the original. `（省营商局）` folds to `(省营商局)`, `５．５％` to `5.5%`.
 */
export function fold(text: string): string {
  return FOLDABLE.test(text) ? text.replace(FOLDABLE_ALL, (c) => String.fromCharCode(foldCode(c.charCodeAt(0)))) : text;
}

const WHITESPACE = /[\s\u3000\u00a0]+/g;

/** The comparison key of a name: folded, with no white space (`王 健` = `王健`). */
export function nameKey(text: string): string {
  return fold(text).replace(WHITESPACE, '');
}

const SPACE_CODES = new Set([0x20, 0x09, 0x0a, 0x0d, 0x0b, 0x0c, 0x3000, 0x00a0]);

/**
 * The string without trailing white space (spaces, tabs, line ends, the ideographic space,
 * no-break space). A loop, not a `…+$` pattern: such a pattern retried at every start of a long
 * run of spaces costs quadratic time on pasted debris.
 */
export function trimTrailingSpace(text: string): string {
  let end = text.length;
  while (end > 0 && SPACE_CODES.has(text.charCodeAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** The quoted part of a term (`“四上”企业` → `四上`), found by scanning, or undefined. */
export function quotedPart(term: string): string | undefined {
  const open = term.search(/[“"「『]/);
  if (open < 0) return undefined;
  const rest = term.slice(open + 1);
  const close = rest.search(/[”"」』]/);
  return close > 0 ? rest.slice(0, close) : undefined;
}

/** Maps offsets of a string to positions in the document it came from. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(p: Position): number {
    if (p.line < 0) return 0;
    if (p.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[p.line];
    const next = p.line + 1 < this.lineStarts.length ? this.lineStarts[p.line + 1] : this.text.length;
    let end = next;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return Math.min(start + Math.max(0, p.character), end);
  }

  lineText(line: number): string {
    const start = this.lineStarts[line] ?? this.text.length;
    // Past any line's end, and a small integer: one position holding a double would make V8 box every position's numbers.
    const end = this.offsetAt({ line, character: 0x3fffffff });
    return this.text.slice(start, end);
  }
}

const ONE_PIECE: readonly number[] = [0];

/** One piece of a logical text: the characters of one source line. */
export interface TextPiece {
  text: string;
  start: Position;
}

/**
 * A logical text assembled from pieces of several source lines (a task text with its
 * continuation lines, a unit list wrapped over two lines). Chinese wraps without a space, so
 * pieces join with nothing; every offset of the joined string maps back to its source position.
 */
export class MappedText {
  readonly text: string;
  private readonly pieceStarts: readonly number[];
  /**
   * Where the text ends, made once: a text's range, its last unit's and its last target's all end
   * there (private: trees compare and serialize without it; a move in place moves it, see
   * `visitPositions`).
   */
  #end: Position | undefined;

  /** `end`, when the caller has it: the position just past the last code unit, shared if it is that (a field's end). */
  constructor(
    readonly pieces: readonly TextPiece[],
    end?: Position,
  ) {
    if (pieces.length === 1) {
      // Almost every text is one piece: its starts are one array for all (never written to).
      this.text = pieces[0].text;
      this.pieceStarts = ONE_PIECE;
    } else {
      let text = '';
      // Arrays of their exact size: a pushed-to array keeps room for 17, and a document has a MappedText per field.
      const starts = new Array<number>(pieces.length);
      for (let i = 0; i < pieces.length; i++) {
        starts[i] = text.length;
        text += pieces[i].text;
      }
      this.text = text;
      this.pieceStarts = starts;
    }
    if (end && this.text.length > 0) {
      const own = this.endOf(this.text.length);
      if (own.line === end.line && own.character === end.character) this.#end = end;
    }
  }

  static single(text: string, start: Position): MappedText {
    return new MappedText([{ text, start }]);
  }

  /** The source position of an offset into `text`; the end of a piece maps to its line's end. */
  positionAt(offset: number): Position {
    if (this.pieces.length === 0) return { line: 0, character: 0 };
    let index = 0;
    for (let i = 0; i < this.pieceStarts.length; i++) {
      if (this.pieceStarts[i] <= offset) index = i;
      else break;
    }
    // At a piece boundary the later piece wins: rangeOf maps an end through its last code unit.
    const piece = this.pieces[index];
    const local = Math.min(offset - this.pieceStarts[index], piece.text.length);
    // A piece's start is shared, not copied: a text's range, its first unit's or target's all start there.
    return local === 0 ? piece.start : { line: piece.start.line, character: piece.start.character + local };
  }

  /** The source range of `text.slice(start, end)`. */
  rangeOf(start: number, end: number): Range {
    const startPos = this.positionAt(start);
    if (end <= start) return { start: startPos, end: startPos };
    if (end === this.text.length) return { start: startPos, end: (this.#end ??= this.endOf(end)) };
    return { start: startPos, end: this.endOf(end) };
  }

  /** Just past the code unit before `end`, found through that unit's own piece. */
  private endOf(end: number): Position {
    const last = this.positionAt(end - 1);
    return { line: last.line, character: last.character + 1 };
  }

  get range(): Range {
    return this.rangeOf(0, this.text.length);
  }

  /** Calls `visit` on every position this text holds: its pieces' starts, and its end once made. */
  visitPositions(visit: (p: Position) => void): void {
    for (const piece of this.pieces) visit(piece.start);
    if (this.#end) visit(this.#end);
  }

  /** The same text `lines` lines further down (up when negative). */
  shifted(lines: number): MappedText {
    return new MappedText(this.pieces.map((p) => ({ text: p.text, start: { line: p.start.line + lines, character: p.start.character } })));
  }
}

/**
 * Moving positions in place, each exactly once however many ranges share it: a position is moved
 * (or held where it is) by storing its line as a complement, which is negative and so marks it
 * done, and settled back to a plain line once everything it may be shared by was visited. Lines
 * are never negative otherwise, and complements are small integers like the lines themselves.
 */
export function movePosition(p: Position, lines: number): void {
  if (p.line >= 0) p.line = ~(p.line + lines);
}

/** Marks a position as one that must not move (see `movePosition`). */
export function holdPosition(p: Position): void {
  if (p.line >= 0) p.line = ~p.line;
}

/** Ends a move: the line of a moved or held position back to a plain line. */
export function settlePosition(p: Position): void {
  if (p.line < 0) p.line = ~p.line;
}

/** Calls `visit` on both ends of a range. */
export function visitRange(r: Range, visit: (p: Position) => void): void {
  visit(r.start);
  visit(r.end);
}

/** The same range `lines` lines further down (up when negative): a new object, the original is shared. */
export function shiftRange(r: Range, lines: number): Range {
  return { start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } };
}
