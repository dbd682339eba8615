// A transfer writes two streams; when the process dies between the two appends, the server
// completes the pending outbox itself — after a restart, or when it sees one while running —
// without any client retrying.
import { createApp } from '../../apps/api/src/bootstrap';
import { EVENT_STORE } from '@geldstroom/application/write/store.tokens';
import type { EventStore, RecordedEvent } from '@geldstroom/event-store';
import { startApi, type Harness } from '../support/api-harness';
import { ON } from '../support/books';
import { eventsOf, expectCreated, fresh, post, streamEvents } from '../support/http';

let api: Harness;
beforeEach(async () => {
  api = await startApi({ LOG_LEVEL: 'fatal' }); // the "killed" append is logged as a 500 otherwise
});
afterEach(() => api.close());

/** Two budgets of one party, the first funded: a transfer between them writes both streams. */
async function twoBudgets(): Promise<{ from: string; to: string }> {
  const party = fresh('gemeente');
  expectCreated(await post(api, '/v1/parties', { ...ON, partyId: party, name: 'Gemeente', kind: 'municipality' }));
  const [from, to] = [fresh('van'), fresh('naar')];
  for (const budgetId of [from, to]) {
    expectCreated(await post(api, '/v1/budgets', { ...ON, budgetId, ownerPartyId: party, name: 'Re-integratie', fiscalYear: 2024, taakveld: '6.4' }));
  }
  expectCreated(await post(api, `/v1/budgets/${from}/fundings`, { ...ON, fundingId: 'f1', source: 'own-means', amount: '1000.00' }));
  return { from, to };
}

/** The process "dies" between the two appends: the mirror's append never happens. */
async function transferDyingHalfway(store: EventStore, from: string, to: string): Promise<RecordedEvent> {
  const append = store.append.bind(store);
  const spy = jest.spyOn(store, 'append').mockImplementation((streamId, events, ...rest) =>
    streamId === `budget-${to}` ? Promise.reject(new Error('killed before the second append')) : append(streamId, events, ...rest),
  );
  try {
    const response = await post(api, `/v1/budgets/${from}/transfers`, { ...ON, transferId: 't1', toBudgetId: to, amount: '400.00' });
    expect(response.status).toBe(500);
  } finally {
    spy.mockRestore();
  }
  const origin = (await streamEvents(api, `budget-${from}`)).find((e) => e.type === 'BudgetTransferredOut');
  expect(origin?.metadata.mirrors).toBeDefined();
  expect((await streamEvents(api, `budget-${to}`)).map((e) => e.type)).toEqual(['BudgetOpened']);
  return origin!;
}

async function mirrorsOf(store: EventStore, to: string, origin: RecordedEvent): Promise<RecordedEvent[]> {
  for (let waitedMs = 0; waitedMs < 10_000; waitedMs += 100) {
    const mirrors = (await eventsOf(store, `budget-${to}`)).filter((e) => (e.metadata.mirrorOf as { eventId?: string } | undefined)?.eventId === origin.id);
    if (mirrors.length > 0) return mirrors;
    await new Promise((wait) => setTimeout(wait, 100));
  }
  return [];
}

it('completes the transfer after a restart, with no client retrying', async () => {
  const { from, to } = await twoBudgets();
  const origin = await transferDyingHalfway(api.app.get<symbol, EventStore>(EVENT_STORE), from, to);
  await api.app.close(); // the process is gone before it could finish anything

  const restarted = await createApp({ GELDSTROOM_DATA_DIR: api.dataDir, LOG_LEVEL: 'fatal', GELDSTROOM_VERIFY_EVERY_MINUTES: '0' });
  await restarted.init();
  try {
    const store = restarted.get<symbol, EventStore>(EVENT_STORE);
    const mirrors = await mirrorsOf(store, to, origin);
    expect(mirrors.map((e) => [e.type, e.data.amountCents, e.metadata.mirrorOf])).toEqual([
      ['BudgetTransferredIn', 40_000, { streamId: `budget-${from}`, eventId: origin.id }],
    ]);
  } finally {
    await restarted.close();
  }
}, 30_000);

it('completes a pending outbox it sees while running, once', async () => {
  const { from, to } = await twoBudgets();
  const store = api.app.get<symbol, EventStore>(EVENT_STORE);
  const origin = await transferDyingHalfway(store, from, to);
  const mirrors = await mirrorsOf(store, to, origin);
  expect(mirrors).toHaveLength(1);
  // A late retry of the same command answers as a replay and writes nothing more.
  const retry = await post(api, `/v1/budgets/${from}/transfers`, { ...ON, transferId: 't1', toBudgetId: to, amount: '400.00' });
  expect(retry.status).toBe(201);
  expect(await mirrorsOf(store, to, origin)).toHaveLength(1);
}, 30_000);
