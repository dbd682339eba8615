// Expenses over HTTP: own staff booked month by month, hired staff committed, invoiced and paid, a
// wage-cost subsidy to an employer per period, operating costs cancelled part-paid, a contribution
// to a joint arrangement; their figures to the cent in a programme's cost and a budget's execution,
// and every refusal writing nothing. Real API, real SQLite store in a temporary folder.
import { startApi, type Harness } from '../support/api-harness';
import { expectCreated, expectProblem, fresh, get, post, refusedWithoutWriting, streamEvents } from '../support/http';
import { MoneyFlows, type Recorded } from '../support/money-flows';
import { parseMoney } from '@geldstroom/ledger';

let api: Harness;
let flows: MoneyFlows;
/** The journal position just before the operating costs were cancelled. */
let beforeCancellation: number;

const OWNER = 'gemeente-uitgaven';
const AGENCY = 'uitzendbureau-zuid';
const EMPLOYER = 'bakkerij-de-korenbloem';
const JOINT = 'gr-werkbedrijf';
const BUDGET = 'uitgaven-participatie-2024';
const PROGRAMME = 'pilot-uitgaven-2024';
/** Where the requests of single tests are charged, so the figures above stay as recorded. */
const OTHER_BUDGET = 'uitgaven-overig-2024';
const OTHER_PROGRAMME = 'project-overig-2024';

beforeAll(async () => {
  api = await startApi();
  flows = new MoneyFlows(api);
  await flows.party(OWNER, 'Gemeente Uitgaven', 'municipality');
  await flows.party(AGENCY, 'Uitzendbureau Zuid', 'company');
  await flows.party(EMPLOYER, 'Bakkerij De Korenbloem', 'company');
  await flows.party(JOINT, 'GR Werkbedrijf', 'joint-arrangement');
  await flows.budget(BUDGET, OWNER, 2024, '6.4');
  await flows.fund(BUDGET, 'eigen-middelen', '1000000.00', '2024-01-02');
  await flows.allocate(BUDGET, 'inhuur', 'Inhuur jobcoaches', '40000.00', '2024-01-05');
  await flows.allocate(BUDGET, 'personeel', 'Eigen personeel', '100000.00', '2024-01-05');
  expectCreated(await post(api, '/v1/programmes', { programmeId: PROGRAMME, ownerPartyId: OWNER, name: 'Pilot participatie', effectiveDate: '2024-01-10', sourceReference: 'Raadsvoorstel' }));
  await flows.budget(OTHER_BUDGET, OWNER, 2024, '6.4');
  await flows.allocate(OTHER_BUDGET, 'inhuur', 'Inhuur', '10000.00', '2024-01-05');
  expectCreated(await post(api, '/v1/programmes', { programmeId: OTHER_PROGRAMME, ownerPartyId: OWNER, name: 'Project', effectiveDate: '2024-01-10', sourceReference: 'Raadsvoorstel' }));

  // Hired staff: € 30.000 committed on its line, € 15.000 invoiced, € 12.345,67 paid.
  await flows.commitExpense('inhuur-jobcoach', 'hired-staff', BUDGET, AGENCY, '30000.00', '2024-02-01', { budgetLineId: 'inhuur', programmeId: PROGRAMME });
  await flows.invoiceExpense('inhuur-jobcoach', 'factuur-1', '15000.00', '2024-03-31');
  await flows.payExpense('inhuur-jobcoach', 'betaling-1', '12345.67', '2024-04-15');
  // Own staff, booked as paid: January and February.
  await flows.bookExpense('personeel-team', 'januari', 'personnel', BUDGET, OWNER, '47166.67', '2024-01-25', {
    budgetLineId: 'personeel',
    programmeId: PROGRAMME,
    period: { from: '2024-01-01', to: '2024-01-31' },
  });
  await flows.addBooking('personeel-team', 'februari', '47166.66', '2024-02-25', { from: '2024-02-01', to: '2024-02-29' });
  // A wage-cost subsidy to one employer for the first quarter.
  await flows.bookExpense('lks-korenbloem-q1', 'q1', 'wage-cost-subsidy', BUDGET, EMPLOYER, '9000.00', '2024-04-05', {
    programmeId: PROGRAMME,
    period: { from: '2024-01-01', to: '2024-03-31' },
  });
  // Operating costs: € 5.000 committed, € 1.250 paid, the rest cancelled.
  await flows.commitExpense('werkplekken', 'operating', BUDGET, AGENCY, '5000.00', '2024-03-01', { programmeId: PROGRAMME });
  const paid = await flows.payExpense('werkplekken', 'betaling-1', '1250.00', '2024-03-20');
  beforeCancellation = paid.position;
  await flows.cancelExpense('werkplekken', '2024-06-30');
  // A contribution to the joint arrangement, paid in full; no programme.
  await flows.commitExpense('bijdrage-gr', 'contribution', BUDGET, JOINT, '33333.33', '2024-01-15');
  await flows.payExpense('bijdrage-gr', 'betaling-1', '33333.33', '2024-01-31');
}, 60_000);
afterAll(() => api.close());

