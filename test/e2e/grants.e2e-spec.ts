// Grants over HTTP (Awb 4.2): award (verlening), advance payments (voorschot), settlement
// (vaststelling), reclaim (terugvordering) and withdrawal (intrekking). Real API, real SQLite
// store in a temporary folder. Every refusal is checked to have written nothing.
import type { Response } from 'supertest';
import { startApi, type Harness } from '../support/api-harness';
import { expectCreated, expectProblem, fresh, post, refusedWithoutWriting, streamEvents } from '../support/http';

let api: Harness;
/** Registered once: refused requests do not change them, and every test makes its own grants. */
const known = { grantor: '', recipient: '', budget: '', programme: '', endedProgramme: '' };

beforeAll(async () => {
  api = await startApi();
  known.grantor = await registerParty('region');
  known.recipient = await registerParty('foundation');
  known.budget = fresh('azl-reintegratie');
  await recorded('/v1/budgets', {
    budgetId: known.budget,
    ownerPartyId: known.grantor,
    name: 'Re-integratiemiddelen Arbeidsmarktregio Zuid-Limburg',
    fiscalYear: 2024,
    taakveld: '6.4',
    effectiveDate: '2024-01-01',
    sourceReference: 'Begroting AZL 2024',
  });
  known.programme = await launchProgramme();
  known.endedProgramme = await launchProgramme();
  await recorded(`/v1/programmes/${known.endedProgramme}/end`, {
    reason: 'Pilot afgerond; niet voortgezet',
    continued: false,
    effectiveDate: '2024-06-15',
    sourceReference: 'Raadsinformatiebrief 2024-07',
  });
});
afterAll(() => api.close());

async function registerParty(kind: string): Promise<string> {
  const partyId = fresh(kind);
  await recorded('/v1/parties', { partyId, name: `Organisatie ${partyId}`, kind, effectiveDate: '2024-01-01', sourceReference: 'Partijenregister' });
  return partyId;
}

async function launchProgramme(): Promise<string> {
  const programmeId = fresh('pilot');
  await recorded('/v1/programmes', {
    programmeId,
    ownerPartyId: known.grantor,
    name: 'Pilot re-integratie',
    effectiveDate: '2024-01-10',
    sourceReference: 'Raadsinformatie pilot',
  });
  return programmeId;
}

async function recorded(path: string, body: unknown) {
  return expectCreated(await post(api, path, body));
}

// ---- request bodies in the domain's words; `change` replaces fields, undefined drops one ----

const award = (grantId: string, change: Record<string, unknown> = {}) => ({
  grantId,
  budgetId: known.budget,
  recipientPartyId: known.recipient,
  programmeId: known.programme,
  amount: '100000.00',
  effectiveDate: '2024-01-15',
  sourceReference: 'Subsidiebeschikking AZL 2024-0113',
  ...change,
});

const payment = (paymentId: string, amount: string, change: Record<string, unknown> = {}) => ({
  paymentId,
  amount,
  effectiveDate: '2024-02-01',
  sourceReference: 'Betaalopdracht 2024-0201',
  ...change,
});

const settlement = (settlementId: string, settledAmount: string, change: Record<string, unknown> = {}) => ({
  settlementId,
  settledAmount,
  effectiveDate: '2024-09-01',
  sourceReference: 'Vaststellingsbeschikking 2024-0901',
  ...change,
});

const reclaim = (reclaimId: string, amount: string, change: Record<string, unknown> = {}) => ({
  reclaimId,
  amount,
  reason: 'Minder deelnemers dan begroot',
  effectiveDate: '2024-09-15',
  sourceReference: 'Terugvorderingsbesluit 2024-0915',
  ...change,
});

const withdrawal = (withdrawalId: string, change: Record<string, unknown> = {}) => ({
  withdrawalId,
  reason: 'Activiteiten niet uitgevoerd',
  effectiveDate: '2024-03-01',
  sourceReference: 'Intrekkingsbesluit 2024-0301',
  ...change,
});

/** Awards a new grant of € 100.000,00 (unless told otherwise) and returns its id. */
async function awardedGrant(change: Record<string, unknown> = {}): Promise<string> {
  const grantId = fresh('subsidie');
  await recorded('/v1/grants', award(grantId, change));
  return grantId;
}

// ---- assertions ----

