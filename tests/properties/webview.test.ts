/**
 * Property 5 — a document never runs code in the preview or the exported page. Payloads from
 * tests/fixtures/xss/payloads.json (script tags, event handlers, javascript: URLs, CSS injection,
 * broken HTML, bidirectional overrides) and random markup soup go into every field of a document
 * and of its registry, through the real path: text → analyze → renderHtml / renderPreviewHtml.
 * The output is parsed by parse5 exactly as a browser would, and every element, attribute and the
 * Content-Security-Policy are checked against what the renderers themselves write.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { readFileSync } from 'fs';
import * as path from 'path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { analyze } from '../../core/src/analyze';
import type { Analysis } from '../../core/src/model';
import { loadRegistry } from '../../core/src/registry';
import { renderHtml, renderPreviewHtml, type PreviewOptions } from '../../exports/src/index';
import { ci, mutant, ROOT, SHIPPED_REGISTRIES } from './support';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const PAYLOADS: Record<string, string[]> = JSON.parse(readFileSync(path.join(ROOT, 'tests', 'fixtures', 'xss', 'payloads.json'), 'utf8'));
const ALL_PAYLOADS = Object.values(PAYLOADS).flat();

const ORIGIN = 'https://webview.fenjie.test';

export type Renderer = (analysis: Analysis, options: PreviewOptions) => string;

interface Page {
  name: string;
  render: Renderer;
  /** Elements the renderer writes; anything else came from a document. */
  tags: ReadonlySet<string>;
  scripts: number;
}

const COMMON_TAGS = ['html', 'head', 'meta', 'title', 'body', 'h1', 'h2', 'p', 'section', 'dl', 'dt', 'dd', 'div', 'span'];
const PAGES: readonly Page[] = [
  {
    name: 'renderHtml',
    render: (analysis) => renderHtml(analysis),
    tags: new Set([...COMMON_TAGS, 'style', 'table', 'colgroup', 'col', 'thead', 'tbody', 'tr', 'th', 'td']),
    scripts: 0,
  },
  {
    name: 'renderPreviewHtml',
    render: renderPreviewHtml,
    tags: new Set([...COMMON_TAGS, 'link', 'script', 'nav', 'button', 'input', 'main', 'header']),
    scripts: 1,
  },
];

/** Attributes the renderers write, and what their values may be. */
const ATTRIBUTES: Record<string, (value: string, element: string, options: PreviewOptions) => boolean> = {
  class: (v) => /^[a-z0-9 -]*$/.test(v),
  id: (v) => /^[a-z0-9-]+$/.test(v),
  role: (v) => /^[a-z]+$/.test(v),
  title: () => true,
  tabindex: (v) => v === '-1',
  hidden: (v) => v === '',
  lang: (v) => v === 'zh-CN',
  colspan: (v) => /^\d+$/.test(v),
  scope: (v) => /^(col|rowgroup)$/.test(v),
  style: (v, element) => element === 'col' && /^width: [\d.]+%$/.test(v),
  'data-line': (v) => /^\d+$/.test(v),
  'data-tab': (v) => /^[a-z]+$/.test(v),
  'data-panel': (v) => /^[a-z]+$/.test(v),
  'aria-label': () => true,
  'aria-labelledby': (v) => /^[a-z-]+$/.test(v),
  'aria-controls': (v) => /^[a-z-]+$/.test(v),
  'aria-selected': (v) => /^(true|false)$/.test(v),
  'aria-live': (v) => v === 'polite',
  type: (v, element) => (element === 'button' && v === 'button') || (element === 'input' && v === 'search'),
  placeholder: () => true,
  spellcheck: (v) => v === 'false',
  autocomplete: (v) => v === 'off',
  charset: (v, element) => element === 'meta' && v === 'utf-8',
  name: (v, element) => element === 'meta' && v === 'viewport',
  'http-equiv': (v, element) => element === 'meta' && v === 'Content-Security-Policy',
  content: (_v, element) => element === 'meta',
  rel: (v, element) => element === 'link' && v === 'stylesheet',
  href: (v, element, o) => element === 'link' && v === o.styleUri,
  src: (v, element, o) => element === 'script' && v === o.scriptUri,
  nonce: (v, element, o) => element === 'script' && v === o.nonce,
};

