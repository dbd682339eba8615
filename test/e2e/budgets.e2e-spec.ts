// Budgets over HTTP: open, fund, amend, allocate, transfer — every endpoint's answer, every
// refusal it gives (and that a refusal writes nothing), and retries by client id.
import { startApi, type Harness } from '../support/api-harness';
import { expectCreated, expectProblem, fresh, post, refusedWithoutWriting, streamEvents } from '../support/http';

let api: Harness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const BSN = '123456782'; // passes the elfproef
const SOURCE = { sourceReference: 'Besluit B&W 2024-0412' };

async function registerParty(kind = 'municipality'): Promise<string> {
  const partyId = fresh('partij');
  expectCreated(
    await post(api, '/v1/parties', { partyId, name: 'Gemeente Heerlen', kind, effectiveDate: '2024-01-01', ...SOURCE }),
  );
  return partyId;
}

const openBody = (budgetId: string, ownerPartyId: string, change: Record<string, unknown> = {}) => ({
  budgetId,
  ownerPartyId,
  name: 'Maatwerkbudget re-integratie',
  fiscalYear: 2024,
  taakveld: '6.4',
  effectiveDate: '2024-01-01',
  ...SOURCE,
  ...change,
});

async function openBudget(ownerPartyId?: string): Promise<{ budgetId: string; owner: string }> {
  const owner = ownerPartyId ?? (await registerParty());
  const budgetId = fresh('begroting');
  expectCreated(await post(api, '/v1/budgets', openBody(budgetId, owner)));
  return { budgetId, owner };
}

async function launchProgramme(ownerPartyId: string): Promise<string> {
  const programmeId = fresh('pilot');
  expectCreated(
    await post(api, '/v1/programmes', {
      programmeId,
      ownerPartyId,
      name: 'Pilot re-integratie',
      effectiveDate: '2024-01-01',
      ...SOURCE,
    }),
  );
  return programmeId;
}

const funding = (change: Record<string, unknown> = {}) => ({
  fundingId: fresh('inflow'),
  source: 'own-means',
  amount: '500000.00',
  effectiveDate: '2024-01-02',
  ...SOURCE,
  ...change,
});
const amendment = (change: Record<string, unknown> = {}) => ({
  amendmentId: fresh('bw'),
  amount: '-25000.00',
  reason: 'Tweede bestuursrapportage',
  effectiveDate: '2024-06-01',
  ...SOURCE,
  ...change,
});
const allocation = (change: Record<string, unknown> = {}) => ({
  lineId: fresh('regel'),
  description: 'Producten provider ReHa',
  amount: '30000.00',
  effectiveDate: '2024-02-01',
  ...SOURCE,
  ...change,
});
const transfer = (toBudgetId: string, change: Record<string, unknown> = {}) => ({
  transferId: fresh('overheveling'),
  toBudgetId,
  amount: '50000.00',
  effectiveDate: '2024-03-01',
  ...SOURCE,
  ...change,
});

/** Money that cannot be an amount anywhere: each refused as invalid-amount. */
const BAD_MONEY: [string, unknown][] = [
  ['three decimals "12.345"', '12.345'],
  ['an exponent "1e5"', '1e5'],
  ['a negative number -5', -5],
  ['a float 12.5 as a number', 12.5],
  ['one decimal "12.5"', '12.5'],
  ['Dutch notation "1.000,00"', '1.000,00'],
  ['above the bound "10000000000.01"', '10000000000.01'],
  ['no amount at all', undefined],
];
/** Amounts that are money but not an amount here. */
const NOT_POSITIVE: [string, unknown][] = [
  ['zero "0.00"', '0.00'],
  ['a negative amount "-5.00"', '-5.00'],
];

async function lastEvent(streamId: string) {
  const events = await streamEvents(api, streamId);
  return events[events.length - 1];
}

async function expectRefused(path: string, body: unknown, status: number, kind: string) {
  const response = await refusedWithoutWriting(api, () => post(api, path, body));
  return expectProblem(response, status, kind);
}

