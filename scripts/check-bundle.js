#!/usr/bin/env node
/**
 * Checks the built extension before it is packaged: dist/server.js starts on its own (no
 * node_modules beside the repository's: run from a copy of dist/ elsewhere), answers `initialize`,
 * finds the shipped registries in dist/registries, publishes diagnostics for a sample, answers the
 * preview request, and loads the copied nodejieba (its status turns to `jieba`). dist/client.js
 * must load with nothing but a stand-in for the `vscode` module.
 *
 *   node scripts/check-bundle.js [sample.fenjie]
 */
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');

const ROOT = path.resolve(__dirname, '..');
const SAMPLE = path.resolve(process.argv[2] ?? path.join(ROOT, 'samples', '002-liaoning-2024.fenjie'));
const JIEBA_TIMEOUT_MS = 120_000;
const STEP_TIMEOUT_MS = 30_000;

/** A copy of dist/ in a temporary folder, so nothing can be resolved from the repository's node_modules. */
function isolatedDist() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenjie-dist-'));
  fs.cpSync(path.join(ROOT, 'dist'), dir, { recursive: true, filter: (src) => !src.endsWith('.vsix') });
  return dir;
}

/**
 * A stand-in for the `vscode` module, enough to load the client (not to run it): every name the
 * API declares is a class whose members are again such stand-ins (the language client extends
 * some of the API's classes when it loads).
 */
function vscodeStandIn() {
  const declarations = fs.readFileSync(require.resolve('@types/vscode/index.d.ts', { paths: [ROOT] }), 'utf8');
  const names = new Set([...declarations.matchAll(/export (?:namespace|enum|class|const|function) (\w+)/g)].map((m) => m[1]));
  const standIn = new Proxy(class {}, { get: (target, key) => (key === 'prototype' ? target.prototype : key === 'then' ? undefined : standIn) });
  return Object.fromEntries([...names].map((name) => [name, standIn]));
}

function checkClientLoads(dist) {
  const Module = require('module');
  const load = Module._load;
  const vscode = vscodeStandIn();
  Module._load = function (request, ...rest) {
    return request === 'vscode' ? vscode : load.call(this, request, ...rest);
  };
  try {
    const client = require(path.join(dist, 'client.js'));
    if (typeof client.activate !== 'function') throw new Error('dist/client.js exports no activate()');
  } finally {
    Module._load = load;
  }
}

class Connection {
  constructor(child) {
    this.child = child;
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.waiters = [];
    child.stdout.on('data', (chunk) => this.receive(chunk));
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message);
    }
  }

  dispatch(message) {
    if (message.id !== undefined && message.method === undefined) {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) pending?.reject(new Error(`${message.error.code}: ${message.error.message}`));
      else pending?.resolve(message.result);
      return;
    }
    // Requests from the server (registrations, configuration): this client supports none of them.
    if (message.id !== undefined) this.send({ jsonrpc: '2.0', id: message.id, result: null });
    for (const waiter of [...this.waiters]) {
      if (waiter.method === message.method && waiter.accept(message.params)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(message.params);
      }
    }
  }

  send(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  request(method, params) {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return within(new Promise((resolve, reject) => this.pending.set(id, { resolve, reject })), STEP_TIMEOUT_MS, method);
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** The next notification `method` whose params `accept` takes. */
  when(method, accept, timeoutMs = STEP_TIMEOUT_MS) {
    return within(new Promise((resolve) => this.waiters.push({ method, accept, resolve })), timeoutMs, method);
  }
}

function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function checkServer(dist) {
  const child = spawn(process.execPath, [path.join(dist, 'server.js'), '--stdio'], { cwd: os.tmpdir(), stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = new Connection(child);
  try {
    const started = Date.now();
    const initialized = await connection.request('initialize', { processId: process.pid, rootUri: null, capabilities: {}, locale: 'zh-cn' });
    const provides = Object.keys(initialized.capabilities).filter((k) => k.endsWith('Provider'));
    console.log(`initialize: ${initialized.serverInfo?.name ?? '?'} in ${Date.now() - started} ms, ${provides.length} providers (${provides.join(', ')})`);
    const status = connection.when('fenjie/status', (p) => p.tokenizer === 'jieba', JIEBA_TIMEOUT_MS);
    connection.notify('initialized', {});

    const uri = pathToFileURL(SAMPLE).href;
    const diagnostics = connection.when('textDocument/publishDiagnostics', (p) => p.uri === uri);
    connection.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'fenjie', version: 1, text: fs.readFileSync(SAMPLE, 'utf8') } });
    const published = await diagnostics;
    console.log(`diagnostics: ${published.diagnostics.length} for ${path.basename(SAMPLE)}`);

    const analysis = await connection.request('fenjie/preview', { uri });
    if (!analysis || analysis.document.tasks.length === 0) throw new Error('fenjie/preview returned no tasks');
    const registries = analysis.document.registries;
    if (!registries.length) throw new Error('the sample resolved against no registry: dist/registries was not found');
    console.log(`fenjie/preview: ${analysis.document.tasks.length} tasks, registries ${registries.join(', ')}`);

    // The renderers are a bundle of their own (dist/exporters.js), loaded on the first export.
    const docx = await connection.request('fenjie/export', { uri, format: 'docx' });
    const bytes = docx && Buffer.from(docx.base64, 'base64');
    if (!bytes || bytes.subarray(0, 2).toString() !== 'PK') throw new Error('fenjie/export gave no Word file: is dist/exporters.js there?');
    console.log(`fenjie/export: a Word file of ${(bytes.length / 1024).toFixed(0)} KB`);

    const ready = await status;
    console.log(`fenjie/status: tokenizer ${ready.tokenizer}, ${ready.registries.length} registries (nodejieba loaded from dist/node_modules)`);

    await connection.request('shutdown', null);
    connection.notify('exit', null);
    const code = await within(exited, STEP_TIMEOUT_MS, 'exit');
    if (code !== 0) throw new Error(`the server exited with code ${code}`);
  } finally {
    child.kill();
  }
}

async function main() {
  const dist = isolatedDist();
  try {
    checkClientLoads(dist);
    console.log('dist/client.js loads');
    await checkServer(dist);
    console.log('bundle ok');
  } finally {
    fs.rmSync(dist, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bundle check failed: ${error.message}`);
  process.exitCode = 1;
});
