// Procurement over HTTP: a procurement (aanbesteding) is started, awards contracts (gunning,
// raamovereenkomst) that get a stream of their own, and those contracts are amended and ended.
// Real API, real SQLite store in a temporary folder. Every refusal is checked to have written nothing.
import type { Response } from 'supertest';
import { startApi, type Harness } from '../support/api-harness';
import { expectCreated, expectProblem, fresh, post, refusedWithoutWriting, streamEvents } from '../support/http';

let api: Harness;
/** Registered once: refused requests do not change them, and every test makes its own procurements. */
const known = { buyer: '', supplier: '', otherSupplier: '' };

beforeAll(async () => {
  api = await startApi();
  known.buyer = await registerParty('municipality');
  known.supplier = await registerParty('company');
  known.otherSupplier = await registerParty('foundation');
});
afterAll(() => api.close());

async function registerParty(kind: string): Promise<string> {
  const partyId = fresh(kind);
  await recorded('/v1/parties', { partyId, name: `Organisatie ${partyId}`, kind, effectiveDate: '2024-01-01', sourceReference: 'Partijenregister' });
  return partyId;
}

async function recorded(path: string, body: unknown) {
  return expectCreated(await post(api, path, body));
}

// ---- request bodies in the domain's words; `change` replaces fields, undefined drops one ----

const start = (procurementId: string, change: Record<string, unknown> = {}) => ({
  procurementId,
  buyerPartyId: known.buyer,
  subject: 'Re-integratietrajecten grote afstand tot de arbeidsmarkt',
  procedure: 'multiple-quote',
  estimatedValue: '30000.00',
  effectiveDate: '2024-05-01',
  sourceReference: 'Inkoopdossier 2024-017',
  ...change,
});

const contract = (contractId: string, change: Record<string, unknown> = {}) => ({
  contractId,
  supplierPartyId: known.supplier,
  ceiling: '30000.00',
  termStart: '2024-07-01',
  termEnd: '2024-12-31',
  effectiveDate: '2024-06-15',
  sourceReference: 'Gunningsbesluit 2024-0615',
  ...change,
});

const amendment = (amendmentId: string, change: Record<string, unknown> = {}) => ({
  amendmentId,
  ceiling: '40000.00',
  termEnd: '2025-06-30',
  reason: 'Extra trajecten nodig',
  effectiveDate: '2024-10-01',
  sourceReference: 'Wijzigingsovereenkomst 2024-1001',
  ...change,
});

const ending = (change: Record<string, unknown> = {}) => ({
  reason: 'Looptijd verstreken',
  effectiveDate: '2024-12-31',
  sourceReference: 'Einde overeenkomst 2024-1231',
  ...change,
});

async function startedProcurement(change: Record<string, unknown> = {}): Promise<string> {
  const procurementId = fresh('inkoop');
  await recorded('/v1/procurements', start(procurementId, change));
  return procurementId;
}

/** A contract awarded on a new procurement; its id names its own stream. */
async function awardedContract(change: Record<string, unknown> = {}): Promise<string> {
  const procurementId = await startedProcurement();
  const contractId = fresh('contract');
  await recorded(`/v1/procurements/${procurementId}/contracts`, contract(contractId, change));
  return contractId;
}

// ---- assertions ----

