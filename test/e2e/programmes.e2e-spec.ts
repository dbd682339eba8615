// Programmes over HTTP: launch, enrol participants (counts, never people), record outcomes, end —
// every endpoint's answer, every refusal it gives (writing nothing), and retries by client id.
import { startApi, type Harness } from '../support/api-harness';
import { expectCreated, expectProblem, fresh, post, refusedWithoutWriting, streamEvents } from '../support/http';

let api: Harness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const BSN = '123456782'; // passes the elfproef
const SOURCE = { sourceReference: 'Raadsinformatiebrief 2024-117' };
const PARTICIPANT_COUNT_MAX = 1_000_000;

async function registerParty(): Promise<string> {
  const partyId = fresh('gemeente');
  expectCreated(
    await post(api, '/v1/parties', { partyId, name: 'Gemeente Heerlen', kind: 'municipality', effectiveDate: '2024-01-01', ...SOURCE }),
  );
  return partyId;
}

const launchBody = (programmeId: string, ownerPartyId: string, change: Record<string, unknown> = {}) => ({
  programmeId,
  ownerPartyId,
  name: 'Pilot re-integratie WerkvoorHeerlen',
  normBand: { min: '2000.00', max: '2400.00' },
  effectiveDate: '2024-01-15',
  ...SOURCE,
  ...change,
});

async function launchProgramme(): Promise<string> {
  const programmeId = fresh('pilot');
  expectCreated(await post(api, '/v1/programmes', launchBody(programmeId, await registerParty())));
  return programmeId;
}

const enrolment = (change: Record<string, unknown> = {}) => ({
  enrolmentId: fresh('instroom'),
  count: 28,
  effectiveDate: '2024-02-01',
  ...SOURCE,
  ...change,
});
const outcome = (change: Record<string, unknown> = {}) => ({
  outcomeId: fresh('uitstroom'),
  kind: 'work',
  count: 4,
  effectiveDate: '2024-06-01',
  ...SOURCE,
  ...change,
});
const ending = (change: Record<string, unknown> = {}) => ({
  reason: 'Pilot afgerond; niet voortgezet',
  continued: false,
  effectiveDate: '2024-06-15',
  ...SOURCE,
  ...change,
});

async function endProgramme(programmeId: string, change: Record<string, unknown> = {}) {
  return expectCreated(await post(api, `/v1/programmes/${programmeId}/end`, ending(change)));
}

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

/** Counts that are not a count of people: shape errors, refused before anything is loaded. */
const BAD_COUNTS: [string, unknown][] = [
  ['zero', 0],
  ['a negative count', -1],
  ['a fraction', 1.5],
  ['a count as a string', '28'],
  ['more than the bound', PARTICIPANT_COUNT_MAX + 1],
  ['no count', undefined],
];

