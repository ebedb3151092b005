/**
 * Settings as the client sends them: nested or dotted keys, wrong shapes falling back to the
 * defaults, severities normalised; resolved per document and forgotten on change.
 */
import * as assert from 'assert';
import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, normalizeSettings, Settings } from '../../server/src/settings';

describe('server: settings', () => {
  it('reads every setting, whatever the shape the client sends', () => {
    assert.deepStrictEqual(
      normalizeSettings({ registries: ['a.units.fenjie', 3, ''], severity: { fj101: 'Warning', FJ102: 'off', FJ103: 'loud', FJ104: 'information' }, preferredNameForm: '简称', diagnostics: { debounceMs: 80.4 } }),
      { registries: ['a.units.fenjie'], severity: { FJ101: 'warning', FJ102: 'off', FJ104: 'info' }, preferredNameForm: '简称', debounceMs: 80 },
    );
    assert.strictEqual(normalizeSettings({ 'diagnostics.debounceMs': 99999 }).debounceMs, 5000);
    for (const junk of [null, undefined, 42, 'x', [], { severity: 'all', registries: 'a', preferredNameForm: 'long', diagnostics: { debounceMs: 'soon' } }]) {
      assert.deepStrictEqual(normalizeSettings(junk), DEFAULT_SETTINGS);
    }
  });

  it('asks the client once per document, with the document as scope, until told the settings changed', async () => {
    const asked: unknown[] = [];
    const connection = {
      workspace: { getConfiguration: async (item: unknown) => (asked.push(item), { preferredNameForm: '全称' }) },
      console: { warn: () => undefined },
    } as unknown as Connection;
    const settings = new Settings(connection, true);
    assert.strictEqual((await settings.get('file:///a.fenjie')).preferredNameForm, '全称');
    await settings.get('file:///a.fenjie');
    assert.deepStrictEqual(asked, [{ scopeUri: 'file:///a.fenjie', section: 'fenjie' }]);
    settings.forget();
    await settings.get('file:///a.fenjie');
    assert.strictEqual(asked.length, 2);
    assert.deepStrictEqual(await new Settings(connection, false).get('file:///b.fenjie'), DEFAULT_SETTINGS, 'a client without workspace/configuration gets the defaults');
  });
});
