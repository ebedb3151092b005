/**
 * The views (core/src/views.ts) and the four exports. HTML, CSV and Markdown are compared with
 * checked-in expectations (tests/fixtures/render/, refreshed by UPDATE_EXPECTED=1); the .xlsx and
 * .docx files are read back with exceljs and jszip and their cells checked.
 */
import * as assert from 'assert';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import * as path from 'path';
import type { Analysis } from '../core/src/model';
import { byLeader, byUnit, paragraphs, problemsByTask, tableColumns, tableRows, targetsSummary, taskNumbersText } from '../core/src/views';
import { HEADER_FIELDS } from '../grammar/src/fields';
import { EXPORTERS, renderCsv, renderDocx, renderHtml, renderMarkdown, renderXlsx } from '../exports/src/index';
import { expectFile, fromRoot } from './helpers/expected';
import { assertInertHtml, buildAnalysis, largeTable, SAMPLES, sampleAnalysis, SMALL_TABLE, XSS_PAYLOADS, xssTable } from './render-support';

const EXPECTED = fromRoot('tests', 'fixtures', 'render');

const EXPORT_TAGS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'p', 'table', 'colgroup', 'col', 'thead', 'tbody', 'tr', 'th', 'td', 'section', 'dl', 'dt', 'dd']);

/** The documents every export is checked on. */
interface RenderCase {
  name: string;
  analysis(): Analysis | Promise<Analysis>;
}

const CASES: RenderCase[] = [
  ...SAMPLES.map((name) => ({ name, analysis: () => sampleAnalysis(name) })),
  { name: 'small', analysis: () => buildAnalysis(SMALL_TABLE) },
];

/** Every task text, unit and leader name, as the table writes them. */
function expectedTexts(analysis: Analysis): string[] {
  const doc = analysis.document;
  return doc.tasks.flatMap((t) => [t.text, ...t.leadUnits.map((u) => u.text), ...t.cooperatingUnits.map((u) => u.text), ...t.leaders.map((l) => l.text)]);
}

