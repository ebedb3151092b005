#!/usr/bin/env node
'use strict';
// `npm start`: build and package the extension, install it into a local code-server, open the
// samples folder, print the address, and stop cleanly (with every child process) on Ctrl-C.
//
//   npm start                        package with `npm run package`, serve on a free port
//   npm start -- --port 8080         fixed port
//   npm start -- --vsix some.vsix    serve an already packaged extension (skips packaging;
//                                    FENJIE_E2E_VSIX=some.vsix does the same)
//   npm start -- --folder some/dir   open another folder instead of samples/
const path = require('path');
const p = require('./paths');
const { ensureInstalled } = require('./install');
const { installExtension, writeUserSettings, startCodeServer } = require('./codeserver');
const { ensureFenjieVsix } = require('./vsix');

function parseArgs(argv) {
  const options = { port: Number(process.env.PORT) || 0, vsix: undefined, folder: p.samplesDir };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === '--port') options.port = Number(value);
    else if (argv[i] === '--vsix') options.vsix = path.resolve(value);
    else if (argv[i] === '--folder') options.folder = path.resolve(value);
    else throw new Error(`unknown option ${argv[i]} (see scripts/e2e/start.js)`);
    i++;
  }
  if (!Number.isInteger(options.port) || options.port < 0) throw new Error('--port needs a port number');
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  ensureInstalled();
  const packaged = options.vsix ? { vsix: options.vsix } : ensureFenjieVsix({ stdio: 'inherit' });
  if (packaged.missing) throw new Error(`no extension to serve: ${packaged.missing} (or pass --vsix)`);
  const { vsix } = packaged;
  const home = path.join(p.e2eHome, 'start');
  const dirs = { userDataDir: path.join(home, 'user-data'), extensionsDir: path.join(home, 'extensions') };
  installExtension(vsix, dirs);
  writeUserSettings(dirs.userDataDir);
  const logFile = path.join(home, 'code-server.log');
  const server = await startCodeServer({ folder: options.folder, ...dirs, logFile, port: options.port });

  let stopping = false;
  const shutdown = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[start] ${signal}: stopping code-server`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGHUP', () => shutdown('SIGHUP'));
  server.exited.then(({ code, signal }) => {
    if (stopping) return;
    console.error(`[start] code-server exited on its own (${code ?? signal}); log: ${logFile}`);
    server.stop().then(() => process.exit(1));
  });

  console.log(`[start] ${path.basename(vsix)} installed; VS Code (code-server) is running with ${path.relative(p.repoRoot, options.folder) || '.'} open:`);
  console.log(`\n    ${server.folderUrl}\n`);
  console.log(`[start] logs: ${path.relative(p.repoRoot, logFile)}, ${path.relative(p.repoRoot, server.logsDir)}/  — press Ctrl-C to stop`);
}

main().catch((error) => {
  console.error(`[start] ${error.message}`);
  process.exit(1);
});
