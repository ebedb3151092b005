/**
 * The syntax tree of a Fenjie document and of a registry: what was written, where, with no
 * meaning attached yet (the core resolves names against registries). Every node keeps its range.
 */
import { MappedText, Range } from './text';

/** A problem found while reading the structure; the core turns it into a localized diagnostic. */
export interface SyntaxProblem {
  code: SyntaxProblemCode;
  range: Range;
  /** Values the message template fills in. */
  args: Record<string, string | number>;
}

export type SyntaxProblemCode =
  /** A field line before any task, outside the header. */
  | 'FJ001'
  /** A text line at the top of the document that is neither a header field nor a heading. */
  | 'FJ002'
  /** A task with no text. */
  | 'FJ003'
  /** A block name that is not one of the known blocks. */
  | 'FJ004'
  /** A chapter or section heading with no title. */
  | 'FJ005'
  /** A character that does not belong in a document (control character, lone surrogate, U+FFFD). */
  | 'FJ006';

export interface FieldSyntax {
  /** The name as written, without the colon (`牵头单位`, `牵头单未`). */
  name: string;
  nameRange: Range;
  /** The value, joined over continuation lines. */
  value: MappedText;
  /** The whole field, name to the end of its last continuation line. */
  range: Range;
}

export interface TaskSyntax {
  /** The number as written, without its point (`12`, `１２`). */
  number: string;
  /** The number with its point (`12.`), as written. */
  numberRange: Range;
  /** The task text joined over continuation lines (leading and trailing white space trimmed). */
  text: MappedText;
  fields: FieldSyntax[];
  range: Range;
}

export interface SectionSyntax {
  /** The numeral inside the brackets (`一`). */
  numeral: string;
  /** The numeral with its brackets (`（一）`). */
  numeralRange: Range;
  title: MappedText;
  tasks: TaskSyntax[];
  range: Range;
}

export interface ChapterSyntax {
  /** `一` for `一、…`; undefined for an unnumbered heading line and for the implicit chapter. */
  numeral?: string;
  numeralRange?: Range;
  title: MappedText;
  /** True for the chapter that holds what comes before the first heading. */
  implicit: boolean;
  /** Tasks before the first section of the chapter. */
  tasks: TaskSyntax[];
  sections: SectionSyntax[];
  range: Range;
}

export interface BlockLineSyntax {
  /** A leading `1.` (glossary entries are often numbered). */
  number?: string;
  numberRange?: Range;
  /** For `名称：释义` lines: the part before the colon. */
  key?: MappedText;
  text: MappedText;
  range: Range;
}

export interface BlockSyntax {
  /** The name between 【】. */
  name: string;
  headRange: Range;
  lines: BlockLineSyntax[];
  range: Range;
}

export interface CommentSyntax {
  text: string;
  range: Range;
}

export interface DocumentSyntax {
  header: FieldSyntax[];
  chapters: ChapterSyntax[];
  blocks: BlockSyntax[];
  comments: CommentSyntax[];
  problems: SyntaxProblem[];
  /** The range of the whole text. */
  range: Range;
}

/** A registry entry: `单位：省发展改革委` and its indented property lines. */
export interface EntrySyntax {
  kind: FieldSyntax;
  properties: FieldSyntax[];
  range: Range;
}

export interface RegistrySyntax {
  /** Top-level fields before the first entry (`辖区：辽宁省`). */
  header: FieldSyntax[];
  entries: EntrySyntax[];
  comments: CommentSyntax[];
  problems: SyntaxProblem[];
  /** Lines that are neither an entry, a property nor a comment. */
  strayLines: Range[];
  range: Range;
}
