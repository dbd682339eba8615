// Who paid, through two levels of pooling, an earmarked transfer, a joint arrangement funded by
// several municipalities and the Rijk, a reversal, and a split that does not divide evenly:
// every share to the cent, adding up to the total exactly.
import { startApi, type Harness } from '../support/api-harness';
import { expectCreated, get, post } from '../support/http';

let api: Harness;
let reversedPaymentPosition: number;

const src = (effectiveDate: string) => ({ effectiveDate, sourceReference: 'dossier who-paid' });

async function ok(path: string, body: Record<string, unknown>, effectiveDate = '2024-01-10') {
  return expectCreated(await post(api, path, { ...src(effectiveDate), ...body })) as unknown as { position: number; eventIds: string[] };
}

beforeAll(async () => {
  api = await startApi();
  for (const [partyId, kind] of [
    ['gemeente-a', 'municipality'],
    ['gemeente-b', 'municipality'],
    ['gemeente-c', 'municipality'],
    ['rijk', 'central-government'],
    ['gr-werk', 'joint-arrangement'],
    ['leverancier-x', 'company'],
  ]) {
    await ok('/v1/parties', { partyId, name: `Partij ${partyId}`, kind });
  }
  const budget = (budgetId: string, ownerPartyId: string) =>
    ok('/v1/budgets', { budgetId, ownerPartyId, name: `Budget ${budgetId}`, fiscalYear: 2024, taakveld: '6.4' });
  await budget('a-2024', 'gemeente-a');
  await budget('b-2024', 'gemeente-b');
  await budget('c-2024', 'gemeente-c');
  await budget('gr-pool-2024', 'gr-werk');
  await budget('gr-project-2024', 'gr-werk');
  await ok('/v1/programmes', { programmeId: 'project-p', ownerPartyId: 'gr-werk', name: 'Project P' });

  // Inflows: gemeente A from own means and rijksmiddelen; B and C from own means.
  await ok('/v1/budgets/a-2024/fundings', { fundingId: 'eigen', source: 'own-means', amount: '70000.00' });
  await ok('/v1/budgets/a-2024/fundings', { fundingId: 'rijk', source: 'outside-funder', funderPartyId: 'rijk', amount: '30000.00' });
  await ok('/v1/budgets/b-2024/fundings', { fundingId: 'eigen', source: 'own-means', amount: '50000.00' });
  await ok('/v1/budgets/c-2024/fundings', { fundingId: 'eigen', source: 'own-means', amount: '20000.00' });

  // Level 1: three municipalities contribute to the joint arrangement's pool.
  await ok('/v1/budgets/a-2024/transfers', { transferId: 'bijdrage-gr', toBudgetId: 'gr-pool-2024', amount: '40000.00' }, '2024-02-01');
  await ok('/v1/budgets/b-2024/transfers', { transferId: 'bijdrage-gr', toBudgetId: 'gr-pool-2024', amount: '20000.00' }, '2024-02-01');
  await ok('/v1/budgets/c-2024/transfers', { transferId: 'bijdrage-gr', toBudgetId: 'gr-pool-2024', amount: '10000.00' }, '2024-02-01');
  // Level 2: the pool passes 30.000 on to the project budget; B adds 5.000 earmarked for P.
  await ok('/v1/budgets/gr-pool-2024/transfers', { transferId: 'naar-project', toBudgetId: 'gr-project-2024', amount: '30000.00' }, '2024-03-01');
  await ok(
    '/v1/budgets/b-2024/transfers',
    { transferId: 'oormerk-p', toBudgetId: 'gr-project-2024', amount: '5000.00', earmarkProgrammeId: 'project-p' },
    '2024-03-01',
  );

  // A grant paid by mistake and later reversed, then the purchase that stands.
  await ok('/v1/grants', { grantId: 'verkeerd', budgetId: 'gr-project-2024', recipientPartyId: 'leverancier-x', programmeId: 'project-p', amount: '3000.00' }, '2024-04-01');
  const wrong = await ok('/v1/grants/verkeerd/payments', { paymentId: 'v1', amount: '3000.00' }, '2024-04-01');
  reversedPaymentPosition = wrong.position;
  await ok(
    '/v1/purchases',
    { purchaseId: 'trajecten-x', budgetId: 'gr-project-2024', supplierPartyId: 'leverancier-x', programmeId: 'project-p', count: 8, unitPrice: '2500.00', targetGroup: 'Statushouders' },
    '2024-04-15',
  );
  await ok('/v1/purchases/trajecten-x/payments', { paymentId: 'p1', amount: '20000.00' }, '2024-05-01');
  await ok('/v1/reversals', { reversalId: 'herstel-v1', streamId: 'grant-verkeerd', eventId: wrong.eventIds[0], reason: 'Betaling dubbel geboekt' }, '2024-05-02');
}, 60_000);
afterAll(() => api.close());

