// Budget execution over HTTP: initial, amendments, transfers, current budget, per allocation
// line allocated / committed (obligo) / realised / available, spending off the lines, totals
// and overrun; with its evidence, and reproduced as of a position before a later correction.
import { startApi, type Harness } from '../support/api-harness';
import { expectProblem, get, expectReproduced } from '../support/http';
import { MoneyFlows, type Recorded } from '../support/money-flows';
import { loadScenario, recordScenario } from '../support/scenario';

let api: Harness;
let flows: MoneyFlows;
let firstAmendment: Recorded;

const BUDGET = 'heerlen-participatie-2024';

beforeAll(async () => {
  api = await startApi();
  await recordScenario(api, loadScenario('heerlen'));
  flows = new MoneyFlows(api);
  await flows.party('ministerie-szw', 'Ministerie van Sociale Zaken en Werkgelegenheid', 'central-government');
  await flows.budget(BUDGET, 'gemeente-heerlen', 2024, '6.5');
  await flows.budget('heerlen-reserve-2024', 'gemeente-heerlen', 2024, '0.10');
  await flows.budget('wsp-parkstad-2024', 'wsp-parkstad', 2024);
  await flows.fund(BUDGET, 'eigen-middelen', '200000.00', '2024-01-02');
  await flows.fund(BUDGET, 'rijksbijdrage', '80000.00', '2024-01-10', 'ministerie-szw');
  firstAmendment = await flows.amend(BUDGET, 'bw-1', '-12345.67', '2024-04-01');
  await flows.amend(BUDGET, 'bw-2', '5000.00', '2024-06-01');
  await flows.fund('heerlen-reserve-2024', 'reserve', '50000.00', '2024-01-02');
  await flows.transfer('heerlen-reserve-2024', 'naar-participatie', BUDGET, '20000.00', '2024-02-01');
  await flows.transfer(BUDGET, 'bijdrage-wsp', 'wsp-parkstad-2024', '33333.33', '2024-02-15');
  await flows.allocate(BUDGET, 'subsidies', 'Subsidies participatie', '100000.00', '2024-01-15');
  await flows.allocate(BUDGET, 'trajecten-reha', 'Producten provider ReHa', '60000.00', '2024-01-15');
  await flows.grant('werkvoorheerlen-participatie', BUDGET, 'stichting-werkvoorheerlen', '40000.00', '2024-02-01', 'subsidies');
  await flows.payGrant('werkvoorheerlen-participatie', 'voorschot-1', '25000.00', '2024-02-15');
  await flows.reclaim('werkvoorheerlen-participatie', 'terugvordering-1', '1234.56', '2024-09-01');
  await flows.purchase('reha-participatie', BUDGET, 'reha', 12, '4321.00', '2024-03-01', 'trajecten-reha');
  await flows.payPurchase('reha-participatie', 'betaling-1', '20000.00', '2024-05-01');
  await flows.purchase('balans-participatie', BUDGET, 'stichting-balans-en-vitaliteit', 3, '2500.00', '2024-03-01');
  await flows.payPurchase('balans-participatie', 'betaling-1', '7500.00', '2024-04-01');
});
afterAll(() => api.close());

const execution = async (budgetId: string, query = '') => {
  const response = await get(api, `/v1/budgets/${budgetId}/execution${query}`);
  expect(response.status).toBe(200);
  return response.body;
};