/** A first recording: 201, the entity, its stream revision and the journal position it reached. */
async function expectRecorded(response: Response, expected: { id: string; streamId: string; revision: number }) {
  const body = expectCreated(response);
  expect(body).toMatchObject(expected);
  expect(response.headers['idempotent-replayed']).toBeUndefined();
  expect(response.headers.etag).toBe(`"${expected.revision}"`);
  // The answer names the position its last event reached: the journal's head right now.
  expect(body.position).toBe((await api.journalHead()).treeSize);
  return body;
}

async function refused(path: string, body: unknown, status: number, kind: string, headers: Record<string, string> = {}) {
  const response = await refusedWithoutWriting(api, () => post(api, path, body, headers));
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
  ['one decimal "12.5"', '12.5'],
  ['Dutch notation "100.000,00"', '100.000,00'],
  ['an amount above the ledger bound', '10000000000.01'],
  ['null', null],
];
/** Zero is no amount to pay, reclaim or grant; a settlement at nil is a fact (tested apart). */
const ZERO: readonly [string, unknown][] = [['zero "0.00"', '0.00']];

const BAD_DATES: readonly [string, unknown][] = [
  ['30 February', '2024-02-30'],
  ['29 February of a common year', '2023-02-29'],
  ['a Dutch date', '15-01-2024'],
  ['a month without its zero', '2024-1-15'],
  ['a timestamp', '2024-01-15T10:00:00Z'],
  ['a number', 20240115],
];

const moneyCases = (field: string, cases: readonly (readonly [string, unknown])[] = [...BAD_MONEY, ...ZERO]) =>
  cases.map(([what, value]) => [`${field} as ${what}`, { [field]: value }] as const);
const dateCases = (field = 'effectiveDate') => BAD_DATES.map(([what, value]) => [`${field} as ${what}`, { [field]: value }] as const);

const BSN = '123456782'; // passes the elfproef

describe('POST /v1/grants (GrantAwarded)', () => {
  it('awards a grant: 201 with its id, stream revision 0 and journal position; the event names budget, recipient and programme', async () => {
    const grantId = fresh('subsidie');
    await expectRecorded(await post(api, '/v1/grants', award(grantId)), { id: grantId, streamId: `grant-${grantId}`, revision: 0 });
    const [event] = await streamEvents(api, `grant-${grantId}`);
    expect(event.type).toBe('GrantAwarded');
    expect(event.data).toEqual({
      grantId,
      budgetId: known.budget,
      recipientPartyId: known.recipient,
      programmeId: known.programme,
      amountCents: 10_000_000,
      effectiveDate: '2024-01-15',
    });
    expect(event.metadata).toMatchObject({ sourceReference: 'Subsidiebeschikking AZL 2024-0113', effectiveDate: '2024-01-15' });
  });

  it('awards a grant that serves no programme', async () => {
    const grantId = fresh('subsidie');
    await expectRecorded(await post(api, '/v1/grants', award(grantId, { programmeId: undefined, amount: '0.01' })), {
      id: grantId,
      streamId: `grant-${grantId}`,
      revision: 0,
    });
    expect((await lastEvent(`grant-${grantId}`)).data).not.toHaveProperty('programmeId');
  });

  it('records a grant for a programme that already ended: spending after the end is a finding, not a refusal', async () => {
    const grantId = fresh('subsidie');
    const response = await post(api, '/v1/grants', award(grantId, { programmeId: known.endedProgramme, effectiveDate: '2024-07-01' }));
    await expectRecorded(response, { id: grantId, streamId: `grant-${grantId}`, revision: 0 });
  });

  it('answers a retry of the same award as the first time, writing nothing', async () => {
    const grantId = fresh('subsidie');
    const first = expectCreated(await post(api, '/v1/grants', award(grantId)));
    await expectReplay('/v1/grants', award(grantId), first);
  });

  it('refuses the same grant id with another amount as an idempotency conflict, writing nothing', async () => {
    const grantId = await awardedGrant();
    await refused('/v1/grants', award(grantId, { amount: '90000.00' }), 409, 'idempotency-conflict');
  });

  it.each([
    ['an unknown field', { colour: 'blue' }],
    ['an actor in the body', { actor: 'mallory' }],
    ['a grant id with capitals', { grantId: 'Subsidie-Heerlen' }],
    ['a grant id of one character', { grantId: 'a' }],
    ['no recipient', { recipientPartyId: undefined }],
    ['a budget id that is a number', { budgetId: 2024 }],
    ['an empty programme id', { programmeId: '' }],
    ['no source reference', { sourceReference: undefined }],
    ['a blank source reference', { sourceReference: '   ' }],
    ['a source reference of 201 characters', { sourceReference: 'x'.repeat(201) }],
  ])('refuses %s as 400 validation, writing nothing', async (_what, change) => {
    await refused('/v1/grants', award(fresh('subsidie'), change), 400, 'validation');
  });

  it.each(moneyCases('amount'))('refuses %s as 400 invalid-amount, writing nothing', async (_what, change) => {
    await refused('/v1/grants', award(fresh('subsidie'), change), 400, 'invalid-amount');
  });

  it.each(dateCases())('refuses %s as 400 invalid-date, writing nothing', async (_what, change) => {
    await refused('/v1/grants', award(fresh('subsidie'), change), 400, 'invalid-date');
  });

  it.each([
    ['budget', 'budgetId'],
    ['recipient', 'recipientPartyId'],
    ['programme', 'programmeId'],
  ])('refuses an unknown %s as 422 unknown-reference naming the field, writing nothing', async (_what, field) => {
    const problem = await refused('/v1/grants', award(fresh('subsidie'), { [field]: 'bestaat-niet' }), 422, 'unknown-reference');
    expect(problem.field).toBe(field);
    expect(problem.detail).toContain('bestaat-niet');
  });

  it('refuses a budget id that names a party, not a budget, as unknown', async () => {
    await refused('/v1/grants', award(fresh('subsidie'), { budgetId: known.grantor }), 422, 'unknown-reference');
  });

  it.each([
    ['the source reference', { sourceReference: `Dossier ${BSN}` }, 'body.sourceReference'],
    ['the source reference, written with dots', { sourceReference: 'Dossier 1234.56.782' }, 'body.sourceReference'],
    ['the grant id', { grantId: `subsidie-${BSN}` }, 'body.grantId'],
    ['the amount, as a number', { amount: Number(BSN) }, 'body.amount'],
    ['an unknown field', { note: BSN }, 'body.note'],
  ])('refuses a BSN in %s as 422 personal-data, writing nothing', async (_what, change, field) => {
    const problem = await refused('/v1/grants', award(fresh('subsidie'), change), 422, 'personal-data');
    expect(problem.field).toBe(field);
  });

  it('refuses a BSN in the correlation id, which would be stored in the event metadata', async () => {
    const problem = await refused('/v1/grants', award(fresh('subsidie')), 422, 'personal-data', { 'X-Correlation-Id': `dossier-${BSN}` });
    expect(problem.field).toBe('header.x-correlation-id');
  });

  it('does not take a nine-digit number failing the elfproef for a BSN', async () => {
    const grantId = fresh('subsidie');
    await expectRecorded(await post(api, '/v1/grants', award(grantId, { sourceReference: 'Zaaknummer 123456789' })), {
      id: grantId,
      streamId: `grant-${grantId}`,
      revision: 0,
    });
  });
});