const body = (expenseId: string, change: Record<string, unknown> = {}) => ({
  expenseId,
  kind: 'hired-staff',
  budgetId: OTHER_BUDGET,
  payeePartyId: AGENCY,
  description: 'Inhuur jobcoach',
  amount: '1000.00',
  effectiveDate: '2024-05-01',
  sourceReference: 'Opdrachtbevestiging 2024-05',
  ...change,
});

async function refused(path: string, request: unknown, status: number, kind: string) {
  return expectProblem(await refusedWithoutWriting(api, () => post(api, path, request)), status, kind);
}

/** An amount on the wire in cents. */
function cents(amount: string): number {
  const parsed = parseMoney(amount, { allowNegative: true });
  if (!parsed.ok) throw new Error(`not an amount: ${amount}`);
  return parsed.cents;
}

async function answer(path: string) {
  const response = await get(api, path);
  expect(response.status).toBe(200);
  return response.body;
}

describe('POST /v1/expenses', () => {
  it('commits an expense: 201, and the event names its kind, budget, line, programme, payee, description and amount in cents', async () => {
    const expenseId = fresh('inhuur');
    const created = expectCreated(await post(api, '/v1/expenses', body(expenseId, { budgetLineId: 'inhuur', programmeId: OTHER_PROGRAMME })));
    expect(created).toMatchObject({ id: expenseId, streamId: `expense-${expenseId}`, revision: 0 });
    const [event] = await streamEvents(api, `expense-${expenseId}`);
    expect(event.type).toBe('ExpenseCommitted');
    expect(event.data).toEqual({
      expenseId,
      kind: 'hired-staff',
      budgetId: OTHER_BUDGET,
      budgetLineId: 'inhuur',
      programmeId: OTHER_PROGRAMME,
      payeePartyId: AGENCY,
      description: 'Inhuur jobcoach',
      amountCents: 100_000,
      effectiveDate: '2024-05-01',
    });
    expect(event.metadata).toMatchObject({ sourceReference: 'Opdrachtbevestiging 2024-05' });
  });

  it('books an expense with a bookingId: one ExpenseBooked event, with its period', async () => {
    const expenseId = fresh('personeel');
    expectCreated(await post(api, '/v1/expenses', body(expenseId, { kind: 'personnel', payeePartyId: OWNER, bookingId: 'mei', period: { from: '2024-05-01', to: '2024-05-31' } })));
    const events = await streamEvents(api, `expense-${expenseId}`);
    expect(events.map((e) => [e.type, e.data.bookingId, e.data.period])).toEqual([['ExpenseBooked', 'mei', { from: '2024-05-01', to: '2024-05-31' }]]);
  });

  it('answers a retry as the first time, and another amount under the same id as an idempotency conflict', async () => {
    const expenseId = fresh('inhuur');
    const first = expectCreated(await post(api, '/v1/expenses', body(expenseId)));
    const again = await refusedWithoutWriting(api, () => post(api, '/v1/expenses', body(expenseId)));
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first);
    await refused('/v1/expenses', body(expenseId, { amount: '1000.01' }), 409, 'idempotency-conflict');
  });

  it('refuses an expense on an unknown budget as 422 unknown-reference naming budgetId, writing nothing', async () => {
    expect(await refused('/v1/expenses', body(fresh('inhuur'), { budgetId: 'onbekend-budget' }), 422, 'unknown-reference')).toMatchObject({ field: 'budgetId' });
  });

  it.each([
    ['an unknown budget line', { budgetLineId: 'onbekende-regel' }, 'budgetLineId'],
    ['an unknown payee', { payeePartyId: 'onbekende-partij' }, 'payeePartyId'],
    ['an unknown programme', { programmeId: 'onbekende-pilot' }, 'programmeId'],
  ])('refuses %s as 422 unknown-reference, writing nothing', async (_what, change, field) => {
    expect(await refused('/v1/expenses', body(fresh('inhuur'), change), 422, 'unknown-reference')).toMatchObject({ field });
  });

  it.each([
    ['a negative amount', '-100.00'],
    ['a zero amount', '0.00'],
    ['an amount with three decimals', '10.001'],
    ['an amount as a number', 100],
  ])('refuses %s as 400 invalid-amount, writing nothing', async (_what, amount) => {
    await refused('/v1/expenses', body(fresh('inhuur'), { amount }), 400, 'invalid-amount');
  });

  it.each([
    ['a kind the ledger does not know', { kind: 'travel' }],
    ['no description', { description: undefined }],
    ['a period that is a list', { period: [] }],
    ['a period without its end', { period: { from: '2024-01-01' } }],
    ['an unknown field', { employee: 'x' }],
  ])('refuses %s as 400, writing nothing', async (_what, change) => {
    const problem = await refusedWithoutWriting(api, () => post(api, '/v1/expenses', body(fresh('inhuur'), change)));
    expect(problem.status).toBe(400);
  });

  it('refuses a wage-cost subsidy without a period: it is aggregated per employer and period (422)', async () => {
    const problem = await refused('/v1/expenses', body(fresh('lks'), { kind: 'wage-cost-subsidy', payeePartyId: EMPLOYER }), 422, 'invalid-value');
    expect(problem).toMatchObject({ field: 'period' });
  });

  it('refuses a wage-cost subsidy paid to the budget’s own owner: it goes to an employer (422)', async () => {
    const problem = await refused('/v1/expenses', body(fresh('lks'), { kind: 'wage-cost-subsidy', payeePartyId: OWNER, period: { from: '2024-01-01', to: '2024-03-31' } }), 422, 'invalid-value');
    expect(problem).toMatchObject({ field: 'payeePartyId' });
  });

  it('refuses a period that ends before it starts (422)', async () => {
    await refused('/v1/expenses', body(fresh('inhuur'), { period: { from: '2024-03-31', to: '2024-01-01' } }), 422, 'invalid-value');
  });

  it('refuses a description holding a BSN as 422 personal-data, writing nothing', async () => {
    await refused('/v1/expenses', body(fresh('inhuur'), { description: 'Loon 123 456 782' }), 422, 'personal-data');
  });
});

