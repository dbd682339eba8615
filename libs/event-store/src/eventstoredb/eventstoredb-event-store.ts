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
  START,
  type AllStreamResolvedEvent,
  type Position as EsdbPosition,
} from '@eventstore/db-client';
import { validateAppend } from '../append-validation';
import { InvalidAppendError, StreamNotFoundError } from '../errors';
import {
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type JournalEntry,
  type JournalLeaf,
  type KeptDigest,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StoreAddress,
  type StreamAppend,
  type StreamRevision,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionStatus,
} from '../event-store.port';
import { ChainedAppender } from './eventstoredb-append';
import { isMissingStream, readStreamPage, type EsdbClient, type StreamStart } from './eventstoredb-client';
import { portErrorOf } from './eventstoredb-errors';
import {
  canonicalTextOf,
  comparePositions,
  decodeEvent,
  DIGEST_EVENT_TYPE,
  DIGEST_STREAM,
  INTEGRITY_KEY,
  isGeldstroomEvent,
  isPortEvent,
  isValidStreamPrefix,
  STREAM_SEPARATOR,
  streamFilterOf,
  toEsdbPosition,
} from './eventstoredb-records';
import { EventStoreDbSubscription, type ResumeOptions } from './eventstoredb-subscription';
import { parseSignature } from '../integrity/signed-digest';

const PAGE_SIZE = 512;
const JOURNAL_PAGE_SIZE = 4096;
const DIGEST_DEADLINE_MS = 10_000;
const HASH_HEX = /^[0-9a-f]{64}$/;

export interface EventStoreDbOptions {
  /**
   * Prepended to every stream name on the server and stripped on the way out: one segment ending
   * at the separator, as `test-run-1/`. Reads, the journal, the head position and subscriptions
   * see only streams under it. Default '': the streams whose names hold no separator. So stores
   * (a deployment, test runs) share a server without seeing each other, as long as every store
   * but one takes a prefix (see isPortEvent).
   */
  readonly streamPrefix?: string;
  /** The writer's clock in ms since the epoch, which stamps recordedAt. Default Date.now. */
  readonly clock?: () => number;
  /** How a dropped subscription waits before it opens again. Default 250 ms doubling to 30 s. */
  readonly resume?: ResumeOptions;
}

export class EventStoreDbEventStore implements EventStore {
  readonly densePositions = false;
  private readonly appender: ChainedAppender;
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private readonly appendsInFlight = new Set<Promise<unknown>>();
  private readonly prefix: string;
  private readonly resume: ResumeOptions | undefined;
  private closed = false;

  readonly address: StoreAddress;

  /** Over a client made already; `connect` is the way in, a test hands in a double of the client. */
  constructor(
    private readonly client: EsdbClient,
    connectionString: string,
    options: EventStoreDbOptions = {},
  ) {
    this.prefix = options.streamPrefix ?? '';
    if (!isValidStreamPrefix(this.prefix)) {
      throw new Error(`invalid stream prefix ${this.prefix}: one segment of letters, digits and ._~:- ending in ${STREAM_SEPARATOR}`);
    }
    this.appender = new ChainedAppender(client, this.prefix, options.clock ?? Date.now);
    this.resume = options.resume;
    this.address = { kind: 'eventstoredb', connectionString, ...(this.prefix ? { streamPrefix: this.prefix } : {}) };
  }