async function expectReplayed(path: string, body: unknown, first: unknown) {
  const before = await api.journalHead();
  const again = await post(api, path, body);
  expect(again.status).toBe(201);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(again.body).toEqual(first);
  expect(await api.journalHead()).toEqual(before);
}

describe('POST /v1/budgets', () => {
  it('opens a budget: 201 with its id, revision 0 and the position of its BudgetOpened', async () => {
    const owner = await registerParty();
    const budgetId = fresh('begroting');
    const response = await post(api, '/v1/budgets', openBody(budgetId, owner));
    const body = expectCreated(response);
    expect(body).toMatchObject({ id: budgetId, streamId: `budget-${budgetId}`, revision: 0 });
    expect(body.position).toBe((await api.journalHead()).treeSize);
    expect(response.headers.etag).toBe('"0"');
    const opened = await lastEvent(`budget-${budgetId}`);
    expect(opened).toMatchObject({
      id: response.body.eventIds[0],
      type: 'BudgetOpened',
      data: { budgetId, ownerPartyId: owner, fiscalYear: 2024, taakveld: '6.4' },
    });
  });

  it.each([
    ['an unknown field', { colour: 'blue' }, 400, 'validation'],
    ['an id with capitals', { budgetId: 'Begroting-2024' }, 400, 'validation'],
    ['a fiscal year as a string', { fiscalYear: '2024' }, 400, 'validation'],
    ['a fiscal year that is not whole', { fiscalYear: 2024.5 }, 400, 'validation'],
    ['a fiscal year before 2000', { fiscalYear: 1999 }, 400, 'validation'],
    ['a taakveld that is not Iv3', { taakveld: '64' }, 400, 'validation'],
    ['a blank name', { name: '   ' }, 400, 'validation'],
    ['no source reference', { sourceReference: undefined }, 400, 'validation'],
    ['a date that does not exist', { effectiveDate: '2023-02-29' }, 400, 'invalid-date'],
    ['a date without leading zeros', { effectiveDate: '2024-6-1' }, 400, 'invalid-date'],
    ['a date as a number', { effectiveDate: 20240101 }, 400, 'invalid-date'],
    ['a BSN in the name', { name: `Budget ${BSN}` }, 422, 'personal-data'],
    ['a BSN in the source reference', { sourceReference: `brief ${BSN}` }, 422, 'personal-data'],
  ])('refuses %s, writing nothing', async (_what, change, status, kind) => {
    const owner = await registerParty();
    await expectRefused('/v1/budgets', openBody(fresh('begroting'), owner, change), status, kind);
  });

  it('refuses an unknown owner party as an unknown reference, writing nothing', async () => {
    const problem = await expectRefused('/v1/budgets', openBody(fresh('begroting'), 'no-such-party'), 422, 'unknown-reference');
    expect(problem.field).toBe('ownerPartyId');
  });

  it('answers a retry as the first time (Idempotent-Replayed), writing nothing', async () => {
    const owner = await registerParty();
    const budgetId = fresh('begroting');
    const first = expectCreated(await post(api, '/v1/budgets', openBody(budgetId, owner)));
    await expectReplayed('/v1/budgets', openBody(budgetId, owner), first);
  });

  it.each([
    ['another name', { name: 'Participatiebudget' }],
    ['another source reference', { sourceReference: 'Besluit B&W 2024-0999' }],
  ])('refuses the same budget id with %s as an idempotency conflict', async (_what, change) => {
    const owner = await registerParty();
    const budgetId = fresh('begroting');
    expectCreated(await post(api, '/v1/budgets', openBody(budgetId, owner)));
    await expectRefused('/v1/budgets', openBody(budgetId, owner, change), 409, 'idempotency-conflict');
  });
});

