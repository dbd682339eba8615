// The money between parties as a graph for a Sankey diagram: funders into budgets, budgets into
// budgets, budgets to the parties paid net of reclaims; per fiscal year, as of any position.
import { startApi, type Harness } from '../support/api-harness';
import { expectProblem, get, expectReproduced } from '../support/http';
import { MoneyFlows, type Recorded } from '../support/money-flows';
import { loadScenario, recordScenario } from '../support/scenario';

let api: Harness;
let flows: MoneyFlows;
let voerendaalTransfer: Recorded;

beforeAll(async () => {
  api = await startApi();
  await recordScenario(api, loadScenario('heerlen'));
  flows = new MoneyFlows(api);
  await flows.party('gemeente-voerendaal', 'Gemeente Voerendaal', 'municipality');
  await flows.budget('wsp-parkstad-2024', 'wsp-parkstad', 2024);
  await flows.budget('voerendaal-bijdrage-wsp-2024', 'gemeente-voerendaal', 2024);
  await flows.fund('voerendaal-bijdrage-wsp-2024', 'eigen-middelen', '15000.00', '2024-01-02');
  await flows.transfer('heerlen-maatwerk-reintegratie-2024', 'bijdrage-wsp-2024', 'wsp-parkstad-2024', '20000.00', '2024-01-15');
  voerendaalTransfer = await flows.transfer('voerendaal-bijdrage-wsp-2024', 'bijdrage-wsp-2024', 'wsp-parkstad-2024', '12500.00', '2024-01-15');
  await flows.grant('wsp-werkvoorheerlen-2024', 'wsp-parkstad-2024', 'stichting-werkvoorheerlen', '8000.00', '2024-02-01');
  await flows.payGrant('wsp-werkvoorheerlen-2024', 'voorschot-1', '8000.00', '2024-02-15');
  await flows.reclaim('wsp-werkvoorheerlen-2024', 'terugvordering-1', '500.00', '2024-10-01');
  // Paid and reclaimed in full: no flow is left to draw.
  await flows.grant('azl-reha-teruggevorderd', 'azl-reintegratie-2024', 'reha', '1000.00', '2024-03-01');
  await flows.payGrant('azl-reha-teruggevorderd', 'voorschot-1', '1000.00', '2024-03-15');
  await flows.reclaim('azl-reha-teruggevorderd', 'terugvordering-1', '1000.00', '2024-04-01');
  // A year before: only in the answer for 2023 or for every year.
  await flows.budget('heerlen-2023', 'gemeente-heerlen', 2023);
  await flows.fund('heerlen-2023', 'eigen-middelen', '1000.00', '2023-01-02');
  await flows.purchase('reha-2023', 'heerlen-2023', 'reha', 1, '1000.00', '2023-02-01');
  await flows.payPurchase('reha-2023', 'betaling-1', '1000.00', '2023-03-01');
});
afterAll(() => api.close());

const flowsOf = async (query = '') => {
  const response = await get(api, `/v1/funding-flows${query}`);
  expect(response.status).toBe(200);
  return response.body;
};

// The Heerlen scenario's own 2024 flows (the four Parkstad municipalities' contributions to WSP
// Parkstad) beside this test's, in the answer's order: by kind, then from, then to.
const EDGES_2024 = [
  { from: 'party:arbeidsmarktregio-zuid-limburg', to: 'budget:azl-reintegratie-2024', kind: 'funding', amount: '100000.00' },
  { from: 'party:gemeente-brunssum', to: 'budget:brunssum-bijdrage-wsp-parkstad-2024', kind: 'funding', amount: '270000.00' },
  { from: 'party:gemeente-heerlen', to: 'budget:heerlen-bijdrage-wsp-parkstad-2024', kind: 'funding', amount: '870000.00' },
  { from: 'party:gemeente-heerlen', to: 'budget:heerlen-maatwerk-reintegratie-2024', kind: 'funding', amount: '150000.00' },
  { from: 'party:gemeente-kerkrade', to: 'budget:kerkrade-bijdrage-wsp-parkstad-2024', kind: 'funding', amount: '450000.00' },
  { from: 'party:gemeente-landgraaf', to: 'budget:landgraaf-bijdrage-wsp-parkstad-2024', kind: 'funding', amount: '370000.00' },
  { from: 'party:gemeente-voerendaal', to: 'budget:voerendaal-bijdrage-wsp-2024', kind: 'funding', amount: '15000.00' },
  { from: 'budget:azl-reintegratie-2024', to: 'party:stichting-werkvoorheerlen', kind: 'grant', amount: '100000.00' },
  { from: 'budget:wsp-parkstad-2024', to: 'party:stichting-werkvoorheerlen', kind: 'grant', amount: '7500.00' },
  { from: 'budget:heerlen-maatwerk-reintegratie-2024', to: 'party:stichting-werkvoorheerlen', kind: 'purchase', amount: '50000.00' },
  { from: 'budget:brunssum-bijdrage-wsp-parkstad-2024', to: 'budget:wsp-parkstad-begroting-2024', kind: 'transfer', amount: '270000.00' },
  { from: 'budget:heerlen-bijdrage-wsp-parkstad-2024', to: 'budget:wsp-parkstad-begroting-2024', kind: 'transfer', amount: '870000.00' },
  { from: 'budget:heerlen-maatwerk-reintegratie-2024', to: 'budget:wsp-parkstad-2024', kind: 'transfer', amount: '20000.00' },
  { from: 'budget:kerkrade-bijdrage-wsp-parkstad-2024', to: 'budget:wsp-parkstad-begroting-2024', kind: 'transfer', amount: '450000.00' },
  { from: 'budget:landgraaf-bijdrage-wsp-parkstad-2024', to: 'budget:wsp-parkstad-begroting-2024', kind: 'transfer', amount: '370000.00' },
  { from: 'budget:voerendaal-bijdrage-wsp-2024', to: 'budget:wsp-parkstad-2024', kind: 'transfer', amount: '12500.00' },
];

