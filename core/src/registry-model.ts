/**
 * The typed model of a registry (`*.units.fenjie`): units, collectives, leaders and glossary
 * terms of one jurisdiction. Built by `loadRegistry` in registry.ts from the registry syntax.
 */
import type { Diagnostic, Range } from './model';

export interface UnitEntry {
  /** The canonical name, the one documents should use (`省发展改革委`). */
  name: string;
  nameRange: Range;
  /** 全称: the official full name. */
  fullName?: string;
  /** 简称: short names. */
  shortNames: string[];
  /** 别名: other names that mean this unit (a former name, a bracketed second name). */
  aliases: string[];
  /** 类别: `省直部门`, `市人民政府`, `区直部门`, `街道`… */
  category?: string;
  /** 上级: the unit this one belongs to, when written. */
  parent?: string;
  range: Range;
}

export interface CollectiveEntry {
  /** `各市人民政府`. */
  name: string;
  nameRange: Range;
  /** Member unit names as written (each should be a unit of the registry). */
  members: string[];
  range: Range;
}

export interface LeaderEntry {
  /** `王健` (spaces are not part of a name). */
  name: string;
  nameRange: Range;
  /** 职务: `副省长`. */
  title?: string;
  /** 分管: names of the units this leader oversees. */
  oversees: string[];
  oversightRange?: Range;
  range: Range;
}

export interface TermEntry {
  /** The term as written (`“四上”企业`); its key is the quoted part (`四上`, see termKey). */
  term: string;
  nameRange: Range;
  definition: string;
  range: Range;
}

export interface Registry {
  /** Where it came from: a file uri, or `builtin:辽宁省` for a shipped one. */
  uri: string;
  /** 辖区: the jurisdiction (`辽宁省`). */
  jurisdiction?: string;
  units: UnitEntry[];
  collectives: CollectiveEntry[];
  leaders: LeaderEntry[];
  terms: TermEntry[];
  /** Problems in the registry file itself. */
  diagnostics: Diagnostic[];
}