describe('POST /v1/programmes', () => {
  it('launches a programme with a norm band: 201, revision 0, the position of ProgrammeLaunched', async () => {
    const owner = await registerParty();
    const programmeId = fresh('pilot');
    const response = await post(api, '/v1/programmes', launchBody(programmeId, owner));
    const created = expectCreated(response);
    expect(created).toMatchObject({ id: programmeId, streamId: `programme-${programmeId}`, revision: 0 });
    expect(created.position).toBe((await api.journalHead()).treeSize);
    expect(response.headers.etag).toBe('"0"');
    expect(await lastEvent(`programme-${programmeId}`)).toMatchObject({
      id: response.body.eventIds[0],
      type: 'ProgrammeLaunched',
      data: { programmeId, ownerPartyId: owner, normBand: { minCents: 200_000, maxCents: 240_000 } },
    });
  });

  it('launches a programme without a norm band', async () => {
    const owner = await registerParty();
    const programmeId = fresh('pilot');
    expectCreated(await post(api, '/v1/programmes', launchBody(programmeId, owner, { normBand: undefined })));
    expect((await lastEvent(`programme-${programmeId}`)).data.normBand).toBeUndefined();
  });

  it.each([
    ['an unknown field', { budget: '150000.00' }, 400, 'validation'],
    ['an id with an underscore', { programmeId: 'pilot_2024' }, 400, 'validation'],
    ['no name', { name: undefined }, 400, 'validation'],
    ['a norm band as a list', { normBand: [] }, 400, 'validation'],
    ['a norm band as a list of bands', { normBand: [{ min: '2000.00', max: '2400.00' }] }, 400, 'validation'],
    ['a norm band as text', { normBand: '2000-2400' }, 400, 'validation'],
    ['a norm band with an unknown field', { normBand: { min: '2000.00', max: '2400.00', avg: '2200.00' } }, 400, 'validation'],
    ['a norm band without a maximum', { normBand: { min: '2000.00' } }, 400, 'invalid-amount'],
    ['a norm band with three decimals', { normBand: { min: '2000.005', max: '2400.00' } }, 400, 'invalid-amount'],
    ['a norm band in numbers', { normBand: { min: 2000, max: 2400 } }, 400, 'invalid-amount'],
    ['a norm band from zero', { normBand: { min: '0.00', max: '2400.00' } }, 400, 'invalid-amount'],
    ['a norm band whose minimum is above its maximum', { normBand: { min: '2500.00', max: '2400.00' } }, 422, 'invalid-value'],
    ['a date that does not exist', { effectiveDate: '2024-02-30' }, 400, 'invalid-date'],
    ['a BSN in the name', { name: `Traject voor ${BSN}` }, 422, 'personal-data'],
    ['a BSN written 3-3-3 in the name', { name: 'Traject voor 123 456 782' }, 422, 'personal-data'],
  ])('refuses %s, writing nothing', async (_what, change, status, kind) => {
    const owner = await registerParty();
    await expectRefused('/v1/programmes', launchBody(fresh('pilot'), owner, change), status, kind);
  });

  it('refuses an unknown owner party as an unknown reference, writing nothing', async () => {
    const problem = await expectRefused('/v1/programmes', launchBody(fresh('pilot'), 'no-such-party'), 422, 'unknown-reference');
    expect(problem.field).toBe('ownerPartyId');
  });

  it('answers a retry as the first time, and refuses the same id with another norm band or source', async () => {
    const owner = await registerParty();
    const programmeId = fresh('pilot');
    const first = expectCreated(await post(api, '/v1/programmes', launchBody(programmeId, owner)));
    await expectReplayed('/v1/programmes', launchBody(programmeId, owner), first);
    const otherBand = launchBody(programmeId, owner, { normBand: { min: '2500.00', max: '3500.00' } });
    await expectRefused('/v1/programmes', otherBand, 409, 'idempotency-conflict');
    await expectRefused('/v1/programmes', launchBody(programmeId, owner, { sourceReference: 'Besluit 9' }), 409, 'idempotency-conflict');
  });
});

describe('POST /v1/programmes/{id}/participants', () => {
  it('enrols a count of participants: 201 with the next revision', async () => {
    const programmeId = await launchProgramme();
    const body = enrolment({ count: 28 });
    const created = expectCreated(await post(api, `/v1/programmes/${programmeId}/participants`, body));
    expect(created).toMatchObject({ id: programmeId, streamId: `programme-${programmeId}`, revision: 1 });
    expect(created.position).toBe((await api.journalHead()).treeSize);
    expect(await lastEvent(`programme-${programmeId}`)).toMatchObject({
      type: 'ParticipantsEnrolled',
      data: { enrolmentId: body.enrolmentId, count: 28 },
    });
  });

  it.each(BAD_COUNTS)('refuses %s as a count, writing nothing', async (_what, count) => {
    const programmeId = await launchProgramme();
    await expectRefused(`/v1/programmes/${programmeId}/participants`, enrolment({ count }), 400, 'validation');
  });

  it.each([
    ['a BSN as the count', { count: Number(BSN) }, 422, 'personal-data'],
    ['a BSN in the source reference', { sourceReference: `aanmelding ${BSN}` }, 422, 'personal-data'],
    ['a person instead of a count', { participant: 'J. Jansen' }, 400, 'validation'],
    ['a date that does not exist', { effectiveDate: '2024-02-31' }, 400, 'invalid-date'],
  ])('refuses %s, writing nothing', async (_what, change, status, kind) => {
    const programmeId = await launchProgramme();
    await expectRefused(`/v1/programmes/${programmeId}/participants`, enrolment(change), status, kind);
  });

  it('refuses counts that together pass the bound', async () => {
    const programmeId = await launchProgramme();
    expectCreated(await post(api, `/v1/programmes/${programmeId}/participants`, enrolment({ count: PARTICIPANT_COUNT_MAX })));
    await expectRefused(`/v1/programmes/${programmeId}/participants`, enrolment({ count: 1 }), 422, 'invalid-value');
  });

  it('refuses joining after the end, but takes a late count dated on or before it', async () => {
    const programmeId = await launchProgramme();
    await endProgramme(programmeId, { effectiveDate: '2024-06-15' });
    const problem = await expectRefused(
      `/v1/programmes/${programmeId}/participants`,
      enrolment({ effectiveDate: '2024-06-16' }),
      409,
      'invalid-state',
    );
    expect(problem.field).toBe('effectiveDate');
    expectCreated(await post(api, `/v1/programmes/${programmeId}/participants`, enrolment({ effectiveDate: '2024-06-15' })));
  });

  it('answers 404 for a programme that does not exist', async () => {
    await expectRefused('/v1/programmes/no-such-programme/participants', enrolment(), 404, 'not-found');
  });

  it('answers a retry as the first time, and refuses the same enrolment id with another count', async () => {
    const programmeId = await launchProgramme();
    const body = enrolment();
    const first = expectCreated(await post(api, `/v1/programmes/${programmeId}/participants`, body));
    await expectReplayed(`/v1/programmes/${programmeId}/participants`, body, first);
    await expectRefused(`/v1/programmes/${programmeId}/participants`, { ...body, count: 29 }, 409, 'idempotency-conflict');
  });
});

