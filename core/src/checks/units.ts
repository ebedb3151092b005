/**
 * Unit names and task fields (FJ1xx): unknown units with ranked did-you-mean fixes, aliases where
 * a canonical name exists, a unit named twice or both leading and cooperating, a task without a
 * lead unit, empty fields, unknown field names.
 */
import { HEADER_FIELDS, nearestTaskFieldName, TASK_FIELDS } from '../../../grammar/src/fields';
import { nameKey } from '../../../grammar/src/text';
import { diagnostic, localize, type Templates } from '../messages';
import type { Fix, Task, UnitMention } from '../model';
import type { RegistryIndex } from '../registry';
import { comparableName, MAX_NAME_LENGTH, nameSimilarity, SIMILARITY_THRESHOLD, type ComparableName } from '../similarity';
import type { Tokenizer } from '../tokenizer';
import { taskCheck, type Check } from './types';

export const unitTemplates: Templates = {
  FJ101: { zh: '单位库中没有“{name}”。{suggestion}', en: 'The registry has no unit "{name}".{suggestion}' },
  FJ102: { zh: '“{name}”是“{canonical}”的{form}，请使用规范名称。', en: '"{name}" is {form} of "{canonical}"; use the canonical name.' },
  FJ103: { zh: '“{name}”在本任务中重复列出。', en: '"{name}" is listed twice in this task.' },
  FJ104: { zh: '“{name}”同时是牵头单位和配合单位。', en: '"{name}" is both a lead unit and a cooperating unit.' },
  FJ105: { zh: '任务 {number} 没有牵头单位。', en: 'Task {number} has no lead unit (牵头单位).' },
  FJ106: { zh: '字段“{name}”为空。', en: 'Field "{name}" is empty.' },
  FJ107: { zh: '不认识的字段“{name}”，是否应为“{suggestion}”？', en: 'Unknown field "{name}"; did you mean "{suggestion}"?' },
  FJ108: { zh: '不认识的文档头字段“{name}”。可用字段：{known}。', en: 'Unknown header field "{name}". Known fields: {known}.' },
  FJ109: { zh: '任务 {number} 只有配合单位，没有指定牵头单位。', en: 'Task {number} names cooperating units but no lead unit (牵头单位).' },
  FJ110: { zh: '没有可用的单位库，单位和领导名称未作检查。', en: 'No registry is available; unit and leader names were not checked.' },
};

const SUGGESTION = { zh: '是否应为“{name}”？', en: ' Did you mean "{name}"?' };

function replaceFix(mention: { range: UnitMention['range'] }, name: string, preferred: boolean): Fix {
  return { title: { zh: `改为“${name}”`, en: `Change to "${name}"` }, edits: [{ range: mention.range, newText: name }], preferred };
}

/** Every name of each unit, ready to compare: prepared once per registry set and tokenizer. */
function comparableUnits(index: RegistryIndex, tokenizer: Tokenizer): { name: string; forms: ComparableName[] }[] {
  return index.memo(`comparable-units:${tokenizer.name}`, '', () =>
    index.allUnits().map((unit) => {
      const forms = new Set([unit.name, unit.fullName, ...unit.shortNames, ...unit.aliases].filter((n): n is string => !!n));
      return { name: unit.name, forms: [...forms].map((form) => comparableName(form, tokenizer)) };
    }),
  );
}

