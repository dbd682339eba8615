// Appending with the hash chain: each append is chained onto the stream's last event as the
// server holds it, written at exactly the revision after it, and read back once to check that
// the server holds these very bytes. Only what was read from the server is remembered.
import { END, NO_STREAM as ESDB_NO_STREAM, WrongExpectedVersionError } from '@eventstore/db-client';
import { LRUCache } from 'lru-cache';
import { InvalidAppendError, StreamNotFoundError, WrongExpectedRevisionError } from '../errors';
import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  type AppendResult,
  type EventToAppend,
  type ExpectedRevision,
  type StreamRevision,
} from '../event-store.port';
import { readStreamPage, type EsdbClient } from './eventstoredb-client';
import { portErrorOf } from './eventstoredb-errors';
import { encodeBatch, headOf, toSafeNumber, type EncodedBatch, type StreamHead } from './eventstoredb-records';
import { CURRENT_HASH_SCHEME, type HashScheme } from '../integrity/event-hash';

/** Appends under `any` / `stream_exists` retry this often when another writer got in between. */
const APPEND_ATTEMPTS_MAX = 5;
const APPEND_DEADLINE_MS = 10_000;
/** Stream heads read from the server, so the next append to a busy stream skips reading its head. */
const HEAD_CACHE_SIZE_MAX = 10_000;

/**
 * held: the server holds this batch. conflict: the stream was elsewhere (another writer).
 * replayed: the server answered success for events it held already, with other bytes.
 */
type Outcome =
  | { readonly kind: 'held'; readonly result: AppendResult }
  | { readonly kind: 'conflict' | 'replayed'; readonly actual: StreamRevision | undefined };

export class ChainedAppender {
  private readonly heads = new LRUCache<string, StreamHead>({ max: HEAD_CACHE_SIZE_MAX });
  /** The append running or waiting last on each stream: appends to one stream go one by one. */
  private readonly tails = new Map<string, Promise<unknown>>();
  private lastStampMs = 0;

  constructor(
    private readonly client: EsdbClient,
    private readonly prefix: string,
    /** The writer's clock, in ms since the epoch. */
    private readonly clock: () => number,
  ) {}

