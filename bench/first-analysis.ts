/**
 * One first analysis, in a fresh process: the code is warmed up on other documents first (as in
 * a server that has been running), then the target, never seen by this process, is analysed once.
 * Every cache the core keeps (lexed lines, resolved unit lists, segmented task texts) starts
 * without it. Run by bench/core.ts: `node first-analysis.js <target> <warm-up files...>`, prints
 * the milliseconds as JSON.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { analyze } from '../core/src/analyze';
import { loadRegistry } from '../core/src/registry';
import { ROOT } from './generate';

function main(): void {
  const [target, ...warmUp] = process.argv.slice(2);
  const dir = path.join(ROOT, 'registries');
  const registries = readdirSync(dir)
    .filter((n) => n.endsWith('.units.fenjie'))
    .sort()
    .map((n) => loadRegistry(readFileSync(path.join(dir, n), 'utf8'), `builtin:${n}`));
  for (const file of warmUp) for (let i = 0; i < 3; i++) analyze(readFileSync(file, 'utf8'), { uri: `file://${file}`, registries });
  const text = readFileSync(target, 'utf8');
  const start = performance.now();
  analyze(text, { uri: `file://${target}`, registries });
  console.log(JSON.stringify({ ms: performance.now() - start }));
}

main();
