// The commitment (verplichting, obligo) of every grant and purchase as a cut sees it, folded
// event by event so a query can name the event that changed it. The same rules as the
// programme cost: a grant commits its settled amount once settled and only what stays paid once
// withdrawn; a purchase commits count × price until cancelled, then what was paid.
import type { Fact } from './facts';

export interface Commitment {
  readonly streamId: string;
  readonly kind: 'grant' | 'purchase';
  budgetId: string | null;
  /** The recipient of a grant, the supplier of a purchase. */
  partyId: string | null;
  programmeId: string | null;
  contractId: string | null;
  /** The award or the order; absent while the cut sees only later events of the entity. */
  opened?: Fact;
  /** Granted amount, or count × unit price. */
  amountCents: number;
  settledCents?: number;
  trajectories: number;
  invoicedCents: number;
  /** Net of reclaims. */
  paidCents: number;
  /** Withdrawn (grant) or cancelled (purchase). */
  closed: boolean;
}

export interface CommitmentStep {
  readonly fact: Fact;
  readonly commitment: Commitment;
  /** How much the fact changed the commitment: positive when it committed more. */
  readonly deltaCents: number;
}

const GRANT_TYPES = new Set(['GrantAwarded', 'GrantAdvancePaid', 'GrantSettled', 'GrantReclaimed', 'GrantWithdrawn']);
const PURCHASE_TYPES = new Set(['TrajectoriesPurchased', 'PurchaseInvoiced', 'PurchasePaid', 'PurchaseCancelled']);
export const PAYMENT_TYPES = new Set(['GrantAdvancePaid', 'PurchasePaid']);

export function committedCents(c: Commitment): number {
  if (c.kind === 'grant') return c.closed ? Math.max(c.paidCents, 0) : Math.max(c.settledCents ?? c.amountCents, c.paidCents);
  return c.closed ? c.paidCents : Math.max(c.amountCents, c.paidCents);
}

/**
 * Folds `visible()` facts (business-time order, reversed ones removed) into the commitments by
 * stream; `onStep` hears every grant or purchase event with the change it made.
 */
export function foldCommitments(facts: readonly Fact[], onStep?: (step: CommitmentStep) => void): Map<string, Commitment> {
  const commitments = new Map<string, Commitment>();
  for (const fact of facts) {
    const kind = GRANT_TYPES.has(fact.type) ? 'grant' : PURCHASE_TYPES.has(fact.type) ? 'purchase' : undefined;
    if (!kind) continue;
    let commitment = commitments.get(fact.streamId);
    if (!commitment) {
      commitment = newCommitment(fact, kind);
      commitments.set(fact.streamId, commitment);
    }
    const before = committedCents(commitment);
    apply(commitment, fact);
    onStep?.({ fact, commitment, deltaCents: committedCents(commitment) - before });
  }
  return commitments;
}

/** Events after the first repeat the charge, so a commitment seen first by a payment is placed. */
function newCommitment(fact: Fact, kind: 'grant' | 'purchase'): Commitment {
  const contractId = fact.data.contractId;
  return {
    streamId: fact.streamId,
    kind,
    budgetId: fact.budgetId,
    partyId: fact.partyId,
    programmeId: fact.programmeId,
    contractId: typeof contractId === 'string' ? contractId : null,
    amountCents: 0,
    trajectories: 0,
    invoicedCents: 0,
    paidCents: 0,
    closed: false,
  };
}

function apply(c: Commitment, fact: Fact): void {
  const amount = Number(fact.data.amountCents ?? 0);
  switch (fact.type) {
    case 'GrantAwarded':
      c.opened = fact;
      c.amountCents = amount;
      break;
    case 'TrajectoriesPurchased':
      c.opened = fact;
      c.amountCents = Number(fact.data.totalCents);
      c.trajectories = Number(fact.data.count);
      break;
    case 'GrantSettled':
      c.settledCents = Number(fact.data.settledAmountCents);
      break;
    case 'GrantAdvancePaid':
    case 'PurchasePaid':
      c.paidCents += amount;
      break;
    case 'GrantReclaimed':
      c.paidCents -= amount;
      break;
    case 'PurchaseInvoiced':
      c.invoicedCents += amount;
      break;
    case 'GrantWithdrawn':
    case 'PurchaseCancelled':
      c.closed = true;
      break;
  }
}
