/**
 * "Did you mean": ranking registry names for a name the registry does not know. Drafters get a
 * name wrong in four ways, and each has its own measure:
 * - an abbreviation (区发改局 for 区发展改革局): the typed name is a subsequence of the real one;
 * - a typo or a missing character: edit distance;
 * - a homophone typed through pinyin (省发展该革委): equal or close pinyin;
 * - the words in another order or partly (近海经济区管委会): word overlap (jieba when loaded);
 * - the wrong place with the right kind of body (虎扑体育海关): a shared suffix naming the body.
 */
import { editDistance } from '../../grammar/src/fields';
import { nameKey } from '../../grammar/src/text';
import { isSubsequence, pinyinOf } from './pinyin';
import type { Tokenizer } from './tokenizer';

export interface Candidate {
  name: string;
  score: number;
}

/**
 * A name as similarity sees it, each part found once: a registry name is compared with every
 * unknown name, an unknown name with every registry name.
 */
export interface ComparableName {
  key: string;
  pinyin: string;
  words: ReadonlySet<string>;
}

export function comparableName(name: string, tokenizer: Tokenizer): ComparableName {
  const key = nameKey(name);
  return { key, pinyin: pinyinOf(key).full, words: new Set(tokenizer.words(key)) };
}

function ratio(distance: number, a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 0 : 1 - distance / longest;
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const fewer = a.size <= b.size ? a : b;
  const more = fewer === a ? b : a;
  let shared = 0;
  for (const w of fewer) if (more.has(w)) shared++;
  return (2 * shared) / (a.size + b.size);
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

/** How alike two names are, 0 to 1. */
export function nameSimilarity(typed: ComparableName, candidate: ComparableName): number {
  const a = typed.key;
  const b = candidate.key;
  if (a === b) return 1;
  let score = ratio(editDistance(a, b), a, b);
  // An abbreviation keeps the first character and the last (the kind of body: 局, 委, 厅, 办).
  if (a.length >= 2 && a.length < b.length && a.charCodeAt(0) === b.charCodeAt(0) && a.charCodeAt(a.length - 1) === b.charCodeAt(b.length - 1) && isSubsequence(a, b)) {
    score = Math.max(score, 0.75 + 0.2 * (a.length / b.length));
  }
  const pa = typed.pinyin;
  const pb = candidate.pinyin;
  if (pa && pb) score = Math.max(score, 0.95 * ratio(editDistance(pa, pb), pa, pb));
  score = Math.max(score, 0.9 * overlap(typed.words, candidate.words));
  const suffix = commonSuffixLength(a, b);
  if (suffix >= 2) score = Math.max(score, 0.5 + 0.4 * (suffix / Math.max(a.length, b.length)));
  return score;
}

/** Longer than any real name: such a "name" is pasted text, and comparing it would cost O(length²). */
export const MAX_NAME_LENGTH = 40;

/** How alike a candidate must be to be suggested at all. */
export const SIMILARITY_THRESHOLD = 0.6;

/** The best candidates above `threshold`, best first, ties by name. */
export function rankCandidates(typed: string, names: Iterable<string>, tokenizer: Tokenizer, limit = 3, threshold = SIMILARITY_THRESHOLD): Candidate[] {
  if (typed.length > MAX_NAME_LENGTH) return [];
  const comparableTyped = comparableName(typed, tokenizer);
  const ranked: Candidate[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    const score = nameSimilarity(comparableTyped, comparableName(name, tokenizer));
    if (score >= threshold) ranked.push({ name, score });
  }
  ranked.sort((x, y) => y.score - x.score || x.name.localeCompare(y.name, 'zh'));
  return ranked.slice(0, limit);
}
