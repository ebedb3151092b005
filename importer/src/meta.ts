/**
 * The notice around a table: its metadata become header fields (标题 文号 年度 发文机关 发布日期),
 * and the notice text itself is kept as written in 说明. Lines written as header fields (`文号：…`,
 * several on one line as the Excel export writes them) are taken as they are; a `说明：` line opens
 * the notice, which then runs, as written, to the table.
 */
import { headerField } from '../../grammar/src/fields';
import { appendAll } from '../../core/src/collections';
import type { DraftHeaderField } from './draft';

const DOC_NUMBER = /^[\u4e00-\u9fff]{1,12}[〔［\[(（]\d{4}[〕］\])）]\d+号$/;
/** The last words of a breakdown table's title. */
const TABLE_TITLE = /(?:分工方案|分解表|任务分工|责任分工|任务清单|分解方案|分工表|任务台账)$/;
const ISSUER = /^[\u4e00-\u9fff]{2,24}(?:人民政府|办公室|办公厅|委员会)$/;
const PUBLISHED = /(?:发布时间|发布日期|印发日期|成文日期)\s*[:：]\s*(\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?)/;
const SIGNATURE_DATE = /^\d{4}年\d{1,2}月\d{1,2}日$/;
const DATE = /^\d{4}(?:[-./]\d{1,2}[-./]\d{1,2}|年\d{1,2}月\d{1,2}日)$/;
/** Parts of a metadata line such as the exports write it: `辽政发〔2024〕3号　辽宁省人民政府　2024年2月5日`. */
const META_PARTS = /\u3000+|\s{2,}/;
const EXPLICIT_FIELD = /^([\u4e00-\u9fff]{2,4})\s*[:：](.*)$/;
/** A field name and its colon, as a part of a line of several fields starts. */
const FIELD_LABEL = /([\u4e00-\u9fff]{2,4})[ \t\u3000]*[:：]/g;
const CLAUSE_END = /[。：:，,；;！？!?]$/;

/** Where the table's title is in a preamble: one line, or a short last line that wrapped (`…重点工作` / `分工方案`). */
export function findTableTitle(lines: readonly string[]): { title: string; lines: number[] } | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (!TABLE_TITLE.test(line) || /通知|的$/.test(line)) continue;
    let previous = i - 1;
    while (previous >= 0 && !lines[previous]) previous--;
    if (line.length <= 8 && previous >= 0 && lines[previous].length <= 30 && !CLAUSE_END.test(lines[previous])) {
      return { title: lines[previous] + line, lines: [previous, i] };
    }
    return { title: line, lines: [i] };
  }
  return undefined;
}

/**
 * `文号：辽政发〔2024〕3号　　发文机关：辽宁省人民政府`: a line of two or more header fields, each
 * a known name and its colon after white space; undefined for any other line.
 */
export function labeledFields(line: string): { name: string; value: string }[] | undefined {
  const labels: { name: string; start: number; valueStart: number }[] = [];
  FIELD_LABEL.lastIndex = 0;
  for (let m = FIELD_LABEL.exec(line); m; m = FIELD_LABEL.exec(line)) {
    if (m.index > 0 && !/[\s\u3000]/.test(line[m.index - 1])) continue;
    const definition = headerField(m[1]);
    if (!definition) continue;
    labels.push({ name: definition.canonical, start: m.index, valueStart: m.index + m[0].length });
  }
  if (labels.length < 2 || labels[0].start !== 0) return undefined;
  return labels.map((l, i) => ({ name: l.name, value: line.slice(l.valueStart, labels[i + 1]?.start ?? line.length).trim() }));
}

/** `说明：…` (or `前言：`, `正文：`): the line that opens the notice; its text after the colon. */
function noticeOpening(line: string): string | undefined {
  const explicit = EXPLICIT_FIELD.exec(line);
  return explicit && headerField(explicit[1])?.kind === 'note' && !labeledFields(line) ? explicit[2].trim() : undefined;
}

/**
 * The header of a table from the lines above it (trimmed, in order: the title, the metadata, the
 * notice). The title is the line that reads as a breakdown table's title; in a spreadsheet, whose
 * first row is the title, the first line when none does. From a `说明：` line on, every line is the
 * notice, kept as written.
 */
