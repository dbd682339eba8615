// The journal as an accountant searches it: each event with its amount and counterparty, and
// filters by type, entity, party, business dates and amount, done by the API (SQL over the read
// models), paged with the same cursors both ways. Every filtered answer is checked against the
// whole journal filtered here by the rule the filter promises.
import { startApi, type Harness } from '../support/api-harness';
import { expectCreated, expectProblem, get, post } from '../support/http';
import { loadScenario, recordScenario } from '../support/scenario';

let api: Harness;

interface JournalEvent {
  position: number;
  streamId: string;
  type: string;
  effectiveDate: string | null;
  amount: string | null;
  counterparty: { partyId: string; name: string | null } | null;
  data: Record<string, unknown>;
}

interface Page {
  events: JournalEvent[];
  next: number | null;
  previous: number | null;
  headPosition: number;
  filter: Record<string, unknown>;
}

let all: JournalEvent[];

beforeAll(async () => {
  api = await startApi();
  await recordScenario(api, loadScenario('heerlen'));
  all = (await get(api, '/v1/journal?limit=500')).body.events;
}, 60_000);
afterAll(() => api.close());

/** Every page of a query, following `next`; checks that the pages join without a gap or a repeat. */
async function everyPage(query: string, limit: number): Promise<{ events: JournalEvent[]; pages: Page[] }> {
  const pages: Page[] = [];
  let after: number | null = 0;
  while (after !== null) {
    const response = await get(api, `/v1/journal?${query}&limit=${limit}&after=${after}`);
    expect(response.status).toBe(200);
    pages.push(response.body);
    after = response.body.next;
  }
  return { events: pages.flatMap((p) => p.events), pages };
}

const positions = (events: readonly JournalEvent[]) => events.map((e) => e.position);
const centsOf = (amount: string) => Math.round(Number(amount.replace('.', '')));

describe('the journal’s columns', () => {
  it('gives every money event its amount, as the event states it, in two decimals', () => {
    const withAmount = all.filter((e) => typeof e.data.amountCents === 'number');
    expect(withAmount.length).toBeGreaterThan(10);
    for (const event of withAmount) expect(centsOf(event.amount!)).toBe(event.data.amountCents);
    const order = all.find((e) => e.type === 'TrajectoriesPurchased')!;
    expect(centsOf(order.amount!)).toBe(order.data.totalCents);
    for (const event of all.filter((e) => e.type === 'ParticipantsEnrolled' || e.streamId.startsWith('access-'))) expect(event.amount).toBeNull();
  });

  it('names the party on the other side, with its name as registered', () => {
    const grant = all.find((e) => e.type === 'GrantAwarded')!;
    expect(grant.counterparty).toEqual({ partyId: grant.data.recipientPartyId, name: 'Stichting WerkvoorHeerlen' });
    const funding = all.find((e) => e.type === 'BudgetFunded')!;
    expect(funding.counterparty?.partyId).toBe(funding.data.funderPartyId);
    for (const payment of all.filter((e) => e.type === 'PurchasePaid')) expect(payment.counterparty?.partyId).toBe(payment.data.supplierPartyId);
  });
});