describe('POST /v1/grants/{id}/payments (GrantAdvancePaid)', () => {
  let grantId: string;
  beforeAll(async () => {
    grantId = await awardedGrant();
  });

  it('pays an advance: 201 at revision 1; the payment carries the grant charge and no flag', async () => {
    const id = await awardedGrant();
    const response = await post(api, `/v1/grants/${id}/payments`, payment('voorschot-1', '50000.00'));
    await expectRecorded(response, { id, streamId: `grant-${id}`, revision: 1 });
    const event = await lastEvent(`grant-${id}`);
    expect(event.type).toBe('GrantAdvancePaid');
    expect(event.data).toEqual({
      grantId: id,
      paymentId: 'voorschot-1',
      budgetId: known.budget,
      recipientPartyId: known.recipient,
      programmeId: known.programme,
      amountCents: 5_000_000,
      effectiveDate: '2024-02-01',
    });
  });

  it('records payments above the granted amount, flagged paid-above-granted', async () => {
    const id = await awardedGrant();
    await recorded(`/v1/grants/${id}/payments`, payment('voorschot-1', '60000.00'));
    expect((await lastEvent(`grant-${id}`)).data.flags).toBeUndefined();
    const response = await post(api, `/v1/grants/${id}/payments`, payment('voorschot-2', '50000.00'));
    await expectRecorded(response, { id, streamId: `grant-${id}`, revision: 2 });
    expect((await lastEvent(`grant-${id}`)).data.flags).toEqual(['paid-above-granted']);
  });

  it('records a payment above the settled amount after settlement, flagged paid-above-settled', async () => {
    const id = await awardedGrant();
    await recorded(`/v1/grants/${id}/payments`, payment('voorschot-1', '50000.00'));
    await recorded(`/v1/grants/${id}/settlement`, settlement('vaststelling', '60000.00'));
    const response = await post(api, `/v1/grants/${id}/payments`, payment('nabetaling', '20000.00', { effectiveDate: '2024-09-10' }));
    await expectRecorded(response, { id, streamId: `grant-${id}`, revision: 3 });
    expect((await lastEvent(`grant-${id}`)).data.flags).toEqual(['paid-above-settled']);
  });

  it('records a payment for a programme that has ended', async () => {
    const id = await awardedGrant({ programmeId: known.endedProgramme });
    const response = await post(api, `/v1/grants/${id}/payments`, payment('slot', '10000.00', { effectiveDate: '2024-08-01' }));
    await expectRecorded(response, { id, streamId: `grant-${id}`, revision: 1 });
  });

  it('answers a retry of the same payment as the first time, writing nothing', async () => {
    const id = await awardedGrant();
    const first = expectCreated(await post(api, `/v1/grants/${id}/payments`, payment('voorschot-1', '25000.00')));
    await expectReplay(`/v1/grants/${id}/payments`, payment('voorschot-1', '25000.00'), first);
  });

  it('refuses the same payment id with another amount as an idempotency conflict, writing nothing', async () => {
    const id = await awardedGrant();
    await recorded(`/v1/grants/${id}/payments`, payment('voorschot-1', '25000.00'));
    await refused(`/v1/grants/${id}/payments`, payment('voorschot-1', '26000.00'), 409, 'idempotency-conflict');
  });

  it('refuses a payment on a grant that does not exist as 404, writing nothing', async () => {
    await refused('/v1/grants/bestaat-niet/payments', payment('voorschot-1', '100.00'), 404, 'not-found');
  });

  it('refuses a path id that is not an entity id as 400 validation', async () => {
    await refused('/v1/grants/Subsidie_1/payments', payment('voorschot-1', '100.00'), 400, 'validation');
  });

  it('refuses a payment on a withdrawn grant as 409 invalid-state, writing nothing', async () => {
    const id = await awardedGrant();
    await recorded(`/v1/grants/${id}/withdrawal`, withdrawal('intrekking'));
    await refused(`/v1/grants/${id}/payments`, payment('voorschot-1', '100.00', { effectiveDate: '2024-04-01' }), 409, 'invalid-state');
  });

  it.each([
    ['an unknown field', { colour: 'blue' }],
    ['no payment id', { paymentId: undefined }],
    ['a payment id with an underscore', { paymentId: 'voorschot_1' }],
    ['no source reference', { sourceReference: undefined }],
  ])('refuses %s as 400 validation, writing nothing', async (_what, change) => {
    await refused(`/v1/grants/${grantId}/payments`, payment(fresh('voorschot'), '100.00', change), 400, 'validation');
  });

  it.each(moneyCases('amount'))('refuses %s as 400 invalid-amount, writing nothing', async (_what, change) => {
    await refused(`/v1/grants/${grantId}/payments`, payment(fresh('voorschot'), '100.00', change), 400, 'invalid-amount');
  });

  it.each(dateCases())('refuses %s as 400 invalid-date, writing nothing', async (_what, change) => {
    await refused(`/v1/grants/${grantId}/payments`, payment(fresh('voorschot'), '100.00', change), 400, 'invalid-date');
  });

  it.each([
    ['the source reference', { sourceReference: `BSN ${BSN}` }],
    ['the payment id', { paymentId: `voorschot-${BSN}` }],
  ])('refuses a BSN in %s as 422 personal-data, writing nothing', async (_what, change) => {
    await refused(`/v1/grants/${grantId}/payments`, payment(fresh('voorschot'), '100.00', change), 422, 'personal-data');
  });

  it('refuses a BSN as the grant id in the path as 422 personal-data', async () => {
    await refused(`/v1/grants/${BSN}/payments`, payment('voorschot-1', '100.00'), 422, 'personal-data');
  });
});

