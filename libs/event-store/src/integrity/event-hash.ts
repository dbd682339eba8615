// The per-stream hash chain: hash = SHA-256(previous hash in the stream || canonical JSON).
import * as crypto from 'node:crypto';
import canonicalize from 'canonicalize';
import type { JsonObject, StreamRevision } from '../event-store.port';

export const HASH_BYTES = 32;
/** The "previous hash" of a stream's first event. */
export const GENESIS_HASH: Buffer = Buffer.alloc(HASH_BYTES);

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
  const text = canonicalize(envelope);
  if (text === undefined) throw new Error('event envelope cannot be canonicalised');
  return Buffer.from(text, 'utf8');
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
