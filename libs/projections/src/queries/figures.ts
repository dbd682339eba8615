// Adding up a scope's rows into the figures an answer shows.
import { MEASURES, SPENDING_KINDS, zeroMeasures, type Measure, type SpendingKind } from '../model/movement';
import type { ScopeRow } from '../engine/scopes';
import { addInto } from '../who-paid/split';

export interface Figures {
  readonly measures: Record<Measure, number>;
  readonly funders: Map<string, number>;
}

export function sumRows(rows: readonly ScopeRow[]): Figures {
  const measures = zeroMeasures();
  const funders = new Map<string, number>();
  for (const row of rows) {
    for (const m of MEASURES) measures[m] += row.measures[m];
    addInto(funders, row.funders);
  }
  return { measures, funders };
}

const SPENDING: ReadonlySet<string> = new Set<string>(SPENDING_KINDS);

/** Money spent on something: a grant, a purchase or an expense (not a budget's own movement). */
export function isSpendingKind(kind: string | number | undefined): kind is SpendingKind {
  return typeof kind === 'string' && SPENDING.has(kind);
}

/** An expense of one of its kinds (own staff, hired staff, operating, ...). */
export function isExpenseKind(kind: string | number | undefined): boolean {
  return isSpendingKind(kind) && kind !== 'grant' && kind !== 'purchase';
}
