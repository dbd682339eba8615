// Stage one: every entity's state folded from its visible events in business order, and the
// movement each event makes. An event that comes in business order (the usual case) is folded
// onto the kept state. One that comes earlier than events already folded, or a reversal, makes
// the entity fold again from its visible events; where the entity-wide figures of an event come
// out different (committed, settled, ordered units), the difference is a new movement for that
// event. Entities are small (a grant, an order): such a refold reads a handful of events.
import { compareBusiness, type BusinessKey, type LedgerFact } from '../model/ledger-fact';
import { difference, isZero, negate, type Dims, type Measures } from '../model/movement';
import { eventMovement, evolveUnit, initialUnit, unitMeasures, type UnitState } from '../folds/units';
import type { Drafts, DraftEvent } from './drafts';
import { FACT_SELECT, factOfRow, NOT_REVERSED, type FactTuple } from './fact-rows';
import type { Row, TrackedTables } from './tracked';

export interface UnitRecord {
  readonly id: string;
  unit: UnitState;
  last: BusinessKey | null;
  /** The row as last written, for the digest; undefined when never written. */
  stored: Row | undefined;
  dirty: boolean;
}

const UNIT_COLUMNS = ['unit_id', 'kind', 'last_date', 'last_position', 'state'];
const CACHED_UNITS_MAX = 100_000;

export class UnitFolds {
  private readonly cache = new Map<string, UnitRecord>();
  private readonly dirty = new Set<UnitRecord>();

  constructor(
    private readonly tables: TrackedTables,
    /** What an event drew from its pool (stage two), which moves with it when its place changes. */
    private readonly drawnBy: (position: number) => { funders: ReadonlyMap<string, number>; uncoveredCents: number } | undefined = () => undefined,
  ) {}

  record(unitId: string): UnitRecord {
    let record = this.cache.get(unitId);
    if (record) return record;
    const row = this.tables.rowWhere('units', 'unit_id = ?', [unitId]);
    if (row) {
      const unit = JSON.parse(row[4] as string) as UnitState;
      const last = row[3] === null ? null : { date: row[2] as string, position: row[3] as number };
      record = { id: unitId, unit, last, stored: row, dirty: false };
    } else {
      record = { id: unitId, unit: initialUnit(unitId), last: null, stored: undefined, dirty: false };
    }
    this.cache.set(unitId, record);
    return record;
  }

  /** Folds a new event into its entity, adding the movements it makes to `drafts`. */
  fold(unitId: string, fact: LedgerFact, drafts: Drafts): void {
    const record = this.record(unitId);
    const key = { date: fact.effectiveDate, position: fact.position };
    if (record.last !== null && compareBusiness(key, record.last) < 0 && !this.orderFree(record, fact)) {
      this.refold(record, drafts, { added: fact });
      return;
    }
    const before = unitMeasures(record.unit);
    const next = evolveUnit(record.unit, fact);
    const delta = difference(unitMeasures(next), before);
    const own = eventMovement(next, fact);
    if (own) drafts.add(draftEvent(unitId, fact), own.dims, sum(own.measures, delta));
    record.unit = next;
    if (record.last === null || compareBusiness(key, record.last) > 0) record.last = key;
    this.touch(record);
  }

  /** Takes reversed events out of their entity (they are already marked reversed). */
  remove(unitId: string, removed: readonly LedgerFact[], drafts: Drafts): void {
    this.refold(this.record(unitId), drafts, { removed });
  }

  /** The units changed since the last flush, written with the digest kept in step. */
  flush(): void {
    for (const record of this.dirty) {
      const values: Row = [record.id, record.unit.kind, record.last?.date ?? null, record.last?.position ?? null, JSON.stringify(record.unit)];
      this.tables.replace('units', UNIT_COLUMNS, values, record.stored);
      record.stored = values;
      record.dirty = false;
    }
    this.dirty.clear();
    if (this.cache.size > CACHED_UNITS_MAX) this.cache.clear();
  }

  /** Everything cached is dropped (after a transaction that did not commit). */
  forget(): void {
    this.cache.clear();
    this.dirty.clear();
  }

  private touch(record: UnitRecord): void {
    record.dirty = true;
    this.dirty.add(record);
  }

  /** A description-only event whose state does not depend on order (a budget's funding). */
  private orderFree(record: UnitRecord, fact: LedgerFact): boolean {
    return record.unit.kind !== 'spending' && evolveUnit(record.unit, fact) === record.unit;
  }

