// A party's own view: what it spent per fiscal year (its lasten), by taakveld and kind: "what did
// participation cost us in total in 2023". Heerlen spent € 9.087.219 on re-integration and
// € 566.000 on personnel in 2023 (seeds/001, Vraag 5: € 9.653.219 together); recorded here as a
// grant to WerkvoorHeerlen settled below its advances, two purchases and own salaries booked
// (assumed: in two halves), beside its contribution to WSP Parkstad: a transfer to a budget WSP
// owns, so a contribution in Heerlen's own books, while a transfer between Heerlen's own budgets
// is not lasten at all. The consolidated answers keep counting the contribution as a transfer.
import { startApi, type Harness } from '../support/api-harness';
import { expectProblem, get } from '../support/http';
import { MoneyFlows } from '../support/money-flows';
import { RecordedFacts } from '../support/recorded-facts';
import { loadScenario, recordScenario } from '../support/scenario';
import { expectMatchesSchema } from '../support/openapi-schema';

let api: Harness;
let beforeSettlement: number;

const HEERLEN = 'gemeente-heerlen';

beforeAll(async () => {
  api = await startApi();
  await recordScenario(api, loadScenario('heerlen'));
  const flows = new MoneyFlows(api);
  await flows.budget('heerlen-reintegratie-2023', HEERLEN, 2023, '6.4');
  await flows.budget('heerlen-participatie-2023', HEERLEN, 2023, '6.5');
  await flows.budget('wsp-parkstad-2023', 'wsp-parkstad', 2023);
  await flows.fund('heerlen-reintegratie-2023', 'eigen-middelen', '6500000.00', '2023-01-02');
  await flows.fund('heerlen-participatie-2023', 'eigen-middelen', '4500000.00', '2023-01-02');
  await flows.transfer('heerlen-reintegratie-2023', 'bijdrage-wsp-2023', 'wsp-parkstad-2023', '1500000.00', '2023-01-15');

  await flows.grant('werkvoorheerlen-2023', 'heerlen-reintegratie-2023', 'stichting-werkvoorheerlen', '5000000.00', '2023-01-10');
  await flows.payGrant('werkvoorheerlen-2023', 'voorschot-1', '2600000.00', '2023-02-01');
  const secondAdvance = await flows.payGrant('werkvoorheerlen-2023', 'voorschot-2', '2400000.00', '2023-07-01');
  beforeSettlement = secondAdvance.position;
  await flows.settle('werkvoorheerlen-2023', '4987219.00', '2023-12-15', '12781.00');

  await flows.purchase('reha-2023', 'heerlen-participatie-2023', 'reha', 400, '2500.00', '2023-02-01');
  await flows.payPurchase('reha-2023', 'betaling-1', '1000000.00', '2023-10-01');
  await flows.purchase('balans-2023', 'heerlen-participatie-2023', 'stichting-balans-en-vitaliteit', 1000, '3100.00', '2023-02-01');
  await flows.payPurchase('balans-2023', 'betaling-1', '3100000.00', '2023-11-01');
  await flows.purchase('trajecten-2023-open', 'heerlen-participatie-2023', 'reha', 10, '2400.00', '2023-12-01');

  await flows.budget('heerlen-uitvoering-2023', HEERLEN, 2023, '6.5');
  await flows.fund('heerlen-uitvoering-2023', 'eigen-middelen', '500000.00', '2023-01-02');
  await flows.transfer('heerlen-reintegratie-2023', 'naar-uitvoering-2023', 'heerlen-uitvoering-2023', '100000.00', '2023-01-20');
  const facts = new RecordedFacts(api);
  const salaries = { kind: 'personnel' as const, budgetId: 'heerlen-uitvoering-2023', payeePartyId: HEERLEN };
  await facts.book('personeel-2023', 'salarissen-h1', salaries, '283000.00', '2023-06-30');
  await facts.book('personeel-2023', 'salarissen-h2', salaries, '283000.00', '2023-12-31');
});
afterAll(() => api.close());

const spending = async (partyId: string, query = '') => {
  const response = await get(api, `/v1/parties/${partyId}/spending${query}`);
  expect(response.status).toBe(200);
  return response.body;
};

/** Obligo (committed, not yet paid), realised, and committed: everything awarded or ordered. */
const figures = (obligo: string, realised: string, committed: string) => ({ committed, obligo, realised });
const NONE = figures('0.00', '0.00', '0.00');

/** Every kind of cost, nothing where not named. */
const byKind = (named: Record<string, ReturnType<typeof figures>>) => ({
  grant: NONE, purchase: NONE, personnel: NONE, 'hired-staff': NONE, operating: NONE, 'wage-cost-subsidy': NONE, contribution: NONE, other: NONE, ...named,
});

