// The embedded default: the whole journal in one SQLite file.
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { InvalidAppendError, StreamNotFoundError, WrongExpectedRevisionError } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  JournalEntry,
  JournalLeaf,
  StoreAddress,
  KeptDigest,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  StreamRevision,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { validateAppend } from '../append-validation';
import { CommitThread } from './commit-thread';
import { GroupCommitter, type Committed } from './group-commit';
import { openSchema } from './sqlite-schema';
import { JOURNAL_COLUMNS, rowToEvent, rowToJournalEntry, type EventRow } from './sqlite-rows';
import { isHashScheme } from '../integrity/event-hash';
import { parseSignature } from '../integrity/signed-digest';

const PAGE_SIZE = 512;
/** Stream heads kept between commands; a stream found absent is kept as NO_HEAD. */
const HEADS_KEPT_MAX = 10_000;
const NO_HEAD = -1;
const JOURNAL_PAGE_SIZE = 4096;
/** Another process (the CLI) may append to the same file: poll for its events this often. */
const SUBSCRIPTION_POLL_MS = 250;
/** A subscription that wants some events only looks at this many positions per read at most. */
const FILTERED_SCAN_MAX = 16_384;

export interface SqliteEventStoreOptions {
  /** Path of the database file; created with its folder when absent. */
  readonly path: string;
}

interface KeptDigestRow {
  readonly tree_size: number;
  readonly root_hash: string;
  readonly kept_at: string;
  readonly head_position: number | null;
  readonly signature: string | null;
}

// Text, not blobs: better-sqlite3 makes a Buffer of every blob, and three Buffers per row cost
// more than the JSON.parse after them. The body's bytes are UTF-8 as written.
const EVENT_COLUMNS = 'position, CAST(body AS TEXT) AS body, lower(hex(hash)) AS hash, lower(hex(previous_hash)) AS previous_hash, hash_scheme';

export class SqliteEventStore implements EventStore {
  readonly densePositions = true;
  readonly address: StoreAddress;
  private readonly db: Database.Database;
  /** Writes commits: on a thread of its own, a small group alone in this one (commit-thread.ts). */
  private readonly committer: CommitThread;
  private readonly appended = new EventEmitter();
  private commits = 0;
  /** Stream heads as this connection last knew them, NO_HEAD for a stream it found absent. */
  private readonly heads = new LRUCache<string, number>({ max: HEADS_KEPT_MAX });
  /** The last position whose commit the heads account for: a commit by anyone else lies beyond it. */
  private headsUpTo = 0;
  /** The log's last position was read in this turn of the event loop: the heads stand until the next. */
  private lastReadThisTurn = false;
  private closed = false;
  private readonly statements;
  /** The read of a page of the events that mention one of some keys, by the keys. */
  private readonly mentioning = new Map<string, { readonly statement: Database.Statement; readonly needles: readonly Buffer[] }>();

