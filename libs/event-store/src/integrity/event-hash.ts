// The per-stream hash chain, in two schemes. Each event says which one its hash uses.
//
//   1: SHA-256(previous hash || canonical JSON of the envelope). The envelope holds the stream id,
//      revision, event id and recorded-at, but a store keeps those in columns of their own too
//      (SQLite indexes by them), and an UPDATE of a column left the hash intact: a stream could be
//      renamed under verify's nose. Verify therefore also checks a scheme-1 event's columns
//      against its envelope, which costs a JSON parse per event: kept for ledgers written before 2.
//   2: SHA-256(tag || previous hash || each of event id, stream id, revision, recorded-at and the
//      canonical envelope, as stored, with its length in front). Every column a reader selects by
//      is hashed as stored, so changing one changes the hash, with no parse. The tag keeps a hash
//      of one scheme from passing as the other: flipping an event's scheme breaks its hash too.
import * as crypto from 'node:crypto';
import canonicalize from 'canonicalize';
import { UnreadableEventError } from '../errors';
import type { JournalEntry, JsonObject, Position, RecordedEvent, StreamRevision } from '../event-store.port';

export const HASH_SCHEMES = [1, 2] as const;
export type HashScheme = (typeof HASH_SCHEMES)[number];
/** What every new event is hashed with. Older schemes are only verified (and kept when copying). */
export const CURRENT_HASH_SCHEME: HashScheme = 2;

export function isHashScheme(value: unknown): value is HashScheme {
  return (HASH_SCHEMES as readonly unknown[]).includes(value);
}

/** The fields of an event as a store keeps them beside its canonical envelope. */
export interface StoredEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: StreamRevision;
  readonly recordedAt: string;
  /** Canonical JSON of the envelope, as stored. */
  readonly canonical: string;
}

export const HASH_BYTES = 32;
/** The "previous hash" of a stream's first event. */
export const GENESIS_HASH: Buffer = Buffer.alloc(HASH_BYTES);
export const GENESIS_HASH_HEX = GENESIS_HASH.toString('hex');

/** Everything about an event that its hash protects. Its position is protected by the Merkle tree. */
export interface EventEnvelope {
  readonly id: string;
  readonly streamId: string;
  readonly revision: StreamRevision;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  readonly recordedAt: string;
}

/** RFC 8785 canonical JSON of the envelope, as UTF-8 bytes. */
export function canonicalEnvelope(envelope: EventEnvelope): Buffer {
  return Buffer.from(canonicalText(envelope), 'utf8');
}

/** RFC 8785 canonical JSON of the envelope, as text. */
export function canonicalText(envelope: EventEnvelope): string {
  const text = canonicalize(envelope);
  if (text === undefined) throw new Error('event envelope cannot be canonicalised');
  return text;
}

// One-shot crypto.hash (Node >= 20.12) over one buffer: no Hash object per event, which is
// most of the cost of verifying a million of them.
const sha256: (data: Buffer) => Buffer =
  typeof crypto.hash === 'function'
    ? (data) => crypto.hash('sha256', data, 'buffer')
    : (data) => crypto.createHash('sha256').update(data).digest();

/** Scheme 1 of a stream's chain: SHA-256(previous hash || canonical envelope). */
export function chainHash(previousHash: Buffer, canonical: Buffer): Buffer {
  return sha256(Buffer.concat([previousHash, canonical], previousHash.length + canonical.length));
}

/**
 * SHA-256 as lowercase hex, of bytes or of text as UTF-8, in one call (crypto.hash where Node has
 * it, ≥ 20.12: no Hash object per call). For hashing many small inputs: an event, a command's
 * fingerprint, an id derived from a key.
 */
export const sha256Hex: (data: Buffer | string) => string =
  typeof crypto.hash === 'function'
    ? (data) => crypto.hash('sha256', data, 'hex')
    : (data) => crypto.createHash('sha256').update(data).digest('hex');

/** Scheme 1 from the journal's text form (previous hash as hex, canonical JSON as text), hex out. */
export function chainHashHex(previousHashHex: string, canonical: string): string {
  return eventHashHex(1, previousHashHex, { eventId: '', streamId: '', revision: 0, recordedAt: '', canonical });
}

/**
 * An event's hash under its scheme, from the journal's text form, hex out: what verify computes a
 * million times. Reading text and hex from SQLite, and hashing one pooled buffer, costs half of
 * reading blobs (each its own Buffer) and hashing those.
 */
export function eventHashHex(scheme: HashScheme, previousHashHex: string, stored: StoredEvent): string {
  return sha256Hex(hashInput(scheme, previousHashHex, stored));
}

/** The same, as the write side computes it: previous hash as bytes, hash as bytes. */
export function eventHash(scheme: HashScheme, previousHash: Buffer, stored: StoredEvent): Buffer {
  return sha256(hashInput(scheme, previousHash.toString('hex'), stored));
}

