/**
 * nodejieba as a Tokenizer. Loading its dictionaries costs about a second, so it happens once,
 * on first use (the CLI) or in the background after start-up (the server); the registry's names
 * are added as words so that `沈阳近海经济区管委会` stays one word.
 */
import type { Tokenizer } from '../../core/src/tokenizer';

interface NodeJieba {
  load(options?: Record<string, string>): void;
  cut(text: string, hmm?: boolean): string[];
  insertWord(word: string): boolean;
}

const PUNCTUATION_ONLY = /^[\s\u3000，。、；：？！“”‘’（）《》〈〉【】〔〕,.;:?!"'()<>[\]{}…—\-·]+$/;

let jieba: NodeJieba | undefined;
const inserted = new Set<string>();

/** Loads nodejieba (once). Throws when the native module cannot load; callers fall back to bigrams. */
export function loadJieba(): NodeJieba {
  if (!jieba) {
    // Required lazily: the bundle marks it external and the server must start without paying for it.
    const module = require('nodejieba') as NodeJieba;
    module.load();
    jieba = module;
  }
  return jieba;
}

export function addWords(words: Iterable<string>): void {
  const j = loadJieba();
  for (const w of words) {
    const word = w.replace(/\s+/g, '');
    if (word.length > 1 && !inserted.has(word)) {
      inserted.add(word);
      j.insertWord(word);
    }
  }
}

export function jiebaTokenizer(): Tokenizer {
  const j = loadJieba();
  return {
    name: 'jieba',
    words: (text) => j.cut(text, true).filter((w) => !PUNCTUATION_ONLY.test(w)),
  };
}
