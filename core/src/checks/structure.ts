/**
 * Numbering and structure (FJ3xx): task numbers run 1, 2, 3… through the document with no gap or
 * repeat; chapters run 一、二、三… and sections （一）（二）… within their chapter. The numbers are
 * the document's own: the checks report and offer a renumbering, never renumber silently.
 */
import { chineseNumeral } from '../numerals';
import { diagnostic, type Templates } from '../messages';
import type { Fix, Range, TextEdit } from '../model';
import type { Check } from './types';

export const structureTemplates: Templates = {
  FJ301: { zh: '任务编号不连续：{previous} 之后应为 {expected}，此处为 {actual}。', en: 'Task numbers skip: after {previous} comes {expected}, not {actual}.' },
  FJ302: { zh: '任务编号 {number} 重复（另见第{line}行）。', en: 'Task number {number} is used twice (see also line {line}).' },
  FJ303: { zh: '章序号不连续：应为“{expected}、”，此处为“{actual}、”。', en: 'Chapter numerals out of order: expected "{expected}、", found "{actual}、".' },
  FJ304: { zh: '节序号不连续：应为“（{expected}）”，此处为“（{actual}）”。', en: 'Section numerals out of order: expected "（{expected}）", found "（{actual}）".' },
  FJ305: { zh: '文档中没有任务。', en: 'The document has no tasks.' },
};

const renumberTitle = { zh: '按顺序重新编号全部任务', en: 'Renumber all tasks in order' };

/** One fix that renumbers every task 1, 2, 3… keeping each number's own punctuation. */
function renumberAll(numbers: { range: Range; number: string }[]): Fix {
  const edits: TextEdit[] = [];
  numbers.forEach((n, i) => {
    const wanted = String(i + 1);
    if (n.number !== wanted) {
      edits.push({ range: { start: n.range.start, end: { line: n.range.start.line, character: n.range.start.character + n.number.length } }, newText: wanted });
    }
  });
  return { title: renumberTitle, edits };
}

const checkTaskNumbers: Check = ({ document, report }) => {
  const tasks = document.tasks;
  if (tasks.length === 0) {
    report(diagnostic('FJ305', 'info', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, structureTemplates.FJ305));
    return;
  }
  const fix = renumberAll(tasks.map((t) => ({ range: t.numberRange, number: t.number })));
  const firstSeen = new Map<number, Range>();
  let previous: number | undefined;
  for (const task of tasks) {
    const seen = firstSeen.get(task.numberValue);
    if (seen) {
      report(
        diagnostic('FJ302', 'error', task.numberRange, structureTemplates.FJ302, { number: task.number, line: seen.start.line + 1 }, {
          related: [{ range: seen, message: { zh: '首次使用此编号', en: 'first use of this number' } }],
          fixes: [fix],
        }),
      );
    } else {
      firstSeen.set(task.numberValue, task.numberRange);
      const expected = previous === undefined ? 1 : previous + 1;
      if (task.numberValue !== expected && previous !== undefined) {
        report(diagnostic('FJ301', 'warning', task.numberRange, structureTemplates.FJ301, { previous, expected, actual: task.number }, { fixes: [fix] }));
      }
    }
    previous = task.numberValue;
  }
};

function numeralFix(range: Range, numeral: string, expected: number): Fix {
  const at = range.start.character + (range.end.character - range.start.character === numeral.length + 2 ? 1 : 0);
  const edit = { range: { start: { line: range.start.line, character: at }, end: { line: range.start.line, character: at + numeral.length } }, newText: chineseNumeral(expected) };
  return { title: { zh: `改为“${chineseNumeral(expected)}”`, en: `Change to ${chineseNumeral(expected)}` }, edits: [edit], preferred: true };
}

const checkChapterNumerals: Check = ({ document, report }) => {
  let expected = 1;
  for (const chapter of document.chapters) {
    if (chapter.numeral === undefined || chapter.numeralValue === undefined || !chapter.numeralRange) continue;
    if (chapter.numeralValue !== expected) {
      report(
        diagnostic('FJ303', 'warning', chapter.numeralRange, structureTemplates.FJ303, { expected: chineseNumeral(expected), actual: chapter.numeral }, {
          fixes: [numeralFix(chapter.numeralRange, chapter.numeral, expected)],
        }),
      );
    }
    expected = (Number.isNaN(chapter.numeralValue) ? expected : chapter.numeralValue) + 1;
  }
};

const checkSectionNumerals: Check = ({ document, report }) => {
  for (const chapter of document.chapters) {
    let expected = 1;
    for (const section of chapter.sections) {
      if (section.numeralValue !== expected) {
        report(
          diagnostic('FJ304', 'warning', section.numeralRange, structureTemplates.FJ304, { expected: chineseNumeral(expected), actual: section.numeral }, {
            fixes: [numeralFix(section.numeralRange, section.numeral, expected)],
          }),
        );
      }
      expected = (Number.isNaN(section.numeralValue) ? expected : section.numeralValue) + 1;
    }
  }
};

export const structureChecks: Check[] = [checkTaskNumbers, checkChapterNumerals, checkSectionNumerals];
