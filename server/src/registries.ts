/**
 * Finding, reading and watching files: the shipped registries, the workspace's registries and
 * documents, registries a document names (`单位库：`) or the settings add. The language service
 * decides what to do with a registry that has errors (the last good version stays in use); this
 * module only reads files, refusing binary and huge ones with a message instead of loading them.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { FileChangeType, type FileEvent } from 'vscode-languageserver/node';
import type { LocalizedText } from '../../core/src/model';
import { isRegistryUri, type Workspace } from '../../core/src/service/index';
import { readTextFile } from '../../host/src/files';

/** Folders never worth walking for documents. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.vscode-test', '.e2e']);
/** A workspace with more `.fenjie` files than this is not walked further (references stay within what was found). */
const MAX_WORKSPACE_FILES = 2000;
const MAX_DEPTH = 12;

const UNREADABLE = { zh: '无法读取该位置的文件。', en: 'The file at that location cannot be read.' } satisfies LocalizedText;

export function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

export function pathToUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}

type Read = { ok: true; text: string } | { ok: false; message: LocalizedText };

/** A file of a uri, read as the CLI reads it (UTF-8 or GBK; huge and binary files refused with a message). */
async function readUri(uri: string): Promise<Read> {
  const filePath = uriToPath(uri);
  return filePath ? readTextFile(filePath) : { ok: false, message: UNREADABLE };
}

export interface LoaderEvents {
  /** A registry was loaded, reloaded or removed: open documents must be checked again. */
  registriesChanged(): void;
  /** A registry file's own diagnostics may have changed. */
  registryLoaded(uri: string): void;
  log(message: string): void;
}

export class RegistryLoader {
  private workspaceFolders: string[] = [];

  constructor(
    private readonly workspace: Workspace,
    private readonly events: LoaderEvents,
    /** Whether a document is open in the editor (its text comes from the editor, not the disk). */
    private readonly isOpen: (uri: string) => boolean,
  ) {}

  /** The shipped registries: every `*.units.fenjie` of a folder. */
  async loadShipped(folder: string): Promise<number> {
    let names: string[];
    try {
      names = (await fs.readdir(folder)).filter((n) => isRegistryUri(n));
    } catch {
      this.events.log(`no shipped registries in ${folder}`);
      return 0;
    }
    for (const name of names) {
      const uri = pathToUri(path.join(folder, name));
      await this.loadRegistryFile(uri, true);
    }
    return names.length;
  }

  /**
   * Walks the workspace folders and loads their registries; resolves to a function that loads the
   * other documents, which the first diagnostics need not wait for. Open documents keep their editor text.
   */
  async scanWorkspace(folderUris: readonly string[]): Promise<() => Promise<void>> {
    this.workspaceFolders = folderUris.map(uriToPath).filter((p): p is string => !!p);
    const found: string[] = [];
    for (const folder of this.workspaceFolders) await walk(folder, 0, found);
    const uris = found.map(pathToUri);
    for (const uri of uris) if (isRegistryUri(uri)) await this.loadRegistryFile(uri, true);
    return async () => {
      for (const uri of uris) if (!isRegistryUri(uri) && !this.isOpen(uri)) await this.loadDocumentFile(uri);
    };
  }

  /** Loads registries a document names or its settings add, if not loaded yet. True when any was loaded. */
  async ensure(uris: readonly string[]): Promise<boolean> {
    let loaded = false;
    for (const uri of uris) {
      if (this.workspace.registryFile(uri)) continue;
      await this.loadRegistryFile(uri, this.inWorkspace(uri));
      loaded = true;
    }
    return loaded;
  }

  /** Registry paths from the settings, as uris: absolute, or relative to the document's workspace folder (or its own folder). */
  settingUris(documentUri: string, paths: readonly string[]): string[] {
    const documentPath = uriToPath(documentUri);
    const folder = this.workspaceFolders.find((f) => documentPath?.startsWith(f + path.sep)) ?? (documentPath ? path.dirname(documentPath) : undefined);
    return paths.map((p) => (path.isAbsolute(p) || !folder ? pathToUri(path.resolve(p)) : pathToUri(path.resolve(folder, p))));
  }

  /** Files changed on disk (the client's watchers). Files open in the editor are followed through the editor instead. */
  async filesChanged(changes: readonly FileEvent[]): Promise<void> {
    for (const change of changes) {
      if (this.isOpen(change.uri)) continue;
      const registry = isRegistryUri(change.uri);
      if (change.type === FileChangeType.Deleted) {
        if (registry) {
          this.workspace.removeRegistry(change.uri);
          this.events.registriesChanged();
        } else this.workspace.removeDocument(change.uri);
      } else if (registry) {
        await this.loadRegistryFile(change.uri, this.inWorkspace(change.uri) || (this.workspace.registryFile(change.uri)?.candidate ?? false));
      } else if (/\.fenjie$/i.test(change.uri)) {
        await this.loadDocumentFile(change.uri);
      }
    }
  }

  /** The text of a closed document from disk, for when the editor closes it. */
  async savedText(uri: string): Promise<string | undefined> {
    if (!this.inWorkspace(uri)) return undefined;
    const read = await readUri(uri);
    return read.ok ? read.text : undefined;
  }

  inWorkspace(uri: string): boolean {
    const filePath = uriToPath(uri);
    return !!filePath && this.workspaceFolders.some((f) => filePath.startsWith(f + path.sep));
  }

  private async loadRegistryFile(uri: string, candidate: boolean): Promise<void> {
    const read = await readUri(uri);
    if (read.ok) this.workspace.setRegistry(uri, read.text, candidate);
    else {
      this.events.log(`registry ${uri} not loaded: ${read.message.en}`);
      this.workspace.markRegistryUnavailable(uri, read.message);
    }
    this.events.registryLoaded(uri);
    this.events.registriesChanged();
  }

  private async loadDocumentFile(uri: string): Promise<void> {
    const read = await readUri(uri);
    if (read.ok) this.workspace.setDocument(uri, read.text, -1, false);
    else this.workspace.removeDocument(uri);
  }
}

async function walk(folder: string, depth: number, found: string[]): Promise<void> {
  if (depth > MAX_DEPTH || found.length >= MAX_WORKSPACE_FILES) return;
  let entries: import('fs').Dirent[];
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (found.length >= MAX_WORKSPACE_FILES) return;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) await walk(full, depth + 1, found);
    } else if (entry.isFile() && /\.fenjie$/i.test(entry.name)) {
      found.push(full);
    }
  }
}
