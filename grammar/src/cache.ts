/**
 * A cache of what is computed from a text (a line's shape, a task's syntax, a name's resolution),
 * kept from one analysis to the next. An editing session makes new texts at every keystroke, so
 * the cache must be bounded by what it holds, not by how many versions went through it: it starts
 * afresh when it holds too many entries, and it never keeps a text longer than `maxKeyLength`
 * (a long text is rare, costs as much to keep as to compute again, and an edited one would leave a
 * copy per keystroke).
 */
export class TextCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(
    private readonly maxEntries: number,
    private readonly maxKeyLength = 4096,
  ) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    if (key.length > this.maxKeyLength) return;
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) this.entries.clear();
    this.entries.set(key, value);
  }

  /** The value for `key`, computed (and kept, within the bounds) on first use. */
  getOrCompute(key: string, compute: () => V): V {
    if (this.entries.has(key)) return this.entries.get(key) as V;
    const value = compute();
    this.set(key, value);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