describe('POST /v1/budgets/{id}/fundings', () => {
  it('records own means: 201 with the next revision and the inflow from the owner', async () => {
    const { budgetId, owner } = await openBudget();
    const body = funding();
    const created = expectCreated(await post(api, `/v1/budgets/${budgetId}/fundings`, body));
    expect(created).toMatchObject({ id: budgetId, streamId: `budget-${budgetId}`, revision: 1 });
    expect(created.position).toBe((await api.journalHead()).treeSize);
    expect((await lastEvent(`budget-${budgetId}`)).data).toMatchObject({
      fundingId: body.fundingId,
      source: 'own-means',
      funderPartyId: owner,
      amountCents: 50_000_000,
    });
  });

  it('records an outside funder earmarked for a programme', async () => {
    const { budgetId, owner } = await openBudget();
    const funder = await registerParty('region');
    const programmeId = await launchProgramme(owner);
    const body = funding({ source: 'outside-funder', funderPartyId: funder, amount: '100000.00', earmarkProgrammeId: programmeId });
    expectCreated(await post(api, `/v1/budgets/${budgetId}/fundings`, body));
    expect((await lastEvent(`budget-${budgetId}`)).data).toMatchObject({
      funderPartyId: funder,
      amountCents: 10_000_000,
      earmarkProgrammeId: programmeId,
    });
  });

  it.each([...BAD_MONEY, ...NOT_POSITIVE])('refuses %s as an invalid amount, writing nothing', async (_what, amount) => {
    const { budgetId } = await openBudget();
    await expectRefused(`/v1/budgets/${budgetId}/fundings`, funding({ amount }), 400, 'invalid-amount');
  });

  it.each([
    ['an unknown source', { source: 'gift' }, 400, 'validation'],
    ['a funding id with spaces', { fundingId: 'rijks bijdrage' }, 400, 'validation'],
    ['an unknown field', { budgetId: 'other' }, 400, 'validation'],
    ['a date that does not exist', { effectiveDate: '2024-13-01' }, 400, 'invalid-date'],
    ['a BSN in the source reference', { sourceReference: `dossier ${BSN}` }, 422, 'personal-data'],
    ['a BSN as the funding id', { fundingId: BSN }, 422, 'personal-data'],
    ['an outside funder without a funder', { source: 'outside-funder' }, 422, 'invalid-value'],
    ['an unknown funder', { source: 'outside-funder', funderPartyId: 'no-such-party' }, 422, 'unknown-reference'],
    ['an earmark for an unknown programme', { earmarkProgrammeId: 'no-such-programme' }, 422, 'unknown-reference'],
  ])('refuses %s, writing nothing', async (_what, change, status, kind) => {
    const { budgetId } = await openBudget();
    await expectRefused(`/v1/budgets/${budgetId}/fundings`, funding(change), status, kind);
  });

  it('refuses own means from a party other than the owner', async () => {
    const { budgetId } = await openBudget();
    const other = await registerParty();
    const problem = await expectRefused(`/v1/budgets/${budgetId}/fundings`, funding({ funderPartyId: other }), 422, 'invalid-value');
    expect(problem.field).toBe('funderPartyId');
  });

  it('refuses inflows that together would pass the bound of an amount', async () => {
    const { budgetId } = await openBudget();
    expectCreated(await post(api, `/v1/budgets/${budgetId}/fundings`, funding({ amount: '10000000000.00' })));
    await expectRefused(`/v1/budgets/${budgetId}/fundings`, funding({ amount: '0.01' }), 400, 'invalid-amount');
  });

  it('answers 404 for a budget that does not exist and 400 for a path id that cannot be one', async () => {
    await expectRefused('/v1/budgets/no-such-budget/fundings', funding(), 404, 'not-found');
    await expectRefused('/v1/budgets/No_Such/fundings', funding(), 400, 'validation');
    await expectRefused(`/v1/budgets/${BSN}/fundings`, funding(), 422, 'personal-data');
  });

  it('answers a retry as the first time, and refuses the same funding id with another amount', async () => {
    const { budgetId } = await openBudget();
    const body = funding();
    const first = expectCreated(await post(api, `/v1/budgets/${budgetId}/fundings`, body));
    await expectReplayed(`/v1/budgets/${budgetId}/fundings`, body, first);
    await expectRefused(`/v1/budgets/${budgetId}/fundings`, { ...body, amount: '500000.01' }, 409, 'idempotency-conflict');
  });
});

