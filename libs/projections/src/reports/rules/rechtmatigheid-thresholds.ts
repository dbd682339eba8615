// The rechtmatigheid thresholds (config/rechtmatigheid.json): what the Bado fixes per reporting
// year ('law') and what the raad sets itself ('council'), with the criteria and the definitions
// of fout and onzekerheid. Percentages are basis points and amounts integer cents, so a
// threshold is computed exactly in BigInt and never through a float.
import { MONEY_CENTS_MAX } from '@geldstroom/ledger';
import {
  asRecord, covers, isText, overlapProblems, readJson, refuse, sourceProblems, spanProblems, toSources, toSpan,
  type RuleSource, type YearSpan,
} from './rule-data';

export const BASIS_POINTS_WHOLE = 10_000;
export const CRITERIA = ['begrotingscriterium', 'voorwaardencriterium', 'misbruik-en-oneigenlijk-gebruik'] as const;
export type Criterion = (typeof CRITERIA)[number];
export const FINDING_CLASSES = ['fout', 'onzekerheid'] as const;
export type FindingClass = (typeof FINDING_CLASSES)[number];

/** Until 2024 fouten and onzekerheden each had a tolerance; from 2025 they are added up. */
export type Goedkeuringstolerantie =
  | { readonly mode: 'separate'; readonly errorsBasisPoints: number; readonly uncertaintiesBasisPoints: number }
  | { readonly mode: 'combined'; readonly combinedBasisPoints: number };

export interface LawVersion extends YearSpan {
  readonly id: string;
  readonly omvangsbasis: string;
  readonly goedkeuringstolerantie: Goedkeuringstolerantie;
  /** The most the raad may set the verantwoordingsgrens at; null where no maximum is known. */
  readonly verantwoordingsgrensMaxBasisPoints: number | null;
  readonly sources: readonly RuleSource[];
  readonly note?: string;
}

export interface CouncilSetting extends YearSpan {
  readonly id: string;
  /** 'council-example' until the municipality puts in what its raad adopted. */
  readonly kind: 'council' | 'council-example';
  readonly verantwoordingsgrensBasisPoints: number;
  readonly rapportagegrensCents: number;
  /** Share of the verantwoordingsgrens from which the register warns (a Geldstroom setting). */
  readonly earlyWarningAtBasisPoints: number;
  readonly source: string;
  readonly note?: string;
}

export interface Definition {
  readonly id: string;
  readonly name: string;
  readonly definition: string;
  readonly sources: readonly RuleSource[];
  readonly note?: string;
}

export interface RechtmatigheidRules {
  readonly law: readonly LawVersion[];
  readonly council: readonly CouncilSetting[];
  readonly criteria: readonly Definition[];
  readonly findingClasses: readonly Definition[];
}

/** What applies in one reporting year: the Bado version and the raad's own settings. */
export interface RechtmatigheidThresholds {
  readonly year: number;
  readonly law: LawVersion;
  readonly council: CouncilSetting;
}

const isBasisPoints = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= BASIS_POINTS_WHOLE;
const LIST_MAX = 100;

export function loadRechtmatigheidRules(path: string): RechtmatigheidRules {
  return parseRechtmatigheidRules(readJson(path, 'rechtmatigheid rules'), path);
}

/** Refuses the whole file on any wrong entry, naming every problem. */
export function parseRechtmatigheidRules(json: unknown, origin = 'rechtmatigheid rules'): RechtmatigheidRules {
  const file = asRecord(json);
  if (!file) throw new Error(`${origin}: not a JSON object`);
  const law = listOf(file.law);
  const council = listOf(file.council);
  const problems = [
    ...listProblems('law', law, lawProblems),
    ...listProblems('council', council, councilProblems),
    ...definitionProblems('criteria', file.criteria, CRITERIA),
    ...definitionProblems('findingClasses', file.findingClasses, FINDING_CLASSES),
  ];
  if (problems.length === 0) problems.push(...spanConflicts(law, council));
  refuse(origin, problems);
  return {
    law: law.map(toLaw),
    council: council.map(toCouncil),
    criteria: toDefinitions(file.criteria),
    findingClasses: toDefinitions(file.findingClasses),
  };
}

const listOf = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.map((v) => asRecord(v) ?? {}) : []);

