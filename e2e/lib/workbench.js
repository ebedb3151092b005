'use strict';
// Drives the VS Code workbench (as served by code-server) the way a user does: keyboard,
// quick open, command palette, panels. Every step waits for UI state, never for time.
const fs = require('fs');
const path = require('path');

const DEFAULT_TIMEOUT = 20000;

class Workbench {
  constructor(page) {
    this.page = page;
    this.quickInputWidget = page.locator('.quick-input-widget');
    this.quickInputBox = this.quickInputWidget.locator('input.input');
    this.quickInputRows = this.quickInputWidget.locator('.monaco-list-row');
    this.cursorStatus = page.locator('[id="status.editor.selection"]');
  }

  async waitReady() {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60000 });
  }

  /**
   * Opens the quick input (command palette widget) with `value` typed into it. The widget
   * closes when it loses focus, which happens if an extension focuses an editor just then
   * (say, a preview revealing a line); it is opened again in that case.
   */
  async quickInput(value) {
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      await this.quickInputBox.waitFor();
      try {
        await this.quickInputBox.fill(value, { timeout: 5000 });
        return;
      } catch (error) {
        if (attempt === 3 || (await this.quickInputBox.isVisible())) throw error;
      }
    }
  }

  // Waits for the picked row to go rather than for the widget to close: a command may reuse
  // the widget at once (a save dialog, a picker of its own).
  async acceptQuickInput(row) {
    await row.waitFor();
    await row.click();
    await row.waitFor({ state: 'hidden' });
  }

  /**
   * Runs a command from the command palette. The palette lists a command whose id equals the
   * typed text exactly (whatever the display language) and tags each row with its id.
   */
  async runCommand(commandId) {
    await this.quickInput(`>${commandId}`);
    await this.acceptQuickInput(this.quickInputRows.filter({ has: this.page.locator(`[data-quick-input-id="${commandId}"]`) }).first());
  }

  async openFile(relativePath) {
    const name = relativePath.split('/').pop();
    await this.quickInput(relativePath);
    await this.acceptQuickInput(this.quickInputRows.filter({ hasText: name }).first());
    await this.page.locator('.editor-group-container.active .tab.active', { hasText: name }).waitFor();
    await this.activeEditor().locator('.view-lines').waitFor();
  }

  activeEditor() {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /**
   * Waits until the cursor of the editor showing `fileName` is on `line` (1-based), read from
   * the highlighted line number, so it works whether or not that editor has the focus.
   */
  async waitForCursorLine(fileName, line, timeout = DEFAULT_TIMEOUT) {
    await this.page
      .locator(`.editor-group-container:has(.tab.active[data-resource-name="${fileName}"]) .margin-view-overlays .line-numbers.active-line-number`)
      .filter({ hasText: new RegExp(`^\\s*${line}\\s*$`) })
      .waitFor({ timeout });
  }

  /**
   * Moves the cursor of the active editor to a 1-based line and character column. Go to Line
   * counts columns in display cells (a Chinese character takes two), so it only picks the
   * line; the arrow keys then step over characters.
   */
  async goTo(line, column = 1) {
    await this.quickInput(`:${line}:1`);
    await this.page.keyboard.press('Enter');
    await this.quickInputWidget.waitFor({ state: 'hidden' });
    await this.cursorStatus.filter({ hasText: new RegExp(`Ln ${line}, Col 1\\b`) }).waitFor();
    for (let i = 1; i < column; i++) await this.page.keyboard.press('ArrowRight');
    await this.cursorStatus.filter({ hasText: new RegExp(`Ln ${line}, Col ${column}\\b`) }).waitFor();
  }

  /** Inserts the lines above the cursor line; text goes in as one input event per line. */
  async insertLines(lines) {
    for (const line of lines) {
      await this.page.keyboard.insertText(line);
      await this.page.keyboard.press('Escape'); // closes a suggestion list the text may have opened
      await this.page.keyboard.press('Enter');
    }
  }

  /** Waits until line `lineNumber` (1-based) of the active editor reads `expected`. */
  async waitForLineText(lineNumber, expected, timeout = DEFAULT_TIMEOUT) {
    // Monaco renders only the lines in view, positioned absolutely: the line-number gutter
    // entry and the text line of one editor line share the same `top`.
    await this.page.waitForFunction(
      ({ lineNumber, expected }) => {
        const editor = document.querySelector('.editor-group-container.active .monaco-editor');
        const gutter = editor && [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].find((e) => e.textContent.trim() === String(lineNumber));
        const top = gutter && gutter.closest('.margin-view-overlays > div').style.top;
        const line = top && [...editor.querySelectorAll('.view-lines > .view-line')].find((e) => e.style.top === top);
        return Boolean(line) && line.textContent.replace(/\u00a0/g, ' ') === expected;
      },
      { lineNumber, expected },
      { timeout },
    );
  }

  // --- Problems panel -------------------------------------------------------------------

  async showProblems(filter = '') {
    await this.runCommand('workbench.actions.view.problems');
    const panel = this.problemsPanel();
    await panel.waitFor();
    await this.page.locator('.viewpane-filter input').first().fill(filter);
    return panel;
  }

  problemsPanel() {
    return this.page.locator('.markers-panel');
  }

  problemRows(hasText) {
    const rows = this.problemsPanel().locator('.monaco-list-row');
    return hasText === undefined ? rows : rows.filter({ hasText });
  }

  async problemTexts(hasText) {
    const rows = this.problemRows(hasText);
    const labels = [];
    for (const row of await rows.all()) labels.push(`${await row.getAttribute('aria-label')} ${await row.innerText()}`);
    return labels;
  }

  // --- Editor widgets -------------------------------------------------------------------

  suggestWidget() {
    return this.page.locator('.suggest-widget.visible');
  }

  async triggerSuggest() {
    await this.page.keyboard.press('Control+Space');
    await this.suggestWidget().locator('.monaco-list-row').first().waitFor();
  }

  suggestRows(hasText) {
    const rows = this.suggestWidget().locator('.monaco-list-row');
    return hasText === undefined ? rows : rows.filter({ hasText });
  }

  async suggestLabels() {
    return this.suggestRows().evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') || row.textContent));
  }

  hoverWidget() {
    return this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
  }

  async showHover() {
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
    await this.hoverWidget().waitFor();
    return this.hoverWidget();
  }

  /** Opens the quick-fix menu at the cursor and applies the action whose title has `title`. */
  async applyQuickFix(title, attempts = 4) {
    const action = this.page.locator('.action-widget .monaco-list-row.action').filter({ hasText: title }).first();
    // The menu lists the actions known when it opens; if it opened before the server had
    // analysed the latest edit, it lacks ours and never refreshes, so it is reopened.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+.');
      try {
        await action.waitFor({ timeout: 5000 });
        break;
      } catch (error) {
        if (attempt >= attempts) throw error;
        const shown = await this.page.locator('.action-widget .monaco-list-row').allInnerTexts();
        console.log(`      quick-fix menu without "${title}" (attempt ${attempt}): ${shown.join(' | ') || 'nothing shown'}`);
        await this.page.keyboard.press('Escape');
      }
    }
    await action.click();
    await action.waitFor({ state: 'detached' });
  }

  // --- Views ----------------------------------------------------------------------------

  outlineRows(hasText) {
    const rows = this.page.locator('.pane:has(.pane-header[aria-label^="Outline"]) .monaco-list-row');
    return hasText === undefined ? rows : rows.filter({ hasText });
  }

  async showOutline() {
    await this.runCommand('outline.focus');
    await this.outlineRows().first().waitFor();
  }

  /**
   * Types into the Outline's find box. The tree renders only rows in view, and the test
   * settings make find filter (keeping ancestors) with contiguous matching, so a symbol
   * anywhere in a long document shows up together with its parents.
   */
  async filterOutline(text) {
    const pane = this.page.locator('.pane:has(.pane-header[aria-label^="Outline"])');
    const findBox = pane.locator('.monaco-tree-type-filter input');
    if (!(await findBox.isVisible())) {
      await pane.locator('.monaco-list:focus-within').waitFor();
      await this.page.keyboard.press('Control+Alt+F');
    }
    await findBox.fill(text);
  }

  /** The content frame of the (single) visible webview, e.g. a preview. */
  webview() {
    return this.page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
  }

  /**
   * Waits for a command to write a new file with extension `ext` into `dir` and returns its
   * path. A save dialog (code-server shows VS Code's simple file dialog: a quick input holding
   * the proposed path) is accepted as proposed, the way a user presses Enter on it.
   */
  async waitForWrittenFile({ dir, ext, timeout = 60000 }) {
    const before = new Set(fs.readdirSync(dir));
    const findNew = () => fs.readdirSync(dir).find((name) => name.endsWith(ext) && !before.has(name));
    let watcher;
    let timer;
    const written = new Promise((resolve, reject) => {
      const check = () => {
        const name = findNew();
        if (name) resolve(path.join(dir, name));
      };
      watcher = fs.watch(dir, check);
      timer = setTimeout(() => reject(new Error(`no ${ext} file was written into ${dir} within ${timeout} ms`)), timeout);
      check();
    });
    const dialog = this.page.waitForFunction(
      (ext) => {
        const input = document.querySelector('.quick-input-widget input.input');
        return Boolean(input) && input.offsetParent !== null && input.value.endsWith(ext);
      },
      ext,
      { timeout },
    );
    dialog.catch(() => {}); // the file may come without a dialog
    try {
      if ((await Promise.race([written, dialog.then(() => 'dialog')])) === 'dialog') await this.page.keyboard.press('Enter');
      return await written;
    } finally {
      watcher.close();
      clearTimeout(timer);
    }
  }
}

module.exports = { Workbench, DEFAULT_TIMEOUT };
