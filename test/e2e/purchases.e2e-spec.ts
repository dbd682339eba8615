// Trajectory purchases over HTTP (inkoop trajecten): count × unit price for a target group,
// optionally a call-off under a contract and for a programme; invoiced, paid, cancelled.
// Real API, real SQLite store in a temporary folder. Every refusal is checked to have written nothing.
import type { Response } from 'supertest';
import { startApi, type Harness } from '../support/api-harness';
import { expectCreated, expectProblem, fresh, post, refusedWithoutWriting, streamEvents } from '../support/http';

let api: Harness;
/** Recorded once: refused requests do not change them, and every test makes its own purchases. */
const known = { buyer: '', supplier: '', otherSupplier: '', budget: '', programme: '', endedProgramme: '', contract: '', endedContract: '' };

beforeAll(async () => {
  api = await startApi();
  known.buyer = await registerParty('municipality');
  known.supplier = await registerParty('company');
  known.otherSupplier = await registerParty('foundation');
  known.budget = fresh('maatwerk');
  await recorded('/v1/budgets', {
    budgetId: known.budget,
    ownerPartyId: known.buyer,
    name: 'Maatwerkbudget re-integratie',
    fiscalYear: 2024,
    taakveld: '6.4',
    effectiveDate: '2024-01-01',
    sourceReference: 'Begroting 2024',
  });
  known.programme = await launchProgramme();
  known.endedProgramme = await launchProgramme();
  await recorded(`/v1/programmes/${known.endedProgramme}/end`, {
    reason: 'Pilot afgerond; niet voortgezet',
    continued: false,
    effectiveDate: '2024-06-15',
    sourceReference: 'Raadsinformatiebrief 2024-07',
  });
  known.contract = await awardedContract('30000.00');
  known.endedContract = await awardedContract('30000.00');
  await recorded(`/v1/contracts/${known.endedContract}/end`, {
    reason: 'Ontbonden',
    effectiveDate: '2024-09-30',
    sourceReference: 'Ontbindingsbrief 2024-0930',
  });
});
afterAll(() => api.close());

async function registerParty(kind: string): Promise<string> {
  const partyId = fresh(kind);
  await recorded('/v1/parties', { partyId, name: `Organisatie ${partyId}`, kind, effectiveDate: '2024-01-01', sourceReference: 'Partijenregister' });
  return partyId;
}

async function launchProgramme(): Promise<string> {
  const programmeId = fresh('trajecten');
  await recorded('/v1/programmes', {
    programmeId,
    ownerPartyId: known.buyer,
    name: 'Trajecten grote afstand tot de arbeidsmarkt',
    effectiveDate: '2024-01-10',
    sourceReference: 'Raadsinformatie',
  });
  return programmeId;
}

async function awardedContract(ceiling: string): Promise<string> {
  const procurementId = fresh('inkoop');
  await recorded('/v1/procurements', {
    procurementId,
    buyerPartyId: known.buyer,
    subject: 'Re-integratietrajecten',
    procedure: 'multiple-quote',
    estimatedValue: ceiling,
    effectiveDate: '2024-05-01',
    sourceReference: 'Inkoopdossier 2024-017',
  });
  const contractId = fresh('contract');
  await recorded(`/v1/procurements/${procurementId}/contracts`, {
    contractId,
    supplierPartyId: known.supplier,
    ceiling,
    termStart: '2024-07-01',
    termEnd: '2024-12-31',
    effectiveDate: '2024-06-15',
    sourceReference: 'Gunningsbesluit 2024-0615',
  });
  return contractId;
}

async function recorded(path: string, body: unknown) {
  return expectCreated(await post(api, path, body));
}

// ---- request bodies in the domain's words; `change` replaces fields, undefined drops one ----

const purchase = (purchaseId: string, change: Record<string, unknown> = {}) => ({
  purchaseId,
  budgetId: known.budget,
  supplierPartyId: known.supplier,
  count: 10,
  unitPrice: '3000.00',
  targetGroup: 'Zeer grote afstand tot de arbeidsmarkt',
  programmeId: known.programme,
  effectiveDate: '2024-07-01',
  sourceReference: 'Opdrachtbevestiging 2024-0701',
  ...change,
});

const invoice = (invoiceId: string, amount: string, change: Record<string, unknown> = {}) => ({
  invoiceId,
  amount,
  effectiveDate: '2024-08-01',
  sourceReference: 'Factuur 2024-118',
  ...change,
});

