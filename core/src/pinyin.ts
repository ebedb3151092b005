/**
 * Pinyin of names, the way Chinese users type them: full syllables (`fazhangaige`) and initials
 * (`fzgg`). pinyin-pro carries its own dictionary, so this needs no host help; results are cached
 * because registries ask for the same names on every keystroke.
 */
import { pinyin } from 'pinyin-pro';

export interface NamePinyin {
  /** Syllables without tones, joined (`shengfazhangaigewei`). */
  full: string;
  /** First letters (`sfzggw`). */
  initials: string;
  /** Syllables, one per character (non-Chinese characters kept as they are). */
  syllables: string[];
}

const cache = new Map<string, NamePinyin>();

export function pinyinOf(name: string): NamePinyin {
  let hit = cache.get(name);
  if (!hit) {
    const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).map((s) => s.toLowerCase());
    hit = { full: syllables.join(''), initials: syllables.map((s) => s[0] ?? '').join(''), syllables };
    cache.set(name, hit);
  }
  return hit;
}

/**
 * Does a typed latin query match a name by pinyin? Either a substring of the full pinyin
 * (`fagaiwei` is not, `fazhan` is), a subsequence of the initials (`fgw` in `sfzggw`), or
 * syllable prefixes in order (`fa gai wei`: each syllable's prefix, `fagaiwei` → fa|gai|wei).
 */
export function matchesPinyin(query: string, name: string): boolean {
  const q = query.toLowerCase().replace(/[^a-z]/g, '');
  if (!q) return false;
  const p = pinyinOf(name);
  if (p.full.includes(q)) return true;
  if (isSubsequence(q, p.initials)) return true;
  return matchesSyllablePrefixes(q, p.syllables);
}

export function isSubsequence(needle: string, haystack: string): boolean {
  let j = 0;
  for (let i = 0; i < haystack.length && j < needle.length; i++) if (haystack[i] === needle[j]) j++;
  return j === needle.length;
}

/** `fagaiwei` against fa·zhan·gai·ge·wei: consume the query by prefixes of syllables taken in order. */
function matchesSyllablePrefixes(query: string, syllables: string[]): boolean {
  // memo[s][q] = can query[q..] be matched using syllables[s..]; bounded by name length × query length.
  const memo = new Map<number, boolean>();
  const go = (s: number, q: number): boolean => {
    if (q === query.length) return true;
    if (s === syllables.length) return false;
    const k = s * (query.length + 1) + q;
    const cached = memo.get(k);
    if (cached !== undefined) return cached;
    let ok = go(s + 1, q);
    const syllable = syllables[s];
    for (let len = 1; !ok && len <= syllable.length && q + len <= query.length && query[q + len - 1] === syllable[len - 1]; len++) {
      ok = go(s + 1, q + len);
    }
    memo.set(k, ok);
    return ok;
  };
  return go(0, 0);
}
