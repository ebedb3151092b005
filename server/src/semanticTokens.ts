/** Semantic tokens (full and range), encoded against the legend in protocol.ts. */
import { SemanticTokensBuilder, type SemanticTokens } from 'vscode-languageserver/node';
import type { Range } from '../../core/src/model';
import type { SemanticToken } from '../../core/src/service/index';
import { handle, type FenjieServer } from './context';
import { SEMANTIC_TOKENS_LEGEND } from './protocol';

export function encode(tokens: readonly SemanticToken[]): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  for (const t of tokens) {
    const type = SEMANTIC_TOKENS_LEGEND.tokenTypes.indexOf(t.type);
    const modifiers = t.modifiers.reduce((bits, m) => bits | (1 << SEMANTIC_TOKENS_LEGEND.tokenModifiers.indexOf(m)), 0);
    builder.push(t.line, t.character, t.length, type, modifiers);
  }
  return builder.build();
}

export function register(server: FenjieServer): void {
  const tokens = async (uri: string, range?: Range) => encode(server.service.semanticTokens(uri, range, await server.documentSettings(uri)));
  server.connection.languages.semanticTokens.on(handle(server.connection, 'semanticTokens', { data: [] } as SemanticTokens, (params) => tokens(params.textDocument.uri)));
  server.connection.languages.semanticTokens.onRange(
    handle(server.connection, 'semanticTokensRange', { data: [] } as SemanticTokens, (params) => tokens(params.textDocument.uri, params.range)),
  );
}
