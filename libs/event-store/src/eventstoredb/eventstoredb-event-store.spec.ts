// Runs the contract suite against a real EventStoreDB / KurrentDB when one is configured:
//   docker compose -f docker/eventstoredb.compose.yml up -d --wait
//   EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false' npx jest eventstoredb
// The server keeps its data between runs, so each opened store gets a stream prefix of its
// own and sees only its own streams in $all. Without a server the skip shows in the summary.
import { randomUUID } from 'node:crypto';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract('EventStoreDB', async () => {
    const store = await EventStoreDbEventStore.connect(connectionString, {
      streamPrefix: `contract-run-${randomUUID().slice(0, 8)}/`,
    });
    return { store, cleanup: () => store.close() };
  });
} else {
  const reason =
    'EventStoreDB contract suite skipped: EVENTSTORE_CONNECTION_STRING is not set (no EventStoreDB server on this machine)';
  console.warn(reason);
  describe('EventStore contract: EventStoreDB', () => {
    it.skip(reason, () => undefined);
  });
}
