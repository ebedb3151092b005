/**
 * Registries: loading a registry file into its model, and the index every lookup goes through
 * (names compared by `nameKey`, so width and spaces never matter).
 */
import { parseRegistry } from '../../grammar/src/index';
import type { FieldSyntax } from '../../grammar/src/syntax';
import { nameKey, quotedPart, type Range } from '../../grammar/src/text';
import { TextCache } from '../../grammar/src/cache';
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
  return nameKey(quotedPart(term) ?? term);
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
        const equals = name.search(/[=＝]/);
        const collectiveName = equals < 0 ? name : name.slice(0, equals);
        const inlineMembers = equals < 0 ? undefined : name.slice(equals + 1);
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

/** A trie of name keys by UTF-16 code unit, for the longest match at a position. */
interface TrieNode {
  next: Map<string, TrieNode>;
  /** The name key ending here, if one does. */
  name?: string;
}

/** Everything an index knows, built once per registry set. */
interface IndexTables {
  names: Map<string, NameMatch>;
  leaders: Map<string, LeaderEntry>;
  terms: Map<string, TermEntry>;
  overseersByUnit: Map<string, LeaderEntry[]>;
  trie: TrieNode;
  memos: Map<string, TextCache<unknown>>;
}

function buildTables(registries: readonly Registry[]): IndexTables {
  const tables: IndexTables = { names: new Map(), leaders: new Map(), terms: new Map(), overseersByUnit: new Map(), trie: { next: new Map() }, memos: new Map() };
  const add = (name: string | undefined, match: NameMatch) => {
    if (!name) return;
    const key = nameKey(name);
    if (!key || tables.names.has(key)) return;
    tables.names.set(key, match);
    let node = tables.trie;
    for (const c of key) {
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = { next: new Map() }));
      node = child;
    }
    node.name = key;
  };
  for (const r of registries) for (const u of r.units) add(u.name, { kind: 'unit', entry: u, viaAlias: false });
  for (const r of registries) for (const c of r.collectives) add(c.name, { kind: 'collective', entry: c });
  for (const r of registries) {
    for (const u of r.units) for (const n of [u.fullName, ...u.shortNames, ...u.aliases]) add(n, { kind: 'unit', entry: u, viaAlias: true });
  }
  for (const r of registries) {
    for (const l of r.leaders) {
      if (!tables.leaders.has(l.name)) tables.leaders.set(l.name, l);
      for (const unit of l.oversees) {
        const match = tables.names.get(nameKey(unit));
        const key = match ? nameKey(match.entry.name) : nameKey(unit);
        const list = tables.overseersByUnit.get(key) ?? [];
        if (!list.includes(l)) list.push(l);
        tables.overseersByUnit.set(key, list);
      }
    }
    for (const t of r.terms) if (!tables.terms.has(termKey(t.term))) tables.terms.set(termKey(t.term), t);
  }
  return tables;
}

/**
 * Tables already built, found by the first registry of their set. A registry is immutable once
 * loaded (an edit loads a new one), so an index over the same registries can reuse them, and the
 * memos in them outlive any one analysis.
 */
const builtTables = new WeakMap<Registry, { registries: readonly Registry[]; tables: IndexTables }[]>();
/** Sets kept per first registry (a registry with different extra registries added). */
const MAX_SETS_PER_REGISTRY = 8;
/** Entries kept per memo kind before it starts afresh. */
const MAX_MEMO_ENTRIES = 50_000;

function tablesFor(registries: readonly Registry[]): IndexTables {
  if (registries.length === 0) return buildTables(registries);
  const sets = builtTables.get(registries[0]) ?? [];
  const known = sets.find((s) => s.registries.length === registries.length && s.registries.every((r, i) => r === registries[i]));
  if (known) return known.tables;
  const tables = buildTables(registries);
  sets.push({ registries: [...registries], tables });
  if (sets.length > MAX_SETS_PER_REGISTRY) sets.shift();
  builtTables.set(registries[0], sets);
  return tables;
}

/**
 * Lookups over one or more registries, all keyed by `nameKey`. Indexes over the same registries
 * share their tables, so building one for every analysis costs nothing after the first.
 */
export class RegistryIndex {
  private readonly tables: IndexTables;

  constructor(readonly registries: readonly Registry[]) {
    this.tables = tablesFor(registries);
  }

  get isEmpty(): boolean {
    return this.tables.names.size === 0 && this.tables.leaders.size === 0;
  }

  /** A unit or collective by any of its names. */
  lookup(name: string): NameMatch | undefined {
    return this.tables.names.get(nameKey(name));
  }

  leader(name: string): LeaderEntry | undefined {
    return this.tables.leaders.get(nameKey(name));
  }

  term(term: string): TermEntry | undefined {
    return this.tables.terms.get(termKey(term));
  }

  /** The leaders who oversee a unit (by its canonical name or any alias). */
  overseers(unitName: string): LeaderEntry[] {
    const match = this.lookup(unitName);
    return this.tables.overseersByUnit.get(nameKey(match ? match.entry.name : unitName)) ?? [];
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
    const found: string[] = [];
    let node: TrieNode | undefined = this.tables.trie;
    for (let i = start; i < key.length; i++) {
      node = node.next.get(key[i]);
      if (!node) break;
      if (node.name) found.push(node.name);
    }
    return found.reverse();
  }

  /**
   * A value computed from `key` and the registries, once per registry set: every index over the
   * same registries sees it. `kind` names what is computed, and anything else it depends on
   * (`suggestions:jieba`); each kind keeps up to 50,000 entries (a `TextCache`), then starts afresh.
   */
  memo<T>(kind: string, key: string, compute: () => T): T {
    let entries = this.tables.memos.get(kind);
    if (!entries) this.tables.memos.set(kind, (entries = new TextCache(MAX_MEMO_ENTRIES)));
    return entries.getOrCompute(key, compute) as T;
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
