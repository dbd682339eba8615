// The outbox completer follows the log for as long as the API runs: a subscription that fails (a
// connection to EventStoreDB lost, a read that failed) is taken up again where it stopped, and a
// pending outbox that comes by after that is still completed. A real SQLite store in a temporary
// folder; only its first subscription is made to fail.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { SqliteEventStore, type RecordedEvent, type Subscription } from '@geldstroom/event-store';
import { OutboxCompleter } from './outbox-completer';
import { OUTBOX_METADATA_KEYS } from './outbox';

let dir: string;
let store: SqliteEventStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'geldstroom-outbox-'));
  store = SqliteEventStore.open({ path: join(dir, 'ledger.sqlite') });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A subscription that fails at its first read, as one whose connection dropped. */
function failing(): Subscription {
  return {
    async close() {},
    [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('connection to the server lost')) }),
  } as unknown as Subscription;
}

async function originWithPendingMirror(): Promise<RecordedEvent> {
  const id = uuidv7();
  const mirrors = [{ streamId: 'budget-naar', events: [{ type: 'BudgetTransferredIn', data: { budgetId: 'naar', transferId: 't1', fromBudgetId: 'van', amountCents: 40_000, effectiveDate: '2024-03-01' } }] }];
  await store.append('budget-van', [{ id, type: 'BudgetTransferredOut', data: { budgetId: 'van', transferId: 't1', toBudgetId: 'naar', amountCents: 40_000, effectiveDate: '2024-03-01' }, metadata: { actor: 'spec', schemaVersion: 1, mirrors } }], 'any');
  for await (const event of store.readStream('budget-van')) if (event.id === id) return event;
  throw new Error('the origin was not written');
}

async function mirrorsIn(streamId: string): Promise<RecordedEvent[]> {
  if ((await store.streamRevision(streamId)) === undefined) return [];
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(streamId)) events.push(event);
  return events;
}

it('follows the log again after its subscription failed, from where it stopped, and completes what comes by then', async () => {
  const subscribe = store.subscribeToAll.bind(store);
  const calls: unknown[] = [];
  jest.spyOn(store, 'subscribeToAll').mockImplementation((options) => {
    calls.push(options ?? {});
    return calls.length === 1 ? failing() : subscribe(options);
  });
  const completer = new OutboxCompleter(store);
  completer.followAgainMs = 50;
  const errors = jest.spyOn((completer as unknown as { logger: { error: (m: string) => void } }).logger, 'error').mockImplementation(() => undefined);
  completer.onApplicationBootstrap();
  try {
    const origin = await originWithPendingMirror();
    for (let waitedMs = 0; calls.length < 2 && waitedMs < 5_000; waitedMs += 10) await new Promise((wait) => setTimeout(wait, 10));
    // Both from the start (nothing was seen before it failed), wanting only origins and mirrors.
    expect(calls).toEqual([{ metadataKeys: OUTBOX_METADATA_KEYS }, { metadataKeys: OUTBOX_METADATA_KEYS }]);
    expect(errors.mock.calls[0][0]).toMatch(/stopped following the log at position 0: Error: connection to the server lost; following again in 50 ms/);

    // Seen by the new subscription, held, and completed once its grace is over.
    for (let waitedMs = 0; waitedMs < 5_000; waitedMs += 20) {
      await completer.sweep(Date.now() + 60_000);
      if ((await mirrorsIn('budget-naar')).length > 0) break;
      await new Promise((wait) => setTimeout(wait, 20));
    }
    expect((await mirrorsIn('budget-naar')).map((e) => [e.type, e.metadata.mirrorOf])).toEqual([['BudgetTransferredIn', { streamId: 'budget-van', eventId: origin.id }]]);
  } finally {
    await completer.onApplicationShutdown();
  }
});

it('stops for good at shutdown, also while it waits to follow again', async () => {
  jest.spyOn(store, 'subscribeToAll').mockImplementation(() => failing());
  const completer = new OutboxCompleter(store);
  completer.followAgainMs = 60_000;
  jest.spyOn((completer as unknown as { logger: { error: (m: string) => void } }).logger, 'error').mockImplementation(() => undefined);
  completer.onApplicationBootstrap();
  await new Promise((wait) => setTimeout(wait, 20));
  const started = Date.now();
  await completer.onApplicationShutdown();
  expect(Date.now() - started).toBeLessThan(1_000);
  expect(store.subscribeToAll).toHaveBeenCalledTimes(1);
});
