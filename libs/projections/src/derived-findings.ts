// The findings that span streams, derived from the facts a cut sees: a budget overrun, call-offs
// above a contract's ceiling, a procedure too light for the contract's value, a split purchase,
// spending after a programme ended, a payment without a commitment. Each names the events that
// set the limit and the events that went past it.
import { DERIVED_FINDINGS } from '@geldstroom/ledger';
import { committedCents, foldCommitments, PAYMENT_TYPES, type Commitment, type CommitmentStep } from './commitments';
import { categoryOf, type Fact } from './facts';
import { entityOf, references, type DerivedFindingKind, type Finding } from './finding';
import { money } from './money';
import { passes, thresholdFor, valueOverTerm, type ProcurementThreshold, type ProcurementThresholds } from './procurement-thresholds';

/** What the derivations share: the commitments and the steps that built them. */
interface Ledger {
  readonly facts: readonly Fact[];
  readonly commitments: ReadonlyMap<string, Commitment>;
  readonly steps: readonly CommitmentStep[];
  /** Payments folded while their entity had no award or order yet. */
  readonly uncommittedPayments: readonly CommitmentStep[];
}

interface Limit {
  cents: number;
  readonly events: Fact[];
}

export function deriveFindings(facts: readonly Fact[], thresholds: ProcurementThresholds): Finding[] {
  const steps: CommitmentStep[] = [];
  const uncommittedPayments: CommitmentStep[] = [];
  const commitments = foldCommitments(facts, (step) => {
    steps.push(step);
    if (PAYMENT_TYPES.has(step.fact.type) && !step.commitment.opened) uncommittedPayments.push(step);
  });
  const ledger: Ledger = { facts, commitments, steps, uncommittedPayments };
  const contracts = foldContracts(facts);
  return [
    ...budgetOverruns(ledger),
    ...callOffsAboveCeiling(ledger, contracts),
    ...proceduresTooLight(contracts, thresholds),
    ...splitPurchases(ledger, thresholds),
    ...spendingAfterProgrammeEnd(ledger),
    ...paymentsWithoutCommitment(ledger),
  ];
}

function derived(
  kind: DerivedFindingKind,
  id: string,
  streamId: string,
  offending: readonly Fact[],
  basis: readonly Fact[],
  detail: Finding['detail'],
): Finding {
  const dated = offending.length > 0 ? offending : basis;
  const date = dated.reduce((latest, f) => (f.effectiveDate > latest ? f.effectiveDate : latest), dated[0].effectiveDate);
  return {
    id: `${kind}:${id}`,
    kind,
    origin: 'derived',
    description: DERIVED_FINDINGS[kind],
    entity: entityOf(streamId),
    date,
    detail,
    events: references([...basis, ...offending]),
  };
}

/**
 * The steps that committed more while the running total was above the limit: the ones that do
 * not fit. Business-time order, so the first to cross is the one that broke it.
 */
function beyond(steps: readonly CommitmentStep[], limitCents: number): Fact[] {
  let running = 0;
  const offending: Fact[] = [];
  for (const step of steps) {
    running += step.deltaCents;
    if (step.deltaCents > 0 && running > limitCents) offending.push(step.fact);
  }
  return offending;
}

/** A budget's current amount: fundings, amendments and transfers in, less transfers out. */
function budgetAmounts(facts: readonly Fact[]): Map<string, Limit> {
  const SIGN: Record<string, number> = { BudgetFunded: 1, BudgetAmended: 1, BudgetTransferredIn: 1, BudgetTransferredOut: -1 };
  const amounts = new Map<string, Limit>();
  for (const fact of facts) {
    const sign = SIGN[fact.type];
    if (!sign || !fact.budgetId) continue;
    const limit = amounts.get(fact.budgetId) ?? { cents: 0, events: [] };
    limit.cents += sign * Number(fact.data.amountCents);
    limit.events.push(fact);
    amounts.set(fact.budgetId, limit);
  }
  return amounts;
}

