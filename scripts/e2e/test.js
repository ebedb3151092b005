#!/usr/bin/env node
'use strict';
// `npm run test:e2e`: installs what is missing (idempotent), then runs the end-to-end specs
// (e2e/*.e2e.js) with mocha. Screenshots and, for failures, logs go to test-results/e2e/.
//
//   npm run test:e2e                         every spec
//   npm run test:e2e -- e2e/probe.e2e.js     one spec
//   npm run test:e2e -- --grep hover         tests whose title matches
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');
const p = require('./paths');
const { ensureInstalled } = require('./install');

function parseArgs(argv) {
  const options = { grep: undefined, files: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--grep') options.grep = argv[++i];
    else options.files.push(path.resolve(argv[i]));
  }
  if (options.files.length === 0) {
    const dir = path.join(p.repoRoot, 'e2e');
    options.files = fs.readdirSync(dir).filter((name) => name.endsWith('.e2e.js')).sort().map((name) => path.join(dir, name));
  }
  return options;
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  ensureInstalled();
  fs.rmSync(p.resultsDir, { recursive: true, force: true });
  fs.mkdirSync(p.resultsDir, { recursive: true });

  const mocha = new Mocha({ reporter: 'spec', timeout: 120000, slow: 15000, bail: false });
  if (options.grep) mocha.grep(options.grep);
  options.files.forEach((file) => mocha.addFile(file));
  const runner = mocha.run((failures) => {
    const { passes = 0, pending = 0 } = runner.stats || {};
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const saved = fs.readdirSync(p.resultsDir).sort().map((name) => `  ${path.relative(p.repoRoot, path.join(p.resultsDir, name))}`);
    console.log(`\nscreenshots, exports and (for failures) logs:\n${saved.join('\n')}`);
    console.log(`e2e suite time: ${seconds} s`);
    // A plain closing line that CI can read whatever the runner.
    console.log(`e2e: ${passes} passed, ${failures} failed, ${pending} skipped`);
    process.exitCode = failures > 0 ? 1 : 0;
  });
}

try {
  main();
} catch (error) {
  console.error(`[test:e2e] ${error.message}`);
  process.exit(1);
}
