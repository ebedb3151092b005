/**
 * Incremental updates of the live preview. The language server keeps, for each previewed
 * document, the last few versions of the preview model it sent (exports/src/preview-model.ts);
 * the client names the version its webview shows (`base`), and gets back only what changed since:
 * the rows whose cells differ, where rows were inserted or removed, and how the source lines of
 * the other rows moved. Without a base, or with one the server no longer has (it restarted, the
 * display language changed, the version is too old), the answer is the whole model.
 *
 * Rows are keyed by a number that stays with a row while it is edited: consecutive versions are
 * matched by a diff of the rows' contents (common prefix and suffix, then Myers' algorithm on the
 * middle), and a changed row keeps the key of the row it replaces. The webview keys its DOM rows
 * the same way, so an update touches exactly the rows that changed.
 *
 * The payload is compact: a row is `[key, line, cells]`, and every text in the cells is an index
 * into the message's `strings`, each distinct text written once (unit names, separators, titles).
 * exports/media/preview.js applies it (`applyPayload`), in the webview and in the tests.
 */
import type { Locale } from '../../core/src/messages';
import type { Analysis } from '../../core/src/model';
import { LIST_NAMES, previewHead, tableModel, viewsModel, type Cell, type ListName, type ModelRow, type PreviewHead } from './preview-model';

export { LIST_NAMES, type ListName, type PreviewHead };

/** An encoded cell: a text as its index in `strings`, or a list of cells. */
export type EncodedCell = number | EncodedCell[];

/** `[key, line, cells]`; line is -1 for a row that reveals nothing. */
export type EncodedRow = [number, number, EncodedCell[]];

/** What changed in one list. Applied in this order: splices, shifts, rows. */
export interface ListPatch {
  /** The list is sent whole (`rows`, in order): the client's version did not have it. */
  reset?: 1;
  /**
   * `[at, deleteCount, ...keys]`, applied one after the other to the list of keys (positions are
   * in the list as the earlier splices left it). A key that is new comes with its row in `rows`.
   */
  splices?: number[][];
  /** `[at, count, delta]`: the rows at positions at…at+count-1 (after the splices) moved by delta lines. */
  shifts?: number[][];
  /** Rows that are new or look different, with their line. In a full payload: every row, in order. */
  rows?: EncodedRow[];
}

export interface PreviewPayload {
  /** The version this payload brings the webview to. */
  version: string;
  /** The version it applies to; absent for a full payload, which replaces everything. Equal to `version` when nothing changed. */
  base?: string;
  /** The parts of the head that changed (the whole head in a full payload). */
  head?: Partial<PreviewHead>;
  /** The texts the rows' cells index. */
  strings?: string[];
  /**
   * The lists that changed. A full payload has every list asked for; the views (units, leaders,
   * targets) are sent only while they are shown, so a list a client did not ask for is absent.
   */
  lists?: Partial<Record<ListName, ListPatch>>;
}

/** One list as a version has it. */
interface ListSnapshot {
  keys: number[];
  contents: string[];
  lines: number[];
}

interface Snapshot {
  version: string;
  locale: Locale;
  /** Each part of the head as JSON. */
  head: Record<string, string>;
  /** The lists this version has: those the client asked for. */
  lists: Partial<Record<ListName, ListSnapshot>>;
}

/** Versions kept per document: the client's base is normally the newest, or the one before it. */
const HISTORY = 3;

/** Above this many differences in the middle of a list, rows are paired by position instead of diffed. */
const MAX_EDIT_DISTANCE = 512;

/** A run of rows the diff found equal: `length` rows from `a` in the old list and `b` in the new one. */
interface Match {
  a: number;
  b: number;
  length: number;
}

/**
 * Myers' O((N+M)D) diff of two sequences of ids: the runs they have in common, in order.
 * Undefined when the sequences differ in more than `limit` places.
 */
export function commonRuns(a: readonly number[], b: readonly number[], limit = MAX_EDIT_DISTANCE): Match[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, limit);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return undefined;
  // Walk back through the saved frontiers; each step back yields the snake it ended with.
  const runs: Match[] = [];
  let x = n;
  let y = m;
  for (let d = found; d >= 0; d--) {
    const saved = trace[d];
    const at = (k: number) => saved[k + d + 1];
    const k = x - y;
    let prevK: number;
    if (d === 0) prevK = 0;
    else prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const startX = d === 0 ? 0 : prevK === k + 1 ? at(k + 1) : at(k - 1) + 1;
    const startY = startX - k;
    if (x > startX) runs.push({ a: startX, b: startY, length: x - startX });
    if (d === 0) break;
    x = prevK === k + 1 ? startX : startX - 1;
    y = x - prevK;
  }
  return runs.reverse();
}