describe('POST /v1/budgets/{id}/amendments', () => {
  it('records a signed amendment, a cut as well as an increase', async () => {
    const { budgetId } = await openBudget();
    expectCreated(await post(api, `/v1/budgets/${budgetId}/fundings`, funding({ amount: '100000.00' })));
    const cut = expectCreated(await post(api, `/v1/budgets/${budgetId}/amendments`, amendment({ amount: '-25000.00' })));
    expect(cut).toMatchObject({ id: budgetId, revision: 2 });
    expect(cut.position).toBe((await api.journalHead()).treeSize);
    expect((await lastEvent(`budget-${budgetId}`)).data).toMatchObject({ amountCents: -2_500_000 });
    expect((await lastEvent(`budget-${budgetId}`)).data.flags).toBeUndefined();
    const raise = expectCreated(await post(api, `/v1/budgets/${budgetId}/amendments`, amendment({ amount: '12000.50' })));
    expect(raise.revision).toBe(3);
    expect((await lastEvent(`budget-${budgetId}`)).data).toMatchObject({ amountCents: 1_200_050 });
  });

  it('records a cut below zero, flagged for the findings', async () => {
    const { budgetId } = await openBudget();
    expectCreated(await post(api, `/v1/budgets/${budgetId}/amendments`, amendment({ amount: '-1.00' })));
    expect((await lastEvent(`budget-${budgetId}`)).data.flags).toEqual(['budget-below-zero']);
  });

  it.each([...BAD_MONEY, ['zero "0.00"', '0.00'], ['minus zero "-0.00"', '-0.00']])(
    'refuses %s as an invalid amount, writing nothing',
    async (_what, amount) => {
      const { budgetId } = await openBudget();
      await expectRefused(`/v1/budgets/${budgetId}/amendments`, amendment({ amount }), 400, 'invalid-amount');
    },
  );

  it.each([
    ['no reason', { reason: undefined }, 400, 'validation'],
    ['a reason of 501 characters', { reason: 'x'.repeat(501) }, 400, 'validation'],
    ['a date that does not exist', { effectiveDate: '2024-04-31' }, 400, 'invalid-date'],
    ['a BSN in the reason', { reason: `Correctie voor ${BSN}` }, 422, 'personal-data'],
    ['a BSN written 4-2-3 in the reason', { reason: 'Correctie voor 1234.56.782' }, 422, 'personal-data'],
  ])('refuses %s, writing nothing', async (_what, change, status, kind) => {
    const { budgetId } = await openBudget();
    await expectRefused(`/v1/budgets/${budgetId}/amendments`, amendment(change), status, kind);
  });

  it('answers 404 for an amendment of a budget that does not exist', async () => {
    await expectRefused('/v1/budgets/no-such-budget/amendments', amendment(), 404, 'not-found');
  });

  it('answers a retry as the first time, and refuses the same amendment id with another reason', async () => {
    const { budgetId } = await openBudget();
    const body = amendment();
    const first = expectCreated(await post(api, `/v1/budgets/${budgetId}/amendments`, body));
    await expectReplayed(`/v1/budgets/${budgetId}/amendments`, body, first);
    await expectRefused(`/v1/budgets/${budgetId}/amendments`, { ...body, reason: 'Voorjaarsnota' }, 409, 'idempotency-conflict');
  });
});

