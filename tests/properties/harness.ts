/**
 * The core and the language service driven the way an editor drives them, with every answer
 * checked for shape: ranges inside the document, edits that apply. Shared by the no-crash
 * property and the fuzz campaign, so a broken build fails both the same way.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { parseDocument } from '../../grammar/src/index';
import { LineIndex, type Position, type Range } from '../../grammar/src/text';
import { analyze } from '../../core/src/analyze';
import type { Analysis, Diagnostic, Fix } from '../../core/src/model';
import { loadRegistry, RegistryIndex } from '../../core/src/registry';
import { createLanguageService, Workspace, type LanguageService } from '../../core/src/service/index';
import { editSpans, hostileDocument, isValidPosition, isValidRange, REGISTRY_TEXTS, SHIPPED_REGISTRIES, type CorpusFile } from './support';

export const DOCUMENT_URI = 'file:///corpus/fuzz/document.fenjie';
export const REGISTRY_URI = 'file:///fuzz/fuzz.units.fenjie';

/** Shipped registries, prepared once: analysing against them is what most documents do. */
const SHIPPED_INDEX = new RegistryIndex(SHIPPED_REGISTRIES);

export type AnalyzeFn = (text: string) => Analysis;

/** The real analysis, against the shipped registries (the host's default). */
export const realAnalyze: AnalyzeFn = (text) => analyze(text, { uri: DOCUMENT_URI, registries: SHIPPED_REGISTRIES, explicitRegistries: true, index: SHIPPED_INDEX });

function rangeProblem(lines: LineIndex, r: Range | undefined, what: string): string | undefined {
  if (!r) return `${what}: no range`;
  return isValidRange(lines, r) ? undefined : `${what}: range ${JSON.stringify(r)} is outside the document`;
}

/** Everything wrong with a set of diagnostics for `text`, as messages (empty when all is well). */
export function diagnosticProblems(text: string, diagnostics: readonly Diagnostic[]): string[] {
  const lines = new LineIndex(text);
  const problems: string[] = [];
  const checkedFixes = new Set<Fix>();
  for (const d of diagnostics) {
    if (d.code === 'FJ000') problems.push(`internal error reported: ${d.message.en}`);
    if (!/^FJ\d{3}$/.test(d.code)) problems.push(`bad code ${d.code}`);
    if (!d.message.zh || !d.message.en) problems.push(`${d.code}: a message is missing a language`);
    const p = rangeProblem(lines, d.range, d.code);
    if (p) problems.push(p);
    for (const r of d.related ?? []) if (!r.uri) {
      const q = rangeProblem(lines, r.range, `${d.code} related`);
      if (q) problems.push(q);
    }
    for (const fix of d.fixes ?? []) {
      // One fix is often shared by many diagnostics (renumbering); it is checked once.
      if (checkedFixes.has(fix)) continue;
      checkedFixes.add(fix);
      try {
        editSpans(lines, fix.edits.filter((e) => !e.uri));
      } catch (error) {
        problems.push(`${d.code} fix “${fix.title.en}”: ${(error as Error).message}`);
      }
    }
  }
  return problems;
}

/** The core on one text: parse, analyse, read it as a registry. Throws on the first problem. */
export function exerciseCore(text: string, analyzeFn: AnalyzeFn = realAnalyze): void {
  parseDocument(text);
  const analysis = analyzeFn(text);
  const problems = diagnosticProblems(text, analysis.diagnostics);
  const registry = loadRegistry(text, REGISTRY_URI);
  problems.push(...diagnosticProblems(text, registry.diagnostics).map((p) => `registry: ${p}`));
  assert.deepStrictEqual(problems, []);
}

/** The uri a corpus file has in the test workspace: its path in the repository, so `单位库：` paths resolve. */
export function corpusUri(name: string): string {
  return `file:///corpus/${name.replace(/\\/g, '/')}`;
}

/**
 * The cheap property, run by CI and by the fuzz campaign: the core on any input. Parameterised by
 * the analysis so a broken one can be shown to fail it.
 */
