// One party's books, built through the API, and every command endpoint as a request in them:
// the common ground of the authorization matrix and the hostile-input tests.
import type { Harness } from './api-harness';
import { expectCreated, fresh, post } from './http';

export const ON = { effectiveDate: '2024-03-01', sourceReference: 'besluit 2024-1' };

/** One party's books: a budget, programme, grant, procurement with contract, purchase and expenses. */
export interface Books {
  party: string;
  budget: string;
  programme: string;
  grant: string;
  procurement: string;
  contract: string;
  purchase: string;
  /** Committed (hired staff), to be invoiced and paid. */
  expense: string;
  /** Opened by a booking (own staff). */
  bookedExpense: string;
  allocationEventId: string;
}

export const SUPPLIER = 'leverancier-matrix';

export async function books(api: Harness, party: string): Promise<Books> {
  const id = fresh(party);
  const ok = async (path: string, body: Record<string, unknown>) => expectCreated(await post(api, path, { ...ON, ...body }));
  const b = { party, budget: `b-${id}`, programme: `p-${id}`, grant: `g-${id}`, procurement: `i-${id}`, contract: `c-${id}`, purchase: `a-${id}`, expense: `e-${id}`, bookedExpense: `eb-${id}` };
  await ok('/v1/budgets', { budgetId: b.budget, ownerPartyId: party, name: 'Re-integratie', fiscalYear: 2024, taakveld: '6.4' });
  await ok(`/v1/budgets/${b.budget}/fundings`, { fundingId: 'f1', source: 'own-means', amount: '100000.00' });
  const allocation = await ok(`/v1/budgets/${b.budget}/allocations`, { lineId: 'l1', description: 'Trajecten', amount: '1000.00' });
  await ok('/v1/programmes', { programmeId: b.programme, ownerPartyId: party, name: 'Pilot' });
  await ok('/v1/grants', { grantId: b.grant, budgetId: b.budget, recipientPartyId: SUPPLIER, programmeId: b.programme, amount: '1000.00' });
  await ok(`/v1/grants/${b.grant}/payments`, { paymentId: 'voorschot', amount: '500.00' });
  await ok('/v1/procurements', { procurementId: b.procurement, buyerPartyId: party, subject: 'Trajecten', procedure: 'multiple-quote', estimatedValue: '20000.00' });
  await ok(`/v1/procurements/${b.procurement}/contracts`, { contractId: b.contract, supplierPartyId: SUPPLIER, ceiling: '20000.00', termStart: '2024-03-01', termEnd: '2024-12-31' });
  await ok('/v1/purchases', { purchaseId: b.purchase, budgetId: b.budget, supplierPartyId: SUPPLIER, count: 2, unitPrice: '2000.00', targetGroup: 'Grote afstand tot de arbeidsmarkt' });
  await ok('/v1/expenses', { expenseId: b.expense, kind: 'hired-staff', budgetId: b.budget, payeePartyId: SUPPLIER, description: 'Inhuur jobcoach', amount: '1000.00' });
  await ok('/v1/expenses', { expenseId: b.bookedExpense, bookingId: 'januari', kind: 'personnel', budgetId: b.budget, payeePartyId: party, description: 'Salarissen', amount: '500.00' });
  return { ...b, allocationEventId: (allocation as unknown as { eventIds: string[] }).eventIds[0] };
}

