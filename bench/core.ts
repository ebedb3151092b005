/**
 * The core, in process: full analysis (parse, resolve, every check) of each document, against
 * two floors measured on the same input: `JSON.parse` of the analysis serialized as JSON (the
 * fastest any JavaScript code can produce the same object graph) and chevrotain lexing alone.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { analyze } from '../core/src/analyze';
import type { Registry } from '../core/src/registry';
import { fenjieLexer } from '../grammar/src/lexer';
import { parseDocument } from '../grammar/src/index';
import { planFor, processCpu, summarize, timeSync, type Summary } from './stats';

export interface BenchDocument {
  name: string;
  file: string;
  text: string;
  tasks: number;
}

export interface CoreResult {
  document: string;
  tasks: number;
  bytes: number;
  diagnostics: number;
  /** Analysis of a document seen before: every analysis after the first while it is edited. */
  analyze: Summary;
  /** The first analysis of the document in a process warmed up on others (fresh process per run). */
  firstAnalysis: Summary;
  parse: Summary;
  lex: Summary;
  jsonParse: Summary;
  jsonBytes: number;
  /**
   * Documents per second of analysis over documents per second of JSON.parse of the same model
   * (median times): for the first analysis, and for an analysis of a document seen before.
   */
  ratioToJsonParse: number;
  ratioToJsonParseSeen: number;
  /** The same over chevrotain lexing alone. */
  ratioToLexing: number;
  /** Source MB/s of the analysis, and JSON MB/s of JSON.parse: shown for scale, the ratio above compares the same model. */
  analyzeMBps: number;
  jsonParseMBps: number;
}

const MB = 1024 * 1024;

const FIRST_ANALYSIS_RUNS = 3;

function firstAnalysis(doc: BenchDocument, warmUp: readonly string[]): Summary {
  const script = path.join(__dirname, 'first-analysis.js');
  const runs: number[] = [];
  for (let i = 0; i < FIRST_ANALYSIS_RUNS; i++) {
    const out = execFileSync(process.execPath, [script, doc.file, ...warmUp.filter((f) => f !== doc.file)], { encoding: 'utf8' });
    runs.push((JSON.parse(out) as { ms: number }).ms);
  }
  return summarize(runs);
}

/** `warmUp`: small documents a fresh process analyses before its first analysis of the one measured. */
export function benchCore(documents: readonly BenchDocument[], registries: readonly Registry[], warmUp: readonly string[]): CoreResult[] {
  return documents.map((doc) => {
    const run = () => analyze(doc.text, { uri: `file:///bench/${doc.name}.fenjie`, registries });
    // One run to size the plan (and to warm up the code paths).
    const started = performance.now();
    const analysis = run();
    const estimate = performance.now() - started;
    const analyzeTime = timeSync(run, planFor(estimate, 8000), processCpu);
    const parse = timeSync(() => parseDocument(doc.text), planFor(estimate / 3));
    const lex = timeSync(() => fenjieLexer.tokenize(doc.text), planFor(estimate / 10));
    const json = JSON.stringify(analysis);
    const jsonParse = timeSync(() => JSON.parse(json), planFor(estimate / 5), processCpu);
    const first = firstAnalysis(doc, warmUp);
    const bytes = Buffer.byteLength(doc.text);
    const jsonBytes = Buffer.byteLength(json);
    return {
      document: doc.name,
      tasks: analysis.document.tasks.length,
      bytes,
      diagnostics: analysis.diagnostics.length,
      analyze: analyzeTime,
      firstAnalysis: first,
      parse,
      lex,
      jsonParse,
      jsonBytes,
      ratioToJsonParse: jsonParse.median / first.median,
      ratioToJsonParseSeen: jsonParse.median / analyzeTime.median,
      ratioToLexing: lex.median / analyzeTime.median,
      analyzeMBps: bytes / MB / (analyzeTime.median / 1000),
      jsonParseMBps: jsonBytes / MB / (jsonParse.median / 1000),
    };
  });
}
