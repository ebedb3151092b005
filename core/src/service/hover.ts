/**
 * Hovers: a unit, a leader, a numeric target, a glossary term or a field name, in Markdown, in
 * the user's language. The range is always the exact name, because the editor's own guess at a
 * word spans a whole run of Chinese characters.
 */
import { HEADER_FIELDS, TASK_FIELDS } from '../../../grammar/src/fields';
import { nameKey, type Position } from '../../../grammar/src/text';
import { format, type Locale, type MessageArgs } from '../messages';
import type { Comparator, FenjieDocument, LocalizedText, Target } from '../model';
import type { CollectiveEntry, LeaderEntry, RegistryIndex, UnitEntry } from '../registry';
import type { HoverResult } from './types';
import type { DocumentContext } from './workspace';

const LABELS = {
  fullName: { zh: '全称', en: 'Full name' },
  shortNames: { zh: '简称', en: 'Short names' },
  aliases: { zh: '别名', en: 'Other names' },
  category: { zh: '类别', en: 'Category' },
  overseenBy: { zh: '分管领导', en: 'Overseen by' },
  inDocument: { zh: '本文档', en: 'In this document' },
  unitCounts: { zh: '牵头 {lead} 项任务，配合 {cooperating} 项任务', en: 'leads {lead} task(s), cooperates on {cooperating}' },
  leaderCounts: { zh: '负责 {count} 项任务', en: 'answerable for {count} task(s)' },
  unknownUnit: { zh: '单位库中没有此单位。', en: 'Not a unit of the registry.' },
  unknownLeader: { zh: '单位库中没有此领导。', en: 'Not a leader of the registry.' },
  genericCollective: { zh: '泛指的单位集合，不逐一检查。', en: 'A collective named generically; its members are not checked one by one.' },
  collective: { zh: '单位集合', en: 'Collective' },
  members: { zh: '成员', en: 'Members' },
  moreMembers: { zh: '等 {count} 个', en: '… {count} in all' },
  sharedSuffix: { zh: '与后一项共用后缀，即“{name}”', en: 'Shares the next item\'s suffix: "{name}"' },
  bracketed: { zh: '括号内为第二名称，按“{name}”检查', en: 'The bracket holds a second name; checked as "{name}"' },
  alias: { zh: '“{canonical}”的另一名称', en: 'Another name of "{canonical}"' },
  title: { zh: '职务', en: 'Position' },
  oversees: { zh: '分管', en: 'Oversees' },
  target: { zh: '数值目标', en: 'Numeric target' },
  indicator: { zh: '指标', en: 'Indicator' },
  comparator: { zh: '比较', en: 'Comparison' },
  value: { zh: '数值', en: 'Value' },
  measure: { zh: '计量单位', en: 'Measure' },
  inWords: { zh: '即', en: 'In words' },
  noIndicator: { zh: '（未写明）', en: '(not written)' },
  term: { zh: '名词解释', en: 'Glossary term' },
  fromGlossary: { zh: '见本文档【名词解释】', en: 'From this document\'s glossary' },
  fromRegistry: { zh: '见单位库 {registry}', en: 'From registry {registry}' },
  taskField: { zh: '任务字段', en: 'Task field' },
  headerField: { zh: '文档头字段', en: 'Header field' },
  synonymOf: { zh: '同“{canonical}”', en: 'Same as {canonical}' },
  fieldNames: { zh: '可写作', en: 'Also written' },
} satisfies Record<string, LocalizedText>;

export type HoverLabel = keyof typeof LABELS;

export function label(key: HoverLabel, locale: Locale, args: MessageArgs = {}): string {
  return format(LABELS[key][locale], args, locale);
}

const COMPARATOR_WORDS: Record<Comparator, LocalizedText> = {
  '≈': { zh: '约为', en: 'about' },
  '=': { zh: '等于', en: 'exactly' },
  '≥': { zh: '不低于', en: 'at least' },
  '>': { zh: '超过', en: 'more than' },
  '≤': { zh: '不超过', en: 'at most' },
  '<': { zh: '低于', en: 'less than' },
};

