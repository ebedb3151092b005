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
/** Function words and punctuation: a word of these alone carries no evidence. */
const STOP_CODES = new Set([...'的和与及等在了是对为把将从向以并或于之、，。；：“”（）《》'].map((c) => c.charCodeAt(0)));
const SPACE_AT = /\s/y;

/** A word of function words, punctuation and spaces only; read by code, as every word of every task is tested. */
function isStopWord(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (STOP_CODES.has(code)) continue;
    if (code >= 0x4e00 && code <= 0x9fff) return false;
    SPACE_AT.lastIndex = i;
    if (!SPACE_AT.test(word)) return false;
  }
  return true;
}

/**
 * The words of task texts, numbered, so a document's tasks are compared with typed arrays instead
 * of maps of strings. A text's words depend on the text alone: kept from one analysis to the next
 * (in the registry index's memo), so re-analysis after an edit segments the edited task only.
 */
export class TaskWords {
  private readonly ids = new Map<string, number>();
  /** The numbers of two-character words (nearly all, with the bigram tokenizer) by their two codes: a number hashes faster. */
  private readonly pairIds = new Map<number, number>();
  /** 1 for a counted figure (`45个`), 0 otherwise, by word number. */
  readonly bonus: number[] = [];
  private readonly texts = new TextCache<Int32Array>(50_000, 16_384);
  /** The words of each task's text, by its model (reused while the task is unchanged). */
  private tasks = new WeakMap<Task, Int32Array>();
  /** Counts the times the numbering started afresh: word numbers of another generation mean nothing. */
  generation = 0;
  /** The words of the text being numbered, in order, and by word number the text that last held each. */
  private found: Int32Array = new Int32Array(256);
  private foundCount = 0;
  private heldBy: Int32Array = new Int32Array(1024);
  private textNumber = 0;

  constructor(private readonly tokenizer: Tokenizer) {}

  /** How many words have numbers. */
  get size(): number {
    return this.bonus.length;
  }

  /**
   * The numbers of a text's words, each once, in the order they first occur: its segmented words,
   * its figures, and each figure bound to the word before it (`老旧小区45个`) — the most specific
   * evidence two tasks describe the same work.
   */
  of(text: string): Int32Array {
    return this.texts.getOrCompute(text, () => {
      // Bounded: a long editing session makes new words at every keystroke.
      if (this.size >= MAX_WORDS) this.clear();
      this.foundCount = 0;
      this.textNumber++;
      let last = 0;
      let previousWord = '';
      // exec, not matchAll: matchAll copies the regular expression at every call.
      FIGURE.lastIndex = 0;
      for (let m = FIGURE.exec(text); m; m = FIGURE.exec(text)) {
        previousWord = this.addSegmentWords(text.slice(last, m.index), previousWord);
        this.add(m[0]);
        if (previousWord) this.add(previousWord + m[0]);
        last = m.index + m[0].length;
      }
      this.addSegmentWords(text.slice(last), previousWord);
      return this.found.slice(0, this.foundCount);
    });
  }

  /** Adds the segmented words of a stretch without figures; returns the last word added. */
  private addSegmentWords(segment: string, previousWord: string): string {
    for (const w of this.tokenizer.words(segment)) {
      if (w.length > 1 && !isStopWord(w)) {
        this.add(w);
        previousWord = w;
      }
    }
    return previousWord;
  }

  private add(word: string): void {
    const id = this.id(word);
    if (this.heldBy[id] === this.textNumber) return;
    this.heldBy[id] = this.textNumber;
    if (this.foundCount === this.found.length) this.found = grown(this.found, this.foundCount + 1);
    this.found[this.foundCount++] = id;
  }

  /** The numbers of a task's words: `of(task.text)`, found without hashing the text again. */
  ofTask(task: Task): Int32Array {
    let words = this.tasks.get(task);
    if (!words) {
      words = this.of(task.text);
      this.tasks.set(task, words);
    }
    return words;
  }

  private id(word: string): number {
    const pair = word.length === 2 ? (word.charCodeAt(0) << 16) | word.charCodeAt(1) : 0;
    let id = word.length === 2 ? this.pairIds.get(pair) : this.ids.get(word);
    if (id === undefined) {
      id = this.bonus.length;
      if (word.length === 2) this.pairIds.set(pair, id);
      else this.ids.set(word, id);
      this.bonus.push(IS_COUNTED_FIGURE.test(word) && !IS_RATE.test(word) ? 1 : 0);
      if (id === this.heldBy.length) this.heldBy = grown(this.heldBy, id + 1);
    }
    return id;
  }

