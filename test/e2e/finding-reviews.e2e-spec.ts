// Reviews of findings over HTTP: a controller or an accountant records where a finding stands,
// with a note; each review is an event of the journal with its actor. Recorders and admins are
// refused, an unknown finding is a 404, and every refusal writes nothing.
import { findingStreamId } from '@geldstroom/ledger';
import { startApi, type Harness } from '../support/api-harness';
import { expectCreated, expectProblem, get, post, refusedWithoutWriting, streamEvents } from '../support/http';
import { MoneyFlows } from '../support/money-flows';
import { parse } from 'csv-parse/sync';

let api: Harness;
let tokens: Record<'controller' | 'accountant' | 'recorder' | 'admin', string>;
/** A flag on an expense paid beyond its commitment: `paid-above-committed:<event id>`. */
let flagFinding: string;
/** A budget committed beyond its amount: a derived finding. */
const OVERRUN = 'budget-overrun:review-overrun-2024';

beforeAll(async () => {
  api = await startApi();
  const flows = new MoneyFlows(api);
  await flows.party('gemeente-review', 'Gemeente Review', 'municipality');
  await flows.party('bureau-review', 'Bureau Review', 'company');
  await flows.budget('review-overrun-2024', 'gemeente-review', 2024);
  await flows.fund('review-overrun-2024', 'eigen', '1000.00', '2024-01-02');
  await flows.commitExpense('review-inhuur', 'hired-staff', 'review-overrun-2024', 'bureau-review', '1500.00', '2024-02-01');
  const paid = await flows.payExpense('review-inhuur', 'betaling-1', '1600.00', '2024-03-01');
  flagFinding = `paid-above-committed:${paid.eventIds[0]}`;
  tokens = {
    controller: await api.tokenFor('controller'),
    accountant: await api.tokenFor('accountant'),
    recorder: api.token,
    admin: api.adminToken,
  };
});
afterAll(() => api.close());

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const review = (change: Record<string, unknown> = {}) => ({ state: 'explained', note: 'Meerwerk na opdrachtbevestiging, achteraf goedgekeurd', ...change });
const path = (findingId: string) => `/v1/findings/${encodeURIComponent(findingId)}/reviews`;

