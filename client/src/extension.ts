/**
 * The Fenjie extension: starts the language server (dist/server.js, over IPC) and restarts it
 * when it dies, and adds what only the editor can do: the live preview, the exports, the import,
 * a language status item. Everything about the language itself is the server's.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SERVER_EXEC_ARGV, StatusNotification, type FenjieInitializationOptions, type StatusParams } from '../../server/src/protocol';
import { exportFromServer, displayLocale, FENJIE_LANGUAGE, isFenjieDocument, previewFromServer, REGISTRY_LANGUAGE } from './documents';
import { registerExportCommands } from './exports';
import { registerImportCommand } from './import';
import { PreviewManager } from './preview';

const DOCUMENT_SELECTOR = [{ language: FENJIE_LANGUAGE }, { language: REGISTRY_LANGUAGE }];

/** A server that keeps dying is left stopped after this many restarts in this many minutes. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/** Restarts the server whenever its connection closes, unless it crashes over and over. */
class RestartingErrorHandler implements ErrorHandler {
  private restarts: number[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {}

  error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    this.log.error(`connection to the language server: ${error.message} (${count ?? 1})`);
    // A broken pipe shows up here first; the restart happens when `closed` follows.
    return { action: (count ?? 1) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < RESTART_WINDOW_MS);
    this.restarts.push(now);
    if (this.restarts.length > MAX_RESTARTS) {
      return {
        action: CloseAction.DoNotRestart,
        message: vscode.l10n.t(
          'The Fenjie language server stopped {0} times in {1} minutes and stays stopped. See the "Fenjie" output, then run "Fenjie: Restart Language Server".',
          MAX_RESTARTS,
          RESTART_WINDOW_MS / 60000,
        ),
      };
    }
    this.log.warn(`the language server stopped; restarting (${this.restarts.length} of ${MAX_RESTARTS} within ${RESTART_WINDOW_MS / 60000} minutes)`);
    return { action: CloseAction.Restart, handled: true };
  }

  /** After the user restarts the server by hand it gets its full allowance again. */
  reset(): void {
    this.restarts = [];
  }
}

function createClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, errorHandler: ErrorHandler): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'] } },
  };
  const initializationOptions: FenjieInitializationOptions = { registriesPath: context.asAbsolutePath(path.join('dist', 'registries')) };
  const clientOptions: LanguageClientOptions = {
    // No `synchronize`: the server registers its own file watcher (`**/*.fenjie`) and configuration section.
    documentSelector: DOCUMENT_SELECTOR,
    initializationOptions,
    outputChannel: log,
    errorHandler,
  };
  return new LanguageClient('fenjie', vscode.l10n.t('Fenjie Language Server'), serverOptions, clientOptions);
}

/** `file:///…/liaoning.units.fenjie` or `builtin:liaoning.units.fenjie` → `liaoning.units.fenjie`. */
function fileName(uri: string): string {
  const last = uri.replace(/^.*[/:]/, '');
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function showStatus(item: vscode.LanguageStatusItem, status: StatusParams): void {
  const locale = displayLocale();
  item.busy = false;
  item.text = vscode.l10n.t('$(table) {0} registries', status.registries.length);
  const names = status.registries.map(fileName).join(vscode.l10n.t(', '));
  const segmentation = status.tokenizer === 'jieba' ? vscode.l10n.t('word segmentation: jieba') : vscode.l10n.t('word segmentation: character pairs');
  if (status.problems.length) {
    item.severity = vscode.LanguageStatusSeverity.Warning;
    item.detail = status.problems.map((p) => p.message[locale]).join(' ');
  } else {
    item.severity = vscode.LanguageStatusSeverity.Information;
    item.detail = [names, segmentation].filter(Boolean).join(' · ');
  }
}

function documentForPreview(resource: unknown): vscode.Uri | undefined {
  if (resource instanceof vscode.Uri) return resource;
  const editor = vscode.window.activeTextEditor;
  return editor && isFenjieDocument(editor.document) ? editor.document.uri : undefined;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Fenjie', { log: true });
  const errorHandler = new RestartingErrorHandler(log);
  const exportOf = exportFromServer(() => client, log);
  const previews = new PreviewManager(context.extensionUri, previewFromServer(() => client, log));
  const status = vscode.languages.createLanguageStatusItem('fenjie.server', DOCUMENT_SELECTOR);
  status.name = vscode.l10n.t('Fenjie Language Server');
  status.command = { title: vscode.l10n.t('Show Log'), command: 'fenjie.showLog' };

  /** Starts (or restarts) the server; a failure is shown on the status item and in the log, never thrown. */
  const startOrReport = async (start: () => Promise<void>) => {
    try {
      await start();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log.error(`the language server did not start: ${reason}`);
      status.busy = false;
      status.severity = vscode.LanguageStatusSeverity.Error;
      status.text = vscode.l10n.t('Not running');
      status.detail = reason;
    }
  };

  const preview = (viewColumn: vscode.ViewColumn, preserveFocus: boolean) => (resource?: unknown) => {
    const uri = documentForPreview(resource);
    if (uri) previews.show(uri, viewColumn, preserveFocus);
    else void vscode.window.showWarningMessage(vscode.l10n.t('Open a Fenjie document (.fenjie) to preview it.'));
  };

  client = createClient(context, log, errorHandler);
  client.onNotification(StatusNotification, (params) => {
    showStatus(status, params);
    previews.refreshAll();
  });
  client.onDidChangeState(({ newState }) => {
    if (newState === State.Starting) {
      status.busy = true;
      status.text = vscode.l10n.t('Starting…');
    }
    if (newState !== State.Stopped) return;
    status.busy = false;
    status.severity = vscode.LanguageStatusSeverity.Error;
    status.text = vscode.l10n.t('Not running');
    status.detail = vscode.l10n.t('Run "Fenjie: Restart Language Server" to start it again.');
  });

  context.subscriptions.push(
    log,
    previews,
    status,
    vscode.commands.registerCommand('fenjie.showPreviewToSide', preview(vscode.ViewColumn.Beside, true)),
    vscode.commands.registerCommand('fenjie.showPreview', preview(vscode.ViewColumn.Active, false)),
    vscode.commands.registerCommand('fenjie.showLog', () => log.show()),
    vscode.commands.registerCommand('fenjie.restartServer', () => {
      errorHandler.reset();
      return startOrReport(() => client?.restart() ?? Promise.resolve());
    }),
    ...registerExportCommands(exportOf, previews, log),
    ...registerImportCommand(context.extensionUri, log),
  );

  await startOrReport(() => client?.start() ?? Promise.resolve());
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
