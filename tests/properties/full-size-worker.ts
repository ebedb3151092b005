/**
 * Runs the core and the language service on one huge input in a worker thread, so the no-crash
 * property can give up on it after a deadline: a synchronous hang in the main thread could not be
 * interrupted, a worker can be terminated. `mode` narrows the work to the analysis alone, or to
 * completion at the given positions, for inputs whose other requests are checked elsewhere.
 */
import { parentPort, workerData } from 'worker_threads';
import type { Position } from '../../grammar/src/text';
import * as assert from 'assert';
import { parseDocument } from '../../grammar/src/index';
import { loadRegistry } from '../../core/src/registry';
import { diagnosticProblems, DOCUMENT_URI, exerciseService, newService, realAnalyze } from './harness';

export type FullSizeMode = 'all' | 'analysis' | 'completion';

const { text, positions, mode } = workerData as { text: string; positions: Position[]; mode: FullSizeMode };
try {
  if (mode === 'all') {
    // The service's diagnostics are the analysis, checked like exerciseCore checks it; parsing and the registry loader on their own.
    parseDocument(text);
    assert.deepStrictEqual(diagnosticProblems(text, loadRegistry(text, 'file:///fuzz/huge.units.fenjie').diagnostics), []);
    exerciseService(newService(), text, positions);
  }
  if (mode === 'analysis') realAnalyze(text);
  if (mode === 'completion') {
    const service = newService();
    service.workspace.setDocument(DOCUMENT_URI, text, 1);
    for (const p of positions) service.completion(DOCUMENT_URI, p);
  }
  parentPort!.postMessage({ ok: true });
} catch (error) {
  parentPort!.postMessage({ ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
