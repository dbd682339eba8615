// Writes the read models, event by event, in one transaction per batch with the checkpoint: the
// fact, the entity's fold (stage one), the pool's (stage two), the movements they make into the
// scopes, the findings; then the Merkle frontier, the checkpoint, and the read models' digest
// beside the journal's tree head. The same code runs for the live projector and for a rebuild or
// a verify in a worker thread, so what it writes depends on the journal alone, never on batching.
import { MerkleFrontier, type RecordedEvent } from '@geldstroom/event-store';
import { ledgerFactOf, type LedgerFact } from '../model/ledger-fact';
import { isSpendingKind, MEASURES, type Dims, type Movement } from '../model/movement';
import { routeOf, type Route } from '../folds/units';
import { ReadModelDigest } from '../store/digest';
import { FRONTIER_EVERY, type ReadStore } from '../store/read-store';
import { Drafts } from './drafts';
import { FACT_COLUMNS, FACT_SELECT, factOfRow, factRow, mirrorsOf, NOT_REVERSED, type FactTuple } from './fact-rows';
import { journalFacetsOf, type FacetSources } from './journal-facets';
import { FindingsWriter } from './findings-writer';
import { PoolFolds, type PoolFact } from './pool-folds';
import { ScopeRows } from './scope-rows';
import { fundersJson, TrackedTables, type Row } from './tracked';
import { UnitFolds } from './unit-folds';
import { MEASURE_COLUMNS, SCOPE_BY_NAME } from './scopes';
import type { FindingRules } from '../findings/rules';
import { calledOffOf, type CalledOff } from '../findings/derive';

const FRONTIER_COLUMNS = ['tree_size', 'position', 'frontier'];
const REVERSAL_COLUMNS = ['position', 'reversed_at'];

const MOVEMENT_COLUMNS = [
  'id',
  'q',
  'event_position',
  'date',
  'event_type',
  'unit_id',
  'kind',
  'budget_id',
  'line_id',
  'programme_id',
  'party_id',
  'contract_id',
  'counter_budget_id',
  'unit',
  ...MEASURE_COLUMNS,
  'funders',
];

/** How often state is kept along the way; only tests set them, to reach the paths that use them. */
export interface WriterOptions {
  /** Movements of one entity between two snapshots of its sums (default per scope). */
  readonly snapshotEvery?: number;
  /** Inputs of a pool between two kept states of it. */
  readonly poolSnapshotEvery?: number;
}

export interface WriterState {
  readonly position: number;
  readonly treeSize: number;
  readonly rootHash: string;
  readonly digest: string;
}

export class ReadModelWriter {
  private readonly tables: TrackedTables;
  private readonly units: UnitFolds;
  private readonly pools: PoolFolds;
  private readonly scopes: ScopeRows;
  private readonly findings: FindingsWriter;
  private position: number;
  private frontier: MerkleFrontier;
  private recordedMax: string;
  private movementId: number;

  constructor(
    private readonly readStore: ReadStore,
    rules: FindingRules,
    options: WriterOptions = {},
  ) {
    const db = readStore.db;
    const saved = readStore.checkpoint();
    this.tables = new TrackedTables(db, saved ? ReadModelDigest.fromHex(saved.digest) : new ReadModelDigest());
    this.position = saved?.position ?? 0;
    this.frontier = saved ? MerkleFrontier.fromJSON(JSON.parse(saved.frontier)) : new MerkleFrontier();
    this.recordedMax = (db.prepare('SELECT recorded_max FROM facts ORDER BY position DESC LIMIT 1').pluck().get() as string | undefined) ?? '';
    this.movementId = (db.prepare('SELECT max(id) FROM movements').pluck().get() as number | null) ?? 0;
    this.units = new UnitFolds(this.tables, (position) => this.pools.drawnBy(position));
    this.pools = new PoolFolds(
      this.tables,
      { dimsOf: (fact) => this.dimsOf(fact), transferInOf: (id) => this.transferInOf(id), ownerOf: (budgetId) => this.ownerOf(budgetId) },
      options.poolSnapshotEvery,
    );
    this.scopes = new ScopeRows(this.tables, options.snapshotEvery);
    this.findings = new FindingsWriter(this.tables, rules, {
      unit: (unitId) => this.units.record(unitId).unit,
      budgetFigures: (budgetId) => this.budgetFigures(budgetId),
      lineFigures: (budgetId, lineId) => this.lineFigures(budgetId, lineId),
      budgetLines: (budgetId) => this.budgetLines(budgetId),
      calledOff: (contractId, supplierPartyId) => this.calledOff(contractId, supplierPartyId),
    });
  }

  /** The position of the last event the read models hold (0: none). */
  get checkpoint(): number {
    return this.position;
  }

  get treeSize(): number {
    return this.frontier.size;
  }

  get state(): WriterState {
    return { position: this.position, treeSize: this.frontier.size, rootHash: this.frontier.root().toString('hex'), digest: this.tables.digest.toHex() };
  }