function budgetOverruns(ledger: Ledger): Finding[] {
  const amounts = budgetAmounts(ledger.facts);
  const charged = new Map<string, number>();
  for (const c of ledger.commitments.values()) {
    if (c.budgetId) charged.set(c.budgetId, (charged.get(c.budgetId) ?? 0) + committedCents(c));
  }
  const found: Finding[] = [];
  for (const [budgetId, chargedCents] of charged) {
    const amount = amounts.get(budgetId) ?? { cents: 0, events: [] };
    // Nothing charged is no overrun, even on a budget amended below zero (that is its own flag).
    if (chargedCents <= 0 || chargedCents <= amount.cents) continue;
    const offending = beyond(ledger.steps.filter((s) => s.commitment.budgetId === budgetId), amount.cents);
    found.push(
      derived('budget-overrun', budgetId, `budget-${budgetId}`, offending, amount.events, {
        budgetId,
        currentAmount: money(amount.cents),
        charged: money(chargedCents),
        overrun: money(chargedCents - amount.cents),
      }),
    );
  }
  return found;
}

interface ContractView {
  readonly award: Fact;
  readonly amendments: Fact[];
  ceilingCents: number;
  termEnd: string;
}

/**
 * Contracts: the award on the procurement's stream (its mirror on the contract's stream lands one
 * position later), then the amendments on the contract's stream, in business order.
 */
function foldContracts(facts: readonly Fact[]): Map<string, ContractView> {
  const contracts = new Map<string, ContractView>();
  for (const fact of facts) {
    const id = String(fact.data.contractId);
    if (fact.type === 'ContractAwarded' && categoryOf(fact.streamId) === 'procurement') {
      contracts.set(id, { award: fact, amendments: [], ceilingCents: Number(fact.data.ceilingCents), termEnd: String(fact.data.termEnd) });
    }
    const contract = contracts.get(id);
    if (fact.type !== 'ContractAmended' || !contract) continue;
    contract.amendments.push(fact);
    contract.ceilingCents = Number(fact.data.ceilingCents);
    if (typeof fact.data.termEnd === 'string') contract.termEnd = fact.data.termEnd;
  }
  return contracts;
}

function callOffsAboveCeiling(ledger: Ledger, contracts: ReadonlyMap<string, ContractView>): Finding[] {
  const found: Finding[] = [];
  for (const [contractId, contract] of contracts) {
    const calledOff = [...ledger.commitments.values()]
      .filter((c) => c.contractId === contractId)
      .reduce((sum, c) => sum + committedCents(c), 0);
    if (calledOff <= contract.ceilingCents) continue;
    const offending = beyond(ledger.steps.filter((s) => s.commitment.contractId === contractId), contract.ceilingCents);
    found.push(
      derived('call-off-above-ceiling', contractId, `contract-${contractId}`, offending, [contract.award, ...contract.amendments], {
        contractId,
        supplierPartyId: String(contract.award.data.supplierPartyId),
        ceiling: money(contract.ceilingCents),
        calledOff: money(calledOff),
        excess: money(calledOff - contract.ceilingCents),
      }),
    );
  }
  return found;
}

function proceduresTooLight(contracts: ReadonlyMap<string, ContractView>, thresholds: ProcurementThresholds): Finding[] {
  const found: Finding[] = [];
  for (const [contractId, contract] of contracts) {
    const d = contract.award.data;
    const optionMonths = Number(d.optionMonths ?? 0);
    const valueCents = valueOverTerm(contract.ceilingCents, String(d.termStart), contract.termEnd, optionMonths);
    // The threshold in force when the contract was awarded: the law of that date governs it.
    const threshold = thresholdFor(thresholds, String(d.procedure), contract.award.effectiveDate);
    if (!threshold || !passes(valueCents, threshold)) continue;
    const events = [contract.award, ...contract.amendments];
    found.push(
      derived('procedure-too-light', contractId, `contract-${contractId}`, events, [], {
        contractId,
        procedure: String(d.procedure),
        ceiling: money(contract.ceilingCents),
        termStart: String(d.termStart),
        termEnd: contract.termEnd,
        optionMonths,
        valueOverTermWithOptions: money(valueCents),
        ...thresholdDetail(threshold),
      }),
    );
  }
  return found;
}

