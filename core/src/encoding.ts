/**
 * Bytes to text, the one decoder every host and the importer share: UTF-8 (a BOM dropped), else
 * GB18030, which covers GBK and GB2312 — offices still save text in the national code page.
 */
export type TextEncodingName = 'utf-8' | 'gb18030';

function strictDecode(bytes: Uint8Array, encoding: TextEncodingName): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The text and its encoding, or undefined when the bytes are neither UTF-8 nor GB18030. */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: TextEncodingName } | undefined {
  const utf8 = strictDecode(bytes, 'utf-8');
  if (utf8 !== undefined) return { text: utf8.replace(/^\ufeff/, ''), encoding: 'utf-8' };
  const gb = strictDecode(bytes, 'gb18030');
  return gb === undefined ? undefined : { text: gb, encoding: 'gb18030' };
}