describe('POST /v1/expenses/{id}/invoices, /payments, /bookings, /cancellation', () => {
  it('records but flags a payment beyond the commitment, which the findings list as paid-above-committed', async () => {
    const expenseId = fresh('inhuur');
    expectCreated(await post(api, '/v1/expenses', body(expenseId)));
    expectCreated(await post(api, `/v1/expenses/${expenseId}/invoices`, { invoiceId: 'f1', amount: '1000.01', effectiveDate: '2024-05-31', sourceReference: 'Factuur' }));
    const payment = expectCreated(await post(api, `/v1/expenses/${expenseId}/payments`, { paymentId: 'b1', amount: '1000.01', effectiveDate: '2024-06-15', sourceReference: 'Betaling' }));
    const events = await streamEvents(api, `expense-${expenseId}`);
    expect(events.map((e) => e.data.flags ?? [])).toEqual([[], ['invoiced-above-committed'], ['paid-above-committed']]);
    const findings = (await answer('/v1/findings?kind=paid-above-committed')).findings as { entity: { streamId: string }; events: { position: number }[] }[];
    const found = findings.find((f) => f.entity.streamId === `expense-${expenseId}`);
    expect(found?.events.map((e) => e.position)).toEqual([payment.position]);
  });

  it('cancels again after a wrong cancellation was reversed, with a cancellation id of its own', async () => {
    const expenseId = fresh('inhuur');
    expectCreated(await post(api, '/v1/expenses', body(expenseId)));
    const cancel = (change: Record<string, unknown>) => post(api, `/v1/expenses/${expenseId}/cancellation`, { reason: 'Niet doorgegaan', effectiveDate: '2024-06-01', sourceReference: 'Memo', ...change });
    const wrong = expectCreated(await cancel({}));
    expectCreated(await post(api, '/v1/reversals', { reversalId: fresh('herstel'), streamId: `expense-${expenseId}`, eventId: wrong.eventIds[0], reason: 'Te vroeg', effectiveDate: '2024-06-02', sourceReference: 'Memo' }));
    expect((await cancel({ effectiveDate: '2024-07-01' })).status).toBe(409);
    expectCreated(await cancel({ cancellationId: 'annulering-2', effectiveDate: '2024-07-01' }));
    const events = await streamEvents(api, `expense-${expenseId}`);
    expect(events.map((e) => e.type)).toEqual(['ExpenseCommitted', 'ExpenseCancelled', 'EntryReversed', 'ExpenseCancelled']);
    expect(events[3].data).toMatchObject({ effectiveDate: '2024-07-01' });
  });

  it('raises a commitment: invoiced and paid up to the sum without a flag, counted once per commitment id, in the budget as committed', async () => {
    const expenseId = fresh('meerwerk');
    await flows.commitExpense(expenseId, 'hired-staff', OTHER_BUDGET, AGENCY, '1000.00', '2024-03-01');
    const raise = { commitmentId: 'verlenging-1', description: 'Inhuur verlengd', amount: '500.00', effectiveDate: '2024-05-01', sourceReference: 'Opdracht 2' };
    const raised = expectCreated(await post(api, `/v1/expenses/${expenseId}/commitments`, raise));
    // The same raise sent again is a replay; the same id with another amount is refused and writes nothing.
    expect(expectCreated(await post(api, `/v1/expenses/${expenseId}/commitments`, raise)).position).toBe(raised.position);
    await refused(`/v1/expenses/${expenseId}/commitments`, { ...raise, amount: '600.00' }, 409, 'idempotency-conflict');
    expectCreated(await post(api, `/v1/expenses/${expenseId}/invoices`, { invoiceId: 'f1', amount: '1500.00', effectiveDate: '2024-06-01', sourceReference: 'Factuur' }));
    expectCreated(await post(api, `/v1/expenses/${expenseId}/payments`, { paymentId: 'b1', amount: '1500.00', effectiveDate: '2024-06-15', sourceReference: 'Betaling' }));
    const events = await streamEvents(api, `expense-${expenseId}`);
    expect(events.map((e) => [e.type, e.data.amountCents, e.data.flags ?? []])).toEqual([
      ['ExpenseCommitted', 100_000, []],
      ['ExpenseCommitmentRaised', 50_000, []],
      ['ExpenseInvoiced', 150_000, []],
      ['ExpensePaid', 150_000, []],
    ]);
    expect(events[1].data).toMatchObject({ commitmentId: 'verlenging-1', budgetId: OTHER_BUDGET, payeePartyId: AGENCY, kind: 'hired-staff' });
    const before = (await answer(`/v1/budgets/${OTHER_BUDGET}/execution?asOf=${raised.position - 1}`)).totals.committed;
    const after = (await answer(`/v1/budgets/${OTHER_BUDGET}/execution?asOf=${raised.position}`)).totals.committed;
    expect(cents(after) - cents(before)).toBe(50_000);
  });

  it('counts a raise dated before the commitment from its own date: the order is open from its earliest commitment', async () => {
    const budgetId = 'uitgaven-verhoging-2024';
    const programmeId = 'verhoging-2024';
    await flows.budget(budgetId, OWNER, 2024);
    expectCreated(await post(api, '/v1/programmes', { programmeId, ownerPartyId: OWNER, name: 'Verhoging', effectiveDate: '2024-01-10', sourceReference: 'Raadsvoorstel' }));
    const expenseId = fresh('vooraf');
    await flows.commitExpense(expenseId, 'operating', budgetId, AGENCY, '1000.00', '2024-03-01', { programmeId });
    expectCreated(await post(api, `/v1/expenses/${expenseId}/commitments`, { commitmentId: 'regel-2', description: 'Orderregel', amount: '500.00', effectiveDate: '2024-02-01', sourceReference: 'Order' }));
    const on = async (date: string) => (await answer(`/v1/budgets/${budgetId}/execution?on=${date}`)).totals.committed;
    expect([await on('2024-01-31'), await on('2024-02-15'), await on('2024-03-01')]).toEqual(['0.00', '500.00', '1500.00']);
    // One order of operating costs in the programme from 1 February: its earliest commitment.
    const operating = async (date: string) => (await answer(`/v1/programmes/${programmeId}/cost?on=${date}`)).byKind.operating;
    expect(await operating('2024-02-15')).toMatchObject({ count: 1, committed: '500.00' });
  });

  it('judges invoices and payments against the commitment as it stands: a raise recorded after them covers them, one taken back uncovers them', async () => {
    const findingsOf = async (expenseId: string) =>
      ((await answer(`/v1/findings?entity=expense-${expenseId}`)).findings as { kind: string; detail: Record<string, unknown>; events: { position: number }[] }[])
        .filter((f) => f.kind.endsWith('-above-committed'))
        .map((f) => [f.kind, f.detail.excess, f.events.map((e) => e.position)]);
    // Invoiced and paid 15.000 on 10.000, then raised by 5.000 (dated between them): nothing is above it now.
    const late = fresh('later-verhoogd');
    await flows.commitExpense(late, 'operating', OTHER_BUDGET, AGENCY, '10000.00', '2024-03-01');
    expectCreated(await post(api, `/v1/expenses/${late}/invoices`, { invoiceId: 'f1', amount: '15000.00', effectiveDate: '2024-04-01', sourceReference: 'Factuur' }));
    const paid = expectCreated(await post(api, `/v1/expenses/${late}/payments`, { paymentId: 'b1', amount: '15000.00', effectiveDate: '2024-04-10', sourceReference: 'Betaling' }));
    expect(await findingsOf(late)).toEqual([
      ['invoiced-above-committed', '5000.00', [expect.any(Number)]],
      ['paid-above-committed', '5000.00', [paid.position]],
    ]);
    expectCreated(await post(api, `/v1/expenses/${late}/commitments`, { commitmentId: 'meerwerk', description: 'Meerwerk', amount: '5000.00', effectiveDate: '2024-04-05', sourceReference: 'Opdracht' }));
    expect(await findingsOf(late)).toEqual([]);

    // Raised to 50.000 and paid 45.000; the raise taken back: 15.000 paid above the 30.000 committed.
    const undone = fresh('verhoging-terug');
    await flows.commitExpense(undone, 'hired-staff', OTHER_BUDGET, AGENCY, '30000.00', '2024-02-01');
    const raised = expectCreated(await post(api, `/v1/expenses/${undone}/commitments`, { commitmentId: 'verlenging', description: 'Verlenging', amount: '20000.00', effectiveDate: '2024-06-01', sourceReference: 'Opdracht' }));
    const payment = expectCreated(await post(api, `/v1/expenses/${undone}/payments`, { paymentId: 'b1', amount: '45000.00', effectiveDate: '2024-07-05', sourceReference: 'Betaling' }));
    expect(await findingsOf(undone)).toEqual([]);
    const [raiseEvent] = await streamEvents(api, `expense-${undone}`).then((events) => events.filter((e) => e.type === 'ExpenseCommitmentRaised'));
    expect(raiseEvent.position).toBe(raised.position);
    await flows.reverse('verlenging-ingetrokken', `expense-${undone}`, raiseEvent.id, '2024-07-15');
    expect(await findingsOf(undone)).toEqual([['paid-above-committed', '15000.00', [payment.position]]]);
    // The register counts it as a fout of the 15.000, and nothing of the expense covered by its raise.
    const entries = (await answer(`/v1/parties/${OWNER}/rechtmatigheid?year=2024`)).entries as { kind: string; class: string; amount: string; entity: { streamId: string } }[];
    expect(entries.filter((e) => [`expense-${undone}`, `expense-${late}`].includes(e.entity.streamId)).map((e) => [e.entity.streamId, e.kind, e.class, e.amount])).toEqual([
      [`expense-${undone}`, 'paid-above-committed', 'fout', '15000.00'],
    ]);
    // As known before the reversal, there was none.
    expect((await answer(`/v1/findings?entity=expense-${undone}&asOf=${payment.position}`)).findings.filter((f: { kind: string }) => f.kind === 'paid-above-committed')).toEqual([]);
  });

  it('refuses a raise of a booked expense (409) and of one not recorded (404)', async () => {
    const raise = { commitmentId: 'meer', description: 'Meer', amount: '10.00', effectiveDate: '2024-03-01', sourceReference: 'Opdracht' };
    await refused('/v1/expenses/personeel-team/commitments', raise, 409, 'invalid-state');
    await refused('/v1/expenses/bestaat-niet/commitments', raise, 404, 'not-found');
  });

  it('refuses an invoice on a booked expense: a booking is paid as it is booked (409)', async () => {
    await refused('/v1/expenses/personeel-team/invoices', { invoiceId: 'f1', amount: '10.00', effectiveDate: '2024-03-01', sourceReference: 'Factuur' }, 409, 'invalid-state');
  });

  it('refuses a booking on a committed expense (409), and a payment past what was invoiced once cancelled (409)', async () => {
    await refused('/v1/expenses/inhuur-jobcoach/bookings', { bookingId: 'maart', description: 'Maart', amount: '10.00', effectiveDate: '2024-03-01', sourceReference: 'Boeking' }, 409, 'invalid-state');
    await refused('/v1/expenses/werkplekken/payments', { paymentId: 'betaling-2', amount: '0.01', effectiveDate: '2024-07-01', sourceReference: 'Betaling' }, 409, 'invalid-state');
  });

  it('keeps what was invoiced before a cancellation committed: an order cancelled with an invoice still unpaid owes it', async () => {
    const budgetId = 'inkoop-geannuleerd-2024';
    await flows.budget(budgetId, OWNER, 2024);
    await flows.purchase('deels-geleverd', budgetId, AGENCY, 20, '3100.00', '2024-03-01');
    await flows.invoicePurchase('deels-geleverd', 'factuur-1', '62000.00', '2024-04-01');
    await flows.payPurchase('deels-geleverd', 'betaling-1', '31000.00', '2024-04-15');
    expectCreated(await post(api, '/v1/purchases/deels-geleverd/cancellation', { reason: 'Rest niet geleverd', effectiveDate: '2024-05-01', sourceReference: 'Brief' }));
    // The invoice of 62.000 is still payable after the cancellation: 31.000 of it is owed.
    expect((await answer(`/v1/budgets/${budgetId}/execution`)).totals).toMatchObject({ committed: '62000.00', realised: '31000.00', obligo: '31000.00' });
    await flows.payPurchase('deels-geleverd', 'betaling-2', '31000.00', '2024-05-15');
    expect((await answer(`/v1/budgets/${budgetId}/execution`)).totals).toMatchObject({ committed: '62000.00', realised: '62000.00', obligo: '0.00' });
    // An expense the same: 5.000 committed, 4.000 invoiced, 1.000 paid, cancelled.
    await flows.commitExpense('deels-gebruikt', 'operating', budgetId, AGENCY, '5000.00', '2024-03-01');
    await flows.invoiceExpense('deels-gebruikt', 'factuur-1', '4000.00', '2024-03-31');
    await flows.payExpense('deels-gebruikt', 'betaling-1', '1000.00', '2024-04-10');
    await flows.cancelExpense('deels-gebruikt', '2024-04-30');
    expect((await answer(`/v1/budgets/${budgetId}/execution`)).totals).toMatchObject({ committed: '66000.00', realised: '63000.00', obligo: '3000.00' });
  });

  it('reverses a payment recorded wrongly: the expense is unpaid again in its budget', async () => {
    const budgetId = 'uitgaven-correctie-2024';
    await flows.budget(budgetId, OWNER, 2024);
    await flows.commitExpense('correctie-inhuur', 'hired-staff', budgetId, AGENCY, '2000.00', '2024-03-01');
    const payment = await flows.payExpense('correctie-inhuur', 'betaling-1', '2000.00', '2024-03-15');
    expect((await answer(`/v1/budgets/${budgetId}/execution`)).totals).toMatchObject({ committed: '2000.00', realised: '2000.00', obligo: '0.00' });
    await flows.reverse('dubbel-betaald', 'expense-correctie-inhuur', payment.eventIds[0], '2024-03-20');
    expect((await answer(`/v1/budgets/${budgetId}/execution`)).totals).toMatchObject({ committed: '2000.00', realised: '0.00', obligo: '2000.00' });
  });

  it('refuses a payment on an expense that does not exist as 404, writing nothing', async () => {
    await refused('/v1/expenses/bestaat-niet/payments', { paymentId: 'b1', amount: '10.00', effectiveDate: '2024-07-01', sourceReference: 'Betaling' }, 404, 'not-found');
  });

  it('refuses a stale If-Match as a revision conflict, writing nothing', async () => {
    const response = await refusedWithoutWriting(api, () =>
      post(api, '/v1/expenses/inhuur-jobcoach/payments', { paymentId: 'b-stale', amount: '1.00', effectiveDate: '2024-07-01', sourceReference: 'Betaling' }, { 'If-Match': '"0"' }),
    );
    expectProblem(response, 409, 'revision-conflict');
  });
});

