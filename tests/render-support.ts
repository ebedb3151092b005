/**
 * Hand-built FenjieDocument models for the render tests: the renderers take a model, so their
 * tests need not go through parsing and name resolution. Each node gets the line it would have in
 * a written document. Unit names: a leading `?` makes an unknown unit, `*` a collective, a
 * trailing `等` sets `etc`.
 */
import { readFileSync } from 'fs';
import { analyze } from '../core/src/analyze';
import { loadBuiltinRegistries } from '../host/src/registries';
import { fromRoot } from './helpers/expected';
import type {
  Analysis,
  Chapter,
  Comparator,
  Diagnostic,
  Field,
  FenjieDocument,
  LeaderMention,
  Range,
  Section,
  Target,
  Task,
  UnitMention,
} from '../core/src/model';

export interface TargetSpec {
  indicator: string;
  comparator: Comparator;
  valueText: string;
  magnitude?: Target['magnitude'];
  measure: string;
  text: string;
}

export interface TaskSpec {
  number: string;
  text: string;
  lead?: string[];
  coop?: string[];
  leaders?: string[];
  deadline?: string;
  remark?: string;
  targets?: TargetSpec[];
  /** Problems to report on the task's first line. */
  problems?: { code: string; severity: Diagnostic['severity']; zh: string; en: string }[];
}

export interface SectionSpec {
  numeral: string;
  title: string;
  tasks: TaskSpec[];
}

export interface ChapterSpec {
  /** Undefined for an unnumbered heading. */
  numeral?: string;
  title: string;
  tasks?: TaskSpec[];
  sections?: SectionSpec[];
}

export interface DocumentSpec {
  uri?: string;
  title?: string;
  docNumber?: string;
  issuer?: string;
  date?: string;
  note?: string;
  chapters: ChapterSpec[];
  glossary?: { term: string; definition: string }[];
}

const NUMERALS = '〇一二三四五六七八九十';

function lineRange(line: number, length = 1): Range {
  return { start: { line, character: 0 }, end: { line, character: length } };
}

function unitMention(written: string, line: number): UnitMention {
  let text = written;
  let resolution: UnitMention['resolution'] = 'canonical';
  if (text.startsWith('?')) {
    text = text.slice(1);
    resolution = 'unknown';
  } else if (text.startsWith('*')) {
    text = text.slice(1);
    resolution = 'collective';
  }
  const etc = text.endsWith('等');
  if (etc) text = text.slice(0, -1);
  const mention: UnitMention = { text, range: lineRange(line, text.length), resolution };
  if (resolution !== 'unknown') mention.canonical = text;
  if (etc) mention.etc = true;
  return mention;
}

