// A decision that writes two streams (a transfer's incoming side, a contract award's mirror)
// appends its own stream first, with the second stream's events in that first event's metadata:
// an outbox. Until every stream it names holds an event whose `mirrorOf.eventId` is the origin's
// id, the outbox is pending. Completing one is idempotent: written only when missing, at the
// target's exact revision, so two writers racing (a retry, another API instance) write it once.
import { v7 as uuidv7 } from 'uuid';
import { WrongExpectedRevisionError, type EventStore, type EventToAppend, type JsonObject, type RecordedEvent } from '@geldstroom/event-store';
import { EVENT_SCHEMA_VERSIONS, type DomainEvent } from '@geldstroom/ledger';
import { loadStream } from './stream-loader';

/** Writes to one mirror stream that lose a race are tried again this often at most. */
const MIRROR_ATTEMPTS_MAX = 3;

interface OutboxEntry {
  readonly streamId: string;
  readonly events: readonly { readonly type: string; readonly data: JsonObject }[];
}

/** The metadata that makes an event an origin with an outbox, or a mirror: all a completer follows. */
export const OUTBOX_METADATA_KEYS: readonly string[] = ['mirrors', 'mirrorOf'];

/** The streams an event's outbox names; empty for an event without one. */
export function outboxStreams(event: RecordedEvent): string[] {
  return entriesOf(event.metadata).map((entry) => entry.streamId);
}

/** The id of the event a mirror event completes, if it is one. */
export function mirroredEventId(event: RecordedEvent): string | undefined {
  const mirrorOf = event.metadata.mirrorOf as { eventId?: unknown } | undefined;
  return typeof mirrorOf?.eventId === 'string' ? mirrorOf.eventId : undefined;
}

/**
 * Writes the mirrors the origin event names, unless they are there already; answers the
 * position of the last mirror event.
 */
export async function completeOutbox(
  store: Pick<EventStore, 'readStream' | 'append'>,
  originStreamId: string,
  originEventId: string,
  metadata: JsonObject,
): Promise<number | undefined> {
  let position: number | undefined;
  for (const mirror of entriesOf(metadata)) {
    for (let attempt = 1; ; attempt += 1) {
      const target = await loadStream(store, mirror.streamId);
      const existing = target.events.filter((e) => mirroredEventId(e) === originEventId);
      if (existing.length > 0) {
        position = Math.max(position ?? 0, existing[existing.length - 1].position);
        break;
      }
      const mirrorMetadata = mirroredMetadata(metadata, originStreamId, originEventId);
      try {
        const events = mirror.events.map((event) => toAppend(event, mirrorMetadata));
        const written = await store.append(mirror.streamId, events, target.revision ?? 'no_stream');
        position = Math.max(position ?? 0, written.lastPosition);
        break;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt === MIRROR_ATTEMPTS_MAX) throw error;
      }
    }
  }
  return position;
}

export function toAppend(event: DomainEvent, metadata: JsonObject): EventToAppend {
  return {
    id: uuidv7(),
    type: event.type,
    data: event.data as JsonObject,
    metadata: { ...metadata, schemaVersion: EVENT_SCHEMA_VERSIONS[event.type] ?? 1 },
  };
}

function entriesOf(metadata: JsonObject): OutboxEntry[] {
  return Array.isArray(metadata.mirrors) ? (metadata.mirrors as unknown as OutboxEntry[]) : [];
}

/**
 * A mirror was not commanded on its own stream: it carries no idempotency key there (so a
 * command on that stream with the same client id is not mistaken for a retry), and names the
 * event it mirrors instead.
 */
function mirroredMetadata(metadata: JsonObject, fromStreamId: string, fromEventId: string): JsonObject {
  const { idempotencyKey: _key, commandFingerprint: _fingerprint, mirrors: _mirrors, ...rest } = metadata;
  return { ...rest, mirrorOf: { streamId: fromStreamId, eventId: fromEventId } };
}
