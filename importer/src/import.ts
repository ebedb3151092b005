/**
 * `importDocument`: bytes of a breakdown table in any of the formats offices hold (one cell per
 * line, numbered paragraphs with field lines, PDF-extracted tab-separated text, Word, Excel) in,
 * a Fenjie document and the list of what the drafter should review out. Nothing is written on
 * failure: an `ImportError` says why in one sentence.
 */
import JSZip from 'jszip';
import type { RegistryIndex } from '../../core/src/registry';
import { decodeText, isZip } from './decode';
import type { Draft } from './draft';
import { ImportError, type ImportNote } from './notes';
import { readCells } from './readers/cells';
import { readDocx } from './readers/docx';
import { readParagraphs } from './readers/paragraphs';
import { readTsv } from './readers/tsv';
import { readXlsx } from './readers/xlsx';
import { writeDraft } from './write';

export type ImportFormat = 'auto' | 'text' | 'tsv' | 'docx' | 'xlsx';

export interface ImportOptions {
  from?: ImportFormat;
  /** The source's file name: its extension helps to tell Word from Excel. */
  fileName?: string;
  /** Splits and rejoins unit names; without it, names are kept as the layout suggests. */
  registry?: RegistryIndex;
}

export interface ImportResult {
  /** The Fenjie document. */
  text: string;
  /** What was uncertain, on the lines of `text`. */
  report: ImportNote[];
  taskCount: number;
}

/** Which zip-based format: by the parts inside, so a renamed file is still read for what it is. */
async function zipKind(bytes: Uint8Array): Promise<'docx' | 'xlsx' | undefined> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    if (zip.file('word/document.xml')) return 'docx';
    if (zip.file('xl/workbook.xml')) return 'xlsx';
  } catch {
    return undefined;
  }
  return undefined;
}

function extensionOf(fileName: string | undefined): string {
  return /\.([A-Za-z0-9]+)$/.exec(fileName ?? '')?.[1]?.toLowerCase() ?? '';
}

/** The text formats, most specific first: a tab table, field paragraphs, one cell per line. */
function readText(text: string, from: ImportFormat, index?: RegistryIndex): Draft {
  if (from === 'tsv') return readTsv(text, index) ?? notATable();
  const lines = text.split(/\r\n|\r|\n/);
  const tabbed = lines.filter((l) => l.includes('\t')).length;
  if (from === 'auto' && tabbed * 4 >= lines.filter((l) => l.trim()).length) {
    const tsv = readTsv(text, index);
    if (tsv) return tsv;
  }
  return readParagraphs(text, index) ?? readCells(text, index) ?? (from === 'auto' ? readTsv(text, index) : undefined) ?? notATable();
}

function notATable(): never {
  throw new ImportError('notTable');
}

export async function importDocument(input: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  const from = options.from ?? 'auto';
  const index = options.registry;
  if (input.length === 0) throw new ImportError('empty');
  const extension = extensionOf(options.fileName);
  let draft: Draft;
  if (from === 'docx' || from === 'xlsx' || (from === 'auto' && (isZip(input) || extension === 'docx' || extension === 'xlsx'))) {
    const kind = isZip(input) ? await zipKind(input) : undefined;
    const wanted = from === 'docx' || from === 'xlsx' ? from : (kind ?? (extension === 'xlsx' ? 'xlsx' : 'docx'));
    if (kind !== wanted) throw new ImportError('badZip', { kind: wanted === 'docx' ? 'Word (.docx)' : 'Excel (.xlsx)' });
    draft = wanted === 'docx' ? await readDocx(input, index) : await readXlsx(input, index);
  } else {
    draft = readText(decodeText(input), from, index);
  }
  const written = writeDraft(draft, index);
  if (written.taskCount === 0) throw new ImportError('noTasks');
  return { text: written.text, report: written.notes, taskCount: written.taskCount };
}
