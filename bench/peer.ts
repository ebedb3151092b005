/**
 * The peer: what a team would set up instead of Fenjie. The same breakdown table as YAML, checked
 * by yaml-language-server against a JSON Schema whose unit and leader names are enums taken from
 * the same registry. Both documents are derived from one analysis, so they carry the same content;
 * the benchmark remembers where the same task, lead unit and text sit in each.
 */
import { writeFileSync } from 'fs';
import type { Position } from '../grammar/src/text';
import type { Chapter, FenjieDocument, Task } from '../core/src/model';
import type { Registry } from '../core/src/registry';

/** Where the benchmark edits and asks in a document: the same task in both forms. */
export interface Probes {
  /** Inside the task text (an edit inserts a character here). */
  edit: Position;
  /** Just after `牵头单位：` (Fenjie) or at the start of the lead unit item (YAML). */
  completion: Position;
  /** On the lead unit's name. */
  hover: Position;
}

/** The task the probes use: the middle task that names a lead unit, so large documents are probed away from their edges. */
export function probeTask(document: FenjieDocument): Task | undefined {
  const withLead = document.tasks.filter((t) => t.fields.some((f) => f.kind === 'leadUnit' && f.value.trim() !== ''));
  return withLead[Math.floor(withLead.length / 2)];
}

export function fenjieProbes(document: FenjieDocument): Probes | undefined {
  const task = probeTask(document);
  const lead = task?.fields.find((f) => f.kind === 'leadUnit');
  if (!task || !lead) return undefined;
  return {
    edit: { line: task.textRange.start.line, character: task.textRange.start.character + 1 },
    completion: { line: lead.nameRange.end.line, character: lead.nameRange.end.character + 1 },
    hover: { line: lead.valueRange.start.line, character: lead.valueRange.start.character + 1 },
  };
}

export interface PeerDocument {
  text: string;
  probes: Probes | undefined;
}

const quote = (s: string) => JSON.stringify(s);

/**
 * Unit names as a team would list them in YAML: one full name per item. Where Fenjie resolves a
 * name written its own way (`大连、丹东市人民政府`, `省数据局(省营商局)`, an alias) the item is the
 * name it resolves to; names it cannot resolve stay as written, for the schema to reject too.
 */
function unitItems(task: Task, kind: 'leadUnits' | 'cooperatingUnits'): string[] {
  return task[kind].map((m) => m.canonical ?? m.text);
}

