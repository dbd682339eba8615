// Verify in ranges: each range of the log is checked on its own (in a worker thread when the
// journal is large), and the ranges are then joined in order. A stream that runs across ranges
// is joined at the seam: its first event in a range must follow its last event in the ranges
// before. The result is the same report, naming the same first failing position, as one pass.
import type { JournalEntry, Position, StreamRevision } from '../event-store.port';
import { eventHashHex, GENESIS_HASH_HEX, HASH_BYTES, isHashScheme, type EventEnvelope } from './event-hash';
import { MerkleTree } from './merkle';

export type VerifyFailureKind =
  | 'hash-mismatch' // the stored bytes do not hash to the stored hash
  | 'column-type-mismatch' // a column of the row holds another type than the store writes (an event id cast to a blob)
  | 'envelope-mismatch' // a scheme-1 event's columns (stream, revision, id, recorded-at) differ from its hashed envelope
  | 'chain-broken' // the event does not point at the previous event of its stream
  | 'revision-gap' // a stream skips or repeats a revision
  | 'position-gap' // a dense log skips a position: an event was removed
  | 'log-truncated' // the log is shorter than a digest kept earlier
  | 'digest-inconsistent' // the log no longer extends a digest kept earlier
  | 'digest-missing' // the ledger keeps a digest every N events, and one the series should hold is not there
  | 'digest-unsigned' // the ledger has a signing key, and a digest kept in the store is not signed
  | 'digest-signature-invalid' // a kept digest's signature is not the configured key's over it
  | 'verify-aborted'; // verify stopped on an error before it was done: nothing it did not reach is known to hold

export interface VerifyFailure {
  readonly kind: VerifyFailureKind;
  /** The first position that fails; for a digest failure, the last position it covered. */
  readonly position?: Position;
  readonly streamId?: string;
  readonly revision?: number;
  readonly detail: string;
}

/** A range of the log: the events after `after` (undefined: from its start) up to `until`. */
export interface JournalRange {
  readonly after?: Position;
  readonly until?: Position;
}

/** Each stream met in a range, in order of its first event there: where it starts and ends. */
export interface StreamSeams {
  readonly streamIds: string[];
  /** Index in the range (events before it) of the stream's first event there. */
  readonly firstIndexes: number[];
  readonly firstPositions: number[];
  readonly firstRevisions: number[];
  readonly firstPreviousHashes: string[];
  readonly lastRevisions: number[];
  readonly lastHashes: string[];
}

/** What checking one range found: plain data, so a worker thread can post it. */
export interface RangeCheck {
  readonly after?: Position;
  /** Events that passed, in order, before the failure if there is one. */
  readonly checked: number;
  readonly lastPosition?: Position;
  readonly failure?: VerifyFailure;
  readonly streams: StreamSeams;
  /** The Merkle tree over the range's event hashes, as MerkleTree.levelsData gives it. */
  readonly levels: Uint8Array[];
}

interface StreamState {
  revision: StreamRevision;
  hash: string;
  readonly firstIndex: number;
  readonly firstPosition: Position;
  readonly firstRevision: StreamRevision;
  readonly firstPreviousHash: string;
}

/**
 * Checks the events of one range in order: positions, and for each stream its revisions, its
 * chain and every hash. Where a stream's first event in the range must link to an event before
 * the range, the check is left to `JournalJoin`; a range from the start of the log links to genesis.
 */
export class RangeChecker {
  private readonly tree = new MerkleTree();
  private readonly streams = new Map<string, StreamState>();
  private lastPosition: Position | undefined;
  private failure: VerifyFailure | undefined;

  constructor(
    private readonly range: JournalRange,
    private readonly densePositions: boolean,
  ) {}

  get checked(): number {
    return this.tree.size;
  }

