/**
 * Numbering and structure (FJ3xx): task numbers run 1, 2, 3… through the document with no gap or
 * repeat; chapters run 一、二、三… and sections （一）（二）… within their chapter. The numbers are
 * the document's own: the checks report and offer a renumbering, never renumber silently.
 */
import { chineseNumeral } from '../numerals';
import { diagnostic, type Templates } from '../messages';
import type { Diagnostic, Fix, Range, TextEdit } from '../model';
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

/** The edit that puts `expected` in place of a chapter's `一` or a section's `（一）` numeral. */
function numeralEdit(range: Range, numeral: string, expected: number): TextEdit {
  const at = range.start.character + (range.end.character - range.start.character === numeral.length + 2 ? 1 : 0);
  return { range: { start: { line: range.start.line, character: at }, end: { line: range.start.line, character: at + numeral.length } }, newText: chineseNumeral(expected) };
}

interface Numbered {
  numeral: string;
  numeralValue: number;
  numeralRange: Range;
}

const renumberTitles = {
  chapters: { zh: '按顺序重新编号全部章', en: 'Renumber all chapters in order' },
  sections: { zh: '按顺序重新编号本章各节', en: 'Renumber the sections of this chapter in order' },
};

/**
 * Reports numerals out of sequence. After a wrong numeral the count goes on from it (一、三、四
 * reports only 三), so one skipped or inserted heading is one problem. Each problem offers the
 * renumbering of the whole sequence, which always resolves it; changing the one numeral is
 * offered too (and preferred) only where that resolves it without moving the problem to the
 * next heading, that is where the next numeral already follows the expected one.
 */
function checkSequence(items: readonly Numbered[], report: (d: Diagnostic) => void, code: 'FJ303' | 'FJ304', renumberTitle: Fix['title']): void {
  let renumber: Fix | undefined;
  let expected = 1;
  items.forEach((item, i) => {
    if (item.numeralValue !== expected) {
      renumber ??= {
        title: renumberTitle,
        edits: items.flatMap((other, k) => (other.numeralValue === k + 1 ? [] : [numeralEdit(other.numeralRange, other.numeral, k + 1)])),
      };
      const next = items[i + 1];
      const fixes: Fix[] = [];
      if (!next || next.numeralValue === expected + 1) {
        fixes.push({ title: { zh: `改为“${chineseNumeral(expected)}”`, en: `Change to ${chineseNumeral(expected)}` }, edits: [numeralEdit(item.numeralRange, item.numeral, expected)], preferred: true });
      }
      fixes.push(renumber);
      report(diagnostic(code, 'warning', item.numeralRange, structureTemplates[code], { expected: chineseNumeral(expected), actual: item.numeral }, { fixes }));
    }
    expected = (Number.isNaN(item.numeralValue) ? expected : item.numeralValue) + 1;
  });
}

const checkChapterNumerals: Check = ({ document, report }) => {
  const numbered = document.chapters.filter((c): c is typeof c & Numbered => c.numeral !== undefined && c.numeralValue !== undefined && c.numeralRange !== undefined);
  checkSequence(numbered, report, 'FJ303', renumberTitles.chapters);
};

const checkSectionNumerals: Check = ({ document, report }) => {
  for (const chapter of document.chapters) checkSequence(chapter.sections, report, 'FJ304', renumberTitles.sections);
};

export const structureChecks: Check[] = [checkTaskNumbers, checkChapterNumerals, checkSectionNumerals];
