/**
 * The HTML of the live preview webview: the page around the content (toolbar, tabs, filter, the
 * policy and the one script), and the content itself written from the preview model
 * (exports/src/preview-model.ts): the official table and its views (by unit, by leader, targets),
 * with the marks an editor wants (unknown units, a problem count per row) and the source line of
 * every row (`data-line`) so the editor and the preview follow each other.
 *
 * The editor loads the page empty (`renderPreviewPage`) and its script builds the rows from the
 * model the language server sends, then patches only the rows that change. `renderPreviewBody`
 * writes the same rows as HTML: the specification of the script's rows, which the tests hold the
 * webview to in Chromium (and the page the webview safety property renders whole).
 *
 * The page runs one script, exports/media/preview.js, under a strict Content-Security-Policy
 * (nothing inline, no handlers in attributes); every text of the document is escaped.
 * Long tables stay responsive without a virtual list: rows come in chunks the style sheet marks
 * `content-visibility: auto`, so the webview lays out and paints only the chunks on screen.
 */
import type { Locale } from '../../core/src/messages';
import type { Analysis } from '../../core/src/model';
import { documentTitle } from '../../core/src/views';
import { appendixHtml, COLUMN_CLASS, escapeHtml } from './html';
import { previewModel, uiText, type Cell, type ModelRow, type PreviewHead, type UiKey } from './preview-model';

export interface PreviewOptions {
  /** A fresh random value per page load; the one script carries it. */
  nonce: string;
  /** `webview.cspSource`: where the style sheet and the script are served from. */
  cspSource: string;
  /** `webview.asWebviewUri` of exports/media/preview.js. */
  scriptUri: string;
  /** `webview.asWebviewUri` of exports/media/preview.css. */
  styleUri: string;
  locale: Locale;
}

/** Rows per chunk: small enough that laying out one is quick, large enough to be few. */
export const ROWS_PER_CHUNK = 100;

export type PreviewTab = 'table' | 'units' | 'leaders' | 'targets';

const TABS: readonly PreviewTab[] = ['table', 'units', 'leaders', 'targets'];

function t(locale: Locale, key: UiKey, args?: Record<string, string | number>): string {
  return escapeHtml(uiText(locale, key, args));
}

/** A text for an attribute value: escaped, line breaks kept as character references. */
function attr(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '&#10;');
}

/** A unit: its name, in an element only when there is something to mark (unknown, collective, alias). */
function unitHtml(cell: Cell): string {
  if (typeof cell === 'string') return escapeHtml(cell);
  const [text, cls, title] = cell as readonly string[];
  return `<span class="${cls ? `unit ${cls}` : 'unit'}" title="${attr(title)}">${escapeHtml(text)}</span>`;
}

function unitsHtml(parts: Cell): string {
  return (parts as readonly Cell[]).map(unitHtml).join('');
}

function badgeHtml(badge: Cell): string {
  const [count, severity, title] = badge as readonly string[];
  return count === undefined ? '' : ` <span class="badge ${severity}" title="${attr(title)}">${count}</span>`;
}

function cellDiv(classes: string, content: string, role = 'cell'): string {
  return `<div class="cell ${classes}" role="${role}">${content}</div>`;
}

/** Rows in chunks, so the style sheet can skip laying out the ones off screen. */
function chunked(rows: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) {
    out.push(`<div class="chunk" role="rowgroup">\n${rows.slice(i, i + ROWS_PER_CHUNK).join('\n')}\n</div>`);
  }
  return out.join('\n');
}

function gridHtml(kind: string, label: string, head: string, rows: readonly string[], empty: string): string {
  if (!rows.length) return `<p class="empty">${escapeHtml(empty)}</p>`;
  return `<div class="grid ${kind}" role="table" aria-label="${escapeHtml(label)}">\n<div class="row head" role="row">${head}</div>\n${chunked(rows)}\n</div>`;
}

function headCells(columns: readonly (readonly [string, string])[]): string {
  return columns.map(([cls, title]) => cellDiv(cls, escapeHtml(title), 'columnheader')).join('');
}

/** Cells whose text the filter box matches. */
const FILTERED = new Set(['leadUnits', 'cooperatingUnits', 'leaders']);

const TASK_CELL = { number: 1, text: 2, leadUnits: 3, cooperatingUnits: 4, leaders: 5, deadline: 6, remark: 7 } as const;

function tableRowHtml(row: ModelRow, head: PreviewHead): string {
  const cells = row.cells;
  if (cells[0] !== 't') return `<div class="row ${cells[0] === 'c' ? 'chapter' : 'section'}" role="row" data-line="${row.line}">${cellDiv('span', escapeHtml(cells[1] as string))}</div>`;
  const badge = cells[8] as readonly string[];
  const classes = badge.length ? `row task has-${badge[1]}` : 'row task';
  const html = head.columns.map(([key]) => {
    const value = cells[TASK_CELL[key]];
    let content: string;
    if (key === 'number') content = escapeHtml(value as string) + badgeHtml(badge);
    else if (key === 'leadUnits' || key === 'cooperatingUnits') content = unitsHtml(value);
    else content = escapeHtml(value as string);
    return cellDiv(COLUMN_CLASS[key] + (FILTERED.has(key) ? ' f' : ''), content);
  });
  return `<div class="${classes}" role="row" tabindex="-1" data-line="${row.line}">${html.join('')}</div>`;
}

/** Task references that reveal their task when clicked: `1—6`, `9`. */
function refsHtml(refs: Cell, kind: string, lineOf: (key: string) => number | undefined): string {
  return (refs as readonly (readonly string[])[]).map(([label, key]) => `<span class="ref ${kind}" data-line="${lineOf(key) ?? 0}">${escapeHtml(label)}</span>`).join(' ');
}

