/**
 * nodejieba, loaded in the background once the first diagnostics are out: its dictionary load
 * blocks the process (a few hundred milliseconds with host/dict's trimmed dictionary), so it must
 * never delay them. Until it is ready, and if it cannot load at all (no binary for the platform),
 * the core's bigram tokenizer serves. Loading and the dictionary are the Node hosts' shared code
 * (host/src/jieba.ts); this module decides when, and keeps a native failure from reaching a check.
 */
import { addWords, jiebaTokenizer } from '../../host/src/jieba';
import type { Tokenizer } from '../../core/src/tokenizer';

/** A tokenizer that falls back to another when the native one throws. */
export function withFallback(primary: Tokenizer, fallback: Tokenizer): Tokenizer {
  return {
    name: primary.name,
    words(text: string): string[] {
      try {
        return primary.words(text);
      } catch {
        return fallback.words(text);
      }
    },
  };
}

export class JiebaLoader {
  private tokenizer?: Tokenizer;
  private attempted = false;

  constructor(
    private readonly log: (message: string) => void,
    private readonly fallback: Tokenizer,
  ) {}

  /** Loads once; the tokenizer, or undefined when nodejieba is unavailable here. */
  load(words: Iterable<string>): Tokenizer | undefined {
    if (this.attempted) return this.tokenizer;
    this.attempted = true;
    const began = Date.now();
    try {
      this.tokenizer = withFallback(jiebaTokenizer(), this.fallback);
      addWords(words);
      this.log(`nodejieba ready in ${Date.now() - began} ms`);
    } catch (error) {
      this.log(`nodejieba unavailable, keeping the bigram tokenizer: ${String(error)}`);
    }
    return this.tokenizer;
  }

  /** Registry names as user words, so 省发展改革委 is one word, not 省/发展/改革/委. */
  addWords(words: Iterable<string>): void {
    if (!this.tokenizer) return;
    try {
      addWords(words);
    } catch (error) {
      this.log(`adding registry words to nodejieba failed: ${String(error)}`);
    }
  }
}
