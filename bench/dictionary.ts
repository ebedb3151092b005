/**
 * nodejieba's trimmed dictionary (host/dict/): the words of jieba's default dictionary that occur
 * in the samples, the registries or the generated documents, plus every word more frequent than a
 * cutoff in jieba's corpus. The default dictionary (349,000 words) costs over a second and
 * ~250 MB to load; the trimmed one a fraction of that, and it segments breakdown tables the same
 * way where it matters (unit names are added from the registries as user words anyway).
 *
 * `node out/bench/dictionary.js --write` rebuilds host/dict/jieba.dict.utf8; without `--write`
 * it only measures. The bench measures load time and memory with `measureJiebaLoad`.
 */
import { execFileSync } from 'child_process';
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { JIEBA_DICT_FILES, jiebaDictDir } from '../host/src/jieba';
import { generateDocument, ROOT, shippedRegistry } from './generate';

/** Words at least this frequent in jieba's corpus stay even when no sample uses them. */
export const MIN_FREQUENCY = 300;
/** Longest word looked for in the corpus; longer dictionary words are idioms and names no table uses. */
const LONGEST_CORPUS_WORD = 8;

function corpusText(): string {
  const texts: string[] = [];
  for (const dir of ['samples', 'registries']) {
    for (const name of readdirSync(path.join(ROOT, dir))) if (name.endsWith('.fenjie')) texts.push(readFileSync(path.join(ROOT, dir, name), 'utf8'));
  }
  texts.push(generateDocument(2000, shippedRegistry()).text);
  return texts.join('\n');
}

/** Every substring of 1 to LONGEST_CORPUS_WORD characters of the corpus. */
function substrings(text: string): Set<string> {
  const set = new Set<string>();
  for (let i = 0; i < text.length; i++) for (let n = 1; n <= LONGEST_CORPUS_WORD && i + n <= text.length; n++) set.add(text.slice(i, i + n));
  return set;
}

/**
 * A word no text contains (a private-use character) that carries the frequency of every word
 * left out: jieba scores a segmentation by frequency / total frequency, so with the total kept the
 * words kept score as they did, and segment as they did (`大力发展` stays one word).
 */
const REMOVED_MASS_WORD = '\ue000';

export function trimmedDictionary(source: string, minFrequency = MIN_FREQUENCY): { text: string; words: number } {
  const inCorpus = substrings(corpusText());
  const kept: string[] = [];
  let removed = 0;
  for (const line of source.split('\n')) {
    const [word, frequency] = line.split(' ');
    if (!word) continue;
    if (Number(frequency) >= minFrequency || inCorpus.has(word)) kept.push(line);
    else removed += Number(frequency) || 0;
  }
  kept.push(`${REMOVED_MASS_WORD} ${removed} x`);
  return { text: kept.join('\n') + '\n', words: kept.length };
}

export interface JiebaLoad {
  dictionary: string;
  words: number;
  loadMs: number;
  rssMb: number;
}

/** Loads nodejieba in a fresh process (the only way to see its memory) and reports time and RSS after load. */
export function measureJiebaLoad(which: 'default' | 'trimmed'): JiebaLoad {
  const dir = jiebaDictDir();
  const script = `
    const jieba = require('nodejieba');
    const files = ${JSON.stringify(which === 'trimmed' ? Object.fromEntries(Object.entries(JIEBA_DICT_FILES).map(([k, f]) => [k, path.join(dir ?? '', f)])) : {})};
    const start = performance.now();
    jieba.load(Object.keys(files).length ? { ...files, hmmDict: jieba.DEFAULT_HMM_DICT } : undefined);
    const loadMs = performance.now() - start;
    console.log(JSON.stringify({ loadMs, rssMb: process.memoryUsage().rss / 1048576, dict: files.dict || jieba.DEFAULT_DICT }));`;
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })) as { loadMs: number; rssMb: number; dict: string };
  const words = readFileSync(out.dict, 'utf8').split('\n').filter((l) => l.trim()).length;
  return { dictionary: which, words, loadMs: out.loadMs, rssMb: out.rssMb };
}

if (require.main === module) {
  const jieba = require('nodejieba') as { DEFAULT_DICT: string };
  if (process.argv.includes('--write')) {
    const dir = path.join(ROOT, 'host', 'dict');
    const { text, words } = trimmedDictionary(readFileSync(jieba.DEFAULT_DICT, 'utf8'));
    writeFileSync(path.join(dir, JIEBA_DICT_FILES.dict), text, 'utf8');
    console.log(`${words} words written to ${path.join(dir, JIEBA_DICT_FILES.dict)}`);
  }
  for (const which of ['default', 'trimmed'] as const) console.log(measureJiebaLoad(which));
}