describe('views', () => {
  const analysis = buildAnalysis(SMALL_TABLE);
  const doc = analysis.document;

  it('gives the table rows in document order, sections under their chapter, each with its source line', () => {
    const rows = tableRows(doc);
    assert.deepStrictEqual(
      rows.map((r) => (r.kind === 'task' ? `${r.task.number}@${r.line}` : `${r.label}@${r.line}`)),
      ['一、主要预期目标@3', '1@4', '2@8', '二、加快推进科技创新@12', '（一）推动有效投资持续增长。@13', '3@14', '4@19', '其他工作@21', '5@22'],
    );
    for (const row of rows) if (row.kind === 'task') assert.strictEqual(row.line, row.task.range.start.line);
  });

  it('shows the leader, deadline and remark columns only when some task has them', () => {
    assert.deepStrictEqual(
      tableColumns(doc).map((c) => c.title),
      ['序号', '工作任务', '牵头单位', '配合单位', '责任领导', '完成时限', '备注'],
    );
    const bare = buildAnalysis({ chapters: [{ numeral: '一', title: '目标', tasks: [{ number: '1', text: '任务', lead: ['区财政局'] }] }] });
    assert.deepStrictEqual(
      tableColumns(bare.document).map((c) => c.key),
      ['number', 'text', 'leadUnits', 'cooperatingUnits'],
    );
  });

  it('heads a column with the field name the tasks write', () => {
    const written = buildAnalysis(SMALL_TABLE);
    for (const task of written.document.tasks) for (const f of task.fields) if (f.kind === 'cooperatingUnit') f.name = '责任单位';
    assert.strictEqual(tableColumns(written.document).find((c) => c.key === 'cooperatingUnits')?.title, '责任单位');
  });

  it('lists units by load, with the tasks each leads and cooperates on', () => {
    const units = byUnit(doc);
    assert.deepStrictEqual(units[0], {
      name: '区发展改革局',
      canonical: '区发展改革局',
      resolution: 'canonical',
      spellings: ['区发展改革局'],
      lead: [0, 3],
      cooperating: [2],
      total: 3,
    });
    assert.strictEqual(units[1].name, '区工业和信息化局');
    const unknown = units.find((u) => u.name === '虎扑体育海关');
    assert.strictEqual(unknown?.resolution, 'unknown');
    assert.ok(units.some((u) => u.name === '各镇政府(街道办事处)' && u.resolution === 'collective'));
    for (let i = 1; i < units.length; i++) assert.ok(units[i - 1].total >= units[i].total, 'sorted by load');
  });

  it('counts a unit named twice in one task once, and merges its spellings', () => {
    const twice = buildAnalysis({
      chapters: [{ numeral: '一', title: '目标', tasks: [{ number: '1', text: '任务', lead: ['区财政局', '区财政局'], coop: ['区财政局'] }] }],
    });
    const [unit] = byUnit(twice.document);
    assert.deepStrictEqual([unit.lead, unit.cooperating, unit.total], [[0], [0], 1]);
  });

  it('lists leaders by their tasks, with the units those tasks are led by', () => {
    assert.deepStrictEqual(
      byLeader(doc).map((l) => [l.name, l.tasks, l.leadUnits]),
      [
        ['冯冬昌', [0, 2], ['区发展改革局', '区工业和信息化局']],
        ['王 健', [2], ['区工业和信息化局']],
      ],
    );
  });

  it('summarises every target with its task and lead unit', () => {
    assert.deepStrictEqual(
      targetsSummary(doc).map((t) => [t.number, t.indicator, t.comparator, t.valueText, t.magnitude, t.measure, t.leadUnits]),
      [
        ['1', '地区生产总值', '≈', '5.5', undefined, '%', '区发展改革局'],
        ['2', '城镇新增就业', '=', '1.5', '万', '人', '区人社局'],
      ],
    );
  });

  it('assigns each problem to the task it is in', () => {
    const problems = problemsByTask(doc, analysis.diagnostics);
    assert.deepStrictEqual([...problems.keys()], [1]);
    const outside = problemsByTask(doc, [{ ...analysis.diagnostics[0], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }]);
    assert.strictEqual(outside.size, 0);
  });

  it('writes runs of consecutive tasks as ranges', () => {
    assert.strictEqual(taskNumbersText(doc, [0, 1, 2, 4]), '1—3、5');
  });
});

describe('exports match their expected output', () => {
  for (const c of CASES) {
    it(`${c.name}: HTML`, async () => expectFile(renderHtml(await c.analysis()), path.join(EXPECTED, `${c.name}.html`)));
    it(`${c.name}: CSV`, async () => expectFile(renderCsv(await c.analysis()), path.join(EXPECTED, `${c.name}.csv`)));
    it(`${c.name}: Markdown`, async () => expectFile(renderMarkdown(await c.analysis()), path.join(EXPECTED, `${c.name}.md`)));
  }
});

