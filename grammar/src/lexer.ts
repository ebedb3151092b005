/**
 * The Fenjie lexer. The language is line-oriented: what a line is depends on how it starts, so
 * every head token matches only at the start of a line (after its indentation), and the rest of a
 * line is one Text token. Full-width and half-width forms are equal in every pattern.
 */
import { createToken, IToken, Lexer, TokenType } from 'chevrotain';

type LineStartMatcher = (text: string, offset: number, tokens: IToken[]) => RegExpExecArray | null;

/** True when the token before `offset` leaves us at the start of a line's content. */
function atLineStart(tokens: IToken[], allowIndent: boolean): boolean {
  const last = tokens[tokens.length - 1];
  if (!last) return true;
  if (last.tokenType === Newline) return true;
  if (allowIndent && last.tokenType === Indent) {
    const before = tokens[tokens.length - 2];
    return !before || before.tokenType === Newline;
  }
  return false;
}

function lineStart(pattern: RegExp, allowIndent: boolean): LineStartMatcher {
  const sticky = new RegExp(pattern.source, 'y');
  return (text, offset, tokens) => {
    if (!atLineStart(tokens, allowIndent)) return null;
    sticky.lastIndex = offset;
    return sticky.exec(text);
  };
}

const CHINESE_NUMERAL = '[一二三四五六七八九十百零〇两]';
const DIGIT = '[0-9０-９]';

export const Newline = createToken({ name: 'Newline', pattern: /\r\n|\r|\n/, line_breaks: true });

export const Indent = createToken({
  name: 'Indent',
  pattern: lineStart(/[ \t\u3000\u00a0]+/, false),
  line_breaks: false,
  start_chars_hint: [' ', '\t', '\u3000', '\u00a0'],
});

export const Comment = createToken({
  name: 'Comment',
  pattern: lineStart(/[#＃][^\r\n]*/, true),
  line_breaks: false,
  start_chars_hint: ['#', '＃'],
});

/** `【名词解释】` alone on its line opens a block. */
export const BlockHead = createToken({
  name: 'BlockHead',
  pattern: lineStart(/【[^】\r\n]*】(?=[ \t\u3000]*(?:\r|\n|$))/, true),
  line_breaks: false,
  start_chars_hint: ['【'],
});

/** `一、` opens a chapter. */
export const ChapterHead = createToken({
  name: 'ChapterHead',
  pattern: lineStart(new RegExp(`${CHINESE_NUMERAL}+[、]`), true),
  line_breaks: false,
});

/** `（一）` or `(一)` opens a section. */
export const SectionHead = createToken({
  name: 'SectionHead',
  pattern: lineStart(new RegExp(`[（(]${CHINESE_NUMERAL}+[）)]`), true),
  line_breaks: false,
  start_chars_hint: ['（', '('],
});

/** `12.`, `12．` or `12、` opens a task; `1.5万户` does not (a digit follows the point). */
export const TaskHead = createToken({
  name: 'TaskHead',
  pattern: lineStart(new RegExp(`${DIGIT}+[.．、](?!${DIGIT})`), true),
  line_breaks: false,
});

/** `牵头单位：` — a short name and a colon. Whether the name is a field is the builder's call. */
export const FieldHead = createToken({
  name: 'FieldHead',
  pattern: lineStart(/[\u4e00-\u9fff]{2,8}[ \t\u3000]*[:：]/, true),
  line_breaks: false,
});

export const Text = createToken({ name: 'Text', pattern: /[^\r\n]+/, line_breaks: false });

/** Order matters: the first pattern that matches wins, so heads come before Text. */
export const allTokens: TokenType[] = [
  Newline,
  Indent,
  Comment,
  BlockHead,
  SectionHead,
  TaskHead,
  ChapterHead,
  FieldHead,
  Text,
];

export const fenjieLexer = new Lexer(allTokens, {
  positionTracking: 'full',
  ensureOptimizations: false,
  // Every character is matched by Text or Newline, so the lexer cannot fail; keep errors as data anyway.
  recoveryEnabled: true,
});