describe('POST /v1/grants/{id}/settlement (GrantSettled)', () => {
  let grantId: string;
  beforeAll(async () => {
    grantId = await awardedGrant();
  });

  it('settles a grant at the granted amount after an advance: 201, unflagged', async () => {
    const id = await awardedGrant();
    await recorded(`/v1/grants/${id}/payments`, payment('voorschot-1', '80000.00'));
    const response = await post(api, `/v1/grants/${id}/settlement`, settlement('vaststelling', '100000.00'));
    await expectRecorded(response, { id, streamId: `grant-${id}`, revision: 2 });
    const event = await lastEvent(`grant-${id}`);
    expect(event.type).toBe('GrantSettled');
    expect(event.data).toMatchObject({ grantId: id, settlementId: 'vaststelling', settledAmountCents: 10_000_000, budgetId: known.budget });
    expect(event.data.flags).toBeUndefined();
  });

  it('settles at nil (vaststelling op nihil) when nothing was paid', async () => {
    const id = await awardedGrant();
    const response = await post(api, `/v1/grants/${id}/settlement`, settlement('nihil', '0.00'));
    await expectRecorded(response, { id, streamId: `grant-${id}`, revision: 1 });
    expect((await lastEvent(`grant-${id}`)).data.settledAmountCents).toBe(0);
  });

  it('records a settlement above the granted amount, flagged settled-above-granted', async () => {
    const id = await awardedGrant();
    await expectRecorded(await post(api, `/v1/grants/${id}/settlement`, settlement('vaststelling', '120000.00')), {
      id,
      streamId: `grant-${id}`,
      revision: 1,
    });
    expect((await lastEvent(`grant-${id}`)).data.flags).toEqual(['settled-above-granted']);
  });

  it('refuses a settlement below what was already paid without a reclaim, writing nothing', async () => {
    const id = await awardedGrant();
    await recorded(`/v1/grants/${id}/payments`, payment('voorschot-1', '100000.00'));
    const problem = await refused(`/v1/grants/${id}/settlement`, settlement('vaststelling', '80000.00'), 400, 'invalid-amount');
    expect(problem.detail).toContain('needs a reclaim of 20000.00');
  });

  it('settles below what was paid when the settlement carries the reclaim of the difference: both events in one write', async () => {
    const id = await awardedGrant();
    await recorded(`/v1/grants/${id}/payments`, payment('voorschot-1', '100000.00'));
    const body = settlement('vaststelling', '80000.00', {
      reclaim: { reclaimId: 'terugvordering-1', amount: '20000.00', reason: 'Minder deelnemers dan begroot' },
    });
    const response = await post(api, `/v1/grants/${id}/settlement`, body);
    const created = await expectRecorded(response, { id, streamId: `grant-${id}`, revision: 3 });
    expect(response.body.eventIds).toHaveLength(2);
    const events = await streamEvents(api, `grant-${id}`);
    expect(events.slice(-2).map((e) => e.type)).toEqual(['GrantSettled', 'GrantReclaimed']);
    expect(events[3].data).toMatchObject({ reclaimId: 'terugvordering-1', amountCents: 2_000_000, budgetId: known.budget });
    await expectReplay(`/v1/grants/${id}/settlement`, body, created);
  });

  it.each([
    ['less than the excess paid', '10000.00'],
    ['more than the excess paid', '30000.00'],
  ])('refuses a settlement whose reclaim is %s, writing nothing', async (_what, amount) => {
    const id = await awardedGrant();
    await recorded(`/v1/grants/${id}/payments`, payment('voorschot-1', '100000.00'));
    const body = settlement('vaststelling', '80000.00', { reclaim: { reclaimId: 'terugvordering-1', amount, reason: 'Te veel betaald' } });
    const problem = await refused(`/v1/grants/${id}/settlement`, body, 400, 'invalid-amount');
    // Named as the client sent it, not as the ledger holds it (in cents).
    expect(problem.field).toBe('reclaim.amount');
    expect(problem.detail).not.toContain('Cents');
  });

  it('settles below what was paid after a separate reclaim of the difference', async () => {
    const id = await awardedGrant();
    await recorded(`/v1/grants/${id}/payments`, payment('voorschot-1', '100000.00'));
    await recorded(`/v1/grants/${id}/reclaims`, reclaim('terugvordering-1', '20000.00', { effectiveDate: '2024-08-15' }));
    await expectRecorded(await post(api, `/v1/grants/${id}/settlement`, settlement('vaststelling', '80000.00')), {
      id,
      streamId: `grant-${id}`,
      revision: 3,
    });
  });

  it('refuses a second settlement as 409 invalid-state, writing nothing', async () => {
    const id = await awardedGrant();
    await recorded(`/v1/grants/${id}/settlement`, settlement('vaststelling', '100000.00'));
    await refused(`/v1/grants/${id}/settlement`, settlement('vaststelling-2', '90000.00'), 409, 'invalid-state');
  });

  it('refuses settling a withdrawn grant as 409 invalid-state, writing nothing', async () => {
    const id = await awardedGrant();
    await recorded(`/v1/grants/${id}/withdrawal`, withdrawal('intrekking'));
    await refused(`/v1/grants/${id}/settlement`, settlement('vaststelling', '0.00'), 409, 'invalid-state');
  });

  it('answers a retry of the same settlement as the first time, writing nothing', async () => {
    const id = await awardedGrant();
    const first = expectCreated(await post(api, `/v1/grants/${id}/settlement`, settlement('vaststelling', '100000.00')));
    await expectReplay(`/v1/grants/${id}/settlement`, settlement('vaststelling', '100000.00'), first);
  });

  it('refuses the same settlement id with another amount as an idempotency conflict, writing nothing', async () => {
    const id = await awardedGrant();
    await recorded(`/v1/grants/${id}/settlement`, settlement('vaststelling', '100000.00'));
    await refused(`/v1/grants/${id}/settlement`, settlement('vaststelling', '95000.00'), 409, 'idempotency-conflict');
  });

  it('refuses a settlement of a grant that does not exist as 404, writing nothing', async () => {
    await refused('/v1/grants/bestaat-niet/settlement', settlement('vaststelling', '100.00'), 404, 'not-found');
  });

  it.each([
    ['an unknown field', { colour: 'blue' }],
    ['no settlement id', { settlementId: undefined }],
    ['a reclaim that is a list', { reclaim: [{ reclaimId: 'terugvordering-1', amount: '1.00', reason: 'Te veel betaald' }] }],
    ['a reclaim that is text', { reclaim: 'terugvordering' }],
    ['a reclaim without a reason', { reclaim: { reclaimId: 'terugvordering-1', amount: '1.00' } }],
    ['a reclaim with an unknown field', { reclaim: { reclaimId: 'terugvordering-1', amount: '1.00', reason: 'Te veel', colour: 'blue' } }],
  ])('refuses %s as 400 validation, writing nothing', async (_what, change) => {
    await refused(`/v1/grants/${grantId}/settlement`, settlement(fresh('vaststelling'), '100.00', change), 400, 'validation');
  });

  it.each([...moneyCases('settledAmount', BAD_MONEY), ['a reclaim amount of "1e5"', { reclaim: { reclaimId: 'terugvordering-1', amount: '1e5', reason: 'Te veel' } }] as const])(
    'refuses %s as 400 invalid-amount, writing nothing',
    async (_what, change) => {
      await refused(`/v1/grants/${grantId}/settlement`, settlement(fresh('vaststelling'), '100.00', change), 400, 'invalid-amount');
    },
  );

  it.each(dateCases())('refuses %s as 400 invalid-date, writing nothing', async (_what, change) => {
    await refused(`/v1/grants/${grantId}/settlement`, settlement(fresh('vaststelling'), '100.00', change), 400, 'invalid-date');
  });

  it.each([
    ['the source reference', { sourceReference: `Vaststelling ${BSN}` }, 'body.sourceReference'],
    ['the reason of its reclaim', { reclaim: { reclaimId: 'terugvordering-1', amount: '1.00', reason: `Deelnemer ${BSN}` } }, 'body.reclaim.reason'],
  ])('refuses a BSN in %s as 422 personal-data, writing nothing', async (_what, change, field) => {
    const problem = await refused(`/v1/grants/${grantId}/settlement`, settlement(fresh('vaststelling'), '100.00', change), 422, 'personal-data');
    expect(problem.field).toBe(field);
  });
});

