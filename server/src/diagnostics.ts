/**
 * Diagnostics while typing: an opened document is checked at once, an edited one after the
 * debounce its settings ask for; registry files publish their own problems; when a registry or
 * the tokenizer changes, every open document is checked again.
 */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import type { Locale } from '../../core/src/messages';
import type { Diagnostic } from '../../core/src/model';
import { isRegistryUri } from '../../core/src/service/index';
import type { FenjieServer } from './context';

const SEVERITY: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const TAGS = { unnecessary: DiagnosticTag.Unnecessary, deprecated: DiagnosticTag.Deprecated } as const;

export function toLspDiagnostic(d: Diagnostic, uri: string, locale: Locale): LspDiagnostic {
  const out: LspDiagnostic = { range: d.range, severity: SEVERITY[d.severity], code: d.code, source: 'fenjie', message: d.message[locale] };
  if (d.related?.length) out.relatedInformation = d.related.map((r) => ({ location: { uri: r.uri ?? uri, range: r.range }, message: r.message[locale] }));
  if (d.tags?.length) out.tags = d.tags.map((t) => TAGS[t]);
  return out;
}

/** Registry-wide changes arrive in bursts (a folder of registries loading); they are coalesced. */
const REVALIDATE_DELAY_MS = 50;

export class DiagnosticsPublisher {
  /** The check waiting for each document, by what cancels it. */
  private readonly waiting = new Map<string, () => void>();
  private revalidateTimer?: NodeJS.Timeout;
  private firstPublished?: () => void;
  /** Resolves once the first diagnostics have gone out (background work waits for it). */
  readonly firstPublication: Promise<void>;

  constructor(private readonly server: FenjieServer) {
    this.firstPublication = new Promise((resolve) => (this.firstPublished = resolve));
  }

  /** Checks a document after `delayMs` (0: once the messages already received are handled), replacing any check already waiting. */
  schedule(uri: string, delayMs: number): void {
    this.waiting.get(uri)?.();
    const check = () => {
      this.waiting.delete(uri);
      void this.validate(uri);
    };
    // A timer waits a millisecond at least: with no debounce, the check follows the edits already read.
    if (delayMs === 0) {
      const immediate = setImmediate(check);
      this.waiting.set(uri, () => clearImmediate(immediate));
    } else {
      const timer = setTimeout(check, delayMs);
      this.waiting.set(uri, () => clearTimeout(timer));
    }
  }

  /** An edit: wait for the document's debounce. */
  async changed(uri: string): Promise<void> {
    const settings = await this.server.settings.get(uri);
    this.schedule(uri, settings.debounceMs);
  }

  revalidateAll(): void {
    clearTimeout(this.revalidateTimer);
    this.revalidateTimer = setTimeout(() => {
      for (const document of this.server.documents.all()) this.schedule(document.uri, 0);
      for (const file of this.server.workspace.registryFileList()) if (!this.server.documents.get(file.uri)) void this.publishRegistry(file.uri);
    }, REVALIDATE_DELAY_MS);
  }

  clear(uri: string): void {
    this.waiting.get(uri)?.();
    this.waiting.delete(uri);
    void this.server.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  async publishRegistry(uri: string): Promise<void> {
    const diagnostics = this.server.service.diagnostics(uri).map((d) => toLspDiagnostic(d, uri, this.server.locale));
    await this.server.connection.sendDiagnostics({ uri, version: this.server.documents.get(uri)?.version, diagnostics });
  }

  async validate(uri: string): Promise<void> {
    try {
      const document = this.server.documents.get(uri);
      if (!document) return;
      if (isRegistryUri(uri)) {
        await this.publishRegistry(uri);
        return this.revalidateAll();
      }
      const version = document.version;
      const settings = await this.server.documentSettings(uri);
      // A document that names registries not loaded yet: load them first, then check once.
      const toLoad = this.server.workspace.registriesToLoad(uri, { extraRegistries: settings.registries });
      if (toLoad.length) await this.server.registries.ensure(toLoad);
      if (this.server.documents.get(uri)?.version !== version) return;
      const diagnostics = this.server.service.diagnostics(uri, settings).map((d) => toLspDiagnostic(d, uri, this.server.locale));
      await this.server.connection.sendDiagnostics({ uri, version, diagnostics });
      this.firstPublished?.();
    } catch (error) {
      this.server.connection.console.error(`[fenjie] diagnostics for ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
}
