/**
 * Registries: loading a registry file into its model, and the index every lookup goes through
 * (names compared by `nameKey`, so width and spaces never matter).
 */
import { parseRegistry } from '../../grammar/src/index';
import type { FieldSyntax } from '../../grammar/src/syntax';
import { nameKey, type Range } from '../../grammar/src/text';
import { diagnostic, type Templates } from './messages';
import type { Diagnostic } from './model';
import type { CollectiveEntry, LeaderEntry, Registry, TermEntry, UnitEntry } from './registry-model';

export type { CollectiveEntry, LeaderEntry, Registry, TermEntry, UnitEntry } from './registry-model';

export const registryTemplates: Templates = {
  FJ801: { zh: '单位库中无法识别的行：应为“单位：”“集合：”“领导：”“术语：”条目或其缩进属性。', en: 'Unrecognised line in the registry: expected a 单位：/集合：/领导：/术语： entry or an indented property of one.' },
  FJ802: { zh: '单位库中“{name}”重复定义（另见第{line}行）。', en: '"{name}" is defined twice in the registry (see also line {line}).' },
  FJ803: { zh: '集合“{name}”循环包含自身：{cycle}。', en: 'Collective "{name}" contains itself: {cycle}.' },
  FJ804: { zh: '“{entry}”条目不认识属性“{name}”。', en: 'Entry "{entry}" has no property "{name}".' },
  FJ805: { zh: '条目名称为空。', en: 'The entry has no name.' },
  FJ806: { zh: '领导“{leader}”分管的“{name}”不是单位库中的单位。', en: 'Leader "{leader}" oversees "{name}", which is not a unit of the registry.' },
  FJ807: { zh: '集合“{collective}”的成员“{name}”不是单位库中的单位。', en: 'Member "{name}" of collective "{collective}" is not a unit of the registry.' },
};

const LIST_SEPARATORS = /[、，,；;]/;