function listProblems(field: string, list: Record<string, unknown>[], check: (e: Record<string, unknown>) => string[]): string[] {
  if (list.length === 0 || list.length > LIST_MAX) return [`${field} must list 1 to ${LIST_MAX} entries`];
  const ids = new Set<string>();
  return list.flatMap((entry, index) => {
    const problems = check(entry);
    if (!isText(entry.id, 100)) problems.push('id must be a non-empty string');
    else if (ids.has(entry.id)) problems.push(`id ${entry.id} is used twice`);
    else ids.add(entry.id);
    return problems.map((p) => `${field}[${index}]: ${p}`);
  });
}

function lawProblems(entry: Record<string, unknown>): string[] {
  const problems = [...spanProblems(entry), ...sourceProblems(entry.sources)];
  if (!isText(entry.omvangsbasis)) problems.push('omvangsbasis must say what the percentages are of');
  const t = asRecord(entry.goedkeuringstolerantie);
  const separate = t?.mode === 'separate' && isBasisPoints(t.errorsBasisPoints) && isBasisPoints(t.uncertaintiesBasisPoints);
  const combined = t?.mode === 'combined' && isBasisPoints(t.combinedBasisPoints);
  if (!separate && !combined) problems.push('goedkeuringstolerantie must be separate (errors and uncertainties) or combined, in basis points');
  const max = entry.verantwoordingsgrensMaxBasisPoints;
  if (max !== null && !isBasisPoints(max)) problems.push('verantwoordingsgrensMaxBasisPoints must be null or basis points 1-10000');
  if (entry.note !== undefined && !isText(entry.note)) problems.push('note must be a non-empty string when present');
  return problems;
}

function councilProblems(entry: Record<string, unknown>): string[] {
  const problems = spanProblems(entry);
  if (entry.kind !== 'council' && entry.kind !== 'council-example') problems.push('kind must be council or council-example');
  if (!isBasisPoints(entry.verantwoordingsgrensBasisPoints)) problems.push('verantwoordingsgrensBasisPoints must be basis points 1-10000');
  const cents = entry.rapportagegrensCents;
  if (typeof cents !== 'number' || !Number.isSafeInteger(cents) || cents <= 0 || cents > MONEY_CENTS_MAX) {
    problems.push('rapportagegrensCents must be a positive integer number of cents');
  }
  if (!isBasisPoints(entry.earlyWarningAtBasisPoints)) problems.push('earlyWarningAtBasisPoints must be basis points 1-10000');
  if (!isText(entry.source)) problems.push('source must name the raad decision (or say it is an example)');
  return problems;
}

function definitionProblems(field: string, value: unknown, ids: readonly string[]): string[] {
  const list = listOf(value);
  const problems = list.flatMap((d, index) => {
    const bad = !ids.includes(d.id as string) || !isText(d.name, 200) || !isText(d.definition);
    return [...(bad ? [`${field}[${index}]: needs an id (${ids.join(', ')}), a name and a definition`] : []), ...sourceProblems(d.sources, `${field}[${index}].sources`)];
  });
  const missing = ids.filter((id) => !list.some((d) => d.id === id));
  return missing.length > 0 ? [...problems, `${field} lack ${missing.join(', ')}`] : problems;
}

/** Overlapping spans make the rule in force ambiguous; a council grens above the Bado's maximum is unlawful. */
function spanConflicts(law: Record<string, unknown>[], council: Record<string, unknown>[]): string[] {
  const problems = [
    ...overlapProblems(law.map((l) => ({ id: l.id as string, span: toSpan(l) }))),
    ...overlapProblems(council.map((c) => ({ id: c.id as string, span: toSpan(c) }))),
  ];
  for (const c of council) {
    for (const l of law) {
      const max = l.verantwoordingsgrensMaxBasisPoints as number | null;
      if (max === null || overlapProblems([{ id: 'a', span: toSpan(c) }, { id: 'b', span: toSpan(l) }]).length === 0) continue;
      if ((c.verantwoordingsgrensBasisPoints as number) > max) {
        problems.push(`council ${String(c.id)}: verantwoordingsgrens ${String(c.verantwoordingsgrensBasisPoints)} bp is above the maximum ${max} bp of ${String(l.id)}`);
      }
    }
  }
  return problems;
}

function toLaw(l: Record<string, unknown>): LawVersion {
  return {
    id: l.id as string, ...toSpan(l), omvangsbasis: l.omvangsbasis as string,
    goedkeuringstolerantie: l.goedkeuringstolerantie as Goedkeuringstolerantie,
    verantwoordingsgrensMaxBasisPoints: (l.verantwoordingsgrensMaxBasisPoints as number | null) ?? null,
    sources: toSources(l.sources), ...(l.note !== undefined ? { note: l.note as string } : {}),
  };
}

