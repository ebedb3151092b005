/**
 * What every feature module of the server shares: the connection, the open documents, the
 * language service and the per-document settings. Feature modules register their handlers
 * through `handle`, which never lets an exception reach the connection.
 */
import { ResponseError, type CancellationToken, type Connection, type TextDocuments, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Locale } from '../../core/src/messages';
import type { DocumentSettings, LanguageService, Workspace, WorkspaceEdits } from '../../core/src/service/index';
import type { RegistryLoader } from './registries';
import type { Settings } from './settings';

export interface FenjieServer {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly workspace: Workspace;
  readonly service: LanguageService;
  readonly settings: Settings;
  readonly registries: RegistryLoader;
  readonly locale: Locale;
  /** The service's view of a document's settings (registry paths resolved to uris). */
  documentSettings(uri: string): Promise<DocumentSettings>;
}

export function toWorkspaceEdit(edits: WorkspaceEdits): WorkspaceEdit {
  const changes: WorkspaceEdit['changes'] = {};
  for (const [uri, list] of edits) changes[uri] = list.map((e) => ({ range: e.range, newText: e.newText }));
  return { changes };
}

/**
 * Wraps a request handler: a failure is logged with its stack and answered with `fallback`, so
 * one bad document or one bug in a feature never takes the server down. A ResponseError is an
 * answer, not a failure (rename's "cannot rename this"), and goes to the client as is.
 */
export function handle<P, R>(connection: Connection, name: string, fallback: R, handler: (params: P, token: CancellationToken) => R | Promise<R>) {
  return async (params: P, token: CancellationToken): Promise<R> => {
    try {
      return await handler(params, token);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      connection.console.error(`[fenjie] ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  };
}

/** The same for notifications, which answer nothing. */
export function listen<P>(connection: Connection, name: string, handler: (params: P) => void | Promise<void>) {
  return async (params: P): Promise<void> => {
    try {
      await handler(params);
    } catch (error) {
      connection.console.error(`[fenjie] ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  };
}
