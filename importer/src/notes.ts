/**
 * What the importer tells the drafter: the import errors (nothing could be imported) and the notes
 * on lines it had to guess. Every message exists in Chinese and English; notes carry stable codes
 * (FJ9xx) so the editor can show them as diagnostics on the imported document.
 */
import type { Templates } from '../../core/src/messages';
import { localize } from '../../core/src/messages';
import type { Diagnostic, LocalizedText, Severity } from '../../core/src/model';

/** A note on one line of the imported text: a diagnostic that also names its line (0-based). */
export interface ImportNote extends Diagnostic {
  line: number;
}

/** A note before the output exists: the writer places it on the line it belongs to. */
export interface PendingNote {
  code: keyof typeof noteTemplates;
  severity: Severity;
  args?: Record<string, string | number>;
}

export const noteTemplates = {
  FJ901: { zh: '单位库中没有“{name}”，已按原文保留，请核对。', en: '"{name}" is not in the registry; kept as written, please check it.' },
  FJ902: { zh: '“{parts}”被版面拆开，按推测合并为“{name}”，单位库中没有此名称，请核对。', en: '"{parts}" was broken by the layout and joined into "{name}" by guess; the registry does not know it, please check.' },
  FJ904: { zh: '无法从单位库或领导名单确定此行属于哪一列，按位置判为“{field}”，请核对。', en: 'Neither the registry nor the leader names tell which column this line belongs to; placed in "{field}" by position, please check.' },
  FJ905: { zh: '“{value}”不像人名，已按原文保留在“{field}”中，请核对。', en: '"{value}" does not look like a person\'s name; kept as written in "{field}", please check.' },
  FJ906: { zh: '原文此处有一个空单元格，其后的单位按单位库判为“{field}”，请核对。', en: 'The source has an empty cell here; the units after it were placed in "{field}" by the registry, please check.' },
  FJ907: { zh: '表格之后的文字，按原文保留在此。', en: 'Text after the table, kept here as written.' },
  FJ908: { zh: '任务 {number} 之后多出的单元格“{value}”无法归入任何一列，已并入“{field}”，请核对。', en: 'An extra cell "{value}" after task {number} fits no column; merged into "{field}", please check.' },
  FJ909: { zh: '此任务的文字在原文中分为 {count} 行，已连成一行。', en: 'The text of this task spans {count} lines in the source; joined into one.' },
  FJ910: { zh: '这一行不是任务、章节或字段，已并入上一项，请核对。', en: 'This line is neither a task, a heading nor a field; appended to the item before it, please check.' },
  FJ911: { zh: '表格行没有序号，已按原文作为标题行保留。', en: 'A table row without a number; kept as a heading row.' },
} satisfies Templates;

/** Import failures: one clear message, no output. */
export const errorTemplates = {
  empty: { zh: '文件为空。', en: 'The file is empty.' },
  binary: { zh: '文件不是文本，也不是 Word（.docx）或 Excel（.xlsx）文件，无法导入。', en: 'The file is neither text nor a Word (.docx) or Excel (.xlsx) file; nothing can be imported.' },
  encoding: { zh: '无法识别文件的字符编码（既不是 UTF-8，也不是 GB18030/GBK）。', en: 'The character encoding is not recognised (neither UTF-8 nor GB18030/GBK).' },
  notTable: {
    zh: '没有找到分解表：既没有“序号/牵头单位”表头，也没有“牵头单位：”一类的字段行。',
    en: 'No breakdown table found: neither a 序号/牵头单位 column header nor 牵头单位：-style field lines.',
  },
  noTasks: { zh: '找到了表头，但没有编号的任务。', en: 'A table header was found but no numbered tasks.' },
  badZip: { zh: '文件自称是 {kind}，但不是有效的 {kind} 文件（可能已损坏或被改了扩展名）。', en: 'The file claims to be {kind} but is not a valid {kind} file (damaged, or renamed).' },
  noTable: { zh: '{kind} 文件中没有含“牵头单位”或“序号”列的表格。', en: 'The {kind} file has no table with a 牵头单位 or 序号 column.' },
} satisfies Templates;

export class ImportError extends Error {
  readonly localized: LocalizedText;

  constructor(
    readonly reason: keyof typeof errorTemplates,
    args: Record<string, string | number> = {},
  ) {
    const localized = localize(errorTemplates[reason], args);
    super(localized.en);
    this.name = 'ImportError';
    this.localized = localized;
  }
}
