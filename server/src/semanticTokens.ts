/** Semantic tokens (full and range): the service's absolute tokens as LSP's relative encoding. */
import type { SemanticTokens } from 'vscode-languageserver/node';
import type { Range } from '../../core/src/model';
import { handle, type FenjieServer } from './context';

/** Absolute quintuples (line, character, length, type, modifiers) to LSP's deltas; the legend is the service's own order. */
export function encode(absolute: Uint32Array): SemanticTokens {
  const data = new Array<number>(absolute.length);
  let line = 0;
  let character = 0;
  for (let i = 0; i + 4 < absolute.length; i += 5) {
    const deltaLine = absolute[i] - line;
    data[i] = deltaLine;
    data[i + 1] = deltaLine === 0 ? absolute[i + 1] - character : absolute[i + 1];
    data[i + 2] = absolute[i + 2];
    data[i + 3] = absolute[i + 3];
    data[i + 4] = absolute[i + 4];
    line = absolute[i];
    character = absolute[i + 1];
  }
  return { data };
}

export function register(server: FenjieServer): void {
  const tokens = async (uri: string, range?: Range) => encode(server.service.semanticTokenData(uri, range, await server.documentSettings(uri)));
  server.connection.languages.semanticTokens.on(handle(server.connection, 'semanticTokens', { data: [] } as SemanticTokens, (params) => tokens(params.textDocument.uri)));
  server.connection.languages.semanticTokens.onRange(
    handle(server.connection, 'semanticTokensRange', { data: [] } as SemanticTokens, (params) => tokens(params.textDocument.uri, params.range)),
  );
}
