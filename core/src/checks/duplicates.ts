/**
 * Near-duplicate tasks (FJ501): the same work entered twice, often once in full and once in part
 * (seed 003 tasks 104 and 129: `新增保障性住房租赁补贴650户以上` inside a longer task). Two tasks are
 * compared by the words they share, each word weighted by how rare it is in the document (IDF), and
 * normalised by the smaller task, so a task contained in another scores high. A number with its
 * measure word (`650户`, `45个`) is one word: a shared figure is strong evidence.
 * Linear in practice: an inverted index pairs only tasks that share a rare word.
 */
import { diagnostic, type Templates } from '../messages';
import type { Task } from '../model';
import type { Tokenizer } from '../tokenizer';
import type { Check } from './types';
import { TextCache } from '../../../grammar/src/cache';

export const duplicateTemplates: Templates = {
  FJ501: { zh: '任务 {number} 与任务 {other} 内容高度相似（相似度 {percent}%），可能重复。', en: 'Task {number} is very similar to task {other} ({percent}% alike); it may be a duplicate.' },
};

/** Share of the smaller task's weight that two tasks must share. */
export const DUPLICATE_THRESHOLD = 0.4;
/**
 * And how much they must share, in words of the rarest kind (a word in one task weighs
 * log(N+1)): short tasks that share two words by chance are not duplicates.
 */
export const MIN_SHARED_RARE_WORDS = 4;
/** Words in more than this many tasks carry no evidence and are not indexed. */
const COMMON_WORD_TASKS = 12;
const FIGURE = /[0-9０-９]+(?:[.．][0-9０-９]+)?[%％]?[个家项所条处部户套万亿元人名座台辆亩公里平方米吨]*/g;
/** A figure with a measure word (`45个`), not a bare rate (`10%`), which many tasks share by chance. */
const IS_COUNTED_FIGURE = new RegExp(`^(?:${FIGURE.source})$`);
const IS_RATE = /^[0-9０-９.．]+[%％]$/;
const STOP = /^[的和与及等在了是对为把将从向以并或于之、，。；：“”（）《》\s]+$/;

/**
 * The words of a task: its segmented words, its figures, and each figure bound to the word
 * before it (`老旧小区45个`) — the most specific evidence two tasks describe the same work.
 */
function wordsOf(text: string, tokenizer: Tokenizer): Set<string> {
  const words = new Set<string>();
  let last = 0;
  let previousWord = '';
  const addWords = (segment: string) => {
    for (const w of tokenizer.words(segment)) {
      if (w.length > 1 && !STOP.test(w)) {
        words.add(w);
        previousWord = w;
      }
    }
  };
  for (const m of text.matchAll(FIGURE)) {
    addWords(text.slice(last, m.index));
    words.add(m[0]);
    if (previousWord) words.add(previousWord + m[0]);
    last = m.index! + m[0].length;
  }
  addWords(text.slice(last));
  return words;
}

/**
 * The words of task texts, numbered, so a document's tasks are compared with typed arrays instead
 * of maps of strings. A text's words depend on the text alone: kept from one analysis to the next
 * (in the registry index's memo), so re-analysis after an edit segments the edited task only.
 */
export class TaskWords {
  private readonly ids = new Map<string, number>();
  /** 1 for a counted figure (`45个`), 0 otherwise, by word number. */
  readonly bonus: number[] = [];
  private readonly texts = new TextCache<Int32Array>(50_000, 16_384);

  constructor(private readonly tokenizer: Tokenizer) {}

  /** How many words have numbers. */
  get size(): number {
    return this.bonus.length;
  }

  /** The numbers of a text's words, in the order wordsOf finds them. */
  of(text: string): Int32Array {
    let words = this.texts.get(text);
    if (!words) {
      // Bounded: a long editing session makes new words at every keystroke.
      if (this.ids.size >= MAX_WORDS) this.clear();
      words = Int32Array.from(wordsOf(text, this.tokenizer), (w) => this.id(w));
      this.texts.set(text, words);
    }
    return words;
  }

