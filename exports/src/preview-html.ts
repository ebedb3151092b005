/**
 * The HTML of the live preview webview: the official table and its views (by unit, by leader,
 * targets), with the marks an editor wants (unknown units, a problem count per row) and the
 * source line of every row (`data-line`) so the editor and the preview follow each other.
 *
 * The page runs one script, exports/media/preview.js, under a strict Content-Security-Policy
 * (nothing inline, no handlers in attributes); every text of the document is escaped.
 * Long tables stay responsive without a virtual list: rows come in chunks the style sheet marks
 * `content-visibility: auto`, so the webview lays out and paints only the chunks on screen.
 */
import { format, type Locale } from '../../core/src/messages';
import type { Analysis, Diagnostic, FenjieDocument, LocalizedText, UnitMention } from '../../core/src/model';
import {
  byLeader,
  byUnit,
  documentMeta,
  documentTitle,
  cooperatingUnitParts,
  leaderParts,
  leadUnitParts,
  listText,
  type ListPart,
  problemsByTask,
  tableColumns,
  tableRows,
  targetsSummary,
  targetValueText,
  taskRuns,
  type ColumnKey,
  type TaskRow,
} from '../../core/src/views';
import { appendixHtml, COLUMN_CLASS, escapeHtml } from './html';

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

const UI = {
  table: { zh: '表格', en: 'Table' },
  units: { zh: '按单位', en: 'By unit' },
  leaders: { zh: '按领导', en: 'By leader' },
  targets: { zh: '指标汇总', en: 'Targets' },
  filter: { zh: '按单位或领导筛选', en: 'Filter by unit or leader' },
  taskCount: { zh: '{n} 项任务', en: '{n} tasks' },
  problemCount: { zh: '{n} 个问题', en: '{n} problems' },
  rowProblems: { zh: '本任务有 {n} 个问题', en: '{n} problems in this task' },
  unknownUnit: { zh: '单位库中没有这个单位', en: 'Not in the unit registry' },
  collective: { zh: '单位集合', en: 'A collective of units' },
  alias: { zh: '即 {name}', en: 'Same as {name}' },
  unit: { zh: '单位', en: 'Unit' },
  leads: { zh: '牵头', en: 'Leads' },
  cooperates: { zh: '配合', en: 'Cooperates' },
  total: { zh: '合计', en: 'Total' },
  leadTasks: { zh: '牵头任务', en: 'Tasks led' },
  cooperatingTasks: { zh: '配合任务', en: 'Tasks cooperated on' },
  spellings: { zh: '写法：{names}', en: 'Written as: {names}' },
  leader: { zh: '领导', en: 'Leader' },
  tasks: { zh: '任务', en: 'Tasks' },
  leadUnits: { zh: '牵头单位', en: 'Lead units' },
  number: { zh: '序号', en: 'No.' },
  indicator: { zh: '指标', en: 'Indicator' },
  comparator: { zh: '比较', en: 'Comparison' },
  value: { zh: '数值', en: 'Value' },
  measure: { zh: '计量单位', en: 'Measure' },
  phrase: { zh: '原文', en: 'As written' },
  noTasks: { zh: '文档中还没有任务。', en: 'The document has no tasks yet.' },
  noUnits: { zh: '没有写明任何单位。', en: 'No units are named.' },
  noLeaders: { zh: '没有写明责任领导。', en: 'No leaders are named.' },
  noTargets: { zh: '任务中没有数值指标。', en: 'No numeric targets in the tasks.' },
} satisfies Record<string, LocalizedText>;

type UiKey = keyof typeof UI;

function t(locale: Locale, key: UiKey, args?: Record<string, string | number>): string {
  return escapeHtml(format(UI[key][locale], args));
}

/** A text for an attribute value: escaped, line breaks kept as character references. */
function attr(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '&#10;');
}

/** A unit name, in an element only when there is something to mark (unknown, collective, alias). */
function unitHtml(unit: Pick<UnitMention, 'text' | 'canonical' | 'resolution'>, locale: Locale): string {
  const classes = ['unit'];
  let title = '';
  if (unit.resolution === 'unknown') {
    classes.push('unknown');
    title = format(UI.unknownUnit[locale]);
  } else if (unit.resolution === 'collective') {
    classes.push('collective');
    title = UI.collective[locale];
  } else if (unit.canonical && unit.canonical !== unit.text) {
    title = format(UI.alias[locale], { name: unit.canonical });
  }
  // A plain registry name needs no element: on a 10,000-task table every byte is parsed on each update.
  if (!title) return escapeHtml(unit.text);
  return `<span class="${classes.join(' ')}" title="${attr(title)}">${escapeHtml(unit.text)}</span>`;
}

function unitsHtml(parts: readonly ListPart<UnitMention>[], locale: Locale): string {
  return parts.map((p) => (typeof p === 'string' ? escapeHtml(p) : unitHtml(p, locale))).join('');
}

