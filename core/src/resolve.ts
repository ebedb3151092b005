/**
 * Splitting field values into names and resolving them against the registry index. A unit list
 * splits by the registry's longest match first and by punctuation only where the registry knows
 * nothing, so `经开区、中德园财政和资本运营部` stays one unit and `省商务厅等，各市人民政府` is two.
 */
import { fold, MappedText } from '../../grammar/src/text';
import type { LeaderMention, UnitMention } from './model';
import { isGenericCollective, RegistryIndex } from './registry';

const SPACE = /[\s\u3000\u00a0]/;
const ETC = '等'.charCodeAt(0);

/** `、，,；;` (by code: the loops here look at every character of every list). */
function isSeparator(code: number): boolean {
  return code === 0x3001 || code === 0xff0c || code === 0x2c || code === 0xff1b || code === 0x3b;
}

/** A value seen with spaces removed and widths folded, remembering where each character came from. */
interface KeyedText {
  key: string;
  /**
   * origin[i] is the offset in the original text of key[i]; origin[key.length] is the text's
   * length. Absent when the text had no space: every character stays where it is.
   */
  origin?: number[];
}

/** Where `key[at]` came from in the original text. */
function originOf(keyedText: KeyedText, at: number): number {
  return keyedText.origin ? keyedText.origin[at] : at;
}

const HAS_SPACE = /[\s\u3000\u00a0]/;

function keyed(text: string): KeyedText {
  const folded = fold(text);
  if (!HAS_SPACE.test(folded)) return { key: folded };
  let key = '';
  const origin: number[] = [];
  for (let i = 0; i < folded.length; i++) {
    if (SPACE.test(folded[i])) continue;
    key += folded[i];
    origin.push(i);
  }
  origin.push(text.length);
  return { key, origin };
}

function isBoundary(key: string, at: number): boolean {
  return at >= key.length || isSeparator(key.charCodeAt(at));
}

/** Where an item that the registry does not know ends: at the next separator outside brackets. */
function itemEnd(key: string, start: number): number {
  let depth = 0;
  for (let i = start; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === 0x28 || c === 0xff08) depth++;
    else if ((c === 0x29 || c === 0xff09) && depth > 0) depth--;
    else if (depth === 0 && isSeparator(c)) return i;
  }
  return key.length;
}

interface RawItem {
  start: number;
  end: number;
  etc: boolean;
}

