/** The importer: existing breakdown tables (text, PDF text, Word, Excel) into Fenjie documents, and registry drafts from documents. */
export { importDocument, type ImportFormat, type ImportOptions, type ImportResult } from './import';
export { inferRegistry } from './infer';
export { ImportError, type ImportNote } from './notes';
