/**
 * Rebuilding the unit and leader lists of a table cell. Sources separate units with punctuation,
 * with spaces (a PDF table), or with line breaks (a Word cell), and a PDF breaks long names with
 * a space where it wrapped them (`中德园项目（企业） 服务中心`). The registry decides what is one
 * name (longest match, names may contain `、`); where it knows nothing, a fragment that does not
 * end like a unit name is joined to the next one and the join is reported.
 */
import { isGenericCollective, type RegistryIndex } from '../../core/src/registry';
import { fold, nameKey } from '../../grammar/src/text';
import type { PendingNote } from './notes';

const SEPARATOR = /[、，,；;]/;
const SPACE = /[\s\u3000\u00a0]/;

/** Characters a unit name ends with (局, 委员会, 中心, 街道, 公司…), before a bracketed second name. */
const UNIT_ENDING = /[局委办部厅院会室所站队组心府道镇乡村处科团司社行馆位关校区]$/;
/** Where a new unit name starts: a fragment starting like this is never the tail of a broken name. */
const UNIT_START = /^(?:区|市|省|县|各|经开区|中德|两区)/;
/** How many layout fragments a broken name may span. */
const MAX_FRAGMENTS = 4;

interface Fragment {
  text: string;
  /** How the fragment is separated from the next one: a separator character, or white space. */
  after?: { kind: 'separator'; char: string } | { kind: 'space' };
}

/**
 * Splits cell lines into fragments at separators and white space (a line break is white space),
 * remembering which it was. A separator inside brackets is part of the name.
 */
function fragmentsOf(lines: readonly string[]): Fragment[] {
  const fragments: Fragment[] = [];
  let current = '';
  let gap: Fragment['after'];
  let depth = 0;
  const boundary = (next: NonNullable<Fragment['after']>) => {
    if (current) {
      fragments.push({ text: current });
      current = '';
      gap = undefined;
    }
    // A separator wins over white space next to it.
    if (next.kind === 'separator' ? !gap || gap.kind === 'space' : !gap) gap = next;
  };
  for (const line of lines) {
    for (const char of line) {
      if (depth === 0 && SEPARATOR.test(char)) boundary({ kind: 'separator', char });
      else if (SPACE.test(char)) boundary({ kind: 'space' });
      else {
        if (!current && fragments.length > 0) fragments[fragments.length - 1].after = gap ?? { kind: 'space' };
        if (char === '(' || char === '（') depth++;
        else if ((char === ')' || char === '）') && depth > 0) depth--;
        current += char;
      }
    }
    boundary({ kind: 'space' });
  }
  return fragments;
}

function joined(fragments: readonly Fragment[], from: number, to: number): string {
  let text = '';
  for (let i = from; i <= to; i++) {
    text += fragments[i].text;
    const after = fragments[i].after;
    if (i < to && after?.kind === 'separator') text += after.char;
  }
  return text;
}

function known(name: string, index: RegistryIndex | undefined): boolean {
  return index?.lookup(name) !== undefined;
}

/** Whether a name ends like a unit or collective (`…局`, `…中心`, `…成员单位`), so it is not the head of a broken one. */
export function endsLikeUnitName(name: string): boolean {
  const stem = fold(name).replace(/等$/, '').replace(/\([^()]*\)$/, '');
  return UNIT_ENDING.test(stem) || isGenericCollective(name);
}

export interface RebuiltList {
  value: string;
  notes: PendingNote[];
}

/** Normalised separator between two items of the rebuilt list. */
function separatorText(after: Fragment['after']): string {
  if (!after || after.kind === 'space') return '、';
  return after.char === ',' ? '，' : after.char === ';' ? '；' : after.char;
}

/** A unit list cell, rebuilt as a Fenjie list: units as written (layout spaces removed), separated by 、 or the source's own separator. */
export function rebuildUnitList(lines: readonly string[], index?: RegistryIndex): RebuiltList {
  const fragments = fragmentsOf(lines);
  const notes: PendingNote[] = [];
  let value = '';
  let i = 0;
  while (i < fragments.length) {
    let end = i;
    let registryMatch = false;
    for (let j = Math.min(fragments.length - 1, i + MAX_FRAGMENTS - 1); j > i; j--) {
      if (known(joined(fragments, i, j), index)) {
        end = j;
        registryMatch = true;
        break;
      }
    }
    if (!registryMatch && !known(fragments[i].text, index)) {
      // Only a fragment broken by the layout (white space, not a separator) may be the head of a longer name.
      while (
        end + 1 < fragments.length &&
        end - i + 1 < MAX_FRAGMENTS &&
        fragments[end].after?.kind === 'space' &&
        !endsLikeUnitName(fragments[end].text) &&
        !known(fragments[end + 1].text, index) &&
        !UNIT_START.test(fragments[end + 1].text)
      ) {
        end++;
      }
      if (end > i) {
        const parts = fragments.slice(i, end + 1).map((f) => f.text);
        notes.push({ code: 'FJ902', severity: 'warning', args: { parts: parts.join(' '), name: parts.join('') } });
      }
    }
    value += joined(fragments, i, end);
    if (end + 1 < fragments.length) value += separatorText(fragments[end].after);
    i = end + 1;
  }
  return { value, notes };
}

/** A leader cell: names separated by punctuation or line breaks; spaces inside a name (`王 健`) dropped. */
export function rebuildLeaderList(lines: readonly string[]): string[] {
  return lines
    .flatMap((line) => line.split(SEPARATOR))
    .map((name) => name.replace(/[\s\u3000\u00a0]+/g, ''))
    .filter((name) => name.length > 0);
}

/** A person's name: two to five Chinese characters (a middle dot for transliterated names). */
export function looksLikePersonName(text: string, index?: RegistryIndex): boolean {
  const key = nameKey(text);
  if (index?.leader(key)) return true;
  return /^[\u4e00-\u9fff·]{2,5}$/.test(key) && !known(key, index) && !endsLikeUnitName(key);
}
