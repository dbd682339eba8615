// Recording money through the API in the domain's words: parties, budgets and their inflows,
// amendments, lines and transfers, grants, purchases and expenses with their payments, and reversals.
// Amounts are euro strings as on the wire; every helper fails the test when refused.
import type { Harness } from './api-harness';
import { expectCreated, post } from './http';

export interface Recorded {
  readonly id: string;
  readonly streamId: string;
  readonly position: number;
  readonly eventIds: string[];
}

/** What an expense may name besides its budget and payee. */
export interface ExpenseExtras {
  readonly budgetLineId?: string;
  readonly programmeId?: string;
  readonly period?: { readonly from: string; readonly to: string };
}

export class MoneyFlows {
  constructor(
    private readonly api: Harness,
    private readonly sourceReference = 'Testdossier geldstromen',
  ) {}

  party(partyId: string, name: string, kind: string): Promise<Recorded> {
    return this.ok('/v1/parties', { partyId, name, kind, effectiveDate: '2023-01-01' });
  }

  budget(budgetId: string, ownerPartyId: string, fiscalYear: number, taakveld = '6.4'): Promise<Recorded> {
    return this.ok('/v1/budgets', { budgetId, ownerPartyId, name: `Budget ${budgetId}`, fiscalYear, taakveld, effectiveDate: `${fiscalYear}-01-01` });
  }

  /** Own means unless a funder other than the owner is named; `extra`: a regulation code, an earmark. */
  fund(budgetId: string, fundingId: string, amount: string, effectiveDate: string, funderPartyId?: string, extra: { regulationCode?: string; earmarkProgrammeId?: string } = {}): Promise<Recorded> {
    const source = funderPartyId ? { source: 'outside-funder', funderPartyId } : { source: 'own-means' };
    return this.ok(`/v1/budgets/${budgetId}/fundings`, { fundingId, ...source, amount, effectiveDate, ...extra });
  }

  programme(programmeId: string, ownerPartyId: string, name: string, effectiveDate: string): Promise<Recorded> {
    return this.ok('/v1/programmes', { programmeId, ownerPartyId, name, effectiveDate });
  }

  enrol(programmeId: string, enrolmentId: string, count: number, effectiveDate: string): Promise<Recorded> {
    return this.ok(`/v1/programmes/${programmeId}/participants`, { enrolmentId, count, effectiveDate });
  }

  outcomes(programmeId: string, outcomeId: string, kind: 'work' | 'education' | 'other', count: number, effectiveDate: string): Promise<Recorded> {
    return this.ok(`/v1/programmes/${programmeId}/outcomes`, { outcomeId, kind, count, effectiveDate });
  }

  amend(budgetId: string, amendmentId: string, amount: string, effectiveDate: string): Promise<Recorded> {
    return this.ok(`/v1/budgets/${budgetId}/amendments`, { amendmentId, amount, reason: 'Begrotingswijziging', effectiveDate });
  }

  allocate(budgetId: string, lineId: string, description: string, amount: string, effectiveDate: string): Promise<Recorded> {
    return this.ok(`/v1/budgets/${budgetId}/allocations`, { lineId, description, amount, effectiveDate });
  }

  transfer(budgetId: string, transferId: string, toBudgetId: string, amount: string, effectiveDate: string): Promise<Recorded> {
    return this.ok(`/v1/budgets/${budgetId}/transfers`, { transferId, toBudgetId, amount, effectiveDate });
  }

  grant(grantId: string, budgetId: string, recipientPartyId: string, amount: string, effectiveDate: string, line?: string, extra: { programmeId?: string } = {}): Promise<Recorded> {
    return this.ok('/v1/grants', { grantId, budgetId, recipientPartyId, amount, effectiveDate, ...(line ? { budgetLineId: line } : {}), ...extra });
  }

  payGrant(grantId: string, paymentId: string, amount: string, effectiveDate: string): Promise<Recorded> {
    return this.ok(`/v1/grants/${grantId}/payments`, { paymentId, amount, effectiveDate });
  }

