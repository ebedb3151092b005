/**
 * The Fenjie language service: every editor feature as a plain function of the workspace, with no
 * LSP and no file system. The server adapts it to LSP; tests drive it directly. One feature per
 * module; this facade finds the document's context and hands it over.
 */
import { LineIndex, type Position, type Range } from '../../../grammar/src/text';
import type { Locale } from '../messages';
import type { Analysis, Diagnostic, LocalizedText, TextEdit } from '../model';
import { termKey } from '../registry';
import { codeActions } from './actions';
import { complete, type PreferredNameForm } from './completion';
import { foldingRegions } from './folding';
import { formatEdits, formatRegistryText } from './format';
import { hover } from './hover';
import { definition, documentHighlights, nameInDocument, nameInRegistry, prepareRename, references, rename, type NameAt } from './navigation';
import { applySettings, type SeveritySetting } from './preferences';
import { decodeSemanticTokens, semanticTokens, type SemanticToken } from './semantic-tokens';
import { documentSymbols, registrySymbols, workspaceSymbols } from './symbols';
import type {
  CodeActionPlan,
  CompletionResult,
  DocumentSymbolNode,
  FoldingRegion,
  Highlight,
  HoverResult,
  Location,
  PrepareRenameResult,
  RenameResult,
  WorkspaceSymbolEntry,
} from './types';
import { isRegistryUri, Workspace, type DocumentContext } from './workspace';

export * from './types';
export { Workspace, DocumentContext, isRegistryUri, uriKey, resolveRegistryPath, MAX_FILE_CHARS } from './workspace';
export type { RegistryFile, DocumentOptions } from './workspace';
export { SEMANTIC_TOKEN_TYPES, SEMANTIC_TOKEN_MODIFIERS, decodeSemanticTokens } from './semantic-tokens';
export type { SemanticToken, SemanticTokenType, SemanticTokenModifier } from './semantic-tokens';
export type { PreferredNameForm } from './completion';
export type { SeveritySetting } from './preferences';

/** What the user's settings say for one document. */
export interface DocumentSettings {
  severity?: Readonly<Record<string, SeveritySetting>>;
  preferredNameForm?: PreferredNameForm;
  /** Registry uris added for this document. */
  registries?: readonly string[];
}

export interface LanguageServiceInit {
  workspace: Workspace;
  locale: Locale;
}

export type LanguageService = ReturnType<typeof createLanguageService>;