const payment = (paymentId: string, amount: string, change: Record<string, unknown> = {}) => ({
  paymentId,
  amount,
  effectiveDate: '2024-08-15',
  sourceReference: 'Betaalbatch 2024-33',
  ...change,
});

const cancellation = (change: Record<string, unknown> = {}) => ({
  reason: 'Trajecten niet gestart',
  effectiveDate: '2024-09-01',
  sourceReference: 'Annuleringsbrief 2024-0901',
  ...change,
});

/** Buys 10 trajectories at € 3.000,00 (unless told otherwise) and returns the purchase id. */
async function purchased(change: Record<string, unknown> = {}): Promise<string> {
  const purchaseId = fresh('trajecten');
  await recorded('/v1/purchases', purchase(purchaseId, change));
  return purchaseId;
}

// ---- assertions ----

/** A first recording: 201, the entity, its stream revision and the journal position it reached. */
async function expectRecorded(response: Response, expected: { id: string; streamId: string; revision: number }) {
  const body = expectCreated(response);
  expect(body).toMatchObject(expected);
  expect(response.headers['idempotent-replayed']).toBeUndefined();
  expect(response.headers.etag).toBe(`"${expected.revision}"`);
  expect(body.position).toBe((await api.journalHead()).treeSize);
  return body;
}

async function refused(path: string, body: unknown, status: number, kind: string) {
  const response = await refusedWithoutWriting(api, () => post(api, path, body));
  return expectProblem(response, status, kind);
}

/** The same request again answers as the first time did, says so, and writes nothing. */
async function expectReplay(path: string, body: unknown, first: unknown) {
  const again = await refusedWithoutWriting(api, () => post(api, path, body));
  expect(again.status).toBe(201);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(again.body).toEqual(first);
}

async function lastEvent(streamId: string) {
  const events = await streamEvents(api, streamId);
  return events[events.length - 1];
}

// ---- input that is refused the same way on every endpoint that takes it ----

const BAD_MONEY: readonly [string, unknown][] = [
  ['three decimals "12.345"', '12.345'],
  ['exponent notation "1e5"', '1e5'],
  ['the number -5', -5],
  ['the number 12.5', 12.5],
  ['a negative string "-5.00"', '-5.00'],
  ['zero "0.00"', '0.00'],
  ['a euro sign "€ 3000,00"', '€ 3000,00'],
  ['an amount above the ledger bound', '10000000000.01'],
];

const BAD_DATES: readonly [string, unknown][] = [
  ['31 April', '2024-04-31'],
  ['a Dutch date', '01-07-2024'],
  ['a timestamp', '2024-07-01T00:00:00Z'],
  ['an empty string', ''],
];

const moneyCases = (field: string) => BAD_MONEY.map(([what, value]) => [`${field} as ${what}`, { [field]: value }] as const);
const dateCases = () => BAD_DATES.map(([what, value]) => [`effectiveDate as ${what}`, { effectiveDate: value }] as const);

const BSN = '123456782'; // passes the elfproef

