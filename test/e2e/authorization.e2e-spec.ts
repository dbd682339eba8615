// Who may do what: every endpoint × every role × a party in and out of a recorder's scope,
// each with the exact status, and nothing written by a refused request.
import { startApi, type Harness } from '../support/api-harness';
import { books, COMMANDS, ON, SUPPLIER, type Books } from '../support/books';
import { expectCreated, expectProblem, fresh, post, refusedWithoutWriting, streamEvents } from '../support/http';

let api: Harness;
let tokens: Record<'recorderA' | 'controller' | 'accountant' | 'admin', string>;

let shared: Books;
let outside: Books;

beforeAll(async () => {
  api = await startApi();
  for (const party of ['gemeente-a', 'gemeente-b', 'gemeente-gedeeld', SUPPLIER]) {
    expectCreated(await post(api, '/v1/parties', { ...ON, partyId: party, name: `Organisatie ${party}`, kind: 'municipality' }));
  }
  shared = await books(api, 'gemeente-gedeeld');
  outside = await books(api, 'gemeente-b');
  tokens = {
    recorderA: await api.tokenFor('recorder', ['gemeente-a']),
    controller: await api.tokenFor('controller'),
    accountant: await api.tokenFor('accountant'),
    admin: api.adminToken,
  };
}, 60_000);
afterAll(() => api.close());

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe.each(Object.entries(COMMANDS))('%s', (_name, command) => {
  it('records for a recorder in scope (201)', async () => {
    const mine = await books(api, 'gemeente-a');
    const [path, body] = command(mine, fresh('n'), shared);
    expectCreated(await post(api, path, { ...ON, ...body }, bearer(tokens.recorderA)));
  });

  it('refuses a recorder for a party outside its scope (403), writing nothing', async () => {
    const [path, body] = command(outside, fresh('n'), shared);
    const response = await refusedWithoutWriting(api, () => post(api, path, { ...ON, ...body }, bearer(tokens.recorderA)));
    expectProblem(response, 403, 'forbidden');
  });

  it('refuses a recorder out of scope replaying a command recorded for another party (403: no replay, no recordedAt)', async () => {
    const [path, body] = command(outside, fresh('n'), shared);
    expectCreated(await post(api, path, { ...ON, ...body }));
    for (const replayed of [{ ...ON, ...body }, { ...ON, ...body, sourceReference: 'ander besluit' }]) {
      const response = await refusedWithoutWriting(api, () => post(api, path, replayed, bearer(tokens.recorderA)));
      expect(expectProblem(response, 403, 'forbidden')).not.toHaveProperty('recordedAt');
    }
  });

  it.each(['controller', 'accountant', 'admin'] as const)('refuses a %s (403), writing nothing', async (role) => {
    const [path, body] = command(outside, fresh('n'), shared);
    const response = await refusedWithoutWriting(api, () => post(api, path, { ...ON, ...body }, bearer(tokens[role])));
    expectProblem(response, 403, 'forbidden');
  });

  it.each([
    ['no token', {}],
    ['a malformed token', { Authorization: 'Bearer not-a-token' }],
    ['an unknown token', { Authorization: `Bearer gs_0000000000000000_${'A'.repeat(43)}` }],
    ['another scheme', { Authorization: 'Basic YWRtaW46YWRtaW4=' }],
  ])('refuses %s (401), writing nothing', async (_what, headers) => {
    const [path, body] = command(outside, fresh('n'), shared);
    const response = await refusedWithoutWriting(api, () =>
      api.http().post(path).set('Content-Type', 'application/json').set(headers).send({ ...ON, ...body }),
    );
    expectProblem(response, 401, 'unauthorized');
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
  });
});