export function createLanguageService({ workspace, locale }: LanguageServiceInit) {
  const contextOf = (uri: string, settings: DocumentSettings = {}): DocumentContext | undefined =>
    isRegistryUri(uri) ? undefined : workspace.context(uri, { extraRegistries: settings.registries });

  const nameAt = (uri: string, position: Position, settings?: DocumentSettings): NameAt | undefined => {
    if (isRegistryUri(uri)) {
      const file = workspace.registryFile(uri);
      return file ? nameInRegistry(file, workspace, position) : undefined;
    }
    const ctx = contextOf(uri, settings);
    return ctx ? nameInDocument(ctx, workspace, position) : undefined;
  };

  const published = (ctx: DocumentContext, settings: DocumentSettings): Diagnostic[] =>
    ctx.memo(`diagnostics:${JSON.stringify([settings.severity ?? {}, settings.preferredNameForm ?? 'canonical'])}`, () =>
      applySettings(ctx.analysis.document, ctx.registries, ctx.analysis.diagnostics, settings),
    );

  return Object.freeze({
    workspace,
    locale,

    /** The analysis of a document's current version (cached). */
    analysis(uri: string, settings?: DocumentSettings): Analysis | undefined {
      return contextOf(uri, settings)?.analysis;
    },

    /** The diagnostics to publish: a document's with settings applied, or a registry file's own. */
    diagnostics(uri: string, settings: DocumentSettings = {}): Diagnostic[] {
      if (isRegistryUri(uri)) return workspace.registryDiagnostics(uri);
      const ctx = contextOf(uri, settings);
      return ctx ? published(ctx, settings) : [];
    },

    completion(uri: string, position: Position, settings: DocumentSettings = {}): CompletionResult {
      const ctx = contextOf(uri, settings);
      return ctx ? complete(ctx, position, { locale, preferredNameForm: settings.preferredNameForm }) : { items: [], isIncomplete: false };
    },

    hover(uri: string, position: Position, settings?: DocumentSettings): HoverResult | undefined {
      const ctx = contextOf(uri, settings);
      return ctx ? hover(ctx, position, locale) : undefined;
    },

    documentSymbols(uri: string, settings?: DocumentSettings): DocumentSymbolNode[] {
      if (isRegistryUri(uri)) {
        const file = workspace.registryFile(uri);
        return file ? registrySymbols(file.current) : [];
      }
      const ctx = contextOf(uri, settings);
      return ctx ? documentSymbols(ctx.analysis.document, locale) : [];
    },

    workspaceSymbols(query: string): WorkspaceSymbolEntry[] {
      const documents = workspace.documentUris().flatMap((uri) => {
        const ctx = contextOf(uri);
        return ctx ? [ctx.analysis.document] : [];
      });
      return workspaceSymbols(query, documents, workspace.registryFileList());
    },

    definition(uri: string, position: Position, settings?: DocumentSettings): Location[] {
      const ctx = contextOf(uri, settings);
      return ctx ? definition(ctx, workspace, position) : [];
    },

    /** References of a unit, collective, leader or term, from a document or from a registry file. */
    references(uri: string, position: Position, includeDeclaration: boolean, settings?: DocumentSettings): Location[] {
      return references(workspace, nameAt(uri, position, settings), includeDeclaration);
    },

    documentHighlights(uri: string, position: Position, settings?: DocumentSettings): Highlight[] {
      const ctx = contextOf(uri, settings);
      return ctx ? documentHighlights(ctx, position) : [];
    },

    prepareRename(uri: string, position: Position, settings?: DocumentSettings): PrepareRenameResult | { error: LocalizedText } {
      return prepareRename(nameAt(uri, position, settings));
    },

    /** Renames from a document or from a registry file alike. */
    rename(uri: string, position: Position, newName: string, settings?: DocumentSettings): RenameResult {
      return rename(workspace, nameAt(uri, position, settings), newName);
    },

    codeActions(uri: string, range: Range, only: readonly string[] | undefined, settings: DocumentSettings = {}): CodeActionPlan[] {
      const ctx = contextOf(uri, settings);
      return ctx ? codeActions(ctx.uri, published(ctx, settings), range, locale, only) : [];
    },

    format(uri: string, range?: Range, settings?: DocumentSettings): TextEdit[] {
      if (isRegistryUri(uri)) {
        const file = workspace.registryFile(uri);
        return file ? formatRegistryText(new LineIndex(file.text), range) : [];
      }
      const ctx = contextOf(uri, settings);
      return ctx ? formatEdits({ lines: ctx.lines, syntax: { document: ctx.syntax } }, range) : [];
    },

    foldingRanges(uri: string, settings?: DocumentSettings): FoldingRegion[] {
      if (isRegistryUri(uri)) {
        const file = workspace.registryFile(uri);
        if (!file) return [];
        const r = file.current;
        return [...r.units, ...r.collectives, ...r.leaders, ...r.terms]
          .filter((e) => e.range.end.line > e.range.start.line)
          .map((e) => ({ startLine: e.range.start.line, endLine: e.range.end.line }))
          .sort((a, b) => a.startLine - b.startLine);
      }
      const ctx = contextOf(uri, settings);
      return ctx ? foldingRegions(ctx.analysis.document, ctx.lines) : [];
    },

    /** Semantic tokens as objects, for reading them; the server sends semanticTokenData. */
    semanticTokens(uri: string, range?: Range, settings?: DocumentSettings): SemanticToken[] {
      return decodeSemanticTokens(this.semanticTokenData(uri, range, settings));
    },

    /** Flat absolute quintuples (see semantic-tokens.ts); the whole document's are computed once per version. */
    semanticTokenData(uri: string, range?: Range, settings?: DocumentSettings): Uint32Array {
      const ctx = contextOf(uri, settings);
      if (!ctx) return new Uint32Array();
      const compute = () => {
        const document = ctx.analysis.document;
        const index = ctx.registries;
        const glossary = new Set(document.glossary.map((g) => termKey(g.term)));
        return semanticTokens({ document, lines: ctx.lines, termKey, isTerm: (key) => glossary.has(key) || index.term(key) !== undefined }, range);
      };
      return range ? compute() : ctx.memo('semanticTokens', compute);
    },
  });
}
