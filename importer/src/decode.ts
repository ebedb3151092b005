/**
 * Bytes to text. Offices save text as UTF-8 (often with a BOM) or in the national GB18030/GBK
 * code page; anything that decodes as neither, or decodes to control characters, is not text.
 */
import { decodeBytes } from '../../core/src/encoding';
import { ImportError } from './notes';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/** Control characters other than tab and line ends: text has none, binary files have many. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Decodes UTF-8 (BOM dropped) or else GB18030, which covers GBK and GB2312. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new ImportError('empty');
  const decoded = decodeBytes(bytes);
  if (decoded === undefined) throw new ImportError(looksBinary(bytes) ? 'binary' : 'encoding');
  const controls = decoded.text.match(CONTROL)?.length ?? 0;
  if (controls > 0 && controls * 100 > decoded.text.length) throw new ImportError('binary');
  if (decoded.text.trim().length === 0) throw new ImportError('empty');
  return decoded.text;
}

/** NUL bytes or many C0 controls: an image or an archive, not a text in an unknown code page. */
function looksBinary(bytes: Uint8Array): boolean {
  let controls = 0;
  for (const b of bytes) if (b === 0 || (b < 0x20 && b !== 9 && b !== 10 && b !== 13)) controls++;
  return controls * 100 > bytes.length;
}
