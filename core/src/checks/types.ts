/**
 * What every check receives. A check is a small function: it reads the model (and the
 * registries through the index), and reports diagnostics; it never throws for bad input.
 */
import type { Diagnostic, FenjieDocument, Task } from '../model';
import type { RegistryIndex } from '../registry';
import type { Tokenizer } from '../tokenizer';

export interface CheckContext {
  document: FenjieDocument;
  registries: RegistryIndex;
  /** Word segmentation (nodejieba when loaded, a character-bigram fallback otherwise). */
  tokenizer: Tokenizer;
  report(diagnostic: Diagnostic): void;
}

export type Check = (context: CheckContext) => void;

/**
 * A check of one task: what it reports depends on the task alone, the registries, the tokenizer
 * and `document.year` — never on other tasks or on where the task is in the document. analyze runs
 * it only on tasks it has not seen with the same registries, tokenizer and year, and keeps what
 * it reported with the task.
 */
export type TaskCheck = (task: Task, context: CheckContext) => void;

/** A per-task check, also callable as a document check (every task in order). */
export interface PerTaskCheck extends Check {
  readonly perTask: TaskCheck;
}

/** The document check that runs `perTask` on every task, named `name` (FJ000 names a failing check). */
export function taskCheck(name: string, perTask: TaskCheck): PerTaskCheck {
  const check = (context: CheckContext) => {
    for (const task of context.document.tasks) perTask(task, context);
  };
  Object.defineProperty(check, 'name', { value: name });
  return Object.assign(check, { perTask });
}

export function isPerTask(check: Check): check is PerTaskCheck {
  return typeof (check as Partial<PerTaskCheck>).perTask === 'function';
}
