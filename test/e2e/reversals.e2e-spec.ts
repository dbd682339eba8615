// Corrections over HTTP: an event is never edited, it is reversed by an EntryReversed that names
// it (by the id a command answered with) and says why. What is reversed, what is refused.
import { startApi, type Harness } from '../support/api-harness';
import { expectCreated, expectProblem, fresh, post, refusedWithoutWriting, streamEvents } from '../support/http';

let api: Harness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const BSN = '123456782'; // passes the elfproef
const SOURCE = { sourceReference: 'Controleverklaring 2024, bevinding 3' };
const UNKNOWN_EVENT_ID = '0190f3c4-9d7e-7c1a-8e2b-3a4b5c6d7e8f';

async function registerParty(): Promise<string> {
  const partyId = fresh('gemeente');
  expectCreated(
    await post(api, '/v1/parties', { partyId, name: 'Gemeente Heerlen', kind: 'municipality', effectiveDate: '2024-01-01', ...SOURCE }),
  );
  return partyId;
}

async function openBudget(): Promise<{ budgetId: string; openedEventId: string }> {
  const budgetId = fresh('begroting');
  const response = await post(api, '/v1/budgets', {
    budgetId,
    ownerPartyId: await registerParty(),
    name: 'Maatwerkbudget re-integratie',
    fiscalYear: 2024,
    taakveld: '6.4',
    effectiveDate: '2024-01-01',
    ...SOURCE,
  });
  expectCreated(response);
  return { budgetId, openedEventId: response.body.eventIds[0] };
}

/** Records a command and gives back the id of the event it wrote. */
async function recorded(path: string, body: Record<string, unknown>): Promise<string> {
  const response = await post(api, path, { effectiveDate: '2024-02-01', ...SOURCE, ...body });
  expectCreated(response);
  expect(response.body.eventIds).toHaveLength(1);
  return response.body.eventIds[0];
}

const fund = (budgetId: string, amount = '1000.00') =>
  recorded(`/v1/budgets/${budgetId}/fundings`, { fundingId: fresh('inflow'), source: 'own-means', amount });

const reversal = (streamId: string, eventId: string, change: Record<string, unknown> = {}) => ({
  reversalId: fresh('correctie'),
  streamId,
  eventId,
  reason: 'Bedrag dubbel geboekt',
  effectiveDate: '2024-07-01',
  ...SOURCE,
  ...change,
});

async function lastEvent(streamId: string) {
  const events = await streamEvents(api, streamId);
  return events[events.length - 1];
}

async function expectRefused(body: unknown, status: number, kind: string) {
  const response = await refusedWithoutWriting(api, () => post(api, '/v1/reversals', body));
  return expectProblem(response, status, kind);
}

