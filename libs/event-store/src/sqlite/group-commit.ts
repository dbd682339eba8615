// Group commit: every append that arrives while a commit is being prepared joins it, so
// 64 commands in flight cost one fsync, not 64. Appends to the same stream inside one
// commit are applied in arrival order, each against the revision the previous one left.
import type Database from 'better-sqlite3';
import { InvalidAppendError, WrongExpectedRevisionError } from '../errors';
import type { AppendResult, EventToAppend, ExpectedRevision, StreamRevision } from '../event-store.port';
import { canonicalEnvelope, chainHash, GENESIS_HASH } from '../integrity/event-hash';

export interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly EventToAppend[];
  readonly expected: ExpectedRevision;
  /** Kept from another store when a ledger is copied; otherwise the clock decides. */
  readonly recordedAt?: string;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** Limits on one commit, so one flush never holds the write lock for long. */
const APPENDS_PER_COMMIT_MAX = 1024;
const EVENTS_PER_COMMIT_MAX = 20_000;

interface StreamHead {
  readonly revision: StreamRevision;
  readonly hash: Buffer;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

export class GroupCommitter {
  private readonly queue: PendingAppend[] = [];
  private scheduled = false;
  private idleWaiters: Array<() => void> = [];
  private readonly selectHead: Database.Statement;
  private readonly selectLast: Database.Statement;
  private readonly insertEvent: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly onCommitted: () => void,
  ) {
    this.selectHead = db.prepare(
      'SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    );
    this.selectLast = db.prepare('SELECT position, recorded_at FROM events ORDER BY position DESC LIMIT 1');
    this.insertEvent = db.prepare(
      `INSERT INTO events (position, event_id, stream_id, revision, body, hash, previous_hash, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  enqueue(append: PendingAppend): void {
    this.queue.push(append);
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

  private flush(): void {
    this.scheduled = false;
    const batch = this.takeBatch();
    let outcomes: Outcome[];
    try {
      outcomes = this.db.transaction(() => this.applyBatch(batch)).immediate();
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing of the batch is durable.
      for (const append of batch) append.reject(error);
      this.afterFlush();
      return;
    }
    // Only now, after COMMIT returned with synchronous=FULL, is the batch durable.
    batch.forEach((append, index) => {
      const outcome = outcomes[index];
      if (outcome.ok) append.resolve(outcome.result);
      else append.reject(outcome.error);
    });
    if (outcomes.some((outcome) => outcome.ok)) this.onCommitted();
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

  private takeBatch(): PendingAppend[] {
    let events = 0;
    let count = 0;
    while (count < this.queue.length && count < APPENDS_PER_COMMIT_MAX) {
      events += this.queue[count].events.length;
      if (count > 0 && events > EVENTS_PER_COMMIT_MAX) break;
      count += 1;
    }
    return this.queue.splice(0, count);
  }

  private applyBatch(batch: readonly PendingAppend[]): Outcome[] {
    const last = this.selectLast.get() as { position: number; recorded_at: string } | undefined;
    const cursor = { position: last?.position ?? 0, recordedAt: last?.recorded_at ?? '' };
    // A lone append needs no savepoint: if it fails, the error leaves the transaction and
    // rolls all of it back. In a group, each append gets its own savepoint, so one refused
    // append (a conflict, a duplicate event id) rolls back only itself.
    if (batch.length === 1) return [{ ok: true, result: this.applyAppend(batch[0], cursor) }];
    const applyOne = this.db.transaction((append: PendingAppend) => this.applyAppend(append, cursor));
    return batch.map((append): Outcome => {
      const saved = { ...cursor };
      try {
        return { ok: true, result: applyOne(append) };
      } catch (error) {
        Object.assign(cursor, saved);
        return { ok: false, error };
      }
    });
  }

  private applyAppend(append: PendingAppend, cursor: { position: number; recordedAt: string }): AppendResult {
    const head = this.selectHead.get(append.streamId) as StreamHead | undefined;
    assertExpected(append.streamId, append.expected, head?.revision);
    const recordedAt = recordedAtOf(append, cursor.recordedAt);
    let revision = head?.revision ?? -1;
    let previousHash = head?.hash ?? GENESIS_HASH;
    const firstPosition = cursor.position + 1;
    for (const event of append.events) {
      revision += 1;
      cursor.position += 1;
      const canonical = canonicalEnvelope({
        id: event.id,
        streamId: append.streamId,
        revision,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        recordedAt,
      });
      const hash = chainHash(previousHash, canonical);
      this.insertEvent.run(
        cursor.position,
        event.id,
        append.streamId,
        revision,
        canonical,
        hash,
        previousHash,
        recordedAt,
      );
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

/** recordedAt never goes back along the log, so "known by time T" is always a prefix. */
function recordedAtOf(append: PendingAppend, lastRecordedAt: string): string {
  if (append.recordedAt !== undefined) {
    if (append.recordedAt < lastRecordedAt) {
      throw new InvalidAppendError(`recordedAt ${append.recordedAt} lies before the log's last event (${lastRecordedAt})`);
    }
    return append.recordedAt;
  }
  const now = new Date().toISOString();
  return now > lastRecordedAt ? now : lastRecordedAt;
}

function assertExpected(streamId: string, expected: ExpectedRevision, actual: StreamRevision | undefined): void {
  const holds =
    expected === 'any' ||
    (expected === 'no_stream' && actual === undefined) ||
    (expected === 'stream_exists' && actual !== undefined) ||
    (typeof expected === 'number' && actual === expected);
  if (!holds) throw new WrongExpectedRevisionError(streamId, expected, actual);
}
