/** A workspace with the test registry loaded, and documents opened from text with `<|>` markers. */
import { readFileSync } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { LineIndex, type Position } from '../../grammar/src/text';
import type { TextEdit } from '../../core/src/model';
import { chineseNumeral } from '../../core/src/numerals';
import { createLanguageService, Workspace, type LanguageService } from '../../core/src/service/index';
import { fromRoot } from '../helpers/expected';

export const FIXTURES = fromRoot('tests', 'fixtures', 'lsp');
export const REGISTRY_PATH = path.join(FIXTURES, 'registries', 'test.units.fenjie');
export const REGISTRY_URI = pathToFileURL(REGISTRY_PATH).href;

export function uriOf(name: string): string {
  return pathToFileURL(path.join(FIXTURES, name)).href;
}

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** `<|>` marks a cursor; the text without the markers and the marker positions in order. */
export function withMarkers(marked: string): { text: string; positions: Position[] } {
  const positions: Position[] = [];
  const parts = marked.split('<|>');
  let text = '';
  parts.forEach((part, i) => {
    text += part;
    if (i < parts.length - 1) {
      const lines = text.split(/\r\n|\r|\n/);
      positions.push({ line: lines.length - 1, character: lines[lines.length - 1].length });
    }
  });
  return { text, positions };
}

export interface TestWorkspace {
  workspace: Workspace;
  service: LanguageService;
  /** Opens a document (markers removed) and returns its uri and marker positions. */
  open(name: string, marked: string, version?: number): { uri: string; text: string; positions: Position[] };
}

export function testWorkspace(locale: 'zh' | 'en' = 'zh'): TestWorkspace {
  const workspace = new Workspace();
  workspace.setRegistry(REGISTRY_URI, readFileSync(REGISTRY_PATH, 'utf8'));
  const service = createLanguageService({ workspace, locale });
  return {
    workspace,
    service,
    open(name, marked, version = 1) {
      const { text, positions } = withMarkers(marked);
      const uri = uriOf(name);
      workspace.setDocument(uri, text, version);
      return { uri, text, positions };
    },
  };
}

/** A breakdown document head that selects the test registry. */
export const HEAD = '标题：测试\n年度：2024\n辖区：测试省\n\n一、主要预期目标\n';

/** A generated document of `count` tasks, each with leader, lead and cooperating units, a target and a deadline. */
export function generatedDocument(count: number): string {
  const units = ['省发展改革委', '省财政厅', '省工业和信息化厅', '省商务厅', '省农业农村厅', '省教育厅'];
  const leaders = ['王健', '王健', '李强', '李强', '张华', '张华'];
  const lines = ['标题：生成的分解表', '年度：2024', '辖区：测试省', ''];
  let chapter = 0;
  for (let i = 1; i <= count; i++) {
    if ((i - 1) % 100 === 0) {
      chapter++;
      lines.push(`${chineseNumeral(chapter)}、第${chapter}部分`);
    }
    const u = i % units.length;
    // Each task measures its own indicators: one indicator with many targets is a conflict the checks report pairwise.
    lines.push(`${i}. 推动第${i}项重点工作，第${i}项指标增长${(i % 9) + 1}.5%左右，新增第${i}批企业不少于${i}家。`);
    lines.push(`   牵头领导：${leaders[u]}`);
    lines.push(`   牵头单位：${units[u]}`);
    lines.push(`   配合单位：${units[(u + 1) % units.length]}、${units[(u + 2) % units.length]}等，各市人民政府`);
    lines.push('   完成时限：2024年12月底');
  }
  return lines.join('\n') + '\n';
}

/** Applies non-overlapping edits to a text, as an editor would. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, lines.offsetAt(e.range.start)) + e.newText + out.slice(lines.offsetAt(e.range.end));
  return out;
}
