/**
 * The extension's static parts agree with each other and with the client code: every `%key%` of
 * package.json is translated in both package.nls files, every `vscode.l10n.t` string of client/src
 * has its Chinese translation, every contributed command is registered (and every menu names a
 * contributed command), the files the manifest points at exist, and the language configuration
 * treats Chinese punctuation as the word boundaries of unit lists.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { SEMANTIC_TOKENS_LEGEND } from '../server/src/protocol';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const json = (file: string) => JSON.parse(read(file));

const manifest = json('package.json');
const contributes = manifest.contributes;
const clientSources = fs
  .readdirSync(path.join(ROOT, 'client', 'src'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => read(path.join('client', 'src', f)))
  .join('\n');

function nlsKeys(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const m = /^%(.+)%$/.exec(value);
    if (m) out.add(m[1]);
  } else if (Array.isArray(value)) value.forEach((v) => nlsKeys(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => nlsKeys(v, out));
  return out;
}

/** The first argument of every `l10n.t('…')` call, unescaped. */
function l10nStrings(source: string): Set<string> {
  const out = new Set<string>();
  for (const m of source.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) out.add(m[1].replace(/\\(.)/g, '$1'));
  return out;
}

describe('extension manifest', () => {
  describe('localization', () => {
    const english = json('package.nls.json');
    const chinese = json('package.nls.zh-cn.json');

    it('translates every %key% of package.json in English and Chinese', () => {
      const keys = [...nlsKeys(manifest)];
      assert.ok(keys.length > 20, `only ${keys.length} localized keys`);
      assert.deepStrictEqual(keys.filter((k) => !(k in english)), [], 'missing in package.nls.json');
      assert.deepStrictEqual(keys.filter((k) => !(k in chinese)), [], 'missing in package.nls.zh-cn.json');
    });

    it('keeps the two package.nls files to the same keys, all used', () => {
      const used = nlsKeys(manifest);
      assert.deepStrictEqual(Object.keys(chinese).sort(), Object.keys(english).sort());
      assert.deepStrictEqual(Object.keys(english).filter((k) => !used.has(k)), [], 'unused keys in package.nls.json');
    });

    it('has a Chinese translation for every vscode.l10n.t string of the client, and no stale one', () => {
      const bundle = json(path.join(manifest.l10n, 'bundle.l10n.zh-cn.json'));
      const strings = l10nStrings(clientSources);
      assert.ok(strings.size > 20, `only ${strings.size} strings found`);
      assert.deepStrictEqual([...strings].filter((s) => !(s in bundle)), [], 'untranslated');
      assert.deepStrictEqual(Object.keys(bundle).filter((s) => !strings.has(s)), [], 'stale translations');
      for (const [english, translated] of Object.entries(bundle) as [string, string][]) {
        const placeholders = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort().join();
        assert.strictEqual(placeholders(translated), placeholders(english), `placeholders of "${english}"`);
      }
    });
  });

  describe('commands', () => {
    const contributed: string[] = contributes.commands.map((c: { command: string }) => c.command);

    it('registers every contributed command in client/src', () => {
      const exportCommands = /EXPORT_COMMANDS[^=]*=\s*\{([^}]*)\}/.exec(clientSources)?.[1] ?? '';
      const registered = new Set([
        ...[...clientSources.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]),
        ...[...exportCommands.matchAll(/'([^']+)':/g)].map((m) => m[1]),
      ]);
      assert.deepStrictEqual(contributed.filter((c) => !registered.has(c)), []);
    });

    it('names only contributed commands in menus and key bindings', () => {
      const named = [
        ...Object.values(contributes.menus as Record<string, { command?: string }[]>).flatMap((items) => items.map((i) => i.command)),
        ...contributes.keybindings.map((k: { command: string }) => k.command),
      ].filter((c): c is string => c !== undefined);
      assert.deepStrictEqual(named.filter((c) => !contributed.includes(c)), []);
    });

    it('offers the preview on the editor title of a Fenjie document', () => {
      const item = contributes.menus['editor/title'].find((i: { command?: string }) => i.command === 'fenjie.showPreviewToSide');
      assert.ok(item && item.group === 'navigation' && /editorLangId == fenjie/.test(item.when));
    });
  });

  describe('semantic tokens', () => {
    /** Token types and modifiers VS Code knows without a contribution. */
    const STANDARD = new Set(['number', 'string', 'keyword', 'type', 'function', 'variable', 'property', 'declaration', 'readonly']);

    it('contributes every token type and modifier of the server legend, with a TextMate fallback for each type', () => {
      const types = contributes.semanticTokenTypes.map((t: { id: string }) => t.id);
      const modifiers = contributes.semanticTokenModifiers.map((m: { id: string }) => m.id);
      assert.deepStrictEqual(SEMANTIC_TOKENS_LEGEND.tokenTypes.filter((t) => !STANDARD.has(t) && !types.includes(t)), []);
      assert.deepStrictEqual(SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((m) => !STANDARD.has(m) && !modifiers.includes(m)), []);
      for (const { scopes } of contributes.semanticTokenScopes) {
        assert.deepStrictEqual(SEMANTIC_TOKENS_LEGEND.tokenTypes.filter((t) => !scopes[t]), []);
      }
    });
  });

  describe('files', () => {
    it('points at files that exist', () => {
      const files = [
        manifest.icon,
        ...contributes.grammars.map((g: { path: string }) => g.path),
        ...contributes.languages.flatMap((l: { configuration: string; icon: { light: string; dark: string } }) => [l.configuration, l.icon.light, l.icon.dark]),
      ];
      for (const file of files) assert.ok(fs.existsSync(path.join(ROOT, file)), file);
    });

    it('declares each grammar under the scope name its file has', () => {
      for (const g of contributes.grammars) assert.strictEqual(json(g.path).scopeName, g.scopeName);
    });

    it('gives language defaults only for contributed languages', () => {
      const languages = contributes.languages.map((l: { id: string }) => `[${l.id}]`);
      assert.deepStrictEqual(Object.keys(contributes.configurationDefaults).sort(), languages.sort());
    });

    it('keeps the VSIX to the built files', () => {
      const ignore = read('.vscodeignore').split('\n');
      assert.ok(ignore.includes('**'), 'everything is left out unless listed');
      for (const kept of ['!dist/client.js', '!dist/server.js', '!dist/node_modules/**', '!dist/dict/**', '!dist/registries/**', '!dist/media/**', '!syntaxes/*.tmLanguage.json', '!l10n/*.json']) {
        assert.ok(ignore.includes(kept), kept);
      }
    });
  });

  describe('Chinese words', () => {
    const configuration = json('language-configuration.json');
    const words = (text: string) => text.match(new RegExp(configuration.wordPattern, 'g')) ?? [];

    it('takes a unit in a list as the word under the cursor, without a trailing 等', () => {
      assert.deepStrictEqual(words('   配合单位：省工业和信息化厅、省商务厅等，各市人民政府'), ['配合单位', '省工业和信息化厅', '省商务厅', '各市人民政府']);
      assert.deepStrictEqual(words('牵头单位：省数据局(省营商局)'), ['牵头单位', '省数据局(省营商局)']);
      assert.deepStrictEqual(words('资质等级建筑业企业'), ['资质等级建筑业企业']);
    });

    it('separates words at Chinese punctuation on double click, and keeps 5.5% whole', () => {
      const separators: string = contributes.configurationDefaults['[fenjie]']['editor.wordSeparators'];
      for (const c of '、，。：；“”【】') assert.ok(separators.includes(c), c);
      for (const c of '.%') assert.ok(!separators.includes(c), c);
      // Intl segmentation would cut 王健 into 王|健: it stays off for Fenjie documents.
      assert.deepStrictEqual(contributes.configurationDefaults['[fenjie]']['editor.wordSegmenterLocales'], []);
    });

    it('indents the line after a task to the field column, but not after 1.5万户', () => {
      const rule = configuration.onEnterRules[0];
      assert.strictEqual(rule.action.appendText, '   ');
      assert.ok(new RegExp(rule.beforeText).test('12. 地区生产总值增长5.5%左右。'));
      assert.ok(new RegExp(rule.beforeText).test('１２．持续开展活动。'));
      assert.ok(!new RegExp(rule.beforeText).test('1.5万户居民'));
    });
  });
});
