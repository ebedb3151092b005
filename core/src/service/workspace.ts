/**
 * An in-memory workspace: the documents the editor has open, the workspace's other `.fenjie`
 * files, and the registries. The host (the language server, a test) pushes texts in; nothing here
 * reads a file. Each document's analysis is computed on first use and cached for its version, so
 * a burst of requests after one edit analyses once.
 */
import { parseDocument } from '../../../grammar/src/index';
import type { DocumentSyntax } from '../../../grammar/src/syntax';
import { LineIndex, quotedPart } from '../../../grammar/src/text';
import { analyze, documentSyntax, registryPathsOf, selectRegistries } from '../analyze';
import { diagnostic, type Templates } from '../messages';
import type { Analysis, Diagnostic, FenjieDocument, LocalizedText } from '../model';
import { loadRegistry, RegistryIndex, termKey, type Registry } from '../registry';
import { bigramTokenizer, type Tokenizer } from '../tokenizer';
import { PositionIndex } from './positions';

/** Larger files are refused: no drafter writes 5 MB of tasks, and analysing them would stall the editor. */
export const MAX_FILE_CHARS = 5 * 1024 * 1024;

export const workspaceTemplates: Templates = {
  FJ808: { zh: '{reason}请检查“单位库：”中的路径（相对于本文件）。', en: '{reason} Check the 单位库： path (relative to this file).' },
  FJ809: { zh: '文件过大（{size}，上限 5 MB），未作检查，请拆分后再打开。', en: 'The file is too large ({size}, limit 5 MB); it was not checked. Split it first.' },
  FJ810: { zh: '文件含有二进制内容，不是文本文档，未作检查。', en: 'The file contains binary data, not text; it was not checked.' },
  FJ811: { zh: '单位库有错误，检查文档时仍使用其上一个无错误的版本。', en: 'The registry has errors; documents are still checked against its last version without errors.' },
};

const ORIGIN = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Why a text cannot be analysed, or undefined when it can. */
export function refusal(text: string): Diagnostic | undefined {
  if (text.length > MAX_FILE_CHARS) {
    return diagnostic('FJ809', 'error', ORIGIN, workspaceTemplates.FJ809, { size: `${(text.length / 1024 / 1024).toFixed(1)} MB` });
  }
  // NUL never occurs in text; a few in the first kilobytes mean a binary file opened by mistake.
  const head = text.slice(0, 8192);
  if (head.includes('\u0000')) return diagnostic('FJ810', 'error', ORIGIN, workspaceTemplates.FJ810);
  return undefined;
}

/** A uri in one spelling: VS Code and Node escape characters differently (`%3A`, Chinese names). */
export function uriKey(uri: string): string {
  let decoded = uri;
  try {
    decoded = decodeURIComponent(uri);
  } catch {
    // A malformed escape stays as written.
  }
  return decoded.replace(/\\/g, '/').replace(/^file:\/\/\/([A-Za-z]):/, (_m, drive: string) => `file:///${drive.toLowerCase()}:`);
}