/** Builds a document, assigning lines in the order a writer would write them. */
export function buildDocument(spec: DocumentSpec): FenjieDocument {
  let line = 0;
  const diagnostics: Diagnostic[] = [];
  const doc: FenjieDocument = {
    uri: spec.uri ?? 'file:///test/示例.fenjie',
    header: [],
    chapters: [],
    tasks: [],
    glossary: [],
    notes: [],
    registries: [],
  };
  for (const key of ['title', 'docNumber', 'issuer', 'date', 'note'] as const) {
    const value = spec[key];
    if (value === undefined) continue;
    doc[key] = value;
    doc.header.push({ kind: key, name: key, nameRange: lineRange(line), value, valueRange: lineRange(line) });
    line++;
  }

  const buildTask = (t: TaskSpec, chapter: number, section: number | undefined): number => {
    const start = line++;
    const fields: Field[] = [];
    const field = (kind: Field['kind'], name: string, value: string): number => {
      const at = line++;
      fields.push({ kind, name, nameRange: lineRange(at), value, valueRange: lineRange(at, value.length), range: lineRange(at, value.length) });
      return at;
    };
    const leaders: LeaderMention[] = [];
    if (t.leaders) {
      const at = field('leadLeader', '责任领导', t.leaders.join('、'));
      for (const name of t.leaders) leaders.push({ text: name, range: lineRange(at), canonical: name.replace(/\s/g, '') });
    }
    /** The field as a writer would write it: the names without the test's markers. */
    const written = (names: string[]) => names.map((n) => n.replace(/^[?*]/, '')).join('、');
    const leadLine = t.lead ? field('leadUnit', '牵头单位', written(t.lead)) : 0;
    const coopLine = t.coop ? field('cooperatingUnit', '配合单位', written(t.coop)) : 0;
    const task: Task = {
      number: t.number,
      numberValue: Number(t.number.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10))),
      numberRange: lineRange(start, t.number.length),
      chapter,
      text: t.text,
      textRange: lineRange(start, t.text.length),
      fields,
      leadUnits: (t.lead ?? []).map((u) => unitMention(u, leadLine)),
      cooperatingUnits: (t.coop ?? []).map((u) => unitMention(u, coopLine)),
      leaders,
      targets: (t.targets ?? []).map((target) => {
        const value = Number(target.valueText);
        const factor = target.magnitude === '万' ? 1e4 : target.magnitude === '亿' ? 1e8 : 1;
        return { ...target, value, scaledValue: value * factor, qualifiers: [], range: lineRange(start), valueRange: lineRange(start) };
      }),
      range: lineRange(start),
    };
    if (section !== undefined) task.section = section;
    if (t.deadline) task.deadline = { text: t.deadline, range: lineRange(field('deadline', '完成时限', t.deadline)), kind: 'unparsed' };
    if (t.remark) {
      task.remark = t.remark;
      field('remark', '备注', t.remark);
    }
    task.range = { start: { line: start, character: 0 }, end: { line: line - 1, character: 10 } };
    for (const p of t.problems ?? []) diagnostics.push({ code: p.code, severity: p.severity, message: { zh: p.zh, en: p.en }, range: lineRange(start) });
    doc.tasks.push(task);
    return doc.tasks.length - 1;
  };

  spec.chapters.forEach((c, chapterIndex) => {
    const chapter: Chapter = { title: c.title, implicit: false, range: lineRange(line++), sections: [], tasks: [] };
    if (c.numeral !== undefined) {
      chapter.numeral = c.numeral;
      chapter.numeralValue = NUMERALS.indexOf(c.numeral);
      chapter.numeralRange = lineRange(chapter.range.start.line);
    }
    doc.chapters.push(chapter);
    for (const t of c.tasks ?? []) chapter.tasks.push(buildTask(t, chapterIndex, undefined));
    (c.sections ?? []).forEach((s, sectionIndex) => {
      const section: Section = { numeral: s.numeral, numeralValue: NUMERALS.indexOf(s.numeral), numeralRange: lineRange(line), title: s.title, range: lineRange(line++), tasks: [] };
      chapter.sections.push(section);
      for (const t of s.tasks) {
        const index = buildTask(t, chapterIndex, sectionIndex);
        section.tasks.push(index);
        chapter.tasks.push(index);
      }
    });
  });
  for (const g of spec.glossary ?? []) {
    const at = lineRange(line++);
    doc.glossary.push({ term: g.term, termRange: at, definition: g.definition, definitionRange: at, range: at });
  }
  modelDiagnostics.set(doc, diagnostics);
  return doc;
}

const modelDiagnostics = new WeakMap<FenjieDocument, Diagnostic[]>();

export function buildAnalysis(spec: DocumentSpec): Analysis {
  const document = buildDocument(spec);
  return { document, diagnostics: modelDiagnostics.get(document) ?? [] };
}

/** The samples the exports are checked on: one per seed breakdown table. */
export const SAMPLES = ['000-liaozhong-2024', '002-liaoning-2024', '003-tiexi-2024'] as const;

/** A sample analysed as the CLI does with the shipped registries (the samples name none). */
export async function sampleAnalysis(name: string): Promise<Analysis> {
  const text = readFileSync(fromRoot('samples', `${name}.fenjie`), 'utf8');
  return analyze(text, { uri: `samples/${name}.fenjie`, registries: await loadBuiltinRegistries() });
}