describe('HTML export', () => {
  it('is a printable A4 landscape page in 仿宋, with the header row repeating', () => {
    const html = renderHtml(buildAnalysis(SMALL_TABLE));
    assert.match(html, /@page \{ size: A4 landscape;/);
    assert.match(html, /font-family: "仿宋_GB2312", "仿宋"/);
    assert.match(html, /thead \{ display: table-header-group; \}/);
    assert.match(html, /<tr class="chapter"><th scope="rowgroup" colspan="7">一、主要预期目标<\/th><\/tr>/);
    assert.match(html, /<tr class="section"><th scope="rowgroup" colspan="7">（一）推动有效投资持续增长。<\/th><\/tr>/);
  });

  it('escapes every payload in title, tasks, units, leaders, headings and glossary', () => {
    const html = renderHtml(buildAnalysis(xssTable()));
    assertInertHtml(html, { tags: EXPORT_TAGS, scripts: 0, styled: new Set(['col']) });
    assert.strictEqual(html.match(/<style>/g)?.length, 1, 'only the page style');
    assert.ok(html.includes('<td class="c-text">&lt;img src=x onerror=alert(1)&gt;</td>'), 'the task text shows as text');
    assert.ok(html.includes('省发展改革委[U+202E]gnp.exe'), 'the override shows as a visible code');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
  });
});

describe('CSV export', () => {
  it('starts with a BOM, ends lines with CRLF and quotes by RFC 4180', () => {
    const csv = renderCsv(
      buildAnalysis({ chapters: [{ numeral: '一', title: '目标，含逗号', tasks: [{ number: '1', text: '他说"好"\n再换行', lead: ['区财政局'] }] }] }),
    );
    assert.ok(csv.startsWith('\ufeff序号,工作任务,牵头单位,配合单位\r\n'));
    assert.ok(csv.includes('\r\n"一、目标，含逗号",,,\r\n') === false, 'a full-width comma needs no quotes');
    assert.ok(csv.includes('\r\n一、目标，含逗号,,,\r\n'));
    assert.ok(csv.includes('\r\n1,"他说""好""\n再换行",区财政局,\r\n'));
    assert.ok(csv.endsWith('\r\n'));
  });

  it('never lets a cell start a spreadsheet formula', () => {
    const csv = renderCsv(buildAnalysis(xssTable()));
    assert.ok(csv.includes(`'=HYPERLINK(""http://example.invalid"",""点击"")`), csv.split('\r\n').find((l) => l.includes('HYPERLINK')));
    for (const line of csv.slice(1).split('\r\n')) assert.ok(!/(^|,)"?[=+\-@]/.test(line), line);
  });
});

describe('Markdown export', () => {
  it('keeps markup in the document as text', () => {
    const md = renderMarkdown(buildAnalysis(xssTable()));
    assert.ok(!/<[a-z!/]/i.test(md.replace(/\\</g, '')), 'no raw tag');
    assert.ok(md.includes('\\<img src=x onerror=alert(1)\\>'));
    for (const line of md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'))) {
      assert.strictEqual(line.replace(/\\\|/g, '').split('|').length - 2, 7, `a row keeps its 7 cells: ${line}`);
    }
  });
});

/** exceljs reads an ArrayBuffer (its typings call that a Buffer). */
function arrayBuffer(bytes: Buffer): ArrayBuffer {
  return new Uint8Array(bytes).buffer as ArrayBuffer;
}

/** A row's cell values from column A (exceljs keeps them 1-based). */
function values(row: ExcelJS.Row): unknown[] {
  return (row.values as unknown[]).slice(1);
}

/** The row of the column header in the table sheet. */
function headerRowOf(sheet: ExcelJS.Worksheet): number {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === '序号') return r;
  assert.fail('the table sheet has no column header row');
}

/** Every text of the table sheet, row by row (a merged row once). */
function sheetLines(sheet: ExcelJS.Worksheet, from = 1, to = sheet.rowCount): string[] {
  const lines: string[] = [];
  for (let r = from; r <= to; r++) {
    const row = sheet.getRow(r);
    const texts: string[] = [];
    row.eachCell((cell) => {
      if (cell.master === cell || cell.master.row !== cell.row) texts.push(cell.text);
    });
    lines.push(texts.join('|'));
  }
  return lines;
}

describe('Excel export', () => {
  it('has the title, the header fields, the table with merged chapter and section rows, a frozen header, and the three views', async () => {
    const analysis = buildAnalysis(SMALL_TABLE);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(arrayBuffer(await renderXlsx(analysis)));
    assert.deepStrictEqual(
      workbook.worksheets.map((s) => s.name),
      ['表格', '按单位', '按领导', '指标汇总'],
    );
    const sheet = workbook.getWorksheet('表格')!;
    assert.strictEqual(sheet.getCell('A1').value, analysis.document.title);
    assert.strictEqual(sheet.getCell('A2').value, '文号：沈辽中政发〔2024〕1号\u3000\u3000发文机关：沈阳市辽中区人民政府');
    assert.deepStrictEqual(values(sheet.getRow(3)), ['序号', '工作任务', '牵头单位', '配合单位', '责任领导', '完成时限', '备注']);
    assert.deepStrictEqual((sheet.views[0] as { state: string; ySplit: number }).state, 'frozen');
    assert.strictEqual((sheet.views[0] as { ySplit: number }).ySplit, 3);
    assert.strictEqual(sheet.pageSetup.orientation, 'landscape');
    assert.strictEqual(sheet.pageSetup.printTitlesRow, '3:3');
    const merges = (sheet.model as unknown as { merges: string[] }).merges.sort();
    const headingRows = tableRows(analysis.document).flatMap((r, i) => (r.kind === 'task' ? [] : [`A${i + 4}:G${i + 4}`]));
    assert.deepStrictEqual(headingRows, ['A4:G4', 'A7:G7', 'A8:G8', 'A11:G11']);
    // Below the table, after an empty row: the glossary under its heading.
    assert.deepStrictEqual(merges, ['A1:G1', 'A2:G2', ...headingRows, 'A14:G14', 'A15:G15'].sort());
    assert.strictEqual(sheet.getCell('A13').value, null);
    assert.strictEqual(sheet.getCell('A14').value, '名词解释');
    assert.strictEqual(sheet.getCell('A15').value, `${analysis.document.glossary[0].term}：${analysis.document.glossary[0].definition}`);
    assert.strictEqual(sheet.getCell('A8').value, '（一）推动有效投资持续增长。');
    assert.strictEqual(sheet.getCell('B5').alignment?.wrapText, true);
    assert.strictEqual(sheet.getCell('B5').font?.name, '仿宋');
    assert.strictEqual(sheet.getCell('B3').font?.name, '黑体');
    assert.ok((sheet.getColumn(2).width ?? 0) > (sheet.getColumn(1).width ?? 0));

    const cells = new Set<string>();
    for (const s of workbook.worksheets) s.eachRow((row) => row.eachCell((cell) => cells.add(String(cell.value))));
    const allText = [...cells].join('\n');
    for (const text of expectedTexts(analysis)) assert.ok(allText.includes(text), `${text} is in the workbook`);

    const units = workbook.getWorksheet('按单位')!;
    assert.deepStrictEqual(values(units.getRow(2)), ['区发展改革局', 2, 1, 3, '1、4', '3']);
    const targets = workbook.getWorksheet('指标汇总')!;
    assert.deepStrictEqual(values(targets.getRow(3)), ['2', '城镇新增就业', '=', 1.5, '万', '人', '城镇新增就业1.5万人', '区人社局']);
  });

  it('does not freeze a header that a long notice would push off the screen, but prints it on every page', async () => {
    const analysis = buildAnalysis({ ...SMALL_TABLE, note: Array.from({ length: 12 }, (_, i) => `第${i + 1}段通知正文。`).join('\n') });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(arrayBuffer(await renderXlsx(analysis)));
    const sheet = workbook.getWorksheet('表格')!;
    const header = headerRowOf(sheet);
    assert.strictEqual(header, 3 + 12);
    assert.strictEqual(sheet.getCell(3, 1).value, '说明：第1段通知正文。');
    assert.ok(!(sheet.views ?? []).some((v) => v.state === 'frozen'));
    assert.strictEqual(sheet.pageSetup.printTitlesRow, `${header}:${header}`);
  });

  for (const c of CASES) {
    it(`${c.name}: every task, unit and leader is in the workbook, chapter and section rows merged`, async () => {
      const analysis = await c.analysis();
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(arrayBuffer(await renderXlsx(analysis)));
      const sheet = workbook.getWorksheet('表格')!;
      const header = headerRowOf(sheet);
      const rows = tableRows(analysis.document);
      const columns = tableColumns(analysis.document).length;
      const doc = analysis.document;
      const below = (doc.glossary.length ? 1 + doc.glossary.length : 0) + doc.notes.reduce((n, note) => n + 1 + paragraphs(note.text).length, 0);
      assert.strictEqual(sheet.rowCount, header + rows.length + (below ? 1 + below : 0));
      const last = String.fromCharCode(64 + columns);
      const merged = (r: number) => `A${r}:${last}${r}`;
      const expectedMerges = [
        ...Array.from({ length: header - 1 }, (_, i) => merged(i + 1)),
        ...rows.flatMap((r, i) => (r.kind === 'task' ? [] : [merged(header + 1 + i)])),
        ...Array.from({ length: below }, (_, i) => merged(header + rows.length + 2 + i)),
      ];
      assert.deepStrictEqual((sheet.model as unknown as { merges: string[] }).merges.sort(), expectedMerges.sort());
      rows.forEach((row, i) => {
        if (row.kind === 'task') assert.strictEqual(sheet.getCell(`B${header + 1 + i}`).value, row.task.text);
      });
      const cells: string[] = [];
      for (const s of workbook.worksheets) s.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
      const all = cells.join('\n');
      for (const text of expectedTexts(analysis)) assert.ok(all.includes(text), `${text} is in the workbook`);
      assert.strictEqual(workbook.getWorksheet('指标汇总')!.rowCount, 1 + analysis.document.tasks.reduce((n, t) => n + t.targets.length, 0));
    });

    it(`${c.name}: the header fields and the notice above the table, the glossary and the notes below it`, async () => {
      const analysis = await c.analysis();
      const doc = analysis.document;
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(arrayBuffer(await renderXlsx(analysis)));
      const sheet = workbook.getWorksheet('表格')!;
      const header = headerRowOf(sheet);
      const above = sheetLines(sheet, 1, header - 1);
      assert.strictEqual(above[0], doc.title);
      const fields = doc.header.filter((h) => h.kind !== 'title' && h.kind !== 'note' && h.kind !== 'unknown');
      const metadata = fields.length ? above[1] : '';
      for (const h of fields) {
        const name = HEADER_FIELDS.find((f) => f.kind === h.kind)!.canonical;
        assert.ok(metadata.split('\u3000\u3000').includes(`${name}：${h.value}`), `${name}：${h.value} is in the metadata row “${metadata}”`);
      }
      assert.strictEqual(metadata.split('\u3000\u3000').filter((p) => p).length, fields.length, 'one part per header field');
      const notice = paragraphs(doc.note ?? '');
      assert.deepStrictEqual(above.slice(fields.length ? 2 : 1), notice.map((p, i) => (i === 0 ? `说明：${p}` : p)));

      const after = sheetLines(sheet, header + tableRows(doc).length + 1).filter((l) => l);
      const expected = [
        ...(doc.glossary.length ? ['名词解释', ...doc.glossary.map((g) => `${g.term}：${g.definition}`)] : []),
        ...doc.notes.flatMap((n) => [n.name, ...paragraphs(n.text)]),
      ];
      assert.deepStrictEqual(after, expected);
    });
  }

  it('drops characters XML cannot hold, so Excel opens the file', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(arrayBuffer(await renderXlsx(buildAnalysis(xssTable()))));
    const texts: string[] = [];
    workbook.getWorksheet('表格')!.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    assert.ok(texts.includes('控制字符与'));
  });
});

