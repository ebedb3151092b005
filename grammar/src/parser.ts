/**
 * The chevrotain parser: a document is a sequence of lines, each an optional indentation, an
 * optional head (comment, block, chapter, section, task or field) and optional text. Every token
 * sequence the lexer can produce is a valid sequence of lines, so parsing cannot fail; the
 * structure (which task a field belongs to) is built from the lines by `build.ts`, where a
 * misplaced line becomes a diagnostic instead of a parse error.
 */
import { CstNode, CstParser, IToken } from 'chevrotain';
import {
  allTokens,
  BlockHead,
  ChapterHead,
  Comment,
  FieldHead,
  Indent,
  Newline,
  SectionHead,
  TaskHead,
  Text,
} from './lexer';

class FenjieLineParser extends CstParser {
  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 2 });
    this.performSelfAnalysis();
  }

  document = this.RULE('document', () => {
    this.MANY(() => this.SUBRULE(this.line));
  });

  line = this.RULE('line', () => {
    this.OR([
      { ALT: () => this.CONSUME(Newline) },
      {
        ALT: () => {
          this.CONSUME(Indent);
          this.OPTION(() => this.SUBRULE(this.content));
          this.OPTION2(() => this.CONSUME2(Newline));
        },
      },
      {
        ALT: () => {
          this.SUBRULE2(this.content);
          this.OPTION3(() => this.CONSUME3(Newline));
        },
      },
    ]);
  });

  content = this.RULE('content', () => {
    this.OR([
      { ALT: () => this.CONSUME(Comment) },
      {
        ALT: () => {
          this.OR2([
            { ALT: () => this.CONSUME(BlockHead) },
            { ALT: () => this.CONSUME(ChapterHead) },
            { ALT: () => this.CONSUME(SectionHead) },
            { ALT: () => this.CONSUME(TaskHead) },
            { ALT: () => this.CONSUME(FieldHead) },
          ]);
          this.OPTION(() => this.CONSUME(Text));
        },
      },
      { ALT: () => this.CONSUME2(Text) },
    ]);
  });
}

/** One parser instance serves every call: chevrotain parsers are reusable through `input`. */
export const lineParser = new FenjieLineParser();

export interface ParsedLines {
  cst: CstNode;
  tokens: IToken[];
  parseErrors: { message: string; token: IToken }[];
}

export function parseLines(tokens: IToken[]): ParsedLines {
  lineParser.input = tokens;
  const cst = lineParser.document();
  const parseErrors = lineParser.errors.map((e) => ({ message: e.message, token: e.token }));
  // The parser would otherwise hold every token of the last document until the next parse.
  lineParser.input = [];
  return { cst, tokens, parseErrors };
}