describe('POST /v1/reversals: reversing an event', () => {
  it('writes an EntryReversed on the event\'s stream that names it and why', async () => {
    const { budgetId } = await openBudget();
    const fundedId = await fund(budgetId);
    const body = reversal(`budget-${budgetId}`, fundedId);
    const response = await post(api, '/v1/reversals', body);
    const created = expectCreated(response);
    expect(created).toMatchObject({ id: budgetId, streamId: `budget-${budgetId}`, revision: 2 });
    expect(created.position).toBe((await api.journalHead()).treeSize);
    expect(response.body.eventIds).toHaveLength(1);
    expect(await lastEvent(`budget-${budgetId}`)).toMatchObject({
      id: response.body.eventIds[0],
      type: 'EntryReversed',
      data: { reversalId: body.reversalId, reversedEventId: fundedId, reversedEventType: 'BudgetFunded', reason: body.reason },
    });
  });

  it('takes the reversed event out of the state the next command is decided on', async () => {
    const { budgetId } = await openBudget();
    // A funding at the bound leaves no room for another cent until it is reversed.
    const fullId = await fund(budgetId, '10000000000.00');
    const more = { fundingId: fresh('inflow'), source: 'own-means', amount: '0.01', effectiveDate: '2024-03-01', ...SOURCE };
    expectProblem(await post(api, `/v1/budgets/${budgetId}/fundings`, more), 400, 'invalid-amount');
    expectCreated(await post(api, '/v1/reversals', reversal(`budget-${budgetId}`, fullId)));
    expectCreated(await post(api, `/v1/budgets/${budgetId}/fundings`, more));
  });

  it('reverses a count on a programme the same way', async () => {
    const programmeId = fresh('pilot');
    const launched = await post(api, '/v1/programmes', {
      programmeId,
      ownerPartyId: await registerParty(),
      name: 'Pilot re-integratie',
      effectiveDate: '2024-01-01',
      ...SOURCE,
    });
    expectCreated(launched);
    const enrolledId = await recorded(`/v1/programmes/${programmeId}/participants`, { enrolmentId: 'instroom', count: 1_000_000 });
    const one = { enrolmentId: 'nog-een', count: 1, effectiveDate: '2024-03-01', ...SOURCE };
    expectProblem(await post(api, `/v1/programmes/${programmeId}/participants`, one), 422, 'invalid-value');
    const created = expectCreated(await post(api, '/v1/reversals', reversal(`programme-${programmeId}`, enrolledId)));
    expect(created).toMatchObject({ id: programmeId, streamId: `programme-${programmeId}`, revision: 2 });
    expectCreated(await post(api, `/v1/programmes/${programmeId}/participants`, one));
  });

  it('reverses both sides of a transfer: the target budget gets its EntryReversed too', async () => {
    const from = await openBudget();
    const to = await openBudget();
    const transferId = fresh('overheveling');
    const outId = await recorded(`/v1/budgets/${from.budgetId}/transfers`, { transferId, toBudgetId: to.budgetId, amount: '500.00' });
    const before = await api.journalHead();
    const response = await post(api, '/v1/reversals', reversal(`budget-${from.budgetId}`, outId));
    expect(expectCreated(response)).toMatchObject({ streamId: `budget-${from.budgetId}`, revision: 2 });
    expect((await api.journalHead()).treeSize).toBe(before.treeSize + 2);
    expect(await lastEvent(`budget-${to.budgetId}`)).toMatchObject({
      type: 'EntryReversed',
      revision: 2,
      data: { reversedEventType: 'BudgetTransferredIn', originEventId: outId, reversedEventKey: `${from.budgetId}/${transferId}` },
    });
    // The target stream moved on: a command there with the old revision is stale.
    const funding = { fundingId: fresh('inflow'), source: 'own-means', amount: '1.00', effectiveDate: '2024-08-01', ...SOURCE };
    expectProblem(await post(api, `/v1/budgets/${to.budgetId}/fundings`, funding, { 'If-Match': '"1"' }), 409, 'revision-conflict');
    expectCreated(await post(api, `/v1/budgets/${to.budgetId}/fundings`, funding, { 'If-Match': '"2"' }));
  });

  it('reverses the event that created an entity once nothing follows it; the entity is then gone', async () => {
    const { budgetId, openedEventId } = await openBudget();
    expectCreated(await post(api, '/v1/reversals', reversal(`budget-${budgetId}`, openedEventId)));
    const funding = { fundingId: fresh('inflow'), source: 'own-means', amount: '1.00', effectiveDate: '2024-08-01', ...SOURCE };
    const problem = expectProblem(await post(api, `/v1/budgets/${budgetId}/fundings`, funding), 422, 'unknown-reference');
    expect(problem.field).toBe('budgetId');
  });
});