  private constructor(path: string) {
    // Always a file: the commit thread opens it again, and the schema needs its write-ahead log.
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.address = { kind: 'sqlite', path };
    openSchema(this.db);
    this.appended.setMaxListeners(0);
    const committed = (commit: Committed): void => this.committed(commit);
    this.committer = new CommitThread(path, committed, new GroupCommitter(this.db, committed));
    this.statements = {
      streamForwards: this.db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
      ),
      streamBackwards: this.db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      ),
      streamHead: this.db
        .prepare('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1')
        .pluck(),
      allForwards: this.db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`,
      ),
      allBackwards: this.db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position < ? ORDER BY position DESC LIMIT ?`,
      ),
      head: this.db.prepare('SELECT max(position) FROM events').pluck(),
      journal: this.db
        .prepare(`SELECT ${JOURNAL_COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`)
        .raw(),
      leaves: this.db.prepare('SELECT position, lower(hex(hash)) AS hash FROM events WHERE position > ? ORDER BY position ASC LIMIT ?'),
      // The first digest kept for a size stays; kept again signed with the same root, it gains the signature.
      keepDigest: this.db.prepare(
        `INSERT INTO kept_digests (tree_size, root_hash, kept_at, head_position, signature) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (tree_size) DO UPDATE SET kept_at = excluded.kept_at, head_position = excluded.head_position, signature = excluded.signature
         WHERE kept_digests.signature IS NULL AND excluded.signature IS NOT NULL AND kept_digests.root_hash = excluded.root_hash`,
      ),
      keptDigests: this.db.prepare(
        'SELECT tree_size, root_hash, kept_at, head_position, signature FROM kept_digests ORDER BY tree_size',
      ),
    };
  }

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    return new SqliteEventStore(options.path);
  }

  append(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new InvalidAppendError('event store is closed'));
    let stored: readonly EventToAppend[];
    try {
      stored = validateAppend(streamId, events, expected, options);
      if (options.hashScheme !== undefined && !isHashScheme(options.hashScheme)) {
        throw new InvalidAppendError(`unknown hash scheme ${String(options.hashScheme)}`);
      }
    } catch (error) {
      return Promise.reject(error);
    }
    const { recordedAt, hashScheme } = options;
    return this.committer
      .enqueue([{ streamId, events: stored, expected, ...(recordedAt ? { recordedAt } : {}), ...(hashScheme ? { hashScheme } : {}) }])
      .then((results) => results[0], this.refused);
  }

  appendAtomically(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (this.closed) return Promise.reject(new InvalidAppendError('event store is closed'));
    let checked: StreamAppend[];
    try {
      if (appends.length === 0) throw new InvalidAppendError('an atomic append needs at least one stream');
      checked = appends.map((append) => ({ ...append, events: validateAppend(append.streamId, append.events, append.expected, {}) }));
    } catch (error) {
      return Promise.reject(error);
    }
    return this.committer.enqueue(checked).catch(this.refused);
  }

  /** An append refused at its expected revision: the head it was decided on is not kept. */
  private readonly refused = (error: unknown): never => {
    if (error instanceof WrongExpectedRevisionError) this.heads.delete(error.streamId);
    throw error;
  };

  /** A commit is durable: the heads it wrote, and subscriptions are told. */
  private committed(commit: Committed): void {
    // Not right after the last position accounted for: another writer committed in between.
    if (commit.firstPosition !== this.headsUpTo + 1) this.heads.clear();
    this.headsUpTo = commit.lastPosition;
    for (const [streamId, revision] of commit.heads) this.heads.set(streamId, revision);
    this.commits += 1;
    this.appended.emit('commit');
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    let from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    if (this.statements.streamHead.get(streamId) === undefined) throw new StreamNotFoundError(streamId);
    const statement = backwards ? this.statements.streamBackwards : this.statements.streamForwards;
    while (remaining > 0) {
      const rows = statement.all(streamId, from, Math.min(PAGE_SIZE, remaining)) as EventRow[];
      for (const row of rows) {
        const event = rowToEvent(row);
        yield event;
        from = backwards ? event.revision - 1 : event.revision + 1;
      }
      remaining -= rows.length;
      if (rows.length < PAGE_SIZE) return;
    }
  }

  /**
   * From the heads this store knows while nobody else has committed to the file: after a commit,
   * reading a head costs more than twice the check. Its own commits tell it the positions they
   * took; a log that ends beyond the last of them, or a commit of its own that starts anywhere but
   * right after it, means another writer (a second process) committed, and then all heads are
   * read again. The check is made once per turn of the event loop, not per call: each read outside
   * a transaction begins a read of its own (~5 µs under load), and a command reads three or four
   * heads in one turn. What another writer commits is seen from the next turn on (while commits
   * of its own are on their way, from the answer to the next of them); an append decided on a
   * head it had not seen yet is refused at its expected revision inside the commit, never written
   * over it, and that head is read again.
   */
  async streamRevision(streamId: string): Promise<StreamRevision | undefined> {
    if (!this.lastReadThisTurn) {
      const last = (this.statements.head.get() as number | null) ?? 0;
      // While commits of its own are on their way, their answers tell (see committed).
      if (last !== this.headsUpTo && !this.committer.busy()) {
        this.heads.clear();
        this.headsUpTo = last;
      }
      this.lastReadThisTurn = true;
      setImmediate(() => (this.lastReadThisTurn = false));
    }
    const known = this.heads.get(streamId);
    if (known !== undefined) return known === NO_HEAD ? undefined : known;
    const revision = this.statements.streamHead.get(streamId) as number | undefined;
    this.heads.set(streamId, revision ?? NO_HEAD);
    return revision;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    let cursor = backwards ? (options.before ?? Number.MAX_SAFE_INTEGER) : (options.after ?? 0);
    const statement = backwards ? this.statements.allBackwards : this.statements.allForwards;
    while (remaining > 0) {
      const rows = statement.all(cursor, Math.min(PAGE_SIZE, remaining)) as EventRow[];
      for (const row of rows) {
        yield rowToEvent(row);
        cursor = row.position;
      }
      remaining -= rows.length;
      if (rows.length < PAGE_SIZE) return;
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    return new SqliteSubscription(this, options.after ?? 0, options.metadataKeys?.length ? options.metadataKeys : undefined);
  }

  /**
   * Used by subscriptions: one page of events after a position, read at once, and the position up
   * to which the page has looked. With metadata keys, only the events whose stored text holds one
   * of the keys' names (a quoted JSON string) are read and parsed; which may also be an event
   * with that text in its data, never one without it. Such a page looks at FILTERED_SCAN_MAX
   * positions at most, up to the log's last, so a long run without a match is passed in steps.
   */
  pageAfter(position: Position, metadataKeys?: readonly string[]): { readonly events: RecordedEvent[]; readonly through: Position } {
    if (!metadataKeys) {
      const events = (this.statements.allForwards.all(position, PAGE_SIZE) as EventRow[]).map(rowToEvent);
      return { events, through: events.length > 0 ? events[events.length - 1].position : position };
    }
    // Positions are taken in commit order: every one up to the last is committed when it is read.
    const last = (this.statements.head.get() as number | null) ?? 0;
    const through = Math.min(last, position + FILTERED_SCAN_MAX);
    if (through <= position) return { events: [], through: position };
    const { statement, needles } = this.mentioningStatement(metadataKeys);
    const events = (statement.all(position, through, ...needles, PAGE_SIZE) as EventRow[]).map(rowToEvent);
    return { events, through: events.length === PAGE_SIZE ? events[events.length - 1].position : through };
  }

  private mentioningStatement(keys: readonly string[]): { readonly statement: Database.Statement; readonly needles: readonly Buffer[] } {
    const id = JSON.stringify(keys);
    let read = this.mentioning.get(id);
    if (!read) {
      // instr over two blobs compares bytes: the body as stored, the key as canonical JSON writes it.
      const mentions = keys.map(() => 'instr(body, ?) > 0').join(' OR ');
      read = {
        statement: this.db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND position <= ? AND (${mentions}) ORDER BY position ASC LIMIT ?`),
        needles: keys.map((key) => Buffer.from(JSON.stringify(key), 'utf8')),
      };
      this.mentioning.set(id, read);
    }
    return read;
  }

  /** Used by subscriptions: the count of local commits, and a way to wait for the next (or for the timeout alone). */
  commitCount(): number {
    return this.commits;
  }

  waitForCommit(timeoutMs: number, wakeOnCommit = true): { promise: Promise<void>; cancel: () => void } {
    let cancel = (): void => undefined;
    const promise = new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.appended.off('commit', wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      if (wakeOnCommit) this.appended.on('commit', wake);
      cancel = wake;
    });
    return { promise, cancel };
  }

  async headPosition(): Promise<Position | undefined> {
    return (this.statements.head.get() as number | null) ?? undefined;
  }

  readJournal(options: { readonly after?: Position } = {}): AsyncIterable<readonly JournalEntry[]> {
    return pagesAfter(options.after ?? 0, (after) => (this.statements.journal.all(after, JOURNAL_PAGE_SIZE) as unknown[][]).map(rowToJournalEntry));
  }

  readLeaves(options: { readonly after?: Position } = {}): AsyncIterable<readonly JournalLeaf[]> {
    return pagesAfter(options.after ?? 0, (after) => this.statements.leaves.all(after, JOURNAL_PAGE_SIZE) as JournalLeaf[]);
  }

  async keepDigest(digest: KeptDigest): Promise<void> {
    const signature = digest.signature ? JSON.stringify(digest.signature) : null;
    this.statements.keepDigest.run(digest.treeSize, digest.rootHash, digest.keptAt, digest.headPosition ?? null, signature);
  }

  async keptDigests(): Promise<KeptDigest[]> {
    const rows = this.statements.keptDigests.all() as KeptDigestRow[];
    return rows.map((row) => ({
      treeSize: row.tree_size,
      rootHash: row.root_hash,
      keptAt: row.kept_at,
      ...(row.head_position !== null ? { headPosition: row.head_position } : {}),
      // An unreadable signature is kept as one that cannot verify: verify names it.
      ...(row.signature !== null ? { signature: parseSignature(row.signature) } : {}),
    }));
  }

  /** Finishes every append already accepted, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.committer.close();
    this.appended.emit('commit');
    this.db.close();
  }

  isClosed(): boolean {
    return this.closed;
  }
}

/** Pages of at most JOURNAL_PAGE_SIZE read one after the other, each after the last position of the one before. */
async function* pagesAfter<T extends { readonly position: Position }>(after: Position, read: (after: Position) => T[]): AsyncIterable<readonly T[]> {
  for (;;) {
    const page = read(after);
    if (page.length === 0) return;
    after = page[page.length - 1].position;
    yield page;
    if (page.length < JOURNAL_PAGE_SIZE) return;
  }
}

/**
 * Catch-up then live, with one mechanism: always read "after the last position looked at" (the
 * last delivered, or for one that wants some metadata keys the end of the window it read) from
 * the file. A local commit wakes it at once (one that wants some keys: not, see below); a poll
 * catches other processes' commits. There is no switch-over between a history reader and a live
 * feed, so no gap or duplicate.
 */
class SqliteSubscription implements Subscription {
  private stopped = false;
  private cancelWait: () => void = () => undefined;

  constructor(
    private readonly store: SqliteEventStore,
    private checkpoint: Position,
    private readonly metadataKeys: readonly string[] | undefined,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    while (!this.stopped && !this.store.isClosed()) {
      const commitsBefore = this.store.commitCount();
      const from = this.checkpoint;
      // A page at a time straight from the table, not through readAll: a second async generator
      // per event costs about a microsecond, and a rebuild passes millions through here.
      const { events, through } = this.store.pageAfter(from, this.metadataKeys);
      for (const event of events) {
        if (this.stopped) return;
        this.checkpoint = event.position;
        yield event;
      }
      // What the page looked at and left out is passed as well.
      this.checkpoint = Math.max(this.checkpoint, through);
      if (this.checkpoint > from) {
        // Nothing wanted in a window of a long log: the next window after a turn of the event
        // loop, so passing a million events never holds the thread for more than one read.
        if (events.length === 0) await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      // A commit that landed while we were reading or delivering means: read again now.
      if (!this.metadataKeys && this.store.commitCount() !== commitsBefore) continue;
      // One that wants few events reads at each poll, not at each commit: under load a commit
      // lands every millisecond or two, and a read per commit cost more than the events it left out.
      const wait = this.store.waitForCommit(SUBSCRIPTION_POLL_MS, !this.metadataKeys);
      this.cancelWait = wait.cancel;
      await wait.promise;
    }
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.cancelWait();
  }
}
