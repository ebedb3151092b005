/**
 * Tab-separated text, as PDF extraction gives it (seed 003): the title and the column header
 * repeat on every page, a heading may stand alone between pages, several units share a cell
 * separated by spaces, and names are broken by a space where the PDF wrapped them.
 */
import type { RegistryIndex } from '../../../core/src/registry';
import type { Draft } from '../draft';
import { headerFromPreamble } from '../meta';
import { headerRoles, rowsToItems, type ColumnRole, type Row } from '../table';

export function findTsvHeader(lines: readonly string[]): { at: number; roles: ColumnRole[] } | undefined {
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].includes('\t')) continue;
    const roles = headerRoles(lines[i].split('\t'));
    if (roles) return { at: i, roles };
  }
  return undefined;
}

export function readTsv(text: string, index?: RegistryIndex): Draft | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  const header = findTsvHeader(lines);
  if (!header) return undefined;
  const headerKey = lines[header.at].trim();
  const preamble = lines.slice(0, header.at).map((l) => l.trim()).filter((l) => l.length > 0);
  // The line above the column header is the title; it repeats with the header on every page.
  const title = preamble.pop();
  const rows: Row[] = [];
  for (const raw of lines.slice(header.at + 1)) {
    const line = raw.trim();
    if (!line || line === title || line === headerKey) continue;
    rows.push(raw.split('\t').map((cell) => [cell]));
  }
  return {
    header: headerFromPreamble(preamble, title, index?.registries[0]?.jurisdiction),
    items: rowsToItems(header.roles, rows, index),
    blocks: [],
  };
}
