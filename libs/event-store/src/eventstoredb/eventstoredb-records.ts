// How a port event is laid out in an EventStoreDB event and read back: the integrity block in
// its metadata, the $all position as one number, and which events the port gets to see.
import { jsonEvent, streamNameFilter, type EventData, type Filter, type Position as EsdbPosition, type RecordedEvent as EsdbEvent } from '@eventstore/db-client';
import type { EventToAppend, JsonObject, Position, RecordedEvent, StreamRevision } from '../event-store.port';
import { canonicalText, CURRENT_HASH_SCHEME, eventHash, GENESIS_HASH, isHashScheme, type EventEnvelope, type HashScheme } from '../integrity/event-hash';

/** The metadata key holding the hash chain; callers may not use it themselves. */
export const INTEGRITY_KEY = '$geldstroom';
/** Kept digests live in this (prefixed) stream, outside every read, the journal and subscriptions. */
export const DIGEST_STREAM = 'geldstroom-digests';
export const DIGEST_EVENT_TYPE = 'DigestKept';

const HASH_HEX = /^[0-9a-f]{64}$/;

interface IntegrityBlock {
  readonly recordedAt: string;
  readonly hash: string;
  readonly previousHash: string;
  /** Absent on events written before hash schemes: those are scheme 1. */
  readonly scheme?: HashScheme;
}

/** What the next append to a stream chains onto. */
export interface StreamHead {
  readonly revision: StreamRevision;
  readonly hash: Buffer;
  readonly recordedAt: string;
}

/** EventStoreDB counts in unsigned 64 bits; the port in numbers. Far apart only in theory. */
export function toSafeNumber(value: bigint, what: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0) {
    throw new Error(`EventStoreDB ${what} ${value} is not a non-negative safe integer`);
  }
  return number;
}

/**
 * gRPC appends write every event as its own committed record, so commit == prepare and the
 * commit position alone names the event. Only legacy TCP explicit transactions break that.
 */
export function toPortPosition(position: EsdbPosition | undefined): Position {
  if (position === undefined) {
    throw new Error('EventStoreDB gave an event without its $all position (the adapter needs server 22.6 or later)');
  }
  if (position.commit !== position.prepare) {
    throw new Error(`event at $all ${position.commit}/${position.prepare} was written in an explicit transaction`);
  }
  return toSafeNumber(position.commit, '$all commit position');
}

export function toEsdbPosition(position: Position): EsdbPosition {
  const at = BigInt(position);
  return { commit: at, prepare: at };
}

