/**
 * `fenjie/previewUpdate` on the real server over stdio: the whole preview first, then the rows an
 * edit changed since the version the client names, views only when asked for, every row again for
 * a base it does not know (or after the document was closed), null for a document it does not
 * know. The payload of an edit is a few hundred bytes where the whole analysis is far larger.
 */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import type { PreviewPayload } from '../../exports/src/preview-sync';
import { fromRoot } from '../helpers/expected';
import { TestClient } from './client';

const SAMPLE = readFileSync(fromRoot('samples', '002-liaoning-2024.fenjie'), 'utf8');
const URI = 'file:///preview-test/002.fenjie';

describe('server: preview updates', function () {
  this.timeout(60000);
  let client: TestClient;
  before(async () => (client = await TestClient.start({ locale: 'zh-CN' })));
  after(() => client.stop());

  const preview = (params: Record<string, unknown>) => client.request<PreviewPayload | null>('fenjie/previewUpdate', { uri: URI, locale: 'zh', ...params });

  it('sends every row first, then only the rows an edit changed, from the version the client has', async () => {
    client.open(URI, SAMPLE);
    await client.current(URI);
    const full = (await preview({}))!;
    assert.strictEqual(full.base, undefined);
    assert.deepStrictEqual(Object.keys(full.lists!), ['table'], 'the views only when shown');
    const taskRows = full.lists!.table!.rows!.filter((row) => full.strings![row[2][0] as number] === 't');
    assert.strictEqual(taskRows.length, 228);

    // One character typed in the text of task 1 (line 16: `1. 地区生产总值增长5.5%左右。`).
    const line = SAMPLE.split('\n').findIndex((l) => l.startsWith('1. 地区生产总值'));
    client.change(URI, [{ range: { start: { line, character: 3 }, end: { line, character: 3 } }, text: '全省' }]);
    await client.current(URI);
    const delta = (await preview({ base: full.version }))!;
    assert.strictEqual(delta.base, full.version);
    // The edited row, and task 11, whose near-duplicate warning about task 1 changes with it.
    assert.deepStrictEqual(
      delta.lists!.table!.rows!.map((row) => delta.strings![row[2][1] as number]),
      ['1', '11'],
    );
    assert.ok(delta.strings!.includes('全省地区生产总值增长5.5%左右。'));
    const analysis = JSON.stringify(await client.request('fenjie/preview', { uri: URI }));
    const bytes = Buffer.byteLength(JSON.stringify(delta));
    assert.ok(bytes < 2000 && bytes * 100 < Buffer.byteLength(analysis), `${bytes} bytes for two rows, ${Buffer.byteLength(analysis)} for the analysis`);

    // Nothing changed since: the same version back, nothing else.
    assert.deepStrictEqual(await preview({ base: delta.version }), { version: delta.version, base: delta.version });
  });

  it('sends a view when it is shown, and every row for a base it does not know', async () => {
    const current = (await preview({}))!;
    const units = (await preview({ base: current.version, lists: ['units', 'nonsense'] }))!;
    assert.deepStrictEqual(Object.keys(units.lists!), ['units']);
    assert.ok(units.lists!.units!.rows!.length > 50);
    assert.strictEqual((await preview({ base: 'from-another-server.1' }))!.base, undefined);
  });

  it('forgets the versions of a closed document, and knows nothing of an unknown one', async () => {
    const before = (await preview({}))!;
    client.close(URI);
    assert.strictEqual(await client.request('fenjie/previewUpdate', { uri: 'file:///nowhere.fenjie', locale: 'zh' }), null);
    client.open(URI, SAMPLE);
    await client.current(URI);
    const again = (await preview({ base: before.version }))!;
    assert.strictEqual(again.base, undefined, 'every row again');
  });
});