describe('POST /v1/parties (reference data)', () => {
  it('is open to any recorder, whatever its scope', async () => {
    const body = { ...ON, partyId: fresh('leverancier'), name: 'Leverancier', kind: 'company' };
    expectCreated(await post(api, '/v1/parties', body, bearer(tokens.recorderA)));
  });

  it.each([
    ['controller', 'a controller'],
    ['accountant', 'an accountant'],
    ['admin', 'an admin'],
  ] as const)('is refused to a %s (403), saying who may not', async (role, who) => {
    const body = { ...ON, partyId: fresh('leverancier'), name: 'Leverancier', kind: 'company' };
    expect(expectProblem(await post(api, '/v1/parties', body, bearer(tokens[role])), 403, 'forbidden').detail).toBe(`${who} may not record in the ledger`);
  });

  it('is refused without a token (401)', async () => {
    const response = await api.http().post('/v1/parties').set('Content-Type', 'application/json').send({ ...ON, partyId: 'x-1', name: 'X', kind: 'company' });
    expectProblem(response, 401, 'unauthorized');
  });
});

describe('reading the journal', () => {
  it.each(['recorderA', 'controller', 'accountant', 'admin'] as const)('is open to a %s', async (role) => {
    expect((await api.http().get('/v1/journal/digest').set(bearer(tokens[role]))).status).toBe(200);
    expect((await post(api, '/v1/journal/verify', {}, bearer(tokens[role]))).status).toBe(200);
  });

  it('is closed without a token', async () => {
    expectProblem(await api.http().get('/v1/journal/digest'), 401, 'unauthorized');
    expectProblem(await api.http().post('/v1/journal/verify'), 401, 'unauthorized');
  });
});

describe('managing principals', () => {
  const newPrincipal = () => ({ principalId: fresh('recorder-x'), role: 'recorder', parties: ['gemeente-a'], label: 'Financiële administratie' });

  it('is for admins: a new principal gets a token that works at once and is shown once', async () => {
    const created = await post(api, '/v1/principals', newPrincipal(), bearer(tokens.admin));
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^gs_/);
    const listed = await api.http().get('/v1/principals').set(bearer(tokens.admin)).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    const party = { ...ON, partyId: fresh('leverancier'), name: 'Leverancier', kind: 'company' };
    expectCreated(await post(api, '/v1/parties', party, bearer(created.body.token)));
  });

  it.each(['recorderA', 'controller', 'accountant'] as const)('is refused to a %s (403)', async (role) => {
    expectProblem(await post(api, '/v1/principals', newPrincipal(), bearer(tokens[role])), 403, 'forbidden');
    expectProblem(await api.http().get('/v1/principals').set(bearer(tokens[role])), 403, 'forbidden');
  });

  it('records the authenticated principal as the actor', async () => {
    const created = await post(api, '/v1/principals', newPrincipal(), bearer(tokens.admin));
    const party = { ...ON, partyId: fresh('leverancier'), name: 'Leverancier', kind: 'company' };
    expectCreated(await post(api, '/v1/parties', party, bearer(created.body.token)));
    // The audit trail endpoint comes with the projections; the digest moved, and the stored
    // metadata is checked in write-side.e2e-spec.ts.
  });

  it('stops a revoked principal at once (401), and a rotated token replaces the old one', async () => {
    const created = await post(api, '/v1/principals', newPrincipal(), bearer(tokens.admin));
    const id = created.body.principalId as string;
    const rotated = await post(api, `/v1/principals/${id}/tokens`, {}, bearer(tokens.admin));
    expect(rotated.status).toBe(201);
    expectProblem(await api.http().get('/v1/journal/digest').set(bearer(created.body.token)), 401, 'unauthorized');
    expect((await api.http().get('/v1/journal/digest').set(bearer(rotated.body.token))).status).toBe(200);
    expect((await post(api, `/v1/principals/${id}/revocation`, { reason: 'Vertrokken' }, bearer(tokens.admin))).status).toBe(200);
    expectProblem(await api.http().get('/v1/journal/digest').set(bearer(rotated.body.token)), 401, 'unauthorized');
  });

  it('records each access change through the command path, with the admin who made it as the actor', async () => {
    const created = await post(api, '/v1/principals', newPrincipal(), bearer(tokens.admin));
    const id = created.body.principalId as string;
    await post(api, `/v1/principals/${id}/tokens`, {}, bearer(tokens.admin));
    await post(api, `/v1/principals/${id}/revocation`, { reason: 'Vertrokken' }, bearer(tokens.admin));
    const events = (await streamEvents(api, 'access-principals')).filter((e) => e.data.principalId === id);
    expect(events.map((e) => [e.type, e.metadata.actor])).toEqual([
      ['PrincipalCreated', 'admin'],
      ['PrincipalTokenIssued', 'admin'],
      ['PrincipalRevoked', 'admin'],
    ]);
    for (const event of events) expect(event.metadata).toMatchObject({ correlationId: expect.any(String), commandFingerprint: expect.any(String) });
    const [first] = await streamEvents(api, 'access-principals');
    expect(first.metadata.actor).toBe('geldstroom-first-start');
  });

  it('refuses a recorder scoped to a party that does not exist (422), writing nothing', async () => {
    const spec = { ...newPrincipal(), parties: ['gemeente-a', 'gemeente-bestaat-niet'] };
    const response = await refusedWithoutWriting(api, () => post(api, '/v1/principals', spec, bearer(tokens.admin)));
    expect(expectProblem(response, 422, 'unknown-reference')).toMatchObject({ field: 'parties' });
  });

  it('refuses to let the last active admin revoke itself (409), writing nothing', async () => {
    const response = await refusedWithoutWriting(api, () => post(api, '/v1/principals/admin/revocation', { reason: 'Vertrokken' }, bearer(tokens.admin)));
    expect(expectProblem(response, 409, 'invalid-state').detail).toMatch(/last active admin/);
    expect((await api.http().get('/v1/principals').set(bearer(tokens.admin))).status).toBe(200);
  });

  it('answers a revocation of an unknown principal with a 404', async () => {
    expectProblem(await post(api, '/v1/principals/niemand-hier/revocation', { reason: 'Vertrokken' }, bearer(tokens.admin)), 404, 'not-found');
  });

  it('refuses a recorder without parties, and a duplicate id', async () => {
    const { parties: _p, ...noParties } = newPrincipal();
    expectProblem(await post(api, '/v1/principals', noParties, bearer(tokens.admin)), 400, 'validation');
    const spec = newPrincipal();
    expect((await post(api, '/v1/principals', spec, bearer(tokens.admin))).status).toBe(201);
    expectProblem(await post(api, '/v1/principals', spec, bearer(tokens.admin)), 409, 'already-exists');
  });
});

