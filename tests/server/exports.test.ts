/**
 * `fenjie/export` on the real server over stdio: the document as it is in the editor (unsaved
 * edits included) rendered as each format, the bytes read back; null for a document the server
 * does not know, an error for a format it does not have.
 */
import * as assert from 'assert';
import ExcelJS from 'exceljs';
import { readFileSync } from 'fs';
import { fromRoot } from '../helpers/expected';
import { TestClient } from './client';

const SAMPLE = readFileSync(fromRoot('samples', '003-tiexi-2024.fenjie'), 'utf8');
const URI = 'file:///export-test/003.fenjie';

describe('server: exports', function () {
  this.timeout(60000);
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ locale: 'zh-CN' });
    client.open(URI, SAMPLE);
    await client.current(URI);
  });
  after(() => client.stop());

  const exported = async (format: string) => {
    const file = await client.request<{ base64: string } | null>('fenjie/export', { uri: URI, format });
    return file && Buffer.from(file.base64, 'base64');
  };

  it('renders text formats as UTF-8, with the unsaved edits', async () => {
    const line = SAMPLE.split('\n').findIndex((l) => /^1[.．]/.test(l));
    client.change(URI, [{ range: { start: { line, character: 3 }, end: { line, character: 3 } }, text: '（已修改）' }]);
    await client.current(URI);
    const csv = (await exported('csv'))!;
    assert.deepStrictEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'CSV keeps its byte order mark');
    assert.ok(csv.toString('utf8').includes('（已修改）'));
    assert.ok((await exported('html'))!.toString('utf8').includes('（已修改）'));
  });

  it('renders Excel and Word files that read back with every task', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array((await exported('xlsx'))!).buffer as ArrayBuffer);
    const cells: string[] = [];
    workbook.worksheets[0].eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
    const tasks = SAMPLE.split('\n').filter((l) => /^\d+[.．]/.test(l)).length;
    const numbered = cells.filter((c) => /^\d+$/.test(c)).length;
    assert.ok(numbered >= tasks, `${numbered} numbered cells for ${tasks} tasks`);
    assert.strictEqual((await exported('docx'))!.subarray(0, 2).toString(), 'PK');
  });

  it('answers null for a document it does not know and an error for an unknown format', async () => {
    assert.strictEqual(await client.request('fenjie/export', { uri: 'file:///nowhere.fenjie', format: 'csv' }), null);
    await assert.rejects(client.request('fenjie/export', { uri: URI, format: 'pdf' }), /unknown export format/);
  });
});