describe('POST /v1/budgets/{id}/allocations', () => {
  it('allocates a line within the budget, unflagged', async () => {
    const { budgetId } = await openBudget();
    expectCreated(await post(api, `/v1/budgets/${budgetId}/fundings`, funding({ amount: '100000.00' })));
    const body = allocation({ amount: '30000.00' });
    const created = expectCreated(await post(api, `/v1/budgets/${budgetId}/allocations`, body));
    expect(created).toMatchObject({ id: budgetId, revision: 2 });
    expect(created.position).toBe((await api.journalHead()).treeSize);
    const allocated = await lastEvent(`budget-${budgetId}`);
    expect(allocated).toMatchObject({ type: 'BudgetAllocated', data: { lineId: body.lineId, amountCents: 3_000_000 } });
    expect(allocated.data.flags).toBeUndefined();
  });

  it('records lines above the budget, flagged for the findings', async () => {
    const { budgetId } = await openBudget();
    expectCreated(await post(api, `/v1/budgets/${budgetId}/fundings`, funding({ amount: '100.00' })));
    expectCreated(await post(api, `/v1/budgets/${budgetId}/allocations`, allocation({ amount: '100.01' })));
    expect((await lastEvent(`budget-${budgetId}`)).data.flags).toEqual(['allocated-above-budget']);
  });

  it.each([...BAD_MONEY, ...NOT_POSITIVE])('refuses %s as an invalid amount, writing nothing', async (_what, amount) => {
    const { budgetId } = await openBudget();
    await expectRefused(`/v1/budgets/${budgetId}/allocations`, allocation({ amount }), 400, 'invalid-amount');
  });

  it.each([
    ['a blank description', { description: '' }, 400, 'validation'],
    ['a line id starting with a dash', { lineId: '-reha' }, 400, 'validation'],
    ['a date that does not exist', { effectiveDate: '2024-02-30' }, 400, 'invalid-date'],
    ['a BSN in the description', { description: `Traject ${BSN}` }, 422, 'personal-data'],
  ])('refuses %s, writing nothing', async (_what, change, status, kind) => {
    const { budgetId } = await openBudget();
    await expectRefused(`/v1/budgets/${budgetId}/allocations`, allocation(change), status, kind);
  });

  it('answers 404 for a line on a budget that does not exist', async () => {
    await expectRefused('/v1/budgets/no-such-budget/allocations', allocation(), 404, 'not-found');
  });

  it('answers a retry as the first time, and refuses the same line id with another amount', async () => {
    const { budgetId } = await openBudget();
    const body = allocation();
    const first = expectCreated(await post(api, `/v1/budgets/${budgetId}/allocations`, body));
    await expectReplayed(`/v1/budgets/${budgetId}/allocations`, body, first);
    await expectRefused(`/v1/budgets/${budgetId}/allocations`, { ...body, amount: '1.00' }, 409, 'idempotency-conflict');
  });
});