/** Escapes what Markdown would read as markup; documents are data, never formatting. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => '\\' + c).replace(/\r?\n/g, ' ');
}

function bold(text: string): string {
  return `**${escapeMarkdown(text)}**`;
}

function line(key: HoverLabel, value: string, locale: Locale): string {
  return `${label(key, locale)}${locale === 'zh' ? '：' : ': '}${value}`;
}

function list(names: readonly string[], locale: Locale): string {
  return names.map(escapeMarkdown).join(locale === 'zh' ? '、' : ', ');
}

/** How many tasks of a document each unit leads and cooperates on, and each leader answers for; counted once per version. */
export interface Usage {
  units: Map<string, { lead: number; cooperating: number }>;
  leaders: Map<string, number>;
}

export function usageOf(document: FenjieDocument): Usage {
  const units = new Map<string, { lead: number; cooperating: number }>();
  const leaders = new Map<string, number>();
  const count = (key: string, role: 'lead' | 'cooperating', seen: Set<string>) => {
    if (seen.has(role + key)) return;
    seen.add(role + key);
    const entry = units.get(key) ?? { lead: 0, cooperating: 0 };
    entry[role]++;
    units.set(key, entry);
  };
  for (const task of document.tasks) {
    const seen = new Set<string>();
    for (const m of task.leadUnits) count(nameKey(m.canonical ?? m.text), 'lead', seen);
    for (const m of task.cooperatingUnits) count(nameKey(m.canonical ?? m.text), 'cooperating', seen);
    for (const key of new Set(task.leaders.map((l) => nameKey(l.canonical ?? l.text)))) leaders.set(key, (leaders.get(key) ?? 0) + 1);
  }
  return { units, leaders };
}

function usage(ctx: DocumentContext): Usage {
  return ctx.memo('usage', () => usageOf(ctx.analysis.document));
}

export function unitMarkdown(entry: UnitEntry, index: RegistryIndex, locale: Locale, counts?: { lead: number; cooperating: number }): string {
  const lines = [bold(entry.name) + (entry.category ? ` · ${escapeMarkdown(entry.category)}` : '')];
  if (entry.fullName) lines.push(line('fullName', escapeMarkdown(entry.fullName), locale));
  if (entry.shortNames.length) lines.push(line('shortNames', list(entry.shortNames, locale), locale));
  if (entry.aliases.length) lines.push(line('aliases', list(entry.aliases, locale), locale));
  const overseers = index.overseers(entry.name);
  if (overseers.length) lines.push(line('overseenBy', list(overseers.map((l) => (l.title ? `${l.name}（${l.title}）` : l.name)), locale), locale));
  if (counts) lines.push(line('inDocument', label('unitCounts', locale, counts), locale));
  return lines.join('  \n');
}

const MEMBERS_SHOWN = 12;

export function collectiveMarkdown(entry: CollectiveEntry, locale: Locale, counts?: { lead: number; cooperating: number }): string {
  const lines = [`${bold(entry.name)} · ${label('collective', locale)}`];
  if (entry.members.length) {
    const shown = list(entry.members.slice(0, MEMBERS_SHOWN), locale);
    const more = entry.members.length > MEMBERS_SHOWN ? ' ' + label('moreMembers', locale, { count: entry.members.length }) : '';
    lines.push(line('members', shown + more, locale));
  }
  if (counts) lines.push(line('inDocument', label('unitCounts', locale, counts), locale));
  return lines.join('  \n');
}

export function leaderMarkdown(entry: LeaderEntry, locale: Locale, taskCount?: number): string {
  const lines = [bold(entry.name) + (entry.title ? ` · ${escapeMarkdown(entry.title)}` : '')];
  if (entry.oversees.length) lines.push(line('oversees', list(entry.oversees, locale), locale));
  if (taskCount !== undefined) lines.push(line('inDocument', label('leaderCounts', locale, { count: taskCount }), locale));
  return lines.join('  \n');
}

function formatNumber(value: number, locale: Locale): string {
  return value.toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 6 });
}