describe('the figures of expenses, to the cent', () => {
  it("count in the programme's cost: committed, realised and obligo of every kind it names", async () => {
    const cost = await answer(`/v1/programmes/${PROGRAMME}/cost`);
    // 30.000 + 47.166,67 + 47.166,66 + 9.000 + 1.250 (5.000 committed, 1.250 paid, cancelled).
    expect(cost).toMatchObject({ committed: '134583.33', realised: '116929.00', obligo: '17654.33' });
    expect(cost.whoPaid.directPayers).toEqual([
      expect.objectContaining({ partyId: OWNER, budgetId: BUDGET, committed: '134583.33', realised: '116929.00' }),
    ]);
    expect(cost.whoPaid.total).toBe('116929.00');
  });

  // Expenses paid or booked draw on their budget's pool like a purchase's payments do.
  it('trace who paid for expenses to the funders of the budget they were paid from', async () => {
    const cost = await answer(`/v1/programmes/${PROGRAMME}/cost`);
    expect(cost.whoPaid.ultimateFunders).toEqual([expect.objectContaining({ partyId: OWNER, amount: '116929.00' })]);
  });

  it('draw the money paid to other parties in the funding flows, and keep own staff’s salaries within the party', async () => {
    const flows = await answer('/v1/funding-flows?year=2024');
    const fromBudget = flows.edges.filter((edge: { from: string; kind: string }) => edge.from === `budget:${BUDGET}` && edge.kind === 'expense');
    expect(fromBudget).toEqual([
      { from: `budget:${BUDGET}`, to: `party:${EMPLOYER}`, kind: 'expense', amount: '9000.00' },
      { from: `budget:${BUDGET}`, to: `party:${JOINT}`, kind: 'expense', amount: '33333.33' },
      { from: `budget:${BUDGET}`, to: `party:${AGENCY}`, kind: 'expense', amount: '13595.67' },
    ].sort((a, b) => (`${a.kind}:${a.from}->${a.to}` < `${b.kind}:${b.from}->${b.to}` ? -1 : 1)));
    expect(flows.edges.some((edge: { to: string }) => edge.to === `party:${OWNER}`)).toBe(false);
  });

  it('count what was committed before a cancellation, as known then', async () => {
    const then = await answer(`/v1/programmes/${PROGRAMME}/cost?asOf=${beforeCancellation}`);
    expect(then).toMatchObject({ committed: '138333.33', realised: '116929.00', obligo: '21404.33' });
  });

  it("count in the budget's execution per line, off the lines and in total", async () => {
    const execution = await answer(`/v1/budgets/${BUDGET}/execution`);
    expect(execution.lines).toEqual([
      { lineId: 'inhuur', description: 'Inhuur jobcoaches', allocated: '40000.00', committed: '30000.00', obligo: '17654.33', realised: '12345.67', available: '10000.00', overrun: false, overrunAmount: '0.00' },
      { lineId: 'personeel', description: 'Eigen personeel', allocated: '100000.00', committed: '94333.33', obligo: '0.00', realised: '94333.33', available: '5666.67', overrun: false, overrunAmount: '0.00' },
    ]);
    // The subsidy 9.000, the operating costs 1.250 and the contribution 33.333,33.
    expect(execution.withoutLine).toEqual({ committed: '43583.33', obligo: '0.00', realised: '43583.33' });
    expect(execution.totals).toMatchObject({ committed: '167916.66', obligo: '17654.33', realised: '150262.33', available: '832083.34', overrun: false });
  });
});
