// The one port every store adapter implements, with EventStoreDB's semantics.
//
// Revisions and positions are plain numbers: stream revisions count from 0, and a
// global position only grows. EventStoreDB's commit positions are 64-bit byte offsets,
// far below 2^53 for any log this ledger will hold; its adapter asserts that on the way in.
import type { HashScheme } from './integrity/event-hash';
import type { DigestSignature } from './integrity/signed-digest';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** The revision of an event within its stream, counted from 0. */
export type StreamRevision = number;
/** A place in the global log; larger is later. */
export type Position = number;

export const NO_STREAM = 'no_stream' as const;
export const ANY = 'any' as const;
export const STREAM_EXISTS = 'stream_exists' as const;

/** What the writer believes about the stream: EventStoreDB's four expectations. */
export type ExpectedRevision = typeof NO_STREAM | typeof ANY | typeof STREAM_EXISTS | StreamRevision;

export interface EventToAppend {
  /** A UUID chosen by the writer; the store keeps it as the event's identity. */
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

export interface RecordedEvent {
  readonly id: string;
  readonly streamId: string;
  readonly revision: StreamRevision;
  readonly position: Position;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  /**
   * ISO-8601 UTC instant its writer stamped it: the store's clock on SQLite, the writing
   * instance's on EventStoreDB. It never decreases within a stream. Along the global log it may,
   * where writers with clocks of their own share a store (several API instances on EventStoreDB,
   * and a ledger copied from one): so "what was known by instant T" is the log up to the last
   * position whose running maximum of recordedAt is at most T. That maximum never decreases, so
   * the cut is a prefix of the log, as an as-of answer needs. Never compare one event's own
   * recordedAt with T to cut the log.
   */
  readonly recordedAt: string;
  /** SHA-256 over the previous hash in the stream and this event as stored, hex (see event-hash.ts). */
  readonly hash: string;
  readonly previousHash: string;
  /** Which hash scheme `hash` was computed with: 1 for events written before scheme 2 existed. */
  readonly hashScheme: HashScheme;
}

export interface AppendOptions {
  /**
   * Only for copying a ledger from another store: the instant the original store recorded
   * these events, kept because their hashes cover it. Everything else leaves it unset and the
   * store stamps its own clock. It may not lie before the recordedAt of the stream's last event
   * (a stream stays ordered in time; the log as a whole need not, see RecordedEvent), and must be
   * in the form `Date.toISOString` gives, so instants compare as text.
   */
  readonly recordedAt?: string;
  /** Only for copying a ledger: the hash scheme the original events used, so their hashes stay the same. */
  readonly hashScheme?: HashScheme;
}

export interface AppendResult {
  readonly streamId: string;
  /** The revision of the last event written: pass it as the next expected revision. */
  readonly nextExpectedRevision: StreamRevision;
  /** Global position of the first and last event written. */
  readonly firstPosition: Position;
  readonly lastPosition: Position;
  readonly recordedAt: string;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  readonly direction?: Direction;
  /** Inclusive; defaults to the start (forwards) or the end (backwards). */
  readonly fromRevision?: StreamRevision;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  readonly direction?: Direction;
  /**
   * Forwards: events strictly after this position (a checkpoint). Backwards: strictly before.
   * Omitted: from the start (forwards) or the end (backwards).
   */
  readonly after?: Position;
  readonly before?: Position;
  readonly maxCount?: number;
}

export interface SubscribeOptions {
  /** Deliver events strictly after this position; omitted: from the very first event. */
  readonly after?: Position;
  /**
   * Only events whose metadata holds one of these keys are wanted. A store leaves the others out
   * where it can do so cheaply and delivers them where it cannot: SQLite looks for the key's name
   * in each event's stored text, so it leaves out most events without parsing them; EventStoreDB
   * filters on the server by stream and type only, and delivers all. Never an event that has one
   * is left out; the subscriber still looks at each event it gets. What it wants may come later
   * than to a subscription that wants every event (SQLite reads for it at its poll, every 250 ms).
   */
  readonly metadataKeys?: readonly string[];
}

/**
 * How a subscription stands, for /health. A subscription whose connection drops resumes by
 * itself from the last event it delivered; while it tries, it is `reconnecting`.
 */
export interface SubscriptionStatus {
  /** catching-up: reading history (or behind); live: the server said it has caught up. */
  readonly state: 'catching-up' | 'live' | 'reconnecting';
  /** ISO-8601 instant it came into this state (reconnecting: the first failure in a row). */
  readonly since: string;
  /** Position of the last event delivered, when one was. */
  readonly checkpoint?: Position;
  /** Times the connection was opened again since the subscription began. */
  readonly reconnects: number;
  readonly lastError?: string;
}

/**
 * A catch-up subscription: it reads history, then goes live, delivering every event once,
 * in global order, with no gap and no duplicate at the switch. Iterate it; `close` ends it.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
  /** Absent where a subscription cannot lose a connection (SQLite reads its own file). */
  readonly status?: SubscriptionStatus;
}

