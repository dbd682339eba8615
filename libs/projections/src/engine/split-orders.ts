// The orders the split-purchase rule reads, kept as now known: every order and procured expense
// outside a contract, by supplier and group (buyer, year, kind of service), and per group how many
// of them are parts under the single-quote threshold in force at the group's latest order, and
// what they add up to. An order that changes moves its part of the sums, nothing else: a group of a
// hundred thousand orders costs per order what a group of ten does. Only when the group's threshold
// changes (its latest order now falls under another one) are its orders counted again.
// The parts a finding names (the first few and the last) are kept between orders too, so an order
// placed after the others reads none of the group's orders again.
import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { committedCents } from '../folds/spending';
import type { UnitState } from '../folds/units';
import { thresholdFor, type ProcurementThreshold, type ProcurementThresholds } from '../findings/procurement-thresholds';
import { groupKey, isPart, ORDER_PROCEDURE, orderPartsOf, PARTS_NAMED, partsBelowCents, PROCURED_KINDS, type OrderParts, type PartEvent } from '../findings/split-purchases';
import { BoundedMap } from '../store/bounded-map';
import type { Row, TrackedTables } from './tracked';

/** Groups whose named parts are kept: a supplier's finding that grows names the same first parts at every order. */
const NAMED_PARTS_CACHED_MAX = 8_192;
/** Entities whose split_orders row (or its absence) is kept: most entities touched are not orders, or did not change as one. */
const STORED_ORDERS_CACHED_MAX = 65_536;

/** A group's parts as a finding names them, read under one threshold. */
interface NamedParts {
  readonly thresholdId: string;
  /** The first parts in business order, as many as are named before the last. */
  readonly first: readonly PartEvent[];
  /** The last part in business order, when the group has more parts than are named; else unknown. */
  readonly last?: PartEvent;
}

/** One order (or procured expense) outside a contract, as the split-purchase rule sees it. */
export interface SplitOrder extends PartEvent {
  readonly supplierPartyId: string;
  readonly key: string;
  readonly budgetId: string | null;
  readonly valueCents: number;
}

const ORDER_COLUMNS = ['unit_id', 'supplier_party_id', 'group_key', 'budget_id', 'opened_on', 'opened_position', 'value_cents'];
const GROUP_COLUMNS = ['supplier_party_id', 'group_key', 'last_on', 'threshold_id', 'parts', 'parts_cents'];

/** An order of a supplier outside any contract, from its entity's state; undefined for anything else. */
export function splitOrderOf(unit: UnitState, budgetOwner: (budgetId: string) => string | null): SplitOrder | undefined {
  if (unit.kind !== 'spending') return undefined;
  const { state } = unit;
  if (!state.opened || state.contractId !== null || state.openedAt === null || state.partyId === null || !PROCURED_KINDS.includes(state.kind)) return undefined;
  const date = state.openedOn ?? '';
  const buyer = state.budgetId ? (budgetOwner(state.budgetId) ?? '') : '';
  return {
    supplierPartyId: state.partyId,
    key: groupKey(buyer, date, state.kind),
    budgetId: state.budgetId,
    date,
    position: state.openedAt,
    valueCents: committedCents(state),
  };
}

export function byBusinessOrder(a: PartEvent, b: PartEvent): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.position - b.position;
}

/** Keeps split_orders and split_groups in step with the orders' entities, one position at a time. */
export class SplitOrders {
  private readonly dirty = new Set<string>();
  /**
   * Per group, its named parts as last read, and the threshold they were read under: kept until an
   * order at or before the last of its first parts comes or goes (see keepNamedParts).
   */
  private readonly namedParts = new BoundedMap<string, NamedParts>(NAMED_PARTS_CACHED_MAX);
  /** Per entity, its split_orders row as stored (null: none); only this class writes the table. */
  private readonly storedOrders = new BoundedMap<string, Row | null>(STORED_ORDERS_CACHED_MAX);

  constructor(
    private readonly tables: TrackedTables,
    private readonly view: { unit(unitId: string): UnitState; budgetOwner(budgetId: string): string | null },
    private readonly thresholds: ProcurementThresholds,
  ) {}

  /** An entity whose figures moved: it may be an order, or have become or stopped being one. */
  touch(unitId: string): void {
    this.dirty.add(unitId);
  }

