// Group commit: every append that arrives while a commit is being prepared joins it, so
// 64 commands in flight cost one fsync, not 64. Appends to the same stream inside one
// commit are applied in arrival order, each against the revision the previous one left.
import type Database from 'better-sqlite3';
import { InvalidAppendError, WrongExpectedRevisionError } from '../errors';
import type { AppendResult, EventToAppend, ExpectedRevision, StreamRevision } from '../event-store.port';
import { canonicalText, CURRENT_HASH_SCHEME, eventHash, GENESIS_HASH, type HashScheme } from '../integrity/event-hash';

/** One stream's part of a commit unit. */
export interface AppendRequest {
  readonly streamId: string;
  readonly events: readonly EventToAppend[];
  readonly expected: ExpectedRevision;
  /** Kept from another store when a ledger is copied; otherwise the clock decides. */
  readonly recordedAt?: string;
  /** Kept from another store when a ledger is copied; otherwise the current scheme. */
  readonly hashScheme?: HashScheme;
}

/**
 * What is written all or nothing: one append, or the appends of an atomic batch to several
 * streams. A unit refused is left out of its commit whole; the other units of the commit stand.
 */
export interface PendingUnit {
  readonly appends: readonly AppendRequest[];
  resolve(results: AppendResult[]): void;
  reject(error: unknown): void;
}

/** Limits on one commit, so one flush never holds the write lock for long. */
const APPENDS_PER_COMMIT_MAX = 1024;
const EVENTS_PER_COMMIT_MAX = 20_000;

interface StreamHead {
  readonly revision: StreamRevision;
  readonly hash: Buffer;
  readonly recorded_at: string;
}

export type Outcome = { ok: true; results: AppendResult[] } | { ok: false; error: unknown };

/**
 * What one commit wrote: the revision each stream it wrote now stands at, and the positions it
 * took, which follow each other (a store that sees a commit start anywhere but right after the
 * last position it knows of learns that another writer committed in between).
 */
export interface Committed {
  readonly heads: ReadonlyMap<string, StreamRevision>;
  readonly firstPosition: number;
  readonly lastPosition: number;
}

/** What the appends of a commit that were not refused wrote; undefined when none wrote anything. */
function committedBy(outcomes: readonly Outcome[]): Committed | undefined {
  const heads = new Map<string, StreamRevision>();
  let [firstPosition, lastPosition] = [Number.MAX_SAFE_INTEGER, 0];
  for (const outcome of outcomes) {
    if (!outcome.ok) continue;
    for (const result of outcome.results) {
      heads.set(result.streamId, result.nextExpectedRevision);
      firstPosition = Math.min(firstPosition, result.firstPosition);
      lastPosition = Math.max(lastPosition, result.lastPosition);
    }
  }
  return heads.size > 0 ? { heads, firstPosition, lastPosition } : undefined;
}

/** Answers each unit of a commit as it came out, once the commit is durable; tells what it wrote first. */
export function settle(batch: readonly PendingUnit[], outcomes: readonly Outcome[], onCommitted: (commit: Committed) => void): void {
  const committed = committedBy(outcomes);
  if (committed) onCommitted(committed);
  batch.forEach((unit, index) => {
    const outcome = outcomes[index];
    if (outcome.ok) unit.resolve(outcome.results);
    else unit.reject(outcome.error);
  });
}

/** An append failed after some of its events were written: its commit must be redone. */
class HalfWrittenAppend extends Error {}

/** Where the log stands inside a commit: the last position and recordedAt written. */
interface Cursor {
  position: number;
  recordedAt: string;
}

