/**
 * Data-driven checks: each tests/fixtures/checks/*.fenjie is checked through the CLI and its
 * JSON output compared with the .expected.json beside it (UPDATE_EXPECTED=1 refreshes them).
 */
import * as assert from 'assert';
import { readdirSync } from 'fs';
import * as path from 'path';
import { ALL_TEMPLATES } from '../core/src/catalog';
import { noteTemplates } from '../importer/src/notes';
import { expectFile, fromRoot } from './helpers/expected';
import { runCli } from './helpers/cli';

const FIXTURES = fromRoot('tests', 'fixtures', 'checks');

describe('checks on fixtures', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.fenjie') && !f.endsWith('.units.fenjie'));
  for (const file of files) {
    it(`${file} gives its expected diagnostics`, async () => {
      const run = await runCli(['check', path.join(FIXTURES, file), '--format', 'json', '--lang', 'zh']);
      const relative = run.stdout.split(fromRoot() + path.sep).join('');
      expectFile(relative, path.join(FIXTURES, file.replace(/\.fenjie$/, '.expected.json')));
    });
  }
});

describe('message catalog', () => {
  it('has every message in Chinese and English, with the same placeholders', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join(',');
    for (const [code, template] of Object.entries(ALL_TEMPLATES)) {
      assert.ok(template.zh.trim() && template.en.trim(), `${code} lacks a language`);
      assert.strictEqual(placeholders(template.zh), placeholders(template.en), `${code}: placeholders differ between zh and en`);
    }
  });

  it('documents every code in docs/language.md', () => {
    const doc = require('fs').readFileSync(fromRoot('docs', 'language.md'), 'utf8') as string;
    for (const code of [...Object.keys(ALL_TEMPLATES), ...Object.keys(noteTemplates)]) assert.ok(doc.includes(`| ${code} |`), `${code} is missing from docs/language.md`);
  });
});
