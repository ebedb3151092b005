/**
 * The Fenjie language server: a thin adapter from LSP to the language service. It keeps the open
 * documents (incremental sync), reads files and settings for the service, and registers one
 * module per feature. Run as `node server.js --stdio` (or `--node-ipc`, as the extension does);
 * `startServer` takes any connection, for hosts that bring their own.
 */
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { localeOf, type Locale } from '../../core/src/messages';
import { createLanguageService, isRegistryUri, Workspace, type LanguageService } from '../../core/src/service/index';
import { bigramTokenizer } from '../../core/src/tokenizer';
import { builtinRegistryDir } from '../../host/src/registries';
import { register as registerCodeActions, FIX_ALL_KIND } from './codeActions';
import { register as registerCompletion, TRIGGER_CHARACTERS } from './completion';
import type { FenjieServer } from './context';
import { listen, handle } from './context';
import { DiagnosticsPublisher } from './diagnostics';
import { register as registerFolding } from './folding';
import { register as registerFormatting } from './formatting';
import { register as registerHover } from './hover';
import { JiebaLoader } from './jieba';
import { register as registerNavigation } from './navigation';
import { register as registerPreview } from './preview';
import { register as registerExports } from './exports';
import { PreviewRequest, SEMANTIC_TOKENS_LEGEND, StatusNotification, type FenjieInitializationOptions } from './protocol';
import { RegistryLoader } from './registries';
import { register as registerRename } from './rename';
import { register as registerSemanticTokens } from './semanticTokens';
import { serviceSettings, Settings } from './settings';
import { register as registerSymbols } from './symbols';

