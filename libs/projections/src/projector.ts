// Feeds the read models from the store's catch-up subscription: every event once, in order,
// in batches of one transaction each with the checkpoint, so a restart resumes exactly where
// the last committed batch ended and never applies an event twice.
import { MerkleFrontier, type EventStore, type Position, type RecordedEvent, type Subscription } from '@geldstroom/event-store';
import type { Statement } from 'better-sqlite3';
import { categoryOf, chargeOf, LEDGER_CATEGORIES, type Charge } from './facts';
import { FRONTIER_EVERY, type ReadStore } from './read-store';

const BATCH_MAX = 5_000;

export interface ProjectorOptions {
  /** Called after each committed batch with the events applied so far in this run. */
  readonly onProgress?: (applied: number, position: Position) => void;
}

interface Waiter {
  readonly position: Position;
  readonly resolve: () => void;
}

export class Projector {
  private subscription: Subscription | undefined;
  private running: Promise<void> | undefined;
  private buffer: RecordedEvent[] = [];
  private flushScheduled = false;
  private frontier: MerkleFrontier;
  private position: Position;
  private applied = 0;
  private waiters: Waiter[] = [];
  private failure: unknown;
  /** Set while the facts indexes are missing: the head position at which to build them. */
  private indexesDueAt: Position | undefined;
  /** The charge of every entity seen, so an event that does not repeat it needs no lookup. */
  private readonly entities = new Map<string, Charge>();
  private readonly statements: {
    insertFrontier: Statement;
    insertFact: Statement;
    insertEntity: Statement;
    entity: Statement;
    saveCheckpoint: Statement;
  };

  constructor(
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    private readonly options: ProjectorOptions = {},
  ) {
    const db = readStore.db;
    this.statements = {
      insertFrontier: db.prepare('INSERT OR REPLACE INTO frontiers (tree_size, frontier) VALUES (?, ?)'),
      insertFact: db.prepare(
        `INSERT INTO facts (position, event_id, stream_id, revision, type, recorded_at, effective_date, hash, tree_size, budget_id, programme_id, party_id, data, metadata, ledger)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertEntity: db.prepare(
        'INSERT OR IGNORE INTO entities (stream_id, budget_id, programme_id, party_id) VALUES (@streamId, @budgetId, @programmeId, @partyId)',
      ),
      entity: db.prepare('SELECT budget_id AS budgetId, programme_id AS programmeId, party_id AS partyId FROM entities WHERE stream_id = ?'),
      saveCheckpoint: db.prepare('INSERT OR REPLACE INTO checkpoint (id, position, frontier) VALUES (1, ?, ?)'),
    };
    const saved = db.prepare('SELECT position, frontier FROM checkpoint WHERE id = 1').get() as
      | { position: number; frontier: string }
      | undefined;
    this.position = saved?.position ?? 0;
    this.frontier = saved ? MerkleFrontier.fromJSON(JSON.parse(saved.frontier)) : new MerkleFrontier();
  }

  /** The position of the last event the read models hold. */
  get checkpoint(): Position {
    return this.position;
  }

  start(): void {
    if (this.running) return;
    // From nothing, inserting into an unindexed table and sorting once at the end is the faster
    // rebuild; indexes left missing by a stop halfway are likewise built once caught up.
    if (this.position === 0) this.readStore.dropFactIndexes();
    const deferIndexes = !this.readStore.hasFactIndexes();
    this.subscription = this.store.subscribeToAll(this.position > 0 ? { after: this.position } : {});
    const subscription = this.subscription;
    this.running = (async () => {
      try {
        if (deferIndexes) {
          this.indexesDueAt = (await this.store.headPosition()) ?? 0;
          this.buildIndexesWhenDue();
        }
        for await (const event of subscription) this.enqueue(event);
        this.flush();
      } catch (error) {
        this.failure = error;
        for (const waiter of this.waiters) waiter.resolve();
      }
    })();
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.running;
    this.flush();
    this.running = undefined;
    this.subscription = undefined;
  }

  /** Resolves once the read models hold every event up to `position` (read-your-writes). */
  async catchUpTo(position: Position | undefined): Promise<void> {
    if (this.failure) throw this.failure;
    if (position === undefined || this.position >= position) return;
    await new Promise<void>((resolve) => this.waiters.push({ position, resolve }));
    if (this.failure) throw this.failure;
  }

  /** Resolves once the read models hold everything in the log now. */
  async catchUp(): Promise<void> {
    await this.catchUpTo(await this.store.headPosition());
  }

  get lastError(): unknown {
    return this.failure;
  }

  private enqueue(event: RecordedEvent): void {
    this.buffer.push(event);
    if (this.buffer.length >= BATCH_MAX) {
      this.flush();
    } else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.readStore.db.transaction(() => {
      for (const event of batch) this.apply(event);
      this.statements.saveCheckpoint.run(this.position, JSON.stringify(this.frontier.toJSON()));
    })();
    this.applied += batch.length;
    // Before any waiter is told: a rebuild is done when its indexes are there.
    this.buildIndexesWhenDue();
    this.options.onProgress?.(this.applied, this.position);
    const due = this.waiters.filter((w) => w.position <= this.position);
    this.waiters = this.waiters.filter((w) => w.position > this.position);
    for (const waiter of due) waiter.resolve();
  }

  private buildIndexesWhenDue(): void {
    if (this.indexesDueAt === undefined || this.position < this.indexesDueAt) return;
    this.readStore.createFactIndexes();
    this.indexesDueAt = undefined;
  }

  private apply(event: RecordedEvent): void {
    this.frontier.append(Buffer.from(event.hash, 'hex'));
    this.position = event.position;
    if (this.frontier.size % FRONTIER_EVERY === 0) {
      this.statements.insertFrontier.run(this.frontier.size, JSON.stringify(this.frontier.toJSON()));
    }
    const data = event.data as Record<string, unknown>;
    const effectiveDate = typeof data.effectiveDate === 'string' ? data.effectiveDate : event.recordedAt.slice(0, 10);
    const place = [event.position, event.id, event.streamId, event.revision, event.type, event.recordedAt, effectiveDate, event.hash, this.frontier.size];
    if (!LEDGER_CATEGORIES.has(categoryOf(event.streamId))) {
      // Not a ledger fact: only its place in the journal, never its data (token hashes).
      this.statements.insertFact.run(...place, null, null, null, '{}', '{}', 0);
      return;
    }
    const charge = this.withEntityCharge(event, chargeOf(event));
    this.statements.insertFact.run(
      ...place,
      charge.budgetId,
      charge.programmeId,
      charge.partyId,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
      1,
    );
  }

  /** Events that do not repeat their charge (a withdrawal, a reversal) take their entity's. */
  private withEntityCharge(event: RecordedEvent, own: Charge): Charge {
    if (event.revision === 0) {
      const programmeId = categoryOf(event.streamId) === 'programme' ? event.streamId.slice('programme-'.length) : own.programmeId;
      const entity = { ...own, programmeId };
      this.statements.insertEntity.run({ streamId: event.streamId, ...entity });
      this.entities.set(event.streamId, entity);
      return entity;
    }
    let entity = this.entities.get(event.streamId);
    if (!entity) {
      entity = this.statements.entity.get(event.streamId) as Charge | undefined;
      if (entity) this.entities.set(event.streamId, entity);
    }
    if (!entity) return own;
    return {
      budgetId: own.budgetId ?? entity.budgetId,
      programmeId: own.programmeId ?? entity.programmeId,
      partyId: own.partyId ?? entity.partyId,
    };
  }
}
