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
import { localize } from '../messages';
import type { FenjieDocument, LocalizedText, TextEdit } from '../model';
import { termKey, type RegistryIndex } from '../registry';
import type { Hit } from './positions';
import type { Highlight, Location, PrepareRenameResult, RenameResult, WorkspaceEdits } from './types';
import type { DocumentContext, RegistryFile, Workspace } from './workspace';

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

export function definition(ctx: DocumentContext, workspace: Workspace, position: Position): Location[] {
  const hit = ctx.positions.at(position);
  const entity = entityOf(hit, ctx.registries);
  if (!entity) return [];
  if (entity.kind === 'term') {
    const local = ctx.analysis.document.glossary.find((g) => termKey(g.term) === entity.key);
    if (local) return [{ uri: ctx.uri, range: local.termRange }];
    return registryDefinitions(ctx, workspace, entity);
  }
  return registryDefinitions(ctx, workspace, entity);
}

function registryDefinitions(ctx: DocumentContext, workspace: Workspace, entity: Entity): Location[] {
  const out: Location[] = [];
  for (const registry of ctx.registries.registries) {
    const file = workspace.registryFile(registry.uri);
    if (!file) continue;
    for (const o of registryOccurrences(file, entity, ctx.registries)) if (o.definition) out.push({ uri: file.uri, range: o.range });
    if (out.length) return out.slice(0, 1);
  }
  return out;
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

function relatedRegistryFiles(ctx: DocumentContext, workspace: Workspace): RegistryFile[] {
  return ctx.registries.registries.map((r) => workspace.registryFile(r.uri)).filter((f): f is RegistryFile => !!f);
}

export function references(ctx: DocumentContext, workspace: Workspace, position: Position, includeDeclaration: boolean): Location[] {
  const entity = entityOf(ctx.positions.at(position), ctx.registries);
  if (!entity) return [];
  const out: Location[] = [];
  for (const other of relatedContexts(workspace, entity)) {
    for (const o of documentOccurrences(other.analysis.document, entity, (l) => other.lines.lineText(l))) {
      if (includeDeclaration || !o.definition) out.push({ uri: other.uri, range: o.range });
    }
  }
  for (const file of relatedRegistryFiles(ctx, workspace)) {
    for (const o of registryOccurrences(file, entity, ctx.registries)) if (includeDeclaration || !o.definition) out.push({ uri: file.uri, range: o.range });
  }
  return out;
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

function renamable(ctx: DocumentContext, position: Position): { entity: Entity; spelling: { text: string; range: Range } } | undefined {
  const hit = ctx.positions.at(position);
  if (hit?.kind !== 'unit' && hit?.kind !== 'leader') return undefined;
  const entity = entityOf(hit, ctx.registries);
  const spelling = spellingOf(hit);
  if (!entity || !spelling || entity.kind === 'term' || !entity.registry) return undefined;
  // A shared-suffix fragment (`大连`) or a bracketed pair is not itself a name of the entry.
  if (hit.kind === 'unit' && !['canonical', 'alias', 'collective'].includes(hit.mention.resolution)) return undefined;
  return { entity, spelling };
}

export function prepareRename(ctx: DocumentContext, position: Position): PrepareRenameResult | { error: LocalizedText } {
  const target = renamable(ctx, position);
  if (!target) return { error: RENAME_MESSAGES.notRenamable };
  return { range: target.spelling.range, placeholder: target.spelling.text };
}

export function rename(ctx: DocumentContext, workspace: Workspace, position: Position, newName: string): RenameResult {
  const target = renamable(ctx, position);
  if (!target) return { error: RENAME_MESSAGES.notRenamable };
  const name = newName.trim();
  if (!name) return { error: RENAME_MESSAGES.empty };
  if (/[、，,；;:：\r\n]/.test(name)) return { error: RENAME_MESSAGES.invalid };
  const oldKey = nameKey(target.spelling.text);
  const edits: WorkspaceEdits = new Map();
  if (nameKey(name) === oldKey) return { edits };
  const index = ctx.registries;
  const taken = target.entity.kind === 'leader' ? index.leader(name) : index.lookup(name);
  if (taken) {
    return { error: localize(RENAME_MESSAGES.taken, { name }) };
  }
  const add = (uri: string, range: Range) => {
    const list = edits.get(uri) ?? [];
    list.push({ range, newText: name } satisfies TextEdit);
    edits.set(uri, list);
  };
  for (const other of relatedContexts(workspace, target.entity)) {
    for (const o of documentOccurrences(other.analysis.document, target.entity, (l) => other.lines.lineText(l))) if (nameKey(o.text) === oldKey) add(other.uri, o.range);
  }
  for (const file of relatedRegistryFiles(ctx, workspace)) {
    for (const o of registryOccurrences(file, target.entity, index)) if (nameKey(o.text) === oldKey) add(file.uri, o.range);
  }
  return { edits };
}