/** If the first diagnostics take longer than this, nodejieba starts loading anyway. */
const JIEBA_START_AT_LATEST_MS = 2000;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const workspace = new Workspace();
  let locale: Locale = 'en';
  let service: LanguageService = createLanguageService({ workspace, locale });
  let settings = new Settings(connection, false);
  let options: FenjieInitializationOptions = {};
  let folders: string[] = [];
  let watchRegistration = false;
  let configurationRegistration = false;
  let folderNotifications = false;
  const log = (message: string) => connection.console.log(`[fenjie] ${message}`);

  const server: FenjieServer = {
    connection,
    documents,
    workspace,
    get service() {
      return service;
    },
    get settings() {
      return settings;
    },
    get locale() {
      return locale;
    },
    get registries() {
      return loader;
    },
    async documentSettings(uri: string) {
      const s = await settings.get(uri);
      return serviceSettings(s, loader.settingUris(uri, s.registries));
    },
  };

  const publisher = new DiagnosticsPublisher(server);
  const jieba = new JiebaLoader(log, bigramTokenizer);
  const registryWords = () => workspace.registryFileList().flatMap((f) => [...f.inUse.units.flatMap((u) => [u.name, u.fullName ?? '', ...u.shortNames, ...u.aliases]), ...f.inUse.leaders.map((l) => l.name)]);
  const sendStatus = () =>
    void connection.sendNotification(StatusNotification, {
      tokenizer: workspace.tokenizer.name,
      registries: workspace.registryFileList().map((f) => f.uri),
      problems: workspace.unavailableRegistries().map((u) => ({ uri: u.uri, message: u.reason })),
    });
  const loader = new RegistryLoader(
    workspace,
    {
      registriesChanged: () => {
        jieba.addWords(registryWords());
        publisher.revalidateAll();
        sendStatus();
      },
      registryLoaded: (uri) => void publisher.publishRegistry(uri),
      log,
    },
    (uri) => documents.get(uri) !== undefined,
  );
  let registriesReady: Promise<void> = Promise.resolve();

  connection.onInitialize((params): InitializeResult => {
    locale = localeOf(params.locale);
    service = createLanguageService({ workspace, locale });
    options = (params.initializationOptions ?? {}) as FenjieInitializationOptions;
    const capabilities = params.capabilities;
    settings = new Settings(connection, capabilities.workspace?.configuration === true);
    watchRegistration = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    configurationRegistration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    folderNotifications = capabilities.workspace?.workspaceFolders === true;
    folders = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : [])).map((f) => f.uri);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: false },
        hoverProvider: true,
        documentSymbolProvider: { label: 'Fenjie' },
        workspaceSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: false },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'fenjie' },
    };
  });

  connection.onInitialized(
    listen(connection, 'initialized', async () => {
      // Started before anything is awaited: a document opened meanwhile waits for its registries.
      let loadDocuments: () => Promise<void> = async () => undefined;
      registriesReady = (async () => {
        const shipped = options.registriesPath ?? builtinRegistryDir();
        log(`${await loader.loadShipped(shipped)} shipped registries from ${shipped}`);
        loadDocuments = await loader.scanWorkspace(folders);
      })().catch((error) => log(`loading registries failed: ${String(error)}`));
      void registriesReady.then(() => loadDocuments()).catch((error) => log(`loading workspace documents failed: ${String(error)}`));
      if (watchRegistration) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.fenjie' }] });
      }
      if (configurationRegistration) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'fenjie' });
      if (folderNotifications) {
        connection.workspace.onDidChangeWorkspaceFolders(
          listen(connection, 'workspaceFolders', async (event) => {
            folders = [...folders.filter((f) => !event.removed.some((r) => r.uri === f)), ...event.added.map((a) => a.uri)];
            await (await loader.scanWorkspace(folders))();
          }),
        );
      }
      if (options.disableJieba) return;
      // nodejieba blocks the process while it loads: only once the first diagnostics are out.
      await Promise.race([publisher.firstPublication, new Promise((resolve) => setTimeout(resolve, JIEBA_START_AT_LATEST_MS))]);
      await registriesReady;
      const tokenizer = jieba.load(registryWords());
      if (tokenizer) {
        workspace.setTokenizer(tokenizer);
        publisher.revalidateAll();
        sendStatus();
      }
    }),
  );

  const openRegistries = new Set<string>();
  documents.onDidChangeContent(
    listen(connection, 'didChange', async ({ document }) => {
      const uri = document.uri;
      if (isRegistryUri(uri)) {
        const opened = !openRegistries.has(uri);
        openRegistries.add(uri);
        const candidate = workspace.registryFile(uri)?.candidate ?? loader.inWorkspace(uri);
        workspace.setRegistry(uri, document.getText(), candidate);
        jieba.addWords(registryWords());
        // Its own problems and the documents that use it are checked after the same debounce as a document.
        if (opened) publisher.schedule(uri, 0);
        else await publisher.changed(uri);
        return;
      }
      const opened = !workspace.isOpen(uri);
      workspace.setDocument(uri, document.getText(), document.version);
      await registriesReady;
      if (opened) publisher.schedule(uri, 0);
      else await publisher.changed(uri);
    }),
  );

  documents.onDidClose(
    listen(connection, 'didClose', async ({ document }) => {
      const uri = document.uri;
      if (isRegistryUri(uri)) {
        openRegistries.delete(uri);
        // The editor's unsaved text is gone; the file on disk is the registry again.
        await loader.filesChanged([{ uri, type: FileChangeType.Changed }]);
        return;
      }
      publisher.clear(uri);
      settings.forget(uri);
      workspace.closeDocument(uri, await loader.savedText(uri));
    }),
  );

  connection.onDidChangeWatchedFiles(listen(connection, 'didChangeWatchedFiles', (params) => loader.filesChanged(params.changes)));
  connection.onDidChangeConfiguration(
    listen(connection, 'didChangeConfiguration', () => {
      settings.forget();
      publisher.revalidateAll();
    }),
  );

  connection.onRequest(
    PreviewRequest,
    handle(connection, 'preview', null, async (params) => {
      const settingsOf = await server.documentSettings(params.uri);
      const analysis = service.analysis(params.uri, settingsOf);
      return analysis ? { document: analysis.document, diagnostics: service.diagnostics(params.uri, settingsOf) } : null;
    }),
  );

  registerCompletion(server);
  registerHover(server);
  registerSymbols(server);
  registerNavigation(server);
  registerRename(server);
  registerCodeActions(server);
  registerFormatting(server);
  registerFolding(server);
  registerSemanticTokens(server);
  registerPreview(server);
  registerExports(server);

  documents.listen(connection);
  connection.listen();
}

if (require.main === module) {
  const connection = createConnection(ProposedFeatures.all);
  // A bug must cost one answer, never the server: log and carry on.
  process.on('uncaughtException', (error) => connection.console.error(`[fenjie] uncaught: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`[fenjie] unhandled rejection: ${String(reason)}`));
  startServer(connection);
}
