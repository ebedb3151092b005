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
    // Fewer than two qualifiers cannot contradict each other.
    if (target.qualifiers.length < 2) continue;
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

/** The targets of one indicator in document order, with where each is: task index, index in its task. */
interface Group {
  members: Target[];
  task: number[];
  index: number[];
  diagnostics: readonly Diagnostic[];
}

/** A document's targets grouped by indicator at its last analysis: tasks, each task's keys, groups in order of first appearance. */
interface Grouping {
  tasks: readonly Task[];
  keys: (readonly (string | undefined)[])[];
  groups: Map<string, Group>;
}

/**
 * The last grouping of each document, by its first task. An edit changes a few tasks: only the
 * groups of their indicators (before and after) are made again; every other group holds the same
 * targets at the same places, and reports what it reported.
 */
const lastGrouping = new WeakMap<Task, Grouping>();

/** More changed tasks than this and the targets are grouped afresh. */
const MAX_CHANGED_TASKS = 64;

function judged(members: readonly Target[]): readonly Diagnostic[] {
  if (members.length < 2) return [];
  const known = judgedGroups.get(members[0]);
  if (known && sameTargets(known.group, members)) return known.diagnostics;
  const diagnostics = judgeGroup(members);
  judgedGroups.set(members[0], { group: members, diagnostics });
  return diagnostics;
}

function groupAfresh(tasks: readonly Task[]): Grouping {
  const keys: (readonly (string | undefined)[])[] = new Array<readonly (string | undefined)[]>(tasks.length);
  const groups = new Map<string, Group>();
  for (let t = 0; t < tasks.length; t++) {
    const task = tasks[t];
    const own = (keys[t] = task.targets.length ? keysOf(task) : NO_KEYS);
    for (let i = 0; i < own.length; i++) {
      const key = own[i];
      if (key === undefined) continue;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { members: [], task: [], index: [], diagnostics: [] }));
      group.members.push(task.targets[i]);
      group.task.push(t);
      group.index.push(i);
    }
  }
  for (const group of groups.values()) group.diagnostics = judged(group.members);
  return { tasks, keys, groups };
}

const NO_KEYS: readonly (string | undefined)[] = [];

/** The last grouping brought up to date with `tasks`, or undefined when too much differs. */
function regroup(last: Grouping, tasks: readonly Task[]): Grouping | undefined {
  if (last.tasks.length !== tasks.length) return undefined;
  const changed: number[] = [];
  for (let t = 0; t < tasks.length; t++) {
    if (last.tasks[t] === tasks[t]) continue;
    if (changed.length === MAX_CHANGED_TASKS) return undefined;
    changed.push(t);
  }
  const keys = last.keys;
  const affected = new Set<string>();
  for (const t of changed) {
    for (const key of keys[t]) if (key !== undefined) affected.add(key);
    keys[t] = tasks[t].targets.length ? keysOf(tasks[t]) : NO_KEYS;
    for (const key of keys[t]) if (key !== undefined) affected.add(key);
  }
  const groups = last.groups;
  const isChanged = new Set(changed);
  let reorder = false;
  for (const key of affected) {
    const old = groups.get(key);
    // The group's targets in unchanged tasks, merged in document order with those of the changed tasks.
    const kept = { members: [] as Target[], task: [] as number[], index: [] as number[] };
    if (old) {
      for (let k = 0; k < old.members.length; k++) {
        if (isChanged.has(old.task[k])) continue;
        kept.members.push(old.members[k]);
        kept.task.push(old.task[k]);
        kept.index.push(old.index[k]);
      }
    }
    const group: Group = { members: [], task: [], index: [], diagnostics: [] };
    let k = 0;
    const take = (upTo: number) => {
      for (; k < kept.task.length && kept.task[k] < upTo; k++) {
        group.members.push(kept.members[k]);
        group.task.push(kept.task[k]);
        group.index.push(kept.index[k]);
      }
    };
    for (const t of changed) {
      take(t);
      keys[t].forEach((own, i) => {
        if (own !== key) return;
        group.members.push(tasks[t].targets[i]);
        group.task.push(t);
        group.index.push(i);
      });
    }
    take(Infinity);
    if (group.members.length === 0) {
      groups.delete(key);
      continue;
    }
    // A group that starts elsewhere, or a new one, may change the order of first appearance.
    if (!old || old.task[0] !== group.task[0] || old.index[0] !== group.index[0]) reorder = true;
    group.diagnostics = judged(group.members);
    groups.set(key, group);
  }
  const first = (g: Group) => [g.task[0], g.index[0]] as const;
  const ordered = reorder
    ? new Map([...groups].sort(([, x], [, y]) => first(x)[0] - first(y)[0] || first(x)[1] - first(y)[1]))
    : groups;
  return { tasks, keys, groups: ordered };
}

/**
 * FJ404: the same indicator (compared by its folded text, with the same measure and the same kind
 * of verb: a change `增长` is not a level `达到`) given different comparators or values.
 */
export const checkConflictingTargets: Check = ({ document, report }) => {
  const tasks = document.tasks;
  if (tasks.length === 0) return;
  const last = lastGrouping.get(tasks[0]);
  const grouping = (last && regroup(last, tasks)) ?? groupAfresh(tasks);
  lastGrouping.set(tasks[0], grouping);
  for (const group of grouping.groups.values()) {
    const diagnostics = group.diagnostics;
    for (let i = 0; i < diagnostics.length; i++) report(diagnostics[i]);
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