describe('who paid for project P', () => {
  it('draws the earmark first, then the pool pro rata through two levels, to the cent', async () => {
    const cost = (await get(api, '/v1/programmes/project-p/cost')).body;
    expect(cost.realised).toBe('20000.00');
    expect(cost.whoPaid.total).toBe('20000.00');
    // Earmark: 5.000,00 of B. Then 15.000,00 of the project budget's 30.000,00 from the pool,
    // whose composition is A 12.000,00, Rijk 5.142,86, B 8.571,43, C 4.285,71 (largest remainder).
    expect(cost.whoPaid.ultimateFunders).toEqual([
      { partyId: 'gemeente-b', name: 'Partij gemeente-b', amount: '9285.72', share: '46.43' },
      { partyId: 'gemeente-a', name: 'Partij gemeente-a', amount: '6000.00', share: '30.00' },
      { partyId: 'rijk', name: 'Partij rijk', amount: '2571.43', share: '12.86' },
      { partyId: 'gemeente-c', name: 'Partij gemeente-c', amount: '2142.85', share: '10.71' },
    ]);
    expect(cost.whoPaid.directPayers).toEqual([
      expect.objectContaining({ partyId: 'gr-werk', budgetId: 'gr-project-2024', realised: '20000.00' }),
    ]);
    expect(cost.whoPaid.uncovered).toBe('0.00');
    // One budget paid it all: what it paid, by funder, is the whole answer (the diagram's links).
    expect(cost.whoPaid.directPayers[0].funders).toEqual(cost.whoPaid.ultimateFunders);
  });

  it('adds up exactly: amounts to the total, shares to 100.00', async () => {
    const cost = (await get(api, '/v1/programmes/project-p/cost')).body;
    const cents = (s: string) => Math.round(Number(s) * 100);
    const funders = cost.whoPaid.ultimateFunders as { amount: string; share: string }[];
    expect(funders.reduce((sum, f) => sum + cents(f.amount), 0)).toBe(cents(cost.whoPaid.total));
    expect(funders.reduce((sum, f) => sum + cents(f.share), 0)).toBe(10_000);
  });

  it('never counts a transfer as cost: the municipalities moved 75.000,00, the project spent 20.000,00', async () => {
    const cost = (await get(api, '/v1/programmes/project-p/cost')).body;
    expect(cost.committed).toBe('23000.00'); // the purchase, and the grant award that was not reversed
    expect(cost.byKind.grant.realised).toBe('0.00');
  });

  it('showed the reversed payment as of before its reversal, drawn from the earmark first', async () => {
    const before = (await get(api, `/v1/programmes/project-p/cost?asOf=${reversedPaymentPosition}`)).body;
    expect(before.realised).toBe('3000.00');
    expect(before.whoPaid.ultimateFunders).toEqual([
      { partyId: 'gemeente-b', name: 'Partij gemeente-b', amount: '3000.00', share: '100.00' },
    ]);
  });
});
