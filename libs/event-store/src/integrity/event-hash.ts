// The per-stream hash chain: hash = SHA-256(previous hash in the stream || canonical JSON).
import * as crypto from 'node:crypto';
import canonicalize from 'canonicalize';
import type { JournalEntry, JsonObject, Position, RecordedEvent, StreamRevision } from '../event-store.port';

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

export function chainHash(previousHash: Buffer, canonical: Buffer): Buffer {
  return sha256(Buffer.concat([previousHash, canonical], previousHash.length + canonical.length));
}

const sha256Hex: (data: Buffer) => string =
  typeof crypto.hash === 'function'
    ? (data) => crypto.hash('sha256', data, 'hex')
    : (data) => crypto.createHash('sha256').update(data).digest('hex');

/**
 * The same hash from the journal's text form (previous hash as hex, canonical JSON as text), hex
 * out: what verify computes a million times. Reading text and hex from SQLite, and hashing one
 * pooled buffer, costs half of reading three blobs (each its own Buffer) and hashing those.
 */
export function chainHashHex(previousHashHex: string, canonical: string): string {
  if (previousHashHex.length !== HASH_BYTES * 2) throw new Error('a previous hash is 32 bytes');
  // UTF-8 takes at most 3 bytes per UTF-16 unit: with that much room no length is measured first.
  if (scratch.length < HASH_BYTES + canonical.length * 3) scratch = Buffer.allocUnsafe(2 * (HASH_BYTES + canonical.length * 3));
  if (scratch.write(previousHashHex, 0, 'hex') !== HASH_BYTES) throw new Error('a previous hash is 32 bytes of hex');
  const length = HASH_BYTES + scratch.write(canonical, HASH_BYTES, 'utf8');
  return sha256Hex(scratch.subarray(0, length));
}

/** Reused by chainHashHex: hashed before it returns, so never seen by two calls at once. */
let scratch = Buffer.allocUnsafe(4096);

/** An event read back from its canonical envelope: the stored bytes are the one source of its content. */
export function eventFromCanonical(position: Position, canonical: string, hash: string, previousHash: string): RecordedEvent {
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
  };
}

/** The event a journal entry holds (readJournal reads in pages: the cheaper way through millions). */
export function eventOfJournalEntry(entry: JournalEntry): RecordedEvent {
  return eventFromCanonical(entry.position, entry.canonical, entry.hash, entry.previousHash);
}
