/**
 * Code actions. Every fix a diagnostic carries becomes a quick fix; a code with several fixable
 * diagnostics in the document also gets "fix all of them"; `source.fixAll.fenjie` applies every
 * preferred fix at once (safe to run on save: only fixes the checks marked as the likely intent).
 */
import { comparePositions, type Range } from '../../../grammar/src/text';
import { format, type Locale, type MessageArgs } from '../messages';
import type { Diagnostic, Fix, TextEdit } from '../model';
import { rangesOverlap } from './positions';
import type { CodeActionKind, CodeActionPlan, WorkspaceEdits } from './types';

export const FIX_ALL_KIND: CodeActionKind = 'source.fixAll.fenjie';

/**
 * Codes whose fixes are guesses (did-you-mean for an unknown unit or leader). Fix-all may run on
 * save, unattended, so it leaves these to the user; "fix all FJ101" still applies them on request.
 */
const GUESSED_FIXES = new Set(['FJ101', 'FJ201']);

const TITLES = {
  fixAllOfCode: { zh: '修复本文档中全部 {count} 处 {code} 问题', en: 'Fix all {count} {code} problems in this document' },
  fixAll: { zh: '修复本文档中所有可自动修复的问题', en: 'Fix all auto-fixable problems in this document' },
};

function title(key: keyof typeof TITLES, locale: Locale, args: MessageArgs): string {
  return format(TITLES[key][locale], args, locale);
}

function group(documentUri: string, edits: readonly TextEdit[]): WorkspaceEdits {
  const out: WorkspaceEdits = new Map();
  for (const edit of edits) {
    const uri = edit.uri ?? documentUri;
    const list = out.get(uri) ?? [];
    list.push({ range: edit.range, newText: edit.newText });
    out.set(uri, list);
  }
  return out;
}

