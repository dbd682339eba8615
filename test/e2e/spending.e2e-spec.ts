// What a party's budgets spent per fiscal year, by taakveld and kind: "what did participation
// cost us in total in 2023". Heerlen spent € 9.087.219 on re-integration in 2023 (seeds/001);
// recorded here as a grant to WerkvoorHeerlen settled below its advances and two purchases,
// beside a contribution to WSP Parkstad that is a transfer, not spending.
import { startApi, type Harness } from '../support/api-harness';
import { expectProblem, get } from '../support/http';
import { MoneyFlows } from '../support/money-flows';
import { loadScenario, recordScenario } from '../support/scenario';

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
});
afterAll(() => api.close());

const spending = async (partyId: string, query = '') => {
  const response = await get(api, `/v1/parties/${partyId}/spending${query}`);
  expect(response.status).toBe(200);
  return response.body;
};

/** Obligo (committed, not yet paid), realised, and committed: everything awarded or ordered. */
const figures = (obligo: string, realised: string, committed: string) => ({ committed, obligo, realised });

describe('GET /v1/parties/{id}/spending', () => {
  it('answers what re-integration and participation cost Heerlen in 2023: € 9.087.219,00 paid', async () => {
    const answer = await spending(HEERLEN, '?year=2023');
    expect(answer).toMatchObject({ partyId: HEERLEN, name: 'Gemeente Heerlen', kind: 'municipality' });
    expect(answer.years).toHaveLength(1);
    expect(answer.years[0]).toEqual({
      year: 2023,
      budgets: ['heerlen-participatie-2023', 'heerlen-reintegratie-2023'],
      ...figures('24000.00', '9087219.00', '9111219.00'),
      grants: figures('0.00', '4987219.00', '4987219.00'),
      purchases: figures('24000.00', '4100000.00', '4124000.00'),
      byTaakveld: [
        {
          taakveld: '6.4',
          ...figures('0.00', '4987219.00', '4987219.00'),
          grants: figures('0.00', '4987219.00', '4987219.00'),
          purchases: figures('0.00', '0.00', '0.00'),
        },
        {
          taakveld: '6.5',
          ...figures('24000.00', '4100000.00', '4124000.00'),
          grants: figures('0.00', '0.00', '0.00'),
          purchases: figures('24000.00', '4100000.00', '4124000.00'),
        },
      ],
    });
  });

  it('answers every year without a year: 2024 from the scenario, the pilot paid and two purchases committed, the WSP contribution not counted', async () => {
    const answer = await spending(HEERLEN);
    expect(answer.years.map((y: { year: number }) => y.year)).toEqual([2023, 2024]);
    expect(answer.years[1]).toMatchObject({
      year: 2024,
      budgets: ['heerlen-bijdrage-wsp-parkstad-2024', 'heerlen-maatwerk-reintegratie-2024'],
      ...figures('55000.00', '50000.00', '105000.00'),
      byTaakveld: [{ taakveld: '6.4', purchases: figures('55000.00', '50000.00', '105000.00') }],
    });
  });

  it('does not count a transfer between budgets as spending', async () => {
    const wsp = await spending('wsp-parkstad', '?year=2023');
    expect(wsp.years).toEqual([
      expect.objectContaining({ year: 2023, budgets: ['wsp-parkstad-2023'], ...figures('0.00', '0.00', '0.00') }),
    ]);
  });

  it('answers as of a position before the settlement: all advances paid, nothing reclaimed', async () => {
    const grants = (await spending(HEERLEN, `?year=2023&asOf=${beforeSettlement}`)).years[0].grants;
    expect(grants).toEqual(figures('0.00', '5000000.00', '5000000.00'));
  });

  it('sees only what was effective by a date with on: the first advance paid, the rest committed', async () => {
    const [year] = (await spending(HEERLEN, '?year=2023&on=2023-06-30')).years;
    expect(year.grants).toEqual(figures('2400000.00', '2600000.00', '5000000.00'));
    expect(year.purchases).toEqual(figures('4100000.00', '0.00', '4100000.00'));
  });

  it('lists the events behind each figure with explain=true', async () => {
    const { evidence } = await spending(HEERLEN, '?year=2023&explain=true');
    expect(Object.keys(evidence).sort()).toEqual(['2023.6.4.grants', '2023.6.5.purchases']);
    expect(evidence['2023.6.4.grants'].map((e: { type: string }) => e.type)).toEqual([
      'GrantAwarded', 'GrantAdvancePaid', 'GrantAdvancePaid', 'GrantSettled', 'GrantReclaimed',
    ]);
  });

  it('answers 404 for an unknown party and 400 for a bad year', async () => {
    expectProblem(await get(api, '/v1/parties/onbekende-partij/spending'), 404, 'not-found');
    expectProblem(await get(api, `/v1/parties/${HEERLEN}/spending?year=1999`), 400, 'validation');
  });
});
