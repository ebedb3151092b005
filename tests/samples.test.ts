/**
 * The shipped samples: each one's `fenjie check --format json` output is checked in beside it
 * (samples/<name>.expected.json) and must stay exactly that; the render JSON carries every task.
 */
import * as assert from 'assert';
import { readdirSync } from 'fs';
import * as path from 'path';
import { expectFile, fromRoot } from './helpers/expected';
import { runCli } from './helpers/cli';

const SAMPLES = fromRoot('samples');
const TASK_COUNTS: Record<string, number> = {
  '000-liaozhong-2024.fenjie': 86,
  '002-liaoning-2024.fenjie': 228,
  '003-tiexi-2024.fenjie': 131,
};

describe('samples', () => {
  const documents = readdirSync(SAMPLES).filter((f) => f.endsWith('.fenjie') && !f.endsWith('.units.fenjie'));

  for (const file of documents) {
    it(`${file}: fenjie check gives exactly the checked-in diagnostics`, async () => {
      const run = await runCli(['check', path.join('samples', file), '--format', 'json', '--lang', 'zh']);
      expectFile(run.stdout, path.join(SAMPLES, file.replace(/\.fenjie$/, '.expected.json')));
    });
  }

  for (const [file, count] of Object.entries(TASK_COUNTS)) {
    it(`${file}: render --format json has all ${count} tasks with their fields`, async () => {
      const run = await runCli(['render', path.join('samples', file), '--format', 'json']);
      const model = JSON.parse(run.stdout);
      assert.strictEqual(model.tasks.length, count);
      model.tasks.forEach((task: { number: string; text: string; leadUnits: unknown[]; cooperatingUnits: unknown[]; leaders: unknown[]; targets: unknown[] }, i: number) => {
        assert.strictEqual(Number(task.number), i + 1, `task ${i + 1} is numbered ${task.number}`);
        assert.ok(task.text.length > 0);
        for (const key of ['leadUnits', 'cooperatingUnits', 'leaders', 'targets', 'chapter']) assert.ok(key in task, `task ${task.number} lacks ${key}`);
      });
    });
  }

  it('002: every 虎扑体育 unit is an unknown unit, and nothing else is', async () => {
    const run = await runCli(['check', path.join('samples', '002-liaoning-2024.fenjie'), '--format', 'json', '--lang', 'zh']);
    const [{ diagnostics }] = JSON.parse(run.stdout);
    const unknown = diagnostics.filter((d: { code: string }) => d.code === 'FJ101');
    assert.ok(unknown.length > 0);
    for (const d of unknown) assert.match(d.message, /虎扑体育/);
    assert.ok(!diagnostics.some((d: { severity: string; code: string }) => d.severity === 'error' && d.code !== 'FJ101'));
  });

  it('tutorial: checks clean', async () => {
    const run = await runCli(['check', path.join('samples', 'tutorial.fenjie'), '--format', 'json']);
    assert.deepStrictEqual(JSON.parse(run.stdout)[0].diagnostics, []);
  });
});