  /**
   * Appends to one stream wait for each other (each chains onto the one before); appends to
   * different streams run side by side. Events come validated, their ids in lower case.
   */
  append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision, kept?: string, scheme: HashScheme = CURRENT_HASH_SCHEME): Promise<AppendResult> {
    const run = (this.tails.get(streamId) ?? Promise.resolve()).then(() => this.appendChained(streamId, events, expected, kept, scheme));
    const tail = run.catch(() => undefined);
    this.tails.set(streamId, tail);
    void tail.then(() => {
      if (this.tails.get(streamId) === tail) this.tails.delete(streamId);
    });
    return run;
  }

  /** The stream's last event as the server holds it now; remembered for the next append. */
  async readHead(streamId: string): Promise<StreamHead | undefined> {
    const [last] = await readStreamPage(this.client, this.prefix, streamId, { backwards: true, from: END, maxCount: 1 }).catch(
      (error: unknown) => {
        if (error instanceof StreamNotFoundError) return [];
        throw error;
      },
    );
    if (last === undefined) {
      this.heads.delete(streamId);
      return undefined;
    }
    const head = headOf(last);
    this.remember(streamId, head);
    return head;
  }

  private async appendChained(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    kept: string | undefined,
    scheme: HashScheme,
  ): Promise<AppendResult> {
    for (let attempt = 1; ; attempt += 1) {
      const head = await this.headToChainOnto(streamId, expected);
      const outcome = await this.write(streamId, encodeBatch(streamId, events, head, this.stamp(head, kept), scheme), head);
      if (outcome.kind === 'held') return outcome.result;
      // Only the store's own choice of revision may be tried again, and never after a replay:
      // its ids are in the stream now, and a write further on would hold them twice.
      const retryable = outcome.kind === 'conflict' && (expected === ANY || expected === STREAM_EXISTS);
      if (!retryable || attempt === APPEND_ATTEMPTS_MAX) {
        throw new WrongExpectedRevisionError(streamId, expected, outcome.actual);
      }
    }
  }

  /** The exact event to chain onto, checked against the caller's expectation. */
  private async headToChainOnto(streamId: string, expected: ExpectedRevision): Promise<StreamHead | undefined> {
    if (expected === NO_STREAM) return undefined; // the server refuses it if the stream exists
    const cached = this.heads.get(streamId);
    if (typeof expected === 'number') {
      if (cached?.revision === expected) return cached;
      const head = await this.readHead(streamId);
      if (head?.revision !== expected) throw new WrongExpectedRevisionError(streamId, expected, head?.revision);
      return head;
    }
    const head = cached ?? (await this.readHead(streamId));
    if (expected === STREAM_EXISTS && head === undefined) {
      throw new WrongExpectedRevisionError(streamId, expected, undefined);
    }
    return head;
  }

  /** Writes at exactly the revision after `head`, so the chain can never fork. */
  private async write(streamId: string, batch: EncodedBatch, head: StreamHead | undefined): Promise<Outcome> {
    let written: StreamRevision;
    try {
      const result = await this.client.appendToStream(this.prefix + streamId, batch.data, {
        expectedRevision: head === undefined ? ESDB_NO_STREAM : BigInt(head.revision),
        requiresLeader: true,
        deadline: APPEND_DEADLINE_MS,
      });
      // The client's default (throwOnAppendFailure) throws a conflict; this is its other form.
      if (!result.success) return this.conflict(streamId, revisionOrUndefined(result.nextExpectedRevision));
      written = toSafeNumber(result.nextExpectedRevision, 'stream revision');
    } catch (error) {
      // Whatever happened, what this instance knew of the stream may be stale now.
      this.heads.delete(streamId);
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion;
        return this.conflict(streamId, actual === ESDB_NO_STREAM ? undefined : revisionOrUndefined(actual));
      }
      throw portErrorOf(error, { append: streamId });
    }
    return this.readBack(streamId, batch, written);
  }

  /**
   * The server answers an append whose event ids already stand where it would write them with
   * success and their revision, without comparing content (EventStore/EventStore,
   * src/EventStore.Core/Services/Storage/ReaderIndex/IndexWriter.cs, CheckCommit →
   * CommitDecision.Idempotent; StorageWriterService.cs answers AlreadyCommitted). So the range
   * is read back: only when it holds the very hashes of this batch was it this append.
   */
  private async readBack(streamId: string, batch: EncodedBatch, written: StreamRevision): Promise<Outcome> {
    const count = batch.hashes.length;
    const firstRevision = written - count + 1;
    const held =
      firstRevision < 0
        ? []
        : await readStreamPage(this.client, this.prefix, streamId, { backwards: false, from: BigInt(firstRevision), maxCount: count });
    const same = held.length === count && held.every((event, i) => event.hash === batch.hashes[i]);
    if (!same) {
      this.heads.delete(streamId);
      return { kind: 'replayed', actual: (await this.readHead(streamId))?.revision };
    }
    const [first, last] = [held[0], held[count - 1]];
    this.remember(streamId, headOf(last));
    const result = { streamId, nextExpectedRevision: last.revision, firstPosition: first.position, lastPosition: last.position, recordedAt: last.recordedAt };
    return { kind: 'held', result };
  }

  private conflict(streamId: string, actual: StreamRevision | undefined): Outcome {
    this.heads.delete(streamId);
    return { kind: 'conflict', actual };
  }

  /**
   * The writer's clock, never before this instance's last stamp nor the stream's last event:
   * recordedAt never goes back within a stream. Across streams and writers it may (see the
   * port). A copied event keeps its stamp, which its hash covers, under the same stream rule.
   */
  private stamp(head: StreamHead | undefined, kept: string | undefined): string {
    const previousMs = head === undefined ? 0 : Date.parse(head.recordedAt);
    if (kept !== undefined) {
      if (Date.parse(kept) < previousMs) {
        throw new InvalidAppendError(`recordedAt ${kept} lies before the stream's last event (${head?.recordedAt})`);
      }
      return kept;
    }
    this.lastStampMs = Math.max(this.clock(), this.lastStampMs, previousMs);
    return new Date(this.lastStampMs).toISOString();
  }

  private remember(streamId: string, head: StreamHead): void {
    this.heads.set(streamId, head);
  }
}

function revisionOrUndefined(revision: bigint): StreamRevision | undefined {
  return revision < 0n ? undefined : toSafeNumber(revision, 'stream revision');
}
