// What Heerlen spent with its providers, per year, over HTTP: the Heerlen pilot's foundation
// (a grant and a purchase), and ReHa with a framework contract amended in ceiling and term,
// call-offs in two years, a cancelled order, and an average price that rounds half up; and Werkfit,
// paid grants, purchases and expenses of three kinds.
import { startApi, type Harness } from '../support/api-harness';
import { EVERY_KIND_OWNER, EVERY_KIND_PROVIDER, recordEveryKindOfCost } from '../support/every-kind-of-cost';
import { expectCreated, expectProblem, get, post } from '../support/http';
import { loadScenario, recordScenario } from '../support/scenario';

let api: Harness;
let beforeAmendment: number;

const HEERLEN_BUDGET = 'heerlen-maatwerk-reintegratie-2024';
const KERKRADE_BUDGET = 'kerkrade-reintegratie-2025';

async function ok(path: string, body: Record<string, unknown>, effectiveDate: string) {
  return expectCreated(await post(api, path, { effectiveDate, sourceReference: 'dossier provider spend', ...body })) as unknown as {
    position: number;
    eventIds: string[];
  };
}

const purchase = (purchaseId: string, count: number, unitPrice: string, contract?: string) => ({
  purchaseId,
  budgetId: HEERLEN_BUDGET,
  supplierPartyId: 'reha',
  count,
  unitPrice,
  targetGroup: 'Zeer grote afstand tot de arbeidsmarkt',
  ...(contract ? { contractId: contract } : {}),
});

beforeAll(async () => {
  api = await startApi();
  await recordScenario(api, loadScenario('heerlen'));
  await ok('/v1/procurements', { procurementId: 'raam-reha', buyerPartyId: 'gemeente-heerlen', subject: 'Trajecten ReHa', procedure: 'multiple-quote', estimatedValue: '60000.00' }, '2024-06-01');
  const award = await ok('/v1/procurements/raam-reha/contracts', { contractId: 'raam-reha-2024', supplierPartyId: 'reha', ceiling: '60000.00', termStart: '2024-07-01', termEnd: '2025-06-30' }, '2024-06-20');
  beforeAmendment = award.position;
  await ok('/v1/contracts/raam-reha-2024/amendments', { amendmentId: 'verlenging-1', ceiling: '75000.00', termEnd: '2025-12-31', reason: 'Verlenging en verhoging' }, '2024-11-01');
  // 2024: a call-off of 5 × 2.800,00, invoiced in 2024 and paid in 2025; an order cancelled.
  await ok('/v1/purchases', purchase('afroep-2024-1', 5, '2800.00', 'raam-reha-2024'), '2024-09-01');
  await ok('/v1/purchases/afroep-2024-1/invoices', { invoiceId: 'factuur-1', amount: '14000.00' }, '2024-10-01');
  await ok('/v1/purchases/afroep-2024-1/payments', { paymentId: 'betaling-1', amount: '14000.00' }, '2025-01-15');
  await ok('/v1/purchases', purchase('geannuleerd-2024', 2, '3000.00'), '2024-09-15');
  await ok('/v1/purchases/geannuleerd-2024/cancellation', { reason: 'Niet nodig' }, '2024-09-20');
  // 2025: two call-offs adding up to an odd number of cents over two trajectories.
  await ok('/v1/purchases', purchase('afroep-2025-1', 1, '2500.00', 'raam-reha-2024'), '2025-02-01');
  await ok('/v1/purchases', purchase('afroep-2025-2', 1, '2500.01', 'raam-reha-2024'), '2025-03-01');
  // A grant to the vitality foundation, partly reclaimed.
  await ok('/v1/grants', { grantId: 'balans-extra', budgetId: HEERLEN_BUDGET, recipientPartyId: 'stichting-balans-en-vitaliteit', amount: '10000.00' }, '2024-04-01');
  await ok('/v1/grants/balans-extra/payments', { paymentId: 'voorschot', amount: '8000.00' }, '2024-04-15');
  await ok('/v1/grants/balans-extra/reclaims', { reclaimId: 'terug-1', amount: '1000.00', reason: 'Minder deelnemers' }, '2024-12-01');
  // Kerkrade buys from ReHa too, from a budget of its own: 4 × 3.500,00 in 2025.
  await ok('/v1/budgets', { budgetId: KERKRADE_BUDGET, ownerPartyId: 'gemeente-kerkrade', name: 'Kerkrade re-integratie 2025', fiscalYear: 2025, taakveld: '6.4' }, '2025-01-01');
  await ok(`/v1/budgets/${KERKRADE_BUDGET}/fundings`, { fundingId: 'eigen-middelen', source: 'own-means', amount: '20000.00' }, '2025-01-01');
  await ok('/v1/purchases', { ...purchase('kerkrade-reha-2025', 4, '3500.00'), budgetId: KERKRADE_BUDGET }, '2025-04-01');
  await recordEveryKindOfCost(api);
}, 60_000);
afterAll(() => api.close());

