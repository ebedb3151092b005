/**
 * Language servers as real processes over stdio, Fenjie's and the peer, driven the same way:
 * cold start (spawn → initialize → open → first diagnostics), then on the warm server a
 * one-character edit → diagnostics, completion, hover, document symbols, formatting, and the
 * process's resident memory. Edits alternate inserting and deleting one character in a task's
 * text, so the document stays the same size.
 */
import type { Position } from '../grammar/src/text';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { LspProcess, type ServerCommand } from './lsp-client';
import type { Probes } from './peer';
import { summarize, timeAsync, type RunPlan, type Summary } from './stats';

export interface ServerDocument {
  name: string;
  /** Where the document notionally lives (the servers get its text with didOpen, not from disk). */
  file: string;
  text: string;
  probes: Probes;
}

export interface ServerUnderTest {
  name: string;
  command: ServerCommand;
  languageId: string;
  initializationOptions?: unknown;
  configuration(section: string | undefined): unknown;
  /** A notification that says the server's background start-up (nodejieba) is done, if it has one. */
  ready?: { method: string; accept(params: unknown): boolean };
  /** Whether published diagnostics carry the document version (the peer's do not: the next publication is the answer). */
  versionedDiagnostics: boolean;
}

export interface ServerResult {
  server: string;
  document: string;
  coldStart: Summary;
  /** From spawn to the background start-up being done (nodejieba loaded), when the server has one. */
  readyAfter?: Summary;
  edit: Summary;
  /** A line break typed at the end of a line (one more at every run): every task below moves to new lines. */
  newLine: Summary;
  completion: Summary;
  hover: Summary;
  symbols: Summary;
  formatting: Summary;
  /** Resident memory once the document is open and checked, and after every request. */
  rssMb?: number;
  rssAfterMb?: number;
  diagnostics: number;
  completionItems: number;
}

export interface ServerPlan {
  coldRuns: number;
  edits: RunPlan;
  requests: RunPlan;
  /** Formatting, when it needs its own plan (the peer reformats a large document in seconds). */
  formatting?: RunPlan;
  /** How long the background start-up may take before the warm measurements start anyway. */
  readyTimeoutMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([promise, sleep(ms).then(() => undefined)]);
}

export interface ColdStarts {
  coldStart: Summary;
  readyAfter?: Summary;
  diagnostics: number;
}

/** Cold starts: spawn → initialize → open → first diagnostics, `runs` times; the last process is kept running for more. */
async function coldStarts(server: ServerUnderTest, doc: ServerDocument, runs: number, readyTimeoutMs: number): Promise<ColdStarts & { warm: LspProcess }> {
  const uri = pathToFileURL(doc.file).href;
  const rootUri = pathToFileURL(path.dirname(doc.file)).href;
  const cold: number[] = [];
  const ready: number[] = [];
  let diagnostics = 0;
  for (let run = 0; ; run++) {
    const started = performance.now();
    const lsp = new LspProcess(server.command);
    const readyAt = server.ready ? lsp.notification(server.ready.method, server.ready.accept).then(() => performance.now() - started) : undefined;
    await lsp.start({ rootUri, initializationOptions: server.initializationOptions, configuration: server.configuration });
    const first = lsp.diagnostics(uri);
    await lsp.open(uri, server.languageId, doc.text);
    diagnostics = (await first).diagnostics.length;
    cold.push(performance.now() - started);
    if (readyAt) {
      const at = await withTimeout(readyAt, readyTimeoutMs);
      if (at !== undefined) ready.push(at);
    }
    if (run === runs - 1) {
      const result: ColdStarts & { warm: LspProcess } = { coldStart: summarize(cold), diagnostics, warm: lsp };
      if (ready.length) result.readyAfter = summarize(ready);
      return result;
    }
    await lsp.stop();
  }
}

/** Cold start only (the bundled server, say). */
export async function benchColdStart(server: ServerUnderTest, doc: ServerDocument, runs: number, readyTimeoutMs: number): Promise<ColdStarts> {
  const { warm, ...result } = await coldStarts(server, doc, runs, readyTimeoutMs);
  await warm.stop();
  return result;
}