describe('Word export', () => {
  async function documentXml(analysis: Analysis): Promise<string> {
    const zip = await JSZip.loadAsync(await renderDocx(analysis));
    return zip.file('word/document.xml')!.async('string');
  }

  function text(xml: string): string {
    return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  }

  it('is a landscape A4 table with the title, a repeating header row and spanning chapter rows', async () => {
    const analysis = buildAnalysis(SMALL_TABLE);
    const xml = await documentXml(analysis);
    assert.match(xml, /<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    const rows = [...xml.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
    assert.strictEqual(rows.length, 1 + tableRows(analysis.document).length);
    assert.match(rows[0], /<w:tblHeader\/>/, 'the header row repeats on every page');
    assert.ok(rows.slice(1).every((r) => !r.includes('<w:tblHeader')), 'only the header row repeats');
    const spanning = rows.filter((r) => r.includes('<w:gridSpan w:val="7"/>')).map((r) => text(r));
    assert.deepStrictEqual(spanning, ['一、主要预期目标', '二、加快推进科技创新', '（一）推动有效投资持续增长。', '其他工作']);
    assert.match(rows[0], /w:eastAsia="黑体"/);
    assert.ok(text(xml).startsWith(`${analysis.document.title}\n`), 'the title comes first');
    const all = text(xml);
    for (const t of expectedTexts(analysis)) assert.ok(all.includes(t), `${t} is in the document`);
  });

  for (const c of CASES) {
    it(`${c.name}: every task, unit and leader is in the Word table, under one repeating header row`, async () => {
      const analysis = await c.analysis();
      const xml = await documentXml(analysis);
      const rows = [...xml.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
      assert.strictEqual(rows.length, 1 + tableRows(analysis.document).length);
      assert.deepStrictEqual(
        rows.map((r, i) => [i, r.includes('<w:tblHeader/>')]).filter(([, header]) => header),
        [[0, true]],
      );
      const all = text(xml);
      for (const t of expectedTexts(analysis)) assert.ok(all.includes(t), `${t} is in the document`);
    });
  }

  it('sets 仿宋 as the body font', async () => {
    const zip = await JSZip.loadAsync(await renderDocx(buildAnalysis(SMALL_TABLE)));
    const styles = await zip.file('word/styles.xml')!.async('string');
    assert.match(styles, /<w:docDefaults>[\s\S]*w:eastAsia="仿宋"[\s\S]*<\/w:docDefaults>/);
  });

  it('keeps payloads as text and drops characters XML cannot hold', async () => {
    const xml = await documentXml(buildAnalysis(xssTable()));
    assert.ok(!/[\u0000-\u0008]/.test(xml));
    const all = text(xml);
    for (const payload of XSS_PAYLOADS.filter((p) => !/[\u0000-\u001f\uffff]/.test(p))) assert.ok(all.includes(payload), payload);
  });
});

describe('exports of a 10,000-task document', () => {
  it('writes every task to each format', async function () {
    this.timeout(300000);
    const analysis = buildAnalysis(largeTable(10000));
    const rows = tableRows(analysis.document).length;
    const times: string[] = [];
    const timed = async <T>(name: string, run: () => T | Promise<T>): Promise<T> => {
      const start = Date.now();
      const result = await run();
      times.push(`${name} ${Date.now() - start} ms`);
      return result;
    };
    const csv = await timed('csv', () => renderCsv(analysis));
    assert.strictEqual(csv.split('\r\n').length - 2, rows, 'a CSV line per row after the header');
    const html = await timed('html', () => renderHtml(analysis));
    assert.strictEqual(html.match(/<tr>/g)!.length, 10000 + 1);
    const md = await timed('md', () => renderMarkdown(analysis));
    assert.ok(md.includes('| 10000 | 第10000项重点工作'));

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(arrayBuffer(await timed('xlsx', () => renderXlsx(analysis))));
    assert.strictEqual(workbook.getWorksheet('表格')!.rowCount, 2 + rows);
    assert.strictEqual(workbook.getWorksheet('指标汇总')!.rowCount, 1 + 10000);

    const zip = await JSZip.loadAsync(await timed('docx', () => renderDocx(analysis)));
    const xml = await zip.file('word/document.xml')!.async('string');
    assert.strictEqual(xml.match(/<w:tr>/g)!.length, 1 + rows);
    console.log(`      10,000 tasks: ${times.join(', ')}`);
  });
});

describe('exporters table', () => {
  it('offers each format with its extension', async () => {
    const analysis = buildAnalysis(SMALL_TABLE);
    for (const [format, exporter] of Object.entries(EXPORTERS)) {
      const output = await exporter.render(analysis);
      assert.ok(output.length > 0, format);
      assert.strictEqual(exporter.extension, `.${format}`);
    }
  });
});
