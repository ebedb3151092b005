/**
 * Runs the core and the language service on one huge input in a worker thread, so the no-crash
 * property can give up on it after a deadline: a synchronous hang in the main thread could not be
 * interrupted, a worker can be terminated. `mode` narrows the work to the core alone, or to
 * completion at the given positions, for inputs whose other requests are checked elsewhere.
 */
import { parentPort, workerData } from 'worker_threads';
import type { Position } from '../../grammar/src/text';
import { DOCUMENT_URI, exerciseCore, exerciseService, newService } from './harness';

export type FullSizeMode = 'all' | 'core' | 'completion';

const { text, positions, mode } = workerData as { text: string; positions: Position[]; mode: FullSizeMode };
try {
  if (mode !== 'completion') exerciseCore(text);
  if (mode === 'all') exerciseService(newService(), text, positions);
  if (mode === 'completion') {
    const service = newService();
    service.workspace.setDocument(DOCUMENT_URI, text, 1);
    for (const p of positions) service.completion(DOCUMENT_URI, p);
  }
  parentPort!.postMessage({ ok: true });
} catch (error) {
  parentPort!.postMessage({ ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
