/**
 * Localized diagnostic messages. Every check module declares its own templates next to its code
 * (`{name}` placeholders) and builds diagnostics through `diagnostic`, so a message never exists
 * in one language only.
 */
import type { Diagnostic, Fix, LocalizedText, Range, RelatedLocation, Severity } from './model';

export type Locale = 'zh' | 'en';

export type Templates = Record<string, LocalizedText>;

/** A template argument: the same in both languages, or its own text per language. */
export type MessageArg = string | number | LocalizedText;
export type MessageArgs = Record<string, MessageArg>;

export function format(template: string, args: MessageArgs = {}, locale: Locale = 'en'): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (!(key in args)) return whole;
    const value = args[key];
    return typeof value === 'object' ? value[locale] : String(value);
  });
}

export function localize(template: LocalizedText, args: MessageArgs = {}): LocalizedText {
  return { zh: format(template.zh, args, 'zh'), en: format(template.en, args, 'en') };
}

/** `zh-CN`, `zh_TW.UTF-8`, `zh` → zh; anything else → en. */
export function localeOf(tag: string | undefined): Locale {
  return tag && /^zh/i.test(tag) ? 'zh' : 'en';
}

export interface DiagnosticExtras {
  related?: RelatedLocation[];
  tags?: Diagnostic['tags'];
  fixes?: Fix[];
}

export function diagnostic(
  code: string,
  severity: Severity,
  range: Range,
  template: LocalizedText,
  args: MessageArgs = {},
  extras: DiagnosticExtras = {},
): Diagnostic {
  const d: Diagnostic = { code, severity, message: localize(template, args), range };
  if (extras.related?.length) d.related = extras.related;
  if (extras.tags?.length) d.tags = extras.tags;
  if (extras.fixes?.length) d.fixes = extras.fixes;
  return d;
}
