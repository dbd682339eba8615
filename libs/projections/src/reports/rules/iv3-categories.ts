// Iv3 economische categorieën (config/iv3-categories.json) as dated data, and the mapping from
// the ledger's own kinds of spending and funding to them, so the Iv3 matrix splits lasten and
// baten the way the CBS asks without a code in the report itself.
import {
  asRecord, citation, covers, isText, overlapProblems, readJson, refuse, sourceProblems, spanProblems, toSources, toSpan,
  type RuleSource, type YearSpan,
} from './rule-data';

/** The ledger's kinds of lasten: what a party's spending is, in the ledger's words. */
export const LEDGER_COST_KINDS = [
  'own-staff', 'hired-staff', 'goods-and-services', 'trajectory-purchase', 'subsidy-to-company', 'subsidy-to-institution',
  'grant-to-household', 'social-benefit-cash', 'social-benefit-in-kind', 'contribution-to-joint-arrangement',
  'contribution-to-municipality', 'wage-cost-subsidy', 'other',
] as const;
/** The ledger's kinds of baten: where outside funding received comes from. */
export const LEDGER_FUNDING_KINDS = [
  'rijk-specific-grant', 'gemeentefonds', 'from-municipality', 'from-joint-arrangement', 'from-other-government', 'from-others',
] as const;
export type LedgerKind = (typeof LEDGER_COST_KINDS)[number] | (typeof LEDGER_FUNDING_KINDS)[number];

export const SIDES = ['lasten', 'baten', 'both'] as const;
export type Side = (typeof SIDES)[number];

export interface Iv3Category {
  readonly code: string;
  readonly name: string;
  readonly side: Side;
  readonly source: string;
  readonly note?: string;
}

export interface KindMapping {
  readonly kind: LedgerKind;
  readonly side: 'lasten' | 'baten';
  readonly code: string;
  readonly ledgerTerm: string;
  /** True where the code depends on who the counterparty is: a default, not a rule. */
  readonly judgement: boolean;
  readonly note?: string;
}

export interface CategoriesVersion extends YearSpan {
  readonly id: string;
  readonly sources: readonly RuleSource[];
  readonly categories: readonly Iv3Category[];
  readonly kinds: readonly KindMapping[];
}

export interface Iv3Categories {
  readonly versions: readonly CategoriesVersion[];
}

export interface CategoryAnswer {
  readonly kind: LedgerKind;
  readonly code: string;
  readonly name: string;
  readonly judgement: boolean;
  readonly categoriesId: string;
  readonly source: string;
  readonly note?: string;
}

const CATEGORY_CODE = /^\d(\.\d){1,2}$/;
const ALL_KINDS: readonly string[] = [...LEDGER_COST_KINDS, ...LEDGER_FUNDING_KINDS];
const LIST_MAX = 200;

export function loadIv3Categories(path: string): Iv3Categories {
  return parseIv3Categories(readJson(path, 'iv3 categories'), path);
}

/** Refuses the whole file on any wrong entry, and a version that leaves a ledger kind unmapped. */
export function parseIv3Categories(json: unknown, origin = 'iv3 categories'): Iv3Categories {
  const file = asRecord(json);
  if (!file) throw new Error(`${origin}: not a JSON object`);
  const list = Array.isArray(file.versions) ? file.versions : [];
  const problems: string[] = list.length === 0 || list.length > LIST_MAX ? [`versions must list 1 to ${LIST_MAX} entries`] : [];
  list.forEach((entry, index) => problems.push(...versionProblems(entry).map((p) => `versions[${index}]: ${p}`)));
  if (problems.length === 0) problems.push(...overlapProblems(list.map((v) => ({ id: String(asRecord(v)?.id), span: toSpan(asRecord(v)!) }))));
  refuse(origin, problems);
  return { versions: list.map((entry) => toVersion(asRecord(entry)!)) };
}