/** The integrity view of one event: exactly the bytes its hash was computed over. */
export interface JournalEntry {
  readonly position: Position;
  readonly streamId: string;
  readonly revision: StreamRevision;
  /** The event id and recorded-at as the store keeps them beside the envelope: scheme 2 hashes them. */
  readonly eventId: string;
  readonly recordedAt: string;
  /** Canonical JSON (RFC 8785) of the event envelope, as hashed (in UTF-8). */
  readonly canonical: string;
  /** SHA-256, lowercase hex, as stored. */
  readonly hash: string;
  readonly previousHash: string;
  readonly hashScheme: HashScheme;
  /**
   * Set by a store that found a column of the row stored with another type than it writes (an
   * event id turned into a blob with the same bytes, say): the row was changed outside the store,
   * and the fields above may not hold what their types say. Verify names it.
   */
  readonly misstored?: MisstoredColumn;
}

/** A column of a journal row whose stored type is not the one the store writes. */
export interface MisstoredColumn {
  readonly column: string;
  /** The type found, as the store's engine names it (`blob`, `text`, `integer`, `real`, `null`). */
  readonly storedAs: string;
  /** The type the store writes there. */
  readonly written: string;
}

/** An event's place in the Merkle tree over the log: its position and its hash. */
export interface JournalLeaf {
  readonly position: Position;
  /** SHA-256, lowercase hex, as stored. */
  readonly hash: string;
}

/** Enough to open a store again, in another thread: plain data. */
export type StoreAddress =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'eventstoredb'; readonly connectionString: string; readonly streamPrefix?: string };

/** A Merkle tree head the store kept as the log grew, so a later truncation is caught. */
export interface KeptDigest {
  readonly treeSize: number;
  /** RFC 6962 tree head over the first `treeSize` event hashes, hex. */
  readonly rootHash: string;
  readonly keptAt: string;
  /** The position of the last event covered, as signed. */
  readonly headPosition?: Position;
  /**
   * Ed25519 over the digest as `signDigest` signs it (keptAt as its issuedAt), when the ledger has
   * a signing key: a digest kept in the store's own file proves nothing unless it is signed.
   */
  readonly signature?: DigestSignature;
}

/** One stream's part of an atomic append. */
export interface StreamAppend {
  readonly streamId: string;
  readonly events: readonly EventToAppend[];
  readonly expected: ExpectedRevision;
}

export interface EventStore {
  append(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    options?: AppendOptions,
  ): Promise<AppendResult>;
  /**
   * Appends to one or more streams all or nothing, in order: every append is written, or none is
   * and the first refusal is thrown (WrongExpectedRevisionError, InvalidAppendError). An append to
   * a stream written earlier in the same call expects the revision that earlier part left.
   * SQLite: one transaction. EventStoreDB through this client appends one stream atomically and no
   * more: appends spanning several streams are refused (InvalidAppendError), never half written.
   */
  appendAtomically(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /** Throws StreamNotFoundError when the stream has no events. */
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  /** The revision of the stream's last event, or undefined when the stream does not exist. */
  streamRevision(streamId: string): Promise<StreamRevision | undefined>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** How each open subscription stands; absent where subscriptions cannot drop. */
  subscriptionStatus?(): SubscriptionStatus[];
  /** Position of the last event in the log, or undefined while the log is empty. */
  headPosition(): Promise<Position | undefined>;

  /**
   * Every event after `after` (default: all) in global order as the hashed bytes, for
   * verification and the digest. Yields pages, not single entries: verification runs over
   * millions of events and a per-event await would dominate its cost.
   */
  readJournal(options?: { readonly after?: Position }): AsyncIterable<readonly JournalEntry[]>;
  /**
   * The hash of every event after `after` (default: all), in global order and in pages: all the
   * tree head over the log needs, without the bodies readJournal reads.
   */
  readLeaves(options?: { readonly after?: Position }): AsyncIterable<readonly JournalLeaf[]>;
  /** Whether positions are 1, 2, 3, ... (a gap is then itself evidence of a deleted event). */
  readonly densePositions: boolean;
  /**
   * Where another thread can open this same store (openEventStoreAt): verify's range checkers, a
   * rebuild's reader. Absent for a store in memory.
   */
  readonly address?: StoreAddress;
  /** Keep a tree head; kept digests are checked against the log on every verify. */
  keepDigest(digest: KeptDigest): Promise<void>;
  keptDigests(): Promise<KeptDigest[]>;

  close(): Promise<void>;
}
