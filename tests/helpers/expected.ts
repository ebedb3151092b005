/**
 * Checked-in expectations: compare output with a file beside the fixture, or rewrite the file
 * when UPDATE_EXPECTED=1 (the one command that refreshes every expectation: `npm run update-expected`).
 */
import * as assert from 'assert';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';

/** The repository root, from out/tests/helpers or tests/helpers. */
export const ROOT = [path.resolve(__dirname, '..', '..', '..'), path.resolve(__dirname, '..', '..')].find((p) => existsSync(path.join(p, 'package.json')))!;

export function fromRoot(...parts: string[]): string {
  return path.join(ROOT, ...parts);
}

export const UPDATE = process.env.UPDATE_EXPECTED === '1';

export function expectFile(actual: string, expectedPath: string): void {
  if (UPDATE || !existsSync(expectedPath)) {
    if (!UPDATE) throw new Error(`${expectedPath} is missing: run with UPDATE_EXPECTED=1 to create it, then review it`);
    writeFileSync(expectedPath, actual);
    return;
  }
  assert.strictEqual(actual, readFileSync(expectedPath, 'utf8'), `output differs from ${path.relative(ROOT, expectedPath)} (UPDATE_EXPECTED=1 refreshes it)`);
}
