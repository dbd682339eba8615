// The part of the EventStoreDB client the adapter uses, and the stream read both its reading
// and its appending sides make. Unit tests stand a double of the client in for exactly this.
import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  StreamDeletedError as EsdbStreamDeletedError,
  StreamNotFoundError as EsdbStreamNotFoundError,
  type EventStoreDBClient,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { StreamNotFoundError } from '../errors';
import type { RecordedEvent } from '../event-store.port';
import { portErrorOf } from './eventstoredb-errors';
import { decodeEvent } from './eventstoredb-records';

export type EsdbClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

export type StreamStart = bigint | typeof START | typeof END;

/** One page of a port stream, read whole so an early `break` by the caller leaves no call open. */
export async function readStreamPage(
  client: EsdbClient,
  prefix: string,
  streamId: string,
  page: { readonly backwards: boolean; readonly from: StreamStart; readonly maxCount: number },
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  try {
    const read = client.readStream(prefix + streamId, {
      direction: page.backwards ? BACKWARDS : FORWARDS,
      fromRevision: page.from,
      maxCount: page.maxCount,
      resolveLinkTos: false,
      // From the leader, which acknowledged every append: a follower may lag behind it.
      requiresLeader: true,
    });
    for await (const resolved of read as AsyncIterable<ResolvedEvent>) {
      if (resolved.event !== undefined) events.push(decodeEvent(resolved.event, prefix));
    }
  } catch (error) {
    if (isMissingStream(error)) throw new StreamNotFoundError(streamId);
    throw portErrorOf(error, { read: streamId });
  }
  return events;
}

/** A deleted stream has no events the port can give either. */
export function isMissingStream(error: unknown): boolean {
  return error instanceof EsdbStreamNotFoundError || error instanceof EsdbStreamDeletedError;
}
