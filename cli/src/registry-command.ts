/**
 * `fenjie registry infer <documents…> [--jurisdiction <辖区>] [--out <file>]`: a registry draft
 * from documents. Fenjie documents are read as they are; any other file (a Word table, PDF text)
 * is imported first. The jurisdiction defaults to the documents' 辖区 header.
 */
import { headerField } from '../../grammar/src/fields';
import { parseDocument } from '../../grammar/src/index';
import { readTextFile } from '../../host/src/files';
import { importDocument, ImportError, inferRegistry } from '../../importer/src/index';
import type { CliIo } from './io';
import { localeFrom, parseArgs, UsageError } from './main';

function jurisdictionOf(text: string): string | undefined {
  return parseDocument(text)
    .header.find((f) => headerField(f.name)?.kind === 'jurisdiction')
    ?.value.text.trim();
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  const locale = localeFrom(parsed);
  if (parsed.positional.length === 0) throw new UsageError('registry infer 需要至少一个文档 / registry infer needs at least one document');
  const separator = locale === 'zh' ? '：' : ': ';
  const texts: string[] = [];
  for (const file of parsed.positional) {
    if (file.endsWith('.fenjie')) {
      const read = await readTextFile(file);
      if (!read.ok) {
        io.stderr(read.message[locale] + '\n');
        return 2;
      }
      texts.push(read.text);
      continue;
    }
    try {
      texts.push((await importDocument(await io.readFile(file), { fileName: file })).text);
    } catch (error) {
      const message = error instanceof ImportError ? error.localized[locale] : locale === 'zh' ? '无法读取。' : 'cannot be read.';
      io.stderr(`${file}${separator}${message}\n`);
      return 2;
    }
  }
  const jurisdiction = parsed.options.get('jurisdiction')?.at(-1) ?? texts.map(jurisdictionOf).find((j) => j);
  const draft = inferRegistry(texts, jurisdiction);
  const out = parsed.options.get('out')?.at(-1);
  if (out) await io.writeFile(out, draft);
  else io.stdout(draft);
  return 0;
}