describe('POST /v1/budgets/{id}/transfers', () => {
  async function twoBudgets() {
    const from = await openBudget();
    expectCreated(await post(api, `/v1/budgets/${from.budgetId}/fundings`, funding({ amount: '100000.00' })));
    const to = await openBudget(await registerParty('joint-arrangement'));
    return { from: from.budgetId, to: to.budgetId, owner: from.owner };
  }

  it('writes BudgetTransferredOut on the sender and BudgetTransferredIn on the target', async () => {
    const { from, to } = await twoBudgets();
    const before = await api.journalHead();
    const body = transfer(to, { amount: '40000.00' });
    const response = await post(api, `/v1/budgets/${from}/transfers`, body);
    const created = expectCreated(response);
    expect(created).toMatchObject({ id: from, streamId: `budget-${from}`, revision: 2 });
    expect((await api.journalHead()).treeSize).toBe(before.treeSize + 2);
    const out = await lastEvent(`budget-${from}`);
    expect(out).toMatchObject({ id: response.body.eventIds[0], type: 'BudgetTransferredOut', position: created.position - 1 });
    expect(out.data.flags).toBeUndefined();
    const incoming = await lastEvent(`budget-${to}`);
    expect(incoming).toMatchObject({
      type: 'BudgetTransferredIn',
      revision: 1,
      data: { budgetId: to, fromBudgetId: from, transferId: body.transferId, amountCents: 4_000_000 },
      metadata: { mirrorOf: { streamId: `budget-${from}`, eventId: response.body.eventIds[0] } },
    });
  });

  it('moves the target budget to its next revision, as a command with If-Match on it shows', async () => {
    const { from, to } = await twoBudgets();
    expectCreated(await post(api, `/v1/budgets/${from}/transfers`, transfer(to)));
    const stale = await refusedWithoutWriting(api, () =>
      post(api, `/v1/budgets/${to}/fundings`, funding(), { 'If-Match': '"0"' }),
    );
    expect(expectProblem(stale, 409, 'revision-conflict').currentRevision).toBe(1);
    const current = await post(api, `/v1/budgets/${to}/fundings`, funding(), { 'If-Match': '"1"' });
    expect(expectCreated(current).revision).toBe(2);
  });

  it('carries an earmark for a programme to both sides', async () => {
    const { from, to, owner } = await twoBudgets();
    const programmeId = await launchProgramme(owner);
    expectCreated(await post(api, `/v1/budgets/${from}/transfers`, transfer(to, { earmarkProgrammeId: programmeId })));
    expect((await lastEvent(`budget-${from}`)).data.earmarkProgrammeId).toBe(programmeId);
    expect((await lastEvent(`budget-${to}`)).data.earmarkProgrammeId).toBe(programmeId);
  });

  it('records a transfer of more than the budget holds, flagged for the findings', async () => {
    const { from, to } = await twoBudgets();
    expectCreated(await post(api, `/v1/budgets/${from}/transfers`, transfer(to, { amount: '100000.01' })));
    expect((await lastEvent(`budget-${from}`)).data.flags).toEqual(['transferred-above-budget']);
  });

  it.each([...BAD_MONEY, ...NOT_POSITIVE])('refuses %s as an invalid amount, writing nothing', async (_what, amount) => {
    const { from, to } = await twoBudgets();
    await expectRefused(`/v1/budgets/${from}/transfers`, transfer(to, { amount }), 400, 'invalid-amount');
  });

  it.each([
    ['a target id that cannot be an id', { toBudgetId: 'WSP Parkstad' }, 400, 'validation'],
    ['no target', { toBudgetId: undefined }, 400, 'validation'],
    ['a date that does not exist', { effectiveDate: '2024-00-10' }, 400, 'invalid-date'],
    ['a BSN in the source reference', { sourceReference: `${BSN}` }, 422, 'personal-data'],
    ['an unknown target budget', { toBudgetId: 'no-such-budget' }, 422, 'unknown-reference'],
    ['an earmark for an unknown programme', { earmarkProgrammeId: 'no-such-programme' }, 422, 'unknown-reference'],
  ])('refuses %s, writing nothing', async (_what, change, status, kind) => {
    const { from, to } = await twoBudgets();
    await expectRefused(`/v1/budgets/${from}/transfers`, transfer(to, change), status, kind);
  });

  it('refuses a transfer of a budget to itself', async () => {
    const { from } = await twoBudgets();
    const problem = await expectRefused(`/v1/budgets/${from}/transfers`, transfer(from), 422, 'invalid-value');
    expect(problem.field).toBe('toBudgetId');
  });

  it('answers 404 for a transfer from a budget that does not exist', async () => {
    const { to } = await twoBudgets();
    await expectRefused('/v1/budgets/no-such-budget/transfers', transfer(to), 404, 'not-found');
  });

  it('answers a retry as the first time without a second incoming side, and refuses other content', async () => {
    const { from, to } = await twoBudgets();
    const body = transfer(to);
    const first = expectCreated(await post(api, `/v1/budgets/${from}/transfers`, body));
    await expectReplayed(`/v1/budgets/${from}/transfers`, body, first);
    expect((await streamEvents(api, `budget-${to}`)).filter((e) => e.type === 'BudgetTransferredIn')).toHaveLength(1);
    await expectRefused(`/v1/budgets/${from}/transfers`, { ...body, amount: '1.00' }, 409, 'idempotency-conflict');
  });
});