export function targetMarkdown(target: Target, locale: Locale): string {
  const comparator = COMPARATOR_WORDS[target.comparator][locale];
  const written = target.valueText + (target.magnitude ?? '');
  const value = target.magnitude ? `${escapeMarkdown(written)}（${formatNumber(target.scaledValue, locale)}）` : escapeMarkdown(written);
  const indicator = target.indicator || label('noIndicator', locale);
  const words =
    locale === 'zh'
      ? `${target.indicator}${target.verb ?? ''}${comparator}${written}${target.measure}`
      : `${target.indicator || 'the indicator'}${target.verb ? ` (${target.verb})` : ''} ${comparator} ${formatNumber(target.scaledValue, locale)} ${target.measure}`.trim();
  return [
    bold(label('target', locale)),
    line('indicator', escapeMarkdown(indicator), locale),
    line('comparator', `${comparator}（${target.comparator}）`, locale),
    line('value', value, locale),
    line('measure', escapeMarkdown(target.measure || '—'), locale),
    line('inWords', escapeMarkdown(words), locale),
  ].join('  \n');
}

function fieldMarkdown(name: string, locale: Locale): string | undefined {
  const task = TASK_FIELDS.find((f) => f.names.includes(name));
  const header = HEADER_FIELDS.find((f) => f.names.includes(name));
  const definition = task ?? header;
  if (!definition) return undefined;
  const heading = `${bold(name)} · ${label(task ? 'taskField' : 'headerField', locale)}`;
  const lines = [heading];
  if (definition.canonical !== name) lines.push(label('synonymOf', locale, { canonical: definition.canonical }));
  lines.push(escapeMarkdown(definition[locale]));
  const others = definition.names.filter((n) => n !== name);
  if (others.length) lines.push(line('fieldNames', list(others, locale), locale));
  return lines.join('  \n');
}

function registryName(uri: string): string {
  const base = uri.split(/[\\/]/).pop() ?? uri;
  try {
    return decodeURIComponent(base);
  } catch {
    return base;
  }
}

export function hover(ctx: DocumentContext, position: Position, locale: Locale): HoverResult | undefined {
  const hit = ctx.positions.at(position);
  if (!hit) return undefined;
  const index = ctx.registries;
  switch (hit.kind) {
    case 'unit': {
      const { mention } = hit;
      const counts = usage(ctx).units.get(nameKey(mention.canonical ?? mention.text));
      const match = mention.canonical ? index.lookup(mention.canonical) : undefined;
      let markdown: string;
      if (match?.kind === 'unit') {
        markdown = unitMarkdown(match.entry, index, locale, counts);
        const note =
          mention.resolution === 'sharedSuffix'
            ? label('sharedSuffix', locale, { name: match.entry.name })
            : mention.resolution === 'bracketed'
              ? label('bracketed', locale, { name: match.entry.name })
              : mention.resolution === 'alias'
                ? label('alias', locale, { canonical: match.entry.name })
                : undefined;
        if (note) markdown = `${escapeMarkdown(note)}  \n\n${markdown}`;
      } else if (match?.kind === 'collective') {
        markdown = collectiveMarkdown(match.entry, locale, counts);
      } else if (mention.resolution === 'collective') {
        markdown = `${bold(mention.text)}  \n${label('genericCollective', locale)}`;
      } else {
        markdown = `${bold(mention.text)}  \n${label('unknownUnit', locale)}`;
      }
      return { markdown, range: mention.range };
    }
    case 'leader': {
      const entry = hit.mention.canonical ? index.leader(hit.mention.canonical) : undefined;
      const count = usage(ctx).leaders.get(nameKey(hit.mention.canonical ?? hit.mention.text));
      const markdown = entry ? leaderMarkdown(entry, locale, count) : `${bold(hit.mention.text)}  \n${label('unknownLeader', locale)}`;
      return { markdown, range: hit.mention.range };
    }
    case 'target':
      return { markdown: targetMarkdown(hit.target, locale), range: hit.target.range };
    case 'term': {
      const registryTerm = index.term(hit.key);
      const definition = hit.entry?.definition ?? registryTerm?.definition;
      if (definition === undefined) return undefined;
      const source = hit.entry
        ? label('fromGlossary', locale)
        : label('fromRegistry', locale, { registry: registryName(index.registryOf(registryTerm!)?.uri ?? '') });
      const name = hit.entry?.term ?? registryTerm!.term;
      return { markdown: [`${bold(name)} · ${label('term', locale)}`, escapeMarkdown(definition), `*${escapeMarkdown(source)}*`].join('  \n'), range: hit.range };
    }
    case 'field':
    case 'headerField': {
      const markdown = fieldMarkdown(hit.field.name, locale);
      return markdown ? { markdown, range: hit.field.nameRange } : undefined;
    }
    case 'taskNumber':
      return undefined;
  }
}