  /** A budget whose owner came or went: the buyer of its orders changed. */
  touchBudget(budgetId: string): void {
    for (const unitId of this.tables.statement('SELECT unit_id FROM split_orders WHERE budget_id = ?').pluck().all(budgetId) as string[]) this.dirty.add(unitId);
  }

  /** Writes the orders that changed and their groups' sums; the suppliers whose groups changed. */
  flush(): Set<string> {
    const suppliers = new Set<string>();
    for (const unitId of [...this.dirty].sort()) {
      const old = this.storedOrder(unitId);
      const found = splitOrderOf(this.view.unit(unitId), (budgetId) => this.view.budgetOwner(budgetId));
      const next: Row | undefined = found && [unitId, found.supplierPartyId, found.key, found.budgetId, found.date, found.position, found.valueCents];
      if (JSON.stringify(old) === JSON.stringify(next)) continue;
      if (old) {
        this.tables.deleteWhere('split_orders', 'unit_id = ?', [unitId]);
        this.storedOrders.set(unitId, null);
        this.regroup(old[1] as string, old[2] as string, { removed: old[6] as number }, { date: old[4] as string, position: old[5] as number });
        suppliers.add(old[1] as string);
      }
      if (next && found) {
        this.tables.insert('split_orders', ORDER_COLUMNS, next);
        this.storedOrders.set(unitId, next);
        this.regroup(found.supplierPartyId, found.key, { added: found.valueCents }, found);
        suppliers.add(found.supplierPartyId);
      }
    }
    this.dirty.clear();
    return suppliers;
  }

  forget(): void {
    this.dirty.clear();
    this.namedParts.clear();
    this.storedOrders.clear();
  }

  private storedOrder(unitId: string): Row | undefined {
    const kept = this.storedOrders.get(unitId);
    if (kept !== undefined) return kept ?? undefined;
    const row = this.tables.rowWhere('split_orders', 'unit_id = ?', [unitId]);
    this.storedOrders.set(unitId, row ?? null);
    return row;
  }

  /** The parts of a group as now known (keptOrderParts), the parts it names kept between orders. */
  parts(supplierPartyId: string, key: string, threshold: ProcurementThreshold): OrderParts {
    const id = groupId(supplierPartyId, key);
    const kept = this.namedParts.get(id);
    const parts = keptOrderParts(this.tables.db, supplierPartyId, key, threshold, false, kept?.thresholdId === threshold.id ? kept : undefined);
    const first = parts.named.slice(0, Math.min(parts.count, PARTS_NAMED - 1));
    this.namedParts.set(id, { thresholdId: threshold.id, first, ...(parts.count >= PARTS_NAMED ? { last: parts.named[parts.named.length - 1] } : {}) });
    return parts;
  }

  /** A group's latest date, threshold and sums after one order (at `at`) left it or joined it. */
  private regroup(supplierPartyId: string, key: string, change: { readonly removed?: number; readonly added?: number }, at: PartEvent): void {
    const where = 'supplier_party_id = ? AND group_key = ?';
    const stored = this.tables.rowWhere('split_groups', where, [supplierPartyId, key]);
    const lastOn = this.tables.statement(`SELECT max(opened_on) FROM split_orders WHERE ${where}`).pluck().get(supplierPartyId, key) as string | null;
    if (lastOn === null) {
      // The group's last order left: nothing of it is kept.
      this.tables.deleteWhere('split_groups', where, [supplierPartyId, key]);
      this.namedParts.delete(groupId(supplierPartyId, key));
      return;
    }
    const threshold = thresholdFor(this.thresholds, ORDER_PROCEDURE, lastOn);
    const thresholdId = threshold?.id ?? '';
    this.keepNamedParts(groupId(supplierPartyId, key), change, at, threshold);
    let parts = 0;
    let partsCents = 0;
    if (threshold && stored && stored[3] === thresholdId) {
      // The same threshold as the sums were kept under: the order moves its own part only.
      const contribution = (value: number | undefined) => (value !== undefined && isPart(value, threshold) ? value : undefined);
      const [removed, added] = [contribution(change.removed), contribution(change.added)];
      parts = (stored[4] as number) - (removed === undefined ? 0 : 1) + (added === undefined ? 0 : 1);
      partsCents = (stored[5] as number) - (removed ?? 0) + (added ?? 0);
    } else if (threshold) {
      const counted = keptOrderParts(this.tables.db, supplierPartyId, key, threshold, true);
      parts = counted.count;
      partsCents = counted.totalCents;
    }
    this.tables.replace('split_groups', GROUP_COLUMNS, [supplierPartyId, key, lastOn, thresholdId, parts, partsCents], stored);
  }