/** Orders two $all positions the way the server does: by commit, then by prepare. */
export function comparePositions(a: EsdbPosition, b: EsdbPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/**
 * Stores share a server by namespace: a prefixed store's streams are `<prefix><id>`, its prefix
 * one segment ending at the separator; the unprefixed store's are the names with no separator.
 * A port stream id never holds one, so no store's streams fall under another's.
 */
export const STREAM_SEPARATOR = '/';
const STREAM_PREFIX = /^[A-Za-z0-9][A-Za-z0-9._~:-]{0,62}\/$/;

export function isValidStreamPrefix(prefix: string): boolean {
  return prefix === '' || STREAM_PREFIX.test(prefix);
}

/** The subscription's server-side filter: this store's streams (unprefixed: names without a separator, not `$`). */
export function streamFilterOf(prefix: string): Filter {
  return prefix === '' ? streamNameFilter({ regex: '^[^$/][^/]*$' }) : streamNameFilter({ prefixes: [prefix] });
}

/** The port's events only: in this store's namespace, not a system stream or type, not the digests. */
export function isPortEvent(streamName: string, type: string, prefix: string): boolean {
  if (streamName.startsWith('$') || type.startsWith('$') || !streamName.startsWith(prefix)) return false;
  const streamId = streamName.slice(prefix.length);
  return streamId !== '' && !streamId.includes(STREAM_SEPARATOR) && streamId !== DIGEST_STREAM;
}

/** A batch ready to send: the events as the client takes them, and the hash each one carries. */
export interface EncodedBatch {
  readonly data: EventData[];
  /** Hex, in order: what the server must hold after the write for it to be this batch. */
  readonly hashes: string[];
  readonly last: StreamHead;
}

/**
 * Encodes a batch chained onto `head` (undefined: a new stream). Ids come in lower case (the
 * port's validation makes them so), which is how EventStoreDB gives back the UUIDs it keeps.
 */
export function encodeBatch(
  streamId: string,
  events: readonly EventToAppend[],
  head: StreamHead | undefined,
  recordedAt: string,
  scheme: HashScheme = CURRENT_HASH_SCHEME,
): EncodedBatch {
  let previousHash = head?.hash ?? GENESIS_HASH;
  let revision = head === undefined ? -1 : head.revision;
  const hashes: string[] = [];
  const data = events.map((event) => {
    revision += 1;
    const envelope: EventEnvelope = {
      id: event.id.toLowerCase(),
      streamId,
      revision,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      recordedAt,
    };
    const stored = { eventId: envelope.id, streamId, revision, recordedAt, canonical: canonicalText(envelope) };
    const hash = eventHash(scheme, previousHash, stored);
    const integrity: IntegrityBlock = { recordedAt, hash: hash.toString('hex'), previousHash: previousHash.toString('hex'), scheme };
    hashes.push(integrity.hash);
    previousHash = hash;
    return jsonEvent({
      id: envelope.id,
      type: event.type,
      data: event.data,
      metadata: { ...event.metadata, [INTEGRITY_KEY]: integrity },
    });
  });
  return { data, hashes, last: { revision, hash: previousHash, recordedAt } };
}

/**
 * Whether the event carries what this adapter writes: JSON data and metadata, and a well-formed
 * integrity block. Anything else in the namespace was not written by Geldstroom.
 */
export function isGeldstroomEvent(event: EsdbEvent): boolean {
  if (!event.isJson || !isPlainObject(event.data) || !isPlainObject(event.metadata)) return false;
  return integrityBlockOf((event.metadata as JsonObject)[INTEGRITY_KEY]) !== undefined;
}

/**
 * Decodes an event this adapter wrote. Reading a ledger stream, anything else is a broken
 * stream, and this throws; the global log passes over such events first (isGeldstroomEvent).
 */
export function decodeEvent(event: EsdbEvent, prefix: string): RecordedEvent {
  const where = `${event.streamId}@${event.revision}`;
  if (!event.isJson || !isPlainObject(event.data) || !isPlainObject(event.metadata)) {
    throw new Error(`event ${where} is not a JSON event with object data and metadata`);
  }
  const { [INTEGRITY_KEY]: block, ...metadata } = event.metadata as JsonObject;
  const integrity = integrityBlockOf(block);
  if (integrity === undefined) {
    throw new Error(`event ${where} has no valid ${INTEGRITY_KEY} block: it was not written through this adapter`);
  }
  return {
    id: event.id,
    streamId: event.streamId.slice(prefix.length),
    revision: toSafeNumber(event.revision, 'stream revision'),
    position: toPortPosition(event.position),
    type: event.type,
    data: event.data as JsonObject,
    metadata,
    recordedAt: integrity.recordedAt,
    hash: integrity.hash,
    previousHash: integrity.previousHash,
    hashScheme: integrity.scheme ?? 1,
  };
}

/** The hashed bytes of a decoded event, recomputed from what the server holds. */
export function canonicalOf(event: RecordedEvent): Buffer {
  return Buffer.from(canonicalTextOf(event), 'utf8');
}

export function canonicalTextOf(event: RecordedEvent): string {
  const { id, streamId, revision, type, data, metadata, recordedAt } = event;
  return canonicalText({ id, streamId, revision, type, data, metadata, recordedAt });
}

export function headOf(event: RecordedEvent): StreamHead {
  return { revision: event.revision, hash: Buffer.from(event.hash, 'hex'), recordedAt: event.recordedAt };
}

function integrityBlockOf(block: unknown): IntegrityBlock | undefined {
  const candidate = (isPlainObject(block) ? block : {}) as Partial<Record<keyof IntegrityBlock, unknown>>;
  const { recordedAt, hash, previousHash, scheme } = candidate;
  if (
    (scheme !== undefined && !isHashScheme(scheme)) ||
    typeof recordedAt !== 'string' ||
    Number.isNaN(Date.parse(recordedAt)) ||
    typeof hash !== 'string' ||
    !HASH_HEX.test(hash) ||
    typeof previousHash !== 'string' ||
    !HASH_HEX.test(previousHash)
  ) {
    return undefined;
  }
  return { recordedAt, hash, previousHash, ...(scheme !== undefined ? { scheme } : {}) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