describe('GET /v1/budgets/{id}/execution', () => {
  it('answers the frame of the budget: initial, amendments, transfers and the current budget', async () => {
    expect(await execution(BUDGET)).toMatchObject({
      budgetId: BUDGET,
      ownerPartyId: 'gemeente-heerlen',
      ownerName: 'Gemeente Heerlen',
      fiscalYear: 2024,
      taakveld: '6.5',
      initial: '280000.00',
      amendments: '-7345.67',
      transfersIn: '20000.00',
      transfersOut: '33333.33',
      current: '259321.00',
    });
  });

  it('answers per allocation line allocated, committed, obligo, realised and available, and spending off the lines', async () => {
    const answer = await execution(BUDGET);
    expect(answer.lines).toEqual([
      // 40.000 granted, 25.000 paid less 1.234,56 reclaimed: 23.765,44 realised, 16.234,56 obligo.
      { lineId: 'subsidies', description: 'Subsidies participatie', allocated: '100000.00', committed: '40000.00', obligo: '16234.56', realised: '23765.44', available: '60000.00', overrun: false, overrunAmount: '0.00' },
      // 12 × 4.321 = 51.852 ordered, 20.000 paid.
      { lineId: 'trajecten-reha', description: 'Producten provider ReHa', allocated: '60000.00', committed: '51852.00', obligo: '31852.00', realised: '20000.00', available: '8148.00', overrun: false, overrunAmount: '0.00' },
    ]);
    expect(answer.withoutLine).toEqual({ committed: '7500.00', obligo: '0.00', realised: '7500.00' });
  });

  it('answers the totals: committed, obligo, realised and available against the current budget, without overrun', async () => {
    expect((await execution(BUDGET)).totals).toEqual({
      allocated: '160000.00',
      unallocated: '99321.00',
      committed: '99352.00',
      obligo: '48086.56',
      realised: '51265.44',
      available: '159969.00',
      overrun: false,
      overrunAmount: '0.00',
    });
  });

  it("answers the Heerlen maatwerkbudget from the scenario: the pilot paid, ReHa's and Balans' trajectories still committed", async () => {
    const answer = await execution('heerlen-maatwerk-reintegratie-2024');
    expect(answer).toMatchObject({ initial: '150000.00', current: '150000.00', lines: [], withoutLine: { committed: '105000.00', obligo: '55000.00', realised: '50000.00' } });
    expect(answer.totals).toMatchObject({ committed: '105000.00', obligo: '55000.00', realised: '50000.00', available: '45000.00', overrun: false });
  });

  it('reports an overrun with its amount when committed and realised exceed the current budget', async () => {
    await flows.budget('heerlen-klein-2024', 'gemeente-heerlen', 2024);
    await flows.fund('heerlen-klein-2024', 'eigen-middelen', '10000.00', '2024-01-02');
    await flows.purchase('klein-te-veel', 'heerlen-klein-2024', 'reha', 3, '4000.00', '2024-02-01');
    await flows.payPurchase('klein-te-veel', 'betaling-1', '4000.00', '2024-03-01');
    expect((await execution('heerlen-klein-2024')).totals).toMatchObject({
      committed: '12000.00',
      obligo: '8000.00',
      realised: '4000.00',
      available: '-2000.00',
      overrun: true,
      overrunAmount: '2000.00',
    });
  });

  it('gives a line charged beyond its allocation its overrun amount, in the answer and in the export', async () => {
    await flows.budget('heerlen-regel-2024', 'gemeente-heerlen', 2024);
    await flows.fund('heerlen-regel-2024', 'eigen-middelen', '50000.00', '2024-01-02');
    await flows.allocate('heerlen-regel-2024', 'inhuur', 'Inhuur', '10000.00', '2024-01-03');
    await flows.purchase('regel-te-veel', 'heerlen-regel-2024', 'reha', 3, '4000.00', '2024-02-01', 'inhuur');
    const [line] = (await execution('heerlen-regel-2024')).lines;
    expect(line).toMatchObject({ lineId: 'inhuur', committed: '12000.00', available: '-2000.00', overrun: true, overrunAmount: '2000.00' });
    const csv = await get(api, '/v1/exports/budget-execution?id=heerlen-regel-2024');
    const rows = String(csv.text).replace(/^\uFEFF/, '').split('\r\n').map((r) => r.split(';'));
    const [header] = rows;
    expect(rows.find((r) => r[header.indexOf('regel-id')] === 'inhuur')![header.indexOf('overschrijding')]).toBe('2000,00');
  });

  it('lists the events behind each figure with explain=true, and names the journal it was computed at', async () => {
    const answer = await execution(BUDGET, '?explain=true');
    const types = (figure: string) => answer.evidence[figure].map((e: { type: string }) => e.type);
    expect(types('initial')).toEqual(['BudgetFunded', 'BudgetFunded']);
    expect(types('amendments')).toEqual(['BudgetAmended', 'BudgetAmended']);
    expect(types('transfersIn')).toEqual(['BudgetTransferredIn']);
    expect(types('transfersOut')).toEqual(['BudgetTransferredOut']);
    expect(types('lines.subsidies')).toEqual(['BudgetAllocated', 'GrantAwarded', 'GrantAdvancePaid', 'GrantReclaimed']);
    expect(types('withoutLine')).toEqual(['TrajectoriesPurchased', 'PurchasePaid']);
    expect(answer.evidence.initial[0]).toMatchObject({ streamId: `budget-${BUDGET}`, hash: expect.stringMatching(/^[0-9a-f]{64}$/), sourceReference: 'Testdossier geldstromen' });
    const digest = (await get(api, '/v1/journal/digest')).body;
    expect(answer.journal).toMatchObject({ position: digest.headPosition, treeSize: digest.treeSize, rootHash: digest.rootHash });
    expect((await execution(BUDGET)).evidence).toBeUndefined();
  });

  it('answers as of a position exactly as before a correction recorded later', async () => {
    const before = await execution(BUDGET);
    await flows.reverse('bw-1-teruggedraaid', `budget-${BUDGET}`, firstAmendment.eventIds[0], '2024-04-01');
    await flows.amend(BUDGET, 'bw-3', '-1000.00', '2024-07-01');
    const after = await execution(BUDGET);
    expect(after).toMatchObject({ amendments: '4000.00', current: '270666.67' });
    expect(after.totals.available).toBe('171314.67');
    const reproduced = await execution(BUDGET, `?asOf=${before.journal.position}`);
    expectReproduced(reproduced, before);
  });

  it('sees only what was effective by a date with on', async () => {
    const answer = await execution(BUDGET, '?on=2024-02-01');
    expect(answer).toMatchObject({ initial: '280000.00', amendments: '0.00', transfersIn: '20000.00', transfersOut: '0.00', current: '300000.00' });
    expect(answer.lines[0]).toMatchObject({ lineId: 'subsidies', committed: '40000.00', obligo: '40000.00', realised: '0.00', available: '60000.00' });
  });

  it('answers 404 for a budget the ledger does not know, or did not know then', async () => {
    expectProblem(await get(api, '/v1/budgets/onbekend-budget/execution'), 404, 'not-found');
    expectProblem(await get(api, `/v1/budgets/${BUDGET}/execution?asOf=2000-01-01`), 404, 'not-found');
  });

  it('refuses a malformed id or query as a 400 problem', async () => {
    expectProblem(await get(api, '/v1/budgets/Geen_Id/execution'), 400, 'validation');
    expectProblem(await get(api, `/v1/budgets/${BUDGET}/execution?explain=maybe`), 400, 'validation');
    expectProblem(await get(api, `/v1/budgets/${BUDGET}/execution?year=2024`), 400, 'validation');
  });
});