describe('POST /v1/programmes/{id}/outcomes', () => {
  it('records outcomes within the participants, unflagged', async () => {
    const programmeId = await launchProgramme();
    expectCreated(await post(api, `/v1/programmes/${programmeId}/participants`, enrolment({ count: 28 })));
    const body = outcome({ kind: 'work', count: 4 });
    const created = expectCreated(await post(api, `/v1/programmes/${programmeId}/outcomes`, body));
    expect(created).toMatchObject({ id: programmeId, revision: 2 });
    expect(created.position).toBe((await api.journalHead()).treeSize);
    const recorded = await lastEvent(`programme-${programmeId}`);
    expect(recorded).toMatchObject({ type: 'OutcomesRecorded', data: { outcomeId: body.outcomeId, kind: 'work', count: 4 } });
    expect(recorded.data.flags).toBeUndefined();
  });

  it('records more outcomes than participants, flagged for the findings', async () => {
    const programmeId = await launchProgramme();
    expectCreated(await post(api, `/v1/programmes/${programmeId}/participants`, enrolment({ count: 2 })));
    expectCreated(await post(api, `/v1/programmes/${programmeId}/outcomes`, outcome({ count: 3 })));
    expect((await lastEvent(`programme-${programmeId}`)).data.flags).toEqual(['outcomes-above-participants']);
  });

  it('takes outcomes measured after the end (uitstroom is counted later)', async () => {
    const programmeId = await launchProgramme();
    await endProgramme(programmeId, { effectiveDate: '2024-06-15' });
    expectCreated(await post(api, `/v1/programmes/${programmeId}/outcomes`, outcome({ effectiveDate: '2024-12-31' })));
  });

  it.each(BAD_COUNTS)('refuses %s as a count, writing nothing', async (_what, count) => {
    const programmeId = await launchProgramme();
    await expectRefused(`/v1/programmes/${programmeId}/outcomes`, outcome({ count }), 400, 'validation');
  });

  it.each([
    ['an unknown kind', { kind: 'job' }, 400, 'validation'],
    ['no kind', { kind: undefined }, 400, 'validation'],
    ['a date that does not exist', { effectiveDate: '2024-11-31' }, 400, 'invalid-date'],
    ['a BSN in the outcome id', { outcomeId: `werk-${BSN}` }, 422, 'personal-data'],
  ])('refuses %s, writing nothing', async (_what, change, status, kind) => {
    const programmeId = await launchProgramme();
    await expectRefused(`/v1/programmes/${programmeId}/outcomes`, outcome(change), status, kind);
  });

  it('answers 404 for a programme that does not exist', async () => {
    await expectRefused('/v1/programmes/no-such-programme/outcomes', outcome(), 404, 'not-found');
  });

  it('answers a retry as the first time, and refuses the same outcome id with another kind', async () => {
    const programmeId = await launchProgramme();
    const body = outcome();
    const first = expectCreated(await post(api, `/v1/programmes/${programmeId}/outcomes`, body));
    await expectReplayed(`/v1/programmes/${programmeId}/outcomes`, body, first);
    await expectRefused(`/v1/programmes/${programmeId}/outcomes`, { ...body, kind: 'education' }, 409, 'idempotency-conflict');
  });
});

