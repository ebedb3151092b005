/**
 * The Word export as the export command runs it (exports/src/docx.ts): rows written from their
 * shape are the `docx` package's own rows, byte for byte (every part of the file but the
 * timestamps in docProps/core.xml), on the samples, on hostile text and on a table with cells of
 * several lines; and 10,000 tasks take a few seconds, not tens.
 */
import * as assert from 'assert';
import JSZip = require('jszip');
import type { Analysis } from '../../core/src/model';
import { renderDocx } from '../../exports/src/docx';
import { buildAnalysis, largeTable, SAMPLES, sampleAnalysis, SMALL_TABLE, xssTable } from '../render-support';

/** Every file of the package but the one holding the time it was written. */
async function parts(docx: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(docx);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort()) if (name !== 'docProps/core.xml' && !zip.files[name].dir) out[name] = await zip.files[name].async('string');
  return out;
}

describe('Word export: rows from shapes', function () {
  this.timeout(120000);

  const multiline = buildAnalysis({
    ...SMALL_TABLE,
    chapters: [
      ...SMALL_TABLE.chapters,
      { numeral: '五', title: '多行', tasks: [{ number: '9', text: '第一行\n第二行', lead: ['区人社局'], remark: '备注一\n备注二\n备注三', deadline: '' }] },
    ],
  });

  it('writes what the package writes row by row, for every sample, hostile text and cells of several lines', async () => {
    const cases: [string, Analysis][] = [
      ['small', buildAnalysis(SMALL_TABLE)],
      ['xss', buildAnalysis(xssTable())],
      ['multiline', multiline],
      ...(await Promise.all(SAMPLES.map(async (name) => [name, await sampleAnalysis(name)] as [string, Analysis]))),
    ];
    for (const [name, analysis] of cases) {
      assert.deepStrictEqual(await parts(await renderDocx(analysis)), await parts(await renderDocx(analysis, { rowByRow: true })), name);
    }
  });

  it('writes 10,000 tasks in a few seconds, and the same file as row by row', async () => {
    const analysis = buildAnalysis(largeTable(10000));
    let start = Date.now();
    const shaped = await renderDocx(analysis);
    const shapedMs = Date.now() - start;
    start = Date.now();
    const rowByRow = await renderDocx(analysis, { rowByRow: true });
    const rowByRowMs = Date.now() - start;
    console.log(`      docx, 10,000 tasks: ${shapedMs} ms from shapes, ${rowByRowMs} ms row by row`);
    assert.deepStrictEqual(await parts(shaped), await parts(rowByRow));
    assert.ok(shapedMs < 10000, `took ${shapedMs} ms`);
  });
});