/** Attributes a browser follows as URLs. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'srcdoc', 'ping']);

const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

function* walk(node: Node): Generator<Node> {
  yield node;
  if ('childNodes' in node) for (const child of node.childNodes) yield* walk(child);
  if (node.nodeName === 'template') yield* walk((node as DefaultTreeAdapterMap['template']).content);
}

function textOf(node: Node): string {
  let out = '';
  for (const n of walk(node)) if (n.nodeName === '#text') out += (n as DefaultTreeAdapterMap['textNode']).value;
  return out;
}

/** The policy's directives: name → sources. */
function directives(csp: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

function cspProblems(page: Page, csp: string, options: PreviewOptions): string[] {
  const d = directives(csp);
  const problems: string[] = [];
  const expect = (name: string, sources: string[] | undefined) => {
    if (JSON.stringify(d.get(name)) !== JSON.stringify(sources)) problems.push(`CSP ${name} is ${JSON.stringify(d.get(name))}, expected ${JSON.stringify(sources)}`);
  };
  expect('default-src', ["'none'"]);
  if (page.scripts === 0) {
    expect('script-src', undefined);
    for (const name of d.keys()) if (!['default-src', 'style-src'].includes(name)) problems.push(`CSP allows ${name}`);
  } else {
    expect('script-src', [`'nonce-${options.nonce}'`]);
    expect('style-src', [options.cspSource]);
  }
  for (const [name, sources] of d) {
    for (const s of sources) {
      if (/^(\*|'unsafe-eval'|'unsafe-hashes'|'strict-dynamic'|data:|blob:|javascript:)/i.test(s)) problems.push(`CSP ${name} allows ${s}`);
      if (s === "'unsafe-inline'" && name !== 'style-src') problems.push(`CSP ${name} allows 'unsafe-inline'`);
      if (s === "'unsafe-inline'" && page.scripts > 0) problems.push(`the preview CSP allows inline styles`);
    }
  }
  return problems;
}

/** Everything in a rendered page that did not come from the renderer itself. */
export function unsafeMarkup(page: Page, html: string, options: PreviewOptions): string[] {
  const problems: string[] = [];
  if (BIDI.test(html)) problems.push('a bidirectional control character is in the output');
  const document = parse(html);
  const policies: string[] = [];
  let scripts = 0;
  let sawContent = false;
  for (const node of walk(document)) {
    if (node.nodeName === '#comment') problems.push(`a comment: <!--${(node as DefaultTreeAdapterMap['commentNode']).data}-->`);
    if (!('tagName' in node)) continue;
    const element = node as Element;
    const tag = element.tagName;
    if (!page.tags.has(tag)) problems.push(`an element the renderer never writes: <${tag}>`);
    if (element.namespaceURI !== 'http://www.w3.org/1999/xhtml') problems.push(`foreign content: <${tag}> in ${element.namespaceURI}`);
    for (const attribute of element.attrs) {
      const allowed = ATTRIBUTES[attribute.name];
      if (!allowed) problems.push(`an attribute the renderer never writes: <${tag} ${attribute.name}="${attribute.value}">`);
      else if (!allowed(attribute.value, tag, options)) problems.push(`an unexpected value: <${tag} ${attribute.name}="${attribute.value}">`);
      if (URL_ATTRIBUTES.has(attribute.name) && /^\s*(javascript|data|vbscript):/i.test(attribute.value.replace(/[\u0000-\u001f]/g, ''))) problems.push(`a script URL in ${attribute.name}`);
    }
    if (tag === 'script') {
      scripts++;
      if (textOf(element).trim()) problems.push('an inline script');
    }
    if (tag === 'style' && !sawContent && page.scripts > 0) problems.push('a <style> in the preview');
    if (tag === 'meta' && element.attrs.some((a) => a.name === 'http-equiv')) {
      if (sawContent) problems.push('a policy after content it should govern');
      policies.push(element.attrs.find((a) => a.name === 'content')?.value ?? '');
    }
    if (['link', 'script', 'style', 'body'].includes(tag)) sawContent = true;
  }
  if (scripts !== page.scripts) problems.push(`${scripts} scripts, expected ${page.scripts}`);
  if (policies.length !== 1) problems.push(`${policies.length} Content-Security-Policies, expected 1`);
  else problems.push(...cspProblems(page, policies[0], options));
  return problems;
}

/** What the reader must see for a payload: bidirectional controls shown as codes, NUL dropped by the parser. */
function visible(payload: string): string {
  return payload
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase()}]`)
    .replace(/\u0000/g, '')
    .trim();
}

interface Fields {
  title: string;
  docNumber: string;
  issuer: string;
  note: string;
  chapter: string;
  section: string;
  task: string;
  leader: string;
  unit: string;
  deadline: string;
  remark: string;
  term: string;
  definition: string;
  block: string;
  registryUnit: string;
  registryLeader: string;
}

const FIELD_NAMES: (keyof Fields)[] = ['title', 'docNumber', 'issuer', 'note', 'chapter', 'section', 'task', 'leader', 'unit', 'deadline', 'remark', 'term', 'definition', 'block', 'registryUnit', 'registryLeader'];

/** Fields whose text reaches the page whole (lists are split at their separators). */
const WHOLE: (keyof Fields)[] = ['title', 'task', 'remark', 'chapter'];

function documentText(f: Fields): string {
  return [
    `标题：${f.title}`,
    `文号：${f.docNumber}`,
    `发文机关：${f.issuer}`,
    `说明：${f.note}`,
    '',
    `一、${f.chapter}`,
    `（一）${f.section}`,
    `1. ${f.task}`,
    `   牵头领导：${f.leader}`,
    `   牵头单位：${f.unit}`,
    `   配合单位：区商务局、${f.unit}、不存在的单位`,
    `   完成时限：${f.deadline}`,
    `   备注：${f.remark}`,
    `2. 推进${f.task}，地区生产总值增长5.5%左右。`,
    '   牵头单位：测试别名甲',
    `   牵头领导：${f.registryLeader}`,
    '【名词解释】',
    `${f.term}：${f.definition}`,
    `“${f.term}”：${f.definition}`,
    '【说明】',
    f.block,
    '',
  ].join('\n');
}

function registryText(f: Fields): string {
  return [`辖区：测试`, `单位：${f.registryUnit}`, '  简称：测试别名甲', `领导：${f.registryLeader}`, `术语：${f.term}`, `  释义：${f.definition}`, ''].join('\n');
}

function analysisOf(f: Fields): Analysis {
  const registry = loadRegistry(registryText(f), 'file:///xss/test.units.fenjie');
  return analyze(documentText(f), { uri: 'file:///xss/document.fenjie', registries: [registry, ...SHIPPED_REGISTRIES], explicitRegistries: true });
}

function check(f: Fields, options: PreviewOptions, pages: readonly Page[]): string[] {
  const analysis = analysisOf(f);
  const problems: string[] = [];
  for (const page of pages) {
    const html = page.render(analysis, options);
    problems.push(...unsafeMarkup(page, html, options).map((p) => `${page.name}: ${p}`));
    const text = textOf(parse(html)).replace(/\u0000/g, '');
    for (const field of WHOLE) {
      const shown = visible(f[field]);
      if (shown && !/[\r\n]/.test(f[field]) && !text.includes(shown)) problems.push(`${page.name}: the ${field} ${JSON.stringify(f[field])} is not shown as text`);
    }
  }
  return problems;
}

const OPTIONS: PreviewOptions = { nonce: 'rAnd0mN0nce', cspSource: ORIGIN, scriptUri: `${ORIGIN}/preview.js`, styleUri: `${ORIGIN}/preview.css`, locale: 'zh' };

/** Markup soup: the pieces payloads are made of, in random order. */
const soup = fc
  .array(fc.constantFrom('<', '>', '</', '/>', '"', "'", '`', '=', '&', '&#', ';', 'script', 'style', 'img', 'svg', 'on', 'onerror', 'javascript:', 'src', 'href', ' ', '<!--', '-->', '\u202e', '\u2066', '文字', '(', ')', 'alert(1)', '\u0000'), { minLength: 1, maxLength: 24 })
  .map((parts) => parts.join(''));

