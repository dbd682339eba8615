// The audit trail: every event of one entity with its metadata and hash chain, as stored. Read
// from the store itself (the read models keep no previous hash); the read models give the cut and
// the tree head each answer names. The global journal is in journal.ts.
import {
  GENESIS_HASH_HEX,
  recomputeHash,
  StreamNotFoundError,
  type HashScheme,
  type EventStore,
  type JsonObject,
  type RecordedEvent,
} from '@geldstroom/event-store';
import { categoryOf } from '../model/ledger-fact';
import type { Cut, JournalHead } from './reader';

export interface AuditEvent {
  readonly position: number;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly effectiveDate: string | null;
  readonly recordedAt: string;
  readonly data: JsonObject;
  /** actor, sourceReference, correlationId, causationId, effectiveDate, schemaVersion, ... */
  readonly metadata: JsonObject;
  readonly hash: string;
  readonly previousHash: string;
  /** The scheme `hash` was computed with (see the event store's event-hash.ts). */
  readonly hashScheme: HashScheme;
  /** The reversal (EntryReversed) the cut sees for this event, if any. */
  readonly reversedBy: { readonly eventId: string; readonly position: number } | null;
}

export interface AuditTrail {
  readonly streamId: string;
  readonly category: string;
  readonly entityId: string;
  /** The revision of the last event shown. */
  readonly revision: number;
  readonly events: readonly AuditEvent[];
  /** Each hash recomputed from the previous one and the event: the first revision that fails. */
  readonly chain: { readonly intact: boolean; readonly firstBrokenRevision: number | null };
  readonly asOf: string | null;
  readonly journal: JournalHead;
  /** The read models the cut was resolved by (the events themselves are read from the store). */
  readonly readModels: Cut['readModels'];
}

/** Every event of the stream recorded by the cut; undefined when the cut knows none. */
export async function auditTrail(store: EventStore, streamId: string, cut: Cut): Promise<AuditTrail | undefined> {
  const recorded: RecordedEvent[] = [];
  try {
    for await (const event of store.readStream(streamId)) {
      if (event.position > cut.position) break;
      recorded.push(event);
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return undefined;
    throw error;
  }
  if (recorded.length === 0) return undefined;
  const reversals = reversalsOf(recorded);
  return {
    streamId,
    category: categoryOf(streamId),
    entityId: streamId.slice(streamId.indexOf('-') + 1),
    revision: recorded[recorded.length - 1].revision,
    events: recorded.map((event) => ({
      position: event.position,
      revision: event.revision,
      eventId: event.id,
      type: event.type,
      effectiveDate: typeof event.data.effectiveDate === 'string' ? event.data.effectiveDate : null,
      recordedAt: event.recordedAt,
      data: event.data,
      metadata: event.metadata,
      hash: event.hash,
      previousHash: event.previousHash,
      hashScheme: event.hashScheme,
      reversedBy: reversals.get(event.id) ?? reversals.get(mirrorOrigin(event) ?? '') ?? null,
    })),
    chain: checkChain(recorded),
    asOf: cut.asOf,
    journal: cut.journal,
    readModels: cut.readModels,
  };
}

/** Reversed event id (or, on a mirror's stream, the origin's id) → the reversal. */
function reversalsOf(events: readonly RecordedEvent[]): Map<string, { eventId: string; position: number }> {
  const reversals = new Map<string, { eventId: string; position: number }>();
  for (const event of events) {
    if (event.type !== 'EntryReversed') continue;
    const target = event.data.reversedEventId ?? event.data.originEventId;
    if (typeof target === 'string') reversals.set(target, { eventId: event.id, position: event.position });
  }
  return reversals;
}

function mirrorOrigin(event: RecordedEvent): string | undefined {
  const mirrorOf = event.metadata.mirrorOf as { eventId?: unknown } | undefined;
  return typeof mirrorOf?.eventId === 'string' ? mirrorOf.eventId : undefined;
}

function checkChain(events: readonly RecordedEvent[]): AuditTrail['chain'] {
  let previous = GENESIS_HASH_HEX;
  for (const event of events) {
    // Each event under the scheme it was written with: a ledger may hold both.
    if (event.previousHash !== previous || event.hash !== recomputeHash(previous, event)) {
      return { intact: false, firstBrokenRevision: event.revision };
    }
    previous = event.hash;
  }
  return { intact: true, firstBrokenRevision: null };
}
