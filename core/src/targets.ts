/**
 * Numeric targets in task texts: `地区生产总值增长5.5%左右`, `突破15家`, `超百个`, `1.5万户`,
 * `普及率和数控化率分别达到85%、70%`.
 *
 * A target is a number with a measure word (or a magnitude after a comparator: `突破百亿`), read in
 * one of two shapes:
 *   - quantity last: `[indicator][modal][分别][verb][comparator] number [magnitude][余|多] measure [qualifier]`,
 *     followed by a clause end, a list separator, a conjunction or a verb (`投资7.2亿元改造…`);
 *   - count first: `action-verb|等 number classifier [以上] counted-noun` (`实施15项重大工程`).
 * A unit measure followed by a noun is attributive, not a target (`超20万元村`, `10亿元以上项目`,
 * `总投资9.5亿元的…`); so are years, dates, ordinals (`第三次`), names with digits (`5G`, `“7+12”`)
 * and anything inside quotes or book-title marks. A false target is worse than a missed one, so
 * every rule errs towards rejecting.
 *
 * The scanner is one left-to-right pass; each step looks at most a bounded number of characters
 * around the cursor (word lists, a noun phrase of at most NOUN_PHRASE_LIMIT), and indicator slices
 * of successive targets do not overlap, so the whole is linear in the text length.
 */
import { fold, MappedText } from '../../grammar/src/text';
import type { Comparator, Target } from './model';
import { chineseNumeralValue } from './numerals';

type Magnitude = NonNullable<Target['magnitude']>;

const MAGNITUDE_FACTORS: Record<Magnitude, number> = { 十: 10, 百: 100, 千: 1e3, 万: 1e4, 亿: 1e8, 万亿: 1e12 };

/** Measure words that count things; the counted noun may follow them (`15项重大工程`). */
const CLASSIFIERS = [
  '个', '项', '家', '所', '处', '条', '座', '部', '套', '台', '辆', '艘', '架', '名', '场', '张',
  '间', '栋', '株', '棵', '头', '只', '位', '篇', '件', '种', '款', '支', '片', '段',
];

/** Units of quantity. A noun right after one makes the number attributive (`20万元村`). */
const UNITS = [
  '个百分点', '百分点', '%', '‰', '倍', '元', '美元', '亩', '公顷', '斤', '公斤', '吨', '吨标准煤',
  '千瓦时', '千瓦', '兆瓦', '公里', '千米', '米', '平方米', '平方公里', '立方米', '人次', '人', '户',
  '场次', '标箱', '天', '小时', '分钟', '个工作日', '工作日',
];

/** Qualifiers written after the measure word, with the comparator each implies. */
const SUFFIX_QUALIFIERS: Record<string, Comparator> = {
  左右: '≈', 上下: '≈', 以上: '≥', 以内: '≤', 之内: '≤', 以下: '≤',
};

/** Comparator words written right before the number; they double as the verb (`突破15家`). */
const PREFIX_QUALIFIERS: Record<string, Comparator> = {
  约: '≈', 大约: '≈',
  不少于: '≥', 不低于: '≥', 至少: '≥',
  超过: '>', 突破: '>', 超: '>', 多于: '>', 高于: '>',
  不超过: '≤', 不高于: '≤',
  低于: '<', 少于: '<',
};

/** Characters that make `约` part of a word (`签约`, `节约`) instead of "about". */
const WORDS_ENDING_IN_YUE = new Set('签预合节制公条契履违特邀相集隐婚解守失践');

/** `1500余家`, `100多个`: more than the number written. */
const APPROXIMATE_EXCESS: Record<string, Comparator> = { 余: '>', 多: '>' };

/** Every qualifier word and the comparator it implies, for checks that reason about them. */
export const QUALIFIER_COMPARATORS: Readonly<Record<string, Comparator>> = {
  ...SUFFIX_QUALIFIERS,
  ...PREFIX_QUALIFIERS,
  ...APPROXIMATE_EXCESS,
};

