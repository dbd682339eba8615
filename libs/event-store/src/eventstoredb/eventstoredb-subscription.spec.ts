// The Subscription wrapper over a stand-in for the client's $all subscription stream (a plain
// object-mode stream, as the client's is): checkpoint exclusivity, no repeats, close while waiting.
import { PassThrough } from 'node:stream';
import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store.port';
import { EventStoreDbSubscription } from './eventstoredb-subscription';

function clientStream(): PassThrough & { unsubscribed: boolean } {
  const stream = new PassThrough({ objectMode: true }) as PassThrough & { unsubscribed: boolean; unsubscribe(): Promise<void> };
  stream.unsubscribed = false;
  stream.unsubscribe = async () => {
    stream.unsubscribed = true;
  };
  return stream;
}

function at(position: number): AllStreamResolvedEvent {
  const p = BigInt(position);
  return { event: { streamId: `s-${position}`, position: { commit: p, prepare: p } } } as AllStreamResolvedEvent;
}

const asPortEvent = (resolved: AllStreamResolvedEvent) =>
  ({ position: Number(resolved.event?.position.commit) }) as RecordedEvent;

describe('EventStoreDB subscription wrapper', () => {
  it('skips the checkpoint and anything not after the last delivered event', async () => {
    const source = clientStream();
    const subscription = new EventStoreDbSubscription(
      source as unknown as AllStreamSubscription,
      asPortEvent,
      { commit: 20n, prepare: 20n },
      () => undefined,
    );
    for (const position of [10, 20, 30, 30, 25, 40]) source.write(at(position));
    const seen: number[] = [];
    for await (const event of subscription) {
      seen.push(event.position);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual([30, 40]);
    expect(source.unsubscribed).toBe(true);
  });

  it('ends an iteration that is waiting for the next event when closed', async () => {
    const source = clientStream();
    let closedCalls = 0;
    const subscription = new EventStoreDbSubscription(
      source as unknown as AllStreamSubscription,
      asPortEvent,
      undefined,
      () => (closedCalls += 1),
    );
    const iterating = (async () => {
      const seen: number[] = [];
      for await (const event of subscription) seen.push(event.position);
      return seen;
    })();
    source.write(at(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await subscription.close();
    expect(await iterating).toEqual([1]);
    await subscription.close();
    expect(closedCalls).toBe(1);
  });

  it('passes over events the port does not see', async () => {
    const source = clientStream();
    const subscription = new EventStoreDbSubscription(
      source as unknown as AllStreamSubscription,
      (resolved) => (resolved.event?.position.commit === 2n ? undefined : asPortEvent(resolved)),
      undefined,
      () => undefined,
    );
    for (const position of [1, 2, 3]) source.write(at(position));
    const seen: number[] = [];
    for await (const event of subscription) {
      seen.push(event.position);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual([1, 3]);
  });
});