/** Splits a registry value list; registry lists name one entry per item, so punctuation is enough. */
function listOf(value: string): string[] {
  return value
    .split(LIST_SEPARATORS)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** `“四上”企业` → `四上`; `三大目标` stays. */
export function termKey(term: string): string {
  const quoted = /[“"「『]([^”"」』]+)[”"」』]/.exec(term);
  return nameKey(quoted ? quoted[1] : term);
}

const UNIT_PROPERTIES = ['全称', '简称', '别名', '类别', '上级'];
const COLLECTIVE_PROPERTIES = ['成员'];
const LEADER_PROPERTIES = ['职务', '分管'];
const TERM_PROPERTIES = ['释义', '别名'];

export function loadRegistry(text: string, uri: string): Registry {
  const syntax = parseRegistry(text);
  const diagnostics: Diagnostic[] = [];
  const registry: Registry = { uri, units: [], collectives: [], leaders: [], terms: [], diagnostics };
  for (const field of syntax.header) if (field.name === '辖区') registry.jurisdiction = field.value.text.trim();
  for (const stray of syntax.strayLines) diagnostics.push(diagnostic('FJ801', 'error', stray, registryTemplates.FJ801));

  for (const entry of syntax.entries) {
    const name = entry.kind.value.text.trim();
    const nameRange = entry.kind.value.range;
    if (!name) {
      diagnostics.push(diagnostic('FJ805', 'error', entry.kind.nameRange, registryTemplates.FJ805));
      continue;
    }
    const props = new Map<string, FieldSyntax>();
    const allowed =
      entry.kind.name === '单位' ? UNIT_PROPERTIES : entry.kind.name === '集合' ? COLLECTIVE_PROPERTIES : entry.kind.name === '领导' ? LEADER_PROPERTIES : TERM_PROPERTIES;
    for (const p of entry.properties) {
      if (!allowed.includes(p.name)) diagnostics.push(diagnostic('FJ804', 'warning', p.nameRange, registryTemplates.FJ804, { entry: name, name: p.name }));
      else props.set(p.name, p);
    }
    const value = (key: string) => props.get(key)?.value.text.trim() || undefined;
    switch (entry.kind.name) {
      case '单位':
        registry.units.push({
          name,
          nameRange,
          fullName: value('全称'),
          shortNames: listOf(value('简称') ?? ''),
          aliases: listOf(value('别名') ?? ''),
          category: value('类别'),
          parent: value('上级'),
          range: entry.range,
        });
        break;
      case '集合': {
        // `集合：各市人民政府 = 沈阳市人民政府、…` is the one-line form of 成员.
        const [collectiveName, inlineMembers] = name.split(/\s*[=＝]\s*/, 2);
        registry.collectives.push({
          name: collectiveName.trim(),
          nameRange,
          members: listOf([inlineMembers ?? '', value('成员') ?? ''].join('、')),
          range: entry.range,
        });
        break;
      }
      case '领导':
        registry.leaders.push({
          name: nameKey(name),
          nameRange,
          title: value('职务'),
          oversees: listOf(value('分管') ?? ''),
          oversightRange: props.get('分管')?.value.range,
          range: entry.range,
        });
        break;
      default:
        registry.terms.push({ term: name, nameRange, definition: value('释义') ?? '', range: entry.range });
    }
  }
  checkRegistry(registry);
  return registry;
}

function checkRegistry(registry: Registry): void {
  const seen = new Map<string, Range>();
  const define = (name: string, range: Range) => {
    const key = nameKey(name);
    const first = seen.get(key);
    if (first) {
      registry.diagnostics.push(
        diagnostic('FJ802', 'error', range, registryTemplates.FJ802, { name, line: first.start.line + 1 }, { related: [{ range: first, message: { zh: '首次定义', en: 'first definition' } }] }),
      );
    } else seen.set(key, range);
  };
  for (const u of registry.units) define(u.name, u.nameRange);
  for (const c of registry.collectives) define(c.name, c.nameRange);
  const leaderNames = new Map<string, Range>();
  for (const l of registry.leaders) {
    const first = leaderNames.get(l.name);
    if (first) registry.diagnostics.push(diagnostic('FJ802', 'error', l.nameRange, registryTemplates.FJ802, { name: l.name, line: first.start.line + 1 }));
    else leaderNames.set(l.name, l.nameRange);
  }

  const known = new Set<string>();
  for (const u of registry.units) for (const n of [u.name, u.fullName, ...u.shortNames, ...u.aliases]) if (n) known.add(nameKey(n));
  const collectiveByKey = new Map(registry.collectives.map((c) => [nameKey(c.name), c]));
  for (const l of registry.leaders) {
    for (const unit of l.oversees) {
      if (!known.has(nameKey(unit)) && !collectiveByKey.has(nameKey(unit))) {
        registry.diagnostics.push(diagnostic('FJ806', 'warning', l.oversightRange ?? l.nameRange, registryTemplates.FJ806, { leader: l.name, name: unit }));
      }
    }
  }
  for (const c of registry.collectives) {
    for (const member of c.members) {
      if (!known.has(nameKey(member)) && !collectiveByKey.has(nameKey(member))) {
        registry.diagnostics.push(diagnostic('FJ807', 'warning', c.range, registryTemplates.FJ807, { collective: c.name, name: member }));
      }
    }
  }
  // A collective whose members lead back to itself would make expansion loop.
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (c: CollectiveEntry, path: string[]): void => {
    const key = nameKey(c.name);
    if (state.get(key) === 'done') return;
    if (state.get(key) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(c.name)), c.name].join(' → ');
      registry.diagnostics.push(diagnostic('FJ803', 'error', c.nameRange, registryTemplates.FJ803, { name: c.name, cycle }));
      return;
    }
    state.set(key, 'visiting');
    for (const m of c.members) {
      const inner = collectiveByKey.get(nameKey(m));
      if (inner) visit(inner, [...path, c.name]);
    }
    state.set(key, 'done');
  };
  for (const c of registry.collectives) visit(c, []);
}

export type NameMatch =
  | { kind: 'unit'; entry: UnitEntry; viaAlias: boolean }
  | { kind: 'collective'; entry: CollectiveEntry };

/** Collectives every jurisdiction writes without declaring them. */
const GENERIC_COLLECTIVE = /^各.{1,20}$|(?:有关|相关|成员|直属|各)(?:单位|部门)$|成员单位$|领导小组$|^(?:区|市|县|省)直各/;

export function isGenericCollective(name: string): boolean {
  return GENERIC_COLLECTIVE.test(nameKey(name));
}

