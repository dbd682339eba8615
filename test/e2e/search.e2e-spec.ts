// Finding programmes, budgets, parties and providers by name, as the web page's search box asks;
// and the taakvelden's names for the codes, from the dated catalogue.
import { startApi, type Harness } from '../support/api-harness';
import { expectProblem, get } from '../support/http';
import { loadScenario, recordScenario } from '../support/scenario';

let api: Harness;
beforeAll(async () => {
  api = await startApi();
  await recordScenario(api, loadScenario('heerlen'));
});
afterAll(() => api.close());

interface Result {
  kind: string;
  id: string;
  name: string;
  provider?: boolean;
  detail: string;
}

const find = async (q: string, asOf?: string): Promise<Result[]> => (await get(api, `/v1/search?q=${encodeURIComponent(q)}${asOf ? `&asOf=${asOf}` : ''}`)).body.results;

describe('GET /v1/search', () => {
  it('finds programmes, budgets and parties by a part of the name, whatever its case', async () => {
    const results = await find('heerlen');
    expect(results).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'party', id: 'gemeente-heerlen', name: 'Gemeente Heerlen', provider: false }),
        expect.objectContaining({ kind: 'programme', id: 'pilot-werkvoorheerlen-2024' }),
      ]),
    );
    // Names that start with the query come first.
    expect(results[0].name.toLowerCase().startsWith('heerlen')).toBe(results.some((r) => r.name.toLowerCase().startsWith('heerlen')));
  });

  it('finds a budget by its id, and tells budgets apart by owner, year and taakveld', async () => {
    const budget = (await find('maatwerk-reintegratie')).find((r) => r.kind === 'budget')!;
    expect(budget).toMatchObject({ id: 'heerlen-maatwerk-reintegratie-2024', detail: 'Gemeente Heerlen, 2024, taakveld 6.4' });
  });

  it('marks a provider, whose spend has a page of its own', async () => {
    const reha = (await find('ReHa')).find((r) => r.kind === 'party')!;
    expect(reha).toMatchObject({ id: 'reha', provider: true });
    expect((await get(api, `/v1/providers/${reha.id}/spend`)).status).toBe(200);
  });

  it('finds what the ledger knew then, with asOf, and nothing it did not', async () => {
    expect(await find('heerlen', '2000-01-01')).toEqual([]);
    expect(await find('zzzz-nothing')).toEqual([]);
    expect(await find('100%')).toEqual([]);
  });

  it('refuses a query that is too short, too long or missing', async () => {
    expectProblem(await get(api, '/v1/search?q=a'), 400, 'validation');
    expectProblem(await get(api, `/v1/search?q=${'a'.repeat(101)}`), 400, 'validation');
    expectProblem(await get(api, '/v1/search'), 400, 'validation');
  });
});

describe('GET /v1/taakvelden', () => {
  it('names each taakveld as the catalogue in force for the year does, with its source', async () => {
    const old = (await get(api, '/v1/taakvelden?year=2020')).body;
    const now = (await get(api, '/v1/taakvelden?year=2024')).body;
    expect(old.taakvelden).toContainEqual({ code: '6.4', name: 'Begeleide participatie' });
    expect(now.taakvelden).toContainEqual({ code: '6.4', name: 'WSW en beschut werk' });
    expect(now).toMatchObject({ year: 2024, catalogueId: 'iv3-2023', source: expect.any(String) });
  });

  it('says no catalogue covers a year outside them', async () => {
    expectProblem(await get(api, '/v1/taakvelden?year=2010'), 404, 'not-found');
    expectProblem(await get(api, '/v1/taakvelden?year=soon'), 400, 'validation');
  });
});
