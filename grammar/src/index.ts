/** The grammar package: text in, syntax tree out. No editor, no file system, no registry. */
export * from './text';
export * from './syntax';
export * from './fields';
export { buildDocument as parseDocument, buildRegistry as parseRegistry } from './build';