  /** Connects with an `esdb://` connection string, e.g. `esdb://localhost:2113?tls=false`. */
  static async connect(connectionString: string, options: EventStoreDbOptions = {}): Promise<EventStoreDbEventStore> {
    const client = EventStoreDBClient.connectionString(connectionString);
    try {
      const store = new EventStoreDbEventStore(client, connectionString, options);
      // The client connects lazily: read once so a wrong address or missing $all access fails here.
      await drain(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
      return store;
    } catch (error) {
      await client.dispose();
      throw portErrorOf(error, { read: '$all' });
    }
  }

  append(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    let stored: readonly EventToAppend[];
    try {
      if (this.closed) throw new InvalidAppendError('event store is closed');
      stored = validateAppend(streamId, events, expected, options);
      if (streamId === DIGEST_STREAM) throw new InvalidAppendError(`stream id ${DIGEST_STREAM} is reserved`);
      if (streamId.includes(STREAM_SEPARATOR)) {
        throw new InvalidAppendError(`a stream id on EventStoreDB holds no ${STREAM_SEPARATOR}: it separates stores sharing a server`);
      }
      if (events.some((event) => INTEGRITY_KEY in event.metadata)) {
        throw new InvalidAppendError(`metadata key ${INTEGRITY_KEY} is reserved for the hash chain`);
      }
    } catch (error) {
      return Promise.reject(error);
    }
    const appended = this.appender.append(streamId, stored, expected, options.recordedAt, options.hashScheme);
    const settled = appended.catch(() => undefined);
    this.appendsInFlight.add(settled);
    void settled.then(() => this.appendsInFlight.delete(settled));
    return appended;
  }

  /**
   * EventStoreDB writes one stream's append atomically; this client (@eventstore/db-client 6) has
   * no append spanning streams (KurrentDB's multi-stream append came after it). So several parts
   * to one stream are joined into one append, and parts to several streams are refused before
   * anything is written: writing them one by one would not be all or nothing.
   */
  async appendAtomically(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    const streams = new Set(appends.map((append) => append.streamId));
    if (appends.length === 0) throw new InvalidAppendError('an atomic append needs at least one stream');
    if (streams.size > 1) {
      throw new InvalidAppendError(`EventStoreDB appends one stream atomically; this writes ${streams.size} streams (${[...streams].join(', ')})`);
    }
    const result = await this.append(appends[0].streamId, appends.flatMap((append) => append.events), appends[0].expected);
    return appends.map(() => result);
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    let from: StreamStart =
      options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : START;
    // A name with a separator is another store's stream: none of this one's.
    if (streamId.includes(STREAM_SEPARATOR)) throw new StreamNotFoundError(streamId);
    if (remaining <= 0 && (await this.streamRevision(streamId)) === undefined) throw new StreamNotFoundError(streamId);
    while (remaining > 0) {
      const count = Math.min(PAGE_SIZE, remaining);
      const page = await readStreamPage(this.client, this.prefix, streamId, { backwards, from, maxCount: count });
      for (const event of page) yield event;
      remaining -= page.length;
      const last = page[page.length - 1];
      if (page.length < count || (backwards && last.revision === 0)) return;
      from = BigInt(backwards ? last.revision - 1 : last.revision + 1);
    }
  }

  async streamRevision(streamId: string): Promise<StreamRevision | undefined> {
    if (streamId.includes(STREAM_SEPARATOR)) return undefined;
    return (await this.appender.readHead(streamId))?.revision;
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
    const subscription: EventStoreDbSubscription = new EventStoreDbSubscription(
      (after) =>
        this.client.subscribeToAll({
          fromPosition: after ?? START,
          resolveLinkTos: false,
          // Server side, so catching up skips what the port never sees; types and digests below.
          filter: streamFilterOf(this.prefix),
        }),
      (resolved) => this.toPortEvent(resolved),
      options.after === undefined ? undefined : toEsdbPosition(options.after),
      () => this.subscriptions.delete(subscription),
      this.resume,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  subscriptionStatus(): SubscriptionStatus[] {
    return [...this.subscriptions].map((subscription) => subscription.status);
  }

  async headPosition(): Promise<Position | undefined> {
    for await (const event of this.portEvents(BACKWARDS, undefined)) return event.position;
    return undefined;
  }

  readJournal(options: { readonly after?: Position } = {}): AsyncIterable<readonly JournalEntry[]> {
    return this.pagesOf(options.after, (event) => ({
      position: event.position,
      streamId: event.streamId,
      revision: event.revision,
      eventId: event.id,
      recordedAt: event.recordedAt,
      canonical: canonicalTextOf(event),
      hash: event.hash,
      previousHash: event.previousHash,
      hashScheme: event.hashScheme,
    }));
  }

  /** The server gives whole events: the leaves are taken from them. */
  readLeaves(options: { readonly after?: Position } = {}): AsyncIterable<readonly JournalLeaf[]> {
    return this.pagesOf(options.after, (event) => ({ position: event.position, hash: event.hash }));
  }

  /** What `of` takes from every event after `after`, in global order, in pages. */
  private async *pagesOf<T>(after: Position | undefined, of: (event: RecordedEvent) => T): AsyncIterable<readonly T[]> {
    let page: T[] = [];
    for await (const event of this.portEvents(FORWARDS, after)) {
      page.push(of(event));
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
    try {
      await this.client.appendToStream(
        this.prefix + DIGEST_STREAM,
        jsonEvent({ id: randomUUID(), type: DIGEST_EVENT_TYPE, data: { treeSize, rootHash, keptAt, ...signed } }),
        { requiresLeader: true, deadline: DIGEST_DEADLINE_MS },
      );
    } catch (error) {
      throw portErrorOf(error, { append: DIGEST_STREAM });
    }
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
      if (!isMissingStream(error)) throw portErrorOf(error, { read: DIGEST_STREAM });
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
   * The port's events in $all, strictly after (forwards) or before (backwards) `bound`. The
   * client reads $all without a filter, so pages are filtered here; a forwards page starts at
   * the last event of the one before (the server includes it), which is skipped.
   */
  private async *portEvents(direction: typeof FORWARDS | typeof BACKWARDS, bound: Position | undefined) {
    const forwards = direction === FORWARDS;
    let edge: EsdbPosition | undefined = bound === undefined ? undefined : toEsdbPosition(bound);
    for (;;) {
      const page = await this.readAllPage(direction, edge ?? (forwards ? START : END));
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

  /** One page of $all, from the leader: the port's reads see every append it acknowledged. */
  private async readAllPage(direction: typeof FORWARDS | typeof BACKWARDS, fromPosition: EsdbPosition | typeof START | typeof END) {
    const page: AllStreamResolvedEvent[] = [];
    try {
      const read = this.client.readAll({ direction, fromPosition, maxCount: PAGE_SIZE, resolveLinkTos: false, requiresLeader: true });
      for await (const resolved of read as AsyncIterable<AllStreamResolvedEvent>) page.push(resolved);
    } catch (error) {
      throw portErrorOf(error, { read: '$all' });
    }
    return page;
  }

  /**
   * The port's event, or undefined for one of another store or not written by Geldstroom at all
   * (another application's stream on a shared server): those are passed over, never decoded.
   */
  private toPortEvent(resolved: AllStreamResolvedEvent): RecordedEvent | undefined {
    const event = resolved.event;
    if (event === undefined || !isPortEvent(event.streamId, event.type, this.prefix) || !isGeldstroomEvent(event)) return undefined;
    return decodeEvent(event, this.prefix);
  }
}

async function drain(read: AsyncIterable<unknown>): Promise<void> {
  for await (const item of read) void item;
}

