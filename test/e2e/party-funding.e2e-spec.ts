// Who funds a party, and in what shares (seeds/001: "WSP Parkstad wordt deels gefinancierd door
// gemeente Heerlen en voor het overige deel door de andere gemeenten in Parkstad"): the joint
// arrangement funded by transfers from three municipalities' budgets in uneven amounts and by
// its own means, shares by largest remainder; and the grant payments it received, attributed
// to the ultimate funders of the paying budget.
import { startApi, type Harness } from '../support/api-harness';
import { expectProblem, get } from '../support/http';
import { MoneyFlows } from '../support/money-flows';

let api: Harness;
let flows: MoneyFlows;
let beforeBrunssum: number;

const WSP = 'wsp-parkstad';

beforeAll(async () => {
  api = await startApi();
  // Its own parties, not the Heerlen scenario's: that scenario records WSP Parkstad's 2024
  // funding too, with other (assumed) amounts.
  flows = new MoneyFlows(api);
  await flows.party('gemeente-heerlen', 'Gemeente Heerlen', 'municipality');
  await flows.party(WSP, 'WSP Parkstad', 'joint-arrangement');
  await flows.party('arbeidsmarktregio-zuid-limburg', 'Arbeidsmarktregio Zuid-Limburg', 'region');
  await flows.party('gemeente-kerkrade', 'Gemeente Kerkrade', 'municipality');
  await flows.party('gemeente-brunssum', 'Gemeente Brunssum', 'municipality');
  await flows.party('ministerie-szw', 'Ministerie van Sociale Zaken en Werkgelegenheid', 'central-government');

  // 2024: the three municipalities' contributions, WSP's own means, and a move between WSP's own budgets.
  await flows.budget('wsp-parkstad-2024', WSP, 2024);
  await flows.budget('wsp-parkstad-jobcoaching-2024', WSP, 2024, '6.5');
  for (const [municipality, funded, contribution] of [
    ['gemeente-heerlen', '500000.00', '412345.67'],
    ['gemeente-kerkrade', '300000.00', '234567.89'],
    ['gemeente-brunssum', '200000.00', '98765.43'],
  ]) {
    const budget = `${municipality.replace('gemeente-', '')}-bijdrage-wsp-2024`;
    const opened = await flows.budget(budget, municipality, 2024);
    // Opened after Kerkrade's transfer had landed on both sides (the incoming side is appended
    // after the command's response position), before Brunssum's.
    if (municipality === 'gemeente-brunssum') beforeBrunssum = opened.position;
    await flows.fund(budget, 'eigen-middelen', funded, '2024-01-02');
    await flows.transfer(budget, 'bijdrage-wsp-2024', 'wsp-parkstad-2024', contribution, '2024-01-15');
  }
  await flows.fund('wsp-parkstad-2024', 'eigen-middelen', '10100.01', '2024-01-02');
  await flows.transfer('wsp-parkstad-2024', 'naar-jobcoaching', 'wsp-parkstad-jobcoaching-2024', '50000.00', '2024-02-01');

  // 2023: Heerlen's contribution from a budget that the Rijk funded in part.
  await flows.budget('wsp-parkstad-2023', WSP, 2023);
  await flows.budget('heerlen-bijdrage-wsp-2023', 'gemeente-heerlen', 2023);
  await flows.fund('heerlen-bijdrage-wsp-2023', 'eigen-middelen', '70000.00', '2023-01-02');
  await flows.fund('heerlen-bijdrage-wsp-2023', 'rijksbijdrage', '30000.00', '2023-01-02', 'ministerie-szw');
  await flows.transfer('heerlen-bijdrage-wsp-2023', 'bijdrage-wsp-2023', 'wsp-parkstad-2023', '50000.00', '2023-02-01');

  // Received: a jobcoaching grant from a regional budget funded 60 % by the Rijk, 40 % own means.
  await flows.budget('azl-jobcoaching-2024', 'arbeidsmarktregio-zuid-limburg', 2024);
  await flows.fund('azl-jobcoaching-2024', 'eigen-middelen', '40000.00', '2024-01-02');
  await flows.fund('azl-jobcoaching-2024', 'rijksbijdrage', '60000.00', '2024-01-02', 'ministerie-szw');
  await flows.grant('azl-wsp-jobcoaching', 'azl-jobcoaching-2024', WSP, '50000.00', '2024-02-01');
  await flows.payGrant('azl-wsp-jobcoaching', 'voorschot-1', '30000.00', '2024-03-01');
  await flows.reclaim('azl-wsp-jobcoaching', 'terugvordering-1', '5000.00', '2024-11-01');
  await flows.payGrant('azl-wsp-jobcoaching', 'voorschot-2', '10000.00', '2025-01-15');
});
afterAll(() => api.close());

