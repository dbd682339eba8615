// Stage two: who paid. Every budget's pool folded from its visible inputs (fundings, transfers,
// payments, reclaims) in business order, and what each payment or transfer drew from it, by
// ultimate funder. An input that comes in business order is folded onto the kept pool; one that
// comes earlier, or a reversal, folds the pool again from the last state kept before it (one
// every POOL_SNAPSHOT_EVERY inputs), and every draw that comes out different is a new movement.
// A transfer whose draw changed changes what the receiving budget got: that pool folds again too.
import type { RowValues } from '../store/digest';
import { compareBusiness, type BusinessKey, type FactOf, type LedgerFact } from '../model/ledger-fact';
import type { Dims } from '../model/movement';
import { draw, drawForGrant, fill, newPool, poolFromJson, poolToJson, reclaim, type Pool, type PoolJson } from '../who-paid/pool';
import { fundingSource } from '../who-paid/sources';
import { draftEvent } from './unit-folds';
import type { Drafts } from './drafts';
import { FACT_SELECT, factOfRow, NOT_REVERSED, type FactTuple } from './fact-rows';
import { fundersFromJson, fundersJson, sameFunders, type Row, type TrackedTables } from './tracked';

/** Inputs between two kept states of a pool: a refold replays at most this many before its change. */
export const POOL_SNAPSHOT_EVERY = 256;

export type PoolFact = FactOf<
  | 'BudgetOpened'
  | 'BudgetFunded'
  | 'BudgetTransferredOut'
  | 'BudgetTransferredIn'
  | 'GrantAdvancePaid'
  | 'GrantReclaimed'
  | 'PurchasePaid'
  | 'ExpensePaid'
  | 'ExpenseBooked'
>;

/** What a draw took from the pool (or a transfer in brought), by ultimate funder. */
export interface Attribution {
  readonly funders: ReadonlyMap<string, number>;
  readonly uncoveredCents: number;
}

interface PoolRecord {
  readonly budgetId: string;
  pool: Pool;
  ordinal: number;
  last: BusinessKey | null;
  stored: Row | undefined;
  dirty: boolean;
}

export interface PoolContext {
  /** Where an event's movement belongs (its unit's placement of it). */
  dimsOf(fact: LedgerFact): Dims;
  /** The receiving side of a transfer, once recorded. */
  transferInOf(outEventId: string): { budgetId: string; key: BusinessKey } | undefined;
  /**
   * The budget's owner as known (null before its opening is): who bears what a draw finds
   * uncovered. Knowledge, not business order: an order dated December on next year's budget,
   * opened 1 January, is its owner's, not a nameless budget's.
   */
  ownerOf(budgetId: string): string | null;
}

const POOL_COLUMNS = ['budget_id', 'ordinal', 'last_date', 'last_position', 'state'];
const SNAPSHOT_COLUMNS = ['budget_id', 'date', 'position', 'ordinal', 'state'];
const ATTRIBUTION_COLUMNS = ['position', 'budget_id', 'funders', 'uncovered_cents'];

export class PoolFolds {
  private readonly cache = new Map<string, PoolRecord>();

  constructor(
    private readonly tables: TrackedTables,
    private readonly context: PoolContext,
    private readonly snapshotEvery = POOL_SNAPSHOT_EVERY,
  ) {}

  /** Folds a new input into its budget's pool, adding what it drew to `drafts`. */
  fold(budgetId: string, fact: PoolFact, drafts: Drafts): void {
    const record = this.record(budgetId);
    const key = { date: fact.effectiveDate, position: fact.position };
    if (record.last !== null && compareBusiness(key, record.last) < 0) {
      this.refoldFrom(budgetId, key, drafts);
      return;
    }
    const attribution = this.apply(record.pool, fact);
    this.advance(record, key);
    if (attribution) {
      this.writeAttribution(fact.position, budgetId, attribution, undefined);
      drafts.add(draftEvent(fact.streamId, fact), this.context.dimsOf(fact), { uncoveredCents: attribution.uncoveredCents }, attribution.funders);
    }
  }

  /**
   * Takes a reversed input out of its pool (already marked reversed), and folds again from it.
   * What it drew was taken back with the event itself, when its entity folded without it.
   */
  remove(budgetId: string, fact: LedgerFact, drafts: Drafts): void {
    this.tables.deleteWhere('attributions', 'position = ?', [fact.position]);
    this.refoldFrom(budgetId, { date: fact.effectiveDate, position: fact.position }, drafts);
  }

