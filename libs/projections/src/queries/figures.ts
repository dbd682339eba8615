// Adding up a scope's rows into the figures an answer shows.
import { MEASURES, zeroMeasures, type Measure, type SpendingKind } from '../model/movement';
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

const SPENDING_KINDS: ReadonlySet<string> = new Set<SpendingKind>(['grant', 'purchase']);

/** Money spent on something: a grant or a purchase (not a budget's own movement). */
export function isSpendingKind(kind: string | number | undefined): boolean {
  return typeof kind === 'string' && SPENDING_KINDS.has(kind);
}