/** What the edit probe types, a character at a time (task text as the seeds write it). */
const TYPED = '推进城市更新行动加快老旧小区改造完善基础设施提升公共服务水平';

export async function benchServer(server: ServerUnderTest, doc: ServerDocument, plan: ServerPlan): Promise<ServerResult> {
  const uri = pathToFileURL(doc.file).href;
  const started = await coldStarts(server, doc, plan.coldRuns, plan.readyTimeoutMs);
  const lsp = started.warm;
  // Background re-checks (nodejieba arriving, registries loading) must be over before timing edits.
  await lsp.settle(500);
  const rssMb = lsp.rssMb();

  let version = 1;
  let text = doc.text;
  const lines = text.split('\n');
  const { line, character } = doc.probes.edit;
  const lineStart = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0);
  const cpu = () => lsp.cpuMs();
  const changeAndWait = async (range: { start: Position; end: Position }, insert: string) => {
    version++;
    const v = version;
    const published = lsp.diagnostics(uri, (p) => !server.versionedDiagnostics || p.version === undefined || p.version === v);
    await lsp.change(uri, v, { range, insert }, text);
    await published;
  };
  // Typing: one character more at every run, so every version is a text the server has not seen
  // (a character added and removed would find the task as it was analysed before).
  const offset = lineStart + character;
  let typed = 0;
  const edit = await timeAsync(async () => {
    const at = { line, character: character + typed };
    text = text.slice(0, offset + typed) + TYPED[typed % TYPED.length] + text.slice(offset + typed);
    await changeAndWait({ start: at, end: at }, TYPED[typed % TYPED.length]);
    typed++;
  }, plan.edits, cpu);
  text = text.slice(0, offset) + text.slice(offset + typed);
  await changeAndWait({ start: { line, character }, end: { line, character: character + typed } }, '');

  // Enter at the end of the edited line, again and again: each time every task below moves to
  // lines it never stood on (a line break added and removed would find them where they were).
  const editedLine = text.slice(lineStart).split('\n', 1)[0].replace(/\r$/, '');
  const lineEnd = { line, character: editedLine.length };
  const breakAt = lineStart + editedLine.length;
  let added = 0;
  const newLine = await timeAsync(async () => {
    text = text.slice(0, breakAt) + '\n' + text.slice(breakAt);
    added++;
    await changeAndWait({ start: lineEnd, end: lineEnd }, '\n');
  }, plan.edits, cpu);
  // The probes below are positions in the text as opened.
  text = text.slice(0, breakAt) + text.slice(breakAt + added);
  await changeAndWait({ start: lineEnd, end: { line: line + added, character: 0 } }, '');

  const at = (position: Probes['completion']) => ({ textDocument: { uri }, position });
  let completionItems = 0;
  const completion = await timeAsync(async () => {
    const result = await lsp.request<{ items?: unknown[] } | unknown[] | null>('textDocument/completion', at(doc.probes.completion));
    completionItems = Array.isArray(result) ? result.length : (result?.items?.length ?? 0);
  }, plan.requests, cpu);
  const hover = await timeAsync(() => lsp.request('textDocument/hover', at(doc.probes.hover)), plan.requests, cpu);
  const symbols = await timeAsync(() => lsp.request('textDocument/documentSymbol', { textDocument: { uri } }), plan.requests, cpu);
  const formatting = await timeAsync(() => lsp.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }), plan.formatting ?? plan.requests, cpu);
  const rssAfterMb = lsp.rssMb();
  await lsp.stop();
  const result: ServerResult = {
    server: server.name,
    document: doc.name,
    coldStart: started.coldStart,
    edit,
    newLine,
    completion,
    hover,
    symbols,
    formatting,
    diagnostics: started.diagnostics,
    completionItems,
  };
  if (started.readyAfter) result.readyAfter = started.readyAfter;
  if (rssMb !== undefined) result.rssMb = rssMb;
  if (rssAfterMb !== undefined) result.rssAfterMb = rssAfterMb;
  return result;
}
