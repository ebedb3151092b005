/**
 * The closed set of fields a task may carry, and the header fields of a document, each with the
 * synonyms the real documents use. The set is part of the grammar: a line `名称：…` inside a task
 * is a field only when its name is one of these or close to one (a typo such as `牵头单未`).
 */

export type TaskFieldKind = 'leadLeader' | 'leadUnit' | 'cooperatingUnit' | 'deadline' | 'remark';

export type HeaderFieldKind = 'title' | 'docNumber' | 'year' | 'issuer' | 'date' | 'registry' | 'jurisdiction' | 'note';

export interface FieldDefinition<K extends string> {
  kind: K;
  /** The canonical name, the one the formatter and completion write. */
  canonical: string;
  /** Every name that means this field, the canonical one included. */
  names: readonly string[];
  zh: string;
  en: string;
}

export const TASK_FIELDS: readonly FieldDefinition<TaskFieldKind>[] = [
  {
    kind: 'leadLeader',
    canonical: '牵头领导',
    names: ['牵头领导', '责任领导', '分管领导', '牵头市领导', '牵头区领导', '牵头省领导'],
    zh: '对任务负总责的政府领导；与牵头单位按顺序一一对应时，每位领导分管对应的牵头单位。',
    en: 'The government leader answerable for the task; when leaders and lead units pair in order, each leader oversees the matching lead unit.',
  },
  {
    kind: 'leadUnit',
    canonical: '牵头单位',
    names: ['牵头单位', '牵头部门', '主责单位'],
    zh: '牵头落实任务的单位，对任务负主要责任。',
    en: 'The unit that leads the task and answers for it.',
  },
  {
    kind: 'cooperatingUnit',
    canonical: '配合单位',
    names: ['配合单位', '责任单位', '协办单位', '参与单位', '配合部门', '责任部门'],
    zh: '配合牵头单位落实任务的单位。',
    en: 'Units that cooperate with the lead unit on the task.',
  },
  {
    kind: 'deadline',
    canonical: '完成时限',
    names: ['完成时限', '完成时间', '时间节点', '时限'],
    zh: '任务的完成期限，如“2024年12月底”“6月底前”“长期坚持”。',
    en: 'When the task must be done, e.g. 2024年12月底 (end of December 2024), 6月底前 (before the end of June), 长期坚持 (ongoing).',
  },
  {
    kind: 'remark',
    canonical: '备注',
    names: ['备注', '说明'],
    zh: '备注，不参与检查。',
    en: 'A remark; not checked.',
  },
];

export const HEADER_FIELDS: readonly FieldDefinition<HeaderFieldKind>[] = [
  { kind: 'title', canonical: '标题', names: ['标题'], zh: '分解表的标题。', en: 'The title of the breakdown table.' },
  { kind: 'docNumber', canonical: '文号', names: ['文号'], zh: '发文字号，如“辽政发〔2024〕3号”。', en: 'The document number, e.g. 辽政发〔2024〕3号.' },
  { kind: 'year', canonical: '年度', names: ['年度'], zh: '任务所属年度，完成时限按此检查。', en: 'The year the tasks belong to; deadlines are checked against it.' },
  { kind: 'issuer', canonical: '发文机关', names: ['发文机关', '发布机关', '印发单位'], zh: '印发分解表的机关。', en: 'The body that issued the table.' },
  { kind: 'date', canonical: '发布日期', names: ['发布日期', '印发日期', '成文日期'], zh: '印发日期。', en: 'The date of issue.' },
  { kind: 'registry', canonical: '单位库', names: ['单位库'], zh: '本文档使用的单位库文件（相对本文件的路径），可写多个，以“、”分隔。', en: 'The registry files this document uses (paths relative to it), several separated by 、.' },
  { kind: 'jurisdiction', canonical: '辖区', names: ['辖区'], zh: '本文档所属辖区，用于选择随扩展提供的单位库。', en: 'The jurisdiction of the document; selects one of the shipped registries.' },
  { kind: 'note', canonical: '说明', names: ['说明', '前言', '正文'], zh: '通知正文或前言，原样保留。', en: 'The notice text or preamble, kept as written.' },
];