  /** What the input at `position` drew from its pool (or brought into it), as kept. */
  drawnBy(position: number): Attribution | undefined {
    return this.attribution(position)?.attribution;
  }

  /** Folds the pool again from `from` on, and every pool a changed transfer reached. */
  refoldFrom(budgetId: string, from: BusinessKey, drafts: Drafts): void {
    const queue = new Map<string, BusinessKey>([[budgetId, from]]);
    while (queue.size > 0) {
      const [next, key] = [...queue.entries()].sort(([, a], [, b]) => compareBusiness(a, b))[0];
      queue.delete(next);
      for (const reached of this.refold(next, key, drafts)) {
        const queued = queue.get(reached.budgetId);
        if (!queued || compareBusiness(reached.key, queued) < 0) queue.set(reached.budgetId, reached.key);
      }
    }
  }

  flush(): void {
    for (const record of this.cache.values()) {
      if (!record.dirty) continue;
      const values: Row = [record.budgetId, record.ordinal, record.last?.date ?? null, record.last?.position ?? null, JSON.stringify(poolToJson(record.pool))];
      this.tables.replace('pools', POOL_COLUMNS, values, record.stored);
      record.stored = values;
      record.dirty = false;
    }
  }

  forget(): void {
    this.cache.clear();
  }

  /** The pool as now known (for the answers that show a budget's composition). */
  current(budgetId: string): Pool {
    return this.record(budgetId).pool;
  }

  private record(budgetId: string): PoolRecord {
    let record = this.cache.get(budgetId);
    if (record) return record;
    const row = this.tables.rowWhere('pools', 'budget_id = ?', [budgetId]);
    record = row
      ? {
          budgetId,
          pool: this.owned(poolFromJson(JSON.parse(row[4] as string) as PoolJson)),
          ordinal: row[1] as number,
          last: row[3] === null ? null : { date: row[2] as string, position: row[3] as number },
          stored: row,
          dirty: false,
        }
      : { budgetId, pool: this.newPool(budgetId), ordinal: 0, last: null, stored: undefined, dirty: false };
    this.cache.set(budgetId, record);
    return record;
  }

  private newPool(budgetId: string): Pool {
    return this.owned(newPool(budgetId));
  }

  /** A pool kept before its budget's opening in business order knows its owner all the same. */
  private owned(pool: Pool): Pool {
    pool.ownerPartyId ??= this.context.ownerOf(pool.budgetId);
    return pool;
  }

  private advance(record: PoolRecord, key: BusinessKey): void {
    record.ordinal += 1;
    record.last = key;
    record.dirty = true;
    if (record.ordinal % this.snapshotEvery === 0) {
      this.tables.insert('pool_snapshots', SNAPSHOT_COLUMNS, [record.budgetId, key.date, key.position, record.ordinal, JSON.stringify(poolToJson(record.pool))]);
    }
  }

  /** Replays the pool's inputs from the last state kept before `from`; returns the pools reached. */
  private refold(budgetId: string, from: BusinessKey, drafts: Drafts): { budgetId: string; key: BusinessKey }[] {
    const after = 'budget_id = ? AND (date > ? OR (date = ? AND position >= ?))';
    this.tables.deleteWhere('pool_snapshots', after, [budgetId, from.date, from.date, from.position]);
    const kept = this.tables.rowWhere(
      'pool_snapshots',
      'budget_id = ? AND (date < ? OR (date = ? AND position < ?)) ORDER BY date DESC, position DESC LIMIT 1',
      [budgetId, from.date, from.date, from.position],
    );
    const record = this.record(budgetId);
    record.pool = kept ? this.owned(poolFromJson(JSON.parse(kept[4] as string) as PoolJson)) : this.newPool(budgetId);
    record.ordinal = kept ? (kept[3] as number) : 0;
    record.last = kept ? { date: kept[1] as string, position: kept[2] as number } : null;
    record.dirty = true;
    const reached: { budgetId: string; key: BusinessKey }[] = [];
    for (const fact of this.inputsAfter(budgetId, record.last)) {
      const attribution = this.apply(record.pool, fact);
      this.advance(record, { date: fact.effectiveDate, position: fact.position });
      if (attribution && this.replaceIfChanged(fact, budgetId, attribution, drafts) && fact.type === 'BudgetTransferredOut') {
        const receiving = this.context.transferInOf(fact.eventId);
        if (receiving) reached.push(receiving);
      }
    }
    return reached;
  }