  /** Applies events that follow the checkpoint, in log order, as one transaction. */
  write(events: readonly RecordedEvent[]): void {
    if (events.length === 0) return;
    try {
      this.readStore.db.transaction(() => {
        for (const event of events) this.apply(event);
        this.units.flush();
        this.pools.flush();
        this.scopes.flush();
        this.findings.flush();
        this.saveCheckpoint();
      })();
    } catch (error) {
      // Nothing of the batch was written: what the caches hold of it must go as well.
      this.forget();
      throw error;
    }
  }

  private forget(): void {
    const saved = this.readStore.checkpoint();
    this.units.forget();
    this.pools.forget();
    this.scopes.forget();
    this.findings.forget();
    this.position = saved?.position ?? 0;
    this.frontier = saved ? MerkleFrontier.fromJSON(JSON.parse(saved.frontier)) : new MerkleFrontier();
    this.tables.digest.reset(saved?.digest);
    this.recordedMax = (this.readStore.db.prepare('SELECT recorded_max FROM facts ORDER BY position DESC LIMIT 1').pluck().get() as string | undefined) ?? '';
    this.movementId = (this.readStore.db.prepare('SELECT max(id) FROM movements').pluck().get() as number | null) ?? 0;
  }

  private apply(event: RecordedEvent): void {
    if (event.position <= this.position) throw new Error(`event at ${event.position} does not follow the checkpoint at ${this.position}`);
    this.frontier.append(Buffer.from(event.hash, 'hex'));
    if (this.frontier.size % FRONTIER_EVERY === 0) {
      this.tables.insert('frontiers', FRONTIER_COLUMNS, [this.frontier.size, event.position, JSON.stringify(this.frontier.toJSON())]);
    }
    if (event.recordedAt > this.recordedMax) this.recordedMax = event.recordedAt;
    const fact = ledgerFactOf(event);
    const route: Route | undefined = fact ? routeOf(fact) : undefined;
    // A reversal folds into no entity: it hides the events it names (reverse below).
    const folded = fact?.type === 'EntryReversed' ? undefined : route;
    const facets = fact ? journalFacetsOf(fact, this.facetSources) : undefined;
    this.tables.insert('facts', FACT_COLUMNS, factRow(event, fact, folded, this.frontier.size, this.recordedMax, facets));
    this.position = event.position;
    if (!fact || !route) return;
    const drafts = new Drafts();
    if (fact.type === 'EntryReversed') {
      this.reverse(fact, drafts);
    } else {
      this.units.fold(route.unitId, fact, drafts);
      if (route.poolBudgetId) this.pools.fold(route.poolBudgetId, fact as PoolFact, drafts);
    }
    for (const movement of drafts.movements(event.position)) this.writeMovement(movement);
    this.scopes.endOfPosition(event.position);
    this.findings.endOfPosition(event.position, fact, mirrorsOf(event));
  }

  /** Hides the reversed event (and its mirrors) from every entity and pool it counted in. */
  private reverse(reversal: Extract<LedgerFact, { type: 'EntryReversed' }>, drafts: Drafts): void {
    const targetId = reversal.data.reversedEventId ?? reversal.data.originEventId;
    if (!targetId) return;
    const rows = this.tables
      .statement(`SELECT ${FACT_SELECT}, f.unit_id, f.pool_budget_id FROM facts f WHERE f.origin_id = ? AND f.type <> 'EntryReversed' AND ${NOT_REVERSED}`)
      .raw()
      .all(targetId) as [...FactTuple, string | null, string | null][];
    const byUnit = new Map<string, LedgerFact[]>();
    const byPool: [string, LedgerFact][] = [];
    for (const row of rows) {
      const fact = factOfRow(row.slice(0, 13) as FactTuple);
      const [unitId, poolBudgetId] = [row[13], row[14]];
      this.tables.insert('reversals', REVERSAL_COLUMNS, [fact.position, reversal.position]);
      if (poolBudgetId) byPool.push([poolBudgetId, fact]);
      if (unitId) byUnit.set(unitId, [...(byUnit.get(unitId) ?? []), fact]);
      this.findings.reversed(fact);
    }
    // The entities first: taking an event back takes back what its pool drew for it, as kept.
    for (const [unitId, facts] of byUnit) this.units.remove(unitId, facts, drafts);
    for (const [budgetId, fact] of byPool) this.pools.remove(budgetId, fact, drafts);
  }

  /** An entity's charge as folded so far, and the facets of the event a reversal names (journal-facets.ts). */
  private readonly facetSources: FacetSources = {
    entity: (unitId) => {
      const unit = this.units.record(unitId).unit;
      if (unit.kind === 'spending') return { budgetId: unit.state.budgetId, programmeId: unit.state.programmeId, partyId: unit.state.partyId };
      if (unit.kind === 'contract' && unit.state.opened) return { budgetId: null, programmeId: null, partyId: unit.state.supplierPartyId };
      return undefined;
    },
    reversed: (eventId, streamId) => {
      const row = this.tables.statement('SELECT counterparty_id, budget_id, programme_id FROM facts WHERE origin_id = ? AND stream_id = ?').raw().get(eventId, streamId) as [string | null, string | null, string | null] | undefined;
      return row ? { amountCents: null, counterpartyId: row[0], budgetId: row[1], programmeId: row[2] } : undefined;
    },
  };