describe('GET /v1/providers/{partyId}/spend', () => {
  it('answers the Heerlen pilot foundation: a grant received and a purchase paid without an invoice', async () => {
    const response = await get(api, '/v1/providers/stichting-werkvoorheerlen/spend');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ partyId: 'stichting-werkvoorheerlen', name: 'Stichting WerkvoorHeerlen', kind: 'foundation' });
    expect(response.body.years).toEqual([
      {
        year: 2024,
        contracts: [],
        purchases: {
          count: 1, cancelled: 0, trajectories: 1, committed: '50000.00', averagePricePerTrajectory: '50000.00', invoiced: '0.00', paid: '50000.00',
          byUnit: [{ unit: 'trajectory', orders: 1, quantity: 1, committed: '50000.00', averagePrice: '50000.00' }],
        },
        grants: { count: 1, awarded: '100000.00', paid: '100000.00', reclaimed: '0.00' },
        expenses: { committed: '0.00', invoiced: '0.00', paid: '0.00', byKind: {} },
      },
    ]);
  });

  it('answers what Heerlen spent with ReHa per year: the contract after amendments, call-offs, a cancelled order, invoices and payments in their own year', async () => {
    const { years, buyerPartyId } = (await get(api, '/v1/providers/reha/spend?buyer=gemeente-heerlen')).body;
    expect(buyerPartyId).toBe('gemeente-heerlen');
    expect(years.map((y: { year: number }) => y.year)).toEqual([2024, 2025]);
    const contract = {
      contractId: 'raam-reha-2024',
      procurementId: 'raam-reha',
      buyerPartyId: 'gemeente-heerlen',
      procedure: 'multiple-quote',
      ceiling: '75000.00',
      awardedCeiling: '60000.00',
      termStart: '2024-07-01',
      termEnd: '2025-12-31',
      optionMonths: 0,
      awardedOn: '2024-06-20',
      endedOn: null,
    };
    expect(years[0]).toEqual({
      year: 2024,
      contracts: [{ ...contract, calledOff: '14000.00' }],
      // 10 × 3.000,00 (scenario) + 5 × 2.800,00; the cancelled order commits nothing.
      purchases: {
        count: 3, cancelled: 1, trajectories: 15, committed: '44000.00', averagePricePerTrajectory: '2933.33', invoiced: '14000.00', paid: '0.00',
        byUnit: [{ unit: 'trajectory', orders: 3, quantity: 15, committed: '44000.00', averagePrice: '2933.33' }],
      },
      grants: { count: 0, awarded: '0.00', paid: '0.00', reclaimed: '0.00' },
      expenses: { committed: '0.00', invoiced: '0.00', paid: '0.00', byKind: {} },
    });
    expect(years[1]).toEqual({
      year: 2025,
      contracts: [{ ...contract, calledOff: '5000.01' }],
      // 5.000,01 ÷ 2 = 2.500,005: half up to 2.500,01 (half-even or truncation would give 2.500,00).
      purchases: {
        count: 2, cancelled: 0, trajectories: 2, committed: '5000.01', averagePricePerTrajectory: '2500.01', invoiced: '0.00', paid: '14000.00',
        byUnit: [{ unit: 'trajectory', orders: 2, quantity: 2, committed: '5000.01', averagePrice: '2500.01' }],
      },
      grants: { count: 0, awarded: '0.00', paid: '0.00', reclaimed: '0.00' },
      expenses: { committed: '0.00', invoiced: '0.00', paid: '0.00', byKind: {} },
    });
  });

  it('answers every kind of cost paid to a provider: a purchase, a grant, and expenses by kind with what was committed, invoiced and paid', async () => {
    const spend = (await get(api, `/v1/providers/${EVERY_KIND_PROVIDER}/spend?year=2024`)).body;
    expect(spend.years).toEqual([
      {
        year: 2024,
        contracts: [],
        purchases: {
          count: 1, cancelled: 0, trajectories: 3, committed: '4500.00', averagePricePerTrajectory: '1500.00', invoiced: '1500.00', paid: '1500.00',
          byUnit: [{ unit: 'trajectory', orders: 1, quantity: 3, committed: '4500.00', averagePrice: '1500.00' }],
        },
        grants: { count: 1, awarded: '10000.00', paid: '4000.00', reclaimed: '0.00' },
        // Four booking lines of hired staff, operating costs part invoiced and paid, a wage-cost subsidy part paid.
        expenses: {
          committed: '10200.00',
          invoiced: '800.00',
          paid: '6700.00',
          byKind: {
            'hired-staff': { committed: '5200.00', invoiced: '0.00', paid: '5200.00' },
            operating: { committed: '2000.00', invoiced: '800.00', paid: '500.00' },
            'wage-cost-subsidy': { committed: '3000.00', invoiced: '0.00', paid: '1000.00' },
          },
        },
      },
    ]);
    // In the order the ledger names its kinds of cost everywhere.
    expect(Object.keys(spend.years[0].expenses.byKind)).toEqual(['hired-staff', 'operating', 'wage-cost-subsidy']);
    // What the buyer paid is all of it: nobody else paid Werkfit.
    expect((await get(api, `/v1/providers/${EVERY_KIND_PROVIDER}/spend?year=2024&buyer=${EVERY_KIND_OWNER}`)).body.years).toEqual(spend.years);
  });

  it('answers one year with year=', async () => {
    const { years } = (await get(api, '/v1/providers/reha/spend?year=2025&buyer=gemeente-heerlen')).body;
    expect(years).toHaveLength(1);
    expect(years[0]).toMatchObject({ year: 2025, purchases: { committed: '5000.01' } });
    expect((await get(api, '/v1/providers/reha/spend?year=2019')).body.years).toEqual([]);
  });

  it('answers for every buyer, one buyer, or one budget: what each paid the same provider, and its own average price', async () => {
    const everyone = (await get(api, '/v1/providers/reha/spend?year=2025')).body;
    expect(everyone.buyerPartyId).toBeNull();
    // Heerlen's 5.000,01 for 2 and Kerkrade's 14.000,00 for 4: 19.000,01 ÷ 6 = 3.166,668… → 3.166,67.
    expect(everyone.years[0].purchases).toMatchObject({ count: 3, trajectories: 6, committed: '19000.01', averagePricePerTrajectory: '3166.67' });
    const kerkrade = (await get(api, '/v1/providers/reha/spend?year=2025&buyer=gemeente-kerkrade')).body;
    expect(kerkrade.years[0].purchases).toMatchObject({ count: 1, trajectories: 4, committed: '14000.00', averagePricePerTrajectory: '3500.00' });
    // Heerlen's contract is not Kerkrade's.
    expect(kerkrade.years[0].contracts).toEqual([]);
    const byBudget = (await get(api, `/v1/providers/reha/spend?budget=${KERKRADE_BUDGET}`)).body;
    expect(byBudget.budgetId).toBe(KERKRADE_BUDGET);
    expect(byBudget.years.map((y: { year: number }) => y.year)).toEqual([2025]);
    expect(byBudget.years[0].purchases).toMatchObject({ count: 1, committed: '14000.00' });
    const heerlenBudget = (await get(api, `/v1/providers/reha/spend?budget=${HEERLEN_BUDGET}&year=2024`)).body;
    expect(heerlenBudget.years[0].purchases).toMatchObject({ count: 3, committed: '44000.00' });
    // A buyer that bought nothing from ReHa: no years with spending, contracts of others left out.
    expect((await get(api, '/v1/providers/reha/spend?buyer=gemeente-landgraaf')).body.years.every((y: { purchases: { count: number } }) => y.purchases.count === 0)).toBe(true);
    await expectProblem(await get(api, '/v1/providers/reha/spend?buyer=Not%20An%20Id'), 400, 'validation');
    // A buyer or budget the ledger does not know is a 404, not an empty answer as if nothing was bought.
    await expectProblem(await get(api, '/v1/providers/reha/spend?buyer=gemeente-onbekend'), 404, 'not-found');
    await expectProblem(await get(api, '/v1/providers/reha/spend?budget=begroting-onbekend'), 404, 'not-found');
  });

  it('names the findings that touch the provider', async () => {
    const { findings } = (await get(api, '/v1/providers/stichting-werkvoorheerlen/spend')).body;
    // The pilot's purchase was paid without an invoice (the scenario's one irregularity).
    expect(findings.count).toBeGreaterThan(0);
    expect(findings.findings.map((f: { entity: { streamId: string } }) => f.entity.streamId)).toContain('purchase-heerlen-pilot-werkvoorheerlen-2024');
    expect((await get(api, '/v1/providers/reha/spend')).body.findings).toMatchObject({ count: expect.any(Number), byKind: expect.any(Object) });
  });

  it('answers grants received, with payments and reclaims in their year', async () => {
    const { years } = (await get(api, '/v1/providers/stichting-balans-en-vitaliteit/spend')).body;
    expect(years).toEqual([
      expect.objectContaining({
        year: 2024,
        purchases: expect.objectContaining({ count: 1, trajectories: 10, committed: '25000.00', averagePricePerTrajectory: '2500.00' }),
        grants: { count: 1, awarded: '10000.00', paid: '8000.00', reclaimed: '1000.00' },
      }),
    ]);
  });

  it('shows the contract as it stood before its amendment with asOf, and only what was effective with on', async () => {
    const then = (await get(api, `/v1/providers/reha/spend?asOf=${beforeAmendment}`)).body;
    expect(then.asOf).toBe(String(beforeAmendment));
    expect(then.journal.position).toBe(beforeAmendment);
    expect(then.years.map((y: { year: number }) => y.year)).toEqual([2024, 2025]);
    expect(then.years[0].contracts[0]).toMatchObject({ ceiling: '60000.00', termEnd: '2025-06-30', calledOff: '0.00' });
    expect(then.years[0].purchases).toMatchObject({ count: 1, trajectories: 10, committed: '30000.00' });
    const onDate = (await get(api, '/v1/providers/reha/spend?on=2024-12-31')).body;
    expect(onDate.on).toBe('2024-12-31');
    expect(onDate.years[0].purchases.paid).toBe('0.00');
    expect(onDate.years[1].purchases).toMatchObject({ count: 0, paid: '0.00' });
  });

  it('names the journal position and digest it was computed at', async () => {
    const [spend, digest] = await Promise.all([get(api, '/v1/providers/reha/spend'), get(api, '/v1/journal/digest')]);
    expect(spend.body.journal).toMatchObject({ position: digest.body.headPosition, treeSize: digest.body.treeSize, rootHash: digest.body.rootHash });
  });

  it('lists the events behind each figure with explain=true', async () => {
    const { evidence } = (await get(api, '/v1/providers/reha/spend?explain=true&year=2024')).body;
    expect(Object.keys(evidence).every((figure) => figure.startsWith('2024.'))).toBe(true);
    expect(evidence['2024.contracts'].map((e: { type: string }) => e.type)).toEqual(['ContractAwarded', 'ContractAmended']);
    expect(evidence['2024.contracts'][0].streamId).toBe('procurement-raam-reha');
    expect(evidence['2024.invoiced']).toEqual([expect.objectContaining({ type: 'PurchaseInvoiced', streamId: 'purchase-afroep-2024-1', hash: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    expect(evidence['2024.purchases'].map((e: { type: string }) => e.type).sort()).toEqual(['PurchaseCancelled', 'TrajectoriesPurchased', 'TrajectoriesPurchased', 'TrajectoriesPurchased']);
  });

  it('drops a reversed contract award', async () => {
    await ok('/v1/procurements', { procurementId: 'raam-tijdelijk', buyerPartyId: 'gemeente-heerlen', subject: 'X', procedure: 'single-quote', estimatedValue: '1000.00' }, '2024-06-01');
    const award = await ok('/v1/procurements/raam-tijdelijk/contracts', { contractId: 'raam-tijdelijk-2024', supplierPartyId: 'reha', ceiling: '1000.00', termStart: '2024-07-01', termEnd: '2024-12-31' }, '2024-06-20');
    const ids = async () => (await get(api, '/v1/providers/reha/spend?year=2024')).body.years[0].contracts.map((c: { contractId: string }) => c.contractId);
    expect(await ids()).toEqual(['raam-reha-2024', 'raam-tijdelijk-2024']);
    await ok('/v1/reversals', { reversalId: 'geen-gunning', streamId: 'procurement-raam-tijdelijk', eventId: award.eventIds[0], reason: 'Gunning ingetrokken' }, '2024-06-21');
    expect(await ids()).toEqual(['raam-reha-2024']);
  });

  it('prices a trajectory by the orders that count one: a cancelled order that paid for work done counts no trajectories, nor its money in the price', async () => {
    await ok('/v1/parties', { partyId: 'traject-bv', name: 'Traject BV', kind: 'company' }, '2024-01-01');
    await ok('/v1/purchases', { ...purchase('traject-bv-1', 4, '2500.00'), supplierPartyId: 'traject-bv' }, '2024-03-01');
    await ok('/v1/purchases', { ...purchase('traject-bv-2', 2, '3000.00'), supplierPartyId: 'traject-bv' }, '2024-03-02');
    await ok('/v1/purchases/traject-bv-2/invoices', { invoiceId: 'factuur-t2', amount: '3000.00' }, '2024-04-01');
    await ok('/v1/purchases/traject-bv-2/payments', { paymentId: 'betaling-t2', amount: '3000.00' }, '2024-04-15');
    await ok('/v1/purchases/traject-bv-2/cancellation', { reason: 'Tweede traject niet gestart' }, '2024-05-01');
    const [year] = (await get(api, '/v1/providers/traject-bv/spend?year=2024')).body.years;
    // Committed: 4 × 2.500,00 and the 3.000,00 still owed on the cancelled order; the price per
    // trajectory is of the order that counts its four: 10.000,00 ÷ 4, not 13.000,00 ÷ 4.
    expect(year.purchases).toMatchObject({ count: 2, cancelled: 1, trajectories: 4, committed: '13000.00', averagePricePerTrajectory: '2500.00', paid: '3000.00' });
    expect(year.purchases.byUnit).toEqual([{ unit: 'trajectory', orders: 2, quantity: 4, committed: '13000.00', averagePrice: '2500.00' }]);
  });

  it('refuses an unknown party with 404 and a malformed year with 400', async () => {
    expectProblem(await get(api, '/v1/providers/onbekende-partij/spend'), 404, 'not-found');
    expectProblem(await get(api, '/v1/providers/reha/spend?asOf=2000-01-01'), 404, 'not-found');
    expectProblem(await get(api, '/v1/providers/reha/spend?year=twenty'), 400, 'validation');
    expectProblem(await get(api, '/v1/providers/reha/spend?year=2024.5'), 400, 'validation');
    expectProblem(await get(api, '/v1/providers/Reha!/spend'), 400, 'validation');
    expectProblem(await get(api, '/v1/providers/reha/spend?colour=blue'), 400, 'validation');
  });
});
