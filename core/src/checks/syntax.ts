/** Syntax problems found by the grammar, as localized diagnostics (FJ0xx). */
import type { DocumentSyntax, SyntaxProblemCode } from '../../../grammar/src/syntax';
import { diagnostic, type Templates } from '../messages';
import type { Diagnostic, Severity } from '../model';

export const syntaxTemplates: Templates = {
  FJ001: {
    zh: '字段“{name}”不在任何任务之下：字段行应写在任务行（如“1. …”）之后。',
    en: 'Field "{name}" does not belong to any task: write field lines after a task line such as "1. …".',
  },
  FJ002: {
    zh: '无法识别的行：缩进的文字只能续写任务或字段；标题行请顶格书写。',
    en: 'Unrecognised line: indented text can only continue a task or a field; write headings at the start of the line.',
  },
  FJ003: { zh: '任务 {number} 没有内容。', en: 'Task {number} has no text.' },
  FJ005: { zh: '标题“{heading}”没有文字。', en: 'Heading "{heading}" has no title.' },
  FJ006: {
    zh: '文档中有不应出现的字符 {code}（控制字符或损坏的编码），请删除或重新输入。',
    en: 'The document contains a character that does not belong in it, {code} (a control character or broken encoding); delete or retype it.',
  },
};

const SEVERITY: Record<SyntaxProblemCode, Severity> = {
  FJ001: 'error',
  FJ002: 'error',
  FJ003: 'error',
  FJ004: 'warning',
  FJ005: 'warning',
  FJ006: 'warning',
};

export function syntaxDiagnostics(syntax: DocumentSyntax): Diagnostic[] {
  return syntax.problems
    .filter((p) => syntaxTemplates[p.code])
    .map((p) => diagnostic(p.code, SEVERITY[p.code], p.range, syntaxTemplates[p.code], p.args));
}