  /** Writes a draw that differs from the one kept, and the difference as a movement. */
  private replaceIfChanged(fact: PoolFact, budgetId: string, attribution: Attribution, drafts: Drafts): boolean {
    const old = this.attribution(fact.position);
    if (old && old.attribution.uncoveredCents === attribution.uncoveredCents && sameFunders(old.attribution.funders, attribution.funders)) return false;
    const funders = new Map(attribution.funders);
    for (const [party, cents] of old?.attribution.funders ?? []) funders.set(party, (funders.get(party) ?? 0) - cents);
    drafts.add(draftEvent(fact.streamId, fact), this.context.dimsOf(fact), { uncoveredCents: attribution.uncoveredCents - (old?.attribution.uncoveredCents ?? 0) }, funders);
    this.writeAttribution(fact.position, budgetId, attribution, old?.row);
    return true;
  }

  private inputsAfter(budgetId: string, after: BusinessKey | null): PoolFact[] {
    const from = after ?? { date: '', position: 0 };
    const rows = this.tables
      .statement(
        `SELECT ${FACT_SELECT} FROM facts f WHERE f.pool_budget_id = ? AND (f.effective_date > ? OR (f.effective_date = ? AND f.position > ?)) AND ${NOT_REVERSED}
         ORDER BY f.effective_date, f.position`,
      )
      .raw()
      .all(budgetId, from.date, from.date, from.position) as FactTuple[];
    return rows.map(factOfRow) as PoolFact[];
  }

  /** One input folded into the pool; what it drew (or brought), for those that draw or bring. */
  private apply(pool: Pool, fact: PoolFact): Attribution | undefined {
    switch (fact.type) {
      case 'BudgetOpened':
        pool.ownerPartyId = fact.data.ownerPartyId;
        return undefined;
      case 'BudgetFunded': {
        // What a funding brings is kept on its movement too: money under a regulation is then
        // found by its source key wherever it went (the accountability per outside funding).
        const brought = new Map([[fundingSource(fact.data), fact.data.amountCents]]);
        fill(pool, brought, fact.data.earmarkProgrammeId);
        return { funders: brought, uncoveredCents: 0 };
      }
      case 'BudgetTransferredIn': {
        // What the sending budget drew for this transfer; unknown while its side is not visible.
        const sent = fact.mirrorOf ? this.attributionOfEvent(fact.mirrorOf) : undefined;
        const brought = sent ?? new Map([[`budget:${fact.data.fromBudgetId}`, fact.data.amountCents]]);
        fill(pool, brought, fact.data.earmarkProgrammeId);
        return { funders: brought, uncoveredCents: 0 };
      }
      case 'BudgetTransferredOut':
        return drawn(draw(pool, fact.data.amountCents, fact.data.earmarkProgrammeId));
      case 'GrantAdvancePaid':
        return drawn(drawForGrant(pool, fact.data.grantId, fact.data.amountCents, fact.data.programmeId));
      case 'PurchasePaid':
      case 'ExpensePaid':
      case 'ExpenseBooked':
        return drawn(draw(pool, fact.data.amountCents, fact.data.programmeId));
      case 'GrantReclaimed':
        return { funders: negated(reclaim(pool, fact.data.grantId, fact.data.amountCents)), uncoveredCents: 0 };
    }
  }

  private attribution(position: number): { attribution: Attribution; row: Row } | undefined {
    const row = this.tables.rowWhere('attributions', 'position = ?', [position]);
    return row ? { attribution: { funders: fundersFromJson(row[2] as string), uncoveredCents: row[3] as number }, row } : undefined;
  }

  private attributionOfEvent(eventId: string): Map<string, number> | undefined {
    const row = this.tables
      .statement('SELECT a.funders FROM facts f JOIN attributions a ON a.position = f.position WHERE f.origin_id = ? AND f.mirror = 0')
      .pluck()
      .get(eventId) as string | undefined;
    return row === undefined ? undefined : fundersFromJson(row);
  }

  private writeAttribution(position: number, budgetId: string, attribution: Attribution, old: RowValues | undefined): void {
    this.tables.replace('attributions', ATTRIBUTION_COLUMNS, [position, budgetId, fundersJson(attribution.funders), attribution.uncoveredCents], old);
  }
}

function drawn(result: { byFunder: Map<string, number>; uncoveredCents: number }): Attribution {
  return { funders: result.byFunder, uncoveredCents: result.uncoveredCents };
}

function negated(funders: ReadonlyMap<string, number>): Map<string, number> {
  return new Map([...funders].map(([party, cents]) => [party, -cents]));
}
