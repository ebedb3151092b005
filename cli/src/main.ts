/**
 * The `fenjie` command line: check, render, import, registry infer. A thin host over the core:
 * it reads files, loads registries and the tokenizer, prints. Every failure is one line naming
 * the file and what to do; exit codes: 0 clean, 1 errors found, 2 bad usage or unreadable input.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { analyze, registryPathsOf } from '../../core/src/analyze';
import { localeOf, type Locale } from '../../core/src/messages';
import type { Analysis, Diagnostic } from '../../core/src/model';
import type { Registry } from '../../core/src/registry';
import { bigramTokenizer, type Tokenizer } from '../../core/src/tokenizer';
import { readTextFile } from '../../host/src/files';
import { addWords, jiebaTokenizer } from '../../host/src/jieba';
import { isRegistryFile, loadBuiltinRegistries, loadRegistryFile } from '../../host/src/registries';
import { nodeIo, type CliIo } from './io';
import { toSarif } from './sarif';

const USAGE = `fenjie — 分解表语言工具 / tooling for task breakdown tables

用法 / Usage:
  fenjie check <文件或文件夹…> [--format text|json|sarif] [--lang zh|en] [--registry <单位库>]…
  fenjie render <文件> [--format md|json|html|csv|xlsx|docx] [--out <文件>] [--lang zh|en]
  fenjie import <文件> [--from auto|text|tsv|docx|xlsx] [--registry <单位库>] [--out <文件>]
  fenjie registry infer <文档…> [--jurisdiction <辖区>] [--out <文件>]
  fenjie --help | --version

check 发现错误时退出码为 1 / check exits 1 when it finds errors.`;

export interface ParsedArgs {
  positional: string[];
  options: Map<string, string[]>;
}

/** `--name value` and `--name=value`; flags listed in `booleans` take no value. */
export function parseArgs(args: string[], booleans: string[] = []): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2);
      const value = inline ?? (booleans.includes(name) ? 'true' : args[++i]);
      if (value === undefined) throw new UsageError(`--${name} 需要一个值 / --${name} needs a value`);
      options.set(name, [...(options.get(name) ?? []), value]);
    } else positional.push(arg);
  }
  return { positional, options };
}

export class UsageError extends Error {}

function option(parsed: ParsedArgs, name: string, allowed?: string[]): string | undefined {
  const value = parsed.options.get(name)?.at(-1);
  if (value !== undefined && allowed && !allowed.includes(value)) {
    throw new UsageError(`--${name} 只能是 / must be one of: ${allowed.join(', ')}（收到 / got "${value}"）`);
  }
  return value;
}

export function localeFrom(parsed: ParsedArgs): Locale {
  return localeOf(option(parsed, 'lang', ['zh', 'en']) ?? process.env.FENJIE_LANG ?? process.env.LC_ALL ?? process.env.LANG);
}

/** nodejieba when it loads, bigrams otherwise (the core works with either). */
function tokenizerFor(registries: readonly Registry[]): Tokenizer {
  try {
    addWords(registries.flatMap((r) => r.units.flatMap((u) => [u.name, u.fullName ?? '', ...u.shortNames, ...u.aliases])));
    return jiebaTokenizer();
  } catch {
    return bigramTokenizer;
  }
}

/** Every .fenjie file under the given paths, registries included, sorted for stable output. */
async function collectFiles(paths: string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = async (p: string): Promise<void> => {
    let stat;
    try {
      stat = await fs.stat(p);
    } catch {
      missing.push(p);
      return;
    }
    if (stat.isDirectory()) {
      const entries = (await fs.readdir(p)).sort();
      for (const e of entries) if (!e.startsWith('.') && e !== 'node_modules') await walk(path.join(p, e));
    } else if (p.endsWith('.fenjie') || paths.includes(p)) files.push(p);
  };
  for (const p of paths) await walk(p);
  return { files, missing };
}

interface LoadedDocument {
  file: string;
  analysis: Analysis;
}

