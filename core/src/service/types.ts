/**
 * The shapes the language service answers in. Plain data shaped like their LSP counterparts
 * (positions and ranges are the same), with kinds as words rather than LSP's numbers, so the
 * service imports nothing from LSP and the server maps each kind in one place.
 */
import type { Diagnostic, LocalizedText, Range, TextEdit } from '../model';

export type { Locale } from '../messages';

export interface Location {
  uri: string;
  range: Range;
}

/** Edits grouped by document uri. */
export type WorkspaceEdits = Map<string, TextEdit[]>;

export type CompletionKind = 'field' | 'task' | 'chapter' | 'section' | 'unit' | 'collective' | 'leader' | 'term' | 'value' | 'file';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** One line beside the label (全称 · 类别, 职务). */
  detail?: string;
  /** Markdown shown when the entry is selected. */
  documentation?: string;
  /** What the editor filters against: always begins with the typed prefix, then the name, its pinyin and initials. */
  filterText: string;
  /** Our ranking, as a string that sorts in rank order. */
  sortText: string;
  /** Replaces the typed prefix. */
  edit: { range: Range; newText: string };
  preselect?: boolean;
}

export interface CompletionResult {
  items: CompletionEntry[];
  /** True when typing more should ask again (our ranking depends on the whole typed prefix). */
  isIncomplete: boolean;
}

export interface HoverResult {
  markdown: string;
  /** The exact name hovered, never the whole Chinese run the editor would guess. */
  range: Range;
}

export type SymbolKind = 'header' | 'chapter' | 'section' | 'task' | 'block' | 'term' | 'unit' | 'collective' | 'leader';

export interface DocumentSymbolNode {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children: DocumentSymbolNode[];
}

export interface WorkspaceSymbolEntry {
  name: string;
  kind: SymbolKind;
  location: Location;
  containerName?: string;
}

export interface Highlight {
  range: Range;
  /** `write` where the name is defined (a glossary entry), `read` where it is used. */
  kind: 'read' | 'write';
}

export interface PrepareRenameResult {
  range: Range;
  placeholder: string;
}

export type RenameResult = { edits: WorkspaceEdits } | { error: LocalizedText };

export type CodeActionKind = 'quickfix' | 'source.fixAll.fenjie';

export interface CodeActionPlan {
  title: string;
  kind: CodeActionKind;
  /** The diagnostics the action resolves. */
  diagnostics: Diagnostic[];
  edits: WorkspaceEdits;
  preferred?: boolean;
}

export interface FoldingRegion {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}
