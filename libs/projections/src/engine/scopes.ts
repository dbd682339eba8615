// The aggregate tables the answers are read from. Each movement is added into one row of each
// scope it belongs to: a programme's, a budget's and a party's (the supplier, recipient or
// funder). A scope keeps, per entity, the sums by the dimensions its questions group by and by
// business date (`<scope>_days`: what a programme cost `on` a date is the rows up to it), and
// every SNAPSHOT_EVERY movements the sums as known at that journal position (`<scope>_snapshots`:
// what it cost `asOf` a position is the snapshot before it plus the movements since).
import { MEASURES, type Dims, type Measure, type Movement } from '../model/movement';

export const SCOPE_NAMES = ['programme', 'budget', 'party'] as const;
export type ScopeName = (typeof SCOPE_NAMES)[number];

/** The dimensions a scope's rows are grouped by, as columns. */
export type GroupColumn = 'kind' | 'budget_id' | 'line_id' | 'programme_id' | 'party_id' | 'contract_id' | 'counter_budget_id' | 'unit' | 'year';

export interface ScopeDefinition {
  readonly name: ScopeName;
  /** The column naming the entity, and the movement dimension it comes from. */
  readonly keyColumn: 'programme_id' | 'budget_id' | 'party_id';
  readonly keyOf: (movement: Movement) => string | null;
  readonly groupColumns: readonly GroupColumn[];
  /** Movements of one entity between two snapshots: an `asOf` answer sums at most this many. */
  readonly snapshotEvery: number;
}

/** One row of a scope: the entity, its group, and the sums. Money in cents. */
export interface ScopeRow {
  readonly key: string;
  readonly group: Readonly<Partial<Record<GroupColumn, string | number>>>;
  readonly measures: Record<Measure, number>;
  /** Paid (or moved) by ultimate funder. */
  readonly funders: Map<string, number>;
}

const yearOf = (date: string): number => Number(date.slice(0, 4));

/** The value of each group column for a movement: '' and 0 stand for none (they are keys). */
export function groupValue(column: GroupColumn, movement: Movement): string | number {
  const dims: Dims = movement.dims;
  switch (column) {
    case 'kind':
      return dims.kind;
    case 'budget_id':
      return dims.budgetId ?? '';
    case 'line_id':
      return dims.lineId ?? '';
    case 'programme_id':
      return dims.programmeId ?? '';
    case 'party_id':
      return dims.partyId ?? '';
    case 'contract_id':
      return dims.contractId ?? '';
    case 'counter_budget_id':
      return dims.counterBudgetId ?? '';
    case 'unit':
      return dims.unit ?? '';
    case 'year':
      return yearOf(movement.date);
  }
}

export const SCOPES: readonly ScopeDefinition[] = [
  {
    name: 'programme',
    keyColumn: 'programme_id',
    keyOf: (m) => m.dims.programmeId,
    // What a programme cost and who paid, by kind of spending and by the budget that paid; what its
    // purchases count by unit (trajectories apart from hours).
    groupColumns: ['kind', 'budget_id', 'unit'],
    snapshotEvery: 1_024,
  },
  {
    name: 'budget',
    keyColumn: 'budget_id',
    keyOf: (m) => m.dims.budgetId,
    // Execution per allocation line and kind; inflows by funder and by sending budget; what each
    // programme drew on the budget, by source (the accountability per outside funding).
    groupColumns: ['kind', 'line_id', 'programme_id', 'party_id', 'counter_budget_id'],
    snapshotEvery: 2_048,
  },
  {
    name: 'party',
    keyColumn: 'party_id',
    keyOf: (m) => m.dims.partyId,
    // What was spent with a provider, by the year of each event, per buyer's budget and contract.
    groupColumns: ['kind', 'budget_id', 'contract_id', 'unit', 'year'],
    snapshotEvery: 4_096,
  },
];

export const SCOPE_BY_NAME: Readonly<Record<ScopeName, ScopeDefinition>> = Object.fromEntries(SCOPES.map((s) => [s.name, s])) as Record<ScopeName, ScopeDefinition>;

/** SQLite column name of a measure: `committedCents` → `committed_cents`. */
export function measureColumn(measure: Measure): string {
  return measure.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export const MEASURE_COLUMNS: readonly string[] = MEASURES.map(measureColumn);
