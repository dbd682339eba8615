// Feeds the read models from the store's catch-up subscription: every event once, in order,
// in batches of one transaction each with the checkpoint, so a restart resumes exactly where
// the last committed batch ended and never applies an event twice.
import type { Worker } from 'node:worker_threads';
import {
  MerkleFrontier,
  startWorkerThread,
  workerFile,
  type EventStore,
  type Position,
  type RecordedEvent,
  type Subscription,
} from '@geldstroom/event-store';
import type { Statement } from 'better-sqlite3';
import { FACT_HASH, FACT_TREE_SIZE, FactDeriver, INSERT_ENTITY, INSERT_FACT, type FactBatch } from './fact-deriver';
import type { Charge } from './facts';
import { FRONTIER_EVERY, type ReadStore } from './read-store';
import type { RebuildReaderData, RebuildReaderMessage } from './rebuild-reader';

const BATCH_MAX = 5_000;

/** From this many events on, a rebuild from nothing reads and derives in a worker thread. */
const READER_THREAD_FROM = 20_000;

export interface ProjectorOptions {
  /** Called after each committed batch with the events applied so far in this run. */
  readonly onProgress?: (applied: number, position: Position) => void;
  /**
   * A rebuild from nothing of at least this many events reads the log and derives the rows in
   * a worker thread, while this one writes them (default 20,000; Infinity: never). It needs a
   * store that can be opened again by address; a store without one is read here.
   */
  readonly readerThreadFrom?: number;
}

interface Waiter {
  readonly position: Position;
  readonly resolve: () => void;
}

export class Projector {
  private subscription: Subscription | undefined;
  private reader: Worker | undefined;
  private stopping = false;
  private running: Promise<void> | undefined;
  private buffer: RecordedEvent[] = [];
  private flushScheduled = false;
  private position: Position;
  private frontier: MerkleFrontier;
  private deriver: FactDeriver;
  private applied = 0;
  private waiters: Waiter[] = [];
  private failure: unknown;
  /** Set while the facts indexes are missing: the head position at which to build them. */
  private indexesDueAt: Position | undefined;
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
      insertFrontier: db.prepare('INSERT OR REPLACE INTO frontiers (tree_size, position, frontier) VALUES (?, ?, ?)'),
      insertFact: db.prepare(INSERT_FACT),
      insertEntity: db.prepare(INSERT_ENTITY),
      entity: db.prepare('SELECT budget_id AS budgetId, programme_id AS programmeId, party_id AS partyId FROM entities WHERE stream_id = ?'),
      saveCheckpoint: db.prepare('INSERT OR REPLACE INTO checkpoint (id, position, frontier) VALUES (1, ?, ?)'),
    };
    const saved = db.prepare('SELECT position, frontier FROM checkpoint WHERE id = 1').get() as
      | { position: number; frontier: string }
      | undefined;
    this.position = saved?.position ?? 0;
    this.frontier = saved ? MerkleFrontier.fromJSON(JSON.parse(saved.frontier)) : new MerkleFrontier();
    this.deriver = this.nextDeriver();
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
    this.stopping = false;
    this.running = (async () => {
      try {
        const head = (await this.store.headPosition()) ?? 0;
        if (deferIndexes) {
          this.indexesDueAt = head;
          this.buildIndexesWhenDue();
        }
        const address = this.store.address;
        if (this.position === 0 && address && head >= (this.options.readerThreadFrom ?? READER_THREAD_FROM)) {
          await this.catchUpInReaderThread({ address, until: head });
        }
        if (this.stopping) return;
        // Then, or from the start, events come one by one from the subscription and go live.
        this.subscription = this.store.subscribeToAll(this.position > 0 ? { after: this.position } : {});
        for await (const event of this.subscription) this.enqueue(event);
        this.flush();
      } catch (error) {
        this.failure = error;
        for (const waiter of this.waiters) waiter.resolve();
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.reader?.terminate();
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
    const events = this.buffer;
    this.buffer = [];
    const batch: FactBatch = { facts: [], entities: [] };
    for (const event of events) this.deriver.add(event, batch);
    this.write(batch);
  }

  /**
   * One transaction: the batch's rows, the Merkle frontier grown by their hashes (kept every
   * FRONTIER_EVERY events, for tree heads at any position) and the checkpoint after them.
   * Then tells who waits.
   */
  private write(batch: FactBatch): void {
    if (batch.facts.length === 0) return;
    const { insertFact, insertEntity, insertFrontier, saveCheckpoint } = this.statements;
    const frontier = this.frontier;
    this.readStore.db.transaction(() => {
      for (const values of batch.facts) {
        frontier.append(Buffer.from(values[FACT_HASH], 'hex'));
        if (values[FACT_TREE_SIZE] !== frontier.size) throw new Error(`fact at ${values[0]} does not follow the last one written`);
        insertFact.run(values);
        if (frontier.size % FRONTIER_EVERY === 0) insertFrontier.run(frontier.size, values[0], JSON.stringify(frontier.toJSON()));
      }
      for (const values of batch.entities) insertEntity.run(values);
      saveCheckpoint.run(batch.facts[batch.facts.length - 1][0], JSON.stringify(frontier.toJSON()));
    })();
    this.position = batch.facts[batch.facts.length - 1][0];
    this.applied += batch.facts.length;
    // Before any waiter is told: a rebuild is done when its indexes are there.
    this.buildIndexesWhenDue();
    this.options.onProgress?.(this.applied, this.position);
    const due = this.waiters.filter((w) => w.position <= this.position);
    this.waiters = this.waiters.filter((w) => w.position > this.position);
    for (const waiter of due) waiter.resolve();
  }

  /**
   * A rebuild from nothing, on two cores: a worker thread reads the log up to `until` and
   * derives the rows (the same FactDeriver), this thread writes them as they come. The worker
   * stays a few batches ahead at most, so memory does not grow with the log.
   */
  private async catchUpInReaderThread(data: RebuildReaderData): Promise<void> {
    const reader = startWorkerThread(workerFile(__dirname, 'rebuild-reader', __filename), data);
    this.reader = reader;
    try {
      await new Promise<void>((resolve, reject) => {
        reader.on('message', (message: RebuildReaderMessage) => {
          if (message.kind === 'done') return resolve();
          try {
            this.write(message.batch);
            reader.postMessage('written');
          } catch (error) {
            reject(error);
          }
        });
        reader.on('error', reject);
        // Stopped (terminated) or ended without 'done': what was written is checkpointed.
        reader.on('exit', () => resolve());
      });
    } finally {
      this.reader = undefined;
      await reader.terminate();
    }
    // Carry on from what was written; the entities seen so far are in the read store.
    this.deriver = this.nextDeriver();
  }

  private nextDeriver(): FactDeriver {
    return new FactDeriver(this.frontier.size, (streamId) => this.statements.entity.get(streamId) as Charge | undefined);
  }

  private buildIndexesWhenDue(): void {
    if (this.indexesDueAt === undefined || this.position < this.indexesDueAt) return;
    this.readStore.createFactIndexes();
    this.indexesDueAt = undefined;
  }
}
