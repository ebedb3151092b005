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

function ratio(distance: number, a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 0 : 1 - distance / longest;
}

function overlap(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const set = new Set(b);
  let shared = 0;
  for (const w of new Set(a)) if (set.has(w)) shared++;
  return (2 * shared) / (new Set(a).size + set.size);
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** How alike two names are, 0 to 1. */
export function nameSimilarity(typed: string, candidate: string, tokenizer: Tokenizer): number {
  const a = nameKey(typed);
  const b = nameKey(candidate);
  if (a === b) return 1;
  const scores: number[] = [];
  scores.push(ratio(editDistance(a, b), a, b));
  // An abbreviation keeps the first character and the last (the kind of body: 局, 委, 厅, 办).
  if (a.length >= 2 && a.length < b.length && a[0] === b[0] && a[a.length - 1] === b[b.length - 1] && isSubsequence(a, b)) {
    scores.push(0.75 + 0.2 * (a.length / b.length));
  }
  const pa = pinyinOf(a).full;
  const pb = pinyinOf(b).full;
  if (pa && pb) scores.push(0.95 * ratio(editDistance(pa, pb), pa, pb));
  scores.push(0.9 * overlap(tokenizer.words(a), tokenizer.words(b)));
  const suffix = commonSuffixLength(a, b);
  if (suffix >= 2) scores.push(0.5 + 0.4 * (suffix / Math.max(a.length, b.length)));
  return Math.max(...scores);
}

/** Longer than any real name: such a "name" is pasted text, and comparing it would cost O(length²). */
export const MAX_NAME_LENGTH = 40;

/** The best candidates above `threshold`, best first, ties by name. */
export function rankCandidates(typed: string, names: Iterable<string>, tokenizer: Tokenizer, limit = 3, threshold = 0.6): Candidate[] {
  if (typed.length > MAX_NAME_LENGTH) return [];
  const ranked: Candidate[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    const score = nameSimilarity(typed, name, tokenizer);
    if (score >= threshold) ranked.push({ name, score });
  }
  ranked.sort((x, y) => y.score - x.score || x.name.localeCompare(y.name, 'zh'));
  return ranked.slice(0, limit);
}
