// The write side over HTTP: what every command endpoint does, shown on parties and budgets.
// Real API, real SQLite store on disk in a temporary folder.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { EventStore } from '@geldstroom/event-store';
import { EVENT_STORE } from '@geldstroom/application/write/store.tokens';
import { startApi, type Harness } from '../support/api-harness';
import { expectCreated, expectProblem, fresh, get, post, refusedWithoutWriting } from '../support/http';

let api: Harness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const party = (partyId: string, extra: Record<string, unknown> = {}) => ({
  partyId,
  name: 'Gemeente Heerlen',
  kind: 'municipality',
  effectiveDate: '2024-01-01',
  sourceReference: 'raadsbesluit 2024-017',
  ...extra,
});

describe('POST /v1/parties', () => {
  it('records the party and answers with its id, stream revision and global position', async () => {
    const id = fresh('gemeente');
    const response = await post(api, '/v1/parties', party(id));
    const body = expectCreated(response);
    expect(body).toMatchObject({ id, streamId: `party-${id}`, revision: 0 });
    expect(body.position).toBeGreaterThan(0);
    expect(response.headers.etag).toBe('"0"');
  });

  it('writes the metadata: the authenticated principal as actor (never the body), source reference, correlation, causation, effective date', async () => {
    const id = fresh('gemeente');
    await post(api, '/v1/parties', party(id, { actor: 'mallory' }), {}).then((r) => expectProblem(r, 400, 'validation'));
    const response = await post(api, '/v1/parties', party(id), { 'X-Correlation-Id': 'council-question-12' });
    expectCreated(response);
    const db = new Database(join(api.dataDir, 'events.sqlite'), { readonly: true });
    const row = db.prepare('SELECT body FROM events WHERE stream_id = ?').get(`party-${id}`) as { body: Buffer };
    db.close();
    const { metadata } = JSON.parse(row.body.toString('utf8'));
    expect(metadata).toMatchObject({
      actor: expect.stringMatching(/^recorder-\d+$/),
      sourceReference: 'raadsbesluit 2024-017',
      correlationId: 'council-question-12',
      causationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      effectiveDate: '2024-01-01',
      schemaVersion: 1,
    });
    expect(metadata.actor).not.toBe('mallory');
  });

  it('answers a retry of the same command as the first time, and writes nothing', async () => {
    const id = fresh('gemeente');
    const first = expectCreated(await post(api, '/v1/parties', party(id)));
    const before = await api.journalHead();
    const again = await post(api, '/v1/parties', party(id));
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first);
    expect(await api.journalHead()).toEqual(before);
  });

  it('refuses the same id with other content as a 409, writing nothing', async () => {
    const id = fresh('gemeente');
    expectCreated(await post(api, '/v1/parties', party(id)));
    const response = await refusedWithoutWriting(api, () => post(api, '/v1/parties', party(id, { name: 'Gemeente Kerkrade' })));
    expectProblem(response, 409, 'idempotency-conflict');
  });

  it.each([
    ['an unknown field', { colour: 'blue' }, 400, 'validation'],
    ['an id with capitals', { partyId: 'Gemeente-Heerlen' }, 400, 'validation'],
    ['an unknown kind', { kind: 'person' }, 400, 'validation'],
    ['a date that is not a date', { effectiveDate: '2024-02-30' }, 400, 'invalid-date'],
    ['a BSN in the name', { name: 'Dossier 123456782' }, 422, 'personal-data'],
    ['a name of 10,000 characters', { name: 'a'.repeat(10_000) }, 400, 'validation'],
    ['no source reference', { sourceReference: undefined }, 400, 'validation'],
  ])('refuses %s with a problem, writing nothing', async (_what, change, status, kind) => {
    const response = await refusedWithoutWriting(api, () => post(api, '/v1/parties', party(fresh('gemeente'), change)));
    expectProblem(response, status, kind);
  });

  it.each([
    ['an e-mail address', 'brief van jan.devries@gmail.com', 'holds an e-mail address'],
    ['an IBAN with spaces', 'IBAN NL91 ABNA 0417 1643 00', 'holds an IBAN'],
    ['an IBAN without spaces', 'rekening NL91ABNA0417164300', 'holds an IBAN'],
  ])('refuses %s in the source reference as 422 personal-data, naming the field and never the value, writing nothing', async (_what, sourceReference, holds) => {
    const response = await refusedWithoutWriting(api, () => post(api, '/v1/parties', party(fresh('gemeente'), { sourceReference })));
    const problem = expectProblem(response, 422, 'personal-data');
    expect(problem).toMatchObject({ field: 'body.sourceReference', detail: `body.sourceReference ${holds}` });
    expect(response.text).not.toContain(sourceReference.split(' ').pop());
  });

  it('takes a source reference that only looks close: an at sign without a domain, an IBAN with a wrong check digit', async () => {
    expectCreated(await post(api, '/v1/parties', party(fresh('gemeente'), { sourceReference: 'brief a@b, rekening NL92ABNA0417164300' })));
  });
});

