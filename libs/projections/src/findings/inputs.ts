// What the findings are derived from, read from the read models: at a cut for a question with
// `on`, or "now" for the projector (which passes its own view of the entities and of the sums, as
// they stand within the batch it is writing).
import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import type { UnitState } from '../folds/units';
import type { BudgetHeader, ContractHeader } from '../folds/headers';
import type { SpendingKind } from '../model/movement';
import type { Flag } from '@geldstroom/ledger';
import type { LedgerFact } from '../model/ledger-fact';
import { FACT_SELECT, factOfRow, NOT_REVERSED_AT, type FactTuple } from '../engine/fact-rows';
import { committedCents } from '../folds/spending';
import { reference, type EventReference } from '../queries/evidence';
import { walkBeyond, type Beyond, type CalledOff, type FindingInputs, type LimitedKind, type Step, type Walked, type Window } from './derive';
import type { ProcurementThreshold } from './procurement-thresholds';
import { keptOrderParts, splitOrderOf, byBusinessOrder, type SplitOrder } from '../engine/split-orders';
import { orderPartsOf, type OrderParts } from './split-purchases';
import { PROCURED_KINDS } from './split-purchases';
import { BoundedMap } from '../store/bounded-map';
import { FLAG_EXCESS, figuresOfState, flagParts, ownCents, type FlagPart } from './excess';

const PROCURED_SQL = PROCURED_KINDS.map((kind) => `'${kind}'`).join(', ');

/** Knowledge and business time of the inputs; null for "everything the read models hold". */
export interface InputsCut {
  readonly position: number | null;
  readonly on: string | null;
}

export interface InputsView {
  unit(unitId: string): UnitState;
  budgetFigures(budgetId: string): { limitCents: number; chargedCents: number } | undefined;
  lineFigures(budgetId: string, lineId: string): { limitCents: number; chargedCents: number } | undefined;
  calledOff(contractId: string, supplierPartyId: string): CalledOff;
  /** A group's parts as now known (for "now" only); by default read off the kept orders. */
  orderParts?(supplierPartyId: string, key: string, threshold: ProcurementThreshold): OrderParts;
  /** What went past a limit; by default walked from the committed steps the cut sees. */
  beyond?(on: LimitedKind, id: string, limitCents: number, walk: () => Walked, window?: Window): Beyond;
}


/** Facts kept for "now". */
const FACTS_CACHED_MAX = 4_096;
/**
 * Events' references kept for "now": a finding that grows names the same events again at every
 * version (a split purchase its first nineteen parts), and a ledger has findings growing at a
 * thousand suppliers at once. A reference is a few hundred bytes, a fact with its data several times that.
 */
const REFERENCES_CACHED_MAX = 32_768;
/** Budgets whose limit events are kept for "now". */
const LIMIT_EVENTS_CACHED_MAX = 4_096;
/** The events that set a budget's amount (limitEvents). */
export const LIMIT_EVENT_TYPES: ReadonlySet<string> = new Set(['BudgetFunded', 'BudgetAmended', 'BudgetTransferredIn', 'BudgetTransferredOut']);

export class SqlFindingInputs implements FindingInputs {
  private readonly statements = new Map<string, Statement>();
  private readonly keptFlagParts = new Map<string, ReadonlyMap<string, FlagPart>>();
  /** For "now" only: a fact does not change until a reversal hides it (see forgetFacts). */
  private readonly kept = new BoundedMap<number, LedgerFact>(FACTS_CACHED_MAX);
  private readonly keptReferences = new BoundedMap<number, EventReference>(REFERENCES_CACHED_MAX);
  /** For "now" only: each budget's limit events, until one comes or goes (see limitEvents). */
  private readonly keptLimitEvents = new BoundedMap<string, readonly number[]>(LIMIT_EVENTS_CACHED_MAX);
  /** For a cut only (one question): each supplier's orders as that cut sees them. */
  private readonly orders = new Map<string, SplitOrder[]>();

  constructor(
    private readonly db: Database.Database,
    private readonly cut: InputsCut,
    private readonly view: InputsView,
  ) {}

  budgetFigures(budgetId: string) {
    return this.view.budgetFigures(budgetId);
  }

  lineFigures(budgetId: string, lineId: string) {
    return this.view.lineFigures(budgetId, lineId);
  }

  calledOff(contractId: string, supplierPartyId: string): CalledOff {
    return this.view.calledOff(contractId, supplierPartyId);
  }

  beyond(on: LimitedKind, id: string, limitCents: number, window?: Window): Beyond {
    const walk = () => walkBeyond(this.committedSteps(on, id), limitCents, window);
    return this.view.beyond ? this.view.beyond(on, id, limitCents, walk, window) : walk();
  }

