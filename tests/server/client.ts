/**
 * A minimal LSP client for the server tests: spawns the real server (`node out/server/src/server.js
 * --stdio`), answers `workspace/configuration` with the test's settings, records every
 * `publishDiagnostics`, and lets a test wait for the diagnostics of a given document version.
 */
import { spawn, type ChildProcess } from 'child_process';
import { readFileSync } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, Position, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { fromRoot } from '../helpers/expected';

export const FIXTURES = fromRoot('tests', 'fixtures', 'lsp');
export const SERVER = fromRoot('out', 'server', 'src', 'server.js');

export function fixtureUri(name: string): string {
  return pathToFileURL(path.join(FIXTURES, name)).href;
}

export function readFixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

export const MARKER = '<|>';

/** A text with `<|>` cursor markers: the text without them, and each marker's position in order. */
export function withMarkers(marked: string): { text: string; positions: Position[] } {
  const positions: Position[] = [];
  let text = '';
  let rest = marked;
  for (let at = rest.indexOf(MARKER); at >= 0; at = rest.indexOf(MARKER)) {
    text += rest.slice(0, at);
    rest = rest.slice(at + MARKER.length);
    const lines = text.split(/\r\n|\r|\n/);
    positions.push({ line: lines.length - 1, character: lines[lines.length - 1].length });
  }
  return { text: text + rest, positions };
}

export interface ClientOptions {
  locale?: string;
  /** The `fenjie` section answered for every document. */
  settings?: Record<string, unknown>;
  workspaceFolders?: string[];
  registriesPath?: string;
  /** Load nodejieba as in production (slow); off by default to keep tests quick. */
  jieba?: boolean;
}

type Waiter = { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void };

export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  settings: Record<string, unknown>;
  private readonly waiters: Waiter[] = [];
  private readonly notificationWaiters: { method: string; accept: (p: unknown) => boolean; resolve: (p: unknown) => void }[] = [];
  private readonly versions = new Map<string, number>();
  initializeResult!: InitializeResult;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
    options: ClientOptions,
  ) {
    this.settings = options.settings ?? {};
  }

  static async start(options: ClientOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection, options);
    child.stderr!.on('data', (d: Buffer) => client.logs.push(d.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => client.onDiagnostics(p));
    connection.onNotification('window/logMessage', (p: { message: string }) => client.logs.push(p.message));
    connection.onNotification((method: string, params: unknown) => client.onNotification(method, params));
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => client.settings));
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    const folders = options.workspaceFolders ?? [];
    client.initializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      locale: options.locale ?? 'zh-CN',
      rootUri: null,
      workspaceFolders: folders.map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) })),
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: { synchronization: { dynamicRegistration: false }, publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] } } },
      },
      initializationOptions: { registriesPath: options.registriesPath ?? path.join(FIXTURES, 'registries'), disableJieba: !options.jieba },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  private onNotification(method: string, params: unknown): void {
    this.notifications.push({ method, params });
    for (let i = this.notificationWaiters.length - 1; i >= 0; i--) {
      const w = this.notificationWaiters[i];
      if (w.method === method && w.accept(params)) {
        this.notificationWaiters.splice(i, 1);
        w.resolve(params);
      }
    }
  }

  /** The first notification of a method that satisfies `accept` (already received ones count). */
  notification<T>(method: string, accept: (params: T) => boolean = () => true, timeoutMs = 60000): Promise<T> {
    const done = this.notifications.find((n) => n.method === method && accept(n.params as T));
    if (done) return Promise.resolve(done.params as T);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms; logs:\n${this.logs.join('')}`)), timeoutMs);
      this.notificationWaiters.push({ method, accept: accept as (p: unknown) => boolean, resolve: (p) => (clearTimeout(timer), resolve(p as T)) });
    });
  }

  private onDiagnostics(p: PublishDiagnosticsParams): void {
    this.onNotification('textDocument/publishDiagnostics', p);
    this.published.push(p);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i];
      if (w.uri === p.uri && w.accept(p)) {
        this.waiters.splice(i, 1);
        w.resolve(p);
      }
    }
  }

  /** The next diagnostics for a document that satisfy `accept` (already published ones count). */
  diagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 15000): Promise<PublishDiagnosticsParams> {
    const done = [...this.published].reverse().find((p) => p.uri === uri && accept(p));
    if (done) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; logs:\n${this.logs.join('')}`)), timeoutMs);
      this.waiters.push({ uri, accept, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  /** The diagnostics published for the document's current version. */
  current(uri: string): Promise<Diagnostic[]> {
    const version = this.versions.get(uri);
    return this.diagnostics(uri, (p) => p.version === version).then((p) => p.diagnostics);
  }

  open(uri: string, text: string, languageId = 'fenjie'): void {
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  change(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  close(uri: string): void {
    this.versions.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      void this.connection.sendNotification('exit');
    } catch {
      // The process may be gone already.
    }
    this.connection.dispose();
    this.process.kill();
  }
}
