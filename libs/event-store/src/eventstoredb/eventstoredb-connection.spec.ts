// Why only esdb:// is taken (EVENTSTORE_CONNECTION_STRING_FORM): the client this adapter is
// written against parses no other scheme. Its own parser, no server: a client connects lazily.
// Should the client be replaced (by @kurrent/kurrentdb-client, which parses both), this fails,
// and the accepted form can grow.
import { EventStoreDBClient } from '@eventstore/db-client';
import { EVENTSTORE_CONNECTION_STRING_FORM } from '../open-event-store';

function parses(connectionString: string): boolean {
  try {
    void EventStoreDBClient.connectionString(connectionString).dispose();
    return true;
  } catch {
    return false;
  }
}

describe('EventStoreDB connection strings', () => {
  it.each([
    ['esdb://localhost:2113?tls=false', true],
    ['esdb+discover://node1:2113,node2:2113?tls=false', true],
    ['kurrentdb://localhost:2113?tls=false', false],
    ['kurrentdb+discover://node1:2113', false],
  ])('%s: parsed by client 6.2.1 %s, and taken by the configuration alike', (connectionString, parsed) => {
    expect(parses(connectionString)).toBe(parsed);
    expect(EVENTSTORE_CONNECTION_STRING_FORM.test(connectionString)).toBe(parsed);
  });
});
