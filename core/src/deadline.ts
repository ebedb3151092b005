/**
 * 完成时限 values: `2024年12月底`, `6月底前`, `12月31日前`, `2024年6月`, `年底前`, `上半年`,
 * `一季度末`, `2024-06-30`, `长期坚持`, `持续推进`.
 *
 * A value is read as a sequence of date expressions `[year] (period | month [day]) [qualifier]`
 * with any other words between them (`完成`, `、`). When it holds several dates the latest is the
 * deadline; a year left out is the previous expression's, else the document's 年度. A value with
 * words of continuing work (`长期`, `持续`, `常态化`) is ongoing. Any digit that no expression
 * reads, and any impossible date (`13月`, `2月30日`), leaves the value unparsed.
 */
import { fold, MappedText } from '../../grammar/src/text';
import type { Deadline } from './model';
import { chineseNumeralValue } from './numerals';

/** Periods of a year and the month they end in. */
const PERIODS: Record<string, number> = {
  上半年: 6, 下半年: 12, 年中: 6, 年底: 12, 年末: 12, 年内: 12, 全年: 12, 年初: 1,
  一季度: 3, 二季度: 6, 三季度: 9, 四季度: 12,
  第一季度: 3, 第二季度: 6, 第三季度: 9, 第四季度: 12,
  '1季度': 3, '2季度': 6, '3季度': 9, '4季度': 12,
};

/** Words written after a date: end of, before, a part of the month. */
const QUALIFIERS = ['底前', '末前', '底', '末', '初', '中旬', '上旬', '下旬', '中', '以前', '之前', '前', '内'];

/** Words that make a deadline continuing work rather than a date. */
const ONGOING_WORDS = ['长期', '持续', '常态', '坚持', '长效', '每年', '逐年', '年年', '久久为功'];

const CHINESE_NUMBER = /^[零〇一二两三四五六七八九十]+/;

function longestFirst(words: readonly string[]): string[] {
  return [...words].sort((a, b) => b.length - a.length);
}

const PERIOD_WORDS = longestFirst(Object.keys(PERIODS));
const QUALIFIER_WORDS = longestFirst(QUALIFIERS);

interface DateExpression {
  year?: number;
  month?: number;
  day?: number;
  qualifier?: string;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function daysIn(month: number, year: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Reads expressions left to right; undefined when a number is left unread or a date is impossible. */
class DeadlineReader {
  private at = 0;
  readonly expressions: DateExpression[] = [];

  constructor(private readonly text: string) {}

  read(): DateExpression[] | undefined {
    while (this.at < this.text.length) {
      const expression = this.expression();
      if (expression === null) return undefined;
      if (expression) this.expressions.push(expression);
      else if (isDigit(this.text[this.at])) return undefined;
      else this.at++;
    }
    return this.expressions;
  }

  /** An expression at the cursor, undefined when none starts here, null when one is malformed. */
  private expression(): DateExpression | undefined | null {
    const start = this.at;
    const numeric = this.numericDate();
    if (numeric !== undefined) return numeric;
    const year = this.year();
    const period = this.word(PERIOD_WORDS);
    let month = period ? PERIODS[period] : undefined;
    let day: number | undefined;
    if (!period) {
      month = this.numberBefore('月');
      if (month !== undefined) day = this.numberBefore('日') ?? this.numberBefore('号');
    }
    const qualifier = this.word(QUALIFIER_WORDS);
    if (year === undefined && month === undefined) {
      this.at = start;
      return undefined;
    }
    // `2024年底`: the year's own end.
    if (year !== undefined && month === undefined && qualifier && /^[底末]/.test(qualifier)) month = 12;
    const expression: DateExpression = {};
    if (year !== undefined) expression.year = year;
    if (month !== undefined) expression.month = month;
    if (day !== undefined) expression.day = day;
    const written = (period ?? '') + (qualifier ?? '');
    if (written) expression.qualifier = written;
    if (month !== undefined && (month < 1 || month > 12)) return null;
    if (day !== undefined && (day < 1 || day > daysIn(month!, year ?? 2000))) return null;
    return expression;
  }

  /** `2024-06-30`, `2024.6`, `2024/6/30`. */
  private numericDate(): DateExpression | undefined | null {
    const match = /^(\d{4})[-./](\d{1,2})(?:[-./](\d{1,2}))?/.exec(this.text.slice(this.at, this.at + 10));
    if (!match) return undefined;
    this.at += match[0].length;
    const [year, month, day] = [Number(match[1]), Number(match[2]), match[3] ? Number(match[3]) : undefined];
    if (month < 1 || month > 12 || (day !== undefined && (day < 1 || day > daysIn(month, year)))) return null;
    return day === undefined ? { year, month } : { year, month, day };
  }

  /** `2024年`; four digits only, so `24年` stays unread. */
  private year(): number | undefined {
    const match = /^(\d{4})年/.exec(this.text.slice(this.at, this.at + 5));
    if (!match) return undefined;
    this.at += match[0].length;
    return Number(match[1]);
  }

  /** A number in digits or Chinese numerals followed by `unit` (`12月`, `十二月`, `31日`). */
  private numberBefore(unit: string): number | undefined {
    const rest = this.text.slice(this.at, this.at + 6);
    const digits = /^\d{1,2}/.exec(rest)?.[0] ?? CHINESE_NUMBER.exec(rest)?.[0];
    if (!digits || rest[digits.length] !== unit) return undefined;
    const value = isDigit(digits[0]) ? Number(digits) : chineseNumeralValue(digits);
    if (Number.isNaN(value)) return undefined;
    this.at += digits.length + 1;
    return value;
  }

  private word(words: readonly string[]): string | undefined {
    const found = words.find((w) => this.text.startsWith(w, this.at));
    if (found) this.at += found.length;
    return found;
  }
}

/** Orders dates; a missing month or day is the end of the year or month. */
function dateKey(d: DateExpression): number {
  return (d.year ?? 0) * 10000 + (d.month ?? 12) * 100 + (d.day ?? 31);
}

/** The deadline a 完成时限 value states; `year` (the document's 年度) fills a year left out. */
export function parseDeadline(value: MappedText, year?: number): Deadline {
  const raw = value.text;
  const leading = raw.length - raw.trimStart().length;
  const text = raw.trim();
  const deadline: Deadline = { text, range: value.rangeOf(leading, leading + text.length), kind: 'unparsed' };
  const key = fold(text).replace(/\s+/g, '');
  const expressions = new DeadlineReader(key).read();
  const ongoing = ONGOING_WORDS.some((w) => key.includes(w));
  if (expressions === undefined) return deadline;
  let lastYear = year;
  for (const e of expressions) {
    if (e.year !== undefined) lastYear = e.year;
    else if (lastYear !== undefined) e.year = lastYear;
  }
  const latest = expressions.reduce<DateExpression | undefined>((best, e) => (!best || dateKey(e) > dateKey(best) ? e : best), undefined);
  if (!latest) return ongoing ? { ...deadline, kind: 'ongoing' } : deadline;
  return { ...deadline, kind: ongoing ? 'ongoing' : 'date', ...latest };
}