export function preambleHeader(lines: readonly string[], jurisdiction?: string, options: { firstLineTitle?: boolean } = {}): DraftHeaderField[] {
  const opening = lines.findIndex((l) => noticeOpening(l) !== undefined);
  const before = opening < 0 ? lines : lines.slice(0, opening);
  const notice = opening < 0 ? [] : [noticeOpening(lines[opening])!, ...lines.slice(opening + 1)].filter((l) => l.length > 0);
  const title = findTableTitle(before) ?? (options.firstLineTitle ? firstLineTitle(before) : undefined);
  const rest = before.filter((_, i) => !title?.lines.includes(i));
  return headerFromPreamble(rest, title?.title, jurisdiction, notice);
}

/** The first line as the title, unless it is something else: a field, a document number, an attachment mark, the notice's own title. */
function firstLineTitle(lines: readonly string[]): { title: string; lines: number[] } | undefined {
  const first = lines[0];
  if (!first || EXPLICIT_FIELD.test(first) || DOC_NUMBER.test(first) || /^附件\s*[0-9０-９一二三四五六七八九十]*[:：]?$/.test(first) || /通知/.test(first) || CLAUSE_END.test(first)) return undefined;
  return { title: first, lines: [0] };
}

/**
 * Header fields from the preamble lines (trimmed) and the table title. Lines written as header
 * fields (`文号：…`, the form the exports write) are taken as they are. `notice`: lines of the
 * notice that are kept as written, after the preamble's own.
 */
export function headerFromPreamble(preamble: readonly string[], tableTitle?: string, jurisdiction?: string, notice: readonly string[] = []): DraftHeaderField[] {
  const fields = new Map<string, string[]>();
  const set = (name: string, value: string) => {
    if (!fields.has(name) && value) fields.set(name, [value]);
  };
  const note: string[] = [];
  let title = tableTitle;
  let sawAddressee = false;
  for (const line of preamble) {
    if (!line) continue;
    const labeled = labeledFields(line);
    if (labeled) {
      for (const field of labeled) {
        if (field.name === '说明') note.push(field.value);
        else set(field.name, field.value);
      }
      continue;
    }
    const explicit = EXPLICIT_FIELD.exec(line);
    const definition = explicit ? headerField(explicit[1]) : undefined;
    if (explicit && definition) {
      if (definition.canonical === '说明') note.push(explicit[2].trim());
      else set(definition.canonical, explicit[2].trim());
      continue;
    }
    if (DOC_NUMBER.test(line)) {
      set('文号', line);
      continue;
    }
    const parts = line.split(META_PARTS);
    if (parts.length > 1 && parts.every((p) => DOC_NUMBER.test(p) || ISSUER.test(p) || DATE.test(p))) {
      for (const part of parts) set(DOC_NUMBER.test(part) ? '文号' : ISSUER.test(part) ? '发文机关' : '发布日期', part);
      continue;
    }
    if (!title && TABLE_TITLE.test(line) && !/通知/.test(line)) {
      title = line;
      continue;
    }
    const published = PUBLISHED.exec(line);
    if (published) set('发布日期', published[1]);
    if (sawAddressee && ISSUER.test(line)) set('发文机关', line);
    if (SIGNATURE_DATE.test(line)) set('发布日期', line);
    // The issuer signs below the addressee line (`各市人民政府，…：`), never above it.
    if (/[:：]$/.test(line)) sawAddressee = true;
    note.push(line);
  }
  if (title) set('标题', title);
  const year = /^(\d{4})年/.exec(title ?? '')?.[1] ?? /[〔［\[(（](\d{4})[〕］\])）]/.exec(fields.get('文号')?.[0] ?? '')?.[1];
  if (year) set('年度', year);
  if (jurisdiction) set('辖区', jurisdiction);
  appendAll(note, notice);
  if (note.length > 0) fields.set('说明', note);
  const order = ['标题', '文号', '年度', '发文机关', '发布日期', '单位库', '辖区', '说明'];
  return order.filter((name) => fields.has(name)).map((name) => ({ name, lines: fields.get(name)! }));
}