/** Verbs that carry a quantity: a change (`增长`) or a level (`达到`, `稳定在`). */
const QUANTITY_VERBS = [
  '增长', '增加', '提高', '提高到', '提高至', '提升', '提升到', '提升至', '下降', '降低', '降低到', '降低至',
  '减少', '达到', '达', '稳定在', '保持在', '控制在', '为', '增至', '增加到', '增长到', '降至', '下降到', '下降至',
  '减少到', '减少至', '扩大到', '扩大至',
];

/** Verbs that state a relative change; a rate may grow by more than 100%. */
const CHANGE_VERBS = new Set(['增长', '增加', '提高', '提升', '下降', '降低', '减少']);

/** Verbs after which the quantity is an upper bound even with no qualifier written. */
const UPPER_BOUND_VERBS = new Set(['控制在']);

/** Words that only say how hard the target is pursued; dropped from the indicator. */
const MODALS = ['确保', '力争', '争取'];

/** Leading words dropped from an indicator: modals and verbs that say nothing about what is measured. */
const LEADING_FILLERS = [
  ...MODALS, '实现', '推动', '推进', '加快', '促进', '持续', '深入', '积极', '全力', '着力', '大力', '努力',
  '扎实', '稳步', '进一步',
];

/** Verbs that introduce a counted noun (`实施15项重大工程`, `建设5处…设施`). */
const ACTION_VERBS = [
  '实施', '建设', '推进', '打造', '新建', '续建', '建成', '新增', '培育', '引进', '创建', '建强', '推动', '加快',
  '发展', '开通', '启动', '完成', '改造', '提升', '储备', '举办', '开展', '组建', '设立', '争创', '培训', '招引',
  '扶持', '认定', '签约', '谋划', '布局', '规划', '增设', '新开', '引育', '招商', '落地', '开工', '竣工', '投产',
];

/** Verbs that may follow a quantity directly without making it attributive (`投资7.2亿元改造…`). */
const FOLLOWING_VERBS = [
  '改造', '实施', '建设', '新建', '用于', '完成', '实现', '就业', '覆盖', '投入', '开工', '竣工', '投产', '落地',
  '签约', '参与', '参加', '受益', '达标',
];

/** Where a counted noun stops (`77个配套项目签约落地` → `配套项目`). */
const NOUN_STOPS = [
  '达到', '实现', '开工', '竣工', '投产', '签约', '落地', '完工', '建成', '启用', '运营', '建设', '被', '正在', '有序',
  '陆续', '全面', '完毕',
];

/** A counted noun followed by one of these is a scope, not a target (`12个特色产业项目聚集度`). */
const SCOPE_MARKERS = ['取得', '进度', '进展', '水平', '能力', '聚集度', '集聚度', '影响力', '效益', '竞争力'];

const CONJUNCTIONS = ['和', '及', '与', '并', '且', '或'];

/** Indicators that name a share or a rate (FJ401). */
const RATE_SUFFIXES = ['率', '比重', '占比', '比例'];

/** Characters that end a clause: an indicator never reaches back across one. */
const CLAUSE_ENDS = new Set([',', ';', '.', ':', '!', '?', '，', '；', '。', '：', '！', '？', '\n', '\r', '\t']);

const LIST_SEPARATOR = '、';

/** Characters before a number that make it part of a name, a range or an ordinal. */
const REJECTED_BEFORE = new Set(['第', '前', '每', '+', '-', '~', '/', '—', '–', '－', '#', '_', '～']);

/** Characters after a number that make it part of a name or a range (`5G`, `60-65岁`). */
const REJECTED_AFTER = new Set(['+', '-', '~', '/', '—', '–', '－', '#', '_', '～', ':']);

const OPENING_QUOTES = new Set(['“', '‘', '《', '「', '『', '〈']);
const CLOSING_QUOTES = new Set(['”', '’', '》', '」', '』', '〉']);