describe('every command endpoint', () => {
  it('refuses malformed JSON as a 400 problem', async () => {
    const response = await refusedWithoutWriting(api, () => post(api, '/v1/parties', '{"partyId": "x",'));
    // Its own kind, as the API document names it for every command: not a field that failed validation.
    expect(expectProblem(response, 400, 'malformed-json').detail).toMatch(/^the body is not valid JSON: /);
  });

  it('refuses a body that is not JSON as a 415 problem', async () => {
    const response = await refusedWithoutWriting(api, () =>
      api.http().post('/v1/parties').set('Authorization', `Bearer ${api.token}`).set('Content-Type', 'text/plain').send('partyId=x'),
    );
    expectProblem(response, 415, 'unsupported-media-type');
  });

  it('refuses an oversized body as a 413 problem', async () => {
    const response = await refusedWithoutWriting(api, () =>
      post(api, '/v1/parties', party(fresh('gemeente'), { name: 'x'.repeat(200_000) })),
    );
    expectProblem(response, 413, 'payload-too-large');
  });

  it('answers an unknown route with a 404 problem', async () => {
    expectProblem(await get(api, '/v1/nothing-here'), 404, 'not-found');
  });
});

describe('optimistic concurrency with If-Match', () => {
  async function openBudget(): Promise<{ budgetId: string; owner: string }> {
    const owner = fresh('gemeente');
    expectCreated(await post(api, '/v1/parties', party(owner)));
    const budgetId = fresh('maatwerk');
    expectCreated(
      await post(api, '/v1/budgets', {
        budgetId,
        ownerPartyId: owner,
        name: 'Maatwerkbudget re-integratie',
        fiscalYear: 2024,
        taakveld: '6.4',
        effectiveDate: '2024-01-01',
        sourceReference: 'begroting 2024',
      }),
    );
    return { budgetId, owner };
  }

  const funding = (fundingId: string) => ({
    fundingId,
    source: 'own-means',
    amount: '50000.00',
    effectiveDate: '2024-01-02',
    sourceReference: 'begroting 2024',
  });

  it('accepts a command sent with the current revision', async () => {
    const { budgetId } = await openBudget();
    const response = await post(api, `/v1/budgets/${budgetId}/fundings`, funding('f1'), { 'If-Match': '"0"' });
    expect(expectCreated(response).revision).toBe(1);
  });

  it('refuses a stale revision with a 409 naming the current one, writing nothing', async () => {
    const { budgetId } = await openBudget();
    expectCreated(await post(api, `/v1/budgets/${budgetId}/fundings`, funding('f1')));
    const response = await refusedWithoutWriting(api, () =>
      post(api, `/v1/budgets/${budgetId}/fundings`, funding('f2'), { 'If-Match': '"0"' }),
    );
    expect(expectProblem(response, 409, 'revision-conflict').currentRevision).toBe(1);
  });

  it('lets exactly one of two racing commands at the same revision win', async () => {
    const { budgetId } = await openBudget();
    const [a, b] = await Promise.all([
      post(api, `/v1/budgets/${budgetId}/fundings`, funding('race-a'), { 'If-Match': '0' }),
      post(api, `/v1/budgets/${budgetId}/fundings`, funding('race-b'), { 'If-Match': '0' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
  });

  it('refuses an If-Match that is not a revision as a 400', async () => {
    const { budgetId } = await openBudget();
    const response = await post(api, `/v1/budgets/${budgetId}/fundings`, funding('f1'), { 'If-Match': 'yesterday' });
    expectProblem(response, 400, 'validation');
  });

  it('answers a command on an entity that does not exist with a 404, writing nothing', async () => {
    const response = await refusedWithoutWriting(api, () => post(api, '/v1/budgets/no-such-budget/fundings', funding('f1')));
    expectProblem(response, 404, 'not-found');
  });
});

describe('a decision that writes two streams (a transfer)', () => {
  it('answers with the position of the last event written, the incoming side', async () => {
    const owner = fresh('gemeente');
    expectCreated(await post(api, '/v1/parties', party(owner)));
    const budget = (budgetId: string) => ({ budgetId, ownerPartyId: owner, name: 'Budget', fiscalYear: 2024, taakveld: '6.4', effectiveDate: '2024-01-01', sourceReference: 'begroting' });
    const [from, to] = [fresh('van'), fresh('naar')];
    expectCreated(await post(api, '/v1/budgets', budget(from)));
    expectCreated(await post(api, '/v1/budgets', budget(to)));
    const transfer = expectCreated(
      await post(api, `/v1/budgets/${from}/transfers`, { transferId: 't1', toBudgetId: to, amount: '10.00', effectiveDate: '2024-02-01', sourceReference: 'besluit' }),
    );
    expect(transfer.position).toBe((await api.journalHead()).treeSize);
  });

  it('writes the incoming side on retry when the process died between the two appends', async () => {
    const owner = fresh('gemeente');
    expectCreated(await post(api, '/v1/parties', party(owner)));
    const budget = (budgetId: string) => ({ budgetId, ownerPartyId: owner, name: 'Budget', fiscalYear: 2024, taakveld: '6.4', effectiveDate: '2024-01-01', sourceReference: 'begroting' });
    const [from, to] = [fresh('van'), fresh('naar')];
    expectCreated(await post(api, '/v1/budgets', budget(from)));
    expectCreated(await post(api, '/v1/budgets', budget(to)));
    const store = api.app.get<EventStore>(EVENT_STORE);
    const append = store.append.bind(store);
    // The first write to the receiving budget fails, as if the process had died before it.
    const spy = jest.spyOn(store, 'append').mockImplementationOnce(async (streamId, events, expected) => {
      if (streamId === `budget-${from}`) {
        await append(streamId, events, expected);
        throw new Error('process killed between the two appends');
      }
      return append(streamId, events, expected);
    });
    const body = { transferId: 't1', toBudgetId: to, amount: '10.00', effectiveDate: '2024-02-01', sourceReference: 'besluit' };
    expect((await post(api, `/v1/budgets/${from}/transfers`, body)).status).toBe(500);
    spy.mockRestore();
    const received = async () => {
      const events = [];
      for await (const event of store.readStream(`budget-${to}`)) events.push(event);
      return events.filter((e) => e.type === 'BudgetTransferredIn');
    };
    expect(await received()).toHaveLength(0);

    const retry = await post(api, `/v1/budgets/${from}/transfers`, body);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await received()).toHaveLength(1);
    expect(retry.body.position).toBe((await api.journalHead()).treeSize);
    // And a further retry writes nothing more.
    await post(api, `/v1/budgets/${from}/transfers`, body);
    expect(await received()).toHaveLength(1);
  });
});