/** A small table with what the seeds have: chapters with and without sections, collectives, 等, an unknown unit, targets. */
export const SMALL_TABLE: DocumentSpec = {
  uri: 'file:///test/small.fenjie',
  title: '2024年政府工作报告主要工作任务分解表',
  docNumber: '沈辽中政发〔2024〕1号',
  issuer: '沈阳市辽中区人民政府',
  chapters: [
    {
      numeral: '一',
      title: '主要预期目标',
      tasks: [
        {
          number: '1',
          text: '地区生产总值增长5.5%左右。',
          lead: ['区发展改革局'],
          coop: ['区统计局等', '*各镇政府(街道办事处)'],
          leaders: ['冯冬昌'],
          targets: [{ indicator: '地区生产总值', comparator: '≈', valueText: '5.5', measure: '%', text: '地区生产总值增长5.5%左右' }],
        },
        {
          number: '2',
          text: '城镇新增就业1.5万人。',
          lead: ['区人社局'],
          coop: ['?虎扑体育海关'],
          deadline: '2024年12月底',
          targets: [{ indicator: '城镇新增就业', comparator: '=', valueText: '1.5', magnitude: '万', measure: '人', text: '城镇新增就业1.5万人' }],
          problems: [{ code: 'FJ101', severity: 'error', zh: '单位“虎扑体育海关”不在单位库中', en: 'Unit 虎扑体育海关 is not in the registry' }],
        },
      ],
    },
    {
      numeral: '二',
      title: '加快推进科技创新',
      sections: [
        {
          numeral: '一',
          title: '推动有效投资持续增长。',
          tasks: [
            {
              number: '3',
              text: '加强创新主体和创新载体建设，建立优质企业梯度培育库。',
              lead: ['区工业和信息化局'],
              coop: ['区发展改革局', '沈阳近海经济区管委会'],
              leaders: ['冯冬昌', '王 健'],
              remark: '按季度报送进展',
            },
            { number: '4', text: '实施“智改数转”项目150个。', lead: ['区工业和信息化局', '区发展改革局'] },
          ],
        },
      ],
    },
    { title: '其他工作', tasks: [{ number: '5', text: '持续改善营商环境。', lead: ['区营商局'], coop: ['*各相关单位'] }] },
  ],
  glossary: [{ term: '“四上”企业', definition: '规模以上工业企业、资质等级建筑业企业等四类企业的统称。' }],
};

/** A document of `count` tasks in chapters of 100 and sections of 20, for the performance checks. */
export function largeTable(count: number): DocumentSpec {
  const chapters: ChapterSpec[] = [];
  for (let n = 1; n <= count; n++) {
    const chapterIndex = Math.floor((n - 1) / 100);
    if (!chapters[chapterIndex]) chapters[chapterIndex] = { numeral: NUMERALS[(chapterIndex % 10) + 1], title: `第${chapterIndex + 1}组工作`, sections: [] };
    const sections = chapters[chapterIndex].sections!;
    if ((n - 1) % 20 === 0) sections.push({ numeral: NUMERALS[sections.length + 1], title: `推进第${n}项起的重点工作。`, tasks: [] });
    sections[sections.length - 1].tasks.push({
      number: String(n),
      text: `第${n}项重点工作：加快推进重点项目建设，实施“智改数转”项目${n}个，地区生产总值增长5.5%左右。`,
      lead: [`区第${n % 37}局`],
      coop: [`区第${(n * 7) % 53}局`, `区第${(n * 11) % 29}中心等`, '*各镇政府(街道办事处)'],
      leaders: [`领导${n % 9}`],
      deadline: '2024年12月底',
      targets: [{ indicator: '地区生产总值', comparator: '≈', valueText: '5.5', measure: '%', text: '地区生产总值增长5.5%左右' }],
      problems: n % 50 === 0 ? [{ code: 'FJ101', severity: 'warning', zh: '示例问题', en: 'Example problem' }] : undefined,
    });
  }
  return { uri: 'file:///test/large.fenjie', title: `${count}项任务的分解表`, chapters };
}