describe('POST /v1/purchases (TrajectoriesPurchased)', () => {
  it('buys trajectories: 201 with id, revision 0 and position; the event holds the charge and count × unit price', async () => {
    const purchaseId = fresh('trajecten');
    await expectRecorded(await post(api, '/v1/purchases', purchase(purchaseId)), {
      id: purchaseId,
      streamId: `purchase-${purchaseId}`,
      revision: 0,
    });
    const [event] = await streamEvents(api, `purchase-${purchaseId}`);
    expect(event.type).toBe('TrajectoriesPurchased');
    expect(event.data).toEqual({
      purchaseId,
      budgetId: known.budget,
      supplierPartyId: known.supplier,
      programmeId: known.programme,
      count: 10,
      unit: 'trajectory',
      unitPriceCents: 300_000,
      totalCents: 3_000_000,
      targetGroup: 'Zeer grote afstand tot de arbeidsmarkt',
      effectiveDate: '2024-07-01',
    });
  });

  it('buys trajectories as a call-off under a contract with the same supplier', async () => {
    const purchaseId = fresh('afroep');
    await expectRecorded(await post(api, '/v1/purchases', purchase(purchaseId, { contractId: known.contract, count: 2 })), {
      id: purchaseId,
      streamId: `purchase-${purchaseId}`,
      revision: 0,
    });
    expect((await lastEvent(`purchase-${purchaseId}`)).data).toMatchObject({ contractId: known.contract, totalCents: 600_000 });
  });

  it('buys trajectories for no programme and under no contract', async () => {
    const purchaseId = fresh('trajecten');
    await expectRecorded(await post(api, '/v1/purchases', purchase(purchaseId, { programmeId: undefined, count: 1, unitPrice: '0.01' })), {
      id: purchaseId,
      streamId: `purchase-${purchaseId}`,
      revision: 0,
    });
    const { data } = await lastEvent(`purchase-${purchaseId}`);
    expect(data).not.toHaveProperty('programmeId');
    expect(data).not.toHaveProperty('contractId');
  });

  it('buys hours of job coaching: the unit is kept on the order, count × price per hour', async () => {
    const purchaseId = fresh('jobcoaching');
    await expectRecorded(await post(api, '/v1/purchases', purchase(purchaseId, { unit: 'hour', count: 120, unitPrice: '85.50' })), {
      id: purchaseId,
      streamId: `purchase-${purchaseId}`,
      revision: 0,
    });
    expect((await lastEvent(`purchase-${purchaseId}`)).data).toMatchObject({ unit: 'hour', count: 120, unitPriceCents: 8_550, totalCents: 1_026_000 });
  });

  it('records a call-off above the contract ceiling: a finding, not a refusal', async () => {
    const contractId = await awardedContract('30000.00');
    await recorded('/v1/purchases', purchase(fresh('afroep'), { contractId, count: 10, unitPrice: '2500.00' }));
    const purchaseId = fresh('afroep');
    // 10 × € 2.500 + 2 × € 3.000 = € 31.000 under a ceiling of € 30.000.
    await expectRecorded(await post(api, '/v1/purchases', purchase(purchaseId, { contractId, count: 2 })), {
      id: purchaseId,
      streamId: `purchase-${purchaseId}`,
      revision: 0,
    });
    // One call-off alone above the ceiling is recorded too.
    const alone = fresh('afroep');
    await expectRecorded(await post(api, '/v1/purchases', purchase(alone, { contractId, count: 100 })), {
      id: alone,
      streamId: `purchase-${alone}`,
      revision: 0,
    });
  });

  it('records a call-off under a contract that has ended: a finding, not a refusal', async () => {
    const purchaseId = fresh('afroep');
    const response = await post(api, '/v1/purchases', purchase(purchaseId, { contractId: known.endedContract, effectiveDate: '2024-10-15' }));
    await expectRecorded(response, { id: purchaseId, streamId: `purchase-${purchaseId}`, revision: 0 });
  });

  it('records spending for a programme after it ended: a finding, not a refusal', async () => {
    const purchaseId = fresh('trajecten');
    const response = await post(api, '/v1/purchases', purchase(purchaseId, { programmeId: known.endedProgramme, effectiveDate: '2024-08-01' }));
    await expectRecorded(response, { id: purchaseId, streamId: `purchase-${purchaseId}`, revision: 0 });
  });

  it('answers a retry of the same purchase as the first time, writing nothing', async () => {
    const purchaseId = fresh('trajecten');
    const first = expectCreated(await post(api, '/v1/purchases', purchase(purchaseId)));
    await expectReplay('/v1/purchases', purchase(purchaseId), first);
  });

  it('refuses the same purchase id with another count as an idempotency conflict, writing nothing', async () => {
    const purchaseId = await purchased();
    await refused('/v1/purchases', purchase(purchaseId, { count: 11 }), 409, 'idempotency-conflict');
  });

  it.each([
    ['an unknown field', { colour: 'blue' }],
    ['a count of zero', { count: 0 }],
    ['a negative count', { count: -1 }],
    ['a count of 1.5', { count: 1.5 }],
    ['a count as text', { count: '10' }],
    ['a count above 100000', { count: 100_001 }],
    ['no count', { count: undefined }],
    ['no target group', { targetGroup: undefined }],
    ['a blank target group', { targetGroup: '   ' }],
    ['a purchase id with capitals', { purchaseId: 'Trajecten-ReHa' }],
    ['an empty contract id', { contractId: '' }],
    ['no supplier', { supplierPartyId: undefined }],
    ['no source reference', { sourceReference: undefined }],
    ['a unit the ledger does not know', { unit: 'week' }],
  ])('refuses %s as 400 validation, writing nothing', async (_what, change) => {
    await refused('/v1/purchases', purchase(fresh('trajecten'), change), 400, 'validation');
  });

  it('refuses an allocation line the budget does not have as 422 unknown-reference, writing nothing', async () => {
    await refused('/v1/purchases', purchase(fresh('trajecten'), { budgetLineId: 'producten-reha' }), 422, 'unknown-reference');
  });

  it.each(moneyCases('unitPrice'))('refuses %s as 400 invalid-amount, writing nothing', async (_what, change) => {
    await refused('/v1/purchases', purchase(fresh('trajecten'), change), 400, 'invalid-amount');
  });

  it('refuses a count × unit price above the ledger bound as 400 invalid-amount, writing nothing', async () => {
    await refused('/v1/purchases', purchase(fresh('trajecten'), { count: 100_000, unitPrice: '1000000.00' }), 400, 'invalid-amount');
  });

  it.each(dateCases())('refuses %s as 400 invalid-date, writing nothing', async (_what, change) => {
    await refused('/v1/purchases', purchase(fresh('trajecten'), change), 400, 'invalid-date');
  });

  it.each([
    ['budget', 'budgetId'],
    ['supplier', 'supplierPartyId'],
    ['programme', 'programmeId'],
    ['contract', 'contractId'],
  ])('refuses an unknown %s as 422 unknown-reference naming the field, writing nothing', async (_what, field) => {
    const problem = await refused('/v1/purchases', purchase(fresh('trajecten'), { [field]: 'bestaat-niet' }), 422, 'unknown-reference');
    expect(problem.field).toBe(field);
  });

  it('refuses a call-off under a contract with another supplier as 422 invalid-value, writing nothing', async () => {
    const problem = await refused(
      '/v1/purchases',
      purchase(fresh('afroep'), { contractId: known.contract, supplierPartyId: known.otherSupplier }),
      422,
      'invalid-value',
    );
    expect(problem.field).toBe('supplierPartyId');
  });

  it.each([
    ['the target group', { targetGroup: `Inwoner ${BSN}` }, 'body.targetGroup'],
    ['the target group, written with spaces', { targetGroup: 'Inwoner 123 456 782' }, 'body.targetGroup'],
    ['the source reference', { sourceReference: `Beschikking ${BSN}` }, 'body.sourceReference'],
    ['the count', { count: Number(BSN) }, 'body.count'],
  ])('refuses a BSN in %s as 422 personal-data, writing nothing', async (_what, change, field) => {
    const problem = await refused('/v1/purchases', purchase(fresh('trajecten'), change), 422, 'personal-data');
    expect(problem.field).toBe(field);
  });
});