function unitRowHtml(row: ModelRow, lineOf: (key: string) => number | undefined): string {
  const [unit, spellings, leads, cooperates, total, leadRefs, cooperatingRefs] = row.cells;
  return (
    `<div class="row item" role="row">` +
    cellDiv('v-name f', unitHtml(unit) + (spellings ? `<span class="aka">${escapeHtml(spellings as string)}</span>` : '')) +
    cellDiv('v-count', escapeHtml(leads as string)) +
    cellDiv('v-count', escapeHtml(cooperates as string)) +
    cellDiv('v-count', escapeHtml(total as string)) +
    cellDiv('v-refs', refsHtml(leadRefs, 'lead', lineOf)) +
    cellDiv('v-refs', refsHtml(cooperatingRefs, 'cooperating', lineOf)) +
    `</div>`
  );
}

function leaderRowHtml(row: ModelRow, lineOf: (key: string) => number | undefined): string {
  const [name, count, refs, units] = row.cells;
  return (
    `<div class="row item" role="row">` +
    cellDiv('v-name f', escapeHtml(name as string)) +
    cellDiv('v-count', escapeHtml(count as string)) +
    cellDiv('v-refs', refsHtml(refs, 'lead', lineOf)) +
    cellDiv('v-units f', escapeHtml(units as string)) +
    `</div>`
  );
}

const TARGET_CLASSES = ['v-number', 'v-indicator', 'v-comparator', 'v-value', 'v-measure', 'v-phrase', 'v-units f'];

function targetRowHtml(row: ModelRow): string {
  return `<div class="row item" role="row" tabindex="-1" data-line="${row.line}">` + row.cells.map((c, i) => cellDiv(TARGET_CLASSES[i], escapeHtml(c as string))).join('') + `</div>`;
}

/**
 * The content of the preview without the page around it, every row written at once: the same
 * rows the webview's script builds from the model.
 */
export function renderPreviewBody(analysis: Analysis, locale: Locale): string {
  const { head, lists, keyLines } = previewModel(analysis, locale);
  const lineOf = (key: string) => keyLines.get(key);
  const labels = head.labels;
  const tableHead = head.columns.map(([key, title]) => cellDiv(COLUMN_CLASS[key], escapeHtml(title), 'columnheader')).join('');
  const panels: Record<PreviewTab, string> = {
    table:
      (lists.table.length ? gridHtml('table', head.title, tableHead, lists.table.map((r) => tableRowHtml(r, head)), '') : `<p class="empty">${escapeHtml(labels.noTasks)}</p>`) +
      appendixHtml(analysis.document),
    units: gridHtml('units', labels.units, headCells(labels.unitColumns), lists.units.map((r) => unitRowHtml(r, lineOf)), labels.noUnits),
    leaders: gridHtml('leaders', labels.leaders, headCells(labels.leaderColumns), lists.leaders.map((r) => leaderRowHtml(r, lineOf)), labels.noLeaders),
    targets: gridHtml('targets', labels.targets, headCells(labels.targetColumns), lists.targets.map(targetRowHtml), labels.noTargets),
  };
  return [
    '<header class="doc-head">',
    `<h1>${escapeHtml(head.title)}</h1>`,
    head.meta ? `<p class="meta">${escapeHtml(head.meta)}</p>` : '',
    `<p class="summary">${escapeHtml(head.summary)}</p>`,
    '</header>',
    ...TABS.map(
      (tab) =>
        `<section class="panel" id="panel-${tab}" data-panel="${tab}" role="tabpanel" aria-labelledby="tab-${tab}"${tab === 'table' ? '' : ' hidden'}>\n${panels[tab]}\n</section>`,
    ),
  ]
    .filter((part) => part !== '')
    .join('\n');
}

function page(title: string, content: string, options: PreviewOptions): string {
  const { locale } = options;
  const csp = `default-src 'none'; style-src ${options.cspSource}; script-src 'nonce-${options.nonce}'; img-src ${options.cspSource}`;
  const tabs = TABS.map(
    (tab) =>
      `<button type="button" class="tab" role="tab" id="tab-${tab}" data-tab="${tab}" aria-controls="panel-${tab}" aria-selected="${tab === 'table'}">${t(locale, tab)}</button>`,
  ).join('');
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<link rel="stylesheet" href="${attr(options.styleUri)}">`,
    `<title>${escapeHtml(title)}</title>`,
    '</head>',
    '<body>',
    '<nav class="toolbar">',
    `<div class="tabs" role="tablist">${tabs}</div>`,
    `<input type="search" id="filter" class="filter" placeholder="${t(locale, 'filter')}" aria-label="${t(locale, 'filter')}" spellcheck="false" autocomplete="off">`,
    '<span id="filter-count" class="filter-count" aria-live="polite"></span>',
    '</nav>',
    `<main id="content">\n${content}\n</main>`,
    `<script nonce="${attr(options.nonce)}" src="${attr(options.scriptUri)}"></script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The whole webview page with every row written in it. */
export function renderPreviewHtml(analysis: Analysis, options: PreviewOptions): string {
  return page(documentTitle(analysis.document), renderPreviewBody(analysis, options.locale), options);
}

/**
 * The page the editor loads: toolbar and an empty content the script fills from the model the
 * language server sends (a first message with every row, then only the rows that change).
 */
export function renderPreviewPage(title: string, options: PreviewOptions): string {
  return page(title, `<p class="empty">${t(options.locale, 'loading')}</p>`, options);
}