/** Analyses one document file with the registries it names, or the extra/shipped ones. */
async function analyzeFile(file: string, extra: Registry[], builtin: Registry[], tokenizers: Map<string, Tokenizer>): Promise<LoadedDocument | { file: string; error: string; message: { zh: string; en: string } }> {
  const read = await readTextFile(file);
  if (!read.ok) return { file, error: 'read', message: read.message };
  const named = registryPathsOf(read.text);
  let registries: Registry[] = extra.length ? extra : builtin;
  const problems: Diagnostic[] = [];
  if (named.length) {
    registries = [];
    for (const relative of named) {
      const load = await loadRegistryFile(path.resolve(path.dirname(file), relative), relative);
      if (load.ok) registries.push(load.registry);
      else problems.push(missingRegistry(read.text, relative, load.message));
    }
  }
  const key = registries.map((r) => r.uri).join('|');
  let tokenizer = tokenizers.get(key);
  if (!tokenizer) {
    tokenizer = tokenizerFor(registries);
    tokenizers.set(key, tokenizer);
  }
  const analysis = analyze(read.text, { uri: file, registries, explicitRegistries: named.length > 0 || extra.length > 0, tokenizer });
  analysis.diagnostics.unshift(...problems);
  return { file, analysis };
}

/** FJ808 on the `单位库：` line that names a registry the host could not load. */
function missingRegistry(text: string, relative: string, message: { zh: string; en: string }): Diagnostic {
  const lines = text.split(/\r\n|\r|\n/);
  const line = Math.max(0, lines.findIndex((l) => /^\s*单位库\s*[:：]/.test(l) && l.includes(relative)));
  const character = Math.max(0, lines[line]?.indexOf(relative) ?? 0);
  return {
    code: 'FJ808',
    severity: 'error',
    message: { zh: `${message.zh}请检查“单位库：”中的路径（相对于本文件）。`, en: `${message.en} Check the 单位库： path (relative to this file).` },
    range: { start: { line, character }, end: { line, character: character + relative.length } },
  };
}

function formatText(file: string, d: Diagnostic, locale: Locale): string {
  return `${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message[locale]}`;
}

/** The JSON form of a diagnostic: positions 1-based like the text form, message in one language. */
export function diagnosticJson(d: Diagnostic, locale: Locale): object {
  return {
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: d.severity,
    code: d.code,
    message: d.message[locale],
    ...(d.related ? { related: d.related.map((r) => ({ line: r.range.start.line + 1, column: r.range.start.character + 1, message: r.message[locale] })) } : {}),
    ...(d.fixes?.length ? { fixes: d.fixes.map((f) => f.title[locale]) } : {}),
  };
}