function versionProblems(entry: unknown): string[] {
  const v = asRecord(entry);
  if (!v) return ['not an object'];
  const problems = [...spanProblems(v), ...sourceProblems(v.sources)];
  if (!isText(v.id, 100)) problems.push('id must be a non-empty string');
  const categories = Array.isArray(v.categories) ? v.categories : [];
  if (categories.length === 0 || categories.length > LIST_MAX) problems.push(`categories must list 1 to ${LIST_MAX} entries`);
  const sides = new Map<string, string>();
  categories.forEach((category, index) => {
    const c = asRecord(category);
    const bad = !c || typeof c.code !== 'string' || !CATEGORY_CODE.test(c.code) || !isText(c.name, 200) || !SIDES.includes(c.side as Side) || !isText(c.source);
    if (bad) problems.push(`categories[${index}]: needs a code like 4.3.3, a name, a side (${SIDES.join(', ')}) and a source`);
    else if (sides.has(c.code as string)) problems.push(`categories[${index}]: code ${String(c.code)} is listed twice`);
    else sides.set(c.code as string, c.side as string);
  });
  return [...problems, ...kindProblems(v.kinds, sides)];
}

function kindProblems(value: unknown, sides: Map<string, string>): string[] {
  const kinds = Array.isArray(value) ? value : [];
  const problems: string[] = [];
  const seen = new Set<string>();
  kinds.forEach((entry, index) => {
    const k = asRecord(entry);
    const at = `kinds[${index}]`;
    if (!k || !ALL_KINDS.includes(k.kind as string)) return problems.push(`${at}: kind must be one of ${ALL_KINDS.join(', ')}`);
    if (seen.has(k.kind as string)) problems.push(`${at}: kind ${String(k.kind)} is mapped twice`);
    seen.add(k.kind as string);
    const side = (LEDGER_COST_KINDS as readonly string[]).includes(k.kind as string) ? 'lasten' : 'baten';
    if (k.side !== side) problems.push(`${at}: ${String(k.kind)} is on the ${side} side`);
    const categorySide = sides.get(k.code as string);
    if (categorySide === undefined) problems.push(`${at}: code ${String(k.code)} is not among the categories`);
    else if (categorySide !== 'both' && categorySide !== side) problems.push(`${at}: category ${String(k.code)} is ${categorySide} only`);
    if (!isText(k.ledgerTerm, 200)) problems.push(`${at}: ledgerTerm must name the ledger's term`);
    if (k.judgement !== undefined && typeof k.judgement !== 'boolean') problems.push(`${at}: judgement must be true or false`);
    if (k.note !== undefined && !isText(k.note)) problems.push(`${at}: note must be a non-empty string when present`);
  });
  const missing = ALL_KINDS.filter((kind) => !seen.has(kind));
  if (missing.length > 0) problems.push(`kinds lack ${missing.join(', ')}`);
  return problems;
}

function toVersion(v: Record<string, unknown>): CategoriesVersion {
  const opt = (note: unknown) => (note !== undefined ? { note: note as string } : {});
  return {
    id: v.id as string,
    ...toSpan(v),
    sources: toSources(v.sources),
    categories: (v.categories as Record<string, unknown>[]).map((c) => ({
      code: c.code as string, name: c.name as string, side: c.side as Side, source: c.source as string, ...opt(c.note),
    })),
    kinds: (v.kinds as Record<string, unknown>[]).map((k) => ({
      kind: k.kind as LedgerKind, side: k.side as 'lasten' | 'baten', code: k.code as string, ledgerTerm: k.ledgerTerm as string,
      judgement: k.judgement === true, ...opt(k.note),
    })),
  };
}

/** The Iv3 category a ledger kind maps to in a reporting year, or undefined when no version covers it. */
export function categoryFor(categories: Iv3Categories, kind: LedgerKind, fiscalYear: number): CategoryAnswer | undefined {
  const version = categories.versions.find((v) => covers(v, fiscalYear));
  const mapping = version?.kinds.find((k) => k.kind === kind);
  const category = version?.categories.find((c) => c.code === mapping?.code);
  if (!version || !mapping || !category) return undefined;
  return {
    kind,
    code: category.code,
    name: category.name,
    judgement: mapping.judgement,
    categoriesId: version.id,
    source: category.source || citation(version.sources[0]),
    ...(mapping.note !== undefined ? { note: mapping.note } : {}),
  };
}