export const coreNeverFails = (analyzeFn: AnalyzeFn = realAnalyze) => fc.property(hostileDocument, (text) => exerciseCore(text, analyzeFn));

/** A workspace holding every registry of the corpus, as the server holds the shipped and workspace ones. */
export function newService(registries: readonly CorpusFile[] = REGISTRY_TEXTS): LanguageService {
  const workspace = new Workspace();
  for (const r of registries) workspace.setRegistry(corpusUri(r.name), r.text, true);
  return createLanguageService({ workspace, locale: 'zh' });
}

let version = 0;

/** Every request of the language service at the given positions; every answer's ranges checked. */
export function exerciseService(service: LanguageService, text: string, positions: readonly Position[], uri = DOCUMENT_URI): void {
  service.workspace.setDocument(uri, text, ++version);
  const lines = new LineIndex(text);
  const problems: string[] = [];
  const checkRange = (r: Range | undefined, what: string) => {
    const p = rangeProblem(lines, r, what);
    if (p) problems.push(p);
  };
  const check = checkRange;
  const checkEdits = (edits: readonly { range: Range; newText: string; uri?: string }[], what: string) => {
    try {
      editSpans(lines, edits.filter((e) => !e.uri));
    } catch (error) {
      problems.push(`${what}: ${(error as Error).message}`);
    }
  };
  problems.push(...diagnosticProblems(text, service.diagnostics(uri)));
  const visit = (nodes: ReturnType<LanguageService['documentSymbols']>) => {
    for (const n of nodes) {
      check(n.range, `symbol ${n.name}`);
      check(n.selectionRange, `symbol ${n.name} selection`);
      visit(n.children);
    }
  };
  visit(service.documentSymbols(uri));
  for (const f of service.foldingRanges(uri)) if (!(f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < lines.lineCount)) problems.push(`folding ${f.startLine}–${f.endLine}`);
  for (const t of service.semanticTokens(uri)) check({ start: { line: t.line, character: t.character }, end: { line: t.line, character: t.character + t.length } }, `semantic token ${t.type}`);
  checkEdits(service.format(uri), 'format');
  service.workspaceSymbols('');
  service.workspaceSymbols('局');
  for (const p of positions) {
    const at = `at ${p.line}:${p.character}`;
    // A request past the end (an editor racing an edit) must be answered, but its ranges are not checked.
    const inside = isValidPosition(lines, p);
    const check = (r: Range | undefined, what: string) => inside && checkRange(r, what);
    for (const item of service.completion(uri, p).items) check(item.edit.range, `completion ${item.label} ${at}`);
    const hover = service.hover(uri, p);
    if (hover) check(hover.range, `hover ${at}`);
    for (const l of service.definition(uri, p)) if (l.uri === uri) check(l.range, `definition ${at}`);
    for (const l of service.references(uri, p, true)) if (l.uri === uri) check(l.range, `reference ${at}`);
    for (const h of service.documentHighlights(uri, p)) check(h.range, `highlight ${at}`);
    const prepared = service.prepareRename(uri, p);
    if (prepared && 'range' in prepared) check(prepared.range, `prepareRename ${at}`);
    const renamed = service.rename(uri, p, '新名称');
    if (renamed && 'edits' in renamed) checkEdits(renamed.edits.get(uri) ?? [], `rename ${at}`);
    const range = { start: p, end: { line: p.line + 1, character: 0 } };
    for (const only of [undefined, ['source.fixAll.fenjie']]) {
      for (const plan of service.codeActions(uri, range, only)) checkEdits(plan.edits.get(uri) ?? [], `code action ${plan.title} ${at}`);
    }
    checkEdits(service.format(uri, range), `range format ${at}`);
    for (const t of service.semanticTokens(uri, range)) check({ start: { line: t.line, character: t.character }, end: { line: t.line, character: t.character + t.length } }, `range semantic token ${at}`);
  }
  assert.deepStrictEqual(problems, []);
}