/** Does a request for `only` kinds want actions of this kind? (`source` wants `source.fixAll.fenjie`.) */
export function kindWanted(kind: CodeActionKind, only: readonly string[] | undefined): boolean {
  if (!only || only.length === 0) return kind === 'quickfix';
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

/** The fix to apply when one is chosen for the user: the preferred one, or the only one. */
function chosenFix(d: Diagnostic, preferredOnly: boolean): Fix | undefined {
  const fixes = d.fixes ?? [];
  return fixes.find((f) => f.preferred) ?? (!preferredOnly && fixes.length === 1 ? fixes[0] : undefined);
}

/**
 * Edits already taken, per document in order of their start. Taken edits never overlap, so a new
 * edit can only conflict with its neighbours: each lookup is a binary search.
 */
class TakenEdits {
  readonly list: TextEdit[] = [];
  private readonly byUri = new Map<string, TextEdit[]>();

  private sorted(edit: TextEdit): TextEdit[] {
    const uri = edit.uri ?? '';
    let sorted = this.byUri.get(uri);
    if (!sorted) this.byUri.set(uri, (sorted = []));
    return sorted;
  }

  /** The index of the first taken edit that starts at or after `edit`'s start. */
  private static firstFrom(sorted: readonly TextEdit[], edit: TextEdit): number {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (comparePositions(sorted[mid].range.start, edit.range.start) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  has(edit: TextEdit): boolean {
    const sorted = this.sorted(edit);
    for (let i = TakenEdits.firstFrom(sorted, edit); i < sorted.length && comparePositions(sorted[i].range.start, edit.range.start) === 0; i++) {
      if (sameEdit(sorted[i], edit)) return true;
    }
    return false;
  }

  conflicts(edit: TextEdit): boolean {
    const sorted = this.sorted(edit);
    const from = TakenEdits.firstFrom(sorted, edit);
    if (from > 0 && touchesInside(sorted[from - 1].range, edit.range)) return true;
    for (let i = from; i < sorted.length && comparePositions(sorted[i].range.start, edit.range.end) <= 0; i++) {
      if (touchesInside(sorted[i].range, edit.range)) return true;
    }
    return false;
  }

  add(edit: TextEdit): void {
    this.list.push(edit);
    const sorted = this.sorted(edit);
    // Diagnostics come in document order, so this is almost always an append.
    const last = sorted[sorted.length - 1];
    if (!last || comparePositions(last.range.start, edit.range.start) <= 0) sorted.push(edit);
    else sorted.splice(TakenEdits.firstFrom(sorted, edit), 0, edit);
  }
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return (a.uri ?? '') === (b.uri ?? '') && a.newText === b.newText && comparePositions(a.range.start, b.range.start) === 0 && comparePositions(a.range.end, b.range.end) === 0;
}

/**
 * The chosen fixes of many diagnostics as one set of edits. A fix that repeats an edit already
 * taken (renumbering offered on every task, often as one shared fix) adds nothing; a fix that
 * would overlap another is left out, so the edits never conflict. Linear in the edits: each is
 * compared only with those taken on its lines.
 */
export function combineFixes(diagnostics: readonly Diagnostic[], preferredOnly: boolean): { edits: TextEdit[]; fixed: Diagnostic[] } {
  const taken = new TakenEdits();
  const takenFixes = new Set<Fix>();
  const fixed: Diagnostic[] = [];
  for (const d of diagnostics) {
    const fix = chosenFix(d, preferredOnly);
    if (!fix) continue;
    if (!takenFixes.has(fix)) {
      const fresh = fix.edits.filter((e) => !taken.has(e));
      if (fresh.some((e) => taken.conflicts(e))) continue;
      for (const edit of fresh) taken.add(edit);
      takenFixes.add(fix);
    }
    fixed.push(d);
  }
  return { edits: taken.list, fixed };
}

/** Overlap that would make two edits conflict: shared characters, or two inserts at one point. */
function touchesInside(a: Range, b: Range): boolean {
  if (!rangesOverlap(a, b)) return false;
  const aEmpty = comparePositions(a.start, a.end) === 0;
  const bEmpty = comparePositions(b.start, b.end) === 0;
  if (aEmpty && bEmpty) return comparePositions(a.start, b.start) === 0;
  // Ranges that only touch at an end do not overlap.
  return comparePositions(a.end, b.start) !== 0 && comparePositions(b.end, a.start) !== 0;
}

/**
 * Actions for a range of a document. `diagnostics` are the document's diagnostics as published
 * (settings applied), so an action never fixes a problem the user turned off.
 */
export function codeActions(documentUri: string, diagnostics: readonly Diagnostic[], range: Range, locale: Locale, only?: readonly string[]): CodeActionPlan[] {
  const actions: CodeActionPlan[] = [];
  if (kindWanted('quickfix', only)) {
    const here = diagnostics.filter((d) => d.fixes?.length && rangesOverlap(d.range, range));
    for (const d of here) {
      for (const fix of d.fixes!) {
        actions.push({ title: fix.title[locale], kind: 'quickfix', diagnostics: [d], edits: group(documentUri, fix.edits), preferred: fix.preferred });
      }
    }
    for (const code of new Set(here.map((d) => d.code))) {
      const ofCode = diagnostics.filter((d) => d.code === code);
      const { edits, fixed } = combineFixes(ofCode, false);
      if (fixed.length < 2) continue;
      actions.push({ title: title('fixAllOfCode', locale, { count: fixed.length, code }), kind: 'quickfix', diagnostics: fixed, edits: group(documentUri, edits) });
    }
  }
  if (only && kindWanted(FIX_ALL_KIND, only)) {
    const { edits, fixed } = combineFixes(
      diagnostics.filter((d) => !GUESSED_FIXES.has(d.code)),
      true,
    );
    if (fixed.length) actions.push({ title: title('fixAll', locale, {}), kind: FIX_ALL_KIND, diagnostics: fixed, edits: group(documentUri, edits) });
  }
  return actions;
}
