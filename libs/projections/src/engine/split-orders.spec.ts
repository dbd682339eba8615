// A group's parts as now known are read with its first parts kept between orders (SplitOrders.parts):
// after any sequence of orders placed, changed and withdrawn, in any business order, they must be
// what the parts of all the group's orders are, counted the one way (orderPartsOf).
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpendingState } from '../folds/spending';
import type { UnitState } from '../folds/units';
import { thresholdFor } from '../findings/procurement-thresholds';
import { repositoryFindingRules } from '../findings/rules';
import { groupKey, ORDER_PROCEDURE, orderPartsOf } from '../findings/split-purchases';
import { ReadModelDigest } from '../store/digest';
import { ReadStore } from '../store/read-store';
import { byBusinessOrder, SplitOrders } from './split-orders';
import { TrackedTables } from './tracked';

const thresholds = repositoryFindingRules().procurement;
const SUPPLIER = 'supplier-1';
const DATES = ['2024-02-01', '2024-03-01', '2024-03-15', '2024-06-30'];
const orderThreshold = thresholdFor(thresholds, ORDER_PROCEDURE, '2024-06-30')!;

interface Order {
  readonly position: number;
  readonly date: string;
  readonly valueCents: number;
  readonly opened: boolean;
}

function purchase(order: Order): UnitState {
  const state = {
    category: 'purchase',
    kind: 'purchase',
    opened: order.opened,
    openedOn: order.date,
    budgetId: 'budget-1',
    lineId: null,
    programmeId: null,
    partyId: SUPPLIER,
    contractId: null,
    unit: 'trajectory',
    amountCents: order.valueCents,
    settledCents: null,
    units: 1,
    paidCents: 0,
    invoicedCents: 0,
    closed: false,
    openedAt: order.position,
    paidBeforeOpened: [],
  } satisfies SpendingState;
  return { kind: 'spending', state };
}

// Values below the single-quote threshold (parts), at it and above it (no parts), and nothing.
const value = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: orderThreshold.thresholdCents - 1 }), weight: 6 },
  { arbitrary: fc.constantFrom(0, orderThreshold.thresholdCents, orderThreshold.thresholdCents + 1), weight: 1 },
);
const operationOn = (orders: number) =>
  fc.record({ order: fc.integer({ min: 0, max: orders - 1 }), date: fc.constantFrom(...DATES), valueCents: value, withdraw: fc.integer({ min: 0, max: 9 }).map((roll) => roll < 2) });

describe('SplitOrders: a group’s parts with its first parts kept', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'geldstroom-split-orders-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // Forty orders: groups with more parts than a finding names. Twelve: groups with fewer, all kept.
  it.each([
    ['more parts than named', 40, 60, 160],
    ['fewer parts than named', 12, 10, 60],
  ])('are the parts of all its orders counted again, after every order placed, changed or withdrawn (%s)', (_, ordersMax, minLength, maxLength) => {
    let run = 0;
    fc.assert(
      fc.property(fc.array(operationOn(ordersMax), { minLength, maxLength, size: 'max' }), (operations) => {
        const store = ReadStore.open(join(dir, `projections-${(run += 1)}.sqlite`));
        try {
          const orders = new Map<string, Order>();
          const split = new SplitOrders(
            new TrackedTables(store.db, new ReadModelDigest()),
            { unit: (unitId) => purchase(orders.get(unitId)!), budgetOwner: () => 'buyer-1' },
            thresholds,
          );
          operations.forEach(({ order, date, valueCents, withdraw }, i) => {
            const unitId = `purchase-${order}`;
            const known = orders.get(unitId);
            // An order keeps its position; a withdrawal closes what is there (or places nothing).
            const position = known?.position ?? i + 1;
            orders.set(unitId, withdraw ? { ...(known ?? { position, date, valueCents }), opened: false } : { position, date: known?.date ?? date, valueCents, opened: true });
            split.touch(unitId);
            store.db.transaction(() => split.flush())();
            for (const year of ['2024']) {
              const key = groupKey('buyer-1', `${year}-01-01`, 'purchase');
              const open = [...orders.values()].filter((o) => o.opened).sort(byBusinessOrder);
              expect(split.parts(SUPPLIER, key, orderThreshold)).toEqual(orderPartsOf(open, orderThreshold));
            }
          });
        } finally {
          store.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
