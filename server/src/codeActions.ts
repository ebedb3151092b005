/** Quick fixes from the diagnostics' fixes, fix-all per code, and source.fixAll.fenjie. */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver/node';
import { toLspDiagnostic } from './diagnostics';
import { handle, toWorkspaceEdit, type FenjieServer } from './context';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.fenjie`;

export function register(server: FenjieServer): void {
  server.connection.onCodeAction(
    handle(server.connection, 'codeAction', [] as CodeAction[], async (params) => {
      const uri = params.textDocument.uri;
      const settings = await server.documentSettings(uri);
      return server.service.codeActions(uri, params.range, params.context.only, settings).map((plan) => {
        const action: CodeAction = {
          title: plan.title,
          kind: plan.kind === 'quickfix' ? CodeActionKind.QuickFix : FIX_ALL_KIND,
          diagnostics: plan.diagnostics.map((d) => toLspDiagnostic(d, uri, server.locale)),
          edit: toWorkspaceEdit(plan.edits),
        };
        if (plan.preferred) action.isPreferred = true;
        return action;
      });
    }),
  );
}
