/**
 * Definition, references, document highlights and rename of units, collectives, leaders and
 * glossary terms, across the open documents, the workspace's `.fenjie` files and the registries.
 *
 * A name is followed to the registry entry it resolves to, so references of 省发展改革委 find
 * 省发改委 too. Rename is narrower: it renames one spelling (the one under the cursor) wherever
 * it names the same entry, in documents and in the registry, and leaves other spellings alone.
 */
import { parseRegistry } from '../../../grammar/src/index';
import type { FieldSyntax } from '../../../grammar/src/syntax';
import { nameKey, type MappedText, type Position, type Range } from '../../../grammar/src/text';
import { rangeTouches, type Hit } from './positions';
import { localize } from '../messages';
import type { FenjieDocument, LocalizedText, TextEdit } from '../model';
import { termKey, type RegistryIndex } from '../registry';
import type { Highlight, Location, PrepareRenameResult, RenameResult, WorkspaceEdits } from './types';
import type { DocumentContext, RegistryFile, Workspace } from './workspace';
import { appendAll } from '../collections';

/** What a name stands for, independent of how it is spelt. */
export type Entity =
  | { kind: 'unit' | 'collective'; key: string; name: string; registry?: string }
  | { kind: 'leader'; key: string; name: string; registry?: string }
  | { kind: 'term'; key: string; name: string };

export function entityOf(hit: Hit | undefined, index: RegistryIndex): Entity | undefined {
  if (!hit) return undefined;
  if (hit.kind === 'unit') {
    const m = hit.mention;
    const match = m.canonical ? index.lookup(m.canonical) : undefined;
    if (match) return { kind: match.kind, key: nameKey(match.entry.name), name: match.entry.name, registry: index.registryOf(match.entry)?.uri };
    return { kind: 'unit', key: nameKey(m.canonical ?? m.text), name: m.canonical ?? m.text };
  }
  if (hit.kind === 'leader') {
    const entry = hit.mention.canonical ? index.leader(hit.mention.canonical) : undefined;
    return { kind: 'leader', key: nameKey(entry?.name ?? hit.mention.text), name: entry?.name ?? hit.mention.text, registry: entry ? index.registryOf(entry)?.uri : undefined };
  }
  if (hit.kind === 'term') return { kind: 'term', key: hit.key, name: hit.term };
  return undefined;
}

/** The written name under the cursor and its range, for rename and highlights. */
function spellingOf(hit: Hit | undefined): { text: string; range: Range } | undefined {
  if (hit?.kind === 'unit' || hit?.kind === 'leader') return { text: hit.mention.text, range: hit.mention.range };
  if (hit?.kind === 'term') return { text: hit.term, range: hit.range };
  return undefined;
}

// Occurrences in documents

interface Occurrence {
  range: Range;
  /** As written. */
  text: string;
  /** A definition (a glossary entry, a registry entry) rather than a use. */
  definition: boolean;
}

function documentOccurrences(document: FenjieDocument, entity: Entity, lineText: (line: number) => string): Occurrence[] {
  const out: Occurrence[] = [];
  if (entity.kind === 'term') {
    for (const g of document.glossary) if (termKey(g.term) === entity.key) out.push({ range: g.termRange, text: g.term, definition: true });
    for (const task of document.tasks) {
      for (let line = task.textRange.start.line; line <= task.textRange.end.line; line++) {
        const text = lineText(line);
        const from = line === task.textRange.start.line ? task.textRange.start.character : 0;
        const to = line === task.textRange.end.line ? task.textRange.end.character : text.length;
        for (let i = text.indexOf(entity.key, from); i >= 0 && i + entity.key.length <= to; i = text.indexOf(entity.key, i + 1)) {
          out.push({ range: { start: { line, character: i }, end: { line, character: i + entity.key.length } }, text: entity.key, definition: false });
        }
      }
    }
    return out;
  }
  for (const task of document.tasks) {
    const mentions = entity.kind === 'leader' ? task.leaders : [...task.leadUnits, ...task.cooperatingUnits];
    for (const m of mentions) if (nameKey(m.canonical ?? m.text) === entity.key) out.push({ range: m.range, text: m.text, definition: false });
  }
  return out;
}

// Occurrences in registries

interface ListItem {
  text: string;
  range: Range;
}

const LIST_SEPARATOR = /[、，,；;]/;

/** The items of a registry value between two offsets, each with its own range; split at separators unless `single`. */
function itemsOf(value: MappedText, from = 0, to = value.text.length, single = false): ListItem[] {
  const items: ListItem[] = [];
  const text = value.text;
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i === to || (!single && LIST_SEPARATOR.test(text[i]))) {
      const raw = text.slice(start, i);
      const lead = raw.length - raw.trimStart().length;
      const trimmed = raw.trim();
      if (trimmed) items.push({ text: trimmed, range: value.rangeOf(start + lead, start + lead + trimmed.length) });
      start = i + 1;
    }
  }
  return items;
}