const funding = async (partyId: string, query = '') => {
  const response = await get(api, `/v1/parties/${partyId}/funding${query}`);
  expect(response.status).toBe(200);
  return response.body;
};

const cents = (amount: string) => Math.round(Number(amount) * 100);
const sum = (amounts: readonly string[]) => amounts.reduce((total, amount) => total + cents(amount), 0);

describe('GET /v1/parties/{id}/funding', () => {
  it('answers which parties fund WSP Parkstad in 2024 and in what shares, to the cent', async () => {
    const answer = await funding(WSP, '?year=2024');
    expect(answer).toMatchObject({ partyId: WSP, name: 'WSP Parkstad', kind: 'joint-arrangement' });
    expect(answer.years).toHaveLength(1);
    const into = answer.years[0].intoBudgets;
    // The move of 50.000 between WSP's own budgets is not an inflow: it would count WSP twice.
    expect(into.budgets).toEqual(['wsp-parkstad-2024', 'wsp-parkstad-jobcoaching-2024']);
    expect(into.total).toBe('755779.00');
    // Rounded each on its own the shares would come to 100.01 (WSP 1.336 → 1.34); by largest remainder 100.00.
    expect(into.funders).toEqual([
      { partyId: 'gemeente-heerlen', name: 'Gemeente Heerlen', amount: '412345.67', share: '54.56' },
      { partyId: 'gemeente-kerkrade', name: 'Gemeente Kerkrade', amount: '234567.89', share: '31.04' },
      { partyId: 'gemeente-brunssum', name: 'Gemeente Brunssum', amount: '98765.43', share: '13.07' },
      { partyId: WSP, name: 'WSP Parkstad', amount: '10100.01', share: '1.33' },
    ]);
    expect(sum(into.funders.map((f: { share: string }) => f.share))).toBe(10_000);
    expect(sum(into.funders.map((f: { amount: string }) => f.amount))).toBe(cents(into.total));
  });

  it('answers the grant payments received, net of reclaims, by the ultimate funders of the paying budget', async () => {
    const received = (await funding(WSP, '?year=2024')).years[0].received;
    // 30.000 paid drawn 60/40 from the pool, 5.000 reclaimed back into it the same way.
    expect(received).toEqual({
      total: '25000.00',
      funders: [
        { partyId: 'ministerie-szw', name: 'Ministerie van Sociale Zaken en Werkgelegenheid', amount: '15000.00', share: '60.00' },
        { partyId: 'arbeidsmarktregio-zuid-limburg', name: 'Arbeidsmarktregio Zuid-Limburg', amount: '10000.00', share: '40.00' },
      ],
      directPayers: [{ partyId: 'arbeidsmarktregio-zuid-limburg', name: 'Arbeidsmarktregio Zuid-Limburg', amount: '25000.00', share: '100.00' }],
      uncovered: '0.00',
    });
  });

  it('answers every year without a year: the Rijk behind Heerlen in 2023, payments in the year they were made', async () => {
    const answer = await funding(WSP);
    expect(answer.years.map((y: { year: number }) => y.year)).toEqual([2023, 2024, 2025]);
    const [y2023, , y2025] = answer.years;
    expect(y2023.intoBudgets).toEqual({
      budgets: ['wsp-parkstad-2023'],
      total: '50000.00',
      funders: [
        { partyId: 'gemeente-heerlen', name: 'Gemeente Heerlen', amount: '35000.00', share: '70.00' },
        { partyId: 'ministerie-szw', name: 'Ministerie van Sociale Zaken en Werkgelegenheid', amount: '15000.00', share: '30.00' },
      ],
    });
    expect(y2023.received.total).toBe('0.00');
    expect(y2025.intoBudgets).toEqual({ budgets: [], total: '0.00', funders: [] });
    expect(y2025.received.funders).toEqual([
      expect.objectContaining({ partyId: 'ministerie-szw', amount: '6000.00', share: '60.00' }),
      expect.objectContaining({ partyId: 'arbeidsmarktregio-zuid-limburg', amount: '4000.00', share: '40.00' }),
    ]);
  });

  it('answers a year in which nothing happened with zeros', async () => {
    expect((await funding(WSP, '?year=2030')).years).toEqual([
      {
        year: 2030,
        intoBudgets: { budgets: [], total: '0.00', funders: [] },
        received: { total: '0.00', funders: [], directPayers: [], uncovered: '0.00' },
      },
    ]);
  });

  it('answers as of a position before the Brunssum contribution was recorded', async () => {
    const into = (await funding(WSP, `?year=2024&asOf=${beforeBrunssum}`)).years[0].intoBudgets;
    expect(into.total).toBe('646913.56');
    expect(into.funders.map((f: { partyId: string; share: string }) => [f.partyId, f.share])).toEqual([
      ['gemeente-heerlen', '63.74'],
      ['gemeente-kerkrade', '36.26'],
    ]);
  });

  it('lists the inflows and payments behind each year with explain=true', async () => {
    const { evidence, journal } = await funding(WSP, '?year=2024&explain=true');
    const types = (figure: string) => evidence[figure].map((e: { type: string }) => e.type).sort();
    expect(types('2024.intoBudgets')).toEqual([
      'BudgetFunded', 'BudgetTransferredIn', 'BudgetTransferredIn', 'BudgetTransferredIn',
      'BudgetTransferredOut', 'BudgetTransferredOut', 'BudgetTransferredOut',
    ]);
    expect(types('2024.received')).toEqual(['BudgetFunded', 'BudgetFunded', 'GrantAdvancePaid', 'GrantReclaimed']);
    expect(journal).toMatchObject({ position: expect.any(Number), rootHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('answers a municipality funded by its own means as 100 % itself, and its own staff paid from its budget as nothing received', async () => {
    await flows.bookExpense('kerkrade-eigen-personeel-2024', 'maart', 'personnel', 'kerkrade-bijdrage-wsp-2024', 'gemeente-kerkrade', '3000.00', '2024-03-25');
    const [year] = (await funding('gemeente-kerkrade', '?year=2024')).years;
    expect(year.intoBudgets.funders).toEqual([{ partyId: 'gemeente-kerkrade', name: 'Gemeente Kerkrade', amount: '300000.00', share: '100.00' }]);
    expect(year.received).toMatchObject({ total: '0.00', funders: [], directPayers: [] });
  });

  it('answers 404 for an unknown party and 400 for a year out of range or not a number', async () => {
    expectProblem(await get(api, '/v1/parties/onbekende-partij/funding'), 404, 'not-found');
    expectProblem(await get(api, `/v1/parties/${WSP}/funding?asOf=2000-01-01`), 404, 'not-found');
    expectProblem(await get(api, `/v1/parties/${WSP}/funding?year=1999`), 400, 'validation');
    expectProblem(await get(api, `/v1/parties/${WSP}/funding?year=2101`), 400, 'validation');
    expectProblem(await get(api, `/v1/parties/${WSP}/funding?year=twintig`), 400, 'validation');
    expectProblem(await get(api, `/v1/parties/${WSP}/funding?year=2024.5`), 400, 'validation');
  });
});