const CHINESE_NUMERAL_CHARACTERS = new Set('零〇一二两三四五六七八九十百千');
const CHINESE_NUMERAL_CODES = new Set([...CHINESE_NUMERAL_CHARACTERS].map((c) => c.charCodeAt(0)));

/**
 * A CJK ideograph that is no numeral: nothing the scanner looks for. Most of a task's characters
 * are such, and are passed over by code, without making a one-character string of each.
 */
function isPlainIdeograph(code: number): boolean {
  return code >= 0x4e00 && code <= 0x9fff && !CHINESE_NUMERAL_CODES.has(code);
}

/** A counted noun longer than this is prose, not a noun phrase. */
const NOUN_PHRASE_LIMIT = 30;

function longestFirst(words: readonly string[]): string[] {
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

const MEASURES = longestFirst([...CLASSIFIERS, ...UNITS]);
const CLASSIFIER_SET = new Set(CLASSIFIERS);
const SUFFIX_WORDS = longestFirst(Object.keys(SUFFIX_QUALIFIERS));
const PREFIX_WORDS = longestFirst(Object.keys(PREFIX_QUALIFIERS));
const VERB_WORDS = longestFirst(QUANTITY_VERBS);
const MODAL_WORDS = longestFirst(MODALS);
const FILLER_WORDS = longestFirst(LEADING_FILLERS);
const ACTION_WORDS = longestFirst(ACTION_VERBS);
const FOLLOWING_WORDS = longestFirst(FOLLOWING_VERBS);
const MAGNITUDE_WORDS = longestFirst(Object.keys(MAGNITUDE_FACTORS));

/** The longest of `words` (sorted longest first) written at `at`. */
function wordAt(text: string, at: number, words: readonly string[]): string | undefined {
  return words.find((w) => text.startsWith(w, at));
}

/** The longest of `words` (sorted longest first) ending at `end` and starting at or after `floor`. */
function wordBefore(text: string, end: number, floor: number, words: readonly string[]): string | undefined {
  return words.find((w) => end - w.length >= floor && text.startsWith(w, end - w.length));
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isLatinLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

function isChineseNumeral(c: string | undefined): boolean {
  return c !== undefined && CHINESE_NUMERAL_CHARACTERS.has(c);
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\u3000' || c === '\u00a0';
}

const WELL_FORMED_NUMBER = /^(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;

/**
 * Whether a number as written (`5.5`, `1,500`, `５．５`) is well formed; `5..5`, `5.5.1`, `1,0`,
 * `.5`, `5.` are not (FJ403). Chinese numerals are well formed when they read as one.
 */
export function isWellFormedNumber(valueText: string): boolean {
  const folded = fold(valueText);
  if (isChineseNumeral(folded[0])) return !Number.isNaN(chineseNumeralValue(folded));
  return WELL_FORMED_NUMBER.test(folded);
}

/**
 * The value of an Arabic number, malformed ones read as well as they can be: separators dropped,
 * the first non-empty fraction kept (`5..5` → 5.5, `5.5.1` → 5.5, `1,0` → 10, `.5` → 0.5).
 */
function arabicValue(folded: string): number {
  const point = folded.indexOf('.');
  // The usual number (`45`, `5.5`) reads as written.
  if (!folded.includes(',') && (point < 0 || (point > 0 && point < folded.length - 1 && !folded.includes('.', point + 1)))) return Number(folded);
  const [whole, ...fractions] = folded.replace(/,/g, '').split('.');
  const fraction = fractions.find((f) => f.length > 0);
  return Number(`${whole || '0'}${fraction ? `.${fraction}` : ''}`);
}

function scaled(value: number, magnitude: Magnitude | undefined): number {
  return magnitude ? Number((value * MAGNITUDE_FACTORS[magnitude]).toPrecision(15)) : value;
}

/** A share or a rate (`普及率`, `占比`, `比重`): a level above 100% makes no sense. */
export function isRateIndicator(indicator: string): boolean {
  const trimmed = indicator.trim();
  return RATE_SUFFIXES.some((suffix) => trimmed.endsWith(suffix));
}

/** A verb that states a relative change (`增长`, `提升`), as opposed to a level (`提升至`, `达到`). */
export function isChangeVerb(verb: string | undefined): boolean {
  return verb !== undefined && CHANGE_VERBS.has(verb);
}

/** The number, magnitude, measure and qualifiers after a number's first character. */
interface Quantity {
  start: number;
  numberEnd: number;
  value: number;
  magnitude?: Magnitude;
  measure: string;
  /** Words after the number (`余`, `左右`, `以上`). */
  qualifiers: string[];
  end: number;
}

/** The words before a number: `[modal][分别][verb][comparator]`. */
interface Lead {
  start: number;
  verb?: string;
  /** Where the verb, or else the comparator word, begins. */
  verbStart?: number;
  comparatorWord?: string;
  respectively: boolean;
}

class TargetScanner {
  private readonly text: string;
  private readonly targets: Target[] = [];
  /** Where the clause of the next indicator begins: after a clause end or after the last target, never before it. */
  private clauseStart = 0;
  private lastTargetEnd = -1;
  /** The last target was a counted noun (`1所小学`), so `和1所…` may continue the list. */
  private lastWasCount = false;
  private quoteDepth = 0;

  constructor(private readonly source: MappedText) {
    this.text = fold(source.text);
  }

  run(): Target[] {
    const text = this.text;
    let i = 0;
    while (i < text.length) {
      if (isPlainIdeograph(text.charCodeAt(i))) {
        i++;
        continue;
      }
      const c = text[i];
      if (CLAUSE_ENDS.has(c) && !(c === '.' && isDigit(text[i + 1]))) {
        this.clauseStart = i + 1;
        if (c !== ',' && c !== '，' && c !== ':' && c !== '：') this.quoteDepth = 0;
        i++;
      } else if (OPENING_QUOTES.has(c) || (c === '"' && this.quoteDepth === 0)) {
        this.quoteDepth++;
        i++;
      } else if (CLOSING_QUOTES.has(c) || c === '"') {
        this.quoteDepth = Math.max(0, this.quoteDepth - 1);
        i++;
      } else if (isDigit(c) || (c === '.' && isDigit(text[i + 1]))) {
        i = this.atArabicNumber(i);
      } else if (isChineseNumeral(c) && this.quoteDepth === 0) {
        i = this.atChineseNumeral(i);
      } else {
        i++;
      }
    }
    return this.targets;
  }

  /** Reads a number at `start`; returns where scanning resumes. */
  private atArabicNumber(start: number): number {
    const numberEnd = this.arabicNumberEnd(start);
    if (this.quoteDepth > 0 || !this.standsAlone(start, numberEnd)) return this.skipName(numberEnd);
    const quantity = this.readQuantity(start, numberEnd, arabicValue(this.text.slice(start, numberEnd)));
    return quantity ? this.accept(quantity) : numberEnd;
  }

  /** Digits with `.` and ASCII `,` between them; a trailing separator only before a measure (`5.%`). */
  private arabicNumberEnd(start: number): number {
    const { text } = this;
    const original = this.source.text;
    let end = start;
    while (end < text.length && (isDigit(text[end]) || text[end] === '.' || (text[end] === ',' && original[end] === ','))) end++;
    while (end > start + 1 && !isDigit(text[end - 1]) && !this.measureOrMagnitudeAt(end)) end--;
    return end;
  }

  private measureOrMagnitudeAt(at: number): boolean {
    return wordAt(this.text, at, MEASURES) !== undefined || wordAt(this.text, at, MAGNITUDE_WORDS) !== undefined;
  }

  /** Not part of a name (`5G`, `PM2.5`), a range (`60-65岁`) or an ordinal (`第3`). */
  private standsAlone(start: number, end: number): boolean {
    const before = this.text[start - 1];
    const after = this.text[end];
    return !isLatinLetter(before) && !REJECTED_BEFORE.has(before) && !isLatinLetter(after) && !REJECTED_AFTER.has(after);
  }

  /** Skips the rest of a name with digits (`5G工厂`, `IPv6`) so its digits are not read again. */
  private skipName(end: number): number {
    let i = end;
    while (i < this.text.length && (isDigit(this.text[i]) || isLatinLetter(this.text[i]))) i++;
    return i;
  }

  /** A Chinese numeral is a number only right after a comparator (`超百个`, `至少一人`). */
  private atChineseNumeral(start: number): number {
    const { text } = this;
    let end = start;
    while (end < text.length && isChineseNumeral(text[end])) end++;
    const value = chineseNumeralValue(text.slice(start, end));
    const comparator = this.comparatorBefore(start, this.clauseStart);
    if (Number.isNaN(value) || comparator === undefined || text[start - 1] === '第') return end;
    const quantity = this.readQuantity(start, end, value);
    // Never a counted noun: `达到一个新水平`, `突破一批技术` are no targets.
    if (!quantity || this.followedByNoun(quantity)) return end;
    return this.acceptQuantityLast(quantity);
  }

  private readQuantity(start: number, numberEnd: number, value: number): Quantity | undefined {
    const { text } = this;
    let at = numberEnd;
    const qualifiers: string[] = [];
    let magnitude: Magnitude | undefined;
    let measure = wordAt(text, at, MEASURES);
    if (measure === undefined) {
      magnitude = wordAt(text, at, MAGNITUDE_WORDS) as Magnitude | undefined;
      if (magnitude) at += magnitude.length;
      if (text[at] in APPROXIMATE_EXCESS) qualifiers.push(text[at++]);
      measure = wordAt(text, at, MEASURES);
    }
    if (measure !== undefined) at += measure.length;
    else if (!magnitude) return undefined;
    // A magnitude the type does not know (`5千万`) reads wrong; better no target than a wrong one.
    if (measure === undefined && wordAt(text, at, MAGNITUDE_WORDS)) return undefined;
    for (let n = 0; n < 2; n++) {
      const suffix = wordAt(text, at, SUFFIX_WORDS);
      if (!suffix) break;
      qualifiers.push(suffix);
      at += suffix.length;
    }
    return { start, numberEnd, value, magnitude, measure: measure ?? '', qualifiers, end: at };
  }

  private readLead(numberStart: number): Lead {
    const { text } = this;
    const floor = this.clauseStart;
    let end = numberStart;
    const comparatorWord = this.comparatorBefore(end, floor);
    if (comparatorWord) end -= comparatorWord.length;
    const verb = wordBefore(text, end, floor, VERB_WORDS);
    if (verb) end -= verb.length;
    const verbStart = verb ? end : comparatorWord ? numberStart - comparatorWord.length : undefined;
    const respectively = wordBefore(text, end, floor, ['分别']) !== undefined;
    if (respectively) end -= 2;
    const modal = wordBefore(text, end, floor, MODAL_WORDS);
    if (modal) end -= modal.length;
    // `突破`, `不少于` carry the target like a verb; `约` only hedges it.
    const comparatorVerb = comparatorWord && PREFIX_QUALIFIERS[comparatorWord] !== '≈' ? comparatorWord : undefined;
    return { start: end, verb: verb ?? comparatorVerb, verbStart, comparatorWord, respectively };
  }

  private comparatorBefore(end: number, floor: number): string | undefined {
    const word = wordBefore(this.text, end, floor, PREFIX_WORDS);
    return word === '约' && WORDS_ENDING_IN_YUE.has(this.text[end - 2]) ? undefined : word;
  }

  /** What follows the quantity: the end of a phrase, or a noun (a classifier's noun is never a verb). */
  private followedByNoun(quantity: Quantity): boolean {
    const { text } = this;
    const at = quantity.end;
    const c = text[at];
    if (at >= text.length || CLAUSE_ENDS.has(c) || c === LIST_SEPARATOR || CLOSING_QUOTES.has(c) || isSpace(c)) return false;
    if (c === ')' || c === '）' || CONJUNCTIONS.includes(c)) return false;
    return CLASSIFIER_SET.has(quantity.measure) || wordAt(text, at, FOLLOWING_WORDS) === undefined;
  }

  private accept(quantity: Quantity): number {
    if (!this.followedByNoun(quantity)) return this.acceptQuantityLast(quantity);
    if (CLASSIFIER_SET.has(quantity.measure)) return this.acceptCountFirst(quantity);
    return quantity.end;
  }

  /** `地区生产总值增长5.5%左右`, `普及率和数控化率分别达到85%、70%`. */
  private acceptQuantityLast(first: Quantity): number {
    const lead = this.readLead(first.start);
    if (first.measure === '' && !lead.comparatorWord) return first.end;
    const indicator = this.indicatorBefore(lead.start);
    if (indicator.text === '' && lead.verb === undefined) {
      // A bare quantity (`…40%、52%、56.7%`) is not a target, and not part of the next indicator either.
      this.clauseStart = first.end;
      return first.end;
    }
    const quantities = lead.respectively ? this.respectiveList(first) : [first];
    const parts = quantities.length > 1 ? splitIndicator(indicator) : [];
    const shared = parts.length === quantities.length ? undefined : indicator;
    quantities.forEach((quantity, n) => {
      const own = shared ?? parts[n];
      const start = own.text ? own.start : lead.verbStart ?? quantity.start;
      this.push(quantity, own, lead, start, quantity.end);
    });
    const end = quantities[quantities.length - 1].end;
    this.finishTarget(end, false);
    return end;
  }

  /** `实施15项重大工程`, `推进20个以上5G工厂`, `贺利氏信越石英等100个项目`. */
  private acceptCountFirst(quantity: Quantity): number {
    const { text } = this;
    const lead = this.readLead(quantity.start);
    const floor = this.clauseStart;
    const action = wordBefore(text, lead.start, floor, ACTION_WORDS);
    const before = text[quantity.start - 1];
    const continuesCount =
      this.lastWasCount && this.lastTargetEnd === quantity.start - 1 && (before === LIST_SEPARATOR || CONJUNCTIONS.includes(before));
    if (!action && !lead.comparatorWord && before !== '等' && !continuesCount) return quantity.end;
    const noun = this.countedNoun(quantity.end);
    if (!noun) return quantity.end;
    const verb = lead.verb ?? action;
    const verbStart = lead.verbStart ?? (action ? lead.start - action.length : undefined);
    this.push(quantity, noun, { ...lead, verb, verbStart }, quantity.start, noun.start + noun.text.length);
    const end = noun.start + noun.text.length;
    this.finishTarget(end, true);
    return end;
  }

  /** The noun a count applies to, cut before the verb that follows it; undefined for a scope. */
  private countedNoun(start: number): { text: string; start: number } | undefined {
    const { text } = this;
    const limit = Math.min(text.length, start + NOUN_PHRASE_LIMIT);
    let phraseEnd = start;
    while (phraseEnd < limit && !CLAUSE_ENDS.has(text[phraseEnd]) && text[phraseEnd] !== LIST_SEPARATOR) phraseEnd++;
    const phrase = text.slice(start, phraseEnd);
    if (SCOPE_MARKERS.some((marker) => phrase.includes(marker)) || /[度率]$/.test(phrase)) return undefined;
    let end = start;
    while (end < phraseEnd && !wordAt(text, end, NOUN_STOPS) && !(CONJUNCTIONS.includes(text[end]) && isDigit(text[end + 1]))) end++;
    while (end > start && isSpace(text[end - 1])) end--;
    return end > start ? { text: this.source.text.slice(start, end), start } : undefined;
  }

  /** `85%、70%` after `分别达到`. */
  private respectiveList(first: Quantity): Quantity[] {
    const list = [first];
    let last = first;
    while (this.text[last.end] === LIST_SEPARATOR && isDigit(this.text[last.end + 1])) {
      const start = last.end + 1;
      const numberEnd = this.arabicNumberEnd(start);
      if (!this.standsAlone(start, numberEnd)) break;
      const next = this.readQuantity(start, numberEnd, arabicValue(this.text.slice(start, numberEnd)));
      if (!next || this.followedByNoun(next)) break;
      list.push(next);
      last = next;
    }
    return list;
  }

  /** The clause before `end`, without leading separators and filler verbs. */
  private indicatorBefore(end: number): { text: string; start: number } {
    const { text } = this;
    let start = this.clauseStart;
    const continuesList = start === this.lastTargetEnd;
    while (start < end && (isSpace(text[start]) || text[start] === LIST_SEPARATOR)) start++;
    // `8万亩和5万亩`: the conjunction joins two targets; elsewhere it may begin a word (`及时`).
    if (continuesList && CONJUNCTIONS.includes(text[start])) start++;
    for (let filler = wordAt(text, start, FILLER_WORDS); filler && start + filler.length <= end; filler = wordAt(text, start, FILLER_WORDS)) {
      start += filler.length;
    }
    let stop = end;
    while (stop > start && isSpace(text[stop - 1])) stop--;
    return { text: this.source.text.slice(start, stop), start };
  }

  private push(quantity: Quantity, indicator: { text: string; start: number }, lead: Lead, start: number, end: number): void {
    const { source } = this;
    const qualifiers = [...(lead.comparatorWord ? [lead.comparatorWord] : []), ...quantity.qualifiers];
    const target: Target = {
      indicator: indicator.text,
      comparator: comparatorOf(lead, quantity),
      valueText: source.text.slice(quantity.start, quantity.numberEnd),
      value: quantity.value,
      scaledValue: scaled(quantity.value, quantity.magnitude),
      measure: quantity.measure,
      qualifiers,
      range: source.rangeOf(start, end),
      valueRange: source.rangeOf(quantity.start, quantity.numberEnd),
      text: source.text.slice(start, end),
    };
    if (indicator.text) target.indicatorRange = source.rangeOf(indicator.start, indicator.start + indicator.text.length);
    if (lead.verb) target.verb = lead.verb;
    if (quantity.magnitude) target.magnitude = quantity.magnitude;
    this.targets.push(target);
  }

  private finishTarget(end: number, count: boolean): void {
    this.lastTargetEnd = end;
    this.clauseStart = Math.max(this.clauseStart, end);
    this.lastWasCount = count;
  }
}

function comparatorOf(lead: Lead, quantity: Quantity): Comparator {
  const written = [...quantity.qualifiers].reverse().find((q) => q in SUFFIX_QUALIFIERS);
  if (written) return SUFFIX_QUALIFIERS[written];
  const excess = quantity.qualifiers.find((q) => q in APPROXIMATE_EXCESS);
  if (lead.comparatorWord) return PREFIX_QUALIFIERS[lead.comparatorWord];
  if (excess) return APPROXIMATE_EXCESS[excess];
  if (lead.verb && UPPER_BOUND_VERBS.has(lead.verb)) return '≤';
  return '=';
}

/** `普及率和关键工序数控化率` → its two indicators, for `分别`; `及`/`与` are left alone (`普及率`, `参与率`). */
function splitIndicator(indicator: { text: string; start: number }): { text: string; start: number }[] {
  const parts: { text: string; start: number }[] = [];
  let partStart = 0;
  const text = indicator.text;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === LIST_SEPARATOR || text[i] === '和') {
      if (i > partStart) parts.push({ text: text.slice(partStart, i), start: indicator.start + partStart });
      partStart = i + 1;
    }
  }
  return parts;
}

/** Every numeric target in a task text, in order, with the source ranges of its parts. */
export function extractTargets(text: MappedText): Target[] {
  return new TargetScanner(text).run();
}
