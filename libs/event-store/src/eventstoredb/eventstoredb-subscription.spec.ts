// The Subscription wrapper over stand-ins for the client's $all subscription stream (plain
// object-mode streams, as the client's is): checkpoint exclusivity, no repeats, close while
// waiting, and resuming after the connection drops.
import { PassThrough } from 'node:stream';
import { UnavailableError, type AllStreamResolvedEvent, type AllStreamSubscription, type Position } from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store.port';
import { EventStoreDbSubscription, type ResumeOptions } from './eventstoredb-subscription';

type ClientStream = PassThrough & { unsubscribed: boolean; unsubscribe(): Promise<void> };

function clientStream(): ClientStream {
  const stream = new PassThrough({ objectMode: true }) as ClientStream;
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

const asPortEvent = (resolved: AllStreamResolvedEvent) => ({ position: Number(resolved.event?.position.commit) }) as RecordedEvent;
const quick: ResumeOptions = { retryDelayMsMin: 5, retryDelayMsMax: 40 };

/** A subscription over a queue of sources, one per time it is opened, recording where from. */
function over(sources: (ClientStream | Error)[], checkpoint?: number, resume: ResumeOptions = quick) {
  const openedAfter: (Position | undefined)[] = [];
  const openedAtMs: number[] = [];
  const subscription = new EventStoreDbSubscription(
    (after) => {
      openedAfter.push(after);
      openedAtMs.push(Date.now());
      const next = sources.shift();
      if (next === undefined || next instanceof Error) throw next ?? new Error('no source left');
      return next as unknown as AllStreamSubscription;
    },
    asPortEvent,
    checkpoint === undefined ? undefined : { commit: BigInt(checkpoint), prepare: BigInt(checkpoint) },
    () => undefined,
    resume,
  );
  return { subscription, openedAfter, openedAtMs };
}

async function take(subscription: AsyncIterable<RecordedEvent>, count: number): Promise<number[]> {
  const seen: number[] = [];
  for await (const event of subscription) {
    seen.push(event.position);
    if (seen.length === count) break;
  }
  return seen;
}

/** As client 6.2.1 reports a gRPC failure on a subscription: an 'error' event on its stream. */
function drop(stream: ClientStream): void {
  stream.emit('error', new UnavailableError(undefined, '14 UNAVAILABLE: Connection dropped'));
}

describe('EventStoreDB subscription wrapper', () => {
  it('skips the checkpoint and anything not after the last delivered event', async () => {
    const source = clientStream();
    const { subscription } = over([source], 20);
    for (const position of [10, 20, 30, 30, 25, 40]) source.write(at(position));
    expect(await take(subscription, 2)).toEqual([30, 40]);
    expect(source.unsubscribed).toBe(true);
  });

  it('ends an iteration that is waiting for the next event when closed', async () => {
    const source = clientStream();
    let closedCalls = 0;
    const subscription = new EventStoreDbSubscription(() => source as unknown as AllStreamSubscription, asPortEvent, undefined, () => (closedCalls += 1));
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
      () => source as unknown as AllStreamSubscription,
      (resolved) => (resolved.event?.position.commit === 2n ? undefined : asPortEvent(resolved)),
      undefined,
      () => undefined,
    );
    for (const position of [1, 2, 3]) source.write(at(position));
    expect(await take(subscription, 2)).toEqual([1, 3]);
  });
});

describe('EventStoreDB subscription after a drop', () => {
  it('opens again from the last event it delivered, and the consumer sees every event once', async () => {
    const [first, second] = [clientStream(), clientStream()];
    const { subscription, openedAfter } = over([first, second]);
    first.write(at(1));
    first.write(at(2));
    const taking = take(subscription, 4);
    await new Promise((resolve) => setTimeout(resolve, 10));
    drop(first);
    // The server starts again at the checkpoint: whether it sends that event again or not, it comes once.
    for (const position of [2, 3, 4]) second.write(at(position));
    expect(await taking).toEqual([1, 2, 3, 4]);
    expect(openedAfter).toEqual([undefined, { commit: 2n, prepare: 2n }]);
    expect(subscription.status).toMatchObject({ state: 'catching-up', reconnects: 1, checkpoint: 4, lastError: expect.stringMatching(/UNAVAILABLE/) });
  });

  it('says it is reconnecting while the server cannot be reached, waits longer each time, and comes back live', async () => {
    const source = clientStream();
    const down = () => new Error('connect ECONNREFUSED 10.0.0.1:2113');
    const { subscription, openedAtMs } = over([down(), down(), down(), source], undefined, { retryDelayMsMin: 20, retryDelayMsMax: 1_000 });
    const taking = take(subscription, 1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const whileDown = subscription.status;
    expect(whileDown).toMatchObject({ state: 'reconnecting', lastError: expect.stringMatching(/ECONNREFUSED/) });
    source.write(at(7));
    expect(await taking).toEqual([7]);
    expect(openedAtMs).toHaveLength(4);
    const waitsMs = openedAtMs.slice(1).map((time, i) => time - openedAtMs[i]);
    expect(waitsMs[0]).toBeGreaterThanOrEqual(18);
    expect(waitsMs[2]).toBeGreaterThanOrEqual(75); // 20, 40, 80 ms
    expect(subscription.status).toMatchObject({ state: 'catching-up', reconnects: 3 });
    source.emit('caughtUp');
    expect(subscription.status.state).toBe('live');
  });

  it('resumes when the server ends the subscription without being asked', async () => {
    const [first, second] = [clientStream(), clientStream()];
    const { subscription, openedAfter } = over([first, second]);
    first.write(at(5));
    first.end();
    second.write(at(6));
    expect(await take(subscription, 2)).toEqual([5, 6]);
    expect(openedAfter[1]).toEqual({ commit: 5n, prepare: 5n });
  });

  it('ends at once when closed while it waits to reconnect', async () => {
    const first = clientStream();
    const { subscription } = over([first], undefined, { retryDelayMsMin: 60_000, retryDelayMsMax: 60_000 });
    const taking = take(subscription, 2);
    first.write(at(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    drop(first);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(subscription.status.state).toBe('reconnecting');
    const started = Date.now();
    await subscription.close();
    expect(await taking).toEqual([1]);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('does not resume past an event it cannot read: that failure is the consumer’s to see', async () => {
    const source = clientStream();
    const subscription = new EventStoreDbSubscription(
      () => source as unknown as AllStreamSubscription,
      () => {
        throw new Error('event s-1@0 was written in an explicit transaction');
      },
      undefined,
      () => undefined,
      quick,
    );
    source.write(at(1));
    await expect(take(subscription, 1)).rejects.toThrow(/explicit transaction/);
  });
});