describe('GET /v1/journal with filters', () => {
  it('filters by type, and pages through the matches with next and back with previous', async () => {
    const wanted = all.filter((e) => e.type === 'BudgetFunded' || e.type === 'GrantAdvancePaid');
    expect(wanted.length).toBeGreaterThanOrEqual(5);
    const { events, pages } = await everyPage('type=BudgetFunded,GrantAdvancePaid', 2);
    expect(positions(events)).toEqual(positions(wanted));
    expect(pages.length).toBe(Math.ceil(wanted.length / 2));
    expect(pages[0].previous).toBeNull();
    // From the second page, `previous` leads back to the first page exactly.
    const third = (await get(api, `/v1/journal?type=BudgetFunded&type=GrantAdvancePaid&limit=2&after=${pages[1].next}`)).body as Page;
    expect(positions(third.events)).toEqual(positions(pages[2].events));
    const back = (await get(api, `/v1/journal?type=BudgetFunded,GrantAdvancePaid&limit=2&after=${third.previous}`)).body as Page;
    expect(positions(back.events)).toEqual(positions(pages[1].events));
    expect(back.previous).toBe(0);
    expect(pages[0].filter).toEqual({ types: ['BudgetFunded', 'GrantAdvancePaid'] });
  });

  it('filters by entity: a budget’s own events and everything charged to it', async () => {
    const budget = 'heerlen-maatwerk-reintegratie-2024';
    const wanted = all.filter((e) => e.streamId === `budget-${budget}` || e.data.budgetId === budget);
    const { events } = await everyPage(`entity=budget-${budget}`, 500);
    expect(positions(events)).toEqual(positions(wanted));
    expect(events.some((e) => e.streamId.startsWith('purchase-'))).toBe(true);
  });

  it('filters by party: what names it, and what its budgets paid', async () => {
    const reha = await everyPage('party=reha', 500);
    expect(reha.events.length).toBeGreaterThan(0);
    for (const event of reha.events) expect(event.counterparty?.partyId === 'reha' || event.streamId === 'party-reha').toBe(true);
    expect(positions(reha.events)).toEqual(positions(all.filter((e) => e.counterparty?.partyId === 'reha' || e.streamId === 'party-reha')));

    const budgets = (await get(api, '/v1/budgets')).body.entries.filter((b: { ownerPartyId: string }) => b.ownerPartyId === 'gemeente-heerlen').map((b: { budgetId: string }) => b.budgetId);
    const heerlen = await everyPage('party=gemeente-heerlen', 500);
    const expected = all.filter((e) => e.counterparty?.partyId === 'gemeente-heerlen' || e.streamId === 'party-gemeente-heerlen' || budgets.includes(e.data.budgetId));
    expect(positions(heerlen.events)).toEqual(positions(expected));
    expect(heerlen.events.some((e) => e.type === 'PurchasePaid')).toBe(true);
  });

  it('filters by business dates and by amount, both inclusive', async () => {
    const dated = await everyPage('from=2024-02-01&to=2024-06-30', 500);
    expect(positions(dated.events)).toEqual(positions(all.filter((e) => e.effectiveDate !== null && e.effectiveDate >= '2024-02-01' && e.effectiveDate <= '2024-06-30')));

    const large = await everyPage('amountMin=50000.00&amountMax=100000.00', 500);
    expect(large.events.length).toBeGreaterThan(0);
    expect(positions(large.events)).toEqual(positions(all.filter((e) => e.amount !== null && centsOf(e.amount) >= 5_000_000 && centsOf(e.amount) <= 10_000_000)));
  });

  it('combines filters, and ends at the cut as known then', async () => {
    const both = await everyPage('type=PurchasePaid&party=reha', 500);
    expect(positions(both.events)).toEqual(positions(all.filter((e) => e.type === 'PurchasePaid' && e.counterparty?.partyId === 'reha')));
    const cut = all[Math.floor(all.length / 2)].position;
    const then = (await get(api, `/v1/journal?asOf=${cut}&limit=500`)).body as Page;
    expect(then.headPosition).toBe(cut);
    expect(positions(then.events)).toEqual(positions(all.filter((e) => e.position <= cut)));
    expect(then.next).toBeNull();
  });

  it('answers a filter that matches nothing with an empty page', async () => {
    const none = (await get(api, '/v1/journal?party=nobody-here')).body as Page;
    expect(none).toMatchObject({ events: [], next: null, previous: null });
  });

  it('refuses a filter that is not one, as a 400 problem', async () => {
    for (const query of ['type=Nonsense', 'entity=foo-bar', 'entity=budget', 'party=Not%20An%20Id', 'asOf=yesterday']) {
      expectProblem(await get(api, `/v1/journal?${query}`), 400, 'validation');
    }
    expectProblem(await get(api, '/v1/journal?from=2024-02-30'), 400, 'invalid-date');
    for (const query of ['amountMin=12,50', 'amountMax=abc']) expectProblem(await get(api, `/v1/journal?${query}`), 400, 'invalid-amount');
  });
});

describe('corrections in a filtered journal', () => {
  it('shows a cancellation and a reversal under the programme, budget and party of what they correct', async () => {
    const order = { purchaseId: 'reha-correctie-2024', budgetId: 'heerlen-maatwerk-reintegratie-2024', programmeId: 'reha-trajecten-2024', supplierPartyId: 'reha', count: 2, unitPrice: '1000.00', targetGroup: 'Statushouders' };
    const source = { sourceReference: 'Correctie journaal' };
    expectCreated(await post(api, '/v1/purchases', { ...order, effectiveDate: '2024-09-01', ...source }));
    const paid = expectCreated(await post(api, `/v1/purchases/${order.purchaseId}/payments`, { paymentId: 'b1', amount: '500.00', effectiveDate: '2024-09-15', ...source }));
    const reversal = expectCreated(
      await post(api, '/v1/reversals', { reversalId: 'herstel-b1', streamId: `purchase-${order.purchaseId}`, eventId: paid.eventIds[0], reason: 'Dubbel', effectiveDate: '2024-09-20', ...source }),
    );
    const cancellation = expectCreated(await post(api, `/v1/purchases/${order.purchaseId}/cancellation`, { reason: 'Niet gestart', effectiveDate: '2024-10-01', ...source }));
    for (const query of ['entity=programme-reha-trajecten-2024', 'entity=budget-heerlen-maatwerk-reintegratie-2024', 'party=reha']) {
      const { events } = await everyPage(query, 500);
      const shown = events.filter((e) => e.streamId === `purchase-${order.purchaseId}`);
      expect([query, shown.map((e) => e.type)]).toEqual([query, ['TrajectoriesPurchased', 'PurchasePaid', 'EntryReversed', 'PurchaseCancelled']]);
      expect(shown.map((e) => e.position).slice(2)).toEqual([reversal.position, cancellation.position]);
    }
    // Each names the supplier it corrects a charge of, and no amount of its own.
    const { events } = await everyPage('entity=programme-reha-trajecten-2024', 500);
    expect(events.filter((e) => e.position >= reversal.position).map((e) => [e.type, e.counterparty?.partyId, e.amount])).toEqual([
      ['EntryReversed', 'reha', null],
      ['PurchaseCancelled', 'reha', null],
    ]);
  });
});
