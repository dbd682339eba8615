// Opens the store a deployment is configured for: EventStoreDB when a connection string is
// given, the embedded SQLite file otherwise. The gRPC client is loaded only when it is used.
import { join } from 'node:path';
import type { EventStore, StoreAddress } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

/**
 * The connection strings the EventStoreDB client in use (@eventstore/db-client 6.2.1) parses:
 * `esdb://` and `esdb+discover://`. KurrentDB servers take them as well; its renamed client's
 * `kurrentdb://` is refused by this one's parser, so it is refused here, at start, instead.
 */
export const EVENTSTORE_CONNECTION_STRING_FORM = /^esdb(\+discover)?:\/\//;

export interface StoreLocation {
  /** Folder of the embedded store; its journal is `events.sqlite` in it. */
  readonly dataDir: string;
  /** `esdb://…` — when set, the ledger lives on EventStoreDB/KurrentDB instead. */
  readonly eventStoreConnectionString?: string;
}

export async function openEventStore(location: StoreLocation): Promise<EventStore> {
  if (location.eventStoreConnectionString) {
    const { EventStoreDbEventStore } = await import('./eventstoredb/eventstoredb-event-store');
    return EventStoreDbEventStore.connect(location.eventStoreConnectionString);
  }
  return SqliteEventStore.open({ path: join(location.dataDir, 'events.sqlite') });
}

/** Opens the store an `address` names: another connection to the same journal. */
export async function openEventStoreAt(address: StoreAddress): Promise<EventStore> {
  if (address.kind === 'eventstoredb') {
    const { EventStoreDbEventStore } = await import('./eventstoredb/eventstoredb-event-store');
    const { streamPrefix } = address;
    return EventStoreDbEventStore.connect(address.connectionString, streamPrefix ? { streamPrefix } : {});
  }
  return SqliteEventStore.open({ path: address.path });
}