interface ListDiff {
  snapshot: ListSnapshot;
  patch?: ListPatch;
  /** Positions (in the new list) of the rows to send. */
  send: number[];
}

/** Run-length codes `[at, count, delta]` of the line moves, skipping rows that are sent (they carry their line). */
function shiftRuns(deltas: readonly (number | null)[]): number[][] {
  const runs: number[][] = [];
  let open: number[] | undefined;
  let pending = 0; // rows with no say (sent) since the open run's last row
  deltas.forEach((delta, i) => {
    if (delta === null) {
      if (open) pending++;
      return;
    }
    if (open && open[2] === delta) {
      open[1] += pending + 1;
    } else {
      open = delta === 0 ? undefined : [i, 1, delta];
      if (open) runs.push(open);
    }
    pending = 0;
  });
  return runs;
}

function diffList(old: ListSnapshot | undefined, rows: readonly ModelRow[], newKey: () => number): ListDiff {
  const lines = rows.map((r) => r.line);
  const contents = rows.map((r) => r.content ?? JSON.stringify(r.cells));
  if (!old) {
    const keys = rows.map(() => newKey());
    return { snapshot: { keys, contents, lines }, patch: { reset: 1, rows: [] }, send: rows.map((_, i) => i) };
  }
  const oldN = old.contents.length;
  const newN = contents.length;
  let prefix = 0;
  while (prefix < oldN && prefix < newN && old.contents[prefix] === contents[prefix]) prefix++;
  let suffix = 0;
  while (suffix < oldN - prefix && suffix < newN - prefix && old.contents[oldN - 1 - suffix] === contents[newN - 1 - suffix]) suffix++;

  // Equal runs over the whole lists: the prefix, what the diff of the middle finds, the suffix.
  const matches: Match[] = [];
  if (prefix) matches.push({ a: 0, b: 0, length: prefix });
  const oldMiddle = oldN - prefix - suffix;
  const newMiddle = newN - prefix - suffix;
  if (oldMiddle && newMiddle) {
    const ids = new Map<string, number>();
    const id = (s: string) => {
      let n = ids.get(s);
      if (n === undefined) ids.set(s, (n = ids.size));
      return n;
    };
    const a = old.contents.slice(prefix, oldN - suffix).map(id);
    const b = contents.slice(prefix, newN - suffix).map(id);
    for (const run of commonRuns(a, b) ?? []) matches.push({ a: run.a + prefix, b: run.b + prefix, length: run.length });
  }
  if (suffix) matches.push({ a: oldN - suffix, b: newN - suffix, length: suffix });

  const keys = new Array<number>(newN);
  const oldAt = new Array<number>(newN).fill(-1); // the old position a row's key comes from
  const splices: number[][] = [];
  const send: number[] = [];
  let a = 0;
  let b = 0;
  const hunk = (aEnd: number, bEnd: number) => {
    // Rows replaced in place keep their keys; the rest are removed or new.
    const paired = Math.min(aEnd - a, bEnd - b);
    for (let i = 0; i < paired; i++) {
      keys[b + i] = old.keys[a + i];
      oldAt[b + i] = a + i;
    }
    const inserted: number[] = [];
    for (let i = b + paired; i < bEnd; i++) inserted.push((keys[i] = newKey()));
    if (aEnd - a !== bEnd - b) splices.push([b + paired, aEnd - a - paired, ...inserted]);
    for (let i = b; i < bEnd; i++) if (oldAt[i] < 0 || old.contents[oldAt[i]] !== contents[i]) send.push(i);
  };
  for (const match of [...matches, { a: oldN, b: newN, length: 0 }]) {
    hunk(match.a, match.b);
    for (let i = 0; i < match.length; i++) {
      keys[match.b + i] = old.keys[match.a + i];
      oldAt[match.b + i] = match.a + i;
    }
    a = match.a + match.length;
    b = match.b + match.length;
  }
  const sent = new Set(send);
  const shifts = shiftRuns(lines.map((line, i) => (sent.has(i) ? null : line - old.lines[oldAt[i]])));
  const snapshot = { keys, contents, lines };
  if (!splices.length && !shifts.length && !send.length) return { snapshot, send };
  const patch: ListPatch = { rows: [] };
  if (splices.length) patch.splices = splices;
  if (shifts.length) patch.shifts = shifts;
  return { snapshot, patch, send };
}

/** Every text of a message once: cells become indices into `strings`. */
class StringTable {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();

  encode(cell: Cell): EncodedCell {
    if (typeof cell !== 'string') return (cell as readonly Cell[]).map((c) => this.encode(c));
    let n = this.index.get(cell);
    if (n === undefined) {
      n = this.strings.length;
      this.strings.push(cell);
      this.index.set(cell, n);
    }
    return n;
  }
}

