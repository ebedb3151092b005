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

/** A template cut at its placeholders: literal texts at even indexes, placeholder names at odd ones. */
const templateParts = new Map<string, string[]>();

function partsOf(template: string): string[] {
  let parts = templateParts.get(template);
  if (!parts) {
    // Templates are the checks' constants (a few hundred), so this never grows with the input.
    parts = template.split(/\{(\w+)\}/);
    if (templateParts.size < 10_000) templateParts.set(template, parts);
  }
  return parts;
}

export function format(template: string, args: MessageArgs = {}, locale: Locale = 'en'): string {
  const parts = partsOf(template);
  if (parts.length === 1) return template;
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i];
    const value = Object.prototype.hasOwnProperty.call(args, key) ? args[key] : undefined;
    out += (value === undefined ? `{${key}}` : typeof value === 'object' ? value[locale] : String(value)) + parts[i + 1];
  }
  return out;
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
