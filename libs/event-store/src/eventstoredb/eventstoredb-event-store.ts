// The EventStoreDB / KurrentDB adapter, for deployments that outgrow one machine.
//
// Mapping: stream revisions are the server's; a Position is the event's $all commit position
// (a byte offset: growing, not dense). Every event carries its hash chain in its metadata under
// `$geldstroom`. The port sees only events under `streamPrefix`, never `$` streams or types, and
// never the stream of kept digests. Nothing of `@eventstore/db-client` leaves this folder.
import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  NO_STREAM as ESDB_NO_STREAM,
  START,
  StreamDeletedError,
  StreamNotFoundError as EsdbStreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type Position as EsdbPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { validateAppend } from '../append-validation';
import { InvalidAppendError, StreamNotFoundError, WrongExpectedRevisionError } from '../errors';
import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type JournalEntry,
  type KeptDigest,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StoreAddress,
  type StreamRevision,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port';
import {
  canonicalTextOf,
  comparePositions,
  decodeEvent,
  DIGEST_EVENT_TYPE,
  DIGEST_STREAM,
  encodeBatch,
  headOf,
  INTEGRITY_KEY,
  isPortEvent,
  toEsdbPosition,
  toSafeNumber,
  type StreamHead,
} from './eventstoredb-records';
import { EventStoreDbSubscription } from './eventstoredb-subscription';
import { CURRENT_HASH_SCHEME, type HashScheme } from '../integrity/event-hash';
import { parseSignature } from '../integrity/signed-digest';

const PAGE_SIZE = 512;
const JOURNAL_PAGE_SIZE = 4096;
/** Appends under `any` / `stream_exists` retry this often when another writer got in between. */
const APPEND_ATTEMPTS_MAX = 5;
const APPEND_DEADLINE_MS = 10_000;
/** Stream heads this instance wrote, so the next append to a busy stream skips reading its head. */
const HEAD_CACHE_SIZE_MAX = 10_000;
const STREAM_PREFIX = /^[A-Za-z0-9][A-Za-z0-9._~:/-]{0,99}$/;
const HASH_HEX = /^[0-9a-f]{64}$/;

export interface EventStoreDbOptions {
  /**
   * Prepended to every stream name on the server and stripped on the way out; reads, the
   * journal, the head position and subscriptions see only streams under it. Lets several
   * stores (test runs, environments) share one server without seeing each other. Default ''.
   */
  readonly streamPrefix?: string;
}

type Outcome = { readonly ok: true; readonly last: StreamHead } | { readonly ok: false; readonly actual?: StreamRevision };

export class EventStoreDbEventStore implements EventStore {
  readonly densePositions = false;
  /** Appends run one at a time so recordedAt never goes back along $all (see `serialized`). */
  private appendQueue: Promise<unknown> = Promise.resolve();
  private lastRecordedAtMs = 0;
  private readonly heads = new Map<string, StreamHead>();
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private readonly appendsInFlight = new Set<Promise<unknown>>();
  private closed = false;

