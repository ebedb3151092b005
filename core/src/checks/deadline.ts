/**
 * Deadlines (FJ7xx), read from `task.deadline` as parseDeadline found it: a 完成时限 that does not
 * read as a date or an ongoing commitment, and a date outside the document's 年度. A date before
 * the 年度 is a warning (the task was due before the plan began); a later one is only a hint,
 * since some tasks of a year's plan legitimately run on.
 */
import { diagnostic, type Templates } from '../messages';
import { taskCheck, type Check } from './types';

export const deadlineTemplates: Templates = {
  FJ701: {
    zh: '无法识别完成时限“{text}”；请写成日期（如“2024年12月底”“6月底前”“上半年”）或“长期坚持”“持续推进”。',
    en: 'Deadline "{text}" is not understood; write a date (e.g. 2024年12月底, 6月底前, 上半年) or 长期坚持 / 持续推进.',
  },
  FJ702: {
    zh: '完成时限“{text}”（{year}年）不在本文档年度 {documentYear} 年内。',
    en: 'Deadline "{text}" ({year}) is outside the document\'s year {documentYear}.',
  },
};

/** FJ701: `完成时限：尽快`. */
export const checkUnparsedDeadline = taskCheck('checkUnparsedDeadline', (task, { report }) => {
  const deadline = task.deadline;
  if (deadline?.kind !== 'unparsed') return;
  report(diagnostic('FJ701', 'warning', deadline.range, deadlineTemplates.FJ701, { text: deadline.text }));
});

/** FJ702: `完成时限：2023年6月底` in a 2024 table (warning); `2025年底` is a hint. Ongoing work is exempt. */
export const checkDeadlineYear = taskCheck('checkDeadlineYear', (task, { document, report }) => {
  const documentYear = document.year;
  const deadline = task.deadline;
  if (documentYear === undefined || deadline?.kind !== 'date' || deadline.year === undefined || deadline.year === documentYear) return;
  const severity = deadline.year < documentYear ? 'warning' : 'hint';
  report(diagnostic('FJ702', severity, deadline.range, deadlineTemplates.FJ702, { text: deadline.text, year: deadline.year, documentYear }));
});

export const deadlineChecks: Check[] = [checkUnparsedDeadline, checkDeadlineYear];
