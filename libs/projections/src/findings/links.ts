// The entities a finding touches: the one it is about, and the budget, programme, parties and
// contract of every event it names (the budget's owner being the buyer), and the budgets its detail
// lists (those a contract's call-offs were charged to). A budget's overrun touches the programmes
// whose spending went past it and the providers paid; a purchase's flag touches its budget and its
// programme; a contract bought too lightly the budgets that paid for it. The other side of a
// transfer (its toBudgetId, fromBudgetId) is touched only by a finding about the transfer itself:
// a budget's overrun that names the transfer it received is not the sending budget's finding.
// The findings of one entity, and the list's filters, select on these.
import type { Finding } from './finding';

export interface LinkLookup {
  /** The data of the event at `position` as recorded (reversed or not: the finding names it). */
  eventData(position: number): Readonly<Record<string, unknown>> | undefined;
  budgetOwner(budgetId: string): string | null;
}

const BUDGET_FIELDS = ['budgetId', 'toBudgetId', 'fromBudgetId'] as const;
const COUNTERPART_FIELDS: ReadonlySet<string> = new Set(['toBudgetId', 'fromBudgetId']);
const PARTY_FIELDS = ['recipientPartyId', 'supplierPartyId', 'payeePartyId', 'funderPartyId', 'buyerPartyId', 'ownerPartyId'] as const;
const LINK_FIELDS = [...BUDGET_FIELDS, ...PARTY_FIELDS, 'programmeId', 'contractId'] as const;

/** The fields of an event's data that links read: what is worth keeping of it for the next version. */
export function linkFieldsOf(data: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const kept: Record<string, unknown> = {};
  for (const field of LINK_FIELDS) if (typeof data[field] === 'string') kept[field] = data[field];
  return kept;
}

/** What links read of a finding: what it is, whom it is about, its detail, and the stream of each event it names. */
export type LinkedFinding = Pick<Finding, 'kind' | 'origin' | 'entity' | 'detail'> & { readonly events: readonly { readonly position: number; readonly streamId: string }[] };

export function linksOf(finding: LinkedFinding, lookup: LinkLookup): string[] {
  const links = new Set<string>([finding.entity.streamId]);
  // A flag is about its event, a missing mirror about the decision written to two streams.
  const aboutTheEvent = finding.origin === 'flag' || finding.kind === 'mirror-missing';
  const addBudget = (budgetId: string): void => {
    links.add(`budget-${budgetId}`);
    const owner = lookup.budgetOwner(budgetId);
    if (owner) links.add(`party-${owner}`);
  };
  const add = (data: Readonly<Record<string, unknown>>): void => {
    for (const field of BUDGET_FIELDS) {
      const budgetId = data[field];
      if (typeof budgetId === 'string' && (aboutTheEvent || !COUNTERPART_FIELDS.has(field))) addBudget(budgetId);
    }
    for (const field of PARTY_FIELDS) if (typeof data[field] === 'string') links.add(`party-${data[field] as string}`);
    if (typeof data.programmeId === 'string') links.add(`programme-${data.programmeId}`);
    if (typeof data.contractId === 'string') links.add(`contract-${data.contractId}`);
  };
  add(finding.detail);
  const charged = finding.detail.budgetIds;
  if (Array.isArray(charged)) for (const budgetId of charged) if (typeof budgetId === 'string') addBudget(budgetId);
  for (const event of finding.events) {
    links.add(event.streamId);
    const data = lookup.eventData(event.position);
    if (data) add(data);
  }
  return [...links].sort();
}
