// A programme charged with every kind of cost but two, most of it paid to one provider: a grant, a
// purchase, and expenses of four kinds (hired staff as four booking lines, as an import records
// them), some paid in part. Its own municipality and budget, so nothing else a spec reads moves.
import type { Harness } from './api-harness';
import { MoneyFlows } from './money-flows';

export const EVERY_KIND_OWNER = 'gemeente-vaals';
export const EVERY_KIND_PROVIDER = 'werkfit-bv';
export const EVERY_KIND_BUDGET = 'vaals-participatie-2024';
export const EVERY_KIND_PROGRAMME = 'werkfit-vaals-2024';

/**
 * The programme's cost, kind by kind (count, committed, obligo, realised):
 * grant 1, 10.000,00 of which 4.000,00 paid; purchase 1 (3 trajectories), 4.500,00 of which
 * 1.500,00 paid; own staff 1, 2.500,00 booked; hired staff 4, 5.200,00 booked; operating 1,
 * 2.000,00 of which 800,00 invoiced and 500,00 paid; wage-cost subsidy 1, 3.000,00 of which
 * 1.000,00 paid. In all 27.200,00 committed, 14.700,00 realised, 12.500,00 obligo. Everything but
 * the own staff is paid to Werkfit BV.
 */
export async function recordEveryKindOfCost(api: Harness): Promise<void> {
  const flows = new MoneyFlows(api, 'Administratie Vaals 2024');
  const [owner, provider, budget, programmeId] = [EVERY_KIND_OWNER, EVERY_KIND_PROVIDER, EVERY_KIND_BUDGET, EVERY_KIND_PROGRAMME];
  await flows.party(owner, 'Gemeente Vaals', 'municipality');
  await flows.party(provider, 'Werkfit BV', 'company');
  await flows.budget(budget, owner, 2024, '6.5');
  await flows.fund(budget, 'eigen-middelen', '100000.00', '2024-01-02');
  await flows.programme(programmeId, owner, 'Werkfit Vaals', '2024-01-10');
  const charge = { programmeId };

  await flows.grant('werkfit-vaals-subsidie', budget, provider, '10000.00', '2024-01-15', undefined, charge);
  await flows.payGrant('werkfit-vaals-subsidie', 'voorschot-1', '4000.00', '2024-02-01');
  await flows.purchase('werkfit-vaals-trajecten', budget, provider, 3, '1500.00', '2024-01-20', undefined, charge);
  await flows.invoicePurchase('werkfit-vaals-trajecten', 'factuur-1', '1500.00', '2024-03-01');
  await flows.payPurchase('werkfit-vaals-trajecten', 'betaling-1', '1500.00', '2024-03-15');
  await flows.bookExpense('werkfit-vaals-personeel', 'maart', 'personnel', budget, owner, '2500.00', '2024-03-25', charge);
  for (const [month, date] of [['januari', '2024-01-31'], ['februari', '2024-02-29'], ['maart', '2024-03-31'], ['april', '2024-04-30']]) {
    await flows.bookExpense(`werkfit-vaals-inhuur-${month}`, 'boekingsregel', 'hired-staff', budget, provider, '1300.00', date, charge);
  }
  await flows.commitExpense('werkfit-vaals-werkplekken', 'operating', budget, provider, '2000.00', '2024-02-01', charge);
  await flows.invoiceExpense('werkfit-vaals-werkplekken', 'factuur-1', '800.00', '2024-03-01');
  await flows.payExpense('werkfit-vaals-werkplekken', 'betaling-1', '500.00', '2024-03-15');
  await flows.commitExpense('werkfit-vaals-lks-q1', 'wage-cost-subsidy', budget, provider, '3000.00', '2024-01-05', { ...charge, period: { from: '2024-01-01', to: '2024-03-31' } });
  await flows.payExpense('werkfit-vaals-lks-q1', 'betaling-1', '1000.00', '2024-04-05');
}
