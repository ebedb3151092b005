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

const PUNCTUATION = /[\s\u3000，。、；：？！“”‘’（）《》〈〉【】〔〕,.;:?!"'()<>[\]{}…—\-·]+/;

/** Chinese text as overlapping character pairs; runs of ASCII letters and digits stay whole. */
export const bigramTokenizer: Tokenizer = {
  name: 'bigram',
  words(text: string): string[] {
    const out: string[] = [];
    for (const run of text.split(PUNCTUATION)) {
      if (!run) continue;
      const parts = run.match(/[A-Za-z0-9.%]+|[^A-Za-z0-9.%]+/g) ?? [];
      for (const part of parts) {
        if (/^[A-Za-z0-9.%]+$/.test(part) || part.length < 2) out.push(part);
        else for (let i = 0; i + 1 < part.length; i++) out.push(part.slice(i, i + 2));
      }
    }
    return out;
  },
};