  readonly address: StoreAddress;

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly prefix: string,
    connectionString: string,
  ) {
    this.address = { kind: 'eventstoredb', connectionString, ...(prefix ? { streamPrefix: prefix } : {}) };
  }

  /** Connects with an `esdb://` connection string, e.g. `esdb://localhost:2113?tls=false`. */
  static async connect(connectionString: string, options: EventStoreDbOptions = {}): Promise<EventStoreDbEventStore> {
    const prefix = options.streamPrefix ?? '';
    if (prefix !== '' && !STREAM_PREFIX.test(prefix)) throw new Error(`invalid stream prefix ${prefix}`);
    const client = EventStoreDBClient.connectionString(connectionString);
    try {
      // The client connects lazily: read once so a wrong address or missing $all access fails here.
      await drain(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    } catch (error) {
      await client.dispose();
      throw error;
    }
    return new EventStoreDbEventStore(client, prefix, connectionString);
  }

  append(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    try {
      if (this.closed) throw new InvalidAppendError('event store is closed');
      validateAppend(streamId, events, expected, options);
      if (streamId === DIGEST_STREAM) throw new InvalidAppendError(`stream id ${DIGEST_STREAM} is reserved`);
      if (events.some((event) => INTEGRITY_KEY in event.metadata)) {
        throw new InvalidAppendError(`metadata key ${INTEGRITY_KEY} is reserved for the hash chain`);
      }
    } catch (error) {
      return Promise.reject(error);
    }
    const appended = this.serialized(() => this.appendChained(streamId, events, expected, options.recordedAt, options.hashScheme)).then((last) =>
      this.appendResult(streamId, events, last),
    );
    const settled = appended.catch(() => undefined);
    this.appendsInFlight.add(settled);
    void settled.then(() => this.appendsInFlight.delete(settled));
    return appended;
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    let from: bigint | typeof START | typeof END =
      options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : START;
    if (remaining <= 0 && (await this.streamRevision(streamId)) === undefined) throw new StreamNotFoundError(streamId);
    while (remaining > 0) {
      const count = Math.min(PAGE_SIZE, remaining);
      const page = await this.readStreamPage(streamId, backwards, from, count);
      for (const event of page) yield event;
      remaining -= page.length;
      const last = page[page.length - 1];
      if (page.length < count || (backwards && last.revision === 0)) return;
      from = BigInt(backwards ? last.revision - 1 : last.revision + 1);
    }
  }

  async streamRevision(streamId: string): Promise<StreamRevision | undefined> {
    return (await this.readHead(streamId))?.revision;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (remaining <= 0) return;
    const events =
      options.direction === 'backwards'
        ? this.portEvents(BACKWARDS, options.before)
        : this.portEvents(FORWARDS, options.after);
    for await (const event of events) {
      yield event;
      remaining -= 1;
      if (remaining === 0) return;
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    if (this.closed) throw new Error('event store is closed');
    const source = this.client.subscribeToAll({
      fromPosition: options.after === undefined ? START : toEsdbPosition(options.after),
      resolveLinkTos: false,
      // Server side, so catching up skips what the port never sees; types and digests below.
      filter: this.prefix === '' ? streamNameFilter({ regex: '^[^$]' }) : streamNameFilter({ prefixes: [this.prefix] }),
    });
    const subscription: EventStoreDbSubscription = new EventStoreDbSubscription(
      source,
      (resolved) => this.toPortEvent(resolved),
      options.after === undefined ? undefined : toEsdbPosition(options.after),
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<Position | undefined> {
    for await (const event of this.portEvents(BACKWARDS, undefined)) return event.position;
    return undefined;
  }

  async *readJournal(options: { readonly after?: Position } = {}): AsyncIterable<readonly JournalEntry[]> {
    let page: JournalEntry[] = [];
    for await (const event of this.portEvents(FORWARDS, options.after)) {
      page.push({
        position: event.position,
        streamId: event.streamId,
        revision: event.revision,
        eventId: event.id,
        recordedAt: event.recordedAt,
        canonical: canonicalTextOf(event),
        hash: event.hash,
        previousHash: event.previousHash,
        hashScheme: event.hashScheme,
      });
      if (page.length === JOURNAL_PAGE_SIZE) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  async keepDigest(digest: KeptDigest): Promise<void> {
    if (!Number.isSafeInteger(digest.treeSize) || digest.treeSize < 0 || !HASH_HEX.test(digest.rootHash)) {
      throw new InvalidAppendError('a kept digest needs a non-negative tree size and a hex SHA-256 root');
    }
    const { treeSize, rootHash, keptAt, headPosition, signature } = digest;
    const signed = { ...(headPosition !== undefined ? { headPosition } : {}), ...(signature ? { signature: { ...signature } } : {}) };
    await this.client.appendToStream(
      this.prefix + DIGEST_STREAM,
      jsonEvent({ id: randomUUID(), type: DIGEST_EVENT_TYPE, data: { treeSize, rootHash, keptAt, ...signed } }),
      { requiresLeader: true, deadline: APPEND_DEADLINE_MS },
    );
  }

  /** In tree-size order; the first digest kept for a size wins, as with the SQLite adapter. */
  async keptDigests(): Promise<KeptDigest[]> {
    const bySize = new Map<number, KeptDigest>();
    try {
      for await (const resolved of this.client.readStream(this.prefix + DIGEST_STREAM, { resolveLinkTos: false })) {
        const data = resolved.event?.data as Partial<KeptDigest> | undefined;
        const { treeSize, rootHash, keptAt, headPosition, signature } = data ?? {};
        if (typeof treeSize !== 'number' || typeof rootHash !== 'string' || typeof keptAt !== 'string') {
          throw new Error(`kept digest ${resolved.event?.revision} in ${DIGEST_STREAM} is malformed`);
        }
        const signed = {
          ...(typeof headPosition === 'number' ? { headPosition } : {}),
          ...(signature !== undefined ? { signature: parseSignature(JSON.stringify(signature)) } : {}),
        };
        // As in SQLite: a later signed digest with the same root fills in an unsigned one's signature.
        const earlier = bySize.get(treeSize);
        if (!earlier || (!earlier.signature && signed.signature && earlier.rootHash === rootHash)) {
          bySize.set(treeSize, { treeSize, rootHash, keptAt, ...signed });
        }
      }
    } catch (error) {
      if (!isMissingStream(error)) throw error;
    }
    return [...bySize.values()].sort((a, b) => a.treeSize - b.treeSize);
  }

  /** Ends subscriptions, lets accepted appends finish, then drops the connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await Promise.all(this.appendsInFlight);
    await this.client.dispose();
  }

  /**
   * One append at a time per instance: recordedAt is stamped before the write, so two appends
   * in flight could land in $all in the other order. Costs one round trip per append; other
   * processes writing the same server keep their own order only.
   */
  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.appendQueue.then(work);
    this.appendQueue = run.catch(() => undefined);
    return run;
  }

  private async appendChained(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    recordedAt: string | undefined,
    hashScheme: HashScheme = CURRENT_HASH_SCHEME,
  ): Promise<StreamHead> {
    for (let attempt = 1; ; attempt += 1) {
      const head = await this.headToChainOnto(streamId, expected);
      const outcome = await this.appendOnce(streamId, events, head, recordedAt, hashScheme);
      if (outcome.ok) return outcome.last;
      this.heads.delete(streamId);
      // Only the store's own choice of revision may be retried; the caller's is the caller's.
      const retryable = expected === ANY || expected === STREAM_EXISTS;
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
  private async appendOnce(
    streamId: string,
    events: readonly EventToAppend[],
    head: StreamHead | undefined,
    recordedAt: string | undefined,
    hashScheme: HashScheme,
  ): Promise<Outcome> {
    const { data, last } = encodeBatch(streamId, events, head, this.stamp(head, recordedAt), hashScheme);
    try {
      const result = await this.client.appendToStream(this.prefix + streamId, data, {
        expectedRevision: head === undefined ? ESDB_NO_STREAM : BigInt(head.revision),
        requiresLeader: true,
        deadline: APPEND_DEADLINE_MS,
      });
      if (!result.success) return { ok: false, actual: revisionOrUndefined(result.nextExpectedRevision) };
      const written = toSafeNumber(result.nextExpectedRevision, 'stream revision');
      if (written !== last.revision) throw new Error(`append to ${streamId} ended at ${written}, not ${last.revision}`);
      this.remember(streamId, last);
      return { ok: true, last };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const actual = error.actualVersion;
      return { ok: false, actual: actual === ESDB_NO_STREAM ? undefined : revisionOrUndefined(actual) };
    }
  }

  /**
   * Client clock, never before this instance's last stamp nor the stream's previous event. A
   * copied event keeps its original stamp (its hash covers it), under the same rule.
   */
  private stamp(head: StreamHead | undefined, kept?: string): string {
    const previousMs = head === undefined ? 0 : Date.parse(head.recordedAt);
    if (kept !== undefined) {
      const keptMs = Date.parse(kept);
      if (keptMs < Math.max(this.lastRecordedAtMs, previousMs)) {
        throw new InvalidAppendError(`recordedAt ${kept} lies before the last event this store recorded`);
      }
      this.lastRecordedAtMs = keptMs;
      return kept;
    }
    this.lastRecordedAtMs = Math.max(Date.now(), this.lastRecordedAtMs, previousMs);
    return new Date(this.lastRecordedAtMs).toISOString();
  }

  private remember(streamId: string, head: StreamHead): void {
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    if (this.heads.size > HEAD_CACHE_SIZE_MAX) this.heads.delete(this.heads.keys().next().value as string);
  }

  /**
   * The server's append result names one position for the whole write; the port wants the
   * first and the last, so read both back, and check they are the events just written.
   */
  private async appendResult(streamId: string, events: readonly EventToAppend[], last: StreamHead): Promise<AppendResult> {
    const firstRevision = last.revision - events.length + 1;
    const [first, final] = await Promise.all([
      this.readStreamPage(streamId, false, BigInt(firstRevision), 1),
      events.length === 1 ? [] : this.readStreamPage(streamId, false, BigInt(last.revision), 1),
    ]);
    const lastEvent = final[0] ?? first[0];
    if (first[0]?.id !== events[0].id.toLowerCase() || lastEvent?.id !== events[events.length - 1].id.toLowerCase()) {
      throw new Error(`reading back ${streamId}@${firstRevision}..${last.revision} did not give the events written`);
    }
    return {
      streamId,
      nextExpectedRevision: last.revision,
      firstPosition: first[0].position,
      lastPosition: lastEvent.position,
      recordedAt: lastEvent.recordedAt,
    };
  }

  private async readHead(streamId: string): Promise<StreamHead | undefined> {
    const [head] = await this.readStreamPage(streamId, true, END, 1).catch((error: unknown) => {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    });
    return head === undefined ? undefined : headOf(head);
  }

  /** One page of a stream, read whole so an early `break` by the caller leaves no call open. */
  private async readStreamPage(
    streamId: string,
    backwards: boolean,
    fromRevision: bigint | typeof START | typeof END,
    maxCount: number,
  ): Promise<RecordedEvent[]> {
    const page: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(this.prefix + streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision,
        maxCount,
        resolveLinkTos: false,
        requiresLeader: true,
      });
      for await (const resolved of read as AsyncIterable<ResolvedEvent>) {
        if (resolved.event !== undefined) page.push(decodeEvent(resolved.event, this.prefix));
      }
    } catch (error) {
      if (isMissingStream(error)) throw new StreamNotFoundError(streamId);
      throw error;
    }
    return page;
  }

  /**
   * The port's events in $all, strictly after (forwards) or before (backwards) `bound`. The
   * client reads $all without a filter, so pages are filtered here; a forwards page starts at
   * the last event of the one before (the server includes it), which is skipped.
   */
  private async *portEvents(direction: typeof FORWARDS | typeof BACKWARDS, bound: Position | undefined) {
    const forwards = direction === FORWARDS;
    let edge: EsdbPosition | undefined = bound === undefined ? undefined : toEsdbPosition(bound);
    for (;;) {
      const fromPosition = edge ?? (forwards ? START : END);
      const read = this.client.readAll({ direction, fromPosition, maxCount: PAGE_SIZE, resolveLinkTos: false });
      const page: AllStreamResolvedEvent[] = [];
      for await (const resolved of read as AsyncIterable<AllStreamResolvedEvent>) page.push(resolved);
      for (const resolved of page) {
        const position = resolved.event?.position;
        if (position === undefined) continue;
        const beyond = edge === undefined || comparePositions(position, edge) * (forwards ? 1 : -1) > 0;
        if (!beyond) continue;
        edge = position;
        const event = this.toPortEvent(resolved);
        if (event !== undefined) yield event;
      }
      if (page.length < PAGE_SIZE) return;
    }
  }

  private toPortEvent(resolved: AllStreamResolvedEvent): RecordedEvent | undefined {
    const event = resolved.event;
    if (event === undefined || !isPortEvent(event.streamId, event.type, this.prefix)) return undefined;
    return decodeEvent(event, this.prefix);
  }
}

async function drain(read: AsyncIterable<unknown>): Promise<void> {
  for await (const item of read) void item;
}

function revisionOrUndefined(revision: bigint): StreamRevision | undefined {
  return revision < 0n ? undefined : toSafeNumber(revision, 'stream revision');
}

/** A deleted stream has no events the port can give either. */
function isMissingStream(error: unknown): boolean {
  return error instanceof EsdbStreamNotFoundError || error instanceof StreamDeletedError;
}
