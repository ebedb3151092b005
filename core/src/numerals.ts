/** Chinese numerals as chapters and sections write them: 一 … 十 … 十二 … 二十三 … 一百零五. */

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** The value of a Chinese numeral, or NaN when it is not one. */
export function chineseNumeralValue(text: string): number {
  if (!text) return NaN;
  let total = 0;
  let digit = -1;
  for (const c of text) {
    if (c in DIGITS) {
      digit = DIGITS[c];
    } else if (c in UNITS) {
      total += (digit < 0 ? 1 : digit) * UNITS[c];
      digit = -1;
    } else {
      return NaN;
    }
  }
  return total + (digit < 0 ? 0 : digit);
}

const SMALL = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** The numeral for a value, as documents write it (11 → 十一, 20 → 二十, 105 → 一百零五). */
export function chineseNumeral(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value >= 1000) return String(value);
  if (value < 10) return SMALL[value];
  if (value < 20) return '十' + (value % 10 ? SMALL[value % 10] : '');
  if (value < 100) return SMALL[Math.floor(value / 10)] + '十' + (value % 10 ? SMALL[value % 10] : '');
  const rest = value % 100;
  return SMALL[Math.floor(value / 100)] + '百' + (rest === 0 ? '' : rest < 10 ? '零' + SMALL[rest] : rest < 20 ? '一' + chineseNumeral(rest) : chineseNumeral(rest));
}
