/**
 * `fenjie import <file> [--from auto|text|tsv|docx|xlsx] [--registry <path>]… [--out <file>]`:
 * a breakdown table into a Fenjie document, on stdout or into --out (written whole or not at all).
 * What the drafter should review goes to stderr as `file:line:col severity code message`. Without
 * --registry, the shipped registry that knows the document's units is used.
 */
import { parseDocument } from '../../grammar/src/index';
import { selectRegistries, unitCoverage } from '../../core/src/analyze';
import { RegistryIndex, type Registry } from '../../core/src/registry';
import { loadBuiltinRegistries, loadRegistryFile } from '../../host/src/registries';
import { importDocument, ImportError, type ImportFormat, type ImportResult } from '../../importer/src/index';
import type { CliIo } from './io';
import { localeFrom, parseArgs, UsageError } from './main';

const FORMATS: ImportFormat[] = ['auto', 'text', 'tsv', 'docx', 'xlsx'];

/** Share of the lead and cooperating unit names a registry resolves in an imported document. */
function coverage(text: string, registry: Registry): number {
  const { known, all } = unitCoverage(parseDocument(text), registry);
  return all === 0 ? 0 : known / all;
}

/** A shipped registry fits when it resolves most of the names; a foreign document gets none. */
const MIN_COVERAGE = 0.5;

async function importWithBuiltin(bytes: Uint8Array, from: ImportFormat, fileName: string): Promise<ImportResult> {
  const plain = await importDocument(bytes, { from, fileName });
  const builtin = await loadBuiltinRegistries();
  const [best] = selectRegistries(parseDocument(plain.text), builtin);
  if (!best || coverage(plain.text, best) < MIN_COVERAGE) return plain;
  return importDocument(bytes, { from, fileName, registry: new RegistryIndex([best]) });
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  const locale = localeFrom(parsed);
  if (parsed.positional.length !== 1) throw new UsageError('import 需要一个文件 / import takes exactly one file');
  const file = parsed.positional[0];
  const from = (parsed.options.get('from')?.at(-1) ?? 'auto') as ImportFormat;
  if (!FORMATS.includes(from)) throw new UsageError(`--from 只能是 / must be one of: ${FORMATS.join(', ')}（收到 / got "${from}"）`);
  const out = parsed.options.get('out')?.at(-1);

  const registries: Registry[] = [];
  for (const r of parsed.options.get('registry') ?? []) {
    const load = await loadRegistryFile(r);
    if (!load.ok) {
      io.stderr(load.message[locale] + '\n');
      return 2;
    }
    registries.push(load.registry);
  }

  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? { zh: '文件不存在，请检查路径。', en: 'no such file; check the path.' }
        : code === 'EISDIR'
          ? { zh: '这是一个文件夹，请指定一个文件。', en: 'this is a folder; name a file.' }
          : { zh: `无法读取（${code ?? error}）。`, en: `cannot be read (${code ?? error}).` };
    io.stderr(`${file}${locale === 'zh' ? '：' : ': '}${reason[locale]}\n`);
    return 2;
  }

  let result: ImportResult;
  try {
    result = registries.length
      ? await importDocument(bytes, { from, fileName: file, registry: new RegistryIndex(registries) })
      : await importWithBuiltin(bytes, from, file);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    io.stderr(`${file}${locale === 'zh' ? '：' : ': '}${error.localized[locale]}\n`);
    return 2;
  }

  if (out) await io.writeFile(out, result.text);
  else io.stdout(result.text);
  const shown = out ?? '<stdout>';
  for (const note of result.report) {
    io.stderr(`${shown}:${note.range.start.line + 1}:${note.range.start.character + 1} ${note.severity} ${note.code} ${note.message[locale]}\n`);
  }
  io.stderr(
    locale === 'zh'
      ? `导入了 ${result.taskCount} 项任务，${result.report.length} 处需要核对。\n`
      : `Imported ${result.taskCount} task(s); ${result.report.length} place(s) to review.\n`,
  );
  return 0;
}
