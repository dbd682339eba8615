// The Iv3 taakveld catalogue (config/iv3-taakvelden.json) as dated data: a reporting year uses
// the version in force for it, and a code that version does not list is unknown for the year.
import {
  asRecord, citation, covers, isText, overlapProblems, readJson, refuse, sourceProblems, spanProblems, toSources, toSpan,
  type RuleSource, type YearSpan,
} from './rule-data';

export interface Taakveld {
  readonly code: string;
  readonly name: string;
  /** The name this code had in the version before (a rename, e.g. 6.4 in 2023). */
  readonly previousName?: string;
  /** The pre-split code this one refines (6.71a → 6.71), for series across versions. */
  readonly parentCode?: string;
  readonly note?: string;
}

export interface CatalogueVersion extends YearSpan {
  readonly id: string;
  readonly sources: readonly RuleSource[];
  readonly note?: string;
  readonly taakvelden: readonly Taakveld[];
}

export interface Iv3Catalogue {
  readonly versions: readonly CatalogueVersion[];
}

export interface TaakveldAnswer {
  readonly code: string;
  readonly name: string;
  readonly catalogueId: string;
  /** The catalogue version's first source, as one citable line. */
  readonly source: string;
  readonly note?: string;
}

/** A hoofdtaakveld digit, a dot, one to three digits, an optional letter: 0.10, 6.71a, 6.751. */
export const TAAKVELD_CODE = /^[0-8]\.\d{1,3}[a-d]?$/;
const HOOFDTAAKVELDEN = ['0', '1', '2', '3', '4', '5', '6', '7', '8'];
const VERSIONS_MAX = 100;
const TAAKVELDEN_MAX = 500;

export function loadIv3Catalogue(path: string): Iv3Catalogue {
  return parseIv3Catalogue(readJson(path, 'iv3 catalogue'), path);
}

/** Refuses the whole file on any wrong entry: a silently dropped taakveld hides a finding. */
export function parseIv3Catalogue(json: unknown, origin = 'iv3 catalogue'): Iv3Catalogue {
  const file = asRecord(json);
  if (!file) throw new Error(`${origin}: not a JSON object`);
  const list = Array.isArray(file.versions) ? file.versions : [];
  const problems: string[] = [];
  if (list.length === 0 || list.length > VERSIONS_MAX) problems.push(`versions must list 1 to ${VERSIONS_MAX} entries`);
  const ids = new Set<string>();
  list.forEach((entry, index) => {
    for (const problem of versionProblems(entry)) problems.push(`versions[${index}]: ${problem}`);
    const id = asRecord(entry)?.id;
    if (typeof id === 'string' && ids.has(id)) problems.push(`versions[${index}]: id ${id} is used twice`);
    if (typeof id === 'string') ids.add(id);
  });
  if (problems.length === 0) problems.push(...overlapProblems(list.map((v) => ({ id: String(asRecord(v)?.id), span: toSpan(asRecord(v)!) }))));
  refuse(origin, problems);
  return { versions: list.map((entry) => toVersion(asRecord(entry)!)) };
}

function versionProblems(entry: unknown): string[] {
  const v = asRecord(entry);
  if (!v) return ['not an object'];
  const problems = [...spanProblems(v), ...sourceProblems(v.sources)];
  if (!isText(v.id, 100)) problems.push('id must be a non-empty string');
  if (v.note !== undefined && !isText(v.note)) problems.push('note must be a non-empty string when present');
  const list = Array.isArray(v.taakvelden) ? v.taakvelden : [];
  if (list.length === 0 || list.length > TAAKVELDEN_MAX) return [...problems, `taakvelden must list 1 to ${TAAKVELDEN_MAX} entries`];
  const codes = new Set<string>();
  list.forEach((taakveld, index) => {
    for (const problem of taakveldProblems(taakveld)) problems.push(`taakvelden[${index}]: ${problem}`);
    const code = asRecord(taakveld)?.code;
    if (typeof code === 'string' && codes.has(code)) problems.push(`taakvelden[${index}]: code ${code} is listed twice`);
    if (typeof code === 'string') codes.add(code);
  });
  // Every main taakveld must be there: a version that forgot a whole chapter is a broken file.
  const missing = HOOFDTAAKVELDEN.filter((h) => ![...codes].some((code) => code.startsWith(`${h}.`)));
  if (missing.length > 0) problems.push(`taakvelden lack hoofdtaakveld ${missing.join(', ')}`);
  return problems;
}

function taakveldProblems(entry: unknown): string[] {
  const t = asRecord(entry);
  if (!t) return ['not an object'];
  const problems: string[] = [];
  if (typeof t.code !== 'string' || !TAAKVELD_CODE.test(t.code)) problems.push('code must look like 6.4, 0.10, 6.71a or 6.751');
  if (!isText(t.name, 200)) problems.push('name must be a non-empty string');
  for (const field of ['previousName', 'parentCode', 'note'] as const) {
    if (t[field] !== undefined && !isText(t[field])) problems.push(`${field} must be a non-empty string when present`);
  }
  if (typeof t.parentCode === 'string' && !TAAKVELD_CODE.test(t.parentCode)) problems.push('parentCode must be a taakveld code');
  return problems;
}

function toVersion(v: Record<string, unknown>): CatalogueVersion {
  return {
    id: v.id as string,
    ...toSpan(v),
    sources: toSources(v.sources),
    ...(v.note !== undefined ? { note: v.note as string } : {}),
    taakvelden: (v.taakvelden as Record<string, string>[]).map((t) => ({
      code: t.code,
      name: t.name,
      ...(t.previousName !== undefined ? { previousName: t.previousName } : {}),
      ...(t.parentCode !== undefined ? { parentCode: t.parentCode } : {}),
      ...(t.note !== undefined ? { note: t.note } : {}),
    })),
  };
}

/** The catalogue version in force for a reporting year, or undefined when none covers it. */
export function catalogueFor(catalogue: Iv3Catalogue, fiscalYear: number): CatalogueVersion | undefined {
  return catalogue.versions.find((version) => covers(version, fiscalYear));
}

/** A taakveld as the catalogue in force for the year names it; undefined is "unknown for that year". */
export function taakveldFor(catalogue: Iv3Catalogue, code: string, fiscalYear: number): TaakveldAnswer | undefined {
  const version = catalogueFor(catalogue, fiscalYear);
  const taakveld = version?.taakvelden.find((t) => t.code === code);
  if (!version || !taakveld) return undefined;
  return {
    code: taakveld.code,
    name: taakveld.name,
    catalogueId: version.id,
    source: citation(version.sources[0]),
    ...(taakveld.note !== undefined ? { note: taakveld.note } : {}),
  };
}
