// The lists a person picks from: programmes, budgets and parties as the ledger knew them.
import { startApi, type Harness } from '../support/api-harness';
import { expectProblem, get } from '../support/http';
import { loadScenario, recordScenario } from '../support/scenario';

let api: Harness;
let launchPosition: number;
beforeAll(async () => {
  api = await startApi();
  const written = await recordScenario(api, loadScenario('heerlen'));
  launchPosition = written.find((w) => w.streamId === 'programme-pilot-werkvoorheerlen-2024')!.position;
});
afterAll(() => api.close());

describe('GET /v1/programmes', () => {
  it('lists every programme by name, with its owner and status', async () => {
    const response = await get(api, '/v1/programmes');
    expect(response.status).toBe(200);
    expect(response.body.entries.map((p: { programmeId: string }) => p.programmeId)).toEqual([
      'pilot-werkvoorheerlen-2024',
      'reha-trajecten-2024',
      'vitaliteit-balans-2024',
    ]);
    expect(response.body.entries[0]).toEqual({
      programmeId: 'pilot-werkvoorheerlen-2024',
      name: 'Pilot re-integratie Stichting WerkvoorHeerlen',
      label: 'Pilot re-integratie Stichting WerkvoorHeerlen',
      ownerPartyId: 'gemeente-heerlen',
      ownerName: 'Gemeente Heerlen',
      launchedOn: '2024-01-15',
      status: 'ended',
    });
    expect(response.body.truncated).toBe(false);
    const digest = (await get(api, '/v1/journal/digest')).body;
    expect(response.body.journal).toMatchObject({ position: digest.headPosition, rootHash: digest.rootHash });
  });

  it('lists only what was recorded by then', async () => {
    const before = (await get(api, `/v1/programmes?asOf=${launchPosition - 1}`)).body;
    expect(before.entries).toEqual([]);
    expect(before.journal.position).toBe(launchPosition - 1);
    const at = (await get(api, `/v1/programmes?asOf=${launchPosition}`)).body;
    expect(at.entries).toEqual([expect.objectContaining({ programmeId: 'pilot-werkvoorheerlen-2024', status: 'running' })]);
    expect((await get(api, '/v1/programmes?asOf=2024-07-08')).body.entries).toEqual([]);
  });
});

describe('GET /v1/budgets', () => {
  it('lists every budget with its owner, fiscal year and taakveld', async () => {
    const { entries } = (await get(api, '/v1/budgets')).body;
    expect(entries).toHaveLength(7);
    expect(entries).toContainEqual({
      budgetId: 'heerlen-maatwerk-reintegratie-2024',
      name: 'Maatwerkbudget re-integratie',
      ownerPartyId: 'gemeente-heerlen',
      ownerName: 'Gemeente Heerlen',
      fiscalYear: 2024,
      taakveld: '6.4',
      label: 'Maatwerkbudget re-integratie',
    });
    // Four budgets share a name: the owner tells them apart, in their label too, and orders them.
    const same = entries.filter((b: { name: string }) => b.name === 'Bijdrage WSP Parkstad');
    expect(same.map((b: { ownerName: string }) => b.ownerName)).toEqual(['Gemeente Brunssum', 'Gemeente Heerlen', 'Gemeente Kerkrade', 'Gemeente Landgraaf']);
    expect(same.map((b: { label: string }) => b.label)).toEqual([
      'Bijdrage WSP Parkstad — Gemeente Brunssum',
      'Bijdrage WSP Parkstad — Gemeente Heerlen',
      'Bijdrage WSP Parkstad — Gemeente Kerkrade',
      'Bijdrage WSP Parkstad — Gemeente Landgraaf',
    ]);
  });

  it('pages, and lists one fiscal year', async () => {
    const first = (await get(api, '/v1/budgets?limit=3')).body;
    expect([first.count, first.entries.length, first.next, first.truncated]).toEqual([7, 3, 3, true]);
    const rest = (await get(api, '/v1/budgets?offset=3&limit=10')).body;
    expect([rest.entries.length, rest.next]).toEqual([4, null]);
    expect([...first.entries, ...rest.entries].map((b: { budgetId: string }) => b.budgetId)).toEqual((await get(api, '/v1/budgets')).body.entries.map((b: { budgetId: string }) => b.budgetId));
    expect((await get(api, '/v1/budgets?year=2024')).body.count).toBe(7);
    expect((await get(api, '/v1/budgets?year=2025')).body.entries).toEqual([]);
    expect((await get(api, '/v1/budgets?limit=0')).status).toBe(400);
  });
});

describe('GET /v1/parties', () => {
  it('lists every party and marks the providers: suppliers and grant recipients', async () => {
    const { entries } = (await get(api, '/v1/parties')).body;
    expect(entries).toHaveLength(9);
    const providers = entries.filter((p: { provider: boolean }) => p.provider).map((p: { partyId: string }) => p.partyId);
    expect(providers).toEqual(['reha', 'stichting-balans-en-vitaliteit', 'stichting-werkvoorheerlen']);
    expect(entries).toContainEqual({ partyId: 'wsp-parkstad', name: 'WSP Parkstad', kind: 'joint-arrangement', provider: false });
  });
});

describe('bad input', () => {
  it.each(['/v1/programmes', '/v1/budgets', '/v1/parties'])('%s refuses a malformed asOf, an unknown parameter and no token', async (path) => {
    expectProblem(await get(api, `${path}?asOf=yesterday`), 400, 'validation');
    expectProblem(await get(api, `${path}?asOf=2024-13-45T99:99Z%27`), 400, 'validation');
    expectProblem(await get(api, `${path}?explain=true`), 400, 'validation');
    expectProblem(await get(api, `${path}?asOf=1&asOf=2`), 400, 'validation');
    expectProblem(await api.http().get(path), 401, 'unauthorized');
  });
});
