/**
 * A minimal LSP client for the server-level properties: it starts the real server
 * (`node out/server/src/server.js --stdio`) as the editor would, speaks JSON-RPC over its pipes,
 * and waits for the diagnostics of a given document version. No editor, no timers of its own
 * beyond a deadline that turns a hang into a failure.
 */
import { spawn, type ChildProcess } from 'child_process';
import { existsSync } from 'fs';
import * as path from 'path';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type Diagnostic,
  type DocumentSymbol,
  type ProtocolConnection,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { PreviewRequest } from '../../server/src/protocol';
import type { Analysis } from '../../core/src/model';
import { ROOT } from './support';

export const SERVER_JS = path.join(ROOT, 'out', 'server', 'src', 'server.js');

export function serverBuilt(): boolean {
  return existsSync(SERVER_JS);
}

/** How long an answer may take before the test calls it a hang. */
const DEADLINE_MS = 30_000;

export class LspSession {
  readonly process: ChildProcess;
  readonly connection: ProtocolConnection;
  private readonly published = new Map<string, { version?: number; diagnostics: Diagnostic[] }>();
  private readonly waiters: { uri: string; version: number; resolve: (d: Diagnostic[]) => void }[] = [];
  readonly exited: Promise<number | null>;
  stderr = '';

  constructor() {
    this.process = spawn(process.execPath, [SERVER_JS, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.set(params.uri, { version: params.version, diagnostics: params.diagnostics });
      for (const w of [...this.waiters]) {
        if (w.uri === params.uri && params.version === w.version) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(params.diagnostics);
        }
      }
    });
    // The client announces no dynamic capabilities; should the server ask anyway, it gets plain answers.
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => null));
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    this.connection.listen();
  }

  async initialize(registriesPath = path.join(ROOT, 'registries')): Promise<void> {
    await this.withDeadline(
      this.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
        initializationOptions: { disableJieba: true, registriesPath },
        workspaceFolders: null,
      }),
      'initialize',
    );
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'fenjie', version, text } });
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** The diagnostics the server publishes for exactly this version of the document. */
  diagnostics(uri: string, version: number): Promise<Diagnostic[]> {
    const known = this.published.get(uri);
    if (known && known.version === version) return Promise.resolve(known.diagnostics);
    return this.withDeadline(new Promise((resolve) => this.waiters.push({ uri, version, resolve })), `diagnostics of ${uri} v${version}`);
  }

  symbols(uri: string): Promise<DocumentSymbol[]> {
    return this.withDeadline(this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }) as Promise<DocumentSymbol[]>, 'documentSymbol');
  }

  analysis(uri: string): Promise<Analysis | null> {
    return this.withDeadline(this.connection.sendRequest(PreviewRequest, { uri }), 'fenjie/preview');
  }

  async stop(): Promise<void> {
    if (this.process.exitCode === null && this.process.signalCode === null) {
      try {
        await this.withDeadline(this.connection.sendRequest(ShutdownRequest.type), 'shutdown', 5000);
        await this.connection.sendNotification(ExitNotification.type);
      } catch {
        this.process.kill('SIGKILL');
      }
    }
    this.connection.dispose();
    await this.exited;
  }

  private withDeadline<T>(promise: Promise<T>, what: string, ms = DEADLINE_MS): Promise<T> {
    let timer: NodeJS.Timeout;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${ms / 1000} s (server stderr: ${this.stderr.slice(-500)})`)), ms);
    });
    return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
  }
}
