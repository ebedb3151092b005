/**
 * The typed model of a Fenjie document: what the CLI renders, the server answers from, the
 * preview shows and the exports write. Built from the syntax tree and the registries by
 * `analyze`. Plain data (JSON-serializable except where noted), every node with its range.
 */
import type { Range } from '../../grammar/src/text';

export type { Position, Range } from '../../grammar/src/text';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A text edit on the analysed document (or another file, when `uri` is set). */
export interface TextEdit {
  range: Range;
  newText: string;
  /** Another file than the analysed one (a registry), when set. */
  uri?: string;
}

export interface Fix {
  /** The code action title, in both languages. */
  title: LocalizedText;
  edits: TextEdit[];
  /** The fix a user most likely wants (the best did-you-mean candidate). */
  preferred?: boolean;
}

export interface LocalizedText {
  zh: string;
  en: string;
}

export interface RelatedLocation {
  uri?: string;
  range: Range;
  message: LocalizedText;
}

export interface Diagnostic {
  /** Stable code, `FJ` and three digits; documented in docs/language.md. */
  code: string;
  severity: Severity;
  message: LocalizedText;
  range: Range;
  related?: RelatedLocation[];
  /** `unnecessary` greys the range out (an unused glossary term). */
  tags?: ('unnecessary' | 'deprecated')[];
  fixes?: Fix[];
}

export type Comparator = '≈' | '=' | '≥' | '>' | '≤' | '<';

/** A numeric target found in a task text: `地区生产总值增长5.5%左右`. */
export interface Target {
  /** What is measured (`地区生产总值`), with the verb stripped; may be empty when the text gives none. */
  indicator: string;
  indicatorRange?: Range;
  /** The verb or phrase that carries the change (`增长`, `控制在`, `达到`, `提升`), if any. */
  verb?: string;
  comparator: Comparator;
  /** The number as written (`5.5`, `１.５`). */
  valueText: string;
  /** The number as a JS number, before magnitude (`1.5` for `1.5万户`). */
  value: number;
  /** `万`, `亿`, `千`, `百` when written. */
  magnitude?: '十' | '百' | '千' | '万' | '亿' | '万亿';
  /** value × magnitude. */
  scaledValue: number;
  /** The measure word or unit (`%`, `个百分点`, `家`, `万亩` keeps `亩` with magnitude `万`). */
  measure: string;
  /** The qualifier words written around the number (`左右`, `以上`, `不少于`). */
  qualifiers: string[];
  /** The whole target phrase, indicator to qualifier. */
  range: Range;
  valueRange: Range;
  /** The phrase as written. */
  text: string;
}

export interface Deadline {
  text: string;
  range: Range;
  kind: 'date' | 'ongoing' | 'unparsed';
  year?: number;
  month?: number;
  day?: number;
  /** `底` (end of), `前` (before), `中旬`… as written. */
  qualifier?: string;
}

export type UnitResolution =
  /** The registry's canonical name. */
  | 'canonical'
  /** A 全称, 简称 or 别名 of a registry unit. */
  | 'alias'
  /** A collective (`各市人民政府`) from the registry or a generic pattern (`…成员单位`). */
  | 'collective'
  /** `大连` in `大连、丹东市人民政府`: completed with the next item's suffix. */
  | 'sharedSuffix'
  /** `省数据局(省营商局)`: a name with a bracketed second name. */
  | 'bracketed'
  | 'unknown';

export interface UnitMention {
  /** As written, without a trailing 等. */
  text: string;
  range: Range;
  /** The registry unit's canonical name (or the collective's name); undefined when unknown. */
  canonical?: string;
  resolution: UnitResolution;
  /** A trailing 等 was written after it. */
  etc?: boolean;
  /** The full name a shared suffix completes it to (`大连` → `大连市人民政府`). */
  expanded?: string;
}

export interface LeaderMention {
  text: string;
  range: Range;
  /** The registry leader's name; undefined when unknown. */
  canonical?: string;
  /** A bracketed role (`(公安)`) standing for whoever holds it: not checked against the registry. */
  role?: boolean;
}

export interface Field {
  kind: 'leadLeader' | 'leadUnit' | 'cooperatingUnit' | 'deadline' | 'remark' | 'unknown';
  /** As written (`责任单位`). */
  name: string;
  nameRange: Range;
  value: string;
  valueRange: Range;
  range: Range;
}

export interface Task {
  /** The number as written (`12`). */
  number: string;
  /** Its value (full-width digits folded); NaN never occurs, the lexer only admits digits. */
  numberValue: number;
  numberRange: Range;
  /** Index of the chapter in `document.chapters`. */
  chapter: number;
  /** Index of the section within its chapter, when the task is in one. */
  section?: number;
  text: string;
  textRange: Range;
  fields: Field[];
  leadUnits: UnitMention[];
  cooperatingUnits: UnitMention[];
  leaders: LeaderMention[];
  deadline?: Deadline;
  remark?: string;
  targets: Target[];
  range: Range;
}

export interface Section {
  numeral: string;
  /** The numeral's value (`十二` → 12). */
  numeralValue: number;
  numeralRange: Range;
  title: string;
  range: Range;
  /** Indices into `document.tasks`. */
  tasks: number[];
}

export interface Chapter {
  /** Undefined for an unnumbered heading and for the implicit chapter before any heading. */
  numeral?: string;
  numeralValue?: number;
  numeralRange?: Range;
  title: string;
  implicit: boolean;
  range: Range;
  sections: Section[];
  /** Indices into `document.tasks`, in order, those in sections included. */
  tasks: number[];
}

export interface GlossaryEntry {
  term: string;
  termRange: Range;
  definition: string;
  definitionRange: Range;
  range: Range;
}

export interface HeaderField {
  kind: 'title' | 'docNumber' | 'year' | 'issuer' | 'date' | 'registry' | 'jurisdiction' | 'note' | 'unknown';
  name: string;
  nameRange: Range;
  value: string;
  valueRange: Range;
}

export interface FenjieDocument {
  uri: string;
  title?: string;
  docNumber?: string;
  year?: number;
  issuer?: string;
  date?: string;
  note?: string;
  header: HeaderField[];
  chapters: Chapter[];
  /** Every task, in document order. */
  tasks: Task[];
  glossary: GlossaryEntry[];
  /** Prose blocks (【说明】), kept as written. */
  notes: { name: string; text: string; range: Range }[];
  /** The registries that resolved the names (their uris or shipped names). */
  registries: string[];
}

export interface Analysis {
  document: FenjieDocument;
  diagnostics: Diagnostic[];
}
