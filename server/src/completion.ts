/** Completion: field names, the next task / 章 / 节, units, leaders, glossary terms, deadlines, registry paths. */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver/node';
import type { CompletionKind } from '../../core/src/service/index';
import { handle, type FenjieServer } from './context';

const KINDS: Record<CompletionKind, CompletionItemKind> = {
  field: CompletionItemKind.Field,
  task: CompletionItemKind.Keyword,
  chapter: CompletionItemKind.Keyword,
  section: CompletionItemKind.Keyword,
  unit: CompletionItemKind.Module,
  collective: CompletionItemKind.Folder,
  leader: CompletionItemKind.Reference,
  term: CompletionItemKind.Text,
  value: CompletionItemKind.Value,
  file: CompletionItemKind.File,
};

/** Typing these right after a field name or a separator opens the list. */
export const TRIGGER_CHARACTERS = ['：', ':', '、', '，', ',', '；', '“'];

export function register(server: FenjieServer): void {
  const empty: CompletionList = { isIncomplete: false, items: [] };
  server.connection.onCompletion(
    handle(server.connection, 'completion', empty, async (params) => {
      const settings = await server.documentSettings(params.textDocument.uri);
      const result = server.service.completion(params.textDocument.uri, params.position, settings);
      const items = result.items.map((entry): CompletionItem => {
        const item: CompletionItem = {
          label: entry.label,
          kind: KINDS[entry.kind],
          filterText: entry.filterText,
          sortText: entry.sortText,
          textEdit: { range: entry.edit.range, newText: entry.edit.newText },
          insertTextFormat: InsertTextFormat.PlainText,
        };
        if (entry.detail) item.detail = entry.detail;
        if (entry.documentation) item.documentation = { kind: MarkupKind.Markdown, value: entry.documentation };
        if (entry.preselect) item.preselect = true;
        return item;
      });
      return { isIncomplete: result.isIncomplete, items };
    }),
  );
}