/** Text that would run, load or restyle something if an output failed to escape it. */
export const XSS_PAYLOADS: readonly string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "' onmouseover='alert(1)' x='",
  '" onfocus="alert(1)" autofocus="',
  'javascript:alert(1)',
  '<a href="javascript:alert(1)">点击</a>',
  '</div></section></main><script>alert(1)</script>',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '<div style="background-image:url(x);width:expression(alert(1))">',
  '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<!-- <script>alert(1)</script> -->',
  ']]><![CDATA[<script>alert(1)</script>',
  '<<script>alert(1)//<</script>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<textarea></textarea><script>alert(1)</script>',
  '{{constructor.constructor(\'alert(1)\')()}}',
  '省发展改革委\u202Egnp.exe',
  '=HYPERLINK("http://example.invalid","点击")',
  '控制\u0001字符\u0008与\uFFFF',
];

/** A document with every payload in its title, task texts, unit and leader names, headings and glossary. */
export function xssTable(): DocumentSpec {
  return {
    uri: 'file:///test/xss.fenjie',
    title: `分解表${XSS_PAYLOADS[0]}${XSS_PAYLOADS[2]}`,
    docNumber: XSS_PAYLOADS[3],
    issuer: XSS_PAYLOADS[1],
    note: XSS_PAYLOADS[7],
    chapters: [
      {
        numeral: '一',
        title: XSS_PAYLOADS[8],
        sections: [
          {
            numeral: '一',
            title: XSS_PAYLOADS[9],
            tasks: XSS_PAYLOADS.map((payload, i) => ({
              number: String(i + 1),
              text: payload,
              lead: [`?${payload}`],
              coop: [`*${payload}`, `${payload}等`],
              leaders: [payload],
              deadline: payload,
              remark: payload,
              targets: [{ indicator: payload, comparator: '≥' as const, valueText: '1', measure: payload, text: payload }],
              problems: [{ code: 'FJ101', severity: 'error' as const, zh: payload, en: payload }],
            })),
          },
        ],
      },
    ],
    glossary: XSS_PAYLOADS.map((payload) => ({ term: payload, definition: payload })),
  };
}

export interface InertHtmlOptions {
  /** Tags the renderer itself writes. */
  tags: ReadonlySet<string>;
  /** How many <script> elements the page may have (the preview has its one). */
  scripts: number;
  /** Tags that may carry a style attribute. */
  styled?: ReadonlySet<string>;
}

/** Attributes a browser follows as a URL or runs as a document. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'srcdoc', 'data', 'poster', 'background', 'xlink:href']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/**
 * Checks that an HTML text holds only the renderer's own markup: every tag is one it writes, no
 * attribute is an event handler or a javascript: URL, no style attribute outside `styled`, no
 * comment, no more scripts than allowed and no bidirectional override left raw.
 */
export function assertInertHtml(html: string, options: InertHtmlOptions): void {
  const problems: string[] = [];
  let scripts = 0;
  for (const match of html.matchAll(TAG)) {
    const [whole, closing, rawName, attributes] = match;
    const name = rawName.toLowerCase();
    if (!options.tags.has(name)) problems.push(`unexpected tag ${whole}`);
    if (name === 'script' && !closing) scripts++;
    for (const attribute of attributes.matchAll(ATTRIBUTE)) {
      const attributeName = attribute[1].toLowerCase();
      const value = attribute[2] ?? attribute[3] ?? attribute[4] ?? '';
      if (attributeName.startsWith('on')) problems.push(`event handler in ${whole}`);
      if (URL_ATTRIBUTES.has(attributeName) && /^\s*javascript:/i.test(value)) problems.push(`javascript: URL in ${whole}`);
      if (attributeName === 'style' && !options.styled?.has(name)) problems.push(`style attribute in ${whole}`);
      if (!/^[a-z][a-z0-9-]*$/.test(attributeName)) problems.push(`odd attribute ${attributeName} in ${whole}`);
    }
  }
  if (scripts > options.scripts) problems.push(`${scripts} script elements`);
  if (html.includes('<!--')) problems.push('a comment');
  if (/[\u202a-\u202e\u2066-\u2069]/.test(html)) problems.push('a raw bidirectional control');
  if (problems.length) throw new Error(`unsafe HTML:\n${problems.slice(0, 20).join('\n')}`);
}