function worstSeverity(problems: readonly Diagnostic[]): string {
  for (const severity of ['error', 'warning', 'info'] as const) if (problems.some((p) => p.severity === severity)) return severity;
  return 'hint';
}

function problemBadge(problems: readonly Diagnostic[] | undefined, locale: Locale): string {
  if (!problems?.length) return '';
  const lines = [format(UI.rowProblems[locale], { n: problems.length }), ...problems.map((p) => `${p.code} ${p.message[locale]}`)];
  return ` <span class="badge ${worstSeverity(problems)}" title="${attr(lines.join('\n'))}">${problems.length}</span>`;
}

function taskCellHtml(row: TaskRow, key: ColumnKey, locale: Locale, problems: readonly Diagnostic[] | undefined): string {
  const task = row.task;
  switch (key) {
    case 'number':
      return escapeHtml(task.number) + problemBadge(problems, locale);
    case 'text':
      return escapeHtml(task.text);
    case 'leadUnits':
      return unitsHtml(leadUnitParts(task), locale);
    case 'cooperatingUnits':
      return unitsHtml(cooperatingUnitParts(task), locale);
    case 'leaders':
      return escapeHtml(listText(leaderParts(task)));
    case 'deadline':
      return escapeHtml(task.deadline?.text ?? '');
    case 'remark':
      return escapeHtml(task.remark ?? '');
  }
}

/** Cells whose text the filter box matches. */
const FILTERED: ReadonlySet<ColumnKey> = new Set(['leadUnits', 'cooperatingUnits', 'leaders']);

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
  if (!rows.length) return `<p class="empty">${empty}</p>`;
  return `<div class="grid ${kind}" role="table" aria-label="${label}">\n<div class="row head" role="row">${head}</div>\n${chunked(rows)}\n</div>`;
}

function tablePanel(doc: FenjieDocument, problems: Map<number, Diagnostic[]>, locale: Locale): string {
  const columns = tableColumns(doc);
  const head = columns.map((c) => cellDiv(COLUMN_CLASS[c.key], escapeHtml(c.title), 'columnheader')).join('');
  const rows = tableRows(doc).map((row) => {
    if (row.kind !== 'task') {
      return `<div class="row ${row.kind}" role="row" data-line="${row.line}">${cellDiv('span', escapeHtml(row.label))}</div>`;
    }
    const rowProblems = problems.get(row.index);
    const classes = ['row', 'task'];
    if (rowProblems?.length) classes.push(`has-${worstSeverity(rowProblems)}`);
    const cells = columns
      .map((c) => cellDiv(COLUMN_CLASS[c.key] + (FILTERED.has(c.key) ? ' f' : ''), taskCellHtml(row, c.key, locale, rowProblems)))
      .join('');
    return `<div class="${classes.join(' ')}" role="row" tabindex="-1" data-line="${row.line}">${cells}</div>`;
  });
  const hasTasks = doc.tasks.length > 0;
  return (hasTasks ? gridHtml('table', escapeHtml(documentTitle(doc)), head, rows, '') : `<p class="empty">${t(locale, 'noTasks')}</p>`) + appendixHtml(doc);
}

/** Task references that reveal their task when clicked: `1—6`, `9`. */
function refsHtml(doc: FenjieDocument, indices: readonly number[], kind: string): string {
  return taskRuns(doc, indices)
    .map((run) => `<span class="ref ${kind}" data-line="${doc.tasks[run.first].range.start.line}">${escapeHtml(run.label)}</span>`)
    .join(' ');
}

function unitsPanel(doc: FenjieDocument, locale: Locale): string {
  const head = [
    cellDiv('v-name', t(locale, 'unit'), 'columnheader'),
    cellDiv('v-count', t(locale, 'leads'), 'columnheader'),
    cellDiv('v-count', t(locale, 'cooperates'), 'columnheader'),
    cellDiv('v-count', t(locale, 'total'), 'columnheader'),
    cellDiv('v-refs', t(locale, 'leadTasks'), 'columnheader'),
    cellDiv('v-refs', t(locale, 'cooperatingTasks'), 'columnheader'),
  ].join('');
  const rows = byUnit(doc).map((unit) => {
    const spellings = unit.spellings.length > 1 ? `<span class="aka">${t(locale, 'spellings', { names: unit.spellings.join('、') })}</span>` : '';
    return (
      `<div class="row item" role="row">` +
      cellDiv('v-name f', unitHtml({ text: unit.name, canonical: unit.canonical, resolution: unit.resolution }, locale) + spellings) +
      cellDiv('v-count', String(unit.lead.length)) +
      cellDiv('v-count', String(unit.cooperating.length)) +
      cellDiv('v-count', String(unit.total)) +
      cellDiv('v-refs', refsHtml(doc, unit.lead, 'lead')) +
      cellDiv('v-refs', refsHtml(doc, unit.cooperating, 'cooperating')) +
      `</div>`
    );
  });
  return gridHtml('units', t(locale, 'units'), head, rows, t(locale, 'noUnits'));
}