function whole(value: MappedText): ListItem[] {
  return itemsOf(value, 0, value.text.length, true);
}

function property(properties: readonly FieldSyntax[], name: string): FieldSyntax | undefined {
  return properties.find((p) => p.name === name);
}

/**
 * Every place a registry file writes a name of the entity: the entry itself (name, 全称, 简称,
 * 别名), leaders' 分管 lists and collectives' members. Read from the file's current text, so the
 * ranges are right even while an older version of it is the one in use.
 */
function registryOccurrences(file: RegistryFile, entity: Entity, index: RegistryIndex): Occurrence[] {
  if (entity.kind === 'term') {
    const term = file.current.terms.find((t) => termKey(t.term) === entity.key);
    return term ? [{ range: term.nameRange, text: term.term, definition: true }] : [];
  }
  const syntax = parseRegistry(file.text);
  const out: Occurrence[] = [];
  const belongs = (name: string) => {
    if (entity.kind === 'leader') return nameKey(name) === entity.key;
    const match = index.lookup(name);
    return match ? nameKey(match.entry.name) === entity.key : nameKey(name) === entity.key;
  };
  const add = (items: ListItem[], definition: boolean) => {
    for (const item of items) if (belongs(item.text)) out.push({ ...item, definition });
  };
  for (const entry of syntax.entries) {
    const kind = entry.kind.name;
    if (entity.kind === 'leader') {
      if (kind === '领导') add(whole(entry.kind.value), true);
      continue;
    }
    if (kind === '单位' && entity.kind === 'unit') {
      const own = whole(entry.kind.value);
      if (own.some((i) => belongs(i.text))) {
        add(own, true);
        const fullName = property(entry.properties, '全称');
        if (fullName) add(whole(fullName.value), true);
        for (const name of ['简称', '别名']) {
          const p = property(entry.properties, name);
          if (p) add(itemsOf(p.value), true);
        }
      }
    } else if (kind === '集合') {
      const value = entry.kind.value;
      const equals = value.text.search(/[=＝]/);
      if (entity.kind === 'collective') add(itemsOf(value, 0, equals >= 0 ? equals : value.text.length, true), true);
      if (equals >= 0) add(itemsOf(value, equals + 1), false);
      const members = property(entry.properties, '成员');
      if (members) add(itemsOf(members.value), false);
    } else if (kind === '领导') {
      const oversees = property(entry.properties, '分管');
      if (oversees) add(itemsOf(oversees.value), false);
    }
  }
  return out;
}

// Features

/** A name at a position: what it stands for, how it is spelt there, and the registries it resolves against. */
export interface NameAt {
  entity: Entity;
  spelling: { text: string; range: Range };
  index: RegistryIndex;
  /** The registry files that may write the name. */
  files: RegistryFile[];
  /** A registry name the cursor is on (not a shared-suffix fragment, not a term, not an unknown name). */
  renamable: boolean;
}

export function nameInDocument(ctx: DocumentContext, workspace: Workspace, position: Position): NameAt | undefined {
  const hit = ctx.positions.at(position);
  const entity = entityOf(hit, ctx.registries);
  const spelling = spellingOf(hit);
  if (!entity || !spelling) return undefined;
  const files = ctx.registries.registries.map((r) => workspace.registryFile(r.uri)).filter((f): f is RegistryFile => !!f);
  // A shared-suffix fragment (`大连`) or a bracketed pair is not itself a name of the entry.
  const written = hit?.kind !== 'unit' || ['canonical', 'alias', 'collective'].includes(hit.mention.resolution);
  return { entity, spelling, index: ctx.registries, files, renamable: entity.kind !== 'term' && !!entity.registry && written };
}

/** A name written in a registry file: an entry's name, one of its other names, or a name in a 分管 or 成员 list. */
export function nameInRegistry(file: RegistryFile, workspace: Workspace, position: Position): NameAt | undefined {
  const index = workspace.indexFor([file.current]);
  for (const entry of parseRegistry(file.text).entries) {
    if (!rangeTouches(entry.range, position)) continue;
    const kind = entry.kind.name;
    const value = entry.kind.value;
    const names: { item: ListItem; leader: boolean }[] = [];
    const add = (items: ListItem[], leader = false) => appendAll(names, items.map((item) => ({ item, leader })));
    if (kind === '集合') {
      const equals = value.text.search(/[=＝]/);
      add(itemsOf(value, 0, equals >= 0 ? equals : value.text.length, true));
      if (equals >= 0) add(itemsOf(value, equals + 1));
    } else if (kind !== '术语') add(whole(value), kind === '领导');
    for (const p of entry.properties) {
      if (p.name === '全称') add(whole(p.value));
      else if (['简称', '别名', '成员', '分管'].includes(p.name)) add(itemsOf(p.value));
    }
    const hit = names.find((n) => rangeTouches(n.item.range, position));
    if (!hit) return undefined;
    let entity: Entity;
    if (hit.leader) {
      entity = { kind: 'leader', key: nameKey(hit.item.text), name: hit.item.text, registry: file.uri };
    } else {
      const match = index.lookup(hit.item.text);
      if (!match) return undefined;
      entity = { kind: match.kind, key: nameKey(match.entry.name), name: match.entry.name, registry: file.uri };
    }
    return { entity, spelling: hit.item, index, files: [file], renamable: true };
  }
  return undefined;
}