  private clear(): void {
    this.ids.clear();
    this.pairIds.clear();
    this.texts.clear();
    this.tasks = new WeakMap();
    this.bonus.length = 0;
    this.heldBy.fill(0);
    this.generation++;
  }
}

const MAX_WORDS = 500_000;

/**
 * Work arrays of the comparison, kept from one analysis to the next (grown when too small) so an
 * analysis allocates nothing in proportion to the document or its vocabulary.
 */
const work: {
  offsets: Int32Array;
  filled: Int32Array;
  postings: Int32Array;
  totals: Float64Array;
  sharedWith: Float64Array;
  touched: Int32Array;
  logs: Float64Array;
  logsFor: number;
} = {
  offsets: new Int32Array(1),
  filled: new Int32Array(0),
  postings: new Int32Array(0),
  totals: new Float64Array(0),
  sharedWith: new Float64Array(0),
  touched: new Int32Array(0),
  /** logs[c] = log((n + 1) / c), for the n they were computed for. */
  logs: new Float64Array(1),
  logsFor: -1,
};

function int32(array: Int32Array, size: number): Int32Array {
  return array.length >= size ? array : new Int32Array(Math.max(size, Math.ceil(array.length * 1.5)));
}

/** `int32` keeping the contents. */
function grown(array: Int32Array, size: number): Int32Array {
  const larger = int32(array, size);
  if (larger !== array) larger.set(array);
  return larger;
}

function float64(array: Float64Array, size: number): Float64Array {
  return array.length >= size ? array : new Float64Array(Math.max(size, Math.ceil(array.length * 1.5)));
}

/** The words of every task, all numbered in one generation of `taskWords`. */
function wordsOfTasks(tasks: readonly Task[], taskWords: TaskWords): Int32Array[] {
  for (;;) {
    const generation = taskWords.generation;
    const words = tasks.map((t) => taskWords.ofTask(t));
    if (taskWords.generation === generation) return words;
  }
}

/** A document's tasks, their words and how many tasks hold each word, as of its last analysis. */
interface Counted {
  tasks: readonly Task[];
  words: Int32Array[];
  counts: Int32Array;
  taskWords: TaskWords;
  generation: number;
  /** What mostSimilar found on these words and counts, and the bounds it was given. */
  similar?: { minScore: number; minShared: number; best: Int32Array; scores: Float64Array };
}

/**
 * The last count of each document, by its first task. An edit changes the words of a few tasks:
 * the counts (integers) are brought up to date by those alone, and the words of the others are
 * found by comparing task objects, not by looking each one up.
 */
const lastCounts = new WeakMap<Task, Counted>();

/** More changed tasks than this and the words are counted afresh. */
const MAX_CHANGED_TASKS = 64;

function countedFresh(tasks: readonly Task[], taskWords: TaskWords): Counted {
  const words = wordsOfTasks(tasks, taskWords);
  const generation = taskWords.generation;
  const counts = new Int32Array(taskWords.size);
  for (const list of words) for (let i = 0; i < list.length; i++) counts[list[i]]++;
  return { tasks, words, counts, taskWords, generation };
}

/** The words and counts of `tasks`, from the last count of the document when it is close. */
function counted(tasks: readonly Task[], taskWords: TaskWords): Counted {
  const last = lastCounts.get(tasks[0]);
  if (!last || last.taskWords !== taskWords || last.generation !== taskWords.generation || last.tasks.length !== tasks.length) return countedFresh(tasks, taskWords);
  const changed: number[] = [];
  for (let i = 0; i < tasks.length; i++) {
    if (last.tasks[i] === tasks[i]) continue;
    if (changed.length === MAX_CHANGED_TASKS) return countedFresh(tasks, taskWords);
    changed.push(i);
  }
  const fresh = changed.map((i) => taskWords.ofTask(tasks[i]));
  // New words were numbered: the numbering may have started afresh (then nothing is comparable).
  if (taskWords.generation !== last.generation) return countedFresh(tasks, taskWords);
  let counts = last.counts;
  if (counts.length < taskWords.size) {
    counts = new Int32Array(taskWords.size);
    counts.set(last.counts);
  }
  const words = last.words;
  changed.forEach((task, k) => {
    for (const id of words[task]) counts[id]--;
    for (const id of fresh[k]) counts[id]++;
    words[task] = fresh[k];
  });
  // The last count becomes this one (its arrays were updated in place).
  last.tasks = tasks;
  last.counts = counts;
  if (changed.length > 0) last.similar = undefined;
  return last;
}

/**
 * For each task, the earlier task most like it (shared weight / smaller task's weight, the highest
 * score, the earliest task on a tie) among those it shares rare words with, when the pair scores
 * at least `minScore` and shares at least `minShared`: `best[b] = a`, or -1; `scores[b]` its score.
 */
