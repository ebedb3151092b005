/**
 * A task's model and its diagnostics moved some lines up or down: a line added or removed above
 * a task changes nothing computed from its text, only where it stands. Copies, never changes: the
 * last analysis (and any other document holding the same task) keeps its own objects. Each copy
 * keeps its original's properties in their order, so it serializes as a fresh analysis would.
 */
import { shiftRange } from '../../grammar/src/text';
import type { Diagnostic, Task } from './model';

export function movedTask(task: Task, lines: number): Task {
  const moved: Task = {
    ...task,
    numberRange: shiftRange(task.numberRange, lines),
    textRange: shiftRange(task.textRange, lines),
    fields: task.fields.map((f) => ({ ...f, nameRange: shiftRange(f.nameRange, lines), valueRange: shiftRange(f.valueRange, lines), range: shiftRange(f.range, lines) })),
    leadUnits: task.leadUnits.map((m) => ({ ...m, range: shiftRange(m.range, lines) })),
    cooperatingUnits: task.cooperatingUnits.map((m) => ({ ...m, range: shiftRange(m.range, lines) })),
    leaders: task.leaders.map((m) => ({ ...m, range: shiftRange(m.range, lines) })),
    targets: task.targets.map((t) => {
      const target = { ...t, range: shiftRange(t.range, lines), valueRange: shiftRange(t.valueRange, lines) };
      if (t.indicatorRange) target.indicatorRange = shiftRange(t.indicatorRange, lines);
      return target;
    }),
    range: shiftRange(task.range, lines),
  };
  if (task.deadline) moved.deadline = { ...task.deadline, range: shiftRange(task.deadline.range, lines) };
  return moved;
}

/** Ranges in another file (`uri` set: an edit of a registry) stay where they are. */
export function movedDiagnostics(diagnostics: readonly Diagnostic[], lines: number): readonly Diagnostic[] {
  return diagnostics.map((d) => {
    const moved: Diagnostic = { ...d, range: shiftRange(d.range, lines) };
    if (d.related) moved.related = d.related.map((r) => (r.uri ? r : { ...r, range: shiftRange(r.range, lines) }));
    if (d.fixes) moved.fixes = d.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => (e.uri ? e : { ...e, range: shiftRange(e.range, lines) })) }));
    return moved;
  });
}