/** A `单位库：` path resolved against the document's uri. */
export function resolveRegistryPath(documentUri: string, path: string): string {
  const normalized = path.replace(/\\/g, '/');
  try {
    if (/^[A-Za-z]:\//.test(normalized)) return new URL('file:///' + normalized).href;
    return new URL(normalized, documentUri).href;
  } catch {
    return normalized;
  }
}

/**
 * How a document's `单位库：` names a registry file: its path relative to the document's folder,
 * with `/` separators; undefined when the two are not files of one file system.
 */
export function relativeRegistryPath(documentUri: string, registryUri: string): string | undefined {
  let from: URL;
  let to: URL;
  try {
    from = new URL(documentUri);
    to = new URL(registryUri);
  } catch {
    return undefined;
  }
  if (from.protocol !== to.protocol || from.host !== to.host) return undefined;
  const fromDirs = from.pathname.split('/').slice(0, -1);
  const toParts = to.pathname.split('/');
  let shared = 0;
  while (shared < fromDirs.length && shared < toParts.length - 1 && fromDirs[shared] === toParts[shared]) shared++;
  const ups = fromDirs.length - shared;
  return decodeURIComponent([...Array<string>(ups).fill('..'), ...toParts.slice(shared)].join('/'));
}

export function isRegistryUri(uri: string): boolean {
  return /\.units\.fenjie$/i.test(uriKey(uri));
}

interface DocumentEntry {
  uri: string;
  text: string;
  version: number;
  open: boolean;
  context?: DocumentContext;
}

export interface RegistryFile {
  uri: string;
  text: string;
  /** The registry as its text reads now, with its own diagnostics. */
  current: Registry;
  /** What documents are checked against: `current`, or the last version without errors. */
  inUse: Registry;
  /** A candidate for every document (shipped or in the workspace), or only for documents that name it. */
  candidate: boolean;
}

export interface DocumentOptions {
  /** Registry uris the settings add for this document. */
  extraRegistries?: readonly string[];
}

export class Workspace {
  private readonly documents = new Map<string, DocumentEntry>();
  private readonly registryFiles = new Map<string, RegistryFile>();
  private readonly unavailable = new Map<string, LocalizedText>();
  private readonly indexes = new Map<string, RegistryIndex>();
  /** The registries each document was last checked against, for features that do not need a fresh analysis. */
  private readonly lastSelection = new Map<string, readonly Registry[]>();
  /** The model of each document's last analysed version. */
  private readonly lastDocument = new Map<string, FenjieDocument>();
  private tokenizerInUse: Tokenizer = bigramTokenizer;
  /** Bumped whenever something every analysis depends on changes (registries, tokenizer). */
  private generationCount = 0;

  get generation(): number {
    return this.generationCount;
  }

  get tokenizer(): Tokenizer {
    return this.tokenizerInUse;
  }

  setTokenizer(tokenizer: Tokenizer): void {
    this.tokenizerInUse = tokenizer;
    this.invalidate();
  }

  // Documents

  setDocument(uri: string, text: string, version: number, open = true): void {
    const key = uriKey(uri);
    const existing = this.documents.get(key);
    // A file read from disk while the editor opened it (a workspace scan) must not replace the editor's text.
    if (!open && existing?.open) return;
    if (existing && existing.version === version && existing.text === text) {
      existing.open = existing.open || open;
      return;
    }
    this.documents.set(key, { uri, text, version, open: open || (existing?.open ?? false) });
  }

  /** The editor closed a document; it stays known as a workspace file when the host passes its saved text. */
  closeDocument(uri: string, savedText?: string): void {
    const key = uriKey(uri);
    if (savedText === undefined) this.documents.delete(key);
    else this.documents.set(key, { uri, text: savedText, version: -1, open: false });
  }

  removeDocument(uri: string): void {
    this.documents.delete(uriKey(uri));
    this.lastSelection.delete(uriKey(uri));
    this.lastDocument.delete(uriKey(uri));
  }

  /** @internal The model of the document's last analysed version, if any. */
  lastAnalysedDocument(uri: string): FenjieDocument | undefined {
    return this.lastDocument.get(uriKey(uri));
  }

  isOpen(uri: string): boolean {
    return this.documents.get(uriKey(uri))?.open ?? false;
  }

  /** Open documents first, then the other workspace files. */
  documentUris(): string[] {
    const entries = [...this.documents.values()];
    return [...entries.filter((e) => e.open), ...entries.filter((e) => !e.open)].map((e) => e.uri);
  }

  /** The document's context for its current version, built (and its analysis cached) on first use. */
  context(uri: string, options: DocumentOptions = {}): DocumentContext | undefined {
    const entry = this.documents.get(uriKey(uri));
    if (!entry) return undefined;
    const extras = [...(options.extraRegistries ?? [])].map(uriKey).sort().join('\n');
    const cached = entry.context;
    if (cached && cached.version === entry.version && cached.generation === this.generationCount && cached.extrasKey === extras) return cached;
    entry.context = new DocumentContext(entry.uri, entry.version, entry.text, this.generationCount, extras, this);
    return entry.context;
  }

  // Registries

  /** Loads (or reloads) a registry file. A version with errors leaves the last good one in use. */
  setRegistry(uri: string, text: string, candidate = true): RegistryFile {
    const key = uriKey(uri);
    const previous = this.registryFiles.get(key);
    const refused = refusal(text);
    const current = refused ? emptyRegistry(uri, refused) : loadRegistry(text, uri);
    const hasErrors = current.diagnostics.some((d) => d.severity === 'error');
    const inUse = hasErrors && previous ? previous.inUse : current;
    const file: RegistryFile = { uri, text, current, inUse, candidate: candidate || (previous?.candidate ?? false) };
    this.registryFiles.set(key, file);
    this.unavailable.delete(key);
    this.invalidate();
    return file;
  }

  removeRegistry(uri: string): void {
    if (this.registryFiles.delete(uriKey(uri))) this.invalidate();
  }

  /** The host could not read a registry a document or a setting names; documents report it. */
  markRegistryUnavailable(uri: string, reason: LocalizedText): void {
    const key = uriKey(uri);
    if (this.registryFiles.has(key) || this.unavailable.get(key)?.en !== reason.en) {
      this.registryFiles.delete(key);
      this.unavailable.set(key, reason);
      this.invalidate();
    }
  }

  registryFile(uri: string): RegistryFile | undefined {
    return this.registryFiles.get(uriKey(uri));
  }

  registryFileList(): RegistryFile[] {
    return [...this.registryFiles.values()];
  }

  unavailableRegistries(): { uri: string; reason: LocalizedText }[] {
    return [...this.unavailable.entries()].map(([uri, reason]) => ({ uri, reason }));
  }

  /** The registry's own diagnostics, and a note when its last good version is the one in use. */
  registryDiagnostics(uri: string): Diagnostic[] {
    const file = this.registryFile(uri);
    if (!file) return [];
    const stale = file.inUse !== file.current ? [diagnostic('FJ811', 'info', ORIGIN, workspaceTemplates.FJ811)] : [];
    return [...file.current.diagnostics, ...stale];
  }

  /** Registry uris a document names (`单位库：`) or its settings add that are neither loaded nor known to be missing: the host should load them. */
  registriesToLoad(uri: string, options: DocumentOptions = {}): string[] {
    const entry = this.documents.get(uriKey(uri));
    if (!entry) return [];
    const wanted = [...explicitRegistryUris(entry.uri, entry.text), ...(options.extraRegistries ?? [])];
    return wanted.filter((u) => !this.registryFiles.has(uriKey(u)) && !this.unavailable.has(uriKey(u)));
  }

  /** The index for exactly this set of registries, shared by every document that uses the set. */
  indexFor(registries: readonly Registry[]): RegistryIndex {
    const key = registries.map((r) => uriKey(r.uri)).join('\n');
    let index = this.indexes.get(key);
    if (!index || !sameRegistries(index.registries, registries)) {
      index = new RegistryIndex(registries);
      this.indexes.set(key, index);
    }
    return index;
  }

  /** Every registry file the workspace knows, whether or not any document uses it. */
  knownRegistryFiles(): RegistryFile[] {
    return [...this.registryFiles.values()];
  }

  /** Every registry a document without `单位库：` may be checked against: shipped and workspace ones. */
  candidateRegistries(): Registry[] {
    return [...this.registryFiles.values()].filter((f) => f.candidate).map((f) => f.inUse);
  }

  /** @internal Analyses one document; DocumentContext calls it once per version. */
  analyzeDocument(context: DocumentContext): { analysis: Analysis; index: RegistryIndex } {
    const refused = refusal(context.text);
    if (refused) {
      const analysis = analyze('', { uri: context.uri, registries: [], explicitRegistries: true });
      return { analysis: { document: analysis.document, diagnostics: [refused] }, index: this.indexFor([]) };
    }
    const explicit = namedRegistries(context.uri, context.text);
    const missing: Diagnostic[] = [];
    let registries: Registry[];
    if (explicit.length > 0) {
      registries = [];
      for (const named of explicit) {
        const file = this.registryFiles.get(uriKey(named.uri));
        if (file) registries.push(file.inUse);
        else missing.push(this.missingRegistry(context, named));
      }
    } else {
      registries = this.candidateRegistries();
    }
    const extras = (context.extrasKey ? context.extrasKey.split('\n') : []).map((key) => this.registryFiles.get(key)?.inUse).filter((r): r is Registry => !!r);
    if (extras.length) {
      // Registries the settings add always apply: picked among the candidates first, then added.
      if (explicit.length === 0) registries = selectRegistries(context.syntax, registries.filter((r) => !extras.includes(r)));
      for (const extra of extras) if (!registries.includes(extra)) registries.push(extra);
    }
    const explicitSet = explicit.length > 0 || extras.length > 0;
    const analysis = analyze(context.text, {
      uri: context.uri,
      registries,
      explicitRegistries: explicitSet,
      tokenizer: this.tokenizerInUse,
      index: explicitSet || registries.length <= 1 ? this.indexFor(registries) : undefined,
      previous: this.lastDocument.get(uriKey(context.uri)),
    });
    const used = new Set(analysis.document.registries);
    const selected = registries.filter((r) => used.has(r.uri));
    this.lastSelection.set(uriKey(context.uri), selected);
    this.lastDocument.set(uriKey(context.uri), analysis.document);
    if (missing.length) analysis.diagnostics.unshift(...missing);
    return { analysis, index: this.indexFor(selected) };
  }

  /**
   * @internal The registries a document is probably checked against, without analysing it: those of
   * its last analysis, else the ones it names, else every candidate.
   */
  provisionalRegistries(context: DocumentContext): readonly Registry[] {
    const last = this.lastSelection.get(uriKey(context.uri));
    if (last) return last;
    const explicit = explicitRegistryUris(context.uri, context.text);
    if (explicit.length) return explicit.map((u) => this.registryFiles.get(uriKey(u))?.inUse).filter((r): r is Registry => !!r);
    return this.candidateRegistries();
  }

  /** FJ808 on the path in `单位库：`, as the command line reports it. */
  private missingRegistry(context: DocumentContext, named: { path: string; uri: string }): Diagnostic {
    const reason = this.unavailable.get(uriKey(named.uri)) ?? { zh: `单位库文件“${named.path}”尚未加载。`, en: `Registry file "${named.path}" is not loaded yet.` };
    const field = context.syntax.header.find((f) => f.name === '单位库');
    const at = field ? field.value.text.indexOf(named.path) : -1;
    const range = field ? (at >= 0 ? field.value.rangeOf(at, at + named.path.length) : field.value.range) : ORIGIN;
    return diagnostic('FJ808', 'error', range, workspaceTemplates.FJ808, { reason });
  }

  private invalidate(): void {
    this.generationCount++;
    this.indexes.clear();
  }
}

function sameRegistries(a: readonly Registry[], b: readonly Registry[]): boolean {
  return a.length === b.length && a.every((r, i) => r === b[i]);
}

function emptyRegistry(uri: string, problem: Diagnostic): Registry {
  return { uri, units: [], collectives: [], leaders: [], terms: [], diagnostics: [problem] };
}

/** The first chapter, section or task head: the header is above it. */
const FIRST_HEAD = /^[ \t\u3000]*(?:[一二三四五六七八九十百零〇两]+、|[（(][一二三四五六七八九十百零〇两]+[）)]|[0-9０-９]+[.．、](?![0-9０-９]))/m;

/** The registries a document names in its header (as written, and as uris); only the header is parsed, and only when the word is there. */
function namedRegistries(uri: string, text: string): { path: string; uri: string }[] {
  const head = FIRST_HEAD.exec(text);
  const header = head ? text.slice(0, head.index) : text;
  if (!header.includes('单位库')) return [];
  return registryPathsOf(header).map((path) => ({ path, uri: resolveRegistryPath(uri, path) }));
}

function explicitRegistryUris(uri: string, text: string): string[] {
  return namedRegistries(uri, text).map((n) => n.uri);
}

/**
 * One version of one document, with everything derived from it computed on first use: the
 * analysis, the syntax tree, the position index, and whatever a feature memoizes.
 */
export class DocumentContext {
  private analysisResult?: { analysis: Analysis; index: RegistryIndex };
  private lineIndex?: LineIndex;
  private syntaxTree?: DocumentSyntax;
  private positionIndex?: PositionIndex;
  private readonly memos = new Map<string, unknown>();

  constructor(
    readonly uri: string,
    readonly version: number,
    readonly text: string,
    readonly generation: number,
    /** @internal */ readonly extrasKey: string,
    private readonly workspace: Workspace,
  ) {}

  get analysis(): Analysis {
    return this.analyzed().analysis;
  }

  get analyzedAlready(): boolean {
    return this.analysisResult !== undefined;
  }

  /**
   * The registries the document is checked against. Before this version is analysed, those of the
   * last analysis (names rarely change between keystrokes), so completion never waits for one.
   */
  get registries(): RegistryIndex {
    return this.analysisResult ? this.analysisResult.index : this.workspace.indexFor(this.workspace.provisionalRegistries(this));
  }

  /** The model of this version if analysed, else of the last analysed one: for what may lag a keystroke (the glossary terms to complete). */
  get recentDocument(): FenjieDocument {
    return this.analysisResult?.analysis.document ?? this.workspace.lastAnalysedDocument(this.uri) ?? this.analysis.document;
  }

  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  /** The syntax tree: once analysed, the one the model was built from; before (registries are chosen from it while analysing), a parse of its own. */
  get syntax(): DocumentSyntax {
    return (this.syntaxTree ??= this.analysedSyntax() ?? parseDocument(this.text));
  }

  get positions(): PositionIndex {
    if (!this.positionIndex) {
      const document = this.analysis.document;
      const index = this.registries;
      const glossary = new Set(document.glossary.map((g) => termKey(g.term)));
      let spellings: string[] | undefined;
      const termSpellings = () => (spellings ??= [...document.glossary.map((g) => quotedPart(g.term) ?? g.term), ...index.allTerms().map((t) => quotedPart(t.term) ?? t.term)]);
      this.positionIndex = new PositionIndex(document, this.lines, (key) => glossary.has(key) || index.term(key) !== undefined, termSpellings);
    }
    return this.positionIndex;
  }

  /** The registries any document without `单位库：` may use. */
  candidateRegistries(): Registry[] {
    return this.workspace.candidateRegistries();
  }

  knownRegistryFiles(): RegistryFile[] {
    return this.workspace.knownRegistryFiles();
  }

  /** Something derived from this version, computed once. */
  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  /** A refused text's analysis is of the empty text, so its tree is not this text's. */
  private analysedSyntax(): DocumentSyntax | undefined {
    return this.analysisResult && !refusal(this.text) ? documentSyntax(this.analysisResult.analysis.document) : undefined;
  }

  private analyzed(): { analysis: Analysis; index: RegistryIndex } {
    return (this.analysisResult ??= this.workspace.analyzeDocument(this));
  }
}
