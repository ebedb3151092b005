/**
 * A minimal LSP client over stdio for the benchmark: it starts a language server as a real
 * process, answers the requests a server makes of its editor (configuration, capability
 * registration), and lets the benchmark wait for the diagnostics of a given document version.
 * The same client drives Fenjie's server and the peer, so both are measured the same way.
 */
import { spawn, type ChildProcess } from 'child_process';
import { readFileSync } from 'fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Position } from '../grammar/src/text';

export interface ServerCommand {
  /** A script run with this Node (`process.execPath`), and its arguments. */
  script: string;
  args: string[];
  /** Options for Node itself (`--cpu-prof` to profile a server). */
  nodeOptions?: string[];
}

export interface StartOptions {
  rootUri: string;
  initializationOptions?: unknown;
  /** The answer to `workspace/configuration` for one section. */
  configuration(section: string | undefined): unknown;
}

interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: unknown[];
}

interface Waiter {
  uri: string;
  accept(published: PublishedDiagnostics): boolean;
  resolve(published: PublishedDiagnostics): void;
}

/** Linux's USER_HZ: /proc reports CPU time in these ticks per second. */
const CLOCK_TICKS = 100;

const CLIENT_CAPABILITIES = {
  workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    publishDiagnostics: { versionSupport: true, relatedInformation: true },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    formatting: { dynamicRegistration: false },
  },
  window: { workDoneProgress: false },
};

export class LspProcess {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  private readonly waiters: Waiter[] = [];
  private readonly notificationWaiters: { method: string; accept(params: unknown): boolean; resolve(): void }[] = [];
  /** When the last diagnostics arrived, to wait for a quiet server. */
  private lastPublished = 0;
  /** Text document sync kind the server asked for: 1 full, 2 incremental. */
  syncKind = 2;

  constructor(command: ServerCommand) {
    this.process = spawn(process.execPath, [...(command.nodeOptions ?? []), command.script, ...command.args], { stdio: ['pipe', 'pipe', 'pipe'] });
    // The servers log to stderr now and then; it must be drained or the pipe fills up.
    this.process.stderr!.resume();
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishedDiagnostics) => {
      this.lastPublished = performance.now();
      for (let i = 0; i < this.waiters.length; i++) {
        const waiter = this.waiters[i];
        if (waiter.uri === params.uri && waiter.accept(params)) {
          this.waiters.splice(i--, 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onNotification((method: string, params: unknown) => {
      for (let i = 0; i < this.notificationWaiters.length; i++) {
        const waiter = this.notificationWaiters[i];
        if (waiter.method === method && waiter.accept(params)) {
          this.notificationWaiters.splice(i--, 1);
          waiter.resolve();
        }
      }
    });
  }

  async start(options: StartOptions): Promise<unknown> {
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map((item) => options.configuration(item.section)));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/workspaceFolders', () => [{ uri: options.rootUri, name: 'bench' }]);
    this.connection.listen();
    const result = (await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.rootUri,
      workspaceFolders: [{ uri: options.rootUri, name: 'bench' }],
      capabilities: CLIENT_CAPABILITIES,
      initializationOptions: options.initializationOptions,
      locale: 'zh-cn',
    })) as { capabilities: { textDocumentSync?: number | { change?: number } } };
    const sync = result.capabilities.textDocumentSync;
    this.syncKind = typeof sync === 'number' ? sync : (sync?.change ?? 2);
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the next diagnostics for `uri` that `accept` takes. Register before the change that causes them. */
  diagnostics(uri: string, accept: (published: PublishedDiagnostics) => boolean = () => true): Promise<PublishedDiagnostics> {
    return new Promise((resolve) => this.waiters.push({ uri, accept, resolve }));
  }

  notification(method: string, accept: (params: unknown) => boolean = () => true): Promise<void> {
    return new Promise((resolve) => this.notificationWaiters.push({ method, accept, resolve }));
  }

  /** Waits until no diagnostics have arrived for `quietMs` (background re-checks are done). */
  async settle(quietMs: number): Promise<void> {
    for (;;) {
      const since = performance.now() - this.lastPublished;
      if (since >= quietMs) return;
      await new Promise((resolve) => setTimeout(resolve, quietMs - since));
    }
  }

  open(uri: string, languageId: string, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** A one-range edit; sent as the range, or as the whole new text when the server syncs in full. */
  /** Replaces `range` (ending on a later line to remove a line break) with `insert`; `newText` is the whole text after it, for a client that syncs whole texts. */
  change(uri: string, version: number, edit: { range: { start: Position; end: Position }; insert: string }, newText: string): Promise<void> {
    const contentChanges = this.syncKind === 1 ? [{ text: newText }] : [{ range: edit.range, text: edit.insert }];
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  /** Resident set size of the server process, in MB (Linux: /proc). */
  rssMb(): number | undefined {
    try {
      const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
      return kb ? Number(kb) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /** CPU time (user + system) the server process has used, in ms (Linux: /proc; 10 ms ticks). */
  cpuMs(): number {
    try {
      // Fields after the command name (which may hold spaces): state is the 1st, utime the 12th, stime the 13th.
      const stat = readFileSync(`/proc/${this.process.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
    } catch {
      return NaN;
    }
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) resolve();
      else this.process.once('exit', () => resolve());
    });
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // A server that already went away needs no shutdown.
    }
    const killer = setTimeout(() => this.process.kill(), 2000);
    await exited;
    clearTimeout(killer);
    this.connection.dispose();
  }
}