function splitItems(key: string, index: RegistryIndex): RawItem[] {
  const items: RawItem[] = [];
  let i = 0;
  while (i < key.length) {
    if (isSeparator(key.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = -1;
    for (const name of index.namesStartingAt(key, i)) {
      const after = i + name.length;
      if (isBoundary(key, after) || (key.charCodeAt(after) === ETC && isBoundary(key, after + 1))) {
        end = after;
        break;
      }
    }
    if (end < 0) end = itemEnd(key, i);
    let etc = false;
    let next = end;
    if (key.charCodeAt(end) === ETC && isBoundary(key, end + 1)) {
      etc = true;
      next = end + 1;
    } else if (end - i > 1 && key.charCodeAt(end - 1) === ETC) {
      etc = true;
      end -= 1;
    }
    items.push({ start: i, end, etc });
    i = next;
  }
  return items;
}

/** `省数据局(省营商局)` → `省数据局`: the name before a closing bracketed part, found without backtracking. */
function outerName(name: string): string | undefined {
  const last = name[name.length - 1];
  if (last !== ')' && last !== '）') return undefined;
  const open = Math.max(name.lastIndexOf('('), name.lastIndexOf('（'));
  return open > 0 && open < name.length - 2 ? name.slice(0, open) : undefined;
}

function resolveName(name: string, index: RegistryIndex): Omit<UnitMention, 'range'> {
  const match = index.lookup(name);
  if (match?.kind === 'unit') return { text: name, canonical: match.entry.name, resolution: match.viaAlias ? 'alias' : 'canonical' };
  if (match?.kind === 'collective') return { text: name, canonical: match.entry.name, resolution: 'collective' };
  const outerText = outerName(name);
  if (outerText) {
    const outer = index.lookup(outerText);
    if (outer?.kind === 'unit') return { text: name, canonical: outer.entry.name, resolution: 'bracketed' };
  }
  if (isGenericCollective(name)) return { text: name, canonical: undefined, resolution: 'collective' };
  return { text: name, canonical: undefined, resolution: 'unknown' };
}

/** `大连` before `丹东市人民政府` is `大连市人民政府`: try the next item's suffixes on an unknown short item. */
function completeSharedSuffix(item: Omit<UnitMention, 'range'>, next: Omit<UnitMention, 'range'>, index: RegistryIndex): void {
  const head = fold(item.text).replace(/\s+/g, '');
  // The suffix comes from the name the next item resolved to: in `大连、鞍山、葫芦岛市人民政府` the
  // run is completed from the end, so `鞍山` already stands for `鞍山市人民政府` when `大连` asks.
  const nextKey = fold(next.canonical ?? next.text).replace(/\s+/g, '');
  if (head.length > 6 || head.length >= nextKey.length) return;
  for (let cut = 1; cut < nextKey.length - 1; cut++) {
    const match = index.lookup(head + nextKey.slice(cut));
    if (match?.kind === 'unit') {
      item.canonical = match.entry.name;
      item.resolution = 'sharedSuffix';
      item.expanded = head + nextKey.slice(cut);
      return;
    }
  }
  // Inside a run the unknown item still stands for a full name (`虎扑体育` for `虎扑体育市人民政府`).
  if (next.expanded) item.expanded = head + next.expanded.slice(fold(next.text).replace(/\s+/g, '').length);
}

/** A unit list item as resolved, by its offsets in the list's text: the same text resolves the same wherever it stands. */
interface ResolvedItem {
  start: number;
  end: number;
  mention: Omit<UnitMention, 'range'>;
}

function resolveItems(text: string, index: RegistryIndex): ResolvedItem[] {
  const keyedText = keyed(text);
  const items: ResolvedItem[] = splitItems(keyedText.key, index).map((item) => {
    const start = originOf(keyedText, item.start);
    const end = originOf(keyedText, item.end - 1) + 1;
    const name = text.slice(start, end);
    const mention = resolveName(name, index);
    if (item.etc) mention.etc = true;
    return { start, end, mention };
  });
  for (let i = items.length - 2; i >= 0; i--) {
    if (items[i].mention.resolution === 'unknown' && items[i + 1].mention.resolution !== 'unknown') completeSharedSuffix(items[i].mention, items[i + 1].mention, index);
  }
  return items;
}

/** The units of a field value. Lists repeat (`各市人民政府，省沈抚示范区管委会`), so each text is resolved once per registry set. */
export function resolveUnitList(value: MappedText, index: RegistryIndex): UnitMention[] {
  return index
    .memo('unit-list', value.text, () => resolveItems(value.text, index))
    .map(({ start, end, mention }) => {
      // Spelled out, in the order of the memoized mention: rest and spread cost more than the rest of this loop.
      const placed: UnitMention = { text: mention.text, range: value.rangeOf(start, end), canonical: mention.canonical, resolution: mention.resolution };
      if (mention.etc) placed.etc = mention.etc;
      if (mention.expanded !== undefined) placed.expanded = mention.expanded;
      return placed;
    });
}

/** `(公安)`: a leader named by the role, not the person (seed 000 task 84). */
const ROLE = /^[(（][^()（）]+[)）]$/;

/** Leader names split by punctuation; spaces inside a name are not part of it (`王 健`). */
export function resolveLeaderList(value: MappedText, index: RegistryIndex): LeaderMention[] {
  const keyedText = keyed(value.text);
  const key = keyedText.key;
  const mentions: LeaderMention[] = [];
  let i = 0;
  while (i < key.length) {
    if (isSeparator(key.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i;
    while (end < key.length && !isSeparator(key.charCodeAt(end))) end++;
    const start = originOf(keyedText, i);
    const stop = originOf(keyedText, end - 1) + 1;
    const text = value.text.slice(start, stop);
    const range = value.rangeOf(start, stop);
    if (ROLE.test(text)) mentions.push({ text, range, role: true });
    else mentions.push({ text, range, canonical: index.leader(text)?.name });
    i = end;
  }
  return mentions;
}
