/**
 * The user's settings applied to a document's diagnostics: a severity per code (or off), and the
 * name form the team prefers for units (the registry's canonical name by default, or 全称 / 简称).
 */
import { nameKey } from '../../../grammar/src/text';
import { diagnostic } from '../messages';
import type { Diagnostic, FenjieDocument, Severity, UnitMention } from '../model';
import type { RegistryIndex, UnitEntry } from '../registry';
import type { PreferredNameForm } from './completion';

export type SeveritySetting = Severity | 'off';

export interface DiagnosticSettings {
  /** Code → severity, or `off` to drop the code. */
  severity?: Readonly<Record<string, SeveritySetting>>;
  preferredNameForm?: PreferredNameForm;
}

const PREFERRED = {
  zh: '按设置应写作{form}“{preferred}”。',
  en: 'The settings ask for the {form}: "{preferred}".',
};

const FORM_WORDS: Record<Exclude<PreferredNameForm, 'canonical'>, { zh: string; en: string }> = {
  全称: { zh: '全称', en: 'full name' },
  简称: { zh: '简称', en: 'short name' },
};

function preferredName(unit: UnitEntry, form: PreferredNameForm): string | undefined {
  if (form === '全称') return unit.fullName;
  if (form === '简称') return unit.shortNames[0];
  return unit.name;
}

function isPreferredSpelling(unit: UnitEntry, text: string, form: PreferredNameForm): boolean {
  const key = nameKey(text);
  if (form === '全称') return !!unit.fullName && nameKey(unit.fullName) === key;
  if (form === '简称') return unit.shortNames.some((s) => nameKey(s) === key);
  return nameKey(unit.name) === key;
}

/**
 * With a preferred form other than the canonical name, FJ102 ("use the canonical name") turns
 * around: a mention in the preferred form is fine, any other spelling of a unit that has the
 * preferred form is flagged, with a fix to it.
 */
function applyNameForm(document: FenjieDocument, index: RegistryIndex, diagnostics: Diagnostic[], form: Exclude<PreferredNameForm, 'canonical'>): Diagnostic[] {
  const kept = diagnostics.filter((d) => d.code !== 'FJ102');
  const mentions: UnitMention[] = document.tasks.flatMap((t) => [...t.leadUnits, ...t.cooperatingUnits]);
  for (const mention of mentions) {
    if (mention.resolution !== 'canonical' && mention.resolution !== 'alias') continue;
    const match = index.lookup(mention.text);
    if (match?.kind !== 'unit') continue;
    const preferred = preferredName(match.entry, form);
    if (!preferred || isPreferredSpelling(match.entry, mention.text, form)) continue;
    kept.push(
      diagnostic('FJ102', 'hint', mention.range, PREFERRED, { form: FORM_WORDS[form], preferred }, {
        fixes: [{ title: { zh: `改为“${preferred}”`, en: `Change to "${preferred}"` }, edits: [{ range: mention.range, newText: preferred }], preferred: true }],
      }),
    );
  }
  return kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

export function applySettings(document: FenjieDocument, index: RegistryIndex, diagnostics: readonly Diagnostic[], settings: DiagnosticSettings): Diagnostic[] {
  let out = [...diagnostics];
  const form = settings.preferredNameForm;
  if (form && form !== 'canonical') out = applyNameForm(document, index, out, form);
  const severity = settings.severity;
  if (severity && Object.keys(severity).length) {
    out = out.flatMap((d) => {
      const setting = severity[d.code];
      if (setting === 'off') return [];
      return setting && setting !== d.severity ? [{ ...d, severity: setting }] : [d];
    });
  }
  return out;
}