function toCouncil(c: Record<string, unknown>): CouncilSetting {
  return {
    id: c.id as string, kind: c.kind as CouncilSetting['kind'], ...toSpan(c),
    verantwoordingsgrensBasisPoints: c.verantwoordingsgrensBasisPoints as number, rapportagegrensCents: c.rapportagegrensCents as number,
    earlyWarningAtBasisPoints: c.earlyWarningAtBasisPoints as number, source: c.source as string,
    ...(c.note !== undefined ? { note: c.note as string } : {}),
  };
}

const toDefinitions = (value: unknown): Definition[] =>
  listOf(value).map((d) => ({
    id: d.id as string, name: d.name as string, definition: d.definition as string, sources: toSources(d.sources),
    ...(d.note !== undefined ? { note: d.note as string } : {}),
  }));

/** The Bado version and council setting for a reporting year; undefined when either is missing. */
export function rechtmatigheidThresholdsFor(rules: RechtmatigheidRules, year: number): RechtmatigheidThresholds | undefined {
  const law = rules.law.find((l) => covers(l, year));
  const council = rules.council.find((c) => covers(c, year));
  return law && council ? { year, law, council } : undefined;
}

/** `share` of `wholeCents`, rounded down: a threshold never rounds up past what the rule allows. */
export function basisPointsOf(wholeCents: number, basisPoints: number): number {
  assertCents(wholeCents, 'wholeCents');
  return Number((BigInt(wholeCents) * BigInt(basisPoints)) / BigInt(BASIS_POINTS_WHOLE));
}

function assertCents(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer number of cents`);
}

export type WarningLevel = 'clear' | 'approaching' | 'over';

export interface EarlyWarning {
  readonly level: WarningLevel;
  readonly verantwoordingsgrensCents: number;
  readonly warningFromCents: number;
  /** Grens minus total; negative once the total is over it. */
  readonly headroomCents: number;
  /** Total as basis points of the lasten, rounded down; null when the lasten are zero. */
  readonly usedBasisPoints: number | null;
}

/**
 * Sets a year's total of fouten (or fouten and onzekerheden, as the caller sums them) against
 * the raad's verantwoordingsgrens: 'over' once above it, 'approaching' from the warning share on.
 */
export function earlyWarning(totalErrorsCents: number, totalLastenCents: number, thresholds: RechtmatigheidThresholds): EarlyWarning {
  assertCents(totalErrorsCents, 'totalErrorsCents');
  const grens = basisPointsOf(totalLastenCents, thresholds.council.verantwoordingsgrensBasisPoints);
  const warningFrom = basisPointsOf(grens, thresholds.council.earlyWarningAtBasisPoints);
  const level: WarningLevel = totalErrorsCents > grens ? 'over' : totalErrorsCents >= warningFrom ? 'approaching' : 'clear';
  const used = totalLastenCents === 0 ? null : Number((BigInt(totalErrorsCents) * BigInt(BASIS_POINTS_WHOLE)) / BigInt(totalLastenCents));
  return { level, verantwoordingsgrensCents: grens, warningFromCents: warningFrom, headroomCents: grens - totalErrorsCents, usedBasisPoints: used };
}

/** Whether one afwijking is large enough that the verantwoording must explain it on its own. */
export function exceedsRapportagegrens(amountCents: number, thresholds: RechtmatigheidThresholds): boolean {
  assertCents(amountCents, 'amountCents');
  return amountCents > thresholds.council.rapportagegrensCents;
}

/** Whether the accountant's goedkeuringstolerantie of the year still allows an unqualified opinion. */
export function withinGoedkeuringstolerantie(
  errorsCents: number, uncertaintiesCents: number, omvangsbasisCents: number, law: LawVersion,
): boolean {
  assertCents(errorsCents, 'errorsCents');
  assertCents(uncertaintiesCents, 'uncertaintiesCents');
  const t = law.goedkeuringstolerantie;
  if (t.mode === 'combined') return BigInt(errorsCents) + BigInt(uncertaintiesCents) <= BigInt(basisPointsOf(omvangsbasisCents, t.combinedBasisPoints));
  return errorsCents <= basisPointsOf(omvangsbasisCents, t.errorsBasisPoints) && uncertaintiesCents <= basisPointsOf(omvangsbasisCents, t.uncertaintiesBasisPoints);
}
