/**
 * nodejieba, loaded in the background once the first diagnostics are out. Its full dictionary
 * costs a second or more and ~250 MB; the words a breakdown table needs are the common ones, so
 * the dictionary is trimmed to words of some frequency (written once to the temp folder) and the
 * registries' unit and leader names are added as user words. Until it is ready, and if it cannot
 * load at all (no binary for the platform), the core's bigram tokenizer serves.
 *
 * nodejieba is required lazily by its package name, so a bundler can leave it external.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Tokenizer } from '../../core/src/tokenizer';

/** Words less frequent than this in jieba's corpus are left out of the trimmed dictionary. */
export const MIN_WORD_FREQUENCY = 50;

interface Jieba {
  load(options: { dict?: string; hmmDict?: string; userDict?: string; idfDict?: string; stopWordDict?: string }): void;
  cut(text: string, strict?: boolean): string[];
  insertWord(word: string, tag?: string): boolean;
  DEFAULT_DICT: string;
}

const PUNCTUATION_OR_SPACE = /^[\s\u3000，。、；：？！“”‘’（）《》〈〉【】〔〕,.;:?!"'()<>[\]{}…—\-·]+$/;
/** Lone surrogates and NUL are not text; jieba is native code and gets only text. */
const NOT_TEXT = /[\u0000]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The trimmed dictionary for a source dictionary: lines `word frequency tag` kept when frequent enough. */
export function trimDictionary(source: string, minFrequency = MIN_WORD_FREQUENCY): string {
  const kept: string[] = [];
  for (const line of source.split('\n')) {
    const frequency = Number(line.split(' ')[1]);
    if (frequency >= minFrequency) kept.push(line);
  }
  return kept.join('\n') + '\n';
}

async function cachedFile(name: string, make: () => Promise<string>): Promise<string> {
  const file = path.join(os.tmpdir(), name);
  try {
    await fs.access(file);
    return file;
  } catch {
    // Written under a temporary name first, so a concurrent server never reads half a file.
    const partial = `${file}.${process.pid}.tmp`;
    await fs.writeFile(partial, await make(), 'utf8');
    await fs.rename(partial, file);
    return file;
  }
}

export function jiebaTokenizer(jieba: Jieba, fallback: Tokenizer): Tokenizer {
  return {
    name: 'jieba',
    words(text: string): string[] {
      try {
        return jieba.cut(text.replace(NOT_TEXT, ' ')).filter((w) => w.length > 0 && !PUNCTUATION_OR_SPACE.test(w));
      } catch {
        return fallback.words(text);
      }
    },
  };
}

export class JiebaLoader {
  private jieba?: Jieba;
  private started = false;
  private readonly inserted = new Set<string>();

  constructor(
    private readonly log: (message: string) => void,
    private readonly fallback: Tokenizer,
  ) {}

  get ready(): boolean {
    return this.jieba !== undefined;
  }

  /** Loads once; resolves to the tokenizer, or undefined when nodejieba is unavailable here. */
  async load(words: Iterable<string>): Promise<Tokenizer | undefined> {
    if (this.started) return this.jieba ? jiebaTokenizer(this.jieba, this.fallback) : undefined;
    this.started = true;
    const began = Date.now();
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const jieba = require('nodejieba') as Jieba;
      const source = jieba.DEFAULT_DICT;
      const stat = await fs.stat(source);
      const dict = await cachedFile(`fenjie-jieba-${stat.size}-${MIN_WORD_FREQUENCY}.dict.utf8`, async () => trimDictionary(await fs.readFile(source, 'utf8')));
      // Keyword extraction is never used; a one-word IDF table spares loading the 6 MB one.
      const idf = await cachedFile('fenjie-jieba-idf.utf8', async () => '的 1\n');
      jieba.load({ dict, idfDict: idf });
      this.jieba = jieba;
      this.addWords(words);
      this.log(`nodejieba ready in ${Date.now() - began} ms`);
      return jiebaTokenizer(jieba, this.fallback);
    } catch (error) {
      this.log(`nodejieba unavailable, keeping the bigram tokenizer: ${String(error)}`);
      return undefined;
    }
  }

  /** Registry names as user words, so 省发展改革委 is one word, not 省/发展/改革/委. */
  addWords(words: Iterable<string>): void {
    if (!this.jieba) return;
    for (const word of words) {
      const clean = word.replace(NOT_TEXT, '').trim();
      if (clean.length < 2 || this.inserted.has(clean) || /\s/.test(clean)) continue;
      this.inserted.add(clean);
      this.jieba.insertWord(clean);
    }
  }
}
