/**
 * The standalone HTML export: the official table as a printable page (A4 landscape, 仿宋 body,
 * 黑体 headings, the header row repeated on every printed page). Also the escaping every HTML
 * output of Fenjie goes through.
 */
import type { Analysis, FenjieDocument } from '../../core/src/model';
import { cellText, documentMeta, documentTitle, paragraphs, tableColumns, tableRows, type Column, type ColumnKey } from '../../core/src/views';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) can make
 * a row read differently from what it says (“Trojan source”); they are shown as visible codes.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** Text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => ENTITIES[c])
    .replace(BIDI_CONTROLS, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase()}]`);
}

/** Class names of the table columns, shared by the export's and the preview's style sheets. */
export const COLUMN_CLASS: Record<ColumnKey, string> = {
  number: 'c-number',
  text: 'c-text',
  leadUnits: 'c-lead',
  cooperatingUnits: 'c-coop',
  leaders: 'c-leaders',
  deadline: 'c-deadline',
  remark: 'c-remark',
};

/** 仿宋 for the body as official tables use, 宋体 where it is missing. */
export const BODY_FONTS = '"仿宋_GB2312", "仿宋", FangSong, STFangsong, "宋体", SimSun, "Songti SC", "Noto Serif CJK SC", serif';
export const HEADING_FONTS = '"黑体", SimHei, "Heiti SC", "Noto Sans CJK SC", sans-serif';
const TITLE_FONTS = '"方正小标宋简体", "华文中宋", STZhongsong, "宋体", SimSun, "Noto Serif CJK SC", serif';

/** The width share of each column; the printed table and the Word table use the same. */
export const COLUMN_WEIGHT: Record<ColumnKey, number> = {
  number: 5,
  text: 38,
  leadUnits: 15,
  cooperatingUnits: 25,
  leaders: 10,
  deadline: 11,
  remark: 10,
};

function percentages(columns: readonly Column[]): number[] {
  const total = columns.reduce((sum, c) => sum + COLUMN_WEIGHT[c.key], 0);
  return columns.map((c) => Math.round((COLUMN_WEIGHT[c.key] / total) * 1000) / 10);
}

const STYLE = `
@page { size: A4 landscape; margin: 15mm 12mm; }
body { font-family: ${BODY_FONTS}; font-size: 12pt; line-height: 1.5; color: #000; background: #fff; margin: 0 auto; max-width: 270mm; }
h1 { font-family: ${TITLE_FONTS}; font-size: 18pt; font-weight: normal; text-align: center; margin: 0 0 6pt; }
h2 { font-family: ${HEADING_FONTS}; font-size: 14pt; font-weight: normal; margin: 18pt 0 6pt; }
.meta { text-align: center; margin: 0 0 12pt; }
.note, .notes p { text-indent: 2em; margin: 0 0 6pt; white-space: pre-wrap; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 1px solid #000; padding: 3pt 4pt; vertical-align: middle; overflow-wrap: anywhere; white-space: pre-wrap; unicode-bidi: isolate; }
thead th { font-family: ${HEADING_FONTS}; font-weight: normal; text-align: center; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
tr.chapter, tr.section { break-after: avoid; page-break-after: avoid; }
tr.chapter th { font-family: ${HEADING_FONTS}; font-weight: normal; text-align: left; }
tr.section th { font-weight: bold; text-align: left; }
td.c-number, td.c-leaders, td.c-deadline { text-align: center; }
dl.glossary dt { font-family: ${HEADING_FONTS}; margin-top: 6pt; }
dl.glossary dd { margin: 0 0 0 2em; }
`;

/** The `<table>` of the official table, plain (no editor marks). */
function tableHtml(doc: FenjieDocument): string {
  const columns = tableColumns(doc);
  const widths = percentages(columns);
  const out: string[] = ['<table>', '<colgroup>'];
  columns.forEach((c, i) => out.push(`<col class="${COLUMN_CLASS[c.key]}" style="width: ${widths[i]}%">`));
  out.push('</colgroup>', '<thead><tr>');
  for (const c of columns) out.push(`<th scope="col" class="${COLUMN_CLASS[c.key]}">${escapeHtml(c.title)}</th>`);
  out.push('</tr></thead>', '<tbody>');
  for (const row of tableRows(doc)) {
    if (row.kind === 'task') {
      out.push('<tr>');
      for (const c of columns) out.push(`<td class="${COLUMN_CLASS[c.key]}">${escapeHtml(cellText(row, c.key))}</td>`);
      out.push('</tr>');
    } else {
      out.push(`<tr class="${row.kind}"><th scope="rowgroup" colspan="${columns.length}">${escapeHtml(row.label)}</th></tr>`);
    }
  }
  out.push('</tbody>', '</table>');
  return out.join('\n');
}

/** The glossary and the 【说明】 blocks after the table. */
export function appendixHtml(doc: FenjieDocument): string {
  const out: string[] = [];
  if (doc.glossary.length) {
    out.push('<section class="glossary-section">', '<h2>名词解释</h2>', '<dl class="glossary">');
    for (const entry of doc.glossary) out.push(`<dt>${escapeHtml(entry.term)}</dt><dd>${escapeHtml(entry.definition)}</dd>`);
    out.push('</dl>', '</section>');
  }
  for (const note of doc.notes) {
    out.push('<section class="notes">', `<h2>${escapeHtml(note.name)}</h2>`, ...paragraphs(note.text).map((p) => `<p>${escapeHtml(p)}</p>`), '</section>');
  }
  return out.join('\n');
}

/** A standalone, printable HTML page of the official table. */
export function renderHtml(analysis: Analysis): string {
  const doc = analysis.document;
  const title = escapeHtml(documentTitle(doc));
  const meta = documentMeta(doc);
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    // Defence in depth: even a text that escaped escaping could run nothing.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${title}</h1>`,
    meta.length ? `<p class="meta">${meta.map(escapeHtml).join('　')}</p>` : '',
    ...paragraphs(doc.note ?? '').map((p) => `<p class="note">${escapeHtml(p)}</p>`),
    tableHtml(doc),
    appendixHtml(doc),
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}