  private id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.bonus.length;
      this.ids.set(word, id);
      this.bonus.push(IS_COUNTED_FIGURE.test(word) && !IS_RATE.test(word) ? 1 : 0);
    }
    return id;
  }

  private clear(): void {
    this.ids.clear();
    this.texts.clear();
    this.bonus.length = 0;
  }
}

const MAX_WORDS = 500_000;

export interface SimilarPair {
  /** Indices into the task list, a < b. */
  a: number;
  b: number;
  score: number;
  /** The weight the two tasks share. */
  shared: number;
}

/** Every pair of tasks sharing rare words, with its score (shared weight / smaller task's weight). */
export function similarPairs(tasks: readonly Task[], taskWords: TaskWords): SimilarPair[] {
  const n = tasks.length;
  if (n < 2) return [];
  const words = tasks.map((t) => taskWords.of(t.text));
  const size = taskWords.size;
  const counts = new Int32Array(size);
  for (const list of words) for (const id of list) counts[id]++;
  const isRare = (id: number) => counts[id] >= 2 && counts[id] <= COMMON_WORD_TASKS;
  // The tasks of each rare word, in task order, packed in one array (postings[offsets[id]…offsets[id + 1]]).
  const offsets = new Int32Array(size + 1);
  for (let id = 0; id < size; id++) offsets[id + 1] = offsets[id] + (isRare(id) ? counts[id] : 0);
  const postings = new Int32Array(offsets[size]);
  const filled = offsets.slice(0, size);
  words.forEach((list, task) => {
    for (const id of list) if (isRare(id)) postings[filled[id]++] = task;
  });
  const logs = new Float64Array(n + 1);
  for (let c = 1; c <= n; c++) logs[c] = Math.log((n + 1) / c);
  const weight = (id: number) => logs[counts[id]] + taskWords.bonus[id];
  const totals = words.map((list) => {
    let sum = 0;
    for (const id of list) sum += weight(id);
    return sum;
  });
  // Task by task, the weight each earlier task shares with it.
  const pairs: SimilarPair[] = [];
  const sharedWith = new Float64Array(n);
  const touched: number[] = [];
  for (let b = 1; b < n; b++) {
    for (const id of words[b]) {
      if (!isRare(id)) continue;
      const wt = weight(id);
      for (let k = offsets[id]; k < offsets[id + 1]; k++) {
        const a = postings[k];
        if (a >= b) break;
        if (sharedWith[a] === 0) touched.push(a);
        sharedWith[a] += wt;
      }
    }
    for (const a of touched) {
      const sum = sharedWith[a];
      pairs.push({ a, b, score: sum / Math.max(1e-9, Math.min(totals[a], totals[b])), shared: sum });
      sharedWith[a] = 0;
    }
    touched.length = 0;
  }
  return pairs;
}

const checkNearDuplicates: Check = ({ document, registries, tokenizer, report }) => {
  const tasks = document.tasks;
  const reported = new Set<number>();
  const rareWord = Math.log(tasks.length + 1);
  const taskWords = registries.memo(`task-words:${tokenizer.name}`, '', () => new TaskWords(tokenizer));
  const pairs = similarPairs(tasks, taskWords)
    .filter((p) => p.score >= DUPLICATE_THRESHOLD && p.shared >= MIN_SHARED_RARE_WORDS * rareWord)
    .sort((x, y) => x.b - y.b || y.score - x.score || x.a - y.a);
  for (const { a, b, score } of pairs) {
    if (reported.has(b)) continue;
    reported.add(b);
    report(similar(tasks[b], tasks[a], score));
  }
};

function similar(task: Task, other: Task, score: number) {
  const percent = Math.round(Math.min(1, score) * 100);
  return diagnostic('FJ501', 'warning', task.numberRange, duplicateTemplates.FJ501, { number: task.number, other: other.number, percent }, {
    related: [{ range: other.textRange, message: { zh: `相似的任务 ${other.number}`, en: `similar task ${other.number}` } }],
  });
}

export const duplicateChecks: Check[] = [checkNearDuplicates];
