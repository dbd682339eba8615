// The Heerlen 2023 scenario (scenarios/heerlen-2023.scenario.json), recorded through the API after
// the Heerlen case, answers the letter of 8 April 2024: € 9.087.219 on re-integration and € 566.000
// on personnel, € 9.653.219 together in Heerlen's own books, beside its contribution to WSP Parkstad;
// the consolidated answers keep tracing that contribution to Heerlen as WSP Parkstad's funder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMoney } from '@geldstroom/ledger';
import { startApi, type Harness } from '../support/api-harness';
import { get } from '../support/http';
import { loadScenario, recordScenario } from '../support/scenario';

let api: Harness;

beforeAll(async () => {
  api = await startApi();
  await recordScenario(api, loadScenario('heerlen'));
  await recordScenario(api, loadScenario('heerlen-2023'));
});
afterAll(() => api.close());

const answer = async (path: string) => {
  const response = await get(api, path);
  expect(response.status).toBe(200);
  return response.body;
};

describe('the Heerlen 2023 scenario', () => {
  it('names the source of every step, and says what was assumed where the letter gives no figure', () => {
    const file = JSON.parse(readFileSync(join(__dirname, '../../scenarios/heerlen-2023.scenario.json'), 'utf8')) as { steps: { source: string; assumption?: string }[] };
    for (const step of file.steps) expect(step.source).toMatch(/^seeds\/001_/);
    expect(file.steps.filter((step) => step.assumption === undefined)).toEqual([]);
  });

  it("gives Heerlen's lasten of 2023 in its own view: € 9.653.219,00 on re-integration and personnel, and the contribution to WSP Parkstad", async () => {
    const spending = await answer('/v1/parties/gemeente-heerlen/spending?year=2023');
    expect(spending.view).toBe('own');
    const [year] = spending.years;
    expect(year.year).toBe(2023);
    const { grant, purchase, personnel, contribution } = year.byKind;
    const cents = (amount: string) => {
      const parsed = parseMoney(amount);
      if (!parsed.ok) throw new Error(`not an amount: ${amount}`);
      return parsed.cents;
    };
    expect(cents(grant.realised) + cents(purchase.realised)).toBe(908_721_900);
    expect(personnel.realised).toBe('566000.00');
    expect(cents(grant.realised) + cents(purchase.realised) + cents(personnel.realised)).toBe(965_321_900);
    expect(contribution.realised).toBe('1500000.00');
    expect(year.contributions).toEqual([expect.objectContaining({ partyId: 'wsp-parkstad', via: 'transfer', toBudgetId: 'wsp-parkstad-begroting-2023', realised: '1500000.00' })]);
    // A move between Heerlen's own budgets is no cost of Heerlen's.
    expect(year.betweenOwnBudgets).toBe('100000.00');
    expect(year.realised).toBe('11153219.00');
  });

  it('keeps the consolidated view: the contribution is a transfer, and Heerlen is WSP Parkstad’s funder for 2023', async () => {
    const funding = await answer('/v1/parties/wsp-parkstad/funding?year=2023');
    expect(funding.years[0].intoBudgets).toMatchObject({ total: '1500000.00', funders: [{ partyId: 'gemeente-heerlen', amount: '1500000.00', share: '100.00' }] });
    const flows = await answer('/v1/funding-flows?year=2023');
    expect(flows.edges).toContainEqual(expect.objectContaining({ from: 'budget:heerlen-reintegratie-2023', to: 'budget:wsp-parkstad-begroting-2023', amount: '1500000.00' }));
  });
});