describe('POST /v1/programmes/{id}/end', () => {
  it('ends a programme: 201 with the next revision and whether it continues', async () => {
    const programmeId = await launchProgramme();
    const created = expectCreated(await post(api, `/v1/programmes/${programmeId}/end`, ending()));
    expect(created).toMatchObject({ id: programmeId, streamId: `programme-${programmeId}`, revision: 1 });
    expect(created.position).toBe((await api.journalHead()).treeSize);
    expect(await lastEvent(`programme-${programmeId}`)).toMatchObject({
      type: 'ProgrammeEnded',
      data: { continued: false, effectiveDate: '2024-06-15' },
    });
  });

  it.each([
    ['no reason', { reason: undefined }, 400, 'validation'],
    ['"continued" as text', { continued: 'nee' }, 400, 'validation'],
    ['no "continued"', { continued: undefined }, 400, 'validation'],
    ['an end id with capitals', { endId: 'Einde' }, 400, 'validation'],
    ['a date that does not exist', { effectiveDate: '2024-06-31' }, 400, 'invalid-date'],
    ['a BSN in the reason', { reason: `Deelnemer ${BSN} gestopt` }, 422, 'personal-data'],
  ])('refuses %s, writing nothing', async (_what, change, status, kind) => {
    const programmeId = await launchProgramme();
    await expectRefused(`/v1/programmes/${programmeId}/end`, ending(change), status, kind);
  });

  // The ledger answers an end before the launch as a date problem (400 invalid-date), as it
  // does for every "date before its start" refusal in the deciders.
  it('refuses an end dated before the launch, writing nothing', async () => {
    const programmeId = await launchProgramme();
    const problem = await expectRefused(`/v1/programmes/${programmeId}/end`, ending({ effectiveDate: '2024-01-14' }), 400, 'invalid-date');
    expect(problem.field).toBe('effectiveDate');
  });

  it('answers 404 for a programme that does not exist', async () => {
    await expectRefused('/v1/programmes/no-such-programme/end', ending(), 404, 'not-found');
  });

  it('answers a retry as the first time, and refuses another end of an ended programme', async () => {
    const programmeId = await launchProgramme();
    const first = await endProgramme(programmeId);
    await expectReplayed(`/v1/programmes/${programmeId}/end`, ending(), first);
    // Without an end id, any end is taken for a retry of the first one.
    await expectRefused(`/v1/programmes/${programmeId}/end`, ending({ continued: true }), 409, 'idempotency-conflict');
    // With an end id of its own, it is a second end: the lifecycle refuses it.
    await expectRefused(`/v1/programmes/${programmeId}/end`, ending({ endId: 'einde-2' }), 409, 'invalid-state');
  });

  it('records a corrected end after the wrong one was reversed', async () => {
    const programmeId = await launchProgramme();
    const wrong = await post(api, `/v1/programmes/${programmeId}/end`, ending({ effectiveDate: '2024-06-15' }));
    expectCreated(wrong);
    expectCreated(
      await post(api, '/v1/reversals', {
        reversalId: fresh('correctie'),
        streamId: `programme-${programmeId}`,
        eventId: wrong.body.eventIds[0],
        reason: 'Verkeerde einddatum',
        effectiveDate: '2024-07-01',
        ...SOURCE,
      }),
    );
    const corrected = await post(api, `/v1/programmes/${programmeId}/end`, ending({ endId: 'einde-juist', effectiveDate: '2024-06-30' }));
    expect(expectCreated(corrected).revision).toBe(3);
    // The corrected end is the one that counts: joining on 2024-06-20 is now before it.
    expectCreated(await post(api, `/v1/programmes/${programmeId}/participants`, enrolment({ effectiveDate: '2024-06-20' })));
    await expectRefused(`/v1/programmes/${programmeId}/participants`, enrolment({ effectiveDate: '2024-07-01' }), 409, 'invalid-state');
  });
});
