/**
 * The live preview's cost per update, in process, on the generated documents of 1,000 and 10,000
 * tasks: bytes sent from the language server to the extension host, the server's time to make
 * the message (after the analysis, which diagnostics need anyway) and the extension host's time
 * to take it and pass it on to the webview (JSON.parse of the message as the language client
 * does, then the serialization `webview.postMessage` does).
 *
 * - **before**: the whole analysis (`fenjie/preview`), rendered to HTML in the extension host
 *   (`renderPreviewBody`, whose output is the previous renderer's, byte for byte) and posted as
 *   `{ type: 'update', html }` — what every update cost until the incremental protocol;
 * - **full**: the whole preview model as a payload (`fenjie/previewUpdate` without a base: when
 *   the preview is shown again or resyncs), posted as is; **full, first time**: the same for a
 *   document whose rows were never made (the preview opened on it: three documents of other seeds,
 *   each measured once);
 * - **one character**: the payload after a character typed in a task in the middle of the
 *   document, from the version before it; **new line**: after a line break inserted there (every
 *   row below moves one line); **units view**: the one-character edit while the units view is shown.
 *
 * `npm run build && node out/bench/preview.js [1000 10000] [--json file]`. Medians over runs
 * after warm-up; the ratio column is before ÷ the row's figure.
 */
import { writeFileSync } from 'fs';
import { analyze } from '../core/src/analyze';
import type { Analysis } from '../core/src/model';
import { renderPreviewBody } from '../exports/src/preview-html';
import { PreviewSync, type ListName, type PreviewPayload } from '../exports/src/preview-sync';
import { loadBuiltinRegistries } from '../host/src/registries';
import { generateDocument, shippedRegistry } from './generate';
import { summarize } from './stats';

interface Scenario {
  name: string;
  bytes: number;
  server: number;
  client: number;
  total: number;
  runs: number;
}

function median(samples: number[]): number {
  return summarize(samples).median;
}

/** Times `runs` updates after `warmup`, each giving the message the server sends; the client parses it and posts it on. */
function measure(name: string, runs: number, warmup: number, server: (run: number) => string, client: (json: string) => void): Scenario {
  const servers: number[] = [];
  const clients: number[] = [];
  const totals: number[] = [];
  let bytes = 0;
  for (let i = 0; i < warmup + runs; i++) {
    const t0 = performance.now();
    const json = server(i);
    const t1 = performance.now();
    client(json);
    const t2 = performance.now();
    if (i < warmup) continue;
    servers.push(t1 - t0);
    clients.push(t2 - t1);
    totals.push(t2 - t0);
    bytes = Math.max(bytes, Buffer.byteLength(json));
  }
  return { name, bytes, server: median(servers), client: median(clients), total: median(totals), runs };
}

/** The text with `insert` put at the end of the first task line past the middle of the document. */
function editedInTheMiddle(text: string, insert: string): string {
  const lineStart = text.indexOf('\n', text.length >> 1) + 1;
  const taskLine = text.slice(lineStart).search(/^\d+\. /m) + lineStart;
  const at = text.indexOf('。', taskLine);
  return text.slice(0, at) + insert + text.slice(at);
}

function postBefore(json: string): void {
  const analysis = JSON.parse(json) as Analysis;
  JSON.stringify({ type: 'update', html: renderPreviewBody(analysis, 'zh') });
}

function postPayload(json: string): void {
  const payload = JSON.parse(json) as PreviewPayload;
  JSON.stringify({ type: 'payload', payload, document: 'file:///bench.fenjie' });
}

async function benchDocument(tasks: number, registries: Awaited<ReturnType<typeof loadBuiltinRegistries>>): Promise<Scenario[]> {
  const text = generateDocument(tasks, shippedRegistry()).text;
  const uri = `file:///bench/tasks-${tasks}.fenjie`;
  const analyses = {
    base: analyze(text, { uri, registries }),
    typed: analyze(editedInTheMiddle(text, '全'), { uri, registries }),
    newline: analyze(editedInTheMiddle(text, '\n'), { uri, registries }),
  };
  // Seen before, as in the server: the analysis of an edited text reuses the unchanged tasks.
  analyses.base = analyze(text, { uri, registries });
  const large = tasks >= 10000;
  const runs = large ? 7 : 21;
  const warmup = large ? 1 : 3;
  const results: Scenario[] = [];

  results.push(measure('before: whole analysis, HTML rendered in the extension host', large ? 5 : runs, warmup, () => JSON.stringify({ document: analyses.base.document, diagnostics: analyses.base.diagnostics }), postBefore));

  const sync = new PreviewSync('bench');
  const fresh = [1, 2, 3].map((seed) => analyze(generateDocument(tasks, shippedRegistry(), 7000 + seed).text, { uri, registries }));
  results.push(measure('full payload, first time (preview opened)', fresh.length, 0, (run) => JSON.stringify(new PreviewSync('first').update(fresh[run], 'zh', undefined, [])), postPayload));
  results.push(measure('full payload (shown again, resync)', runs, warmup, () => JSON.stringify(sync.update(analyses.base, 'zh', undefined, [])), postPayload));

  /** Alternates between the base text and an edited one, each payload from the version before. */
  const alternating = (edited: Analysis, lists: ListName[]) => {
    let version = sync.update(analyses.base, 'zh', undefined, lists).version;
    return (run: number) => {
      const payload = sync.update(run % 2 ? analyses.base : edited, 'zh', version, lists);
      version = payload.version;
      return JSON.stringify(payload);
    };
  };
  results.push(measure('one character typed', runs, warmup, alternating(analyses.typed, []), postPayload));
  results.push(measure('new line (rows below move)', runs, warmup, alternating(analyses.newline, []), postPayload));
  results.push(measure('one character, units view shown', runs, warmup, alternating(analyses.typed, ['units']), postPayload));
  return results;
}

function format(n: number): string {
  if (n >= 100) return n.toFixed(0);
  if (n >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

function bytesText(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} KB`;
  return `${n} B`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf('--json');
  const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
  const counts = args.filter((a, i) => /^\d+$/.test(a) && i !== jsonAt + 1).map(Number);
  const registries = await loadBuiltinRegistries();
  const all: Record<string, Scenario[]> = {};
  console.log('| tasks | update | bytes | server ms | extension host ms | server + host ms | bytes: before ÷ this | time: before ÷ this |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const tasks of counts.length ? counts : [1000, 10000]) {
    const results = await benchDocument(tasks, registries);
    all[tasks] = results;
    const before = results[0];
    for (const r of results) {
      const ratio = (a: number, b: number) => (r === before ? '–' : `${format(a / b)}×`);
      console.log(
        `| ${tasks.toLocaleString('en')} | ${r.name} | ${bytesText(r.bytes)} | ${format(r.server)} | ${format(r.client)} | ${format(r.total)} | ${ratio(before.bytes, r.bytes)} | ${ratio(before.total, r.total)} |`,
      );
    }
  }
  console.log(`\nNode ${process.version}; medians of ${Object.values(all).map((r) => r.map((s) => s.runs).join('/')).join(', ')} runs.`);
  if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify({ node: process.version, date: new Date().toISOString(), results: all }, null, 1)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