/**
 * Lookups over one or more registries. Built once per registry set and shared by every
 * document that uses the set; all maps are keyed by `nameKey`.
 */
export class RegistryIndex {
  private readonly names = new Map<string, NameMatch>();
  private readonly leaders = new Map<string, LeaderEntry>();
  private readonly terms = new Map<string, TermEntry>();
  private readonly overseersByUnit = new Map<string, LeaderEntry[]>();
  /** The longest name, to bound the longest-match scan. */
  readonly longestName: number;
  /** Name keys by their first character, longest first, for longest-match splitting. */
  private readonly byFirstChar = new Map<string, string[]>();

  constructor(readonly registries: readonly Registry[]) {
    let longest = 0;
    const add = (name: string | undefined, match: NameMatch) => {
      if (!name) return;
      const key = nameKey(name);
      if (!key || this.names.has(key)) return;
      this.names.set(key, match);
      longest = Math.max(longest, key.length);
      const list = this.byFirstChar.get(key[0]) ?? [];
      list.push(key);
      this.byFirstChar.set(key[0], list);
    };
    for (const r of registries) for (const u of r.units) add(u.name, { kind: 'unit', entry: u, viaAlias: false });
    for (const r of registries) for (const c of r.collectives) add(c.name, { kind: 'collective', entry: c });
    for (const r of registries) {
      for (const u of r.units) for (const n of [u.fullName, ...u.shortNames, ...u.aliases]) add(n, { kind: 'unit', entry: u, viaAlias: true });
    }
    for (const list of this.byFirstChar.values()) list.sort((a, b) => b.length - a.length);
    this.longestName = longest;

    for (const r of registries) {
      for (const l of r.leaders) {
        if (!this.leaders.has(l.name)) this.leaders.set(l.name, l);
        for (const unit of l.oversees) {
          const match = this.names.get(nameKey(unit));
          const key = match ? nameKey(match.entry.name) : nameKey(unit);
          const list = this.overseersByUnit.get(key) ?? [];
          if (!list.includes(l)) list.push(l);
          this.overseersByUnit.set(key, list);
        }
      }
      for (const t of r.terms) if (!this.terms.has(termKey(t.term))) this.terms.set(termKey(t.term), t);
    }
  }

  get isEmpty(): boolean {
    return this.names.size === 0 && this.leaders.size === 0;
  }

  /** A unit or collective by any of its names. */
  lookup(name: string): NameMatch | undefined {
    return this.names.get(nameKey(name));
  }

  leader(name: string): LeaderEntry | undefined {
    return this.leaders.get(nameKey(name));
  }

  term(term: string): TermEntry | undefined {
    return this.terms.get(termKey(term));
  }

  /** The leaders who oversee a unit (by its canonical name or any alias). */
  overseers(unitName: string): LeaderEntry[] {
    const match = this.lookup(unitName);
    return this.overseersByUnit.get(nameKey(match ? match.entry.name : unitName)) ?? [];
  }

  /** The unit of the registry `uri` that defines a name, with the registry it came from. */
  registryOf(entry: UnitEntry | CollectiveEntry | LeaderEntry | TermEntry): Registry | undefined {
    return this.registries.find(
      (r) =>
        (r.units as object[]).includes(entry) || (r.collectives as object[]).includes(entry) || (r.leaders as object[]).includes(entry) || (r.terms as object[]).includes(entry),
    );
  }

  /**
   * Name keys that start at `key[start]` and are prefixes of `key.slice(start)`, longest first.
   * `key` must already be a name key (folded, no spaces).
   */
  namesStartingAt(key: string, start: number): string[] {
    const candidates = this.byFirstChar.get(key[start]);
    if (!candidates) return [];
    return candidates.filter((c) => key.startsWith(c, start));
  }

  allUnits(): UnitEntry[] {
    return this.registries.flatMap((r) => r.units);
  }

  allCollectives(): CollectiveEntry[] {
    return this.registries.flatMap((r) => r.collectives);
  }

  allLeaders(): LeaderEntry[] {
    return this.registries.flatMap((r) => r.leaders);
  }

  allTerms(): TermEntry[] {
    return this.registries.flatMap((r) => r.terms);
  }
}
