/**
 * Numeric targets (FJ4xx), read from `task.targets` as extractTargets found them: a share above
 * 100%, qualifiers that contradict each other, a malformed number, and one indicator given two
 * different targets in the same document.
 */
import { nameKey } from '../../../grammar/src/text';
import { diagnostic, localize, type Templates } from '../messages';
import type { Comparator, Diagnostic, LocalizedText, Target, Task } from '../model';
import { isChangeVerb, isRateIndicator, isWellFormedNumber, QUALIFIER_COMPARATORS } from '../targets';
import { taskCheck, type Check } from './types';

export const targetTemplates: Templates = {
  FJ401: {
    zh: '“{indicator}”是比率，目标 {value}% 超过 100%。',
    en: '"{indicator}" is a share or rate; a target of {value}% is above 100%.',
  },
  FJ402: {
    zh: '目标“{text}”的限定词相互矛盾：{qualifiers}。',
    en: 'The qualifiers of target "{text}" contradict each other: {qualifiers}.',
  },
  FJ403: {
    zh: '数字“{number}”格式有误。',
    en: 'The number "{number}" is malformed.',
  },
  FJ404: {
    zh: '指标“{indicator}”在本文档中有不同的目标：{this} 与 {others}。',
    en: 'Indicator "{indicator}" has different targets in this document: {this} and {others}.',
  },
};

const RELATED_TARGET: LocalizedText = { zh: '同一指标的另一目标：{text}', en: 'Another target for the same indicator: {text}' };
const REPAIR_NUMBER: LocalizedText = { zh: '改为“{number}”', en: 'Change to "{number}"' };

type Direction = 'about' | 'lower' | 'upper';

const DIRECTIONS: Record<Comparator, Direction | undefined> = {
  '≈': 'about', '≥': 'lower', '>': 'lower', '≤': 'upper', '<': 'upper', '=': undefined,
};

/** The target as the messages show it: `≥ 5.5万亩`. */
function describe(target: Target): string {
  return `${target.comparator === '=' ? '' : `${target.comparator} `}${target.valueText}${target.magnitude ?? ''}${target.measure}`;
}

/** FJ401: `覆盖率达到120%`; growth of a rate (`转化率增长120%`) may exceed 100%. */
export const checkRateAbove100 = taskCheck('checkRateAbove100', (task, { report }) => {
  for (const target of task.targets) {
    if (target.measure !== '%' || !(target.scaledValue > 100) || !isRateIndicator(target.indicator) || isChangeVerb(target.verb)) continue;
    report(diagnostic('FJ401', 'warning', target.range, targetTemplates.FJ401, { indicator: target.indicator, value: target.valueText }));
  }
});

/** FJ402: `增长5%左右以上`, `不少于500个左右`, `不少于…以内`. */
export const checkContradictoryQualifiers = taskCheck('checkContradictoryQualifiers', (task, { report }) => {
  for (const target of task.targets) {
    const directions = new Set(target.qualifiers.map((q) => DIRECTIONS[QUALIFIER_COMPARATORS[q]]).filter((d) => d !== undefined));
    if (directions.size < 2) continue;
    report(diagnostic('FJ402', 'warning', target.range, targetTemplates.FJ402, { text: target.text, qualifiers: target.qualifiers.join('、') }));
  }
});

/** `5..5` → `5.5`; undefined when the intended number is not certain (`5.5.1`, `1,0`). */
function repairedNumber(valueText: string): string | undefined {
  const collapsed = valueText.replace(/([.．])[.．]+/g, '$1');
  return collapsed !== valueText && isWellFormedNumber(collapsed) ? collapsed : undefined;
}

/** FJ403: `5..5%`, `5.5.1%`, `1,0%`, `.5%`. */
export const checkMalformedNumber = taskCheck('checkMalformedNumber', (task, { report }) => {
  for (const target of task.targets) {
    if (isWellFormedNumber(target.valueText)) continue;
    const repaired = repairedNumber(target.valueText);
    const fixes = repaired
      ? [{ title: localize(REPAIR_NUMBER, { number: repaired }), edits: [{ range: target.valueRange, newText: repaired }], preferred: true }]
      : [];
    report(diagnostic('FJ403', 'error', target.valueRange, targetTemplates.FJ403, { number: target.valueText }, { fixes }));
  }
});

/** The group key of each of a task's targets (undefined for a target no group takes), by task. */
const targetKeys = new WeakMap<Task, readonly (string | undefined)[]>();

function keysOf(task: Task): readonly (string | undefined)[] {
  let keys = targetKeys.get(task);
  if (!keys) {
    keys = task.targets.map((target) => {
      const indicator = nameKey(target.indicator);
      if (!indicator || !isWellFormedNumber(target.valueText)) return undefined;
      return `${indicator}\u0000${target.measure}\u0000${isChangeVerb(target.verb)}`;
    });
    targetKeys.set(task, keys);
  }
  return keys;
}

/**
 * What FJ404 reported on a group, by its first target: the same targets (the same objects, in
 * the same order; a target belongs to its task's model, reused while the task is unchanged) give
 * the same diagnostics, so after an edit only the groups the edit touched are judged again.
 */
const judgedGroups = new WeakMap<Target, { group: readonly Target[]; diagnostics: readonly Diagnostic[] }>();

function sameTargets(a: readonly Target[], b: readonly Target[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * FJ404: the same indicator (compared by its folded text, with the same measure and the same kind
 * of verb: a change `增长` is not a level `达到`) given different comparators or values.
 */
export const checkConflictingTargets: Check = ({ document, report }) => {
  const groups = new Map<string, Target[]>();
  for (const task of document.tasks) {
    if (task.targets.length === 0) continue;
    const keys = keysOf(task);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key === undefined) continue;
      const group = groups.get(key);
      if (group) group.push(task.targets[i]);
      else groups.set(key, [task.targets[i]]);
    }
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const judged = judgedGroups.get(group[0]);
    if (judged && sameTargets(judged.group, group)) {
      for (const d of judged.diagnostics) report(d);
      continue;
    }
    const diagnostics = judgeGroup(group);
    judgedGroups.set(group[0], { group, diagnostics });
    for (const d of diagnostics) report(d);
  }
};

function judgeGroup(group: readonly Target[]): Diagnostic[] {
  // Targets with equal value and comparator agree; each diagnostic names a few of the others
  // that disagree, so a group of thousands costs linear time and output, not quadratic.
  const distinct = new Map<string, Target[]>();
  for (const t of group) {
    const k = `${t.comparator}${t.scaledValue}`;
    const same = distinct.get(k);
    if (same) same.push(t);
    else distinct.set(k, [t]);
  }
  if (distinct.size < 2) return [];
  const representatives = [...distinct.entries()].map(([k, ts]) => ({ k, first: ts.slice(0, MAX_RELATED_TARGETS) }));
  return group.map((target) => {
    const own = `${target.comparator}${target.scaledValue}`;
    const others = representatives.filter((r) => r.k !== own).flatMap((r) => r.first).slice(0, MAX_RELATED_TARGETS);
    const related = others.map((o) => ({ range: o.range, message: localize(RELATED_TARGET, { text: o.text }) }));
    return diagnostic('FJ404', 'warning', target.range, targetTemplates.FJ404, { indicator: target.indicator, this: describe(target), others: others.map(describe).join('、') }, { related });
  });
}

/** How many disagreeing targets one FJ404 names. */
const MAX_RELATED_TARGETS = 5;

export const targetChecks: Check[] = [checkRateAbove100, checkContradictoryQualifiers, checkMalformedNumber, checkConflictingTargets];
