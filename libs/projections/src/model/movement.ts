// A movement is what one event changed in the read models' figures, dated on the event's business
// date and stamped with the journal position at which the ledger learnt it. Every answer is a sum
// of movements: "now" sums them all (kept summed in the aggregate tables), `asOf` the ones learnt
// by then, `on` the ones dated by then. When a later event changes what an earlier one counts for
// (a reversal, an order-dependent rule such as "committed is the larger of ordered and paid"), the
// change is a new movement for the earlier event at the later position: nothing is rewritten, so
// every past answer stays reproducible.
import { EXPENSE_KINDS, type ExpenseKind, type LedgerEventType, type PurchaseUnit } from '@geldstroom/ledger';

export const MEASURES = [
  'fundedCents',
  'amendedCents',
  'transferredInCents',
  'transferredOutCents',
  'allocatedCents',
  /** Everything awarded or ordered, paid or not (verplichting). */
  'committedCents',
  /** As awarded or ordered, before settlements and cancellations: a grant's amount, count × price. */
  'orderedCents',
  /** Paid, net of reclaims (realisatie). */
  'realisedCents',
  'invoicedCents',
  'settledCents',
  'reclaimedCents',
  /** Grants awarded, purchases ordered: one each while not reversed. */
  'entities',
  /** Of those, withdrawn or cancelled. */
  'cancelled',
  /** Trajectories (or other units) ordered, of orders not cancelled. */
  'units',
  /** What those orders commit: the sum an average price per unit divides by `units`. */
  'unitsCommittedCents',
  'participants',
  'outcomesWork',
  'outcomesEducation',
  'outcomesOther',
  /** Paid beyond what flowed into the budget: borne by its owner. */
  'uncoveredCents',
] as const;

export type Measure = (typeof MEASURES)[number];

/** Measures kept to divide by, never a figure of their own: what an event moved does not list them. */
export const QUOTIENT_MEASURES: ReadonlySet<Measure> = new Set<Measure>(['unitsCommittedCents']);
export type Measures = Partial<Record<Measure, number>>;

/** The kinds of spending: grants, purchases, and the expense kinds (see @geldstroom/ledger). */
// Said as a union, not read off the spread array: the OpenAPI schema generator reads these types.
export type SpendingKind = 'grant' | 'purchase' | ExpenseKind;
export const SPENDING_KINDS: readonly SpendingKind[] = ['grant', 'purchase', ...EXPENSE_KINDS];

const SPENDING: ReadonlySet<string> = new Set<string>(SPENDING_KINDS);

/** Money spent on something: a grant, a purchase or an expense (not a budget's own movement). */
export function isSpendingKind(kind: string | number | undefined): kind is SpendingKind {
  return typeof kind === 'string' && SPENDING.has(kind);
}

/** What the events of a kind are, in the read models' words. */
export type MovementKind = SpendingKind | 'budget' | 'programme' | 'funding' | 'transfer-in' | 'transfer-out';
export const MOVEMENT_KINDS: readonly MovementKind[] = [...SPENDING_KINDS, 'budget', 'programme', 'funding', 'transfer-in', 'transfer-out'];

/** Where a movement belongs: the aggregate tables select on these. */
export interface Dims {
  readonly kind: MovementKind;
  readonly budgetId: string | null;
  readonly lineId: string | null;
  readonly programmeId: string | null;
  /** The other party: recipient, supplier, funder. */
  readonly partyId: string | null;
  readonly contractId: string | null;
  /** For a transfer: the budget on the other side. */
  readonly counterBudgetId: string | null;
  /** For a purchase: what it counts (trajectories, hours, months, participants, a lump sum). */
  readonly unit: PurchaseUnit | null;
}

export interface Movement {
  /** The journal position at which this change became known. */
  readonly q: number;
  /** The event whose figures changed, and its business date. */
  readonly eventPosition: number;
  readonly date: string;
  readonly eventType: LedgerEventType;
  /** The entity the event belongs to (see folds/units.ts). */
  readonly unitId: string;
  readonly dims: Dims;
  readonly measures: Measures;
  /** What was paid (or transferred), by ultimate funder; null when the pool was not involved. */
  readonly funders: ReadonlyMap<string, number> | null;
}

export function isZero(measures: Measures): boolean {
  for (const key in measures) if (measures[key as Measure]) return false;
  return true;
}

/** a − b, without the measures that come out zero. */
export function difference(a: Measures, b: Measures): Measures {
  const out: Measures = {};
  for (const key of MEASURES) {
    const value = (a[key] ?? 0) - (b[key] ?? 0);
    if (value !== 0) out[key] = value;
  }
  return out;
}

export function negate(measures: Measures): Measures {
  const out: Measures = {};
  for (const key of MEASURES) if (measures[key]) out[key] = -measures[key]!;
  return out;
}

export function addMeasures(target: Record<Measure, number>, source: Measures, factor = 1): void {
  for (const key in source) target[key as Measure] += factor * (source[key as Measure] ?? 0);
}

const ZERO = Object.freeze(Object.fromEntries(MEASURES.map((m) => [m, 0])) as Record<Measure, number>);

/** A fresh record of every measure at zero (a copy of one object: made for every row read). */
export function zeroMeasures(): Record<Measure, number> {
  return { ...ZERO };
}
