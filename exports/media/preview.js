// The live preview's one script (plain browser JavaScript, loaded under the page's nonce).
// Messages from the extension:  { type: 'update', html }  replace the content, keep tab, filter and scroll;
//                               { type: 'reveal', line }  highlight the row of that source line and show it.
// Messages to the extension:    { type: 'reveal', line }  the user clicked a row: show that line in the editor.
//
// A long table must not freeze the webview on every keystroke. The rows come in chunks
// (<div class="chunk" role="rowgroup">, one per hundred rows); an update parses the page without
// them, puts back the chunks whose HTML has not changed, fills the changed ones around the view at
// once, and the rest a few at a time between frames.
(function () {
  'use strict';

  const vscode = acquireVsCodeApi();
  const content = document.getElementById('content');
  const toolbar = document.querySelector('.toolbar');
  const filterInput = document.getElementById('filter');
  const filterCount = document.getElementById('filter-count');
  const tabs = Array.from(document.querySelectorAll('[role="tab"]'));

  /** A chunk as the renderer writes it; document text is escaped, so it cannot contain this. */
  const CHUNK = /(<div class="chunk" role="rowgroup">)\n([\s\S]*?)\n<\/div>/g;
  /** How long one background step may fill chunks before giving the frame back. */
  const SLICE_MS = 12;

  const saved = vscode.getState() || {};
  const state = {
    tab: typeof saved.tab === 'string' ? saved.tab : 'table',
    filter: typeof saved.filter === 'string' ? saved.filter : '',
    line: Number.isInteger(saved.line) ? saved.line : -1,
  };

  let lastHtml = null;
  /** Every chunk element in document order, and the HTML it shows (or will show once filled);
      the chunks of the page as first loaded have no recorded HTML, so the first update fills anew. */
  let chunks = [];
  const chunkSource = new Map();
  const unfilled = new Set();
  /** The table panel's chunks and the first source line in each, for finding a line's row. */
  let tableChunks = [];
  /** Filter text of each row, computed when first needed. */
  let filterKeys = new WeakMap();
  let currentRow = null;
  let fillTimer = 0;

  function save() {
    vscode.setState(state);
  }

  function panelOf(name) {
    return content.querySelector('[data-panel="' + name + '"]');
  }

  function fill(chunk) {
    if (!unfilled.has(chunk)) return;
    chunk.innerHTML = chunkSource.get(chunk);
    unfilled.delete(chunk);
    if (state.filter) filterChunkRows(chunk, normalize(state.filter));
  }

  function fillAll() {
    for (const chunk of Array.from(unfilled)) fill(chunk);
  }

  function fillInBackground() {
    clearTimeout(fillTimer);
    if (!unfilled.size) {
      if (state.filter) applyFilter();
      return;
    }
    fillTimer = setTimeout(() => {
      const start = performance.now();
      for (const chunk of unfilled) {
        fill(chunk);
        if (performance.now() - start > SLICE_MS) break;
      }
      fillInBackground();
    }, 0);
  }

  function indexChunks() {
    chunks = Array.from(content.querySelectorAll('.chunk'));
    const table = panelOf('table');
    tableChunks = chunks
      .filter((chunk) => table && table.contains(chunk))
      .map((chunk) => {
        // The HTML a chunk shows or is about to show; the page as first loaded has only its rows.
        const source = chunkSource.get(chunk);
        const row = source === undefined ? chunk.querySelector('.row[data-line]') : null;
        const first = row ? [row.dataset.line, row.dataset.line] : /data-line="(\d+)"/.exec(source || '');
        return { chunk, line: first ? Number(first[1]) : -1 };
      });
  }

  function showTab(name) {
    if (!panelOf(name)) name = 'table';
    state.tab = name;
    for (const tab of tabs) {
      const selected = tab.dataset.tab === name;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    for (const panel of content.querySelectorAll('[data-panel]')) panel.hidden = panel.dataset.panel !== name;
    save();
  }

  // Full-width letters fold to half-width and spaces go, as names compare in the document.
  function normalize(text) {
    return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  }

  function matches(row, query) {
    let key = filterKeys.get(row);
    if (key === undefined) {
      key = normalize(Array.from(row.querySelectorAll('.f'), (cell) => cell.textContent).join('\n'));
      filterKeys.set(row, key);
    }
    return key.includes(query);
  }

  function isHeading(row) {
    return row.classList.contains('chapter') || row.classList.contains('section');
  }

  /** A chunk filled while a filter is on: its rows follow the filter at once. */
  function filterChunkRows(chunk, query) {
    for (const row of chunk.children) if (!isHeading(row)) row.hidden = !matches(row, query);
  }

  /** Hides the rows that do not match, the headings left with no task, and the chunks left empty. */
  function applyFilter() {
    const query = normalize(state.filter);
    if (query) fillAll();
    let shown = 0;
    let total = 0;
    for (const panel of content.querySelectorAll('[data-panel]')) {
      const active = panel.dataset.panel === state.tab;
      let chapter = null;
      let chapterShown = false;
      let section = null;
      let sectionShown = false;
      const closeSection = () => {
        if (section) section.hidden = query !== '' && !sectionShown;
        section = null;
        sectionShown = false;
      };
      const closeChapter = () => {
        closeSection();
        if (chapter) chapter.hidden = query !== '' && !chapterShown;
        chapter = null;
        chapterShown = false;
      };
      for (const row of panel.querySelectorAll('.chunk > .row')) {
        if (row.classList.contains('chapter')) {
          closeChapter();
          chapter = row;
        } else if (row.classList.contains('section')) {
          closeSection();
          section = row;
        } else {
          const match = query === '' || matches(row, query);
          row.hidden = !match;
          if (match) chapterShown = sectionShown = true;
          if (active) {
            total++;
            if (match) shown++;
          }
        }
      }
      closeChapter();
      for (const chunk of panel.querySelectorAll('.chunk')) {
        chunk.hidden = query !== '' && Array.from(chunk.children).every((row) => row.hidden);
      }
    }
    filterCount.textContent = query === '' ? '' : shown + ' / ' + total;
  }

  /** The last element of `items` whose line is at or before `line`. */
  function lastAtOrBefore(items, lineOf, line) {
    let low = 0;
    let high = items.length - 1;
    let found = null;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (lineOf(items[mid]) <= line) {
        found = items[mid];
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  /** The row of the task (or heading) that `line` is in: the last row starting at or before it. */
  function rowAt(line) {
    const entry = lastAtOrBefore(tableChunks, (c) => c.line, line);
    if (!entry) return null;
    fill(entry.chunk);
    const rows = Array.from(entry.chunk.querySelectorAll('.row[data-line]'));
    return lastAtOrBefore(rows, (row) => Number(row.dataset.line), line);
  }

  function isVisible(row) {
    const rect = row.getBoundingClientRect();
    const top = toolbar.getBoundingClientRect().bottom;
    return rect.bottom > top && rect.top < window.innerHeight;
  }

  function highlight(line, scroll) {
    state.line = line;
    save();
    const row = line >= 0 ? rowAt(line) : null;
    if (currentRow !== row) {
      if (currentRow) currentRow.classList.remove('current');
      if (row) row.classList.add('current');
      currentRow = row;
    }
    if (scroll && row && !row.hidden && state.tab === 'table' && !isVisible(row)) row.scrollIntoView({ block: 'center' });
  }

  /** The row at the top of the view and where it is, to put it back after the content changes. */
  function topAnchor() {
    // Below the toolbar and the table's sticky header row.
    const panel = panelOf(state.tab);
    const head = panel && panel.querySelector('.row.head');
    const y = Math.max(toolbar.getBoundingClientRect().bottom, head ? head.getBoundingClientRect().bottom : 0) + 4;
    const hit = document.elementFromPoint(Math.max(1, content.getBoundingClientRect().left + 8), y);
    const row = hit && hit.closest('.row[data-line]');
    return row && state.tab === 'table' ? { line: Number(row.dataset.line), top: row.getBoundingClientRect().top } : { scrollY: window.scrollY };
  }

  function restore(anchor) {
    if (anchor.line === undefined) {
      window.scrollTo(0, anchor.scrollY);
      return;
    }
    const row = rowAt(anchor.line);
    if (!row) return;
    // The chunks around the anchor are filled first, so the rows near it have their real height.
    const index = chunks.indexOf(row.closest('.chunk'));
    for (const chunk of chunks.slice(Math.max(0, index - 1), index + 3)) fill(chunk);
    window.scrollBy(0, row.getBoundingClientRect().top - anchor.top);
  }

  /** The page around the chunks as last shown, split at the end of the document header. */
  let lastHead = null;
  let lastFrame = null;

  function update(html) {
    if (html === lastHtml) return;
    lastHtml = html;
    const sources = [];
    const skeleton = html.replace(CHUNK, (whole, open, rows) => {
      sources.push(rows);
      return open + '</div>';
    });
    const split = skeleton.indexOf('</header>') + '</header>'.length;
    const head = skeleton.slice(0, split);
    const frame = skeleton.slice(split);
    if (frame === lastFrame && lastHead !== null && sources.length === chunks.length) patch(head, sources);
    else replace(skeleton, sources);
    lastHead = head;
    lastFrame = frame;
    if (state.filter) applyFilter();
    fillInBackground();
  }

  /**
   * Same panels, same chunks: only changed chunks are refilled, in place. Those near the view
   * are refilled now; the others keep their rows until the background gets to them.
   */
  function patch(head, sources) {
    if (head !== lastHead) content.querySelector('.doc-head').outerHTML = head;
    chunks.forEach((chunk, i) => {
      if (chunkSource.get(chunk) === sources[i]) return;
      chunkSource.set(chunk, sources[i]);
      unfilled.add(chunk);
    });
    const top = -window.innerHeight;
    const bottom = 2 * window.innerHeight;
    for (const chunk of Array.from(unfilled)) {
      const rect = chunk.getBoundingClientRect();
      if (rect.bottom > top && rect.top < bottom) fill(chunk);
    }
    indexChunks();
    if (currentRow && !currentRow.isConnected) currentRow = null;
    highlight(state.line, false);
  }

  /** A new page: parsed without its rows; unchanged chunks move over, the others fill from the view outwards. */
  function replace(skeleton, sources) {
    const anchor = topAnchor();
    const previous = chunks.map((chunk) => ({ chunk, source: chunkSource.get(chunk), pending: unfilled.has(chunk) }));
    content.innerHTML = skeleton;
    chunkSource.clear();
    unfilled.clear();
    Array.from(content.querySelectorAll('.chunk')).forEach((chunk, i) => {
      const old = previous[i];
      if (old && old.source === sources[i]) {
        // Unchanged rows keep their elements, their laid-out height and their filter state.
        chunk.replaceWith(old.chunk);
        chunkSource.set(old.chunk, sources[i]);
        if (old.pending) unfilled.add(old.chunk);
      } else {
        chunkSource.set(chunk, sources[i]);
        unfilled.add(chunk);
      }
    });
    indexChunks();
    for (const row of content.querySelectorAll('.row.current')) row.classList.remove('current');
    currentRow = null;
    showTab(state.tab);
    highlight(state.line, false);
    restore(anchor);
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'update' && typeof message.html === 'string') update(message.html);
    else if (message.type === 'reveal' && Number.isInteger(message.line)) highlight(message.line, true);
  });

  function reveal(target) {
    const element = target.closest('[data-line]');
    if (!element || !content.contains(element)) return;
    const line = Number(element.dataset.line);
    if (!Number.isInteger(line)) return;
    if (element.classList.contains('row')) highlight(line, false);
    vscode.postMessage({ type: 'reveal', line });
  }

  content.addEventListener('click', (event) => {
    // Selecting text in a cell is not a click on the row.
    if (String(window.getSelection() || '') !== '') return;
    reveal(event.target);
  });
  content.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') reveal(event.target);
  });

  function selectTab(name) {
    showTab(name);
    // The count beside the filter box is the active panel's.
    if (state.filter) applyFilter();
  }

  for (const tab of tabs) tab.addEventListener('click', () => selectTab(tab.dataset.tab));
  document.querySelector('[role="tablist"]').addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = tabs.findIndex((tab) => tab.dataset.tab === state.tab);
    const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    selectTab(next.dataset.tab);
    next.focus();
  });

  let filterTimer = 0;
  filterInput.value = state.filter;
  filterInput.addEventListener('input', () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(() => {
      state.filter = filterInput.value;
      filterKeys = new WeakMap();
      save();
      applyFilter();
    }, 120);
  });

  indexChunks();
  showTab(state.tab);
  if (state.filter) applyFilter();
  highlight(state.line, false);
})();
