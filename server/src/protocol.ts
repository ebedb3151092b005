/**
 * The messages Fenjie's client and server exchange beyond LSP itself, declared once and imported
 * by both sides. Each says which way it goes. Standard LSP covers everything else.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Analysis } from '../../core/src/model';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from '../../core/src/service/semantic-tokens';

export interface PreviewParams {
  uri: string;
}

/**
 * client → server: the analysis of an open or workspace document, for the preview panel and the
 * exports. Null when the server does not know the document. Answers from the cached analysis of
 * the document's current version, so asking on every edit is cheap.
 */
export const PreviewRequest = new RequestType<PreviewParams, Analysis | null, void>('fenjie/preview');

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
