#!/usr/bin/env node
'use strict';
require('../out/cli/src/main.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`fenjie: internal error: ${err && err.message}\n`); process.exitCode = 2; }
);