export function definition(ctx: DocumentContext, workspace: Workspace, position: Position): Location[] {
  const at = nameInDocument(ctx, workspace, position);
  if (!at) return [];
  if (at.entity.kind === 'term') {
    const local = ctx.analysis.document.glossary.find((g) => termKey(g.term) === at.entity.key);
    if (local) return [{ uri: ctx.uri, range: local.termRange }];
  }
  for (const file of at.files) {
    const found = registryOccurrences(file, at.entity, at.index).find((o) => o.definition);
    if (found) return [{ uri: file.uri, range: found.range }];
  }
  return [];
}

/** The documents whose names resolve against the registry that defines the entity (all, for a name no registry knows). */
function relatedContexts(workspace: Workspace, entity: Entity): DocumentContext[] {
  const registry = 'registry' in entity ? entity.registry : undefined;
  const out: DocumentContext[] = [];
  for (const uri of workspace.documentUris()) {
    const other = workspace.context(uri);
    if (!other) continue;
    if (registry && !other.analysis.document.registries.includes(registry)) continue;
    out.push(other);
  }
  return out;
}

/** Every occurrence of the name's entity (or, with `spelling`, of that spelling only) in documents and registry files. */
function occurrences(workspace: Workspace, at: NameAt, onlySpelling: boolean): { uri: string; occurrence: Occurrence }[] {
  const key = nameKey(at.spelling.text);
  const keep = (o: Occurrence) => !onlySpelling || nameKey(o.text) === key;
  const out: { uri: string; occurrence: Occurrence }[] = [];
  for (const other of relatedContexts(workspace, at.entity)) {
    for (const o of documentOccurrences(other.analysis.document, at.entity, (l) => other.lines.lineText(l))) if (keep(o)) out.push({ uri: other.uri, occurrence: o });
  }
  for (const file of at.files) {
    for (const o of registryOccurrences(file, at.entity, at.index)) if (keep(o)) out.push({ uri: file.uri, occurrence: o });
  }
  return out;
}

export function references(workspace: Workspace, at: NameAt | undefined, includeDeclaration: boolean): Location[] {
  if (!at) return [];
  return occurrences(workspace, at, false)
    .filter(({ occurrence }) => includeDeclaration || !occurrence.definition)
    .map(({ uri, occurrence }) => ({ uri, range: occurrence.range }));
}

export function documentHighlights(ctx: DocumentContext, position: Position): Highlight[] {
  const entity = entityOf(ctx.positions.at(position), ctx.registries);
  if (!entity) return [];
  return documentOccurrences(ctx.analysis.document, entity, (l) => ctx.lines.lineText(l)).map((o) => ({ range: o.range, kind: o.definition ? 'write' : 'read' }));
}

const RENAME_MESSAGES = {
  notRenamable: { zh: '只能重命名单位库中的单位、集合或领导。', en: 'Only a unit, collective or leader of the registry can be renamed.' },
  empty: { zh: '新名称不能为空。', en: 'The new name is empty.' },
  invalid: { zh: '新名称不能包含分隔符、冒号或换行。', en: 'The new name cannot contain separators, colons or line breaks.' },
  taken: { zh: '“{name}”已是单位库中另一条目的名称。', en: '"{name}" already names another registry entry.' },
} satisfies Record<string, LocalizedText>;

export function prepareRename(at: NameAt | undefined): PrepareRenameResult | { error: LocalizedText } {
  if (!at?.renamable) return { error: RENAME_MESSAGES.notRenamable };
  return { range: at.spelling.range, placeholder: at.spelling.text };
}

/** Renames one spelling wherever it names the same entry, in documents and registry files. */
export function rename(workspace: Workspace, at: NameAt | undefined, newName: string): RenameResult {
  if (!at?.renamable) return { error: RENAME_MESSAGES.notRenamable };
  const name = newName.trim();
  if (!name) return { error: RENAME_MESSAGES.empty };
  if (/[、，,；;:：\r\n]/.test(name)) return { error: RENAME_MESSAGES.invalid };
  const edits: WorkspaceEdits = new Map();
  if (nameKey(name) === nameKey(at.spelling.text)) return { edits };
  if (at.entity.kind === 'leader' ? at.index.leader(name) : at.index.lookup(name)) return { error: localize(RENAME_MESSAGES.taken, { name }) };
  for (const { uri, occurrence } of occurrences(workspace, at, true)) {
    const list = edits.get(uri) ?? [];
    list.push({ range: occurrence.range, newText: name } satisfies TextEdit);
    edits.set(uri, list);
  }
  return { edits };
}