  private ownerOf(budgetId: string): string | null {
    const unit = this.units.record(`budget-${budgetId}`).unit;
    return unit.kind === 'budget' && unit.state.opened ? unit.state.ownerPartyId : null;
  }

  private writeMovement(movement: Movement): void {
    this.movementId += 1;
    const { dims } = movement;
    const values: Row = [
      this.movementId,
      movement.q,
      movement.eventPosition,
      movement.date,
      movement.eventType,
      movement.unitId,
      dims.kind,
      dims.budgetId,
      dims.lineId,
      dims.programmeId,
      dims.partyId,
      dims.contractId,
      dims.counterBudgetId,
      dims.unit,
    ];
    for (const measure of MEASURES) values.push(movement.measures[measure] ?? 0);
    values.push(movement.funders ? fundersJson(movement.funders) : null);
    this.tables.insert('movements', MOVEMENT_COLUMNS, values);
    this.scopes.add(movement);
    this.findings.moved(movement);
  }

  /** A budget's current amount and what is committed on it, from its sums as they stand. */
  private budgetFigures(budgetId: string): { limitCents: number; chargedCents: number } | undefined {
    const header = this.units.record(`budget-${budgetId}`).unit;
    if (header.kind !== 'budget' || !header.state.opened) return undefined;
    const m = this.scopes.measures(SCOPE_BY_NAME.budget, budgetId);
    return { limitCents: m.fundedCents + m.amendedCents + m.transferredInCents - m.transferredOutCents, chargedCents: m.committedCents };
  }

  /** What was allocated to a line and what is committed on it, from the budget's sums as they stand. */
  private lineFigures(budgetId: string, lineId: string): { limitCents: number; chargedCents: number } | undefined {
    const header = this.units.record(`budget-${budgetId}`).unit;
    if (header.kind !== 'budget' || !header.state.opened) return undefined;
    const [kindColumn, lineColumn] = [SCOPE_BY_NAME.budget.groupColumns.indexOf('kind'), SCOPE_BY_NAME.budget.groupColumns.indexOf('line_id')];
    let [limitCents, chargedCents] = [0, 0];
    for (const total of this.scopes.totals(SCOPE_BY_NAME.budget, budgetId)) {
      if (total.groups[lineColumn] !== lineId) continue;
      limitCents += total.measures.allocatedCents;
      if (isSpendingKind(total.groups[kindColumn])) chargedCents += total.measures.committedCents;
    }
    return { limitCents, chargedCents };
  }

  /** The lines anything is allocated on or charged to, from the budget's sums as they stand. */
  private budgetLines(budgetId: string): string[] {
    const lineColumn = SCOPE_BY_NAME.budget.groupColumns.indexOf('line_id');
    const lines = this.scopes.totals(SCOPE_BY_NAME.budget, budgetId).map((total) => total.groups[lineColumn]);
    return [...new Set(lines.filter((line): line is string => typeof line === 'string' && line !== ''))].sort();
  }

  private calledOff(contractId: string, supplierPartyId: string): CalledOff {
    const [contractColumn, budgetColumn] = [SCOPE_BY_NAME.party.groupColumns.indexOf('contract_id'), SCOPE_BY_NAME.party.groupColumns.indexOf('budget_id')];
    return calledOffOf(
      this.scopes
        .totals(SCOPE_BY_NAME.party, supplierPartyId)
        .filter((total) => total.groups[contractColumn] === contractId)
        .map((total) => ({ budgetId: total.groups[budgetColumn], committedCents: total.measures.committedCents })),
    );
  }

  private dimsOf(fact: LedgerFact): Dims {
    const dims = this.units.dimsAt(routeOf(fact).unitId, fact);
    if (!dims) throw new Error(`${fact.type} at ${fact.position} moves no figure of its own`);
    return dims;
  }

  private transferInOf(outEventId: string): { budgetId: string; key: { date: string; position: number } } | undefined {
    const row = this.tables
      .statement(`SELECT f.pool_budget_id, f.effective_date, f.position FROM facts f WHERE f.origin_id = ? AND f.mirror = 1 AND ${NOT_REVERSED}`)
      .raw()
      .get(outEventId) as [string, string, number] | undefined;
    return row ? { budgetId: row[0], key: { date: row[1], position: row[2] } } : undefined;
  }

  private saveCheckpoint(): void {
    const digest = this.tables.digest.toHex();
    this.tables.statement('INSERT OR REPLACE INTO checkpoint (id, position, frontier, digest) VALUES (1, ?, ?, ?)').run(this.position, JSON.stringify(this.frontier.toJSON()), digest);
    this.tables
      .statement('INSERT OR REPLACE INTO digests (position, tree_size, root_hash, digest) VALUES (?, ?, ?, ?)')
      .run(this.position, this.frontier.size, this.frontier.root().toString('hex'), digest);
  }
}
