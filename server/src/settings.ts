/**
 * Settings, resolved per document through `workspace/configuration` (a folder or a language may
 * override them) and cached per uri until the client says they changed. Nothing is kept in
 * globals; a value of the wrong shape falls back to its default instead of failing.
 */
import type { Connection } from 'vscode-languageserver/node';
import type { DocumentSettings, PreferredNameForm, SeveritySetting } from '../../core/src/service/index';

export interface ServerSettings {
  /** Extra registry paths (absolute, or relative to the document's workspace folder). */
  registries: string[];
  severity: Record<string, SeveritySetting>;
  preferredNameForm: PreferredNameForm;
  debounceMs: number;
}

export const DEFAULT_SETTINGS: ServerSettings = Object.freeze({
  registries: [],
  severity: {},
  preferredNameForm: 'canonical',
  debounceMs: 150,
}) as ServerSettings;

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'info', 'hint', 'off'];
const NAME_FORMS: readonly PreferredNameForm[] = ['canonical', '全称', '简称'];
const MAX_DEBOUNCE_MS = 5000;

/** Reads the `fenjie` section as the client sends it (nested objects or dotted keys). */
export function normalizeSettings(raw: unknown): ServerSettings {
  const section = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const diagnostics = (section.diagnostics && typeof section.diagnostics === 'object' ? section.diagnostics : {}) as Record<string, unknown>;
  const registries = Array.isArray(section.registries) ? section.registries.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [];
  const severity: Record<string, SeveritySetting> = {};
  if (section.severity && typeof section.severity === 'object') {
    for (const [code, value] of Object.entries(section.severity as Record<string, unknown>)) {
      const level = typeof value === 'string' ? (value.toLowerCase() === 'information' ? 'info' : value.toLowerCase()) : '';
      if ((SEVERITIES as readonly string[]).includes(level)) severity[code.toUpperCase()] = level as SeveritySetting;
    }
  }
  const form = section.preferredNameForm;
  const preferredNameForm = typeof form === 'string' && (NAME_FORMS as readonly string[]).includes(form) ? (form as PreferredNameForm) : DEFAULT_SETTINGS.preferredNameForm;
  const debounce = diagnostics.debounceMs ?? section['diagnostics.debounceMs'];
  const debounceMs = typeof debounce === 'number' && Number.isFinite(debounce) ? Math.min(MAX_DEBOUNCE_MS, Math.max(0, Math.round(debounce))) : DEFAULT_SETTINGS.debounceMs;
  return { registries, severity, preferredNameForm, debounceMs };
}

export class Settings {
  private readonly cache = new Map<string, Promise<ServerSettings>>();

  constructor(
    private readonly connection: Connection,
    /** Whether the client answers `workspace/configuration`; without it every document has the defaults. */
    private readonly supported: boolean,
  ) {}

  get(uri: string): Promise<ServerSettings> {
    let pending = this.cache.get(uri);
    if (!pending) {
      pending = this.fetch(uri);
      this.cache.set(uri, pending);
    }
    return pending;
  }

  forget(uri?: string): void {
    if (uri === undefined) this.cache.clear();
    else this.cache.delete(uri);
  }

  private async fetch(uri: string): Promise<ServerSettings> {
    let settings = DEFAULT_SETTINGS;
    if (this.supported) {
      try {
        settings = normalizeSettings(await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'fenjie' }));
      } catch (error) {
        this.connection.console.warn(`[fenjie] settings for ${uri} unavailable, using defaults: ${String(error)}`);
      }
    }
    return settings;
  }
}

/** The part of the settings the language service reads, with registry paths turned into uris. */
export function serviceSettings(settings: ServerSettings, registryUris: readonly string[]): DocumentSettings {
  return { severity: settings.severity, preferredNameForm: settings.preferredNameForm, registries: registryUris };
}
