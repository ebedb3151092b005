/**
 * Runs the core and the language service on one huge input in a worker thread, so the no-crash
 * property can give up on it after a deadline: a synchronous hang in the main thread could not be
 * interrupted, a worker can be terminated.
 */
import { parentPort, workerData } from 'worker_threads';
import type { Position } from '../../grammar/src/text';
import { exerciseCore, exerciseService, newService } from './harness';

const { text, positions } = workerData as { text: string; positions: Position[] };
try {
  exerciseCore(text);
  exerciseService(newService(), text, positions);
  parentPort!.postMessage({ ok: true });
} catch (error) {
  parentPort!.postMessage({ ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