const payload = fc.oneof(fc.constantFrom(...ALL_PAYLOADS), soup);
const fields: fc.Arbitrary<Fields> = fc.record(Object.fromEntries(FIELD_NAMES.map((name) => [name, payload])) as Record<keyof Fields, fc.Arbitrary<string>>);
const nonce = fc.base64String({ minLength: 16, maxLength: 32 });

export const webviewIsInert = (pages: readonly Page[]) =>
  fc.property(fields, nonce, (f, n) => {
    assert.deepStrictEqual(check(f, { ...OPTIONS, nonce: n }, pages), []);
  });

describe('property 5: webview safety', function () {
  this.timeout(120_000);

  for (const [kind, payloads] of Object.entries(PAYLOADS)) {
    it(`every ${kind} payload in every field renders as text`, () => {
      const problems = payloads.flatMap((p) => check(Object.fromEntries(FIELD_NAMES.map((name) => [name, p])) as unknown as Fields, OPTIONS, PAGES).map((x) => `${JSON.stringify(p)}: ${x}`));
      assert.deepStrictEqual(problems, []);
    });
  }

  it('random mixtures of payloads and markup soup render as text', () => {
    fc.assert(webviewIsInert(PAGES), ci(40));
  });

  describe('the property catches a broken build', () => {
    const broken = (name: string, change: (html: string) => string) =>
      PAGES.map((p) => ({ ...p, render: (a: Analysis, o: PreviewOptions) => change(p.render(a, o)) })).map((p) => ({ ...p, name: `${p.name} (${name})` }));

    const cases: [string, (html: string) => string][] = [
      ['escaping forgets <', (html) => html.replace(/&lt;/g, '<')],
      ['escaping forgets quotes', (html) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'")],
      ['bidirectional controls passed through', (html) => html.replace(/\[U\+(202[A-E]|206[6-9])\]/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))],
      ['a CSP that allows inline scripts', (html) => html.replace(/script-src /, "script-src 'unsafe-inline' ").replace(/default-src 'none'; style-src 'unsafe-inline'/, "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'")],
      ['text double-escaped', (html) => html.replace(/&amp;/g, '&amp;amp;')],
    ];
    for (const [name, change] of cases) {
      it(name, () => {
        assert.ok(fc.check(webviewIsInert(broken(name, change)), mutant(40)).failed, `the property did not notice: ${name}`);
      });
    }
  });
});