describe('POST /v1/reversals: what cannot be reversed', () => {
  it('refuses an event id the stream does not hold, writing nothing', async () => {
    const { budgetId } = await openBudget();
    const problem = await expectRefused(reversal(`budget-${budgetId}`, UNKNOWN_EVENT_ID), 422, 'unknown-reference');
    expect(problem.field).toBe('eventId');
  });

  it('refuses an event of another stream, writing nothing', async () => {
    const { budgetId } = await openBudget();
    const other = await openBudget();
    const fundedElsewhere = await fund(other.budgetId);
    await expectRefused(reversal(`budget-${budgetId}`, fundedElsewhere), 422, 'unknown-reference');
  });

  it('answers 404 for a stream that does not exist', async () => {
    await expectRefused(reversal('budget-no-such-budget', UNKNOWN_EVENT_ID), 404, 'not-found');
  });

  it('refuses a second reversal of the same event, writing nothing', async () => {
    const { budgetId } = await openBudget();
    const fundedId = await fund(budgetId);
    expectCreated(await post(api, '/v1/reversals', reversal(`budget-${budgetId}`, fundedId)));
    const problem = await expectRefused(reversal(`budget-${budgetId}`, fundedId), 409, 'invalid-state');
    expect(problem.field).toBe('eventId');
  });

  it('refuses to reverse a reversal', async () => {
    const { budgetId } = await openBudget();
    const fundedId = await fund(budgetId);
    const first = await post(api, '/v1/reversals', reversal(`budget-${budgetId}`, fundedId));
    expectCreated(first);
    await expectRefused(reversal(`budget-${budgetId}`, first.body.eventIds[0]), 409, 'invalid-state');
  });

  it('refuses to reverse the incoming side of a transfer on the target: it is reversed on the sender', async () => {
    const from = await openBudget();
    const to = await openBudget();
    await recorded(`/v1/budgets/${from.budgetId}/transfers`, { transferId: fresh('overheveling'), toBudgetId: to.budgetId, amount: '5.00' });
    const incoming = await lastEvent(`budget-${to.budgetId}`);
    expect(incoming.type).toBe('BudgetTransferredIn');
    await expectRefused(reversal(`budget-${to.budgetId}`, incoming.id), 409, 'invalid-state');
  });

  it('refuses to reverse the event that created an entity while entries follow it', async () => {
    const { budgetId, openedEventId } = await openBudget();
    await fund(budgetId);
    await expectRefused(reversal(`budget-${budgetId}`, openedEventId), 409, 'invalid-state');
  });

  it.each([
    ['an event id that is not a UUID', { eventId: 'the-funding' }, 400, 'validation'],
    ['a stream that is not a ledger stream', { streamId: 'access-principals' }, 400, 'validation'],
    ['a stream without an id', { streamId: 'budget' }, 400, 'validation'],
    ['a stream with capitals', { streamId: 'Budget-2024' }, 400, 'validation'],
    ['no reversal id', { reversalId: undefined }, 400, 'validation'],
    ['a blank reason', { reason: ' ' }, 400, 'validation'],
    ['an unknown field', { amount: '-1000.00' }, 400, 'validation'],
    ['a date that does not exist', { effectiveDate: '2024-02-30' }, 400, 'invalid-date'],
    ['a BSN in the reason', { reason: `Geboekt op ${BSN}` }, 422, 'personal-data'],
    ['a BSN as the stream id', { streamId: `budget-${BSN}` }, 422, 'personal-data'],
  ])('refuses %s, writing nothing', async (_what, change, status, kind) => {
    const { budgetId } = await openBudget();
    const fundedId = await fund(budgetId);
    await expectRefused(reversal(`budget-${budgetId}`, fundedId, change), status, kind);
  });
});

describe('POST /v1/reversals: retries', () => {
  it('answers a retry as the first time, also with the event id in capitals, writing nothing', async () => {
    const { budgetId } = await openBudget();
    const fundedId = await fund(budgetId);
    const body = reversal(`budget-${budgetId}`, fundedId);
    const first = expectCreated(await post(api, '/v1/reversals', body));
    const before = await api.journalHead();
    for (const again of [body, { ...body, eventId: fundedId.toUpperCase() }]) {
      const response = await post(api, '/v1/reversals', again);
      expect(response.status).toBe(201);
      expect(response.headers['idempotent-replayed']).toBe('true');
      expect(response.body).toEqual(first);
    }
    expect(await api.journalHead()).toEqual(before);
  });

  it('answers a retry of a transfer reversal without reversing the target twice', async () => {
    const from = await openBudget();
    const to = await openBudget();
    const outId = await recorded(`/v1/budgets/${from.budgetId}/transfers`, { transferId: fresh('overheveling'), toBudgetId: to.budgetId, amount: '5.00' });
    const body = reversal(`budget-${from.budgetId}`, outId);
    expectCreated(await post(api, '/v1/reversals', body));
    const before = await api.journalHead();
    const again = await post(api, '/v1/reversals', body);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await api.journalHead()).toEqual(before);
    expect((await streamEvents(api, `budget-${to.budgetId}`)).filter((e) => e.type === 'EntryReversed')).toHaveLength(1);
  });

  it.each([
    ['another reason', (eventIds: string[]) => ({ eventId: eventIds[0], reason: 'Verkeerde begroting' })],
    ['another event', (eventIds: string[]) => ({ eventId: eventIds[1] })],
  ])('refuses the same reversal id with %s as an idempotency conflict', async (_what, change) => {
    const { budgetId } = await openBudget();
    const eventIds = [await fund(budgetId), await fund(budgetId)];
    const body = reversal(`budget-${budgetId}`, eventIds[0]);
    expectCreated(await post(api, '/v1/reversals', body));
    await expectRefused({ ...body, ...change(eventIds) }, 409, 'idempotency-conflict');
  });
});
