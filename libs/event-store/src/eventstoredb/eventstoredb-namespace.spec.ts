// Stores sharing one server, over a double of the client (client-double.ts): what one store
// reads of $all when the server also holds another store's streams (the contract suite's
// `contract-run-…/`) and an application's events that Geldstroom never wrote.
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { InvalidAppendError, StreamNotFoundError } from '../errors';
import type { EventToAppend, RecordedEvent } from '../event-store.port';
import { verifyJournal } from '../integrity/verify-journal';
import { ClientDouble } from './client-double';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

const event = (n: number): EventToAppend => ({ id: randomUUID(), type: 'GrantAwarded', data: { n }, metadata: {} });

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** A server holding the unprefixed ledger, a contract run's store, and another application's event. */
async function sharedServer() {
  const client = new ClientDouble();
  const ledger = new EventStoreDbEventStore(client, 'esdb://double:2113');
  const contractRun = new EventStoreDbEventStore(client, 'esdb://double:2113', { streamPrefix: 'contract-run-1a2b3c4d/' });
  await ledger.append('grant-1', [event(1)], 'no_stream');
  await contractRun.append('contract-1a2b-digest', [event(2)], 'no_stream');
  await ledger.append('grant-1', [event(3)], 0);
  // Another application writing to the same server, in the root namespace, last of all.
  client.hold('orders-17', { id: randomUUID(), type: 'OrderPlaced', data: { total: 3 }, metadata: { by: 'shop' } });
  return { client, ledger, contractRun };
}

describe('EventStoreDB stores sharing a server', () => {
  it('reads only its own events from $all: no other store’s, no other application’s, and never throws on them', async () => {
    const { ledger, contractRun } = await sharedServer();
    expect((await collect(ledger.readAll())).map((e) => [e.streamId, e.data.n])).toEqual([
      ['grant-1', 1],
      ['grant-1', 3],
    ]);
    expect((await collect(contractRun.readAll())).map((e) => e.streamId)).toEqual(['contract-1a2b-digest']);
    const ledgerEvents = await collect(ledger.readAll());
    expect(await ledger.headPosition()).toBe(ledgerEvents[1].position);
    const report = await verifyJournal(ledger);
    expect(report).toMatchObject({ ok: true, eventsChecked: 2 });
  });

  it('subscribes with a server filter that matches only its own namespace, and passes over foreign events', async () => {
    const { client, ledger } = await sharedServer();
    const iterator = ledger.subscribeToAll()[Symbol.asyncIterator]();
    const first = iterator.next(); // the client's subscription is opened on the first read
    const [{ options, stream }] = client.subscriptions;
    // Unprefixed: stream names with no separator that are not system streams (`$`).
    expect(options).toMatchObject({ filter: { filterOn: 'streamName', regex: '^[^$/][^/]*$' } });
    feed(stream, client.log);
    const seen: RecordedEvent[] = [(await first).value, (await iterator.next()).value];
    await iterator.return?.();
    expect(seen.map((e) => e.data.n)).toEqual([1, 3]);
    await ledger.close();
  });

  it('takes only a prefix that ends at the separator, and no stream id that holds one', async () => {
    const client = new ClientDouble();
    expect(() => new EventStoreDbEventStore(client, 'esdb://double:2113', { streamPrefix: 'contract-run' })).toThrow(/ending in \//);
    const ledger = new EventStoreDbEventStore(client, 'esdb://double:2113');
    await expect(ledger.append('contract-run-1a2b3c4d/grant-1', [event(1)], 'no_stream')).rejects.toBeInstanceOf(InvalidAppendError);
    await expect(collect(ledger.readStream('contract-run-1a2b3c4d/grant-1'))).rejects.toBeInstanceOf(StreamNotFoundError);
  });
});

/** Writes events into the subscription's stream as the server delivers them; the filter is not applied here. */
function feed(stream: PassThrough, events: readonly unknown[]): void {
  for (const held of events) stream.write({ event: held });
}