async function check(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  const format = option(parsed, 'format', ['text', 'json', 'sarif']) ?? 'text';
  const locale = localeFrom(parsed);
  if (parsed.positional.length === 0) throw new UsageError('check 需要文件或文件夹 / check needs files or folders');
  const { files, missing } = await collectFiles(parsed.positional);
  let failed = missing.length > 0;
  for (const m of missing) io.stderr(locale === 'zh' ? `${m}：文件或文件夹不存在。\n` : `${m}: no such file or folder.\n`);

  const extra: Registry[] = [];
  for (const r of parsed.options.get('registry') ?? []) {
    const load = await loadRegistryFile(r);
    if (load.ok) extra.push(load.registry);
    else {
      io.stderr(load.message[locale] + '\n');
      return 2;
    }
  }
  const builtin = await loadBuiltinRegistries();
  const tokenizers = new Map<string, Tokenizer>();
  const results: { file: string; diagnostics: Diagnostic[] }[] = [];
  for (const file of files) {
    if (isRegistryFile(file)) {
      const load = await loadRegistryFile(file);
      if (load.ok) results.push({ file, diagnostics: load.registry.diagnostics });
      else {
        io.stderr(load.message[locale] + '\n');
        failed = true;
      }
      continue;
    }
    const result = await analyzeFile(file, extra, builtin, tokenizers);
    if ('error' in result) {
      io.stderr(result.message[locale] + '\n');
      failed = true;
      continue;
    }
    results.push({ file, diagnostics: result.analysis.diagnostics });
  }
  const display = (f: string) => path.relative(process.cwd(), f).split(path.sep).join('/') || f;
  if (format === 'json') {
    io.stdout(JSON.stringify(results.map((r) => ({ file: display(r.file), diagnostics: r.diagnostics.map((d) => diagnosticJson(d, locale)) })), null, 2) + '\n');
  } else if (format === 'sarif') {
    io.stdout(JSON.stringify(toSarif(results.map((r) => ({ file: display(r.file), diagnostics: r.diagnostics })), locale), null, 2) + '\n');
  } else {
    for (const r of results) for (const d of r.diagnostics) io.stdout(formatText(display(r.file), d, locale) + '\n');
    const counts = { error: 0, warning: 0, info: 0, hint: 0 };
    for (const r of results) for (const d of r.diagnostics) counts[d.severity]++;
    io.stderr(
      locale === 'zh'
        ? `检查了 ${results.length} 个文件：${counts.error} 个错误，${counts.warning} 个警告，${counts.info + counts.hint} 个提示。\n`
        : `Checked ${results.length} file(s): ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info + counts.hint} note(s).\n`,
    );
  }
  const errors = results.some((r) => r.diagnostics.some((d) => d.severity === 'error'));
  return errors ? 1 : failed ? 2 : 0;
}

async function render(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  const format = option(parsed, 'format', ['md', 'json', 'html', 'csv', 'xlsx', 'docx']) ?? 'md';
  const locale = localeFrom(parsed);
  const out = option(parsed, 'out');
  if (parsed.positional.length !== 1) throw new UsageError('render 需要一个文件 / render takes exactly one file');
  const file = parsed.positional[0];
  const extra: Registry[] = [];
  for (const r of parsed.options.get('registry') ?? []) {
    const load = await loadRegistryFile(r);
    if (!load.ok) {
      io.stderr(load.message[locale] + '\n');
      return 2;
    }
    extra.push(load.registry);
  }
  const result = await analyzeFile(file, extra, await loadBuiltinRegistries(), new Map());
  if ('error' in result) {
    io.stderr(result.message[locale] + '\n');
    return 2;
  }
  const output = await renderAs(format, result.analysis);
  if ((format === 'xlsx' || format === 'docx') && !out) {
    throw new UsageError(`--format ${format} 需要 --out <文件> / --format ${format} needs --out <file>`);
  }
  if (out) await io.writeFile(out, output);
  else io.stdout(typeof output === 'string' ? output : Buffer.from(output).toString('utf8'));
  return 0;
}

async function renderAs(format: string, analysis: Analysis): Promise<string | Uint8Array> {
  if (format === 'json') return JSON.stringify(analysis.document, null, 2) + '\n';
  // The exporters pull in exceljs and docx: loaded only when asked for.
  const { EXPORTERS, isExportFormat } = await import('../../exports/src/index');
  if (!isExportFormat(format)) throw new UsageError(`未知格式 / unknown format "${format}"`);
  return EXPORTERS[format].render(analysis);
}

export async function main(args: string[], io: CliIo = nodeIo): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'check':
        return await check(rest, io);
      case 'render':
        return await render(rest, io);
      case 'import':
        return await (await import('./import-command')).run(rest, io);
      case 'registry':
        if (rest[0] !== 'infer') throw new UsageError('用法 / usage: fenjie registry infer <文档…>');
        return await (await import('./registry-command')).run(rest.slice(1), io);
      case '--version':
      case '-v':
        io.stdout(JSON.parse(await fs.readFile(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')).version + '\n');
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.stdout(USAGE + '\n');
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`未知命令 / unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`fenjie: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
}