  /**
   * Folds the entity again, from its visible events as they were and as they are now, and writes
   * for every event the difference in what it counts for and where: the added event's movement,
   * the removed events' movements taken back, every other event's change. An event counts where
   * its entity stood when it was folded in business order, so an `on` answer sees the same.
   */
  private refold(record: UnitRecord, drafts: Drafts, change: { added?: LedgerFact; removed?: readonly LedgerFact[] }): void {
    const now = this.visibleFacts(record.id);
    const before = change.added
      ? now.filter((f) => f.position !== change.added!.position)
      : [...now, ...(change.removed ?? [])].sort((a, b) => compareBusiness(keyOf(a), keyOf(b)));
    const [was, is] = [contributions(record.id, before), contributions(record.id, now)];
    for (const position of new Set([...was.contributions.keys(), ...is.contributions.keys()])) {
      const [old, next] = [was.contributions.get(position), is.contributions.get(position)];
      if (old && next && sameDims(old.dims, next.dims)) {
        const changed = difference(next.measures, old.measures);
        if (!isZero(changed)) drafts.add(draftEvent(record.id, next.fact), next.dims, changed);
        continue;
      }
      // The event counts somewhere else now (or no longer): what its pool drew for it goes along.
      const drawn = this.drawnBy(position);
      const [uncovered, funders] = [{ uncoveredCents: drawn?.uncoveredCents ?? 0 }, drawn?.funders ?? null];
      if (old) drafts.add(draftEvent(record.id, old.fact), old.dims, negate(sum(old.measures, uncovered)), funders && negatedFunders(funders));
      if (next) drafts.add(draftEvent(record.id, next.fact), next.dims, sum(next.measures, uncovered), funders);
    }
    record.unit = is.unit;
    const lastFact = now[now.length - 1];
    record.last = lastFact ? keyOf(lastFact) : null;
    this.touch(record);
  }

  /** Where an event counts: its entity folded from its visible events up to and with it. */
  dimsAt(unitId: string, fact: LedgerFact): Dims | undefined {
    const record = this.record(unitId);
    if (record.last !== null && record.last.position === fact.position) return eventMovement(record.unit, fact)?.dims;
    const key = keyOf(fact);
    let unit = initialUnit(unitId);
    for (const visible of this.visibleFacts(unitId)) {
      if (compareBusiness(keyOf(visible), key) > 0) break;
      unit = evolveUnit(unit, visible);
    }
    return eventMovement(unit, fact)?.dims;
  }

  private visibleFacts(unitId: string): LedgerFact[] {
    const rows = this.tables
      .statement(`SELECT ${FACT_SELECT} FROM facts f WHERE f.unit_id = ? AND ${NOT_REVERSED} ORDER BY f.effective_date, f.position`)
      .raw()
      .all(unitId) as FactTuple[];
    return rows.map(factOfRow);
  }
}

interface Contribution {
  readonly fact: LedgerFact;
  readonly dims: Dims;
  readonly measures: Measures;
}

/** What each event counts for, folding the events in business order from nothing. */
function contributions(unitId: string, facts: readonly LedgerFact[]): { unit: UnitState; contributions: Map<number, Contribution> } {
  let unit = initialUnit(unitId);
  const out = new Map<number, Contribution>();
  for (const fact of facts) {
    const before = unitMeasures(unit);
    unit = evolveUnit(unit, fact);
    const own = eventMovement(unit, fact);
    if (own) out.set(fact.position, { fact, dims: own.dims, measures: sum(own.measures, difference(unitMeasures(unit), before)) });
  }
  return { unit, contributions: out };
}

function negatedFunders(funders: ReadonlyMap<string, number>): Map<string, number> {
  return new Map([...funders].map(([party, cents]) => [party, -cents]));
}

function keyOf(fact: LedgerFact): BusinessKey {
  return { date: fact.effectiveDate, position: fact.position };
}

function sameDims(a: Dims, b: Dims): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function draftEvent(unitId: string, fact: LedgerFact): DraftEvent {
  return { position: fact.position, effectiveDate: fact.effectiveDate, type: fact.type, unitId };
}

function sum(a: Measures, b: Measures): Measures {
  const out: Record<string, number> = { ...(a as Record<string, number>) };
  for (const [key, value] of Object.entries(b)) out[key] = (out[key] ?? 0) + (value ?? 0);
  return out as Measures;
}
