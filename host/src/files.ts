/**
 * Reading user files on Node hosts (CLI, server): one clear message per failure, naming the file
 * and what to do, never a stack trace. Text is UTF-8 (a BOM is dropped); GB18030/GBK is detected
 * and decoded, since offices still save such files.
 */
import { promises as fs } from 'fs';
import { decodeBytes, type TextEncodingName } from '../../core/src/encoding';
import type { LocalizedText } from '../../core/src/model';

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export type ReadResult = { ok: true; text: string; encoding: TextEncodingName } | { ok: false; message: LocalizedText };

/** Decodes bytes as a text document, or says why it is not one. */
export function decodeText(bytes: Uint8Array, file: string): ReadResult {
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    return { ok: false, message: { zh: `${file}：文件过大（${mb} MB，上限 5 MB），请拆分后再打开。`, en: `${file}: the file is too large (${mb} MB, limit 5 MB); split it first.` } };
  }
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) {
    return { ok: false, message: { zh: `${file}：这是二进制文件，不是文本文档。Word/Excel 文件请用“fenjie import”导入。`, en: `${file}: this is a binary file, not a text document. Import Word/Excel files with "fenjie import".` } };
  }
  const decoded = decodeBytes(bytes);
  if (decoded) return { ok: true, ...decoded };
  return { ok: false, message: { zh: `${file}：无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030），请另存为 UTF-8。`, en: `${file}: unknown text encoding (neither UTF-8 nor GBK/GB18030); save it as UTF-8.` } };
}

export async function readTextFile(file: string): Promise<ReadResult> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    return { ok: false, message: { zh: `${file}：文件不存在，请检查路径。`, en: `${file}: no such file; check the path.` } };
  }
  if (stat.isDirectory()) {
    return { ok: false, message: { zh: `${file}：这是一个文件夹，请指定 .fenjie 文件。`, en: `${file}: this is a folder; name a .fenjie file.` } };
  }
  try {
    return decodeText(await fs.readFile(file), file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { ok: false, message: { zh: `${file}：无法读取（${code}），请检查权限。`, en: `${file}: cannot be read (${code}); check its permissions.` } };
  }
}
