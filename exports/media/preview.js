// The live preview's one script (plain browser JavaScript, loaded under the page's nonce).
// Messages from the extension:  { type: 'payload', payload, document }  a preview payload (exports/src/preview-sync.ts):
//                                   every row (no base), or the rows that changed since the version shown;
//                               { type: 'reveal', line }  highlight the row of that source line and show it;
//                               { type: 'ping' }  the panel is shown again: say what the page shows.
// Messages to the extension:    { type: 'ready', tab, version }  the page loaded (version undefined: it shows
//                                   nothing, send every row) or answers a ping;
//                               { type: 'tab', tab }  the user chose a tab: the views are sent only while shown;
//                               { type: 'resync' }  a payload did not apply to what is shown: send every row;
//                               { type: 'reveal', line }  the user clicked a row: show that line in the editor.
//
// The rows are built here from the model, as DOM with textContent (document text never goes
// through innerHTML), into chunks of a hundred rows the style sheet lets the webview skip laying
// out. A payload touches only the rows it names: new and changed rows are built (where their
// chunk is), removed ones go, moved lines are rewritten, and the row at the top of the view stays
// where it was. Chunks away from the view are built a few at a time between frames.
//
// The first part (the model and `applyPayload`) uses no DOM, so the tests run it in Node.
(function () {
  'use strict';

  const LISTS = ['table', 'units', 'leaders', 'targets'];

  /** A cell of a payload: an index into its strings, or a list of cells. */
  function decode(cell, strings) {
    if (typeof cell === 'number') {
      const text = strings[cell];
      return typeof text === 'string' ? text : '';
    }
    return Array.isArray(cell) ? cell.map((c) => decode(c, strings)) : '';
  }

  function newList() {
    return { keys: [], rows: new Map() };
  }

  /**
   * What the page shows, as data: the version, the head, and each list's keys in order with their
   * rows (null for a view the server has not sent: views are sent while they are shown).
   */
  function createModel() {
    const lists = {};
    for (const name of LISTS) lists[name] = null;
    return { version: undefined, head: undefined, lists };
  }

  function readRows(list, patch, strings) {
    for (const row of (patch && Array.isArray(patch.rows) ? patch.rows : []).filter(isRow)) {
      list.keys.push(row[0]);
      list.rows.set(row[0], { line: row[1], cells: decode(row[2], strings) });
    }
    return list;
  }

  function isRow(row) {
    return Array.isArray(row) && row.length === 3 && Number.isInteger(row[0]) && Number.isInteger(row[1]) && Array.isArray(row[2]);
  }

  /**
   * Applies a payload to the model. Returns null when it does not apply (its base is not the
   * version shown), else what changed: `{ full, head, lists: { name: patch } }`.
   */
  function applyPayload(model, payload) {
    if (!payload || typeof payload !== 'object' || typeof payload.version !== 'string') return null;
    const full = payload.base === undefined || payload.base === null;
    if (!full && payload.base !== model.version) return null;
    // linesMoved: some row may reveal another line than before (task references must follow).
    const changes = { full, head: false, lists: {}, linesMoved: false };
    if (!full && payload.base === payload.version) return changes;
    const strings = Array.isArray(payload.strings) ? payload.strings : [];
    const patches = payload.lists && typeof payload.lists === 'object' ? payload.lists : {};
    // A patch of a list this page does not have cannot apply.
    if (!full && LISTS.some((name) => patches[name] && !patches[name].reset && !model.lists[name])) return null;
    if (payload.head && typeof payload.head === 'object') {
      model.head = full ? payload.head : Object.assign({}, model.head, payload.head);
      changes.head = true;
    }
    for (const name of LISTS) {
      const patch = patches[name];
      if (full || (patch && patch.reset)) {
        model.lists[name] = patch && typeof patch === 'object' ? readRows(newList(), patch, strings) : null;
        changes.lists[name] = { reset: 1 };
        changes.linesMoved = true;
        continue;
      }
      if (!patch || typeof patch !== 'object') continue;
      const list = model.lists[name];
      for (const splice of Array.isArray(patch.splices) ? patch.splices : []) {
        const [at, count, ...inserted] = splice;
        const removed = list.keys.slice(at, at + count);
        list.keys = list.keys.slice(0, at).concat(inserted, list.keys.slice(at + count));
        const kept = new Set(inserted);
        for (const key of removed) if (!kept.has(key)) list.rows.delete(key);
      }
      for (const [at, count, delta] of Array.isArray(patch.shifts) ? patch.shifts : []) {
        for (let i = at; i < at + count && i < list.keys.length; i++) {
          const row = list.rows.get(list.keys[i]);
          if (row) row.line += delta;
        }
      }
      if ((patch.splices && patch.splices.length) || (patch.shifts && patch.shifts.length)) changes.linesMoved = true;
      for (const row of (Array.isArray(patch.rows) ? patch.rows : []).filter(isRow)) {
        const old = list.rows.get(row[0]);
        if (!old || old.line !== row[1]) changes.linesMoved = true;
        list.rows.set(row[0], { line: row[1], cells: decode(row[2], strings) });
      }
      changes.lists[name] = patch;
    }
    model.version = payload.version;
    return changes;
  }

  /** The rows of a list in order, as `[key, line, cells]` (for the tests). */
  function rowsOf(model, name) {
    const list = model.lists[name];
    if (!list) return null;
    return list.keys.map((key) => {
      const row = list.rows.get(key);
      return row ? [key, row.line, row.cells] : [key, -2, null];
    });
  }

  if (typeof acquireVsCodeApi !== 'function') {
    if (typeof module === 'object' && module.exports) module.exports = { applyPayload, createModel, decode, rowsOf, LISTS };
    return;
  }

  // ---- The page ----

  const vscode = acquireVsCodeApi();
  const content = document.getElementById('content');
  const toolbar = document.querySelector('.toolbar');
  const filterInput = document.getElementById('filter');
  const filterCount = document.getElementById('filter-count');
  const tabs = Array.from(document.querySelectorAll('[role="tab"]'));

  /** Rows per chunk as first built; a chunk that grows to twice that is split. */
  const ROWS_PER_CHUNK = 100;
  /** How long one background step may build chunks before giving the frame back. */
  const SLICE_MS = 12;

  const COLUMN_CLASS = { number: 'c-number', text: 'c-text', leadUnits: 'c-lead', cooperatingUnits: 'c-coop', leaders: 'c-leaders', deadline: 'c-deadline', remark: 'c-remark' };
  const TASK_CELL = { number: 1, text: 2, leadUnits: 3, cooperatingUnits: 4, leaders: 5, deadline: 6, remark: 7 };
  const FILTERED = new Set(['leadUnits', 'cooperatingUnits', 'leaders']);
  const TARGET_CLASSES = ['v-number', 'v-indicator', 'v-comparator', 'v-value', 'v-measure', 'v-phrase', 'v-units f'];

  const saved = vscode.getState() || {};
  const state = {
    tab: typeof saved.tab === 'string' ? saved.tab : 'table',
    filter: typeof saved.filter === 'string' ? saved.filter : '',
    line: Number.isInteger(saved.line) ? saved.line : -1,
    document: typeof saved.document === 'string' ? saved.document : undefined,
    /** The row at the top of the view, to scroll back to when the page is reloaded (the panel was hidden). */
    top: saved.top && Number.isInteger(saved.top.line) && typeof saved.top.top === 'number' ? { line: saved.top.line, top: saved.top.top } : undefined,
  };

  const model = createModel();
  /** Per list: its panel's chunks in order ({ el, keys, built }), the chunk of each key, the element of each built row. */
  const views = {};
  for (const name of LISTS) views[name] = { chunks: [], chunkOf: new Map(), elementOf: new Map(), rows: null };
  /** Filter text of each row, computed when first needed. */
  let filterKeys = new WeakMap();
  /** The key of each row element. */
  const keyOfElement = new WeakMap();
  let currentRow = null;
  let fillTimer = 0;
  /** Lines moved since the views' task references were last given theirs. */
  let refsStale = false;

  function save() {
    vscode.setState(state);
  }

  function panelOf(name) {
    return content.querySelector('[data-panel="' + name + '"]');
  }

  /**
   * Bidirectional embedding, override and isolate controls can make a row read differently from
   * what it says ("Trojan source"): they are shown as visible codes, as in every HTML output.
   */
  const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

  function visible(text) {
    return String(text).replace(BIDI_CONTROLS, (c) => '[U+' + c.charCodeAt(0).toString(16).toUpperCase() + ']');
  }

  function element(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== '') e.textContent = visible(text);
    return e;
  }

  function cell(classes, role) {
    const e = element('div', 'cell ' + classes);
    e.setAttribute('role', role || 'cell');
    return e;
  }

  function textCell(classes, text) {
    const e = cell(classes);
    if (text) e.textContent = visible(text);
    return e;
  }

  /** A unit: its name, or `[name, class, title]` for one the preview marks. */
  function appendUnit(parent, unit) {
    if (typeof unit === 'string') {
      if (unit) parent.append(visible(unit));
      return;
    }
    const span = element('span', unit[1] ? 'unit ' + unit[1] : 'unit', unit[0]);
    span.title = visible(unit[2]);
    parent.append(span);
  }

  function appendUnits(parent, parts) {
    if (Array.isArray(parts)) for (const part of parts) appendUnit(parent, part);
  }

  function lineOfTask(key) {
    const row = model.lists.table && model.lists.table.rows.get(Number(key));
    return row ? row.line : 0;
  }

  function appendRefs(parent, refs, kind) {
    if (!Array.isArray(refs)) return;
    refs.forEach((ref, i) => {
      if (i > 0) parent.append(' ');
      const span = element('span', 'ref ' + kind, ref[0]);
      span.dataset.line = String(lineOfTask(ref[1]));
      span.dataset.task = ref[1];
      parent.append(span);
    });
  }

  function rowElement(classes, line) {
    const row = element('div', classes);
    row.setAttribute('role', 'row');
    if (line >= 0) {
      row.tabIndex = -1;
      row.dataset.line = String(line);
    }
    return row;
  }

  const builders = {
    table(data) {
      const cells = data.cells;
      if (cells[0] !== 't') {
        const row = element('div', cells[0] === 'c' ? 'row chapter' : 'row section');
        row.setAttribute('role', 'row');
        row.dataset.line = String(data.line);
        row.append(textCell('span', cells[1]));
        return row;
      }
      const badge = Array.isArray(cells[8]) ? cells[8] : [];
      const row = rowElement(badge.length ? 'row task has-' + badge[1] : 'row task', data.line);
      for (const [key] of model.head.columns) {
        const value = cells[TASK_CELL[key]];
        const c = cell(COLUMN_CLASS[key] + (FILTERED.has(key) ? ' f' : ''));
        if (key === 'leadUnits' || key === 'cooperatingUnits') appendUnits(c, value);
        else if (typeof value === 'string' && value) c.textContent = visible(value);
        if (key === 'number' && badge.length) {
          c.append(' ');
          const span = element('span', 'badge ' + badge[1], badge[0]);
          span.title = visible(badge[2]);
          c.append(span);
        }
        row.append(c);
      }
      return row;
    },
    units(data) {
      const [unit, spellings, leads, cooperates, total, leadRefs, cooperatingRefs] = data.cells;
      const row = rowElement('row item', -1);
      const name = cell('v-name f');
      appendUnit(name, unit);
      if (spellings) name.append(element('span', 'aka', spellings));
      const leadCell = cell('v-refs');
      appendRefs(leadCell, leadRefs, 'lead');
      const cooperatingCell = cell('v-refs');
      appendRefs(cooperatingCell, cooperatingRefs, 'cooperating');
      row.append(name, textCell('v-count', leads), textCell('v-count', cooperates), textCell('v-count', total), leadCell, cooperatingCell);
      return row;
    },
    leaders(data) {
      const [name, count, refs, units] = data.cells;
      const row = rowElement('row item', -1);
      const refsCell = cell('v-refs');
      appendRefs(refsCell, refs, 'lead');
      row.append(textCell('v-name f', name), textCell('v-count', count), refsCell, textCell('v-units f', units));
      return row;
    },
    targets(data) {
      const row = rowElement('row item', data.line);
      data.cells.forEach((text, i) => row.append(textCell(TARGET_CLASSES[i], typeof text === 'string' ? text : '')));
      return row;
    },
  };

  /** The row of `key`, built from the model; it follows the filter. */
  function buildRow(name, key) {
    const data = model.lists[name].rows.get(key);
    const row = builders[name](data || { line: -1, cells: [] });
    views[name].elementOf.set(key, row);
    keyOfElement.set(row, key);
    if (state.filter && !isHeading(row)) row.hidden = !matches(row, normalize(state.filter));
    return row;
  }

  function newChunk(keys) {
    const el = element('div', 'chunk');
    el.setAttribute('role', 'rowgroup');
    return { el, keys, built: false };
  }

  function build(name, chunk) {
    if (chunk.built) return;
    chunk.built = true;
    const fragment = document.createDocumentFragment();
    for (const key of chunk.keys) fragment.append(buildRow(name, key));
    chunk.el.append(fragment);
  }

  function unbuilt() {
    const out = [];
    for (const name of LISTS) for (const chunk of views[name].chunks) if (!chunk.built) out.push([name, chunk]);
    return out;
  }

  function buildAll() {
    for (const [name, chunk] of unbuilt()) build(name, chunk);
  }

  /** Builds the chunks on screen (and a screen above and below) now. */
  function buildNearView() {
    const top = -window.innerHeight;
    const bottom = 2 * window.innerHeight;
    for (const [name, chunk] of unbuilt()) {
      if (!chunk.el.isConnected || chunk.el.closest('[hidden]')) continue;
      const rect = chunk.el.getBoundingClientRect();
      if (rect.bottom > top && rect.top < bottom) build(name, chunk);
    }
  }

  function buildInBackground() {
    clearTimeout(fillTimer);
    const pending = unbuilt();
    if (!pending.length) {
      if (state.filter) applyFilter();
      return;
    }
    fillTimer = setTimeout(() => {
      const start = performance.now();
      for (const [name, chunk] of pending) {
        build(name, chunk);
        if (performance.now() - start > SLICE_MS) break;
      }
      buildInBackground();
    }, 0);
  }

  function headRow(columns) {
    const row = element('div', 'row head');
    row.setAttribute('role', 'row');
    for (const [cls, title] of columns) {
      const c = cell(cls, 'columnheader');
      if (title) c.textContent = visible(title);
      row.append(c);
    }
    return row;
  }

  function tableColumns() {
    return model.head.columns.map(([key, title]) => [COLUMN_CLASS[key], title]);
  }

  const GRID = {
    table: () => ({ label: model.head.title, columns: tableColumns(), empty: model.head.labels.noTasks }),
    units: () => ({ label: model.head.labels.units, columns: model.head.labels.unitColumns, empty: model.head.labels.noUnits }),
    leaders: () => ({ label: model.head.labels.leaders, columns: model.head.labels.leaderColumns, empty: model.head.labels.noLeaders }),
    targets: () => ({ label: model.head.labels.targets, columns: model.head.labels.targetColumns, empty: model.head.labels.noTargets }),
  };

  /** The grid of a list (or the sentence for an empty one), chunks made, not built. */
  function renderList(name) {
    const view = views[name];
    for (const chunk of view.chunks) for (const key of chunk.keys) view.elementOf.delete(key);
    view.chunks = [];
    view.chunkOf = new Map();
    view.elementOf = new Map();
    const list = model.lists[name];
    const keys = list ? list.keys : [];
    const grid = GRID[name]();
    let node;
    if (!list) {
      node = element('p', 'empty', model.head.labels.loading);
    } else if (!keys.length) {
      node = element('p', 'empty', grid.empty);
    } else {
      node = element('div', 'grid ' + name);
      node.setAttribute('role', 'table');
      node.setAttribute('aria-label', visible(grid.label));
      node.append(headRow(grid.columns));
      for (let i = 0; i < keys.length; i += ROWS_PER_CHUNK) {
        const chunk = newChunk(keys.slice(i, i + ROWS_PER_CHUNK));
        for (const key of chunk.keys) view.chunkOf.set(key, chunk);
        view.chunks.push(chunk);
        node.append(chunk.el);
      }
    }
    const panel = panelOf(name);
    if (view.node && view.node.parentNode === panel) view.node.replaceWith(node);
    else panel.prepend(node);
    view.node = node;
  }

  function renderHead() {
    const head = model.head;
    const header = element('header', 'doc-head');
    header.append(element('h1', '', head.title));
    if (head.meta) header.append(element('p', 'meta', head.meta));
    header.append(element('p', 'summary', head.summary));
    const old = content.querySelector('.doc-head');
    if (old) old.replaceWith(header);
    else content.prepend(header);
  }

  function renderAppendix() {
    const panel = panelOf('table');
    for (const old of Array.from(panel.querySelectorAll(':scope > .glossary-section, :scope > .notes'))) old.remove();
    const head = model.head;
    if (head.glossary.length) {
      const section = element('section', 'glossary-section');
      section.append(element('h2', '', '名词解释'));
      const list = element('dl', 'glossary');
      for (const [term, definition] of head.glossary) list.append(element('dt', '', term), element('dd', '', definition));
      section.append(list);
      panel.append(section);
    }
    for (const [name, lines] of head.notes) {
      const section = element('section', 'notes');
      section.append(element('h2', '', name));
      for (const line of lines) section.append(element('p', '', line));
      panel.append(section);
    }
  }

  /** The whole page from the model: header, four panels, the table's appendix. */
  function renderAll() {
    content.textContent = '';
    for (const name of LISTS) {
      const panel = element('section', 'panel');
      panel.id = 'panel-' + name;
      panel.dataset.panel = name;
      panel.setAttribute('role', 'tabpanel');
      panel.setAttribute('aria-labelledby', 'tab-' + name);
      views[name].node = null;
      content.append(panel);
    }
    renderHead();
    for (const name of LISTS) renderList(name);
    renderAppendix();
    currentRow = null;
    showTab(state.tab);
  }

  /** The chunk holding position `at` of a list, and where in it; past the end: the last chunk's end. */
  function locate(view, at) {
    let start = 0;
    for (let c = 0; c < view.chunks.length; c++) {
      const chunk = view.chunks[c];
      if (at < start + chunk.keys.length || c === view.chunks.length - 1) return { c, offset: at - start };
      start += chunk.keys.length;
    }
    return null;
  }

  function removeKey(view, key) {
    const row = view.elementOf.get(key);
    if (row) {
      if (row === currentRow) currentRow = null;
      row.remove();
    }
    view.elementOf.delete(key);
    view.chunkOf.delete(key);
  }

  /** One splice on the chunks: the rows removed go, the new ones are built where their chunk is. */
  function spliceChunks(name, at, count, inserted) {
    const view = views[name];
    let place = locate(view, at);
    let remaining = count;
    while (remaining > 0 && place) {
      const chunk = view.chunks[place.c];
      const removed = chunk.keys.splice(place.offset, remaining);
      for (const key of removed) removeKey(view, key);
      remaining -= removed.length;
      if (remaining > 0) {
        if (place.c + 1 >= view.chunks.length) break;
        place = { c: place.c + 1, offset: 0 };
      }
    }
    if (!inserted.length) return;
    place = locate(view, at);
    const chunk = view.chunks[place.c];
    const before = chunk.keys[place.offset];
    chunk.keys.splice(place.offset, 0, ...inserted);
    for (const key of inserted) view.chunkOf.set(key, chunk);
    if (!chunk.built) return;
    const fragment = document.createDocumentFragment();
    for (const key of inserted) fragment.append(buildRow(name, key));
    const next = before === undefined ? null : view.elementOf.get(before);
    chunk.el.insertBefore(fragment, next && next.parentNode === chunk.el ? next : null);
  }

  /** Chunks left empty go; one grown to twice the size is split. */
  function tidyChunks(view) {
    const chunks = [];
    for (const chunk of view.chunks) {
      if (!chunk.keys.length) {
        chunk.el.remove();
        continue;
      }
      if (chunk.keys.length < 2 * ROWS_PER_CHUNK) {
        chunks.push(chunk);
        continue;
      }
      const rest = newChunk(chunk.keys.splice(ROWS_PER_CHUNK));
      rest.built = chunk.built;
      for (const key of rest.keys) {
        view.chunkOf.set(key, rest);
        if (rest.built) rest.el.append(view.elementOf.get(key));
      }
      chunk.el.after(rest.el);
      chunks.push(chunk, rest);
    }
    view.chunks = chunks;
  }

  /** Brings a list's DOM to the model after `patch`. */
  function patchList(name, patch) {
    const view = views[name];
    const keys = model.lists[name] ? model.lists[name].keys : [];
    // A list sent whole, or from no rows to some, or back: the grid or the sentence.
    if (patch.reset || !view.chunks.length || !keys.length) {
      renderList(name);
      return;
    }
    const fresh = new Set();
    for (const [at, count, ...inserted] of patch.splices || []) {
      spliceChunks(name, at, count, inserted);
      for (const key of inserted) fresh.add(key);
    }
    tidyChunks(view);
    for (const [at, count] of patch.shifts || []) {
      for (let i = at; i < at + count && i < keys.length; i++) {
        const row = view.elementOf.get(keys[i]);
        const data = model.lists[name].rows.get(keys[i]);
        if (row && data) row.dataset.line = String(data.line);
      }
    }
    for (const [key] of patch.rows || []) {
      const old = view.elementOf.get(key);
      if (!old || fresh.has(key)) continue;
      if (old === currentRow) currentRow = null;
      old.replaceWith(buildRow(name, key));
    }
  }

  /** Task references show the line their task has now (they are built with it; lines move with edits). */
  function refreshRefs() {
    if (!refsStale) return;
    refsStale = false;
    for (const ref of content.querySelectorAll('.ref[data-task]')) ref.dataset.line = String(lineOfTask(ref.dataset.task));
  }

  function columnsKey(head) {
    return head ? JSON.stringify(head.columns.map((c) => c[0])) : '';
  }

  function receive(payload) {
    const before = { columns: columnsKey(model.head), head: model.head };
    const anchor = model.version === undefined ? state.top || null : topAnchor();
    const changes = applyPayload(model, payload);
    if (!changes) {
      vscode.postMessage({ type: 'resync' });
      return;
    }
    if (changes.lists.table && changes.linesMoved) refsStale = true;
    if (changes.full) {
      renderAll();
    } else {
      /** Lists built anew from the model: their patches are already in it. */
      const rendered = new Set();
      if (changes.head) {
        renderHead();
        const head = model.head;
        if (columnsKey(head) !== before.columns) {
          renderList('table');
          rendered.add('table');
        } else if (JSON.stringify(head.columns) !== JSON.stringify(before.head.columns)) {
          const grid = views.table.node;
          const old = grid && grid.querySelector('.row.head');
          if (old) old.replaceWith(headRow(tableColumns()));
        }
        if (views.table.node && views.table.node.classList.contains('grid')) views.table.node.setAttribute('aria-label', visible(head.title));
        if (JSON.stringify([head.glossary, head.notes]) !== JSON.stringify([before.head.glossary, before.head.notes])) renderAppendix();
      }
      for (const name of LISTS) if (changes.lists[name] && !rendered.has(name)) patchList(name, changes.lists[name]);
    }
    buildNearView();
    highlight(state.line, false);
    if (anchor) restore(anchor);
    if (state.filter) applyFilter();
    refreshRefs();
    buildInBackground();
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
      key = normalize(Array.from(row.querySelectorAll('.f'), (c) => c.textContent).join('\n'));
      filterKeys.set(row, key);
    }
    return key.includes(query);
  }

  function isHeading(row) {
    return row.classList.contains('chapter') || row.classList.contains('section');
  }

  /** Hides the rows that do not match, the headings left with no task, and the chunks left empty. */
  function applyFilter() {
    const query = normalize(state.filter);
    if (query) buildAll();
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

  /** The position of the last key whose line is at or before `line` (-1 if none). */
  function lastAtOrBefore(keys, lineOf, line) {
    let low = 0;
    let high = keys.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (lineOf(keys[mid]) <= line) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  /** The row of the task (or heading) that `line` is in: the last row starting at or before it, built if need be. */
  function rowAt(line) {
    const list = model.lists.table;
    if (!list) return null;
    const at = lastAtOrBefore(list.keys, (key) => (list.rows.get(key) || { line: -1 }).line, line);
    if (at < 0) return null;
    const key = list.keys[at];
    const chunk = views.table.chunkOf.get(key);
    if (!chunk) return null;
    build('table', chunk);
    return views.table.elementOf.get(key) || null;
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
    if (row && state.tab === 'table') return { key: keyOfElement.get(row), line: Number(row.dataset.line), top: row.getBoundingClientRect().top };
    return { scrollY: window.scrollY };
  }

  function restore(anchor) {
    if (anchor.line === undefined) {
      window.scrollTo(0, anchor.scrollY);
      return;
    }
    // The same row if it is still there, else the row now at its line (after a full payload, keys are new).
    let row = anchor.key === undefined ? undefined : views.table.elementOf.get(anchor.key);
    if (!row || !row.isConnected) row = rowAt(anchor.line);
    if (!row || !row.isConnected) return;
    const key = keyOfElement.get(row);
    // The chunks around the anchor are built first, so the rows near it have their real height.
    const chunks = views.table.chunks;
    const index = chunks.indexOf(views.table.chunkOf.get(key));
    for (const chunk of chunks.slice(Math.max(0, index - 1), index + 3)) build('table', chunk);
    window.scrollBy(0, row.getBoundingClientRect().top - anchor.top);
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'payload') {
      if (typeof message.document === 'string' && message.document !== state.document) {
        state.document = message.document;
        save();
      }
      receive(message.payload);
    } else if (message.type === 'reveal' && Number.isInteger(message.line)) {
      highlight(message.line, true);
    } else if (message.type === 'ping') {
      ready();
    }
  });

  function reveal(target) {
    const el = target.closest('[data-line]');
    if (!el || !content.contains(el)) return;
    // A task reference asks the table for its task's line now.
    const line = el.dataset.task !== undefined ? lineOfTask(el.dataset.task) : Number(el.dataset.line);
    if (!Number.isInteger(line)) return;
    if (el.classList.contains('row')) highlight(line, false);
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
    const before = state.tab;
    showTab(name);
    // The views are sent while they are shown: the extension asks for this one now.
    if (state.tab !== before) vscode.postMessage({ type: 'tab', tab: state.tab });
    refreshRefs();
    buildNearView();
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

  let scrollTimer = 0;
  window.addEventListener('scroll', () => {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(() => {
      if (model.version === undefined || state.tab !== 'table') return;
      const anchor = topAnchor();
      state.top = anchor.line === undefined ? undefined : { line: anchor.line, top: anchor.top };
      save();
    }, 200);
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

  // A page written whole (renderPreviewHtml) works as it is: tabs, filter and clicks.
  showTab(state.tab);
  if (state.filter && content.querySelector('.chunk')) applyFilter();
  /** Tells the extension what this page shows: nothing yet (a new page), or the version it has (a page kept while hidden). */
  function ready() {
    vscode.postMessage({ type: 'ready', tab: state.tab, version: model.version });
  }
  ready();
})();
