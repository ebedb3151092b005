'use strict';
// One real editor for a suite: a fresh code-server with one VSIX installed and a copy of a
// workspace folder open, driven in Debian's Chromium. Records a screenshot after every test,
// and on failure also the editor's logs (extension host, language server output) and the
// browser console.
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');
const p = require('../../scripts/e2e/paths');
const { installExtension, writeUserSettings, startCodeServer } = require('../../scripts/e2e/codeserver');
const { Workbench, DEFAULT_TIMEOUT } = require('./workbench');

// Settings that make typing deterministic for a script (no auto-indent, Enter never accepts a
// suggestion, edits stay unsaved until a test saves: VS Code in a browser saves after a
// delay by default), keep every outline node expanded, and keep the window uncluttered.
const TEST_SETTINGS = {
  'files.autoSave': 'off',
  'editor.autoIndent': 'none',
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.minimap.enabled': false,
  'outline.collapseItems': 'alwaysExpand',
  'workbench.list.defaultFindMode': 'filter',
  'workbench.list.defaultFindMatchType': 'contiguous',
  'workbench.editor.enablePreview': false,
  'git.enabled': false,
};

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

function slug(text) {
  return text.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 80);
}

async function openSession({ name, vsix, workspaceSource, settings = {} }) {
  const runDir = path.join(p.e2eHome, 'runs', name);
  fs.rmSync(runDir, { recursive: true, force: true });
  const workspace = path.join(runDir, 'workspace');
  fs.cpSync(workspaceSource, workspace, { recursive: true });
  const dirs = { userDataDir: path.join(runDir, 'user-data'), extensionsDir: path.join(runDir, 'extensions') };
  installExtension(vsix, dirs);
  writeUserSettings(dirs.userDataDir, { ...TEST_SETTINGS, ...settings });
  const serverLog = path.join(runDir, 'code-server.log');
  const server = await startCodeServer({ folder: workspace, ...dirs, logFile: serverLog });

  let browser;
  try {
    browser = await chromium.launch({ executablePath: p.chromium, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(DEFAULT_TIMEOUT);
    const consoleLines = [];
    const dialogs = [];
    page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.message}`));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      dialog.dismiss().catch(() => {});
    });
    await page.goto(server.folderUrl);
    const workbench = new Workbench(page);
    await workbench.waitReady();
    return new Session({ name, workspaceSource, workspace, server, serverLog, browser, page, workbench, consoleLines, dialogs });
  } catch (error) {
    if (browser) await browser.close();
    await server.stop();
    throw error;
  }
}

class Session {
  constructor(fields) {
    Object.assign(this, fields);
  }

  /** Restores a workspace file on disk from the source folder (after a test edited it). */
  restoreFile(relativePath) {
    fs.copyFileSync(path.join(this.workspaceSource, relativePath), path.join(this.workspace, relativePath));
  }

  /** Saves a screenshot of the window; after a failure also copies the logs beside it. */
  async record(test) {
    fs.mkdirSync(p.resultsDir, { recursive: true });
    const base = path.join(p.resultsDir, `${this.name}--${slug(test.title)}`);
    await this.page.screenshot({ path: `${base}.png` }).catch((error) => console.error(`screenshot failed: ${error.message}`));
    if (test.state !== 'failed') return;
    fs.cpSync(this.server.logsDir, `${base}-logs`, { recursive: true });
    fs.copyFileSync(this.serverLog, `${base}-logs/code-server.log`);
    fs.writeFileSync(`${base}-logs/browser-console.log`, `${this.consoleLines.join('\n')}\n`);
  }

  /** Puts the window back to a known state between tests: files as shipped, nothing open. */
  async reset(editedFiles = []) {
    await this.page.keyboard.press('Escape');
    for (const file of editedFiles) {
      this.restoreFile(file);
      await this.workbench.runCommand('workbench.action.focusFirstEditorGroup');
      if (await this.page.locator('.tab', { hasText: path.basename(file) }).count()) {
        await this.workbench.openFile(file);
        await this.workbench.runCommand('workbench.action.files.revert');
      }
    }
    await this.workbench.runCommand('workbench.action.closeAllEditors');
    if (await this.page.locator('.part.panel').isVisible()) await this.workbench.runCommand('workbench.action.closePanel');
  }

  async close() {
    await this.browser.close().catch(() => {});
    await this.server.stop();
  }
}

module.exports = { openSession };