/** A first recording: 201, the entity, its stream revision; its position is at most the head. */
async function expectRecorded(response: Response, expected: { id: string; streamId: string; revision: number }) {
  const body = expectCreated(response);
  expect(body).toMatchObject(expected);
  expect(response.headers['idempotent-replayed']).toBeUndefined();
  expect(response.headers.etag).toBe(`"${expected.revision}"`);
  const events = await streamEvents(api, expected.streamId);
  // The position is the last event written: the stream's own, or its mirror's (a contract award).
  expect(events[events.length - 1]).toMatchObject({ revision: expected.revision });
  expect(body.position).toBeGreaterThanOrEqual(events[events.length - 1].position);
  expect(body.position).toBeLessThanOrEqual((await api.journalHead()).treeSize);
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

// ---- input that is refused the same way on every endpoint that takes it ----

const BAD_MONEY: readonly [string, unknown][] = [
  ['three decimals "12.345"', '12.345'],
  ['exponent notation "1e5"', '1e5'],
  ['the number -5', -5],
  ['the number 12.5', 12.5],
  ['a negative string "-5.00"', '-5.00'],
  ['zero "0.00"', '0.00'],
  ['Dutch notation "30.000,00"', '30.000,00'],
  ['an amount above the ledger bound', '10000000000.01'],
];

const BAD_DATES: readonly [string, unknown][] = [
  ['30 February', '2024-02-30'],
  ['month 13', '2024-13-01'],
  ['a Dutch date', '01-07-2024'],
  ['a timestamp', '2024-07-01T00:00:00Z'],
  ['a number', 20240701],
];

const moneyCases = (field: string) => BAD_MONEY.map(([what, value]) => [`${field} as ${what}`, { [field]: value }] as const);
const dateCases = (field = 'effectiveDate') => BAD_DATES.map(([what, value]) => [`${field} as ${what}`, { [field]: value }] as const);

const BSN = '123456782'; // passes the elfproef

describe('POST /v1/procurements (ProcurementStarted)', () => {
  it('starts a procurement: 201 with its id, revision 0 and position; the event holds buyer, procedure and value', async () => {
    const procurementId = fresh('inkoop');
    const body = await expectRecorded(await post(api, '/v1/procurements', start(procurementId)), {
      id: procurementId,
      streamId: `procurement-${procurementId}`,
      revision: 0,
    });
    expect(body.position).toBe((await api.journalHead()).treeSize);
    const [event] = await streamEvents(api, `procurement-${procurementId}`);
    expect(event.type).toBe('ProcurementStarted');
    expect(event.data).toEqual({
      procurementId,
      buyerPartyId: known.buyer,
      subject: 'Re-integratietrajecten grote afstand tot de arbeidsmarkt',
      procedure: 'multiple-quote',
      estimatedValueCents: 3_000_000,
      effectiveDate: '2024-05-01',
    });
  });

  it.each(['single-quote', 'multiple-quote', 'national', 'european', 'social-services'])('starts a procurement by the %s procedure', async (procedure) => {
    const procurementId = fresh('inkoop');
    await expectRecorded(await post(api, '/v1/procurements', start(procurementId, { procedure })), {
      id: procurementId,
      streamId: `procurement-${procurementId}`,
      revision: 0,
    });
  });

  it('records a procedure too light for the value (single quote for € 1.000.000): a finding, not a refusal', async () => {
    const procurementId = fresh('inkoop');
    const response = await post(api, '/v1/procurements', start(procurementId, { procedure: 'single-quote', estimatedValue: '1000000.00' }));
    await expectRecorded(response, { id: procurementId, streamId: `procurement-${procurementId}`, revision: 0 });
  });

  it('answers a retry of the same start as the first time, writing nothing', async () => {
    const procurementId = fresh('inkoop');
    const first = expectCreated(await post(api, '/v1/procurements', start(procurementId)));
    await expectReplay('/v1/procurements', start(procurementId), first);
  });

  it('refuses the same procurement id with another procedure as an idempotency conflict, writing nothing', async () => {
    const procurementId = await startedProcurement();
    await refused('/v1/procurements', start(procurementId, { procedure: 'european' }), 409, 'idempotency-conflict');
  });

  it.each([
    ['an unknown field', { colour: 'blue' }],
    ['an unknown procedure', { procedure: 'handshake' }],
    ['no procedure', { procedure: undefined }],
    ['no subject', { subject: undefined }],
    ['a blank subject', { subject: '  ' }],
    ['a subject of 501 characters', { subject: 'x'.repeat(501) }],
    ['a procurement id with capitals', { procurementId: 'Inkoop-2024' }],
    ['no buyer', { buyerPartyId: undefined }],
    ['no source reference', { sourceReference: undefined }],
  ])('refuses %s as 400 validation, writing nothing', async (_what, change) => {
    await refused('/v1/procurements', start(fresh('inkoop'), change), 400, 'validation');
  });

  it.each(moneyCases('estimatedValue'))('refuses %s as 400 invalid-amount, writing nothing', async (_what, change) => {
    await refused('/v1/procurements', start(fresh('inkoop'), change), 400, 'invalid-amount');
  });

  it.each(dateCases())('refuses %s as 400 invalid-date, writing nothing', async (_what, change) => {
    await refused('/v1/procurements', start(fresh('inkoop'), change), 400, 'invalid-date');
  });

  it('refuses an unknown buyer as 422 unknown-reference, writing nothing', async () => {
    const problem = await refused('/v1/procurements', start(fresh('inkoop'), { buyerPartyId: 'bestaat-niet' }), 422, 'unknown-reference');
    expect(problem.field).toBe('buyerPartyId');
  });

  it.each([
    ['the subject', { subject: `Traject voor ${BSN}` }, 'body.subject'],
    ['the source reference', { sourceReference: `Dossier ${BSN}` }, 'body.sourceReference'],
    ['the procurement id', { procurementId: `inkoop-${BSN}` }, 'body.procurementId'],
  ])('refuses a BSN in %s as 422 personal-data, writing nothing', async (_what, change, field) => {
    const problem = await refused('/v1/procurements', start(fresh('inkoop'), change), 422, 'personal-data');
    expect(problem.field).toBe(field);
  });
});

describe('POST /v1/procurements/{id}/contracts (ContractAwarded)', () => {
  let procurementId: string;
  beforeAll(async () => {
    procurementId = await startedProcurement();
  });

  it('awards a contract: 201 on the procurement at revision 1, and the contract stream begins with the award', async () => {
    const id = await startedProcurement();
    const contractId = fresh('contract');
    await expectRecorded(await post(api, `/v1/procurements/${id}/contracts`, contract(contractId, { optionMonths: 12 })), {
      id,
      streamId: `procurement-${id}`,
      revision: 1,
    });
    const expected = {
      procurementId: id,
      contractId,
      buyerPartyId: known.buyer,
      supplierPartyId: known.supplier,
      procedure: 'multiple-quote',
      ceilingCents: 3_000_000,
      termStart: '2024-07-01',
      termEnd: '2024-12-31',
      optionMonths: 12,
      effectiveDate: '2024-06-15',
    };
    const [mirror] = await streamEvents(api, `contract-${contractId}`);
    expect(mirror).toMatchObject({ type: 'ContractAwarded', revision: 0, data: expected });
    expect((await streamEvents(api, `procurement-${id}`))[1]).toMatchObject({ type: 'ContractAwarded', data: expected });
    // The contract exists as an entity of its own: it can be amended.
    await expectRecorded(await post(api, `/v1/contracts/${contractId}/amendments`, amendment('verhoging-1')), {
      id: contractId,
      streamId: `contract-${contractId}`,
      revision: 1,
    });
  });

  it('awards several contracts (lots) on one procurement', async () => {
    const id = await startedProcurement();
    await recorded(`/v1/procurements/${id}/contracts`, contract(fresh('perceel')));
    const response = await post(api, `/v1/procurements/${id}/contracts`, contract(fresh('perceel'), { supplierPartyId: known.otherSupplier }));
    await expectRecorded(response, { id, streamId: `procurement-${id}`, revision: 2 });
  });

  it('records a contract whose ceiling is far above what the procedure allows: a finding, not a refusal', async () => {
    const id = await startedProcurement({ procedure: 'single-quote', estimatedValue: '10000.00' });
    const response = await post(api, `/v1/procurements/${id}/contracts`, contract(fresh('contract'), { ceiling: '2000000.00', optionMonths: 48 }));
    await expectRecorded(response, { id, streamId: `procurement-${id}`, revision: 1 });
  });

  it('answers a retry of the same award as the first time, writing nothing on either stream', async () => {
    const id = await startedProcurement();
    const contractId = fresh('contract');
    const first = expectCreated(await post(api, `/v1/procurements/${id}/contracts`, contract(contractId)));
    await expectReplay(`/v1/procurements/${id}/contracts`, contract(contractId), first);
    expect(await streamEvents(api, `contract-${contractId}`)).toHaveLength(1);
  });

  it('refuses the same contract id with another ceiling on the same procurement as an idempotency conflict', async () => {
    const id = await startedProcurement();
    const contractId = fresh('contract');
    await recorded(`/v1/procurements/${id}/contracts`, contract(contractId));
    await refused(`/v1/procurements/${id}/contracts`, contract(contractId, { ceiling: '35000.00' }), 409, 'idempotency-conflict');
  });

  it('refuses a contract id already awarded on another procurement as 409 already-exists, writing nothing', async () => {
    const contractId = await awardedContract();
    const problem = await refused(`/v1/procurements/${procurementId}/contracts`, contract(contractId), 409, 'already-exists');
    expect(problem.field).toBe('contractId');
  });

  it('refuses an award on a procurement that does not exist as 404, writing nothing', async () => {
    await refused('/v1/procurements/bestaat-niet/contracts', contract(fresh('contract')), 404, 'not-found');
    expect(await streamEvents(api, 'contract-bestaat-niet')).toEqual([]);
  });

  it('refuses an unknown supplier as 422 unknown-reference, writing nothing', async () => {
    const contractId = fresh('contract');
    const problem = await refused(
      `/v1/procurements/${procurementId}/contracts`,
      contract(contractId, { supplierPartyId: 'bestaat-niet' }),
      422,
      'unknown-reference',
    );
    expect(problem.field).toBe('supplierPartyId');
    expect(await streamEvents(api, `contract-${contractId}`)).toEqual([]);
  });

  it('refuses a term that ends before it starts as 400 invalid-date, writing nothing', async () => {
    const problem = await refused(
      `/v1/procurements/${procurementId}/contracts`,
      contract(fresh('contract'), { termStart: '2024-07-01', termEnd: '2024-06-30' }),
      400,
      'invalid-date',
    );
    expect(problem.field).toBe('termEnd');
  });

  it('refuses an award dated before the procurement started as 400 invalid-date, writing nothing', async () => {
    const problem = await refused(
      `/v1/procurements/${procurementId}/contracts`,
      contract(fresh('contract'), { effectiveDate: '2024-04-30' }),
      400,
      'invalid-date',
    );
    expect(problem.field).toBe('effectiveDate');
  });

  it.each([
    ['an unknown field', { colour: 'blue' }],
    ['no contract id', { contractId: undefined }],
    ['no supplier', { supplierPartyId: undefined }],
    ['option months above 120', { optionMonths: 121 }],
    ['negative option months', { optionMonths: -1 }],
    ['option months of 1.5', { optionMonths: 1.5 }],
    ['option months as text', { optionMonths: '12' }],
    ['no source reference', { sourceReference: undefined }],
  ])('refuses %s as 400 validation, writing nothing', async (_what, change) => {
    await refused(`/v1/procurements/${procurementId}/contracts`, contract(fresh('contract'), change), 400, 'validation');
  });

  it.each(moneyCases('ceiling'))('refuses %s as 400 invalid-amount, writing nothing', async (_what, change) => {
    await refused(`/v1/procurements/${procurementId}/contracts`, contract(fresh('contract'), change), 400, 'invalid-amount');
  });

  it.each([...dateCases(), ...dateCases('termStart'), ...dateCases('termEnd'), ['no term end', { termEnd: undefined }] as const])(
    'refuses %s as 400 invalid-date, writing nothing',
    async (_what, change) => {
      await refused(`/v1/procurements/${procurementId}/contracts`, contract(fresh('contract'), change), 400, 'invalid-date');
    },
  );

  it.each([
    ['the source reference', { sourceReference: `Gunning ${BSN}` }],
    ['the contract id', { contractId: `contract-${BSN}` }],
  ])('refuses a BSN in %s as 422 personal-data, writing nothing', async (_what, change) => {
    await refused(`/v1/procurements/${procurementId}/contracts`, contract(fresh('contract'), change), 422, 'personal-data');
  });
});

describe('POST /v1/contracts/{id}/amendments (ContractAmended)', () => {
  let contractId: string;
  beforeAll(async () => {
    contractId = await awardedContract();
  });

  it('amends the ceiling and the term: 201, the new ceiling replaces the old one', async () => {
    const id = await awardedContract();
    await expectRecorded(await post(api, `/v1/contracts/${id}/amendments`, amendment('verhoging-1')), {
      id,
      streamId: `contract-${id}`,
      revision: 1,
    });
    const events = await streamEvents(api, `contract-${id}`);
    expect(events[1]).toMatchObject({
      type: 'ContractAmended',
      data: { contractId: id, amendmentId: 'verhoging-1', ceilingCents: 4_000_000, termEnd: '2025-06-30', reason: 'Extra trajecten nodig' },
    });
  });

  it('amends the ceiling only, downwards, keeping the term', async () => {
    const id = await awardedContract();
    await expectRecorded(await post(api, `/v1/contracts/${id}/amendments`, amendment('verlaging-1', { ceiling: '20000.00', termEnd: undefined })), {
      id,
      streamId: `contract-${id}`,
      revision: 1,
    });
    expect((await streamEvents(api, `contract-${id}`))[1].data).not.toHaveProperty('termEnd');
  });

  it('answers a retry of the same amendment as the first time, writing nothing', async () => {
    const id = await awardedContract();
    const first = expectCreated(await post(api, `/v1/contracts/${id}/amendments`, amendment('verhoging-1')));
    await expectReplay(`/v1/contracts/${id}/amendments`, amendment('verhoging-1'), first);
  });

  it('refuses the same amendment id with another ceiling as an idempotency conflict, writing nothing', async () => {
    const id = await awardedContract();
    await recorded(`/v1/contracts/${id}/amendments`, amendment('verhoging-1'));
    await refused(`/v1/contracts/${id}/amendments`, amendment('verhoging-1', { ceiling: '45000.00' }), 409, 'idempotency-conflict');
  });

  it('refuses amending a contract that does not exist as 404, writing nothing', async () => {
    await refused('/v1/contracts/bestaat-niet/amendments', amendment('verhoging-1'), 404, 'not-found');
  });

  it('refuses amending a contract that has ended as 409 invalid-state, writing nothing', async () => {
    const id = await awardedContract();
    await recorded(`/v1/contracts/${id}/end`, ending({ effectiveDate: '2024-09-30' }));
    await refused(`/v1/contracts/${id}/amendments`, amendment('verhoging-1'), 409, 'invalid-state');
  });

  it('refuses a new term end before the term starts as 400 invalid-date, writing nothing', async () => {
    const problem = await refused(`/v1/contracts/${contractId}/amendments`, amendment(fresh('wijziging'), { termEnd: '2024-06-30' }), 400, 'invalid-date');
    expect(problem.field).toBe('termEnd');
  });

  it.each([
    ['an unknown field', { colour: 'blue' }],
    ['no amendment id', { amendmentId: undefined }],
    ['no reason', { reason: undefined }],
    ['a blank reason', { reason: '' }],
    ['a path id of one character', { path: 'x' }],
  ])('refuses %s as 400 validation, writing nothing', async (_what, change) => {
    const { path, ...rest } = change as Record<string, unknown>;
    await refused(`/v1/contracts/${(path as string | undefined) ?? contractId}/amendments`, amendment(fresh('wijziging'), rest), 400, 'validation');
  });

  it.each(moneyCases('ceiling'))('refuses %s as 400 invalid-amount, writing nothing', async (_what, change) => {
    await refused(`/v1/contracts/${contractId}/amendments`, amendment(fresh('wijziging'), change), 400, 'invalid-amount');
  });

  it.each([...dateCases(), ...dateCases('termEnd')])('refuses %s as 400 invalid-date, writing nothing', async (_what, change) => {
    await refused(`/v1/contracts/${contractId}/amendments`, amendment(fresh('wijziging'), change), 400, 'invalid-date');
  });

  it.each([
    ['the reason', { reason: `Extra traject voor ${BSN}` }],
    ['the source reference', { sourceReference: `Wijziging ${BSN}` }],
  ])('refuses a BSN in %s as 422 personal-data, writing nothing', async (_what, change) => {
    await refused(`/v1/contracts/${contractId}/amendments`, amendment(fresh('wijziging'), change), 422, 'personal-data');
  });
});

describe('POST /v1/contracts/{id}/end (ContractEnded)', () => {
  let contractId: string;
  beforeAll(async () => {
    contractId = await awardedContract();
  });

  it('ends a contract: 201, ContractEnded with its reason and date', async () => {
    const id = await awardedContract();
    await expectRecorded(await post(api, `/v1/contracts/${id}/end`, ending()), { id, streamId: `contract-${id}`, revision: 1 });
    expect((await streamEvents(api, `contract-${id}`))[1]).toMatchObject({
      type: 'ContractEnded',
      data: { contractId: id, reason: 'Looptijd verstreken', effectiveDate: '2024-12-31' },
    });
  });

  it('ends an amended contract', async () => {
    const id = await awardedContract();
    await recorded(`/v1/contracts/${id}/amendments`, amendment('verhoging-1'));
    await expectRecorded(await post(api, `/v1/contracts/${id}/end`, ending({ effectiveDate: '2025-06-30' })), {
      id,
      streamId: `contract-${id}`,
      revision: 2,
    });
  });

  it('answers a retry of the same end as the first time, writing nothing', async () => {
    const id = await awardedContract();
    const first = expectCreated(await post(api, `/v1/contracts/${id}/end`, ending()));
    await expectReplay(`/v1/contracts/${id}/end`, ending(), first);
  });

  it('refuses ending a contract again with another reason as a 409 idempotency conflict, writing nothing', async () => {
    const id = await awardedContract();
    await recorded(`/v1/contracts/${id}/end`, ending());
    await refused(`/v1/contracts/${id}/end`, ending({ reason: 'Ontbonden' }), 409, 'idempotency-conflict');
  });

  it('refuses an end dated before the award as 400 invalid-date, writing nothing', async () => {
    const problem = await refused(`/v1/contracts/${contractId}/end`, ending({ effectiveDate: '2024-06-14' }), 400, 'invalid-date');
    expect(problem.field).toBe('effectiveDate');
  });

  it('refuses ending a contract that does not exist as 404, writing nothing', async () => {
    await refused('/v1/contracts/bestaat-niet/end', ending(), 404, 'not-found');
  });

  it.each([
    ['an unknown field', { colour: 'blue' }],
    ['no reason', { reason: undefined }],
    ['no source reference', { sourceReference: undefined }],
  ])('refuses %s as 400 validation, writing nothing', async (_what, change) => {
    await refused(`/v1/contracts/${contractId}/end`, ending(change), 400, 'validation');
  });

  it.each(dateCases())('refuses %s as 400 invalid-date, writing nothing', async (_what, change) => {
    await refused(`/v1/contracts/${contractId}/end`, ending(change), 400, 'invalid-date');
  });

  it.each([
    ['the reason', { reason: `Klant ${BSN} verhuisd` }],
    ['the source reference', { sourceReference: `Brief ${BSN}` }],
  ])('refuses a BSN in %s as 422 personal-data, writing nothing', async (_what, change) => {
    await refused(`/v1/contracts/${contractId}/end`, ending(change), 422, 'personal-data');
  });
});
