/**
 * nodejieba stays off the critical path: the first diagnostics go out before it loads; then the
 * server reports the jieba tokenizer and checks again. A native failure falls back to bigrams.
 */
import * as assert from 'assert';
import { withFallback } from '../../server/src/jieba';
import { bigramTokenizer } from '../../core/src/tokenizer';
import { fixtureUri, readFixture, TestClient } from './client';

describe('server: nodejieba in the background', function () {
  this.timeout(120000);

  it('publishes the first diagnostics before loading jieba, then switches to it', async () => {
    const client = await TestClient.start({ jieba: true });
    try {
      const uri = fixtureUri('basic.fenjie');
      client.open(uri, readFixture('basic.fenjie'));
      await client.current(uri);
      const firstDiagnostics = client.notifications.findIndex((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === uri);
      const jiebaStatus = () => client.notifications.findIndex((n) => n.method === 'fenjie/status' && (n.params as { tokenizer: string }).tokenizer === 'jieba');
      assert.strictEqual(jiebaStatus(), -1, 'jieba was not ready before the first diagnostics');
      await client.notification<{ tokenizer: string }>('fenjie/status', (p) => p.tokenizer === 'jieba');
      assert.ok(firstDiagnostics >= 0 && firstDiagnostics < jiebaStatus());
      const again = await client.diagnostics(uri, (p) => client.published.indexOf(p) > 0);
      assert.ok(again.diagnostics.some((d) => d.code === 'FJ101'), 'checks run again with jieba');
    } finally {
      await client.stop();
    }
  });

  it('falls back to character pairs when the native tokenizer throws', () => {
    const native = {
      name: 'jieba',
      words: (text: string) => {
        if (text.includes('炸')) throw new Error('native failure');
        return [text];
      },
    };
    const tokenizer = withFallback(native, bigramTokenizer);
    assert.deepStrictEqual(tokenizer.words('推动发展'), ['推动发展']);
    assert.deepStrictEqual(tokenizer.words('炸弹'), bigramTokenizer.words('炸弹'));
    assert.strictEqual(tokenizer.name, 'jieba');
  });
});