  /**
   * The first parts kept stand while every order that moves comes after the last of them; a group
   * with fewer parts than are named keeps all of them, so an order joining it after the last is
   * added to them when it is a part. Anything else and they are read again at the next finding.
   * The last part kept stands until it leaves; a part joining after it is the last.
   */
  private keepNamedParts(id: string, change: { readonly removed?: number; readonly added?: number }, at: PartEvent, threshold: ProcurementThreshold | undefined): void {
    const kept = this.namedParts.get(id);
    if (!kept) return;
    const lastFirst = kept.first[kept.first.length - 1];
    const after = lastFirst === undefined || byBusinessOrder(at, lastFirst) > 0;
    if (!after || !threshold || threshold.id !== kept.thresholdId) {
      this.namedParts.delete(id);
      return;
    }
    const joined = change.added !== undefined && isPart(change.added, threshold);
    // Not all named yet: an order after the last first part that is itself a part is the next one
    // (one that leaves after the last was not a part: all of them are kept).
    const first = kept.first.length < PARTS_NAMED - 1 && joined ? [...kept.first, { position: at.position, date: at.date }] : kept.first;
    let last = kept.last;
    if (last && change.removed !== undefined && at.position === last.position) last = undefined;
    if (last && joined && byBusinessOrder(at, last) > 0) last = { position: at.position, date: at.date };
    this.namedParts.set(id, { thresholdId: kept.thresholdId, first, ...(last ? { last } : {}) });
  }
}

function groupId(supplierPartyId: string, key: string): string {
  return `${supplierPartyId}\u0000${key}`;
}

const statementsOf = new WeakMap<Database.Database, Map<string, Statement>>();

function prepared(db: Database.Database, sql: string): Statement {
  let statements = statementsOf.get(db);
  if (!statements) statementsOf.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
}

const GROUP_ORDERS = 'SELECT opened_on, opened_position, value_cents FROM split_orders WHERE supplier_party_id = ? AND group_key = ?';

/**
 * The parts of a group as now known: counted from the kept sums when they were kept under this
 * threshold (or counted again, `recount`), the first parts and the last read off the index in
 * business order; the same answer orderPartsOf gives from all of the group's orders.
 */
export function keptOrderParts(
  db: Database.Database,
  supplierPartyId: string,
  key: string,
  threshold: ProcurementThreshold,
  recount = false,
  /** The group's named parts as read before under this threshold, kept since (SplitOrders.keepNamedParts). */
  known?: Omit<NamedParts, 'thresholdId'>,
): OrderParts {
  const group = recount ? undefined : (prepared(db, 'SELECT threshold_id, parts, parts_cents FROM split_groups WHERE supplier_party_id = ? AND group_key = ?').raw().get(supplierPartyId, key) as [string, number, number] | undefined);
  if (!group || group[0] !== threshold.id) return orderPartsOf(allOrders(db, supplierPartyId, key), threshold);
  const [, count, totalCents] = group;
  // The parts only (isPart, in SQL), a page read at once off the covering index.
  const parts = (direction: 'ASC' | 'DESC', limit: number) =>
    (prepared(db, `${GROUP_ORDERS} AND value_cents > 0 AND value_cents < ? ORDER BY opened_on ${direction}, opened_position ${direction} LIMIT ?`)
      .raw()
      .all(supplierPartyId, key, partsBelowCents(threshold), limit) as [string, number, number][]).map(([date, position]) => ({ position, date }));
  const first = Math.min(count, PARTS_NAMED - 1);
  const named: PartEvent[] = known?.first.length === first ? [...known.first] : parts('ASC', first);
  if (count >= PARTS_NAMED) named.push(...(known?.last ? [known.last] : parts('DESC', 1)));
  return { count, totalCents, named };
}

/** Every order of a group, in business order: the parts counted again. */
function* allOrders(db: Database.Database, supplierPartyId: string, key: string): Generator<{ date: string; position: number; valueCents: number }> {
  const rows = prepared(db, `${GROUP_ORDERS} ORDER BY opened_on, opened_position`).raw().iterate(supplierPartyId, key) as IterableIterator<[string, number, number]>;
  for (const [date, position, valueCents] of rows) yield { date, position, valueCents };
}