describe('GET /v1/parties/{id}/spending', () => {
  it("answers Heerlen's lasten of 2023: € 9.653.219,00 on re-integration and personnel, and its € 1.500.000,00 contribution to WSP Parkstad", async () => {
    const answer = await spending(HEERLEN, '?year=2023');
    expect(answer).toMatchObject({ partyId: HEERLEN, name: 'Gemeente Heerlen', kind: 'municipality', view: 'own' });
    expect(answer.years).toHaveLength(1);
    const grants = figures('0.00', '4987219.00', '4987219.00');
    const purchases = figures('24000.00', '4100000.00', '4124000.00');
    const personnel = figures('0.00', '566000.00', '566000.00');
    const contribution = figures('0.00', '1500000.00', '1500000.00');
    expect(answer.years[0]).toEqual({
      year: 2023,
      budgets: ['heerlen-participatie-2023', 'heerlen-reintegratie-2023', 'heerlen-uitvoering-2023'],
      ...figures('24000.00', '11153219.00', '11177219.00'),
      grants,
      purchases,
      byKind: byKind({ grant: grants, purchase: purchases, personnel, contribution }),
      byTaakveld: [
        {
          taakveld: '6.4',
          ...figures('0.00', '6487219.00', '6487219.00'),
          grants,
          purchases: NONE,
          byKind: byKind({ grant: grants, contribution }),
        },
        {
          taakveld: '6.5',
          ...figures('24000.00', '4666000.00', '4690000.00'),
          grants: NONE,
          purchases,
          byKind: byKind({ purchase: purchases, personnel }),
        },
      ],
      contributions: [
        { partyId: 'wsp-parkstad', name: 'WSP Parkstad', via: 'transfer', budgetId: 'heerlen-reintegratie-2023', toBudgetId: 'wsp-parkstad-2023', committed: '1500000.00', realised: '1500000.00' },
      ],
      betweenOwnBudgets: '100000.00',
    });
    await expectMatchesSchema(api, answer, '/v1/parties/{id}/spending');
  });

  it('answers every year without a year: 2024 from the scenario, the pilot paid, two purchases committed and the WSP contribution', async () => {
    const answer = await spending(HEERLEN);
    expect(answer.years.map((y: { year: number }) => y.year)).toEqual([2023, 2024]);
    expect(answer.years[1]).toMatchObject({
      year: 2024,
      budgets: ['heerlen-bijdrage-wsp-parkstad-2024', 'heerlen-maatwerk-reintegratie-2024'],
      ...figures('55000.00', '920000.00', '975000.00'),
      purchases: figures('55000.00', '50000.00', '105000.00'),
      byTaakveld: [{ taakveld: '6.4', purchases: figures('55000.00', '50000.00', '105000.00'), byKind: { contribution: figures('0.00', '870000.00', '870000.00') } }],
      contributions: [expect.objectContaining({ partyId: 'wsp-parkstad', budgetId: 'heerlen-bijdrage-wsp-parkstad-2024', toBudgetId: 'wsp-parkstad-begroting-2024', realised: '870000.00' })],
      betweenOwnBudgets: '0.00',
    });
  });

  it("does not count what a party received by transfer as its lasten, and the consolidated answers keep the contribution a transfer", async () => {
    const wsp = await spending('wsp-parkstad', '?year=2023');
    expect(wsp.years).toEqual([expect.objectContaining({ year: 2023, budgets: ['wsp-parkstad-2023'], ...figures('0.00', '0.00', '0.00'), contributions: [] })]);
    const flows = (await get(api, '/v1/funding-flows?year=2023')).body;
    expect(flows.edges).toContainEqual(expect.objectContaining({ kind: 'transfer', from: 'budget:heerlen-reintegratie-2023', to: 'budget:wsp-parkstad-2023', amount: '1500000.00' }));
  });

  it('answers as of a position before the settlement: all advances paid, nothing reclaimed', async () => {
    const grants = (await spending(HEERLEN, `?year=2023&asOf=${beforeSettlement}`)).years[0].grants;
    expect(grants).toEqual(figures('0.00', '5000000.00', '5000000.00'));
  });

  it('sees only what was effective by a date with on: the first advance paid and half the salaries, the rest committed', async () => {
    const [year] = (await spending(HEERLEN, '?year=2023&on=2023-06-30')).years;
    expect(year.grants).toEqual(figures('2400000.00', '2600000.00', '5000000.00'));
    expect(year.purchases).toEqual(figures('4100000.00', '0.00', '4100000.00'));
    expect(year.byKind.personnel).toEqual(figures('0.00', '283000.00', '283000.00'));
    expect(year.byKind.contribution).toEqual(figures('0.00', '1500000.00', '1500000.00'));
  });

  it('lists the events behind each figure with explain=true, the contribution and the salaries among them', async () => {
    const { evidence } = await spending(HEERLEN, '?year=2023&explain=true');
    expect(Object.keys(evidence).sort()).toEqual(['2023.6.4.contribution', '2023.6.4.grants', '2023.6.5.personnel', '2023.6.5.purchases']);
    expect(evidence['2023.6.4.grants'].map((e: { type: string }) => e.type)).toEqual([
      'GrantAwarded', 'GrantAdvancePaid', 'GrantAdvancePaid', 'GrantSettled', 'GrantReclaimed',
    ]);
    expect(evidence['2023.6.4.contribution'].map((e: { type: string }) => e.type)).toEqual(['BudgetTransferredOut']);
    expect(evidence['2023.6.5.personnel'].map((e: { type: string }) => e.type)).toEqual(['ExpenseBooked', 'ExpenseBooked']);
  });

  it('answers 404 for an unknown party and 400 for a bad year', async () => {
    expectProblem(await get(api, '/v1/parties/onbekende-partij/spending'), 404, 'not-found');
    expectProblem(await get(api, `/v1/parties/${HEERLEN}/spending?year=1999`), 400, 'validation');
  });
});