describe('POST /v1/purchases/{id}/invoices (PurchaseInvoiced)', () => {
  let purchaseId: string;
  beforeAll(async () => {
    purchaseId = await purchased();
  });

  it('records an invoice: 201 at revision 1; the invoice carries the purchase charge and no flag', async () => {
    const id = await purchased({ contractId: known.contract, count: 1 });
    await expectRecorded(await post(api, `/v1/purchases/${id}/invoices`, invoice('factuur-118', '3000.00')), {
      id,
      streamId: `purchase-${id}`,
      revision: 1,
    });
    const event = await lastEvent(`purchase-${id}`);
    expect(event.type).toBe('PurchaseInvoiced');
    expect(event.data).toEqual({
      purchaseId: id,
      invoiceId: 'factuur-118',
      budgetId: known.budget,
      supplierPartyId: known.supplier,
      contractId: known.contract,
      programmeId: known.programme,
      amountCents: 300_000,
      effectiveDate: '2024-08-01',
    });
  });

  it('records invoices above count × unit price, flagged invoiced-above-total', async () => {
    const id = await purchased();
    await recorded(`/v1/purchases/${id}/invoices`, invoice('factuur-1', '20000.00'));
    await expectRecorded(await post(api, `/v1/purchases/${id}/invoices`, invoice('factuur-2', '10000.01')), {
      id,
      streamId: `purchase-${id}`,
      revision: 2,
    });
    expect((await lastEvent(`purchase-${id}`)).data.flags).toEqual(['invoiced-above-total']);
  });

  it('answers a retry of the same invoice as the first time, writing nothing', async () => {
    const id = await purchased();
    const first = expectCreated(await post(api, `/v1/purchases/${id}/invoices`, invoice('factuur-1', '15000.00')));
    await expectReplay(`/v1/purchases/${id}/invoices`, invoice('factuur-1', '15000.00'), first);
  });

  it('refuses the same invoice id with another amount as an idempotency conflict, writing nothing', async () => {
    const id = await purchased();
    await recorded(`/v1/purchases/${id}/invoices`, invoice('factuur-1', '15000.00'));
    await refused(`/v1/purchases/${id}/invoices`, invoice('factuur-1', '15000.01'), 409, 'idempotency-conflict');
  });

  it('refuses an invoice on a cancelled purchase as 409 invalid-state, writing nothing', async () => {
    const id = await purchased();
    await recorded(`/v1/purchases/${id}/cancellation`, cancellation());
    await refused(`/v1/purchases/${id}/invoices`, invoice('factuur-1', '3000.00', { effectiveDate: '2024-09-15' }), 409, 'invalid-state');
  });

  it('refuses an invoice on a purchase that does not exist as 404, writing nothing', async () => {
    await refused('/v1/purchases/bestaat-niet/invoices', invoice('factuur-1', '1.00'), 404, 'not-found');
  });

  it.each([
    ['an unknown field', { colour: 'blue' }],
    ['no invoice id', { invoiceId: undefined }],
    ['an invoice id with a slash', { invoiceId: '2024/118' }],
    ['no source reference', { sourceReference: undefined }],
  ])('refuses %s as 400 validation, writing nothing', async (_what, change) => {
    await refused(`/v1/purchases/${purchaseId}/invoices`, invoice(fresh('factuur'), '1.00', change), 400, 'validation');
  });

  it.each(moneyCases('amount'))('refuses %s as 400 invalid-amount, writing nothing', async (_what, change) => {
    await refused(`/v1/purchases/${purchaseId}/invoices`, invoice(fresh('factuur'), '1.00', change), 400, 'invalid-amount');
  });

  it.each(dateCases())('refuses %s as 400 invalid-date, writing nothing', async (_what, change) => {
    await refused(`/v1/purchases/${purchaseId}/invoices`, invoice(fresh('factuur'), '1.00', change), 400, 'invalid-date');
  });

  it.each([
    ['the source reference', { sourceReference: `Factuur voor ${BSN}` }],
    ['the invoice id', { invoiceId: `factuur-${BSN}` }],
  ])('refuses a BSN in %s as 422 personal-data, writing nothing', async (_what, change) => {
    await refused(`/v1/purchases/${purchaseId}/invoices`, invoice(fresh('factuur'), '1.00', change), 422, 'personal-data');
  });
});