export class GroupCommitter {
  private readonly queue: PendingUnit[] = [];
  private scheduled = false;
  private idleWaiters: Array<() => void> = [];
  private readonly selectHead: Database.Statement;
  private readonly selectLast: Database.Statement;
  private readonly insertEvent: Database.Statement;
  // Made once: better-sqlite3's transaction() wrapper costs more to create than an append.
  private readonly commitTogether: Database.Transaction<(batch: readonly PendingUnit[]) => Outcome[]>;
  private readonly commitWithSavepoints: Database.Transaction<(batch: readonly PendingUnit[]) => Outcome[]>;
  private readonly applyInSavepoint: Database.Transaction<(unit: PendingUnit, cursor: Cursor) => AppendResult[]>;

  constructor(
    db: Database.Database,
    /** Told, once a commit is durable, what it wrote (only of a commit that wrote anything). */
    private readonly onCommitted: (commit: Committed) => void = () => undefined,
  ) {
    this.selectHead = db.prepare(
      'SELECT revision, hash, recorded_at FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    );
    this.selectLast = db.prepare('SELECT position, recorded_at FROM events ORDER BY position DESC LIMIT 1');
    this.insertEvent = db.prepare(
      `INSERT INTO events (position, event_id, stream_id, revision, body, hash, previous_hash, recorded_at, hash_scheme)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.commitTogether = db.transaction((batch: readonly PendingUnit[]) => this.applyTogether(batch));
    this.commitWithSavepoints = db.transaction((batch: readonly PendingUnit[]) => this.applyWithSavepoints(batch));
    // Called inside a transaction, where better-sqlite3 makes it a savepoint.
    this.applyInSavepoint = db.transaction((unit: PendingUnit, cursor: Cursor) => this.applyUnit(unit, cursor));
  }

  /** Appends to several streams that are written together or not at all, in one commit. */
  enqueueAtomic(appends: readonly AppendRequest[]): Promise<AppendResult[]> {
    return new Promise((resolve, reject) => this.enqueueUnit({ appends, resolve, reject }));
  }

  private enqueueUnit(unit: PendingUnit): void {
    this.queue.push(unit);
    if (!this.scheduled) {
      this.scheduled = true;
      // setImmediate, not a microtask: it lets every command already running reach its
      // append before the commit is cut, which is what makes the group.
      setImmediate(() => this.flush());
    }
  }

  /** Resolves when every append enqueued so far has been committed or refused. */
  drained(): Promise<void> {
    if (this.queue.length === 0 && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Writes these units now, in one commit, and answers each: what a flush does with its batch. */
  commitNow(batch: readonly PendingUnit[]): void {
    let outcomes: Outcome[];
    try {
      outcomes = this.commit(batch);
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing of the batch is durable.
      for (const unit of batch) unit.reject(error);
      return;
    }
    // Only now, after COMMIT returned with synchronous=FULL, is the batch durable.
    settle(batch, outcomes, this.onCommitted);
  }

  private flush(): void {
    this.scheduled = false;
    this.commitNow(this.takeBatch());
    this.afterFlush();
  }

  private afterFlush(): void {
    if (this.queue.length > 0) {
      this.scheduled = true;
      setImmediate(() => this.flush());
      return;
    }
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }

  private takeBatch(): PendingUnit[] {
    let events = 0;
    let count = 0;
    while (count < this.queue.length && count < APPENDS_PER_COMMIT_MAX) {
      events += this.queue[count].appends.reduce((sum, append) => sum + append.events.length, 0);
      if (count > 0 && events > EVENTS_PER_COMMIT_MAX) break;
      count += 1;
    }
    return this.queue.splice(0, count);
  }

  /**
   * An append refused before it wrote anything (a conflict, a duplicate id on its first event)
   * is simply left out of the commit, so the appends of a group share one transaction with no
   * savepoint each. One refused halfway through its events rolls the whole commit back, which
   * is then redone with a savepoint per append: rare, and only that append is left out.
   */
  private commit(batch: readonly PendingUnit[]): Outcome[] {
    try {
      return this.commitTogether.immediate(batch);
    } catch (error) {
      if (!(error instanceof HalfWrittenAppend)) throw error;
    }
    return this.commitWithSavepoints.immediate(batch);
  }

  private applyTogether(batch: readonly PendingUnit[]): Outcome[] {
    const cursor = this.cursorAtHead();
    return batch.map((unit): Outcome => {
      const before = cursor.position;
      try {
        return { ok: true, results: this.applyUnit(unit, cursor) };
      } catch (error) {
        if (cursor.position !== before) throw new HalfWrittenAppend();
        return { ok: false, error };
      }
    });
  }

  private applyWithSavepoints(batch: readonly PendingUnit[]): Outcome[] {
    const cursor = this.cursorAtHead();
    return batch.map((unit): Outcome => {
      const saved = { ...cursor };
      try {
        return { ok: true, results: this.applyInSavepoint(unit, cursor) };
      } catch (error) {
        Object.assign(cursor, saved);
        return { ok: false, error };
      }
    });
  }

  private cursorAtHead(): Cursor {
    const last = this.selectLast.get() as { position: number; recorded_at: string } | undefined;
    return { position: last?.position ?? 0, recordedAt: last?.recorded_at ?? '' };
  }

  /** Throws as soon as one of the unit's appends is refused: the unit is written whole or not at all. */
  private applyUnit(unit: PendingUnit, cursor: Cursor): AppendResult[] {
    return unit.appends.map((append) => this.applyAppend(append, cursor));
  }

  private applyAppend(append: AppendRequest, cursor: Cursor): AppendResult {
    const head = this.selectHead.get(append.streamId) as StreamHead | undefined;
    assertExpected(append.streamId, append.expected, head?.revision);
    const recordedAt = recordedAtOf(append, cursor.recordedAt, head?.recorded_at ?? '');
    let revision = head?.revision ?? -1;
    let previousHash = head?.hash ?? GENESIS_HASH;
    const firstPosition = cursor.position + 1;
    const scheme = append.hashScheme ?? CURRENT_HASH_SCHEME;
    for (const event of append.events) {
      revision += 1;
      const canonical = canonicalText({
        id: event.id,
        streamId: append.streamId,
        revision,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        recordedAt,
      });
      const hash = eventHash(scheme, previousHash, { eventId: event.id, streamId: append.streamId, revision, recordedAt, canonical });
      this.insertEvent.run(
        cursor.position + 1,
        event.id,
        append.streamId,
        revision,
        Buffer.from(canonical, 'utf8'),
        hash,
        previousHash,
        recordedAt,
        scheme,
      );
      // Only once it is written: the cursor tells whether a refused append wrote anything.
      cursor.position += 1;
      previousHash = hash;
    }
    cursor.recordedAt = recordedAt;
    return {
      streamId: append.streamId,
      nextExpectedRevision: revision,
      firstPosition,
      lastPosition: cursor.position,
      recordedAt,
    };
  }
}

/**
 * This store's own clock never stamps before the log's last event nor the stream's. A copied
 * instant (a ledger written by several EventStoreDB writers) may lie before the log's last
 * event, as it did in the original, but never before its own stream's: the port's rule.
 */
function recordedAtOf(append: AppendRequest, logLastRecordedAt: string, streamLastRecordedAt: string): string {
  if (append.recordedAt !== undefined) {
    if (append.recordedAt < streamLastRecordedAt) {
      throw new InvalidAppendError(`recordedAt ${append.recordedAt} lies before the stream's last event (${streamLastRecordedAt})`);
    }
    return append.recordedAt;
  }
  const now = new Date().toISOString();
  const last = logLastRecordedAt > streamLastRecordedAt ? logLastRecordedAt : streamLastRecordedAt;
  return now > last ? now : last;
}

function assertExpected(streamId: string, expected: ExpectedRevision, actual: StreamRevision | undefined): void {
  const holds =
    expected === 'any' ||
    (expected === 'no_stream' && actual === undefined) ||
    (expected === 'stream_exists' && actual !== undefined) ||
    (typeof expected === 'number' && actual === expected);
  if (!holds) throw new WrongExpectedRevisionError(streamId, expected, actual);
}