/**
 * The preview versions of one document, and the payload that brings a client from the version it
 * has to the current one.
 */
export class PreviewSync {
  private readonly history = new Map<string, Snapshot>();
  private counter = 0;
  private nextKey = 1;

  constructor(private readonly epoch: string = newEpoch()) {}

  /**
   * The payload from `base` (or from nothing) to the preview of `analysis`, with the table and the
   * views in `lists` (the views cost a pass over every task: they are made only while shown).
   */
  update(analysis: Analysis, locale: Locale, base?: string, lists: readonly ListName[] = LIST_NAMES): PreviewPayload {
    const old = base === undefined ? undefined : this.history.get(base);
    const previous = old && old.locale === locale ? old : undefined;
    const newKey = () => this.nextKey++;
    const wanted = new Set<ListName>(['table', ...lists.filter((l) => LIST_NAMES.includes(l))]);

    const table = tableModel(analysis, locale);
    const rows: Partial<Record<ListName, readonly ModelRow[]>> = { table: table.rows };
    const diffs: Partial<Record<ListName, ListDiff>> = { table: diffList(previous?.lists.table, table.rows, newKey) };
    if (wanted.size > 1) {
      const keys = diffs.table!.snapshot.keys;
      const taskKeys = new Map<number, string>();
      table.tasks.forEach((task, i) => {
        if (task >= 0) taskKeys.set(task, String(keys[i]));
      });
      const views = viewsModel(analysis, locale, (task) => taskKeys.get(task) ?? '0');
      for (const name of ['units', 'leaders', 'targets'] as const) {
        if (!wanted.has(name)) continue;
        rows[name] = views[name];
        diffs[name] = diffList(previous?.lists[name], views[name], newKey);
      }
    }

    const head = previewHead(analysis, locale, table.columns);
    const headJson: Record<string, string> = {};
    const headChanges: Partial<PreviewHead> = {};
    for (const [part, value] of Object.entries(head) as [keyof PreviewHead, unknown][]) {
      headJson[part] = JSON.stringify(value);
      if (previous?.head[part] !== headJson[part]) (headChanges as Record<string, unknown>)[part] = value;
    }

    const strings = new StringTable();
    const patches: Partial<Record<ListName, ListPatch>> = {};
    for (const name of LIST_NAMES) {
      const diff = diffs[name];
      if (!diff?.patch) continue;
      const list = rows[name]!;
      const patch = diff.patch;
      patch.rows = diff.send.map((i) => [diff.snapshot.keys[i], list[i].line, strings.encode(list[i].cells) as EncodedCell[]]);
      if (!patch.rows.length && !patch.reset) delete patch.rows;
      if (!previous) delete patch.reset;
      patches[name] = patch;
    }
    if (previous && !Object.keys(headChanges).length && !Object.keys(patches).length) return { version: previous.version, base: previous.version };

    const version = `${this.epoch}.${++this.counter}`;
    const kept: Partial<Record<ListName, ListSnapshot>> = {};
    for (const name of LIST_NAMES) if (diffs[name]) kept[name] = diffs[name]!.snapshot;
    this.history.set(version, { version, locale, head: headJson, lists: kept });
    while (this.history.size > HISTORY) this.history.delete(this.history.keys().next().value as string);

    const payload: PreviewPayload = { version };
    if (previous) payload.base = previous.version;
    if (Object.keys(headChanges).length) payload.head = headChanges;
    payload.strings = strings.strings;
    payload.lists = patches;
    return payload;
  }
}

function newEpoch(): string {
  return Date.now().toString(36) + Math.floor(Math.random() * 36 ** 6).toString(36);
}

/** Documents whose versions are kept: more previews than this open at once start over (a full payload). */
const DOCUMENTS = 16;

/** The preview versions of every previewed document, as the language server keeps them. */
export class PreviewSessions {
  private readonly documents = new Map<string, PreviewSync>();
  private readonly epoch = newEpoch();
  private created = 0;

  update(uri: string, analysis: Analysis, locale: Locale, base?: string, lists?: readonly ListName[]): PreviewPayload {
    let sync = this.documents.get(uri);
    // Version names never repeat within a server's life, so a client's stale base is never mistaken.
    if (!sync) sync = new PreviewSync(`${this.epoch}-${(this.created++).toString(36)}`);
    this.documents.delete(uri);
    this.documents.set(uri, sync);
    while (this.documents.size > DOCUMENTS) this.documents.delete(this.documents.keys().next().value as string);
    return sync.update(analysis, locale, base, lists);
  }

  /** The document closed: its versions are of no more use. */
  forget(uri: string): void {
    this.documents.delete(uri);
  }
}