describe('a party reader (a provider, a co-funder)', () => {
  let reader: string;
  const read = (path: string, token = reader) => api.http().get(path).set(bearer(token));

  beforeAll(async () => {
    const created = await post(api, '/v1/principals', { principalId: fresh('leverancier-lezer'), role: 'party-reader', parties: ['gemeente-a', SUPPLIER], label: 'Eigen overzicht' }, bearer(tokens.admin));
    expect(created.status).toBe(201);
    expect(created.body.scope).toEqual(['gemeente-a', SUPPLIER]);
    reader = created.body.token;
  });

  it("reads its own parties' views, their exports and their reports then and now", async () => {
    for (const path of [
      '/v1/parties/gemeente-a/spending',
      `/v1/providers/${SUPPLIER}/spend`,
      '/v1/parties/gemeente-a/funding-accountability',
      '/v1/parties/gemeente-a/iv3?year=2024',
      '/v1/parties/gemeente-a/rechtmatigheid?year=2024',
      '/v1/changes/party-spending/gemeente-a?then=1',
      '/v1/exports/party-spending?id=gemeente-a',
      `/v1/exports/provider-spend?id=${SUPPLIER}&format=xlsx`,
      '/v1/exports/then-and-now?report=party-spending&id=gemeente-a&then=1',
    ]) {
      expect([path, (await read(path)).status]).toEqual([path, 200]);
    }
  });

  it("is refused another party's view alike whether that party exists or not, and anything about the whole ledger (403)", async () => {
    const own = "a party-reader reads the own views of gemeente-a, " + SUPPLIER + ' only: name one of them';
    for (const path of [
      '/v1/parties/gemeente-b/spending',
      '/v1/parties/gemeente-bestaat-niet/spending',
      '/v1/providers/gemeente-b/spend',
      '/v1/changes/party-spending/gemeente-b?then=1',
      '/v1/exports/party-spending?id=gemeente-b',
      '/v1/exports/party-spending',
      '/v1/exports/provider-spend',
      '/v1/exports/journal',
      '/v1/exports/then-and-now?report=programme-cost&id=gemeente-a&then=1',
      '/v1/changes/budget-execution/gemeente-a?then=1',
    ]) {
      expect([path, expectProblem(await read(path), 403, 'forbidden').detail]).toEqual([path, own]);
    }
    for (const path of ['/v1/journal', '/v1/journal/digest', '/v1/findings', '/v1/parties', '/v1/funding-flows', `/v1/budgets/${shared.budget}/execution`, '/v1/audit/streams/party-gemeente-a']) {
      expect([path, expectProblem(await read(path), 403, 'forbidden').detail]).toEqual([path, 'a party-reader may not read the ledger']);
    }
  });

  it("learns nothing of its buyers' books through its own provider spend: no buyers' findings, and an unknown buyer or budget is one it sold nothing to", async () => {
    // An order past a buyer's budget: the buyer's overrun, a finding that touches the supplier.
    expectCreated(await post(api, '/v1/purchases', { ...ON, purchaseId: fresh('te-groot'), budgetId: shared.budget, supplierPartyId: SUPPLIER, count: 100, unitPrice: '2000.00', targetGroup: 'Grote afstand tot de arbeidsmarkt' }));
    // The supplier's findings as a controller sees them: the buyers' own (a budget's, a contract's).
    const controller = (await read(`/v1/providers/${SUPPLIER}/spend`, tokens.controller)).body;
    expect(controller.findings.count).toBeGreaterThan(0);
    const own = await read(`/v1/providers/${SUPPLIER}/spend`);
    expect(own.status).toBe(200);
    expect(own.body.findings).toEqual({ count: 0, byKind: {}, findings: [] });
    expect(own.body.years).toEqual(controller.years);
    for (const narrowing of ['buyer=gemeente-bestaat-niet', 'budget=begroting-bestaat-niet']) {
      const narrowed = await read(`/v1/providers/${SUPPLIER}/spend?${narrowing}`);
      expect([narrowing, narrowed.status, narrowed.body.years.every((y: { purchases: { count: number } }) => y.purchases.count === 0)]).toEqual([narrowing, 200, true]);
    }
    expectProblem(await read(`/v1/providers/${SUPPLIER}/spend?buyer=gemeente-bestaat-niet`, tokens.controller), 404, 'not-found');
  });

  it('records nothing (403), writing nothing', async () => {
    const body = { ...ON, partyId: fresh('leverancier'), name: 'Leverancier', kind: 'company' };
    const response = await refusedWithoutWriting(api, () => post(api, '/v1/parties', body, bearer(reader)));
    expect(expectProblem(response, 403, 'forbidden').detail).toBe('a party-reader may not record in the ledger');
  });

  it('is made for parties that exist, never for all of them, and not without parties', async () => {
    const spec = { principalId: fresh('lezer'), role: 'party-reader', label: 'Eigen overzicht' };
    expect(expectProblem(await post(api, '/v1/principals', spec, bearer(tokens.admin)), 400, 'validation').detail).toBe('a party-reader needs parties: a list of party ids');
    const all = await refusedWithoutWriting(api, () => post(api, '/v1/principals', { ...spec, parties: 'all' }, bearer(tokens.admin)));
    expect(expectProblem(all, 422, 'invalid-value')).toMatchObject({ field: 'parties' });
    const unknown = await refusedWithoutWriting(api, () => post(api, '/v1/principals', { ...spec, parties: ['gemeente-bestaat-niet'] }, bearer(tokens.admin)));
    expect(expectProblem(unknown, 422, 'unknown-reference')).toMatchObject({ field: 'parties' });
  });
});

describe('public endpoints', () => {
  it('serves /health and the OpenAPI page without a token', async () => {
    expect((await api.http().get('/health')).status).toBe(200);
    expect((await api.http().get('/docs/openapi.json')).status).toBe(200);
  });
});