  /** Net committed per event charged to a budget or a line, or called off under a contract, in business order. */
  committedSteps(on: LimitedKind, id: string): Step[] {
    const [where, key, extra] =
      on === 'line'
        ? ['budget_id = @id AND line_id = @line', id.slice(0, id.indexOf(':')), { line: id.slice(id.indexOf(':') + 1) }]
        : [on === 'budget' ? 'budget_id = @id' : 'contract_id = @id', id, {}];
    const rows = this.movementSql(
      `SELECT event_position, date, unit_id, SUM(committed_cents) FROM movements WHERE ${where} AND %cut%
       GROUP BY event_position, unit_id HAVING SUM(committed_cents) <> 0 ORDER BY date, event_position, unit_id`,
      key,
      extra,
    ) as [number, string, string, number][];
    return rows.map(([position, date, unitId, deltaCents]) => ({ position, date, unitId, deltaCents }));
  }

  calledOffOutside(contractId: string, from: string, to: string): Step[] {
    // Two ranges of movements_contract_date (an OR would walk all of the contract's call-offs): only
    // what lies outside the term is read, however long the contract's history.
    const outside = (range: string) => `SELECT q, event_position, date, unit_id, committed_cents FROM movements WHERE contract_id = @id AND ${range}`;
    const rows = this.movementSql(
      `SELECT event_position, date, unit_id, SUM(committed_cents) FROM (${outside('date < @from')} UNION ALL ${outside('date > @to')}) WHERE %cut%
       GROUP BY event_position, unit_id HAVING SUM(committed_cents) > 0 ORDER BY date, event_position, unit_id`,
      contractId,
      { from, to },
    ) as [number, string, string, number][];
    return rows.map(([position, date, unitId, deltaCents]) => ({ position, date, unitId, deltaCents }));
  }

  allocationEvents(budgetId: string, lineId: string): number[] {
    const rows = this.movementSql(
      `SELECT DISTINCT event_position FROM movements WHERE budget_id = @id AND line_id = @line AND allocated_cents <> 0 AND %cut% ORDER BY event_position`,
      budgetId,
      { line: lineId },
    );
    return rows.map((r) => r[0] as number);
  }

  mirrors(position: number): { expected: number; present: number } | undefined {
    const at = this.cut.position ?? Number.MAX_SAFE_INTEGER;
    const row = this.prepare(
      `SELECT o.mirrors, (SELECT count(*) FROM facts m WHERE m.origin_id = o.event_id AND m.mirror = 1 AND m.position <= @at)
       FROM facts o WHERE o.position = @position AND o.position <= @at`,
    )
      .raw()
      .get({ position, at }) as [number, number] | undefined;
    return row && row[0] > 0 ? { expected: row[0], present: row[1] } : undefined;
  }

  /**
   * The budget's own events that set its amount (its stream is small: fundings, amendments,
   * transfers). For "now" kept per budget until such an event comes or a reversal hides one (see
   * forgetLimitEvents, forgetFacts): a budget's overrun names them again at every charge.
   */
  limitEvents(budgetId: string): number[] {
    if (!this.isNow()) return this.limitEventsRead(budgetId);
    let kept = this.keptLimitEvents.get(budgetId);
    if (!kept) this.keptLimitEvents.set(budgetId, (kept = this.limitEventsRead(budgetId)));
    return [...kept];
  }

  /** A budget's amount was set again: its limit events are read anew. */
  forgetLimitEvents(): void {
    this.keptLimitEvents.clear();
  }

  private limitEventsRead(budgetId: string): number[] {
    const on = this.cut.on === null ? '' : 'AND f.effective_date <= @on';
    const rows = this.prepare(
      `SELECT f.position FROM facts f WHERE f.unit_id = @unit AND f.type IN (${[...LIMIT_EVENT_TYPES].map((type) => `'${type}'`).join(', ')})
       AND f.position <= @at ${on} AND ${NOT_REVERSED_AT} ORDER BY f.position`,
    )
      .pluck()
      .all({ unit: `budget-${budgetId}`, at: this.cut.position ?? Number.MAX_SAFE_INTEGER, ...(this.cut.on === null ? {} : { on: this.cut.on }) }) as number[];
    return rows;
  }

  contract(contractId: string) {
    const unit = this.view.unit(`contract-${contractId}`);
    return unit.kind === 'contract' && unit.state.opened ? unit.state : undefined;
  }

  party(partyId: string) {
    const unit = this.view.unit(`party-${partyId}`);
    return unit.kind === 'party' && unit.state.opened ? unit.state : undefined;
  }

  programme(programmeId: string) {
    const unit = this.view.unit(`programme-${programmeId}`);
    return unit.kind === 'programme' && unit.state.opened ? unit.state : undefined;
  }

