/**
 * A task's model and its diagnostics moved some lines up or down, in place: a line added or
 * removed above a task changes nothing computed from its text, only where it stands. The syntax
 * moves first (grammar/src/build.ts); the model and the diagnostics share some of its positions
 * and have their own, and every position must move exactly once (`movePosition`).
 */
import { visitTaskSyntax } from '../../grammar/src/build';
import type { TaskSyntax } from '../../grammar/src/syntax';
import { holdPosition, movePosition, settlePosition, visitRange, type Position } from '../../grammar/src/text';
import type { Diagnostic, Task } from './model';

type Visit = (p: Position) => void;

function visitTask(task: Task, visit: Visit): void {
  visitRange(task.numberRange, visit);
  visitRange(task.textRange, visit);
  for (const f of task.fields) {
    visitRange(f.nameRange, visit);
    visitRange(f.valueRange, visit);
    visitRange(f.range, visit);
  }
  for (const m of task.leadUnits) visitRange(m.range, visit);
  for (const m of task.cooperatingUnits) visitRange(m.range, visit);
  for (const m of task.leaders) visitRange(m.range, visit);
  for (const t of task.targets) {
    visitRange(t.range, visit);
    visitRange(t.valueRange, visit);
    if (t.indicatorRange) visitRange(t.indicatorRange, visit);
  }
  if (task.deadline) visitRange(task.deadline.range, visit);
  visitRange(task.range, visit);
}

/** Ranges in another file (`uri` set: an edit of a registry) stay where they are. */
function visitDiagnostics(diagnostics: readonly Diagnostic[], visit: Visit): void {
  for (const d of diagnostics) {
    visitRange(d.range, visit);
    if (d.related) for (const r of d.related) if (!r.uri) visitRange(r.range, visit);
    if (d.fixes) for (const f of d.fixes) for (const e of f.edits) if (!e.uri) visitRange(e.range, visit);
  }
}

/**
 * Moves a task's model and the per-task diagnostics found on it `lines` lines, after its syntax
 * moved there: the positions they share with the syntax have moved already and are held.
 */
export function moveTaskInPlace(syntax: TaskSyntax, task: Task, diagnostics: readonly Diagnostic[], lines: number): void {
  const move: Visit = (p) => movePosition(p, lines);
  visitTaskSyntax(syntax, holdPosition);
  visitTask(task, move);
  visitDiagnostics(diagnostics, move);
  visitTaskSyntax(syntax, settlePosition);
  visitTask(task, settlePosition);
  visitDiagnostics(diagnostics, settlePosition);
}