  reclaim(grantId: string, reclaimId: string, amount: string, effectiveDate: string): Promise<Recorded> {
    return this.ok(`/v1/grants/${grantId}/reclaims`, { reclaimId, amount, reason: 'Te veel betaald', effectiveDate });
  }

  /** A settlement below what was paid carries the reclaim of the difference. */
  settle(grantId: string, settledAmount: string, effectiveDate: string, reclaim?: string): Promise<Recorded> {
    return this.ok(`/v1/grants/${grantId}/settlement`, {
      settlementId: 'vaststelling',
      settledAmount,
      effectiveDate,
      ...(reclaim ? { reclaim: { reclaimId: 'terugvordering-vaststelling', amount: reclaim, reason: 'Lager vastgesteld' } } : {}),
    });
  }

  purchase(purchaseId: string, budgetId: string, supplierPartyId: string, count: number, unitPrice: string, effectiveDate: string, line?: string, extra: { programmeId?: string; unit?: string } = {}): Promise<Recorded> {
    return this.ok('/v1/purchases', {
      purchaseId, budgetId, supplierPartyId, count, unitPrice, targetGroup: 'Grote afstand tot de arbeidsmarkt', effectiveDate,
      ...(line ? { budgetLineId: line } : {}),
      ...extra,
    });
  }

  invoicePurchase(purchaseId: string, invoiceId: string, amount: string, effectiveDate: string): Promise<Recorded> {
    return this.ok(`/v1/purchases/${purchaseId}/invoices`, { invoiceId, amount, effectiveDate });
  }

  payPurchase(purchaseId: string, paymentId: string, amount: string, effectiveDate: string): Promise<Recorded> {
    return this.ok(`/v1/purchases/${purchaseId}/payments`, { paymentId, amount, effectiveDate });
  }

  /** An expense committed, to be invoiced and paid; `charge` names its line, programme or period. */
  commitExpense(expenseId: string, kind: string, budgetId: string, payeePartyId: string, amount: string, effectiveDate: string, charge: ExpenseExtras = {}): Promise<Recorded> {
    return this.ok('/v1/expenses', { expenseId, kind, budgetId, payeePartyId, description: `Uitgave ${expenseId}`, amount, effectiveDate, ...charge });
  }

  /** An expense booked as incurred: committed and paid at once. */
  bookExpense(expenseId: string, bookingId: string, kind: string, budgetId: string, payeePartyId: string, amount: string, effectiveDate: string, charge: ExpenseExtras = {}): Promise<Recorded> {
    return this.ok('/v1/expenses', { expenseId, bookingId, kind, budgetId, payeePartyId, description: `Uitgave ${expenseId}`, amount, effectiveDate, ...charge });
  }

  addBooking(expenseId: string, bookingId: string, amount: string, effectiveDate: string, period?: { from: string; to: string }): Promise<Recorded> {
    return this.ok(`/v1/expenses/${expenseId}/bookings`, { bookingId, description: `Boeking ${bookingId}`, amount, effectiveDate, ...(period ? { period } : {}) });
  }

  invoiceExpense(expenseId: string, invoiceId: string, amount: string, effectiveDate: string): Promise<Recorded> {
    return this.ok(`/v1/expenses/${expenseId}/invoices`, { invoiceId, amount, effectiveDate });
  }

  payExpense(expenseId: string, paymentId: string, amount: string, effectiveDate: string): Promise<Recorded> {
    return this.ok(`/v1/expenses/${expenseId}/payments`, { paymentId, amount, effectiveDate });
  }

  cancelExpense(expenseId: string, effectiveDate: string): Promise<Recorded> {
    return this.ok(`/v1/expenses/${expenseId}/cancellation`, { reason: 'Niet meer nodig', effectiveDate });
  }

  reverse(reversalId: string, streamId: string, eventId: string, effectiveDate: string): Promise<Recorded> {
    return this.ok('/v1/reversals', { reversalId, streamId, eventId, reason: 'Verkeerd geboekt', effectiveDate });
  }

  private async ok(path: string, body: Record<string, unknown>): Promise<Recorded> {
    return expectCreated(await post(this.api, path, { sourceReference: this.sourceReference, ...body })) as unknown as Recorded;
  }
}
