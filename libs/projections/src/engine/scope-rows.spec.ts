// An entity's sums over all its groups are kept as movements are added (the budget a thousand
// suppliers are charged to answers its limit checks without adding a thousand rows up): they must be
// what its totals rows add up to, within a batch, after it, and read back by a writer that starts anew.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MEASURES, zeroMeasures, type Measure, type Movement } from '../model/movement';
import { ReadModelDigest } from '../store/digest';
import { ReadStore } from '../store/read-store';
import { SCOPE_BY_NAME } from './scopes';
import { ScopeRows } from './scope-rows';
import { TrackedTables } from './tracked';

const budget = SCOPE_BY_NAME.budget;

function purchase(q: number, supplier: string, committedCents: number): Movement {
  return {
    q,
    eventPosition: q,
    date: `2024-03-${String(1 + (q % 28)).padStart(2, '0')}`,
    eventType: 'TrajectoriesPurchased',
    unitId: `purchase-${q}`,
    dims: { kind: 'purchase', budgetId: 'b-1', lineId: null, programmeId: null, partyId: supplier, contractId: null, counterBudgetId: null, unit: 'trajectory' },
    measures: { committedCents, entities: 1 },
    funders: null,
  };
}

function summed(rows: ScopeRows): Record<Measure, number> {
  const sums = zeroMeasures();
  for (const total of rows.totals(budget, 'b-1')) for (const m of MEASURES) sums[m] += total.measures[m];
  return sums;
}

describe('ScopeRows: an entity’s sums over its groups', () => {
  let dir: string;
  let store: ReadStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'geldstroom-scope-rows-'));
    store = ReadStore.open(join(dir, 'projections.sqlite'));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are what its totals rows add up to, as movements come, after a flush, and read anew', () => {
    const tables = new TrackedTables(store.db, new ReadModelDigest());
    const rows = new ScopeRows(tables);
    store.db.transaction(() => {
      for (let q = 1; q <= 300; q += 1) {
        rows.add(purchase(q, `supplier-${q % 37}`, 1_000 * q));
        rows.endOfPosition(q);
        if (q % 50 === 0) expect(rows.measures(budget, 'b-1')).toEqual(summed(rows));
      }
      rows.flush();
    })();
    expect(rows.measures(budget, 'b-1').committedCents).toBe((1_000 * 300 * 301) / 2);
    expect(rows.measures(budget, 'b-1').entities).toBe(300);

    // A writer that starts anew reads them from the stored rows, and keeps them from there.
    const again = new ScopeRows(tables);
    expect(again.measures(budget, 'b-1')).toEqual(rows.measures(budget, 'b-1'));
    store.db.transaction(() => {
      again.add(purchase(301, 'supplier-new', -5_000));
      again.flush();
    })();
    expect(again.measures(budget, 'b-1')).toEqual(summed(again));
    expect(again.measures(budget, 'b-1').committedCents).toBe((1_000 * 300 * 301) / 2 - 5_000);
  });
});