export function mostSimilar(tasks: readonly Task[], taskWords: TaskWords, minScore: number, minShared: number): { best: Int32Array; scores: Float64Array } {
  const n = tasks.length;
  if (n < 2) return { best: new Int32Array(n).fill(-1), scores: new Float64Array(n) };
  const count = counted(tasks, taskWords);
  lastCounts.set(tasks[0], count);
  // The same words and counts as at the last analysis (the document analysed again unchanged).
  const known = count.similar;
  if (known && known.minScore === minScore && known.minShared === minShared) return { best: known.best, scores: known.scores };
  const best = new Int32Array(n).fill(-1);
  const scores = new Float64Array(n);
  const { words, counts } = count;
  const size = taskWords.size;
  // The tasks of each rare word, in task order, packed in one array (postings[offsets[id]…offsets[id + 1]]).
  const offsets = (work.offsets = int32(work.offsets, size + 1));
  offsets[0] = 0;
  for (let id = 0; id < size; id++) {
    const c = counts[id];
    offsets[id + 1] = offsets[id] + (c >= 2 && c <= COMMON_WORD_TASKS ? c : 0);
  }
  const postings = (work.postings = int32(work.postings, offsets[size]));
  const filled = (work.filled = int32(work.filled, size));
  filled.set(offsets.subarray(0, size));
  for (let task = 0; task < n; task++) {
    const list = words[task];
    for (let i = 0; i < list.length; i++) {
      const id = list[i];
      const c = counts[id];
      if (c >= 2 && c <= COMMON_WORD_TASKS) postings[filled[id]++] = task;
    }
  }
  if (work.logsFor !== n) {
    const logs = (work.logs = float64(work.logs, n + 1));
    for (let c = 1; c <= n; c++) logs[c] = Math.log((n + 1) / c);
    work.logsFor = n;
  }
  const logs = work.logs;
  const bonus = taskWords.bonus;
  const totals = (work.totals = float64(work.totals, n));
  for (let task = 0; task < n; task++) {
    const list = words[task];
    let sum = 0;
    for (let i = 0; i < list.length; i++) sum += logs[counts[list[i]]] + bonus[list[i]];
    totals[task] = sum;
  }
  // Task by task, the weight each earlier task shares with it.
  const sharedWith = (work.sharedWith = float64(work.sharedWith, n));
  sharedWith.fill(0, 0, n);
  const touched = (work.touched = int32(work.touched, n));
  for (let b = 1; b < n; b++) {
    const list = words[b];
    let touches = 0;
    for (let i = 0; i < list.length; i++) {
      const id = list[i];
      const c = counts[id];
      if (c < 2 || c > COMMON_WORD_TASKS) continue;
      const wt = logs[c] + bonus[id];
      for (let k = offsets[id]; k < offsets[id + 1]; k++) {
        const a = postings[k];
        if (a >= b) break;
        if (sharedWith[a] === 0) touched[touches++] = a;
        sharedWith[a] += wt;
      }
    }
    let bestA = -1;
    let bestScore = 0;
    for (let t = 0; t < touches; t++) {
      const a = touched[t];
      const sum = sharedWith[a];
      sharedWith[a] = 0;
      const score = sum / Math.max(1e-9, Math.min(totals[a], totals[b]));
      if (score >= minScore && sum >= minShared && (bestA < 0 || score > bestScore || (score === bestScore && a < bestA))) {
        bestA = a;
        bestScore = score;
      }
    }
    best[b] = bestA;
    scores[b] = bestScore;
  }
  count.similar = { minScore, minShared, best, scores };
  return { best, scores };
}

const checkNearDuplicates: Check = ({ document, registries, tokenizer, report }) => {
  const tasks = document.tasks;
  const taskWords = registries.memo(`task-words:${tokenizer.name}`, '', () => new TaskWords(tokenizer));
  const { best, scores } = mostSimilar(tasks, taskWords, DUPLICATE_THRESHOLD, MIN_SHARED_RARE_WORDS * Math.log(tasks.length + 1));
  for (let b = 1; b < tasks.length; b++) if (best[b] >= 0) report(similar(tasks[b], tasks[best[b]], scores[b]));
};

function similar(task: Task, other: Task, score: number) {
  const percent = Math.round(Math.min(1, score) * 100);
  return diagnostic('FJ501', 'warning', task.numberRange, duplicateTemplates.FJ501, { number: task.number, other: other.number, percent }, {
    related: [{ range: other.textRange, message: { zh: `相似的任务 ${other.number}`, en: `similar task ${other.number}` } }],
  });
}

export const duplicateChecks: Check[] = [checkNearDuplicates];
