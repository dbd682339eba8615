// Adding up a scope's rows into the figures an answer shows.
import { isSpendingKind, MEASURES, zeroMeasures, type Measure } from '../model/movement';
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

export { isSpendingKind } from '../model/movement';

/** An expense of one of its kinds (own staff, hired staff, operating, ...). */
export function isExpenseKind(kind: string | number | undefined): boolean {
  return isSpendingKind(kind) && kind !== 'grant' && kind !== 'purchase';
}
