// The ReDoS lint (`npm run lint:regex`): only the two rules of eslint-plugin-regexp that find
// regular expressions whose matching time grows faster than the input, over every source that
// runs on a user's text. The TextMate grammars' patterns are JSON; scripts/lint-regex/textmate.mjs
// puts them through the same rules. Inline `eslint-disable` comments are ignored: a pattern the
// lint flags is rewritten, not silenced.
import tsParser from '@typescript-eslint/parser';
import regexp from 'eslint-plugin-regexp';

export const redosRules = {
  'regexp/no-super-linear-backtracking': 'error',
  'regexp/no-super-linear-move': 'error',
};

export default [
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.e2e/**', 'test-results/**', 'tests/**', 'e2e/**', '**/generated/**'] },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    languageOptions: { parser: tsParser, sourceType: 'module' },
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
    plugins: { regexp },
    rules: redosRules,
  },
];