describe('POST /v1/purchases/{id}/payments (PurchasePaid)', () => {
  let purchaseId: string;
  beforeAll(async () => {
    purchaseId = await purchased();
  });

  it('records a payment of an invoice: 201, no flag', async () => {
    const id = await purchased();
    await recorded(`/v1/purchases/${id}/invoices`, invoice('factuur-1', '15000.00'));
    await expectRecorded(await post(api, `/v1/purchases/${id}/payments`, payment('betaling-1', '15000.00')), {
      id,
      streamId: `purchase-${id}`,
      revision: 2,
    });
    const event = await lastEvent(`purchase-${id}`);
    expect(event.type).toBe('PurchasePaid');
    expect(event.data).toMatchObject({ purchaseId: id, paymentId: 'betaling-1', amountCents: 1_500_000, budgetId: known.budget });
    expect(event.data.flags).toBeUndefined();
  });

  it('records a payment above what was invoiced, flagged paid-above-invoiced', async () => {
    const id = await purchased();
    await expectRecorded(await post(api, `/v1/purchases/${id}/payments`, payment('betaling-1', '1000.00')), {
      id,
      streamId: `purchase-${id}`,
      revision: 1,
    });
    expect((await lastEvent(`purchase-${id}`)).data.flags).toEqual(['paid-above-invoiced']);
  });

  it('records payments above count × unit price, flagged paid-above-invoiced and paid-above-total', async () => {
    const id = await purchased({ count: 1 });
    await recorded(`/v1/purchases/${id}/invoices`, invoice('factuur-1', '3000.00'));
    await recorded(`/v1/purchases/${id}/payments`, payment('betaling-1', '3000.00'));
    await expectRecorded(await post(api, `/v1/purchases/${id}/payments`, payment('betaling-2', '3000.00')), {
      id,
      streamId: `purchase-${id}`,
      revision: 3,
    });
    expect((await lastEvent(`purchase-${id}`)).data.flags).toEqual(['paid-above-invoiced', 'paid-above-total']);
  });

  it('pays an invoice received before the purchase was cancelled', async () => {
    const id = await purchased();
    await recorded(`/v1/purchases/${id}/invoices`, invoice('factuur-1', '6000.00'));
    await recorded(`/v1/purchases/${id}/cancellation`, cancellation());
    await expectRecorded(await post(api, `/v1/purchases/${id}/payments`, payment('betaling-1', '6000.00', { effectiveDate: '2024-09-10' })), {
      id,
      streamId: `purchase-${id}`,
      revision: 3,
    });
  });

  it('refuses paying a cancelled purchase beyond what was invoiced before it as 409 invalid-state, writing nothing', async () => {
    const id = await purchased();
    await recorded(`/v1/purchases/${id}/invoices`, invoice('factuur-1', '6000.00'));
    await recorded(`/v1/purchases/${id}/cancellation`, cancellation());
    await refused(`/v1/purchases/${id}/payments`, payment('betaling-1', '6000.01'), 409, 'invalid-state');
  });

  it('refuses paying a cancelled purchase on which nothing was invoiced as 409 invalid-state, writing nothing', async () => {
    const id = await purchased();
    await recorded(`/v1/purchases/${id}/cancellation`, cancellation());
    await refused(`/v1/purchases/${id}/payments`, payment('betaling-1', '3000.00'), 409, 'invalid-state');
  });

  it('answers a retry of the same payment as the first time, writing nothing', async () => {
    const id = await purchased();
    const first = expectCreated(await post(api, `/v1/purchases/${id}/payments`, payment('betaling-1', '3000.00')));
    await expectReplay(`/v1/purchases/${id}/payments`, payment('betaling-1', '3000.00'), first);
  });

  it('answers a retry of a payment reversed since as recorded, naming the reversal: the payment no longer counts', async () => {
    const id = await purchased();
    const first = expectCreated(await post(api, `/v1/purchases/${id}/payments`, payment('betaling-1', '3000.00')));
    const reversal = expectCreated(
      await post(api, '/v1/reversals', { reversalId: 'herstel-betaling-1', streamId: `purchase-${id}`, eventId: first.eventIds[0], reason: 'Dubbel betaald', effectiveDate: '2024-09-01', sourceReference: 'memo herstel' }),
    );
    const again = await refusedWithoutWriting(api, () => post(api, `/v1/purchases/${id}/payments`, payment('betaling-1', '3000.00')));
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual({ ...first, reversedBy: [{ eventId: reversal.eventIds[0], position: reversal.position, reversedEventId: first.eventIds[0] }] });
  });

  it('refuses the same payment id with another date as an idempotency conflict, writing nothing', async () => {
    const id = await purchased();
    await recorded(`/v1/purchases/${id}/payments`, payment('betaling-1', '3000.00'));
    await refused(`/v1/purchases/${id}/payments`, payment('betaling-1', '3000.00', { effectiveDate: '2024-08-16' }), 409, 'idempotency-conflict');
  });

  it('refuses a payment on a purchase that does not exist as 404, writing nothing', async () => {
    await refused('/v1/purchases/bestaat-niet/payments', payment('betaling-1', '1.00'), 404, 'not-found');
  });

  it.each([
    ['an unknown field', { colour: 'blue' }],
    ['no payment id', { paymentId: undefined }],
    ['no source reference', { sourceReference: undefined }],
  ])('refuses %s as 400 validation, writing nothing', async (_what, change) => {
    await refused(`/v1/purchases/${purchaseId}/payments`, payment(fresh('betaling'), '1.00', change), 400, 'validation');
  });

  it.each(moneyCases('amount'))('refuses %s as 400 invalid-amount, writing nothing', async (_what, change) => {
    await refused(`/v1/purchases/${purchaseId}/payments`, payment(fresh('betaling'), '1.00', change), 400, 'invalid-amount');
  });

  it.each(dateCases())('refuses %s as 400 invalid-date, writing nothing', async (_what, change) => {
    await refused(`/v1/purchases/${purchaseId}/payments`, payment(fresh('betaling'), '1.00', change), 400, 'invalid-date');
  });

  it.each([
    ['the source reference', { sourceReference: `Betaling ${BSN}` }],
    ['the payment id', { paymentId: `betaling-${BSN}` }],
  ])('refuses a BSN in %s as 422 personal-data, writing nothing', async (_what, change) => {
    await refused(`/v1/purchases/${purchaseId}/payments`, payment(fresh('betaling'), '1.00', change), 422, 'personal-data');
  });
});

