// What the journal shows and filters each event by, beside its type, stream and dates: the amount
// it names, the party on the other side, and the budget and programme it is charged to or serves.
// Kept in the facts table as columns, so the journal's filters are SQL over indexed columns and
// never a parse of every event's JSON. One exhaustive switch: a new event type must say its facets.
// An event that names only its entity (a cancellation, a withdrawal, a contract's end) takes them
// from the entity as it stands; a reversal from the event it takes back: a journal filtered by a
// programme, budget or party then shows the correction beside what it corrects.
import { assertNever, type LedgerFact } from '../model/ledger-fact';

export interface JournalFacets {
  /** The amount the event is about, in cents (signed for an amendment); null when it names none. */
  readonly amountCents: number | null;
  /**
   * The party the event names beside the budget: the funder of a funding, the recipient, supplier
   * or payee paid, the buyer of a procurement, the owner of a budget or programme, a party itself.
   */
  readonly counterpartyId: string | null;
  readonly budgetId: string | null;
  readonly programmeId: string | null;
}

const NONE: JournalFacets = { amountCents: null, counterpartyId: null, budgetId: null, programmeId: null };

function facets(amountCents: number | null, counterpartyId: string | null, charge: { budgetId?: string; programmeId?: string } = {}): JournalFacets {
  return { amountCents, counterpartyId, budgetId: charge.budgetId ?? null, programmeId: charge.programmeId ?? null };
}

/** What the writer knows when the event comes: its entity's charge, and the facets of the event a reversal names. */
export interface FacetSources {
  /** The budget, programme and party of a grant, purchase or expense, or a contract's supplier. */
  entity(unitId: string): { readonly budgetId: string | null; readonly programmeId: string | null; readonly partyId: string | null } | undefined;
  /** The facets of the event `eventId` names on `streamId` (the event itself, or on a mirror's stream its mirror). */
  reversed(eventId: string, streamId: string): JournalFacets | undefined;
}

function ofEntity(sources: FacetSources, unitId: string): JournalFacets {
  const entity = sources.entity(unitId);
  return entity ? { amountCents: null, counterpartyId: entity.partyId, budgetId: entity.budgetId, programmeId: entity.programmeId } : NONE;
}

export function journalFacetsOf(fact: LedgerFact, sources: FacetSources): JournalFacets {
  switch (fact.type) {
    case 'PartyRegistered':
      return facets(null, fact.data.partyId);
    case 'BudgetOpened':
      return facets(null, fact.data.ownerPartyId, fact.data);
    case 'BudgetFunded':
      return facets(fact.data.amountCents, fact.data.funderPartyId, { budgetId: fact.data.budgetId, programmeId: fact.data.earmarkProgrammeId });
    case 'BudgetAmended':
    case 'BudgetAllocated':
      return facets(fact.data.amountCents, null, fact.data);
    case 'BudgetTransferredOut':
    case 'BudgetTransferredIn':
      return facets(fact.data.amountCents, null, { budgetId: fact.data.budgetId, programmeId: fact.data.earmarkProgrammeId });
    case 'ProgrammeLaunched':
      return facets(null, fact.data.ownerPartyId, fact.data);
    case 'ParticipantsEnrolled':
    case 'OutcomesRecorded':
    case 'ProgrammeEnded':
      return facets(null, null, fact.data);
    case 'GrantAwarded':
    case 'GrantAdvancePaid':
    case 'GrantReclaimed':
      return facets(fact.data.amountCents, fact.data.recipientPartyId, fact.data);
    case 'GrantSettled':
      return facets(fact.data.settledAmountCents, fact.data.recipientPartyId, fact.data);
    case 'ProcurementStarted':
      return facets(fact.data.estimatedValueCents, fact.data.buyerPartyId);
    case 'ContractAwarded':
      return facets(fact.data.ceilingCents, fact.data.supplierPartyId);
    case 'ContractAmended':
      return facets(fact.data.ceilingCents, null);
    case 'TrajectoriesPurchased':
      return facets(fact.data.totalCents, fact.data.supplierPartyId, fact.data);
    case 'PurchaseInvoiced':
    case 'PurchasePaid':
      return facets(fact.data.amountCents, fact.data.supplierPartyId, fact.data);
    case 'ExpenseCommitted':
    case 'ExpenseCommitmentRaised':
    case 'ExpenseInvoiced':
    case 'ExpensePaid':
    case 'ExpenseBooked':
      return facets(fact.data.amountCents, fact.data.payeePartyId, fact.data);
    case 'GrantWithdrawn':
    case 'PurchaseCancelled':
    case 'ExpenseCancelled':
      return ofEntity(sources, fact.streamId);
    case 'ContractEnded':
      return ofEntity(sources, `contract-${fact.data.contractId}`);
    case 'EntryReversed': {
      const target = fact.data.reversedEventId ?? fact.data.originEventId;
      const reversed = target === undefined ? undefined : sources.reversed(target, fact.streamId);
      return reversed ? { ...reversed, amountCents: null } : NONE;
    }
    case 'FindingReviewed':
    case 'DocumentAttached':
      return NONE;
    default:
      return assertNever(fact);
  }
}