  spending(unitId: string) {
    const unit = this.view.unit(unitId);
    return unit.kind === 'spending' ? unit.state : undefined;
  }

  supplierOrderGroups(supplierPartyId: string): { key: string; lastOn: string }[] {
    if (this.isNow()) {
      return this.prepare('SELECT group_key, last_on FROM split_groups WHERE supplier_party_id = ? ORDER BY group_key')
        .raw()
        .all(supplierPartyId)
        .map((row) => ({ key: (row as string[])[0], lastOn: (row as string[])[1] }));
    }
    const groups = new Map<string, string>();
    for (const order of this.supplierOrders(supplierPartyId)) groups.set(order.key, order.date > (groups.get(order.key) ?? '') ? order.date : groups.get(order.key)!);
    return [...groups].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, lastOn]) => ({ key, lastOn }));
  }

  supplierOrderParts(supplierPartyId: string, key: string, threshold: ProcurementThreshold): OrderParts {
    if (this.isNow()) return this.view.orderParts?.(supplierPartyId, key, threshold) ?? keptOrderParts(this.db, supplierPartyId, key, threshold);
    return orderPartsOf(this.supplierOrders(supplierPartyId).filter((o) => o.key === key), threshold);
  }

  /** Whether this is the projector's own view of everything the read models hold. */
  private isNow(): boolean {
    return this.cut.position === null && this.cut.on === null;
  }

  /**
   * A supplier's orders and procured expenses outside any contract, as the cut sees them, in
   * business order: each folded from its events, once per supplier for all its groups.
   */
  private supplierOrders(supplierPartyId: string): SplitOrder[] {
    let orders = this.orders.get(supplierPartyId);
    if (!orders) this.orders.set(supplierPartyId, (orders = this.foldSupplierOrders(supplierPartyId)));
    return orders;
  }

  private foldSupplierOrders(supplierPartyId: string): SplitOrder[] {
    const units = this.movementSql(
      `SELECT DISTINCT unit_id FROM movements WHERE party_id = @id AND kind IN (${PROCURED_SQL}) AND %cut% ORDER BY unit_id`,
      supplierPartyId,
    ).map((r) => r[0] as string);
    return units
      .flatMap((unitId) => {
        const order = splitOrderOf(this.view.unit(unitId), (budgetId) => this.budgetOwner(budgetId));
        return order ? [order] : [];
      })
      .sort(byBusinessOrder);
  }

  supplierContracts(supplierPartyId: string): ContractHeader[] {
    const on = this.cut.on === null ? '' : 'AND f.effective_date <= @on';
    const units = this.prepare(
      `SELECT DISTINCT f.unit_id FROM facts f WHERE f.type = 'ContractAwarded' AND json_extract(f.data, '$.supplierPartyId') = @id
       AND f.position <= @at ${on} AND ${NOT_REVERSED_AT} ORDER BY f.unit_id`,
    )
      .pluck()
      .all({ id: supplierPartyId, at: this.cut.position ?? Number.MAX_SAFE_INTEGER, ...(this.cut.on === null ? {} : { on: this.cut.on }) }) as string[];
    return units.flatMap((unitId) => {
      const unit = this.view.unit(unitId);
      return unit.kind === 'contract' && unit.state.opened ? [unit.state] : [];
    });
  }

  budget(budgetId: string): BudgetHeader | undefined {
    const unit = this.view.unit(`budget-${budgetId}`);
    return unit.kind === 'budget' && unit.state.opened ? unit.state : undefined;
  }

  budgetOpening(budgetId: string): number | undefined {
    const on = this.cut.on === null ? '' : 'AND f.effective_date <= @on';
    const rows = this.prepare(
      `SELECT f.position FROM facts f WHERE f.unit_id = @unit AND f.type = 'BudgetOpened' AND f.position <= @at ${on} AND ${NOT_REVERSED_AT}
       ORDER BY f.effective_date, f.position`,
    )
      .pluck()
      .all({ unit: `budget-${budgetId}`, at: this.cut.position ?? Number.MAX_SAFE_INTEGER, ...(this.cut.on === null ? {} : { on: this.cut.on }) }) as number[];
    return rows[0];
  }

  /**
   * Each flag's part of the entity's excess, worked out once for all its flagged events: until
   * forgetFlagParts, which the findings writer calls after every event (an answer's inputs are of
   * one cut and never forget).
   */
  flagPart(fact: LedgerFact, flag: Flag): number {
    // The projector's own view, for an event its entity's latest in business order: it takes
    // what it added to the excess, up to its own amount (the flags before it keep theirs), read off
    // the entity as folded, not its facts: a payment of an entity of thousands costs what the first did.
    if (this.isNow() && this.isLatestOf(fact)) {
      const unit = this.view.unit(fact.streamId);
      const excess = FLAG_EXCESS[flag];
      if (unit.kind === 'spending' && excess) return Math.min(ownCents(fact), Math.max(0, excess(figuresOfState(unit.state))));
    }
    return this.flagParts(fact.streamId).get(`${flag}:${fact.eventId}`)?.cents ?? 0;
  }

  private isLatestOf(fact: LedgerFact): boolean {
    const later = this.prepare('SELECT 1 FROM facts WHERE unit_id = @unit AND effective_date >= @on AND (effective_date > @on OR position > @at) LIMIT 1');
    return later.pluck().get({ unit: fact.streamId, on: fact.effectiveDate, at: fact.position }) === undefined;
  }

  private flagParts(unitId: string): ReadonlyMap<string, FlagPart> {
    let parts = this.keptFlagParts.get(unitId);
    if (!parts) {
      parts = flagParts(this.unitFacts(unitId));
      this.keptFlagParts.set(unitId, parts);
    }
    return parts;
  }

  forgetFlagParts(): void {
    if (this.keptFlagParts.size > 0) this.keptFlagParts.clear();
  }

  /** An entity's facts the cut sees, in business order: a grant's, purchase's or expense's stream is small. */
  unitFacts(unitId: string): LedgerFact[] {
    const on = this.cut.on === null ? '' : 'AND f.effective_date <= @on';
    const rows = this.prepare(`SELECT ${FACT_SELECT} FROM facts f WHERE f.unit_id = @unit AND f.position <= @at ${on} AND ${NOT_REVERSED_AT} ORDER BY f.effective_date, f.position`)
      .raw()
      .all({ unit: unitId, at: this.cut.position ?? Number.MAX_SAFE_INTEGER, ...(this.cut.on === null ? {} : { on: this.cut.on }) }) as FactTuple[];
    return rows.map(factOfRow);
  }

  budgetOwner(budgetId: string): string | null {
    const unit = this.view.unit(`budget-${budgetId}`);
    return unit.kind === 'budget' && unit.state.opened ? unit.state.ownerPartyId : null;
  }

  fact(position: number): LedgerFact | undefined {
    return this.facts([position])[0];
  }

  references(positions: readonly number[]): EventReference[] {
    if (!this.isNow()) return this.facts(positions).map(reference);
    const missing = positions.filter((position) => !this.keptReferences.has(position));
    for (const fact of missing.length > 0 ? this.facts(missing) : []) this.keptReferences.set(fact.position, reference(fact));
    // Sorted and once each, as facts() answers; a position the read models do not show is left out.
    return [...new Set(positions)]
      .sort((a, b) => a - b)
      .flatMap((position) => {
        const kept = this.keptReferences.get(position);
        return kept ? [kept] : [];
      });
  }

  /** A reversal hid facts (or a batch was not written): what was kept of them may no longer hold. */
  forgetFacts(): void {
    this.kept.clear();
    this.keptReferences.clear();
    this.keptLimitEvents.clear();
  }

  /** The facts at these positions that the cut sees. */
  private facts(positions: readonly number[]): LedgerFact[] {
    const at = this.cut.position ?? Number.MAX_SAFE_INTEGER;
    const on = this.cut.on === null ? '' : 'AND f.effective_date <= @on';
    const statement = this.prepare(`SELECT ${FACT_SELECT} FROM facts f WHERE f.position = @position AND f.position <= @at ${on} AND ${NOT_REVERSED_AT}`).raw();
    const now = this.cut.position === null && this.cut.on === null;
    return [...new Set(positions)]
      .sort((a, b) => a - b)
      .flatMap((position) => {
        const kept = now ? this.kept.get(position) : undefined;
        if (kept) return [kept];
        const found = (statement.all({ position, at, ...(this.cut.on === null ? {} : { on: this.cut.on }) }) as FactTuple[]).map(factOfRow);
        if (now && found.length === 1) this.kept.set(position, found[0]);
        return found;
      });
  }

  private movementSql(sql: string, key: string, extra: Record<string, unknown> = {}): unknown[][] {
    const conditions = [...(this.cut.position === null ? [] : ['q <= @at']), ...(this.cut.on === null ? [] : ['date <= @on'])];
    const params = { id: key, ...extra, ...(this.cut.position === null ? {} : { at: this.cut.position }), ...(this.cut.on === null ? {} : { on: this.cut.on }) };
    return this.prepare(sql.replace('%cut%', conditions.length > 0 ? conditions.join(' AND ') : '1')).raw().all(params) as unknown[][];
  }

  private prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
