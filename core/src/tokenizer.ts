/**
 * Word segmentation, injected: the core never loads nodejieba itself (its dictionaries cost
 * ~1.5 s), the host passes a tokenizer in. `bigramTokenizer` is the dependency-free fallback.
 */
export interface Tokenizer {
  /** Words of a text, punctuation and white space dropped. */
  words(text: string): string[];
  /** A name for diagnostics and benchmarks (`jieba`, `bigram`). */
  readonly name: string;
}

/** One character that separates words (sticky: tested in place, no one-character strings made). */
const PUNCTUATION_AT = /[\s\u3000，。、；：？！“”‘’（）《》〈〉【】〔〕,.;:?!"'()<>[\]{}…—\-·]/y;
/** Punctuation among the ASCII characters, by code; the other characters are tested by the regex. */
const ASCII_PUNCTUATION = Uint8Array.from({ length: 128 }, (_, code) => {
  PUNCTUATION_AT.lastIndex = 0;
  return PUNCTUATION_AT.test(String.fromCharCode(code)) ? 1 : 0;
});
const CJK_FIRST = 0x4e00;
const CJK_LAST = 0x9fff;

function isPunctuationAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 128) return ASCII_PUNCTUATION[code] === 1;
  if (code >= CJK_FIRST && code <= CJK_LAST) return false;
  PUNCTUATION_AT.lastIndex = at;
  return PUNCTUATION_AT.test(text);
}

/** ASCII letters, digits and `%`: runs of them are words (`5G`, `PM2`, `10%`). */
function isLatinOrDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) || code === 0x25;
}

/** Chinese text as overlapping character pairs; runs of ASCII letters and digits stay whole. */
export const bigramTokenizer: Tokenizer = {
  name: 'bigram',
  words(text: string): string[] {
    const out: string[] = [];
    let start = 0;
    while (start < text.length) {
      if (isPunctuationAt(text, start)) {
        start++;
        continue;
      }
      const latin = isLatinOrDigit(text.charCodeAt(start));
      let end = start + 1;
      while (end < text.length && isLatinOrDigit(text.charCodeAt(end)) === latin && !isPunctuationAt(text, end)) end++;
      if (latin || end - start < 2) out.push(text.slice(start, end));
      else for (let i = start; i + 1 < end; i++) out.push(text.slice(i, i + 2));
      start = end;
    }
    return out;
  },
};
