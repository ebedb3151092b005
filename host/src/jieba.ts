/**
 * nodejieba as a Tokenizer. It loads the trimmed dictionary of host/dict/ (built by
 * bench/dictionary.ts: ~20,000 words instead of 349,000, a tenth of the load time and memory),
 * once, on first use (the CLI) or in the background after start-up (the server); the registry's
 * names are added as words so that `沈阳近海经济区管委会` stays one word.
 */
import { existsSync } from 'fs';
import * as path from 'path';
import type { Tokenizer } from '../../core/src/tokenizer';

interface NodeJieba {
  load(options?: Record<string, string>): void;
  cut(text: string, hmm?: boolean): string[];
  insertWord(word: string): boolean;
  DEFAULT_HMM_DICT: string;
}

/**
 * The files of host/dict/, by nodejieba's option names. The HMM model is nodejieba's own. Keyword
 * extraction is never used, so its IDF table and stop words are one line each: nodejieba aborts
 * the process on an empty stop-word file.
 */
export const JIEBA_DICT_FILES = {
  dict: 'jieba.dict.utf8',
  userDict: 'user.dict.utf8',
  idfDict: 'idf.utf8',
  stopWordDict: 'stop_words.utf8',
} as const;

/** host/dict beside the compiled tree (out/host/src/ → host/dict) or dict/ beside a bundle (dist/dict). */
export function jiebaDictDir(): string | undefined {
  const candidates = [path.resolve(__dirname, '..', '..', '..', 'host', 'dict'), path.resolve(__dirname, 'dict'), path.resolve(__dirname, '..', 'dict')];
  return candidates.find((dir) => Object.values(JIEBA_DICT_FILES).every((f) => existsSync(path.join(dir, f))));
}

const PUNCTUATION_ONLY = /^[\s\u3000，。、；：？！“”‘’（）《》〈〉【】〔〕,.;:?!"'()<>[\]{}…—\-·]+$/;

let jieba: NodeJieba | undefined;
const inserted = new Set<string>();

/** Loads nodejieba (once). Throws when the native module cannot load; callers fall back to bigrams. */
export function loadJieba(): NodeJieba {
  if (!jieba) {
    // Required lazily: the bundle marks it external and the server must start without paying for it.
    const module = require('nodejieba') as NodeJieba;
    const dir = jiebaDictDir();
    // Without the trimmed files (a checkout that lost them) the default dictionary still works, slowly.
    if (dir) {
      const files = Object.fromEntries(Object.entries(JIEBA_DICT_FILES).map(([option, file]) => [option, path.join(dir, file)]));
      module.load({ ...files, hmmDict: module.DEFAULT_HMM_DICT });
    } else {
      module.load();
    }
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
