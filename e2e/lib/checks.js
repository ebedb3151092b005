'use strict';
// The checks of what a user sees, written once and run against a profile: the real
// Fenjie extension on samples/, or the probe extension that proves the harness itself.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { openSession } = require('./session');
const { resultsDir } = require('../../scripts/e2e/paths');

const CHAPTER = /^([一二三四五六七八九十百]+)、(.*)$/;
const TASK = /^(\d+)[.．、](?!\d)\s*(.*)$/;

/** Chapters and tasks of a document, found by line shape (an oracle independent of the extension). */
function outlineOf(text) {
  const lines = text.split(/\r?\n/);
  const chapters = [];
  const tasks = [];
  lines.forEach((line, index) => {
    const chapter = CHAPTER.exec(line);
    const task = TASK.exec(line);
    if (chapter) chapters.push({ line: index, text: chapter[2] });
    else if (task) tasks.push({ line: index, number: Number(task[1]), text: task[2] });
  });
  return { lines, chapters, tasks };
}

/** The start of a text, as a search key that survives re-wrapping and spacing. */
function snippet(text, length = 10) {
  return text.replace(/\s+/g, '').slice(0, length);
}

/** Retries `attempt` until it stops throwing (a file still being written), up to a deadline. */
async function eventually(attempt, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

function defineChecks(profile) {
  describe(profile.title, function () {
    let session;
    let wb;
    let doc;

    before(async function () {
      const samplePath = path.join(profile.workspaceSource, profile.file);
      const prepared = fs.existsSync(samplePath) ? profile.prepare() : { missing: `${samplePath} does not exist` };
      if (prepared.missing) {
        console.log(`    PENDING: ${prepared.missing}`);
        this.skip();
      }
      doc = outlineOf(fs.readFileSync(samplePath, 'utf8'));
      assert.ok(doc.tasks.length >= 3, `${profile.file} should have at least 3 tasks`);
      session = await openSession({ name: profile.name, vsix: prepared.vsix, workspaceSource: profile.workspaceSource });
      wb = session.workbench;
    });

    after(async () => {
      if (session) await session.close();
    });

    afterEach(async function () {
      if (!session) return;
      await session.record(this.currentTest);
      await session.reset([profile.file]);
    });

    it('1 problems: opening the sample lists its unknown units', async () => {
      const { text, code, minCount } = profile.unknownUnit;
      await wb.openFile(profile.file);
      await wb.showProblems(text);
      await wb.problemRows(text).first().waitFor({ timeout: 30000 });
      const problems = await wb.problemTexts(text);
      assert.ok(problems.length >= minCount, `expected at least ${minCount} problems about ${text}, got:\n${problems.join('\n')}`);
      assert.ok(problems.every((problem) => problem.includes(code)), `every ${text} problem should carry ${code}:\n${problems.join('\n')}`);
    });

    it('2 diagnostics while typing: a misspelled unit is reported and its quick fix applies', async () => {
      const { typed, fixed } = profile.typo;
      const newTaskLine = doc.tasks[1].line + 1; // 1-based: the new task goes above the second task
      const unitLine = `   牵头单位：${typed}`;
      await wb.openFile(profile.file);
      await wb.goTo(newTaskLine, 1);
      await wb.insertLines([`${doc.tasks[1].number}. 新增的端到端测试任务。`, unitLine]);
      const typedAt = Date.now();
      await wb.showProblems(typed);
      await wb.problemRows(typed).first().waitFor({ timeout: 10000 });
      console.log(`      problem shown ${Date.now() - typedAt} ms after typing`);
      await wb.goTo(newTaskLine + 1, unitLine.indexOf(typed) + 2);
      await wb.applyQuickFix(fixed);
      await wb.waitForLineText(newTaskLine + 1, `   牵头单位：${fixed}`);
      await wb.showProblems(typed);
      await wb.problemRows(typed).first().waitFor({ state: 'detached' });
    });

    it('3 completion: after 牵头单位： registry units are listed and fgw finds 省发展改革委', async () => {
      const { field, minRows, listed, typed, expect } = profile.completion;
      await wb.openFile(profile.file);
      await wb.goTo(doc.tasks[1].line + 1, 1);
      await wb.insertLines([`${doc.tasks[1].number}. 新增的补全测试任务。`, `   ${field}`]);
      await wb.page.keyboard.press('ArrowUp');
      await wb.page.keyboard.press('End');
      await wb.triggerSuggest();
      await wb.suggestRows().nth(minRows - 1).waitFor();
      for (const unit of listed) await wb.suggestRows(unit).first().waitFor();
      await wb.page.keyboard.type(typed);
      await wb.suggestRows(expect).first().waitFor();
      const labels = await wb.suggestLabels();
      console.log(`      after "${typed}": ${labels.slice(0, 3).join(' | ')}`);
    });

    it('4 hover: a unit shows its 全称 and overseeing leader', async () => {
      const { unit, expect } = profile.hover;
      const line = doc.lines.findIndex((text) => text.includes(`牵头单位：${unit}`) || text.includes(`牵头单位:${unit}`));
      assert.ok(line >= 0, `no 牵头单位 line with ${unit} in ${profile.file}`);
      await wb.openFile(profile.file);
      await wb.goTo(line + 1, doc.lines[line].indexOf(unit) + 2);
      const hover = await wb.showHover();
      for (const text of expect) await hover.filter({ hasText: text }).waitFor();
    });

    it('5 outline: chapters and their tasks are listed', async () => {
      const chapter = doc.chapters[0];
      const chapterKey = snippet(chapter.text);
      await wb.openFile(profile.file);
      await wb.showOutline();
      await wb.filterOutline(chapterKey);
      const chapterRow = wb.outlineRows(chapterKey).first();
      await chapterRow.waitFor();
      const chapterLevel = Number(await chapterRow.getAttribute('aria-level'));
      const firstTasks = doc.tasks.filter((t) => t.line > chapter.line && t.line < (doc.chapters[1]?.line ?? Infinity)).slice(0, 2);
      assert.ok(firstTasks.length > 0, `no task under the first chapter of ${profile.file}`);
      for (const task of firstTasks) {
        await wb.filterOutline(snippet(task.text));
        const taskRow = wb.outlineRows(snippet(task.text)).first();
        await taskRow.waitFor();
        await chapterRow.waitFor(); // shown as the task's ancestor
        assert.ok(Number(await taskRow.getAttribute('aria-level')) > chapterLevel, `task ${task.number} should be nested under its chapter`);
      }
    });

    it('6 preview: a table beside the editor that follows edits, reveals rows and escapes HTML', async () => {
      const payload = '<img src=x onerror=alert(1)>';
      await wb.openFile(profile.file);
      await wb.runCommand(profile.preview.command);
      const preview = wb.webview();
      // A native <table> or an ARIA grid of rows: both are tables to a user.
      const rows = (hasText) => preview.locator('tr, [role="row"]', { hasText });
      await preview.locator('table, [role="table"]').first().waitFor({ timeout: 30000 });
      await rows(snippet(doc.tasks[0].text)).first().waitFor();

      await wb.runCommand('workbench.action.focusFirstEditorGroup');
      await wb.goTo(doc.tasks[0].line + 1, 1);
      await wb.page.keyboard.press('End');
      await wb.page.keyboard.insertText('（预览更新）');
      await preview.getByText('（预览更新）').first().waitFor();

      await wb.goTo(doc.tasks[1].line + 1, 1);
      await wb.insertLines([`${doc.tasks[1].number}. ${payload}`]);
      await preview.getByText(payload).first().waitFor();
      assert.strictEqual(await preview.locator('img[src="x"]').count(), 0, 'a task text must not become an <img> element');
      assert.deepStrictEqual(session.dialogs, [], 'no script from the document may run');

      const target = doc.tasks[2];
      await rows(snippet(target.text)).first().click();
      await wb.waitForCursorLine(profile.file, target.line + 2); // one line was inserted above it
    });

    it('7 export: the exported file reads back with every task', async () => {
      const { command, ext, read } = profile.export;
      await wb.openFile(profile.file);
      await wb.runCommand(command);
      const written = await wb.waitForWrittenFile({ dir: session.workspace, ext });
      // The file may be seen before its writer has finished: read until it is complete.
      await eventually(async () => {
        const text = (await read(written)).replace(/\s+/g, '');
        const missing = doc.tasks.filter((task) => !text.includes(snippet(task.text)));
        assert.deepStrictEqual(missing.map((t) => t.number), [], `tasks missing from ${path.basename(written)}`);
      });
      fs.copyFileSync(written, path.join(resultsDir, `${profile.name}--export${ext}`));
    });

    it('8 server killed: the client starts a new one and problems come back while typing', async function () {
      if (!profile.serverProcess) this.skip(); // the probe extension runs no server
      const { typed } = profile.typo;
      await wb.openFile(profile.file);
      await wb.showProblems(profile.unknownUnit.text);
      await wb.problemRows(profile.unknownUnit.text).first().waitFor({ timeout: 30000 });
      const killed = serverPids(profile.serverProcess);
      assert.strictEqual(killed.length, 1, `one language server process (${profile.serverProcess}), found ${killed.length}`);
      process.kill(killed[0], 'SIGKILL');
      await eventually(() => assert.ok(serverPids(profile.serverProcess).some((pid) => !killed.includes(pid)), 'a new server process'), 30000);
      // Only a live server can report a problem typed after the kill.
      const newTaskLine = doc.tasks[1].line + 1;
      await wb.goTo(newTaskLine, 1);
      await wb.insertLines([`${doc.tasks[1].number}. 服务重启后的测试任务。`, `   牵头单位：${typed}`]);
      await wb.showProblems(typed);
      await wb.problemRows(typed).first().waitFor({ timeout: 30000 });
    });
  });
}

/** The pids of the processes whose command line matches (the extension's language server). */
function serverPids(pattern) {
  const pids = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let command;
    try {
      command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
    } catch {
      continue; // gone meanwhile
    }
    if (pattern.test(command)) pids.push(Number(entry));
  }
  return pids;
}

module.exports = { defineChecks, outlineOf, snippet };
