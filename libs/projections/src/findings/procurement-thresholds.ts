// Procurement thresholds as dated data with their source (config/procurement-thresholds.json),
// never constants in code: loaded once, validated whole, and chosen by a contract's date; and
// the value they are compared with, a contract's whole term with options.
import { readFileSync } from 'node:fs';
import { isIsoDate, MONEY_CENTS_MAX, PROCUREMENT_PROCEDURES, type ProcurementProcedure } from '@geldstroom/ledger';

export const SERVICE_CATEGORIES = ['social-and-other-specific-services', 'other-services'] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/** `at-or-above`: a value equal to the threshold already needs more (the EU wording). */
export const COMPARISONS = ['above', 'at-or-above'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export interface ProcurementThreshold {
  readonly id: string;
  /** Whose threshold: `european` (law) or `inkoopbeleid` (the municipality's own policy). */
  readonly scope: string;
  readonly kind: 'law' | 'inkoopbeleid-example' | 'inkoopbeleid';
  /** Absent: applies to every service category. */
  readonly serviceCategory?: ServiceCategory;
  /** The procedures that are too light for a value from this threshold on. */
  readonly procedures: readonly ProcurementProcedure[];
  readonly thresholdCents: number;
  readonly comparison: Comparison;
  readonly validFrom: string;
  /** Inclusive; null while in force. */
  readonly validTo: string | null;
  readonly source: string;
}

export interface ProcurementThresholds {
  /** The category the ledger's contracts belong to: re-integration is social services. */
  readonly serviceCategory: ServiceCategory;
  readonly thresholds: readonly ProcurementThreshold[];
}

const THRESHOLDS_MAX = 1_000;
const TEXT_MAX = 1_000;
const KINDS = ['law', 'inkoopbeleid-example', 'inkoopbeleid'];

export function loadProcurementThresholds(path: string): ProcurementThresholds {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`procurement thresholds ${path}: ${(error as Error).message}`);
  }
  return parseProcurementThresholds(json, path);
}

/** Refuses the whole file on any wrong entry: a silently skipped threshold hides findings. */
export function parseProcurementThresholds(json: unknown, origin = 'procurement thresholds'): ProcurementThresholds {
  const file = json as { serviceCategory?: unknown; thresholds?: unknown } | null;
  const problems: string[] = [];
  if (typeof file !== 'object' || file === null) throw new Error(`${origin}: not a JSON object`);
  if (!SERVICE_CATEGORIES.includes(file.serviceCategory as ServiceCategory)) {
    problems.push(`serviceCategory must be one of ${SERVICE_CATEGORIES.join(', ')}`);
  }
  const list = Array.isArray(file.thresholds) ? (file.thresholds as unknown[]) : [];
  if (list.length === 0 || list.length > THRESHOLDS_MAX) problems.push(`thresholds must list 1 to ${THRESHOLDS_MAX} entries`);
  const ids = new Set<string>();
  list.forEach((entry, index) => {
    for (const problem of entryProblems(entry)) problems.push(`thresholds[${index}]: ${problem}`);
    const id = (entry as { id?: unknown })?.id;
    if (typeof id === 'string' && ids.has(id)) problems.push(`thresholds[${index}]: id ${id} is used twice`);
    if (typeof id === 'string') ids.add(id);
  });
  if (problems.length > 0) throw new Error(`${origin} is invalid:\n  ${problems.join('\n  ')}`);
  return {
    serviceCategory: file.serviceCategory as ServiceCategory,
    thresholds: (list as Record<string, unknown>[]).map((e) => ({
      id: e.id as string,
      scope: e.scope as string,
      kind: e.kind as ProcurementThreshold['kind'],
      ...(e.serviceCategory !== undefined ? { serviceCategory: e.serviceCategory as ServiceCategory } : {}),
      procedures: [...(e.procedures as ProcurementProcedure[])],
      thresholdCents: e.thresholdCents as number,
      comparison: e.comparison as Comparison,
      validFrom: e.validFrom as string,
      validTo: (e.validTo as string | null | undefined) ?? null,
      source: e.source as string,
    })),
  };
}