  /** Checks the next event; false once one fails (later events are then not looked at). */
  add(entry: JournalEntry): boolean {
    if (this.failure) return false;
    const { position, streamId, revision, hash, previousHash } = entry;
    const at = { position, streamId, revision };
    const previousPosition = this.lastPosition ?? this.range.after;
    const expectedPosition = (previousPosition ?? 0) + 1;
    if (this.densePositions ? position !== expectedPosition : position <= (previousPosition ?? -1)) {
      // In a dense log the failure is the missing position, which no event holds.
      if (this.densePositions) {
        const detail = `expected position ${expectedPosition}, found ${position}: events are missing or moved`;
        return this.fail({ kind: 'position-gap', position: expectedPosition, detail });
      }
      return this.fail({ kind: 'position-gap', ...at, detail: `position ${position} does not follow ${previousPosition}` });
    }
    if (entry.misstored) {
      // Before anything reads its values: they may not be of the types they are used as.
      const { column, storedAs, written } = entry.misstored;
      const detail = `the row's ${column} is stored as ${storedAs}, the store writes ${written} there: the row was changed outside the store`;
      return this.fail({ kind: 'column-type-mismatch', position, detail });
    }
    if (previousHash.length !== HASH_BYTES * 2) {
      // Not a hash at all (the column was overwritten): it can name no event.
      return this.fail({ kind: 'chain-broken', ...at, detail: 'the event’s previous hash is not a 32-byte hash' });
    }
    let stream = this.streams.get(streamId);
    if (stream) {
      const linkFailure = checkLink(at, stream, previousHash);
      if (linkFailure) return this.fail(linkFailure);
    } else {
      if (this.range.after === undefined) {
        const linkFailure = checkLink(at, undefined, previousHash);
        if (linkFailure) return this.fail(linkFailure);
      }
      const first = { firstIndex: this.checked, firstPosition: position, firstRevision: revision, firstPreviousHash: previousHash };
      stream = { revision, hash, ...first };
      this.streams.set(streamId, stream);
    }
    const hashFailure = checkHash(entry);
    if (hashFailure) return this.fail({ ...hashFailure, ...at });
    stream.revision = revision;
    stream.hash = hash;
    this.tree.appendHashHex(hash);
    this.lastPosition = position;
    return true;
  }

  result(): RangeCheck {
    const streams: StreamSeams = {
      streamIds: [],
      firstIndexes: [],
      firstPositions: [],
      firstRevisions: [],
      firstPreviousHashes: [],
      lastRevisions: [],
      lastHashes: [],
    };
    for (const [streamId, stream] of this.streams) {
      streams.streamIds.push(streamId);
      streams.firstIndexes.push(stream.firstIndex);
      streams.firstPositions.push(stream.firstPosition);
      streams.firstRevisions.push(stream.firstRevision);
      streams.firstPreviousHashes.push(stream.firstPreviousHash);
      streams.lastRevisions.push(stream.revision);
      streams.lastHashes.push(stream.hash);
    }
    return {
      ...(this.range.after !== undefined ? { after: this.range.after } : {}),
      checked: this.checked,
      ...(this.lastPosition !== undefined ? { lastPosition: this.lastPosition } : {}),
      ...(this.failure ? { failure: this.failure } : {}),
      streams,
      levels: this.tree.levelsData(),
    };
  }

  private fail(failure: VerifyFailure): false {
    this.failure = failure;
    return false;
  }
}

/** The stored event against its hash, under the scheme it names. */
function checkHash(entry: JournalEntry): Pick<VerifyFailure, 'kind' | 'detail'> | undefined {
  if (!isHashScheme(entry.hashScheme)) return { kind: 'hash-mismatch', detail: `the event names an unknown hash scheme ${String(entry.hashScheme)}` };
  if (eventHashHex(entry.hashScheme, entry.previousHash, entry) !== entry.hash) {
    return { kind: 'hash-mismatch', detail: `the stored event does not match its hash (scheme ${entry.hashScheme})` };
  }
  if (entry.hashScheme === 1) return checkEnvelope(entry);
  return undefined;
}

/**
 * Scheme 1 hashed the envelope only: the columns a store reads by must say what it says. A parse
 * per event, which scheme 2 does without (its hash covers the columns as stored).
 */