describe('POST /v1/findings/{findingId}/reviews', () => {
  it('lists the findings reviewed here', async () => {
    const listed = (await get(api, '/v1/findings')).body.findings.map((f: { id: string }) => f.id);
    expect(listed).toEqual(expect.arrayContaining([flagFinding, OVERRUN]));
  });

  it("records a controller's review on the finding's own stream, with the whole finding id and the controller as actor", async () => {
    const response = await post(api, path(flagFinding), review({ effectiveDate: '2024-04-01', reviewId: 'review-april' }), bearer(tokens.controller));
    const created = expectCreated(response);
    const streamId = findingStreamId(flagFinding);
    expect(created).toMatchObject({ id: flagFinding, streamId, revision: 0, reviewId: 'review-april' });
    const [event] = await streamEvents(api, streamId);
    expect(event.type).toBe('FindingReviewed');
    expect(event.data).toEqual({
      findingId: flagFinding,
      reviewId: 'review-april',
      state: 'explained',
      note: 'Meerwerk na opdrachtbevestiging, achteraf goedgekeurd',
      effectiveDate: '2024-04-01',
    });
    expect(event.metadata.actor).toMatch(/^controller-\d+$/);
  });

  it("records an accountant's later review of the same finding after it, as the accountant", async () => {
    const created = expectCreated(await post(api, path(flagFinding), review({ state: 'escalated', note: 'Voorgelegd aan de auditcommissie', effectiveDate: '2024-05-01' }), bearer(tokens.accountant)));
    expect(created.revision).toBe(1);
    const events = await streamEvents(api, findingStreamId(flagFinding));
    expect(events.map((e) => [e.data.state, String(e.metadata.actor).replace(/-\d+$/, '')])).toEqual([
      ['explained', 'controller'],
      ['escalated', 'accountant'],
    ]);
  });

  it('reviews a derived finding, dated today in the Netherlands when no date is sent, and shows it in the audit trail', async () => {
    const created = expectCreated(await post(api, path(OVERRUN), review({ state: 'to-be-corrected', note: 'Budget ophogen bij de najaarsnota' }), bearer(tokens.controller)));
    const [event] = await streamEvents(api, created.streamId);
    expect(event.data.effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const trail = (await get(api, `/v1/audit/streams/${created.streamId}`)).body;
    expect(trail.events).toEqual([expect.objectContaining({ type: 'FindingReviewed', data: expect.objectContaining({ findingId: OVERRUN }), metadata: expect.objectContaining({ actor: expect.stringMatching(/^controller-/) }) })]);
  });

  it('answers the same review sent again without an id as a replay of it, writing nothing', async () => {
    const body = review({ state: 'accepted', note: 'Afgestemd met de accountant', effectiveDate: '2024-06-01' });
    const first = expectCreated(await post(api, path(OVERRUN), body, bearer(tokens.accountant)));
    const again = await refusedWithoutWriting(api, () => post(api, path(OVERRUN), body, bearer(tokens.accountant)));
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first);
  });

  it.each(['recorder', 'admin'] as const)('refuses a %s (403), writing nothing', async (role) => {
    const response = await refusedWithoutWriting(api, () => post(api, path(flagFinding), review({ note: 'Akkoord' }), bearer(tokens[role])));
    expectProblem(response, 403, 'forbidden');
  });

  it('refuses a request without a token (401), writing nothing', async () => {
    const response = await refusedWithoutWriting(api, () => api.http().post(path(flagFinding)).set('Content-Type', 'application/json').send(review()));
    expectProblem(response, 401, 'unauthorized');
  });

  it('refuses a review of a finding the ledger never had as 404, writing nothing', async () => {
    const response = await refusedWithoutWriting(api, () => post(api, path('budget-overrun:bestaat-niet'), review(), bearer(tokens.controller)));
    expectProblem(response, 404, 'not-found');
  });

  it.each([
    ['a state that is no review state', { state: 'closed' }],
    ['no note', { note: undefined }],
    ['a blank note', { note: '   ' }],
    ['a date that is not a date', { effectiveDate: '2024-02-30' }],
    ['an unknown field', { reviewer: 'x' }],
  ])('refuses %s as 400, writing nothing', async (_what, change) => {
    const response = await refusedWithoutWriting(api, () => post(api, path(flagFinding), review(change), bearer(tokens.controller)));
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses a finding id of another shape as 400, writing nothing', async () => {
    const response = await refusedWithoutWriting(api, () => post(api, path('budget overrun'), review(), bearer(tokens.controller)));
    expectProblem(response, 400, 'validation');
  });

  it('refuses a note holding a BSN as 422 personal-data, writing nothing', async () => {
    const response = await refusedWithoutWriting(api, () => post(api, path(flagFinding), review({ note: 'Betreft inwoner 123456782' }), bearer(tokens.controller)));
    expectProblem(response, 422, 'personal-data');
  });

  it("refuses a recorder's reversal of a review (403): a review is followed by the next one, never undone by a recorder", async () => {
    const [event] = await streamEvents(api, findingStreamId(flagFinding));
    const response = await refusedWithoutWriting(api, () =>
      post(api, '/v1/reversals', { reversalId: 'weg', streamId: findingStreamId(flagFinding), eventId: event.id, reason: 'Niet eens', effectiveDate: '2024-07-01', sourceReference: 'x' }),
    );
    expectProblem(response, 403, 'forbidden');
  });

  it('exports where each review stands, in Dutch: the latest state, its date and note, how many, and whether the finding changed since', async () => {
    const exported = async () => {
      const response = await api.http().get(`/v1/exports/findings?kind=budget-overrun`).set('Authorization', `Bearer ${tokens.controller}`);
      // Parsed as a spreadsheet reads it: a cell may hold "; " between its figures, quoted.
      const rows = parse(response.text as string, { delimiter: ';', bom: true, relax_column_count: true }) as string[][];
      const header = rows[0];
      const row = rows.find((r) => r[0] === OVERRUN)!;
      return Object.fromEntries(['beoordeling', 'beoordeeld op', 'toelichting', 'beoordelingen', 'beoordeling verouderd'].map((name) => [name, row[header.indexOf(name)]]));
    };
    const listed = (await get(api, `/v1/findings?kind=budget-overrun`)).body.findings.find((f: { id: string }) => f.id === OVERRUN).review;
    // The latest in business order: the controller's of today, after the accountant's of 1 June 2024.
    expect(listed).toMatchObject({ state: 'to-be-corrected', reviews: 2, stale: false });
    expect(await exported()).toEqual({
      beoordeling: 'te corrigeren',
      'beoordeeld op': listed.on,
      toelichting: 'Budget ophogen bij de najaarsnota',
      beoordelingen: '2',
      'beoordeling verouderd': 'nee',
    });
    // More committed on the budget: the overrun the review judged has grown.
    await new MoneyFlows(api).commitExpense('review-inhuur-2', 'hired-staff', 'review-overrun-2024', 'bureau-review', '100.00', '2024-07-01');
    expect(await exported()).toMatchObject({ beoordeling: 'te corrigeren', 'beoordeling verouderd': 'ja' });
  });
});
