/**
 * Finding and loading registries on Node hosts: the shipped ones (registries/ beside the code, or
 * dist/registries in the extension), the ones a document names with `单位库：`, extra ones named
 * by the user. Loaded registries are cached by path and modification time.
 */
import { existsSync, promises as fs } from 'fs';
import * as path from 'path';
import { loadRegistry, type Registry } from '../../core/src/registry';
import type { LocalizedText } from '../../core/src/model';
import { readTextFile } from './files';

export const REGISTRY_SUFFIX = '.units.fenjie';

export function isRegistryFile(file: string): boolean {
  return file.endsWith(REGISTRY_SUFFIX);
}

/** The shipped registries' folder: `registries/` at the package root, wherever this code was built to. */
export function builtinRegistryDir(): string {
  const candidates = [path.resolve(__dirname, '..', '..', '..', 'registries'), path.resolve(__dirname, 'registries'), path.resolve(__dirname, '..', 'registries')];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0];
}

const cache = new Map<string, { mtimeMs: number; registry: Registry }>();

export type RegistryLoad = { ok: true; registry: Registry } | { ok: false; path: string; message: LocalizedText };

export async function loadRegistryFile(file: string, uri = file): Promise<RegistryLoad> {
  let mtimeMs = 0;
  try {
    mtimeMs = (await fs.stat(file)).mtimeMs;
  } catch {
    return { ok: false, path: file, message: { zh: `找不到单位库文件“${file}”。`, en: `Registry file "${file}" not found.` } };
  }
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return { ok: true, registry: hit.registry };
  const read = await readTextFile(file);
  if (!read.ok) return { ok: false, path: file, message: read.message };
  const registry = loadRegistry(read.text, uri);
  cache.set(file, { mtimeMs, registry });
  return { ok: true, registry };
}

export async function loadBuiltinRegistries(dir = builtinRegistryDir()): Promise<Registry[]> {
  let names: string[] = [];
  try {
    names = (await fs.readdir(dir)).filter(isRegistryFile).sort();
  } catch {
    return [];
  }
  const loaded = await Promise.all(names.map((n) => loadRegistryFile(path.join(dir, n), `builtin:${n}`)));
  return loaded.flatMap((l) => (l.ok ? [l.registry] : []));
}