function leadersPanel(doc: FenjieDocument, locale: Locale): string {
  const head = [
    cellDiv('v-name', t(locale, 'leader'), 'columnheader'),
    cellDiv('v-count', t(locale, 'tasks'), 'columnheader'),
    cellDiv('v-refs', t(locale, 'tasks'), 'columnheader'),
    cellDiv('v-units', t(locale, 'leadUnits'), 'columnheader'),
  ].join('');
  const rows = byLeader(doc).map(
    (leader) =>
      `<div class="row item" role="row">` +
      cellDiv('v-name f', escapeHtml(leader.name)) +
      cellDiv('v-count', String(leader.tasks.length)) +
      cellDiv('v-refs', refsHtml(doc, leader.tasks, 'lead')) +
      cellDiv('v-units f', escapeHtml(leader.leadUnits.join('、'))) +
      `</div>`,
  );
  return gridHtml('leaders', t(locale, 'leaders'), head, rows, t(locale, 'noLeaders'));
}

function targetsPanel(doc: FenjieDocument, locale: Locale): string {
  const head = [
    cellDiv('v-number', t(locale, 'number'), 'columnheader'),
    cellDiv('v-indicator', t(locale, 'indicator'), 'columnheader'),
    cellDiv('v-comparator', t(locale, 'comparator'), 'columnheader'),
    cellDiv('v-value', t(locale, 'value'), 'columnheader'),
    cellDiv('v-measure', t(locale, 'measure'), 'columnheader'),
    cellDiv('v-phrase', t(locale, 'phrase'), 'columnheader'),
    cellDiv('v-units', t(locale, 'leadUnits'), 'columnheader'),
  ].join('');
  const rows = targetsSummary(doc).map(
    (target) =>
      `<div class="row item" role="row" tabindex="-1" data-line="${target.line}">` +
      cellDiv('v-number', escapeHtml(target.number)) +
      cellDiv('v-indicator', escapeHtml(target.indicator)) +
      cellDiv('v-comparator', escapeHtml(target.comparator)) +
      cellDiv('v-value', escapeHtml(targetValueText(target))) +
      cellDiv('v-measure', escapeHtml(target.measure)) +
      cellDiv('v-phrase', escapeHtml(target.text)) +
      cellDiv('v-units f', escapeHtml(target.leadUnits)) +
      `</div>`,
  );
  return gridHtml('targets', t(locale, 'targets'), head, rows, t(locale, 'noTargets'));
}

/**
 * The content of the preview without the page around it: the panel posts it to the webview
 * (`{ type: 'update', html }`) on every change, so the page keeps its scroll, tab and filter.
 */
export function renderPreviewBody(analysis: Analysis, locale: Locale): string {
  const doc = analysis.document;
  const problems = problemsByTask(doc, analysis.diagnostics);
  const meta = documentMeta(doc);
  const summary = [t(locale, 'taskCount', { n: doc.tasks.length })];
  if (analysis.diagnostics.length) summary.push(t(locale, 'problemCount', { n: analysis.diagnostics.length }));
  const panels: Record<PreviewTab, string> = {
    table: tablePanel(doc, problems, locale),
    units: unitsPanel(doc, locale),
    leaders: leadersPanel(doc, locale),
    targets: targetsPanel(doc, locale),
  };
  return [
    '<header class="doc-head">',
    `<h1>${escapeHtml(documentTitle(doc))}</h1>`,
    meta.length ? `<p class="meta">${meta.map(escapeHtml).join('　')}</p>` : '',
    `<p class="summary">${summary.join(' · ')}</p>`,
    '</header>',
    ...TABS.map(
      (tab) =>
        `<section class="panel" id="panel-${tab}" data-panel="${tab}" role="tabpanel" aria-labelledby="tab-${tab}"${tab === 'table' ? '' : ' hidden'}>\n${panels[tab]}\n</section>`,
    ),
  ]
    .filter((part) => part !== '')
    .join('\n');
}

/** The whole webview page. */
export function renderPreviewHtml(analysis: Analysis, options: PreviewOptions): string {
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
    `<title>${escapeHtml(documentTitle(analysis.document))}</title>`,
    '</head>',
    '<body>',
    '<nav class="toolbar">',
    `<div class="tabs" role="tablist">${tabs}</div>`,
    `<input type="search" id="filter" class="filter" placeholder="${t(locale, 'filter')}" aria-label="${t(locale, 'filter')}" spellcheck="false" autocomplete="off">`,
    '<span id="filter-count" class="filter-count" aria-live="polite"></span>',
    '</nav>',
    `<main id="content">\n${renderPreviewBody(analysis, locale)}\n</main>`,
    `<script nonce="${attr(options.nonce)}" src="${attr(options.scriptUri)}"></script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
