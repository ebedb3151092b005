/** Rename a unit's or leader's name across documents and the registry that defines it. */
import { ResponseError, type PrepareRenameResult, type WorkspaceEdit } from 'vscode-languageserver/node';
import { handle, toWorkspaceEdit, type FenjieServer } from './context';

/** LSP's code for a request the server cannot do at this position. */
const REQUEST_FAILED = -32803;

export function register(server: FenjieServer): void {
  const { connection, service } = server;
  connection.onPrepareRename(
    handle(connection, 'prepareRename', null, async (params): Promise<PrepareRenameResult | null> => {
      const result = service.prepareRename(params.textDocument.uri, params.position, await server.documentSettings(params.textDocument.uri));
      if (!result) return null;
      // The editor shows the error's message, which says what can be renamed.
      if ('error' in result) throw new ResponseError(REQUEST_FAILED, result.error[server.locale]);
      return result;
    }),
  );
  connection.onRenameRequest(
    handle(connection, 'rename', null, async (params): Promise<WorkspaceEdit | null> => {
      const result = service.rename(params.textDocument.uri, params.position, params.newName, await server.documentSettings(params.textDocument.uri));
      if (!result) return null;
      if ('error' in result) throw new ResponseError(REQUEST_FAILED, result.error[server.locale]);
      return toWorkspaceEdit(result.edits);
    }),
  );
}