/** The hash of a recorded event recomputed under its own scheme, from the previous hash given. */
export function recomputeHash(previousHashHex: string, event: Omit<RecordedEvent, 'position' | 'hash' | 'previousHash'>): string {
  const { id, streamId, revision, type, data, metadata, recordedAt } = event;
  const canonical = canonicalText({ id, streamId, revision, type, data, metadata, recordedAt });
  return eventHashHex(event.hashScheme, previousHashHex, { eventId: id, streamId, revision, recordedAt, canonical });
}

/** Separates scheme 2's input from scheme 1's: no scheme-1 input starts with it (those start with a hash). */
const SCHEME_2_TAG = Buffer.from('geldstroom/event-hash/2\n', 'utf8');
const LENGTH_BYTES = 4;

/**
 * The bytes an event's hash is taken over, written into one reused buffer. UTF-8 takes at most 3
 * bytes per UTF-16 unit: with that much room no length is measured first.
 */
function hashInput(scheme: HashScheme, previousHashHex: string, stored: StoredEvent): Buffer {
  if (previousHashHex.length !== HASH_BYTES * 2) throw new Error('a previous hash is 32 bytes');
  if (scheme === 1) {
    reserve(HASH_BYTES + stored.canonical.length * 3);
    if (scratch.write(previousHashHex, 0, 'hex') !== HASH_BYTES) throw new Error('a previous hash is 32 bytes of hex');
    return scratch.subarray(0, HASH_BYTES + scratch.write(stored.canonical, HASH_BYTES, 'utf8'));
  }
  if (scheme !== 2) throw new Error(`unknown hash scheme ${String(scheme)}`);
  const revision = String(stored.revision);
  reserve(SCHEME_2_TAG.length + HASH_BYTES + 5 * LENGTH_BYTES + 3 * (stored.eventId.length + stored.streamId.length + revision.length + stored.recordedAt.length + stored.canonical.length));
  let at = SCHEME_2_TAG.copy(scratch, 0);
  if (scratch.write(previousHashHex, at, 'hex') !== HASH_BYTES) throw new Error('a previous hash is 32 bytes of hex');
  at = writeField(stored.eventId, at + HASH_BYTES);
  at = writeField(stored.streamId, at);
  at = writeField(revision, at);
  at = writeField(stored.recordedAt, at);
  return scratch.subarray(0, writeField(stored.canonical, at));
}

/** The field's UTF-8 bytes with their count in front (4 bytes, big-endian): no field can run into the next. */
function writeField(field: string, at: number): number {
  const written = scratch.write(field, at + LENGTH_BYTES, 'utf8');
  scratch.writeUInt32BE(written, at);
  return at + LENGTH_BYTES + written;
}

function reserve(bytes: number): void {
  if (scratch.length < bytes) scratch = Buffer.allocUnsafe(2 * bytes);
}

/** Reused by hashInput: hashed before the caller returns, so never seen by two calls at once. */
let scratch = Buffer.allocUnsafe(4096);

/**
 * An event read back from its canonical envelope: the stored bytes are the one source of its
 * content. What it is given is checked for type, a typeof each: a store hands over what its file
 * holds, and a value of another type (a scheme stored as a blob) would otherwise pass as the event's.
 */
export function eventFromCanonical(
  position: Position,
  canonical: string,
  hash: string,
  previousHash: string,
  hashScheme: HashScheme,
): RecordedEvent {
  if (typeof canonical !== 'string' || typeof hash !== 'string' || typeof previousHash !== 'string' || typeof hashScheme !== 'number') {
    throw new UnreadableEventError(position, unreadablePart(canonical, hash, previousHash, hashScheme));
  }
  const envelope = JSON.parse(canonical) as EventEnvelope;
  return {
    id: envelope.id,
    streamId: envelope.streamId,
    revision: envelope.revision,
    position,
    type: envelope.type,
    data: envelope.data,
    metadata: envelope.metadata,
    recordedAt: envelope.recordedAt,
    hash,
    previousHash,
    hashScheme,
  };
}

function unreadablePart(canonical: unknown, hash: unknown, previousHash: unknown, hashScheme: unknown): string {
  if (typeof canonical !== 'string') return 'its body is not text';
  if (typeof hash !== 'string') return 'its hash is not a hash';
  if (typeof previousHash !== 'string') return 'its previous hash is not a hash';
  const found = hashScheme === null ? 'null' : hashScheme instanceof Uint8Array ? 'a blob' : typeof hashScheme;
  return `its hash scheme is not a number but ${found}`;
}

/** The event a journal entry holds (readJournal reads in pages: the cheaper way through millions). */
export function eventOfJournalEntry(entry: JournalEntry): RecordedEvent {
  return eventFromCanonical(entry.position, entry.canonical, entry.hash, entry.previousHash, entry.hashScheme);
}