function thresholdDetail(threshold: ProcurementThreshold): Finding['detail'] {
  return {
    threshold: money(threshold.thresholdCents),
    thresholdId: threshold.id,
    thresholdScope: threshold.scope,
    thresholdComparison: threshold.comparison,
    thresholdSource: threshold.source,
  };
}

/**
 * Orders from one supplier by one buyer (the owner of the budget charged) in one year, outside
 * any contract, each below the single-quote threshold and together past it. The begrotingsjaar
 * of a Dutch municipality is the calendar year, so the order's year is its fiscal year.
 */
function splitPurchases(ledger: Ledger, thresholds: ProcurementThresholds): Finding[] {
  const owners = new Map<string, string>();
  for (const fact of ledger.facts) {
    if (fact.type === 'BudgetOpened' && fact.budgetId) owners.set(fact.budgetId, String(fact.data.ownerPartyId));
  }
  const groups = new Map<string, Commitment[]>();
  for (const c of ledger.commitments.values()) {
    if (c.kind !== 'purchase' || !c.opened || c.contractId || !c.partyId || !c.budgetId) continue;
    const key = [c.partyId, owners.get(c.budgetId) ?? '', c.opened.effectiveDate.slice(0, 4)].join('|');
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const found: Finding[] = [];
  for (const [key, orders] of groups) {
    const [supplierPartyId, buyerPartyId, fiscalYear] = key.split('|');
    const last = orders.map((c) => c.opened!).reduce((a, b) => (b.effectiveDate > a.effectiveDate ? b : a));
    const threshold = thresholdFor(thresholds, 'single-quote', last.effectiveDate);
    if (!threshold) continue;
    const parts = orders.filter((c) => committedCents(c) > 0 && !passes(committedCents(c), threshold));
    const total = parts.reduce((sum, c) => sum + committedCents(c), 0);
    if (parts.length < 2 || !passes(total, threshold)) continue;
    found.push(
      derived('split-purchase', `${supplierPartyId}:${buyerPartyId}:${fiscalYear}`, `party-${supplierPartyId}`, parts.map((c) => c.opened!), [], {
        supplierPartyId,
        buyerPartyId: buyerPartyId || null,
        fiscalYear: Number(fiscalYear),
        purchases: parts.length,
        total: money(total),
        ...thresholdDetail(threshold),
      }),
    );
  }
  return found;
}

const SPENDING_TYPES = new Set(['GrantAwarded', 'GrantAdvancePaid', 'TrajectoriesPurchased', 'PurchasePaid']);

function spendingAfterProgrammeEnd(ledger: Ledger): Finding[] {
  const ended = new Map<string, Fact>();
  for (const fact of ledger.facts) {
    if (fact.type === 'ProgrammeEnded' && fact.programmeId) ended.set(fact.programmeId, fact);
  }
  const found: Finding[] = [];
  for (const fact of ledger.facts) {
    const end = fact.programmeId ? ended.get(fact.programmeId) : undefined;
    if (!end || !SPENDING_TYPES.has(fact.type) || fact.effectiveDate <= end.effectiveDate) continue;
    const amount = Number(fact.data.amountCents ?? fact.data.totalCents);
    found.push(
      derived('spending-after-programme-end', fact.eventId, fact.streamId, [fact], [end], {
        programmeId: fact.programmeId,
        endedOn: end.effectiveDate,
        eventType: fact.type,
        amount: money(amount),
      }),
    );
  }
  return found;
}

/**
 * A payment folded before any award or order of its entity: none is visible under the cut, or
 * the one there is dated after the payment (money paid before it was committed).
 */
function paymentsWithoutCommitment(ledger: Ledger): Finding[] {
  return ledger.uncommittedPayments.map(({ fact, commitment }) =>
    derived('payment-without-commitment', fact.eventId, fact.streamId, [fact], commitment.opened ? [commitment.opened] : [], {
      eventType: fact.type,
      amount: money(Number(fact.data.amountCents)),
      committedOn: commitment.opened?.effectiveDate ?? null,
    }),
  );
}