function checkEnvelope(entry: JournalEntry): Pick<VerifyFailure, 'kind' | 'detail'> | undefined {
  let envelope: Partial<EventEnvelope>;
  try {
    envelope = JSON.parse(entry.canonical) as Partial<EventEnvelope>;
  } catch {
    return { kind: 'envelope-mismatch', detail: 'the stored envelope is not JSON' };
  }
  const pairs: [string, unknown, unknown][] = [
    ['eventId', entry.eventId, envelope.id],
    ['streamId', entry.streamId, envelope.streamId],
    ['revision', entry.revision, envelope.revision],
    ['recordedAt', entry.recordedAt, envelope.recordedAt],
  ];
  const differing = pairs.filter(([, stored, hashed]) => stored !== hashed).map(([name]) => name);
  if (differing.length === 0) return undefined;
  return { kind: 'envelope-mismatch', detail: `the row's ${differing.join(', ')} differ from what its hashed envelope says` };
}

interface EventAt {
  readonly position: Position;
  readonly streamId: string;
  readonly revision: StreamRevision;
}

/** Does the event follow the stream's last event (or start the stream, when there is none)? */
function checkLink(
  at: EventAt,
  previous: { readonly revision: StreamRevision; readonly hash: string } | undefined,
  previousHash: string,
): VerifyFailure | undefined {
  const expectedRevision = previous ? previous.revision + 1 : 0;
  if (at.revision !== expectedRevision) {
    const detail = `stream ${at.streamId} expected revision ${expectedRevision}, found ${at.revision}`;
    return { kind: 'revision-gap', ...at, detail };
  }
  if (previousHash !== (previous?.hash ?? GENESIS_HASH_HEX)) {
    return { kind: 'chain-broken', ...at, detail: 'the event does not name the previous event of its stream' };
  }
  return undefined;
}

/**
 * Joins checked ranges in log order into one tree and one verdict. A range's own failure and
 * the failures at its seams are compared by the order one pass would have met them in.
 */
export class JournalJoin {
  readonly tree = new MerkleTree();
  private readonly streams = new Map<string, { revision: StreamRevision; hash: string }>();
  private head: Position | undefined;
  private found: VerifyFailure | undefined;

  get headPosition(): Position | undefined {
    return this.head;
  }

  get failure(): VerifyFailure | undefined {
    return this.found;
  }

  /** Takes the next range in order; false once a failure is found, and the tree then ends before it. */
  add(range: RangeCheck, expected: JournalRange = {}): boolean {
    if (this.found) return false;
    let failure = range.failure;
    let failedAt = failure ? range.checked : Infinity;
    const seams = range.streams;
    if (range.after !== undefined) {
      for (let i = 0; i < seams.streamIds.length; i++) {
        const index = seams.firstIndexes[i];
        // At the same event the link comes first, as in one pass: the range checked only its hash
        // (an event out of position never gets this far, so it is never a stream's first).
        if (index > failedAt) continue;
        const at = { position: seams.firstPositions[i], streamId: seams.streamIds[i], revision: seams.firstRevisions[i] };
        const linkFailure = checkLink(at, this.streams.get(at.streamId), seams.firstPreviousHashes[i]);
        if (linkFailure) [failure, failedAt] = [linkFailure, index];
      }
    }
    if (!failure && expected.until !== undefined && range.lastPosition !== expected.until) {
      // The range ended early: the events between its last one and its end were removed.
      const missing = (range.lastPosition ?? range.after ?? 0) + 1;
      const detail = `expected position ${missing}, found none up to ${expected.until}: events are missing or moved`;
      [failure, failedAt] = [{ kind: 'position-gap', position: missing, detail }, range.checked];
    }

    const levels = range.levels.map((level) => Buffer.from(level.buffer, level.byteOffset, level.byteLength));
    if (!failure) {
      this.tree.appendTree(levels);
      for (let i = 0; i < seams.streamIds.length; i++) {
        this.streams.set(seams.streamIds[i], { revision: seams.lastRevisions[i], hash: seams.lastHashes[i] });
      }
      this.head = range.lastPosition ?? this.head;
      return true;
    }
    // Only the events one pass would have accepted: the leaves before the failing one.
    this.tree.appendTree([levels[0].subarray(0, failedAt * HASH_BYTES)]);
    if (failedAt === range.checked) this.head = range.lastPosition ?? this.head;
    else if (failedAt > 0) this.head = (range.after ?? 0) + failedAt; // seams only occur in dense logs
    this.found = failure;
    return false;
  }
}