describe('GET /v1/funding-flows', () => {
  it('answers the edges of 2024: fundings, transfers and payments net of reclaims, to the cent', async () => {
    const answer = await flowsOf('?year=2024');
    expect(answer.year).toBe(2024);
    expect(answer.edges).toEqual(EDGES_2024);
    expect(answer.totals).toEqual({ funding: '2225000.00', transfer: '1992500.00', grant: '107500.00', purchase: '50000.00', expense: '0.00' });
  });

  it('answers the nodes: parties with name and kind, budgets with owner, year and taakveld', async () => {
    const { nodes } = await flowsOf('?year=2024');
    expect(nodes).toHaveLength(16);
    expect(nodes).toContainEqual({ id: 'party:gemeente-heerlen', type: 'party', partyId: 'gemeente-heerlen', name: 'Gemeente Heerlen', kind: 'municipality' });
    expect(nodes).toContainEqual({
      id: 'budget:wsp-parkstad-2024', type: 'budget', budgetId: 'wsp-parkstad-2024', name: 'Budget wsp-parkstad-2024',
      ownerPartyId: 'wsp-parkstad', fiscalYear: 2024, taakveld: '6.4',
    });
    expect(nodes.map((n: { id: string }) => n.id)).not.toContain('party:reha');
  });

  it('answers a year by its budgets, and every year without one', async () => {
    expect((await flowsOf('?year=2023')).edges).toEqual([
      { from: 'party:gemeente-heerlen', to: 'budget:heerlen-2023', kind: 'funding', amount: '1000.00' },
      { from: 'budget:heerlen-2023', to: 'party:reha', kind: 'purchase', amount: '1000.00' },
    ]);
    const all = await flowsOf();
    expect(all.year).toBeNull();
    expect(all.edges).toHaveLength(EDGES_2024.length + 2);
    expect(all.totals).toEqual({ funding: '2226000.00', transfer: '1992500.00', grant: '107500.00', purchase: '51000.00', expense: '0.00' });
  });

  it('lists the events behind each edge with explain=true', async () => {
    const { evidence } = await flowsOf('?year=2024&explain=true');
    expect(Object.keys(evidence)).toHaveLength(EDGES_2024.length);
    expect(evidence['grant:budget:wsp-parkstad-2024->party:stichting-werkvoorheerlen'].map((e: { type: string }) => e.type)).toEqual([
      'GrantAdvancePaid', 'GrantReclaimed',
    ]);
    expect(evidence['transfer:budget:voerendaal-bijdrage-wsp-2024->budget:wsp-parkstad-2024'][0]).toMatchObject({
      type: 'BudgetTransferredOut', streamId: 'budget-voerendaal-bijdrage-wsp-2024', eventId: voerendaalTransfer.eventIds[0],
    });
  });

  it('drops a reversed transfer, and answers as of a position before the reversal as it did then', async () => {
    const before = await flowsOf('?year=2024');
    await flows.reverse('bijdrage-teruggedraaid', 'budget-voerendaal-bijdrage-wsp-2024', voerendaalTransfer.eventIds[0], '2024-01-15');
    const after = await flowsOf('?year=2024');
    expect(after.edges).toEqual(EDGES_2024.filter((e) => !(e.kind === 'transfer' && e.from === 'budget:voerendaal-bijdrage-wsp-2024')));
    expect(after.totals.transfer).toBe('1980000.00');
    expectReproduced(await flowsOf(`?year=2024&asOf=${before.journal.position}`), before);
  });

  it('refuses a year out of range as a 400 problem', async () => {
    expectProblem(await get(api, '/v1/funding-flows?year=1999'), 400, 'validation');
    expectProblem(await get(api, '/v1/funding-flows?party=gemeente-heerlen'), 400, 'validation');
  });

  it('documents the queries and their year parameter in OpenAPI', async () => {
    const { paths } = (await api.http().get('/docs/openapi.json')).body;
    for (const path of ['/v1/budgets/{id}/execution', '/v1/parties/{id}/funding', '/v1/parties/{id}/spending', '/v1/funding-flows']) {
      expect(paths[path]?.get).toBeDefined();
    }
    const year = paths['/v1/parties/{id}/funding'].get.parameters.find((p: { name: string }) => p.name === 'year');
    expect(year).toMatchObject({ in: 'query', required: false, schema: { minimum: 2000, maximum: 2100 } });
  });
});