describe('POST /v1/grants/{id}/reclaims (GrantReclaimed)', () => {
  let paidGrant: string;
  beforeAll(async () => {
    paidGrant = await awardedGrant();
    await recorded(`/v1/grants/${paidGrant}/payments`, payment('voorschot-1', '50000.00'));
  });

  it('reclaims part of what was paid: 201; the reclaim carries the grant charge and its reason', async () => {
    const id = await awardedGrant();
    await recorded(`/v1/grants/${id}/payments`, payment('voorschot-1', '50000.00'));
    await expectRecorded(await post(api, `/v1/grants/${id}/reclaims`, reclaim('terugvordering-1', '5000.00')), {
      id,
      streamId: `grant-${id}`,
      revision: 2,
    });
    const event = await lastEvent(`grant-${id}`);
    expect(event.type).toBe('GrantReclaimed');
    expect(event.data).toMatchObject({
      grantId: id,
      reclaimId: 'terugvordering-1',
      amountCents: 500_000,
      reason: 'Minder deelnemers dan begroot',
      budgetId: known.budget,
      recipientPartyId: known.recipient,
    });
  });

  it('reclaims what was paid on a grant after its withdrawal', async () => {
    const id = await awardedGrant();
    await recorded(`/v1/grants/${id}/payments`, payment('voorschot-1', '50000.00'));
    await recorded(`/v1/grants/${id}/withdrawal`, withdrawal('intrekking'));
    await expectRecorded(await post(api, `/v1/grants/${id}/reclaims`, reclaim('terugvordering-1', '50000.00')), {
      id,
      streamId: `grant-${id}`,
      revision: 3,
    });
  });

  it('refuses reclaiming more than is held (paid minus reclaimed), writing nothing', async () => {
    const id = await awardedGrant();
    await recorded(`/v1/grants/${id}/payments`, payment('voorschot-1', '50000.00'));
    await recorded(`/v1/grants/${id}/reclaims`, reclaim('terugvordering-1', '30000.00'));
    const problem = await refused(`/v1/grants/${id}/reclaims`, reclaim('terugvordering-2', '20000.01'), 400, 'invalid-amount');
    expect(problem.detail).toContain('20000.00');
  });

  it('refuses a reclaim on a grant on which nothing was paid, writing nothing', async () => {
    const id = await awardedGrant();
    await refused(`/v1/grants/${id}/reclaims`, reclaim('terugvordering-1', '1.00'), 400, 'invalid-amount');
  });

  it('refuses a reclaim id already used by the reclaim of a settlement as 409 already-exists', async () => {
    const id = await awardedGrant();
    await recorded(`/v1/grants/${id}/payments`, payment('voorschot-1', '100000.00'));
    await recorded(
      `/v1/grants/${id}/settlement`,
      settlement('vaststelling', '80000.00', { reclaim: { reclaimId: 'terugvordering-1', amount: '20000.00', reason: 'Te veel betaald' } }),
    );
    await refused(`/v1/grants/${id}/reclaims`, reclaim('terugvordering-1', '1.00'), 409, 'already-exists');
  });

  it('answers a retry of the same reclaim as the first time, writing nothing', async () => {
    const id = await awardedGrant();
    await recorded(`/v1/grants/${id}/payments`, payment('voorschot-1', '50000.00'));
    const first = expectCreated(await post(api, `/v1/grants/${id}/reclaims`, reclaim('terugvordering-1', '5000.00')));
    await expectReplay(`/v1/grants/${id}/reclaims`, reclaim('terugvordering-1', '5000.00'), first);
  });

  it('refuses the same reclaim id with another reason as an idempotency conflict, writing nothing', async () => {
    const id = await awardedGrant();
    await recorded(`/v1/grants/${id}/payments`, payment('voorschot-1', '50000.00'));
    await recorded(`/v1/grants/${id}/reclaims`, reclaim('terugvordering-1', '5000.00'));
    await refused(`/v1/grants/${id}/reclaims`, reclaim('terugvordering-1', '5000.00', { reason: 'Andere reden' }), 409, 'idempotency-conflict');
  });

  it('refuses a reclaim on a grant that does not exist as 404, writing nothing', async () => {
    await refused('/v1/grants/bestaat-niet/reclaims', reclaim('terugvordering-1', '1.00'), 404, 'not-found');
  });

  it.each([
    ['an unknown field', { colour: 'blue' }],
    ['no reason', { reason: undefined }],
    ['a blank reason', { reason: ' \t ' }],
    ['a reason of 501 characters', { reason: 'x'.repeat(501) }],
    ['no reclaim id', { reclaimId: undefined }],
  ])('refuses %s as 400 validation, writing nothing', async (_what, change) => {
    await refused(`/v1/grants/${paidGrant}/reclaims`, reclaim(fresh('terugvordering'), '1.00', change), 400, 'validation');
  });

  it.each(moneyCases('amount'))('refuses %s as 400 invalid-amount, writing nothing', async (_what, change) => {
    await refused(`/v1/grants/${paidGrant}/reclaims`, reclaim(fresh('terugvordering'), '1.00', change), 400, 'invalid-amount');
  });

  it.each(dateCases())('refuses %s as 400 invalid-date, writing nothing', async (_what, change) => {
    await refused(`/v1/grants/${paidGrant}/reclaims`, reclaim(fresh('terugvordering'), '1.00', change), 400, 'invalid-date');
  });

  it.each([
    ['the reason', { reason: `Deelnemer met BSN ${BSN} gestopt` }, 'body.reason'],
    ['the reason, written with dashes', { reason: 'Deelnemer 123-456-782 gestopt' }, 'body.reason'],
    ['the source reference', { sourceReference: BSN }, 'body.sourceReference'],
  ])('refuses a BSN in %s as 422 personal-data, writing nothing', async (_what, change, field) => {
    const problem = await refused(`/v1/grants/${paidGrant}/reclaims`, reclaim(fresh('terugvordering'), '1.00', change), 422, 'personal-data');
    expect(problem.field).toBe(field);
  });
});