/** The blocks a document may end with. */
export type BlockKind = 'glossary' | 'notes';

export const BLOCKS: readonly { kind: BlockKind; names: readonly string[] }[] = [
  { kind: 'glossary', names: ['名词解释', '注释', '术语'] },
  { kind: 'notes', names: ['说明', '附言', '结语', '附件'] },
];

export function blockKind(name: string): BlockKind | undefined {
  const key = name.replace(/\s+/g, '');
  return BLOCKS.find((b) => b.names.includes(key))?.kind;
}

export function taskField(name: string): FieldDefinition<TaskFieldKind> | undefined {
  return TASK_FIELDS.find((f) => f.names.includes(name));
}

export function headerField(name: string): FieldDefinition<HeaderFieldKind> | undefined {
  return HEADER_FIELDS.find((f) => f.names.includes(name));
}

/** Every known task field name, for did-you-mean. */
export const TASK_FIELD_NAMES: readonly string[] = TASK_FIELDS.flatMap((f) => f.names);

/**
 * The closest known task field name when `name` looks like a misspelt one: same length within
 * one, and at most one character in three differs. `牵头单未` → `牵头单位`; `其中` → none.
 */
export function nearestTaskFieldName(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of TASK_FIELD_NAMES) {
    if (Math.abs(candidate.length - name.length) > 1) continue;
    const d = editDistance(name, candidate);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best !== undefined && bestDistance > 0 && bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
}

/** Bit masks of the pattern's characters, by UTF-16 code unit; cleared after each use. */
const patternMasks = new Int32Array(65536);

/**
 * Levenshtein distance over UTF-16 code units (names here are BMP Chinese). A shorter string of
 * up to 32 code units is compared bit-parallel (Myers 1999, in Hyyrö's form): did-you-mean compares
 * every registry name, and their pinyin, with each unknown name.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const pattern = a.length <= b.length ? a : b;
  const text = pattern === a ? b : a;
  if (pattern.length === 0) return text.length;
  if (pattern.length > 32) return editDistanceByRows(pattern, text);
  for (let i = 0; i < pattern.length; i++) patternMasks[pattern.charCodeAt(i)] |= 1 << i;
  const last = 1 << (pattern.length - 1);
  // Bit i: going down the column from pattern row i to row i + 1, the distance rises (or falls) by one.
  let verticalUp = -1;
  let verticalDown = 0;
  let distance = pattern.length;
  for (let j = 0; j < text.length; j++) {
    const matches = patternMasks[text.charCodeAt(j)];
    const verticalChange = matches | verticalDown;
    const horizontalChange = (((matches & verticalUp) + verticalUp) ^ verticalUp) | matches;
    // Bit i: going across the row from column j to j + 1, the distance rises (or falls) by one.
    let horizontalUp = verticalDown | ~(horizontalChange | verticalUp);
    let horizontalDown = verticalUp & horizontalChange;
    if (horizontalUp & last) distance++;
    if (horizontalDown & last) distance--;
    horizontalUp = (horizontalUp << 1) | 1;
    horizontalDown <<= 1;
    verticalUp = horizontalDown | ~(verticalChange | horizontalUp);
    verticalDown = horizontalUp & verticalChange;
  }
  for (let i = 0; i < pattern.length; i++) patternMasks[pattern.charCodeAt(i)] = 0;
  return distance;
}

/** The textbook dynamic programme, one row at a time, for patterns too long for one machine word. */
function editDistanceByRows(a: string, b: string): number {
  const previous = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const code = a.charCodeAt(i - 1);
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(above + 1, previous[j - 1] + 1, diagonal + (code === b.charCodeAt(j - 1) ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}
