/**
 * Parsing from the version before = parsing afresh. `parseDocument(text, previous)` lexes again
 * only the lines around what changed and takes the other tasks from `previous`, moved in place by
 * the lines added or removed; whatever the edits (line breaks of every kind, a byte-order mark,
 * deleted headings), the tree must be exactly the one a grammar that has never seen any text
 * builds, and no tree but the version before (used up) may change.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import * as path from 'path';
import type { DocumentSyntax, TaskSyntax } from '../grammar/src/syntax';
import { parseDocument } from '../grammar/src/index';
import { ci, DOCUMENTS, mutant, sharpText } from './properties/support';

type Parse = typeof parseDocument;

const GRAMMAR = path.join(path.resolve(__dirname, '..'), 'grammar') + path.sep;

/** A grammar loaded anew, none of its caches having seen any text; the module cache is left as it was. */
function freshParse(): Parse {
  const ours = (key: string) => key.startsWith(GRAMMAR);
  const saved = Object.entries(require.cache).filter(([key]) => ours(key));
  for (const [key] of saved) delete require.cache[key];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(path.join(GRAMMAR, 'src', 'index.js')) as { parseDocument: Parse }).parseDocument;
  } finally {
    for (const key of Object.keys(require.cache)) if (ours(key)) delete require.cache[key];
    for (const [key, module] of saved) require.cache[key] = module;
  }
}

interface Edit {
  at: number;
  length: number;
  text: string;
}

function apply(text: string, { at, length, text: inserted }: Edit): string {
  const start = at % (text.length + 1);
  return text.slice(0, start) + inserted + text.slice(Math.min(text.length, start + length));
}

const insertion = fc.oneof(
  sharpText(8),
  fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\ufeff', '', 'x', '\n1. 新任务。', '\n   牵头单位：省商务厅', '\n二、新章', '\n（一）新节', '\n【名词解释】\n', '# 注释\n', '   '),
);

const session = fc.record({
  document: fc.constantFrom(...DOCUMENTS.filter((d) => d.text.length < 40_000)),
  edits: fc.array(fc.record({ at: fc.nat(), length: fc.oneof(fc.constant(0), fc.nat(3), fc.nat(400)), text: insertion }), { minLength: 1, maxLength: 12 }),
  /**
   * Which earlier version each version is parsed from: usually the one just before, as an editor
   * sends them; else an older one, which may be used up (then it is as good as none) or not (then
   * its tasks are held by two trees, and moving them must copy them).
   */
  from: fc.array(fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.nat(3), weight: 1 }), { minLength: 12, maxLength: 12 }),
});

const serialized = (syntax: DocumentSyntax) => JSON.stringify(syntax);

/** `parseAfter(text, previous)`: how a version is parsed from another; the property holds it equal to a fresh parse. */
const parsedFromBeforeIsFresh = (parseAfter: (text: string, previous: DocumentSyntax) => DocumentSyntax) =>
  fc.property(session, ({ document, edits, from }) => {
    const first = parseDocument(document.text);
    const versions = [{ text: document.text, syntax: first, tree: serialized(first), usedUp: false }];
    edits.forEach((edit, i) => {
      const text = apply(versions[versions.length - 1].text, edit);
      const base = versions[Math.max(0, versions.length - 1 - from[i])];
      const syntax = parseAfter(text, base.syntax);
      base.usedUp = true;
      const tree = serialized(syntax);
      assert.strictEqual(tree, serialized(freshParse()(text)), `edit ${i + 1} of ${edits.length} on ${document.name}`);
      for (const [k, v] of versions.entries()) if (!v.usedUp) assert.strictEqual(serialized(v.syntax), v.tree, `version ${k} changed by edit ${i + 1} on ${document.name}`);
      versions.push({ text, syntax, tree, usedUp: false });
    });
  });

function tasksOf(syntax: DocumentSyntax): TaskSyntax[] {
  return syntax.chapters.flatMap((c) => [...c.tasks, ...c.sections.flatMap((s) => s.tasks)]);
}

describe('grammar: a version parsed from the one before is parsed as afresh', function () {
  this.timeout(300_000);

  it('random edits over the corpus, each version parsed from an earlier one, give the tree of a fresh grammar', () => {
    fc.assert(parsedFromBeforeIsFresh(parseDocument), ci(60));
  });

  it('the property catches a parse that keeps the version before where a line changed (a broken parse)', () => {
    // The edited task's text kept from the version before: what a wrong change range would give.
    // A tree of copies: the parsed tasks are cached, and other tests must not see the damage.
    const stale = (text: string, previous: DocumentSyntax): DocumentSyntax => {
      const syntax = parseDocument(text, previous);
      const [was, now] = [tasksOf(previous), tasksOf(syntax)];
      const i = now.findIndex((t, k) => was[k] && t !== was[k] && t.number === was[k].number);
      if (i < 0) return syntax;
      const kept = (tasks: TaskSyntax[]) => tasks.map((t) => (t === now[i] ? { ...t, text: was[i].text, fields: was[i].fields } : t));
      return { ...syntax, chapters: syntax.chapters.map((c) => ({ ...c, tasks: kept(c.tasks), sections: c.sections.map((s) => ({ ...s, tasks: kept(s.tasks) })) })) };
    };
    const result = fc.check(parsedFromBeforeIsFresh(stale), mutant(40));
    assert.ok(result.failed, 'the property did not notice a task kept from the version before');
  });

  it('after a line is added, the tasks below are the same objects moved one line down; a tree sharing them keeps its own', () => {
    const sample = DOCUMENTS.find((d) => d.name.includes('002-liaoning'))!;
    const parse = freshParse();
    const before = parse(sample.text);
    const tasks = tasksOf(before);
    const lines = tasks.map((t) => t.range.start.line);
    const middle = tasks[Math.floor(tasks.length / 2)];
    const split = sample.text.split('\n');
    const text = [...split.slice(0, middle.range.start.line), '', ...split.slice(middle.range.start.line)].join('\n');
    const after = tasksOf(parse(text, before));
    const at = tasks.indexOf(middle);
    assert.strictEqual(after.length, tasks.length);
    for (let k = 0; k < at - 1; k++) assert.strictEqual(after[k], tasks[k], `task ${tasks[k].number} above the new line`);
    // The task right below the new line is on lines lexed again: found by its text, and copied.
    for (let k = at; k < tasks.length; k++) {
      if (k > at) assert.strictEqual(after[k], tasks[k], `task ${tasks[k].number} below the new line`);
      assert.strictEqual(after[k].range.start.line, lines[k] + 1);
    }

    // A second tree of the same text takes the same tasks from the cache: a move now copies them.
    const other = parse(text);
    const shared = serialized(other);
    const third = [...split.slice(0, middle.range.start.line), '', '', ...split.slice(middle.range.start.line)].join('\n');
    const moved = tasksOf(parse(third, parse(text)));
    assert.strictEqual(serialized(other), shared, 'the tree sharing the tasks changed');
    for (let k = at; k < tasks.length; k++) {
      if (k > at) assert.notStrictEqual(moved[k], after[k], `task ${tasks[k].number} was moved in place though shared`);
      assert.strictEqual(moved[k].range.start.line, lines[k] + 2);
    }
  });
});