/** Canonical names ranked for a typed name; aliases count, the suggestion is the canonical name. */
export function suggestUnits(typed: string, index: RegistryIndex, tokenizer: Tokenizer, limit = 3): string[] {
  if (typed.length > MAX_NAME_LENGTH) return [];
  const comparableTyped = comparableName(typed, tokenizer);
  const best = new Map<string, number>();
  for (const unit of comparableUnits(index, tokenizer)) {
    let score = 0;
    for (const form of unit.forms) score = Math.max(score, nameSimilarity(comparableTyped, form));
    if (score >= SIMILARITY_THRESHOLD && score > (best.get(unit.name) ?? 0)) best.set(unit.name, score);
  }
  return [...best.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh'))
    .slice(0, limit)
    .map(([name]) => name);
}

function allMentions(task: Task): UnitMention[] {
  return task.leadUnits.concat(task.cooperatingUnits);
}

/** FJ110: names cannot be checked without a registry (once per document). */
const checkNoRegistry: Check = ({ document, registries, report }) => {
  if (!registries.isEmpty) return;
  if (document.tasks.some((t) => t.leadUnits.length > 0 || t.cooperatingUnits.length > 0)) {
    report(diagnostic('FJ110', 'info', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, unitTemplates.FJ110));
  }
};

/** FJ101, with did-you-mean fixes. */
const checkUnknownUnits = taskCheck('checkUnknownUnits', (task, { registries, tokenizer, report }) => {
  if (registries.isEmpty) return;
  for (const mention of allMentions(task)) {
    if (mention.resolution !== 'unknown') continue;
    const name = mention.expanded ?? mention.text;
    // Ranked once per registry set: a misspelling repeated over many tasks, or in the next version, costs one search.
    const names = registries.memo(`unit-suggestions:${tokenizer.name}`, nameKey(name), () => suggestUnits(name, registries, tokenizer));
    const suggestion = names.length ? localize(SUGGESTION, { name: { zh: names.join('”或“'), en: names.join('" or "') } }) : { zh: '', en: '' };
    report(diagnostic('FJ101', 'error', mention.range, unitTemplates.FJ101, { name, suggestion }, { fixes: names.map((n, i) => replaceFix(mention, n, i === 0)) }));
  }
});

const checkAliases = taskCheck('checkAliases', (task, { registries, report }) => {
  for (const mention of allMentions(task)) {
    if (mention.resolution !== 'alias' || !mention.canonical) continue;
    const match = registries.lookup(mention.text);
    if (match?.kind !== 'unit') continue;
    const key = nameKey(mention.text);
    const form =
      match.entry.fullName && nameKey(match.entry.fullName) === key
        ? { zh: '全称', en: 'the full name' }
        : match.entry.shortNames.some((s) => nameKey(s) === key)
          ? { zh: '简称', en: 'a short name' }
          : { zh: '别名', en: 'another name' };
    report(diagnostic('FJ102', 'hint', mention.range, unitTemplates.FJ102, { name: mention.text, canonical: mention.canonical, form }, { fixes: [replaceFix(mention, mention.canonical, true)] }));
  }
});

/** Identity of a mention for repeat checks: its registry unit, or its name when unknown. */
function identity(mention: UnitMention): string {
  return nameKey(mention.canonical ?? mention.text);
}

function removeFix(list: UnitMention[], index: number): Fix | undefined {
  // Removing an item removes it with the separator before it (or after it, for the first item).
  const mention = list[index];
  const neighbour = index > 0 ? list[index - 1] : list[index + 1];
  if (!neighbour || neighbour.range.end.line !== mention.range.start.line || neighbour.range.start.line !== mention.range.start.line) return undefined;
  const range = index > 0 ? { start: neighbour.range.end, end: mention.range.end } : { start: mention.range.start, end: neighbour.range.start };
  return { title: { zh: `删除重复的“${mention.text}”`, en: `Remove the repeated "${mention.text}"` }, edits: [{ range, newText: '' }], preferred: true };
}

const checkRepeats = taskCheck('checkRepeats', (task, { report }) => {
  for (const list of [task.leadUnits, task.cooperatingUnits]) {
    if (list.length < 2) continue;
    const seen = new Map<string, UnitMention>();
    list.forEach((mention, i) => {
      const id = identity(mention);
      const first = seen.get(id);
      if (!first) {
        seen.set(id, mention);
        return;
      }
      const fix = removeFix(list, i);
      report(
        diagnostic('FJ103', 'warning', mention.range, unitTemplates.FJ103, { name: mention.text }, {
          related: [{ range: first.range, message: { zh: '首次列出', en: 'first listed here' } }],
          fixes: fix ? [fix] : [],
        }),
      );
    });
  }
  if (task.leadUnits.length === 0 || task.cooperatingUnits.length === 0) return;
  const leads = new Map(task.leadUnits.map((m) => [identity(m), m]));
  task.cooperatingUnits.forEach((mention, i) => {
    const lead = leads.get(identity(mention));
    if (!lead) return;
    const fix = removeFix(task.cooperatingUnits, i);
    report(
      diagnostic('FJ104', 'warning', mention.range, unitTemplates.FJ104, { name: mention.text }, {
        related: [{ range: lead.range, message: { zh: '作为牵头单位', en: 'as lead unit' } }],
        fixes: fix ? [{ ...fix, title: { zh: `从配合单位中删除“${mention.text}”`, en: `Remove "${mention.text}" from the cooperating units` } }] : [],
      }),
    );
  });
});

const checkFields = taskCheck('checkFields', (task, { report }) => {
  const hasLead = task.fields.some((f) => f.kind === 'leadUnit');
  const hasCooperating = task.fields.some((f) => f.kind === 'cooperatingUnit');
  if (!hasLead) {
    const indent = ' '.repeat(3);
    const line = (task.fields[0]?.range.start.line ?? task.range.end.line + 1) as number;
    const at = task.fields.length ? { line, character: 0 } : { line: task.range.end.line, character: task.range.end.character };
    const newText = task.fields.length ? `${indent}牵头单位：\n` : `\n${indent}牵头单位：`;
    const fix: Fix = { title: { zh: '添加“牵头单位：”行', en: 'Add a 牵头单位： line' }, edits: [{ range: { start: at, end: at }, newText }] };
    report(diagnostic(hasCooperating ? 'FJ109' : 'FJ105', hasCooperating ? 'info' : 'warning', task.numberRange, hasCooperating ? unitTemplates.FJ109 : unitTemplates.FJ105, { number: task.number }, { fixes: [fix] }));
  }
  for (const field of task.fields) {
    if (field.kind === 'unknown') {
      const suggestion = nearestTaskFieldName(field.name);
      if (suggestion) {
        report(
          diagnostic('FJ107', 'error', field.nameRange, unitTemplates.FJ107, { name: field.name, suggestion }, {
            fixes: [{ title: { zh: `改为“${suggestion}”`, en: `Change to "${suggestion}"` }, edits: [{ range: field.nameRange, newText: suggestion }], preferred: true }],
          }),
        );
      }
    } else if (field.value.trim() === '' && field.kind !== 'remark') {
      report(diagnostic('FJ106', 'warning', field.range, unitTemplates.FJ106, { name: field.name }));
    }
  }
});

const checkHeader: Check = ({ document, report }) => {
  const known = HEADER_FIELDS.map((f) => f.canonical).join('、');
  for (const field of document.header) {
    if (field.kind === 'unknown' && !TASK_FIELDS.some((f) => f.names.includes(field.name))) {
      report(diagnostic('FJ108', 'warning', field.nameRange, unitTemplates.FJ108, { name: field.name, known }));
    }
  }
};

export const unitChecks: Check[] = [checkNoRegistry, checkUnknownUnits, checkAliases, checkRepeats, checkFields, checkHeader];