function entryProblems(entry: unknown): string[] {
  if (typeof entry !== 'object' || entry === null) return ['not an object'];
  const e = entry as Record<string, unknown>;
  const text = (value: unknown) => typeof value === 'string' && value.trim().length > 0 && value.length <= TEXT_MAX;
  const problems: string[] = [];
  if (!text(e.id)) problems.push('id must be a non-empty string');
  if (!text(e.scope)) problems.push('scope must be a non-empty string');
  if (!KINDS.includes(e.kind as string)) problems.push(`kind must be one of ${KINDS.join(', ')}`);
  if (e.serviceCategory !== undefined && !SERVICE_CATEGORIES.includes(e.serviceCategory as ServiceCategory)) {
    problems.push(`serviceCategory must be one of ${SERVICE_CATEGORIES.join(', ')}`);
  }
  const procedures = e.procedures;
  if (!Array.isArray(procedures) || procedures.length === 0 || !procedures.every((p) => PROCUREMENT_PROCEDURES.includes(p))) {
    problems.push(`procedures must list some of ${PROCUREMENT_PROCEDURES.join(', ')}`);
  }
  const cents = e.thresholdCents;
  if (typeof cents !== 'number' || !Number.isSafeInteger(cents) || cents <= 0 || cents > MONEY_CENTS_MAX) {
    problems.push('thresholdCents must be a positive integer number of cents');
  }
  if (!COMPARISONS.includes(e.comparison as Comparison)) problems.push(`comparison must be one of ${COMPARISONS.join(', ')}`);
  if (!isIsoDate(e.validFrom)) problems.push('validFrom must be a date YYYY-MM-DD');
  if (e.validTo !== null && e.validTo !== undefined && (!isIsoDate(e.validTo) || (isIsoDate(e.validFrom) && e.validTo < e.validFrom))) {
    problems.push('validTo must be null or a date YYYY-MM-DD not before validFrom');
  }
  if (!text(e.source)) problems.push('source must name where the threshold comes from');
  return problems;
}

/** Whether a value passes the threshold, by the threshold's own wording. */
export function passes(valueCents: number, threshold: ProcurementThreshold): boolean {
  return threshold.comparison === 'at-or-above' ? valueCents >= threshold.thresholdCents : valueCents > threshold.thresholdCents;
}

/**
 * The tightest threshold in force on `date` that bounds `procedure` for the ledger's service
 * category, or undefined when none is known for that date (nothing is then claimed).
 */
export function thresholdFor(
  thresholds: ProcurementThresholds,
  procedure: string,
  date: string,
): ProcurementThreshold | undefined {
  let tightest: ProcurementThreshold | undefined;
  for (const threshold of thresholds.thresholds) {
    if (!(threshold.procedures as readonly string[]).includes(procedure)) continue;
    if (threshold.serviceCategory !== undefined && threshold.serviceCategory !== thresholds.serviceCategory) continue;
    if (date < threshold.validFrom || (threshold.validTo !== null && date > threshold.validTo)) continue;
    if (!tightest || tighter(threshold, tightest)) tightest = threshold;
  }
  return tightest;
}

/**
 * The ceiling covers the term; options extend it pro rata by days, the option period running
 * `optionMonths` calendar months from the day after the term ends. Half up, in whole cents.
 */
export function valueOverTerm(ceilingCents: number, termStart: string, termEnd: string, optionMonths: number): number {
  if (optionMonths <= 0) return ceilingCents;
  const termDays = daysBetween(termStart, termEnd) + 1;
  const optionDays = daysBetween(termEnd, addMonths(termEnd, optionMonths));
  if (termDays <= 0) return ceilingCents;
  const numerator = BigInt(ceilingCents) * BigInt(termDays + optionDays);
  const denominator = BigInt(termDays);
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** A calendar date `months` later, the day clamped to the month's length (31 Jan + 1 = 29 Feb). */
function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const [y, m] = [Math.floor(index / 12), (index % 12) + 1];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

function tighter(a: ProcurementThreshold, b: ProcurementThreshold): boolean {
  if (a.thresholdCents !== b.thresholdCents) return a.thresholdCents < b.thresholdCents;
  return a.comparison === 'at-or-above' && b.comparison === 'above';
}
