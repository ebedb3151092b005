/**
 * The messages Fenjie's client and server exchange beyond LSP itself, declared once and imported
 * by both sides. Each says which way it goes. Standard LSP covers everything else.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Locale } from '../../core/src/messages';
import type { Analysis } from '../../core/src/model';
import type { ListName, PreviewPayload } from '../../exports/src/preview-sync';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from '../../core/src/service/semantic-tokens';

/**
 * The Node options the client starts the server with (and the bench measures it with). A young
 * generation of 8 MB instead of V8's 16: with 10,000 tasks open, RSS 207–210 MB instead of
 * 222–226, and 300–314 MB instead of 530–540 after the bench's requests (less garbage promoted
 * before it dies), at the same edit latency (docs/bench.md).
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=8'];

export interface PreviewParams {
  uri: string;
}

/**
 * client → server: the analysis of an open or workspace document, whole (tens of megabytes on a
 * 10,000-task document): for tools and tests that compare the server's model with a fresh
 * analysis. Null when the server does not know the document. Answers from the cached analysis of
 * the document's current version.
 */
export const PreviewRequest = new RequestType<PreviewParams, Analysis | null, void>('fenjie/preview');

export interface ExportParams {
  uri: string;
  /** `html`, `csv`, `xlsx`, `docx` (or `md`): a key of EXPORTERS in exports/src/index.ts. */
  format: string;
}

/**
 * client → server: the document rendered as a file, its bytes in base64 (a text format as
 * UTF-8). Null when the server does not know the document; an unknown format is an error.
 */
export const ExportRequest = new RequestType<ExportParams, { base64: string } | null, void>('fenjie/export');

export interface PreviewUpdateParams {
  uri: string;
  /** The language of the page's own words (column headings of the views, tooltips). */
  locale: Locale;
  /**
   * The version of the preview the client's page shows: the answer is what changed since. Absent
   * when the page shows nothing (it was just opened, reloaded or asked for a resync).
   */
  base?: string;
  /** The lists wanted besides the table: the view the page shows (`units`, `leaders`, `targets`), if any. */
  lists?: ListName[];
}

/**
 * client → server: the live preview, incrementally (exports/src/preview-sync.ts): the rows of
 * the official table (and of the view shown) that changed since the version `base`, keyed by a
 * stable row identity, with every text once in a string table; the whole preview when the server
 * does not have `base`. An answer whose `version` equals `base` means nothing changed. Null when
 * the server does not know the document.
 */
export const PreviewUpdateRequest = new RequestType<PreviewUpdateParams, PreviewPayload | null, void>('fenjie/previewUpdate');

export interface StatusParams {
  /** Word segmentation in use: `bigram` until nodejieba has loaded in the background, then `jieba`. */
  tokenizer: string;
  /** Registry files loaded (shipped, workspace and configured), by uri. */
  registries: string[];
  /** Registry files that could not be used, with the reason in both languages. */
  problems: { uri: string; message: { zh: string; en: string } }[];
}

/** server → client: what the server is working with, for the status bar item. Sent after every change of it. */
export const StatusNotification = new NotificationType<StatusParams>('fenjie/status');

/**
 * Initialization options the client passes in `initialize`. Every field is optional: without
 * them the server looks for the shipped registries next to its own files.
 */
export interface FenjieInitializationOptions {
  /** The folder holding the shipped `*.units.fenjie` registries (the extension's `registries/`). */
  registriesPath?: string;
  /** Skip loading nodejieba (tests, or platforms without its binary); the bigram tokenizer is used. */
  disableJieba?: boolean;
}

/**
 * The semantic token legend. The client contributes the same names (`semanticTokenTypes` and
 * `semanticTokenModifiers` in package.json) so themes can colour them.
 */
export const SEMANTIC_TOKENS_LEGEND = {
  tokenTypes: [...SEMANTIC_TOKEN_TYPES],
  tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS],
};
