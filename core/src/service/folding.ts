/**
 * Folding ranges: the header, each chapter, section and task that spans lines, the glossary and
 * note blocks, and runs of comment lines.
 */
import type { LineIndex } from '../../../grammar/src/text';
import type { FenjieDocument } from '../model';
import type { FoldingRegion } from './types';

const COMMENT = /^[ \t\u3000]*[#＃]/;
const BLOCK_HEAD = /^[ \t\u3000]*【/;

export function foldingRegions(document: FenjieDocument, lines: LineIndex): FoldingRegion[] {
  const regions: FoldingRegion[] = [];
  const add = (startLine: number, endLine: number, kind?: FoldingRegion['kind']) => {
    if (endLine > startLine) regions.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
  };
  if (document.header.length) add(document.header[0].nameRange.start.line, document.header[document.header.length - 1].valueRange.end.line);
  for (const chapter of document.chapters) {
    if (!chapter.implicit) add(chapter.range.start.line, chapter.range.end.line);
    for (const section of chapter.sections) add(section.range.start.line, section.range.end.line);
  }
  for (const task of document.tasks) add(task.range.start.line, task.range.end.line);
  if (document.glossary.length) {
    // The glossary's head line is above its first entry, past any blank lines.
    const first = document.glossary[0].range.start.line;
    let head = first;
    while (head > 0 && first - head < 50 && !BLOCK_HEAD.test(lines.lineText(head))) head--;
    add(BLOCK_HEAD.test(lines.lineText(head)) ? head : first, document.glossary[document.glossary.length - 1].range.end.line);
  }
  for (const note of document.notes) add(note.range.start.line, note.range.end.line);
  let runStart = -1;
  for (let line = 0; line <= lines.lineCount; line++) {
    const comment = line < lines.lineCount && COMMENT.test(lines.lineText(line));
    if (comment && runStart < 0) runStart = line;
    if (!comment && runStart >= 0) {
      add(runStart, line - 1, 'comment');
      runStart = -1;
    }
  }
  return regions;
}
