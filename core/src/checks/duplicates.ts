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

export interface SimilarPair {
  /** Indices into the task list, a < b. */
  a: number;
  b: number;
  score: number;
  /** The weight the two tasks share. */
  shared: number;
}

/** Every pair of tasks sharing rare words, with its score (shared weight / smaller task's weight). */
export function similarPairs(tasks: readonly Task[], wordsOfText: (text: string) => ReadonlySet<string>): SimilarPair[] {
  if (tasks.length < 2) return [];
  const words = tasks.map((t) => wordsOfText(t.text));
  const postings = new Map<string, number[]>();
  words.forEach((set, i) => {
    for (const w of set) {
      const list = postings.get(w);
      if (list) list.push(i);
      else postings.set(w, [i]);
    }
  });
  const weights = new Map<string, number>();
  for (const [w, list] of postings) weights.set(w, Math.log((tasks.length + 1) / list.length) + (IS_COUNTED_FIGURE.test(w) && !IS_RATE.test(w) ? 1 : 0));
  const totals = words.map((set) => {
    let sum = 0;
    for (const w of set) sum += weights.get(w)!;
    return sum;
  });
  // Task by task, the weight each earlier task shares with it: postings list tasks in order.
  const pairs: SimilarPair[] = [];
  const sharedWith = new Float64Array(tasks.length);
  const touched: number[] = [];
  for (let b = 1; b < tasks.length; b++) {
    for (const w of words[b]) {
      const list = postings.get(w)!;
      if (list.length < 2 || list.length > COMMON_WORD_TASKS) continue;
      const wt = weights.get(w)!;
      for (const a of list) {
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
  // A task's words depend on its text alone: while a document is edited, only the edited task is segmented again.
  const wordsOfText = (text: string) => registries.memo(`task-words:${tokenizer.name}`, text, () => wordsOf(text, tokenizer));
  const pairs = similarPairs(tasks, wordsOfText)
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