/** Every command endpoint, as a request in the books of one party. */
export const COMMANDS: Record<string, (b: Books, n: string, other: Books) => [string, Record<string, unknown>]> = {
  'POST /v1/budgets': (b, n) => ['/v1/budgets', { budgetId: `nb-${n}`, ownerPartyId: b.party, name: 'Nieuw', fiscalYear: 2024, taakveld: '6.4' }],
  'POST /v1/budgets/{id}/fundings': (b, n) => [`/v1/budgets/${b.budget}/fundings`, { fundingId: `f-${n}`, source: 'own-means', amount: '10.00' }],
  'POST /v1/budgets/{id}/amendments': (b, n) => [`/v1/budgets/${b.budget}/amendments`, { amendmentId: `m-${n}`, amount: '-10.00', reason: 'Bijstelling' }],
  'POST /v1/budgets/{id}/allocations': (b, n) => [`/v1/budgets/${b.budget}/allocations`, { lineId: `l-${n}`, description: 'Lijn', amount: '10.00' }],
  'POST /v1/budgets/{id}/transfers': (b, n, other) => [`/v1/budgets/${b.budget}/transfers`, { transferId: `t-${n}`, toBudgetId: other.budget, amount: '10.00' }],
  'POST /v1/programmes': (b, n) => ['/v1/programmes', { programmeId: `np-${n}`, ownerPartyId: b.party, name: 'Nieuw' }],
  'POST /v1/programmes/{id}/participants': (b, n) => [`/v1/programmes/${b.programme}/participants`, { enrolmentId: `e-${n}`, count: 3 }],
  'POST /v1/programmes/{id}/outcomes': (b, n) => [`/v1/programmes/${b.programme}/outcomes`, { outcomeId: `o-${n}`, kind: 'work', count: 1 }],
  'POST /v1/programmes/{id}/end': (b) => [`/v1/programmes/${b.programme}/end`, { reason: 'Afgerond', continued: false }],
  'POST /v1/grants': (b, n) => ['/v1/grants', { grantId: `ng-${n}`, budgetId: b.budget, recipientPartyId: SUPPLIER, amount: '10.00' }],
  'POST /v1/grants/{id}/payments': (b, n) => [`/v1/grants/${b.grant}/payments`, { paymentId: `v-${n}`, amount: '10.00' }],
  'POST /v1/grants/{id}/settlement': (b, n) => [`/v1/grants/${b.grant}/settlement`, { settlementId: `s-${n}`, settledAmount: '1000.00' }],
  'POST /v1/grants/{id}/reclaims': (b, n) => [`/v1/grants/${b.grant}/reclaims`, { reclaimId: `r-${n}`, amount: '10.00', reason: 'Te veel' }],
  'POST /v1/grants/{id}/withdrawal': (b, n) => [`/v1/grants/${b.grant}/withdrawal`, { withdrawalId: `w-${n}`, reason: 'Ingetrokken' }],
  'POST /v1/procurements': (b, n) => ['/v1/procurements', { procurementId: `ni-${n}`, buyerPartyId: b.party, subject: 'X', procedure: 'single-quote', estimatedValue: '10.00' }],
  'POST /v1/procurements/{id}/contracts': (b, n) => [`/v1/procurements/${b.procurement}/contracts`, { contractId: `nc-${n}`, supplierPartyId: SUPPLIER, ceiling: '100.00', termStart: '2024-03-01', termEnd: '2024-12-31' }],
  'POST /v1/contracts/{id}/amendments': (b, n) => [`/v1/contracts/${b.contract}/amendments`, { amendmentId: `ca-${n}`, ceiling: '25000.00', reason: 'Verhoging' }],
  'POST /v1/contracts/{id}/end': (b) => [`/v1/contracts/${b.contract}/end`, { reason: 'Einde looptijd' }],
  'POST /v1/purchases': (b, n) => ['/v1/purchases', { purchaseId: `na-${n}`, budgetId: b.budget, supplierPartyId: SUPPLIER, count: 1, unitPrice: '10.00', targetGroup: 'Jongeren' }],
  'POST /v1/purchases/{id}/invoices': (b, n) => [`/v1/purchases/${b.purchase}/invoices`, { invoiceId: `fa-${n}`, amount: '10.00' }],
  'POST /v1/purchases/{id}/payments': (b, n) => [`/v1/purchases/${b.purchase}/payments`, { paymentId: `pa-${n}`, amount: '10.00' }],
  'POST /v1/purchases/{id}/cancellation': (b) => [`/v1/purchases/${b.purchase}/cancellation`, { reason: 'Geannuleerd' }],
  'POST /v1/expenses': (b, n) => ['/v1/expenses', { expenseId: `ne-${n}`, kind: 'operating', budgetId: b.budget, payeePartyId: SUPPLIER, description: 'Werkplekken', amount: '10.00' }],
  'POST /v1/expenses (booked)': (b, n) => ['/v1/expenses', { expenseId: `neb-${n}`, bookingId: 'b1', kind: 'personnel', budgetId: b.budget, payeePartyId: b.party, description: 'Salarissen', amount: '10.00' }],
  'POST /v1/expenses/{id}/bookings': (b, n) => [`/v1/expenses/${b.bookedExpense}/bookings`, { bookingId: `eb-${n}`, description: 'Salarissen', amount: '10.00' }],
  'POST /v1/expenses/{id}/commitments': (b, n) => [`/v1/expenses/${b.expense}/commitments`, { commitmentId: `ec-${n}`, description: 'Meerwerk', amount: '10.00' }],
  'POST /v1/expenses/{id}/invoices': (b, n) => [`/v1/expenses/${b.expense}/invoices`, { invoiceId: `fe-${n}`, amount: '10.00' }],
  'POST /v1/expenses/{id}/payments': (b, n) => [`/v1/expenses/${b.expense}/payments`, { paymentId: `pe-${n}`, amount: '10.00' }],
  'POST /v1/expenses/{id}/cancellation': (b) => [`/v1/expenses/${b.expense}/cancellation`, { reason: 'Geannuleerd' }],
  'POST /v1/reversals': (b, n) => ['/v1/reversals', { reversalId: `x-${n}`, streamId: `budget-${b.budget}`, eventId: b.allocationEventId, reason: 'Verkeerd geboekt' }],
};