describe('POST /v1/grants/{id}/withdrawal (GrantWithdrawn)', () => {
  let grantId: string;
  beforeAll(async () => {
    grantId = await awardedGrant();
  });

  it('withdraws a grant: 201, GrantWithdrawn with its reason', async () => {
    const id = await awardedGrant();
    await expectRecorded(await post(api, `/v1/grants/${id}/withdrawal`, withdrawal('intrekking')), {
      id,
      streamId: `grant-${id}`,
      revision: 1,
    });
    const event = await lastEvent(`grant-${id}`);
    expect(event.type).toBe('GrantWithdrawn');
    expect(event.data).toEqual({ grantId: id, withdrawalId: 'intrekking', reason: 'Activiteiten niet uitgevoerd', effectiveDate: '2024-03-01' });
  });

  it('withdraws on the day of the award', async () => {
    const id = await awardedGrant();
    await expectRecorded(await post(api, `/v1/grants/${id}/withdrawal`, withdrawal('intrekking', { effectiveDate: '2024-01-15' })), {
      id,
      streamId: `grant-${id}`,
      revision: 1,
    });
  });

  it('refuses a withdrawal dated before the award as 400 invalid-date, writing nothing', async () => {
    const id = await awardedGrant();
    const problem = await refused(`/v1/grants/${id}/withdrawal`, withdrawal('intrekking', { effectiveDate: '2024-01-14' }), 400, 'invalid-date');
    expect(problem.field).toBe('effectiveDate');
  });

  it('refuses a second withdrawal as 409 invalid-state, writing nothing', async () => {
    const id = await awardedGrant();
    await recorded(`/v1/grants/${id}/withdrawal`, withdrawal('intrekking'));
    await refused(`/v1/grants/${id}/withdrawal`, withdrawal('intrekking-2'), 409, 'invalid-state');
  });

  it('answers a retry of the same withdrawal as the first time, writing nothing', async () => {
    const id = await awardedGrant();
    const first = expectCreated(await post(api, `/v1/grants/${id}/withdrawal`, withdrawal('intrekking')));
    await expectReplay(`/v1/grants/${id}/withdrawal`, withdrawal('intrekking'), first);
  });

  it('refuses the same withdrawal id with another reason as an idempotency conflict, writing nothing', async () => {
    const id = await awardedGrant();
    await recorded(`/v1/grants/${id}/withdrawal`, withdrawal('intrekking'));
    await refused(`/v1/grants/${id}/withdrawal`, withdrawal('intrekking', { reason: 'Andere reden' }), 409, 'idempotency-conflict');
  });

  it('refuses withdrawing a grant that does not exist as 404, writing nothing', async () => {
    await refused('/v1/grants/bestaat-niet/withdrawal', withdrawal('intrekking'), 404, 'not-found');
  });

  it.each([
    ['an unknown field', { colour: 'blue' }],
    ['no reason', { reason: undefined }],
    ['a reason that is a number', { reason: 42 }],
    ['no withdrawal id', { withdrawalId: undefined }],
  ])('refuses %s as 400 validation, writing nothing', async (_what, change) => {
    await refused(`/v1/grants/${grantId}/withdrawal`, withdrawal(fresh('intrekking'), change), 400, 'validation');
  });

  it.each(dateCases())('refuses %s as 400 invalid-date, writing nothing', async (_what, change) => {
    await refused(`/v1/grants/${grantId}/withdrawal`, withdrawal(fresh('intrekking'), change), 400, 'invalid-date');
  });

  it.each([
    ['the reason', { reason: `Ontvanger ${BSN}` }],
    ['the source reference', { sourceReference: `Besluit ${BSN}` }],
  ])('refuses a BSN in %s as 422 personal-data, writing nothing', async (_what, change) => {
    await refused(`/v1/grants/${grantId}/withdrawal`, withdrawal(fresh('intrekking'), change), 422, 'personal-data');
  });
});
