// The ReDoS lint for the TextMate grammars (syntaxes/*.tmLanguage.json): their patterns are JSON
// strings, which ESLint never sees, so each becomes a regex in a generated module and goes through
// the same rules as the sources (eslint.regex.config.mjs). VS Code runs these patterns on every
// line the user types, so one super-linear pattern freezes highlighting.
//
// Before linting, the script shows that the lint still bites: known-bad patterns (a quoted span
// whose body may contain its opening mark, nested quantifiers, trailing white space, a value
// between white space runs that can trade characters with it) must be flagged both as a grammar
// pattern and as a regex literal in TypeScript; if the rules ever stop flagging them (a plugin
// upgrade, a config change), the lint fails instead of passing silently.
//
// Usage: node scripts/lint-regex/textmate.mjs [grammar.json…]   (exit 1 on findings)
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import regexp from 'eslint-plugin-regexp';
import { redosRules } from '../../eslint.regex.config.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PATTERN_KEYS = new Set(['match', 'begin', 'end', 'while']);
const linter = new Linter({ configType: 'flat' });
const config = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { regexp }, rules: redosRules }];

/** Every pattern of a grammar with its JSON path. */
function patternsOf(node, at = '') {
  if (Array.isArray(node)) return node.flatMap((child, i) => patternsOf(child, `${at}/${i}`));
  if (node && typeof node === 'object') {
    return Object.entries(node).flatMap(([key, value]) =>
      PATTERN_KEYS.has(key) && typeof value === 'string' ? [{ path: `${at}/${key}`, source: value }] : patternsOf(value, `${at}/${key}`),
    );
  }
  return [];
}

/**
 * Oniguruma syntax as JavaScript, erring on the side of more backtracking so the lint stays sound:
 * atomic groups and possessive quantifiers (which forbid backtracking) become plain ones.
 * Returns undefined for syntax with no JavaScript counterpart, which is then reported.
 */
function toJavaScript(source) {
  if (/\\[GKRXyY]|\(\?[imx-]+[):]|\\p\{\^|\[\[:|\\h|\\H/.test(source)) return undefined;
  return source
    .replace(/\\A/g, '^')
    .replace(/\\[zZ]/g, '$')
    .replace(/\(\?>/g, '(?:')
    .replace(/([*+?}])\+/g, '$1');
}

/** The problems of a grammar's patterns, as messages naming the JSON path. */
function lintGrammar(grammar, name) {
  const patterns = patternsOf(grammar);
  const problems = [];
  const lines = patterns.map((p) => {
    const js = toJavaScript(p.source);
    if (js === undefined) {
      problems.push(`${name} ${p.path}: Oniguruma-only syntax, cannot be checked: ${p.source}`);
      return '';
    }
    try {
      new RegExp(js, 'u');
    } catch (error) {
      problems.push(`${name} ${p.path}: not a valid pattern (${error.message}): ${p.source}`);
      return '';
    }
    // One regex per line, so a message's line number is the pattern's index.
    return `export const p = new RegExp(${JSON.stringify(js)}, 'u');`;
  });
  for (const m of linter.verify(lines.join('\n'), config, { filename: 'grammar-patterns.ts' })) {
    const pattern = patterns[m.line - 1];
    problems.push(`${name} ${pattern?.path ?? `line ${m.line}`}: ${m.message} [${m.ruleId}]\n    ${pattern?.source ?? ''}`);
  }
  return { checked: patterns.length, problems };
}

function selfTest() {
  const bad = ['(「)([^」]*)(」)', '^(a+)+b', '[ \\t]+$', '^(x)[ \\t]*(.*?)[ \\t]*$'];
  const grammar = lintGrammar({ patterns: bad.map((match) => ({ match })) }, 'self-test.tmLanguage.json');
  const source = linter.verify(bad.map((b) => `export const r = /${b}/;`).join('\n'), config, { filename: 'self-test.ts' });
  const flagged = (lines) => new Set(lines).size;
  const grammarLines = grammar.problems.map((p) => p.match(/\/patterns\/(\d+)/)?.[1]);
  if (flagged(grammarLines) !== bad.length || flagged(source.map((m) => m.line)) !== bad.length) {
    console.error(`self-test: the lint no longer flags known super-linear patterns:\n${grammar.problems.join('\n')}\n${source.map((m) => m.message).join('\n')}`);
    return false;
  }
  console.log(`self-test: the lint flags all ${bad.length} known super-linear patterns, in a grammar and in TypeScript.`);
  return true;
}

const files = process.argv.length > 2 ? process.argv.slice(2) : readdirSync(path.join(root, 'syntaxes')).filter((f) => f.endsWith('.tmLanguage.json')).map((f) => path.join(root, 'syntaxes', f));
let failed = !selfTest();
let checked = 0;
let problems = 0;
for (const file of files) {
  const result = lintGrammar(JSON.parse(readFileSync(file, 'utf8')), path.relative(root, file));
  checked += result.checked;
  problems += result.problems.length;
  for (const p of result.problems) console.error(p);
}
console.log(`TextMate ReDoS lint: ${checked} patterns in ${files.length} grammars, ${problems} problems.`);
process.exitCode = failed || problems ? 1 : 0;