/** The document as YAML, one key per field, every string double-quoted (YAML's JSON-compatible form). */
export function toYaml(document: FenjieDocument, schemaUri: string): PeerDocument {
  const lines: string[] = [`# yaml-language-server: $schema=${schemaUri}`];
  const probe = probeTask(document);
  let probes: Probes | undefined;
  const header: [string, string | number | undefined][] = [
    ['标题', document.title],
    ['文号', document.docNumber],
    ['年度', document.year],
    ['发文机关', document.issuer],
    ['发布日期', document.date],
  ];
  for (const [key, value] of header) if (value !== undefined) lines.push(`${key}: ${typeof value === 'number' ? value : quote(value)}`);
  const writeTask = (task: Task, indent: string) => {
    lines.push(`${indent}- 编号: ${Number.isFinite(task.numberValue) ? task.numberValue : quote(task.number)}`);
    const inner = indent + '  ';
    if (task === probe) {
      const textLine = lines.length;
      const leadLine = textLine + 2 + (task.leaders.length ? task.leaders.length + 1 : 0);
      const item = `${inner}  - "`;
      probes = {
        edit: { line: textLine, character: `${inner}内容: "`.length + 1 },
        completion: { line: leadLine, character: item.length },
        hover: { line: leadLine, character: item.length + 1 },
      };
    }
    lines.push(`${inner}内容: ${quote(task.text)}`);
    if (task.leaders.length) lines.push(`${inner}牵头领导:`, ...task.leaders.map((l) => `${inner}  - ${quote(l.text)}`));
    const leads = unitItems(task, 'leadUnits');
    if (leads.length) lines.push(`${inner}牵头单位:`, ...leads.map((u) => `${inner}  - ${quote(u)}`));
    const cooperating = unitItems(task, 'cooperatingUnits');
    if (cooperating.length) lines.push(`${inner}配合单位:`, ...cooperating.map((u) => `${inner}  - ${quote(u)}`));
    if (task.deadline) lines.push(`${inner}完成时限: ${quote(task.deadline.text)}`);
  };
  lines.push('章:');
  for (const chapter of document.chapters as Chapter[]) {
    lines.push(`  - 标题: ${quote(chapter.title)}`);
    if (chapter.tasks.length - chapter.sections.reduce((n, s) => n + s.tasks.length, 0) > 0) {
      lines.push('    任务:');
      const inSections = new Set(chapter.sections.flatMap((s) => s.tasks));
      for (const i of chapter.tasks) if (!inSections.has(i)) writeTask(document.tasks[i], '      ');
    }
    if (chapter.sections.length) {
      lines.push('    节:');
      for (const section of chapter.sections) {
        lines.push(`      - 标题: ${quote(section.title)}`, '        任务:');
        for (const i of section.tasks) writeTask(document.tasks[i], '          ');
      }
    }
  }
  if (document.glossary.length) {
    lines.push('名词解释:');
    for (const g of document.glossary) lines.push(`  - 名词: ${quote(g.term)}`, `    释义: ${quote(g.definition)}`);
  }
  return { text: lines.join('\n') + '\n', probes };
}

/** The JSON Schema a team would write: the document's shape, with units and leaders as enums from the registry. */
export function schemaFor(registry: Registry): object {
  const unitNames = new Set<string>();
  for (const u of registry.units) for (const n of [u.name, u.fullName, ...u.shortNames, ...u.aliases]) if (n) unitNames.add(n);
  for (const c of registry.collectives) unitNames.add(c.name);
  const string = { type: 'string' };
  const task = {
    type: 'object',
    required: ['编号', '内容', '牵头单位'],
    additionalProperties: false,
    properties: {
      编号: { type: 'integer', minimum: 1 },
      内容: { type: 'string', minLength: 1 },
      牵头领导: { type: 'array', items: registry.leaders.length ? { enum: registry.leaders.map((l) => l.name) } : string },
      牵头单位: { type: 'array', minItems: 1, items: { $ref: '#/definitions/unit' } },
      配合单位: { type: 'array', items: { $ref: '#/definitions/unit' } },
      完成时限: { type: 'string', pattern: '^(\\d{4}年)?\\d{1,2}月(底|中旬|上旬|下旬)?前?$|^长期坚持$|^持续推进$' },
    },
  };
  const tasks = { type: 'array', items: { $ref: '#/definitions/task' } };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `Fenjie breakdown table (${registry.jurisdiction ?? registry.uri})`,
    type: 'object',
    required: ['标题', '章'],
    additionalProperties: false,
    definitions: {
      unit: { enum: [...unitNames] },
      task,
      section: { type: 'object', required: ['标题', '任务'], additionalProperties: false, properties: { 标题: string, 任务: tasks } },
      chapter: { type: 'object', required: ['标题'], additionalProperties: false, properties: { 标题: string, 任务: tasks, 节: { type: 'array', items: { $ref: '#/definitions/section' } } } },
    },
    properties: {
      标题: string,
      文号: string,
      年度: { type: 'integer', minimum: 2000, maximum: 2100 },
      发文机关: string,
      发布日期: string,
      章: { type: 'array', minItems: 1, items: { $ref: '#/definitions/chapter' } },
      名词解释: { type: 'array', items: { type: 'object', additionalProperties: false, properties: { 名词: string, 释义: string } } },
    },
  };
}

export function writeSchema(file: string, registry: Registry): void {
  writeFileSync(file, JSON.stringify(schemaFor(registry), null, 2), 'utf8');
}
