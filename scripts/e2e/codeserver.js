'use strict';
// Starts and stops a local code-server (VS Code in the browser) with given extensions,
// for `npm start` and for the end-to-end suite.
const fs = require('fs');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const p = require('./paths');

// Quiet, deterministic workbench: no welcome page, tips, trust prompt, AI panels or updates.
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

// code-server keeps its own logs and a heartbeat file under XDG_DATA_HOME; keep them in .e2e/
// rather than in the user's home.
const codeServerEnv = { ...process.env, XDG_DATA_HOME: path.join(p.e2eHome, 'xdg-data') };

function baseArgs({ userDataDir, extensionsDir }) {
  return [p.codeServerEntry, '--config', p.codeServerConfig, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
}

function installExtension(vsix, dirs) {
  if (!fs.existsSync(vsix)) throw new Error(`VSIX not found: ${vsix}`);
  fs.mkdirSync(dirs.extensionsDir, { recursive: true });
  const result = spawnSync(p.node24, [...baseArgs(dirs), '--install-extension', vsix, '--force'], { encoding: 'utf8', env: codeServerEnv });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${vsix} into code-server failed:\n${output}`);
  }
}

function writeUserSettings(userDataDir, settings = {}) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  const existing = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ ...QUIET_SETTINGS, ...existing, ...settings }, null, 2)}\n`);
}

function processGroupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is already gone.
  }
}

async function waitUntil(condition, timeoutMs, intervalMs = 50) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return condition();
}

/**
 * Starts code-server on 127.0.0.1 (port 0 = a free port chosen by the OS) with no auth.
 * It runs in its own process group, so stop() ends it with every process it started
 * (VS Code server, extension host, language servers).
 */
function startCodeServer({ folder, userDataDir, extensionsDir, logFile, port = 0, startTimeoutMs = 60000 }) {
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const args = [
    ...baseArgs({ userDataDir, extensionsDir }),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    folder,
  ];
  const child = spawn(p.node24, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: codeServerEnv });
  const logStream = fs.createWriteStream(logFile);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let hasExited = false;
  exited.then(() => {
    hasExited = true;
  });

  async function stop() {
    const pgid = child.pid;
    if (!hasExited) signalGroup(pgid, 'SIGTERM');
    // Children may outlive code-server by a moment; whatever is left after 5 s is killed.
    if (!(await waitUntil(() => hasExited && !processGroupAlive(pgid), 5000))) signalGroup(pgid, 'SIGKILL');
    await waitUntil(() => !processGroupAlive(pgid), 5000);
    await exited;
    await new Promise((resolve) => logStream.end(resolve));
  }

  const ready = new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => {
      reject(new Error(`code-server did not report its address within ${startTimeoutMs} ms; log: ${logFile}`));
    }, startTimeoutMs);
    const onData = (chunk) => {
      logStream.write(chunk);
      seen += chunk.toString();
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        seen = '';
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code ?? signal}) before it was ready; log: ${logFile}`));
    });
  });

  return ready.then(
    (url) => ({
      url,
      folderUrl: `${url}?folder=${encodeURIComponent(folder)}`,
      pid: child.pid,
      logsDir: path.join(userDataDir, 'logs'),
      exited,
      stop,
    }),
    async (error) => {
      await stop();
      throw error;
    },
  );
}

module.exports = { installExtension, writeUserSettings, startCodeServer, QUIET_SETTINGS };