describe('POST /v1/purchases/{id}/cancellation (PurchaseCancelled)', () => {
  let purchaseId: string;
  beforeAll(async () => {
    purchaseId = await purchased();
  });

  it('cancels a purchase: 201, PurchaseCancelled with its reason', async () => {
    const id = await purchased();
    await expectRecorded(await post(api, `/v1/purchases/${id}/cancellation`, cancellation()), {
      id,
      streamId: `purchase-${id}`,
      revision: 1,
    });
    expect(await lastEvent(`purchase-${id}`)).toMatchObject({
      type: 'PurchaseCancelled',
      data: { purchaseId: id, reason: 'Trajecten niet gestart', effectiveDate: '2024-09-01' },
    });
  });

  it('answers a retry of the same cancellation as the first time, writing nothing', async () => {
    const id = await purchased();
    const first = expectCreated(await post(api, `/v1/purchases/${id}/cancellation`, cancellation()));
    await expectReplay(`/v1/purchases/${id}/cancellation`, cancellation(), first);
  });

  it('refuses cancelling again with another reason as a 409 idempotency conflict, writing nothing', async () => {
    const id = await purchased();
    await recorded(`/v1/purchases/${id}/cancellation`, cancellation());
    await refused(`/v1/purchases/${id}/cancellation`, cancellation({ reason: 'Aanbieder failliet' }), 409, 'idempotency-conflict');
  });

  it('cancels again after a wrong cancellation was reversed, with a cancellation id of its own; a second one is refused', async () => {
    const id = await purchased();
    const wrong = expectCreated(await post(api, `/v1/purchases/${id}/cancellation`, cancellation()));
    await recorded('/v1/reversals', { reversalId: fresh('herstel'), streamId: `purchase-${id}`, eventId: wrong.eventIds[0], reason: 'Verkeerde datum', effectiveDate: '2024-09-02', sourceReference: 'memo' });
    expect(await lastEvent(`purchase-${id}`)).toMatchObject({ type: 'EntryReversed' });
    // The same default id is a retry of the reversed one: other content is a conflict, not a new cancellation.
    await refused(`/v1/purchases/${id}/cancellation`, cancellation({ effectiveDate: '2024-10-01' }), 409, 'idempotency-conflict');
    await expectRecorded(await post(api, `/v1/purchases/${id}/cancellation`, cancellation({ cancellationId: 'annulering-2', effectiveDate: '2024-10-01' })), {
      id,
      streamId: `purchase-${id}`,
      revision: 3,
    });
    expect(await lastEvent(`purchase-${id}`)).toMatchObject({ type: 'PurchaseCancelled', data: { effectiveDate: '2024-10-01' } });
    await refused(`/v1/purchases/${id}/cancellation`, cancellation({ cancellationId: 'annulering-3' }), 409, 'invalid-state');
  });

  it('refuses cancelling a purchase that does not exist as 404, writing nothing', async () => {
    await refused('/v1/purchases/bestaat-niet/cancellation', cancellation(), 404, 'not-found');
  });

  it.each([
    ['an unknown field', { colour: 'blue' }],
    ['no reason', { reason: undefined }],
    ['a reason of 501 characters', { reason: 'x'.repeat(501) }],
    ['no source reference', { sourceReference: undefined }],
    ['a cancellation id with capitals', { cancellationId: 'Annulering' }],
  ])('refuses %s as 400 validation, writing nothing', async (_what, change) => {
    await refused(`/v1/purchases/${purchaseId}/cancellation`, cancellation(change), 400, 'validation');
  });

  it.each(dateCases())('refuses %s as 400 invalid-date, writing nothing', async (_what, change) => {
    await refused(`/v1/purchases/${purchaseId}/cancellation`, cancellation(change), 400, 'invalid-date');
  });

  it.each([
    ['the reason', { reason: `Deelnemer ${BSN} verhuisd` }],
    ['the source reference', { sourceReference: `Brief ${BSN}` }],
  ])('refuses a BSN in %s as 422 personal-data, writing nothing', async (_what, change) => {
    await refused(`/v1/purchases/${purchaseId}/cancellation`, cancellation(change), 422, 'personal-data');
  });
});
