/**
 * Text that an XML file (a .docx or .xlsx part) may hold. XML 1.0 has no way to write most C0
 * controls, U+FFFE, U+FFFF or a lone surrogate; one in a document (FJ006 reports it) would make
 * Word or Excel refuse the whole file, so it is dropped from the export.
 */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlText(text: string): string {
  return text.replace(NOT_XML, '');
}
