/**
 * The long fuzz campaign: the cheap property of tests/properties (parse, analyze and
 * loadRegistry on random strings, language-shaped junk and mutated samples; nothing throws, no
 * internal error, every range inside the document) for as many cases as asked, in chunks with
 * their own seeds so a long run reports progress, can be resumed, and names the exact case that
 * failed.
 *
 *   npm run fuzz -- --runs 1000000 [--seed 20240118] [--chunk 10000] [--from-chunk 0]
 *   npm run fuzz -- --seed <chunk seed> --path <path> --replay     (re-run one failure, shrunk)
 *
 * Chunk k runs with seed `seed + k`; a failure prints that seed and fast-check's path, which
 * `--replay` takes back. Exit code 0 when every case passed, 1 on a failure, 2 on bad usage.
 */
import * as fc from 'fast-check';
import { coreNeverFails } from '../tests/properties/harness';

interface Options {
  runs: number;
  seed: number;
  chunk: number;
  fromChunk: number;
  path?: string;
  replay: boolean;
}

const USAGE = 'usage: npm run fuzz -- --runs N [--seed S] [--chunk C] [--from-chunk K] | --seed S --path P --replay';

function parseOptions(args: string[]): Options {
  const options: Options = { runs: 10_000, seed: 20240118, chunk: 10_000, fromChunk: 0, replay: false };
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i].split('=', 2);
    const value = () => inline ?? args[++i];
    const number = () => {
      const n = Number(value());
      if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} needs a whole number`);
      return n;
    };
    switch (name) {
      case '--runs':
        options.runs = number();
        break;
      case '--seed':
        options.seed = number();
        break;
      case '--chunk':
        options.chunk = Math.max(1, number());
        break;
      case '--from-chunk':
        options.fromChunk = number();
        break;
      case '--path':
        options.path = value();
        break;
      case '--replay':
        options.replay = true;
        break;
      default:
        throw new Error(`unknown option ${args[i]}`);
    }
  }
  if (options.replay && options.path === undefined) throw new Error('--replay needs --path');
  return options;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function main(): number {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const property = coreNeverFails();
  if (options.replay) {
    const details = fc.check(property, { seed: options.seed, path: options.path, numRuns: 1 });
    console.log(details.failed ? fc.defaultReportMessage(details) : 'the case passes now');
    return details.failed ? 1 : 0;
  }
  const chunks = Math.ceil(options.runs / options.chunk);
  const started = Date.now();
  let done = options.fromChunk * options.chunk;
  console.log(`fuzz: ${options.runs} cases in ${chunks} chunks of ${options.chunk}, seeds ${options.seed}…${options.seed + chunks - 1}, from chunk ${options.fromChunk}`);
  for (let k = options.fromChunk; k < chunks; k++) {
    const numRuns = Math.min(options.chunk, options.runs - k * options.chunk);
    const seed = options.seed + k;
    const chunkStarted = Date.now();
    const details = fc.check(property, { seed, numRuns });
    if (details.failed) {
      console.error(`\nFAILED in chunk ${k} (seed ${seed}) after ${done + details.numRuns} cases:\n${fc.defaultReportMessage(details)}`);
      console.error(`replay: npm run fuzz -- --seed ${seed} --path ${details.counterexamplePath} --replay`);
      return 1;
    }
    done += numRuns;
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `chunk ${k + 1}/${chunks} seed ${seed}: ${numRuns} passed in ${((Date.now() - chunkStarted) / 1000).toFixed(1)} s; ` +
        `${done} cases, ${(done / Math.max(seconds, 0.001)).toFixed(0)}/s overall, heap ${megabytes(process.memoryUsage().heapUsed)}`,
    );
  }
  console.log(`fuzz: all ${done} cases passed in ${((Date.now() - started) / 1000 / 60).toFixed(1)} min`);
  return 0;
}

process.exitCode = main();
