// The findings about one subject, derived from what a cut sees of it: a flag stored on an event,
// a budget overrun, a budget on a taakveld its year's Iv3 catalogue does not list, call-offs above
// a contract's ceiling, a procedure too light for a contract's value, commitments split to stay
// under a threshold, spending after a programme ended, a payment without a commitment. Each names the events that set the limit and those that went past it.
// The projector derives them "now" whenever a subject changes; a question with `on` derives them
// at its cut. Both read through FindingInputs, so the rule is written once.
import { DERIVED_FINDINGS, type Flag } from '@geldstroom/ledger';
import type { BudgetHeader, ContractHeader, ProgrammeHeader } from '../folds/headers';
import type { SpendingState } from '../folds/spending';
import type { LedgerFact } from '../model/ledger-fact';
import type { SpendingKind } from '../model/movement';
import { catalogueFor, taakveldFor, type Iv3Catalogue } from '../reports/rules/iv3-catalogue';
import { money } from '../model/money';
import { entityOf, FLAG_DESCRIPTIONS, type DerivedFindingKind, type Finding } from './finding';
import { passes, thresholdFor, valueOverTerm, type ProcurementThreshold, type ProcurementThresholds } from './procurement-thresholds';
import type { FindingRules } from './rules';
import type { EventReference } from '../queries/evidence';

/** What a finding is about: the unit of recomputation. */
export type Subject = string;

export const subjects = {
  budget: (id: string) => `budget:${id}`,
  contract: (id: string) => `contract:${id}`,
  /** A spending event for a programme: after its end, a finding of its own. */
  spent: (programmeId: string, position: number) => `spent:${programmeId}:${position}`,
  entity: (unitId: string) => `entity:${unitId}`,
  supplier: (partyId: string) => `supplier:${partyId}`,
  event: (position: number) => `event:${position}`,
};

/** An event's net change to a running total (committed), in business order. */
export interface Step {
  readonly position: number;
  readonly date: string;
  readonly deltaCents: number;
}

/** How many events a finding names beyond the limit's own: the first ones to go past it and the last. */
export const OFFENDING_NAMED_MAX = 20;

/**
 * The steps that committed more while the running total was above a limit, in business order:
 * the first few (the first is the one that broke it), the last, and how many there are.
 */
export interface Beyond {
  readonly first: readonly Step[];
  readonly last: Step | null;
  readonly count: number;
}

/** Walks the steps in business order against a limit. */
export function walkBeyond(steps: Iterable<Step>, limitCents: number): Walked {
  let running = 0;
  const first: Step[] = [];
  let last: Step | null = null;
  let count = 0;
  let lastKey: Walked['lastKey'] = null;
  for (const step of steps) {
    running += step.deltaCents;
    lastKey = { date: step.date, position: step.position };
    if (step.deltaCents <= 0 || running <= limitCents) continue;
    count += 1;
    if (first.length < OFFENDING_NAMED_MAX) first.push(step);
    last = step;
  }
  return { first, last, count, runningCents: running, lastKey };
}

/** A walk's result, with where it ended: enough to carry on from when steps come in order. */
export interface Walked extends Beyond {
  readonly runningCents: number;
  readonly lastKey: { readonly date: string; readonly position: number } | null;
}

export interface Order {
  readonly streamId: string;
  readonly openedPosition: number;
  readonly openedOn: string;
  readonly committedCents: number;
  readonly budgetId: string | null;
  /** What is bought: a purchase, or the kind of an expense (hired staff, operating costs, ...). */
  readonly serviceKind: SpendingKind;
}

/**
 * The kinds of spending bought from a supplier, that procurement rules (and so splitting) apply
 * to: purchases (and the contracts they are called off under), hired staff, operating and other
 * costs. Own staff, wage-cost subsidy and contributions are not procured.
 */
export const PROCURED_KINDS: readonly SpendingKind[] = ['purchase', 'hired-staff', 'operating', 'other'];

export interface FindingInputs {
  /** The budget's current amount (its limit) and what is committed on it; undefined if unknown. */
  budgetFigures(budgetId: string): { readonly limitCents: number; readonly chargedCents: number } | undefined;
  /** What went past a budget's amount or a contract's ceiling, walked in business order. */
  beyond(on: 'budget' | 'contract', id: string, limitCents: number): Beyond;
  /** The events that set a budget's amount: fundings, amendments, transfers. */
  limitEvents(budgetId: string): number[];
  contract(contractId: string): ContractHeader | undefined;
  calledOffCents(contractId: string, supplierPartyId: string): number;
  programme(programmeId: string): ProgrammeHeader | undefined;
  /** A grant or purchase as folded from its visible events. */
  spending(unitId: string): SpendingState | undefined;
  /** A supplier's orders and procured expenses outside any contract. */
  supplierOrders(supplierPartyId: string): Order[];
  /** The contracts awarded to a supplier. */
  supplierContracts(supplierPartyId: string): ContractHeader[];
  budget(budgetId: string): BudgetHeader | undefined;
  /** The position of the budget's opening, as the cut sees it. */
  budgetOpening(budgetId: string): number | undefined;
  budgetOwner(budgetId: string): string | null;
  fact(position: number): LedgerFact | undefined;
  references(positions: readonly number[]): EventReference[];
}

export function deriveFindings(subject: Subject, inputs: FindingInputs, rules: FindingRules): Finding[] {
  const [kind, id] = [subject.slice(0, subject.indexOf(':')), subject.slice(subject.indexOf(':') + 1)];
  const thresholds = rules.procurement;
  switch (kind) {
    case 'event':
      return flagFindings(Number(id), inputs);
    case 'budget':
      return [...budgetOverrun(id, inputs), ...taakveldUnknown(id, inputs, rules.taakvelden)];
    case 'contract':
      return [...callOffsAboveCeiling(id, inputs), ...procedureTooLight(id, inputs, thresholds)];
    case 'spent':
      return spendingAfterProgrammeEnd(id.slice(0, id.lastIndexOf(':')), Number(id.slice(id.lastIndexOf(':') + 1)), inputs);
    case 'entity':
      return paymentsWithoutCommitment(id, inputs);
    case 'supplier':
      return splitPurchases(id, inputs, thresholds);
    default:
      throw new Error(`no findings about ${subject}`);
  }
}

function derived(
  inputs: FindingInputs,
  kind: DerivedFindingKind,
  id: string,
  streamId: string,
  offending: readonly { position: number; date: string }[],
  basis: readonly number[],
  detail: Finding['detail'],
): Finding {
  const events = inputs.references([...new Set([...basis, ...offending.map((o) => o.position)])].sort((a, b) => a - b));
  const dated = offending.length > 0 ? offending.map((o) => o.date) : events.map((e) => e.effectiveDate);
  return {
    id: `${kind}:${id}`,
    kind,
    origin: 'derived',
    description: DERIVED_FINDINGS[kind],
    entity: entityOf(streamId),
    date: dated.reduce((latest, date) => (date > latest ? date : latest), dated[0] ?? ''),
    detail,
    events,
  };
}

/** The events a finding names of what went past a limit: the first few and the last. */
function named(beyond: Beyond): Step[] {
  return beyond.last && !beyond.first.includes(beyond.last) ? [...beyond.first, beyond.last] : [...beyond.first];
}

function flagFindings(position: number, inputs: FindingInputs): Finding[] {
  const fact = inputs.fact(position);
  const data = fact?.data as { flags?: Flag[]; amountCents?: number; settledAmountCents?: number } | undefined;
  if (!fact || !data?.flags) return [];
  const [reference] = inputs.references([position]);
  return data.flags.map((flag) => ({
    id: `${flag}:${fact.eventId}`,
    kind: flag,
    origin: 'flag' as const,
    description: FLAG_DESCRIPTIONS[flag] ?? flag,
    entity: entityOf(fact.streamId),
    date: fact.effectiveDate,
    detail: {
      eventType: fact.type,
      ...(typeof data.amountCents === 'number' ? { amount: money(data.amountCents) } : {}),
      ...(typeof data.settledAmountCents === 'number' ? { settledAmount: money(data.settledAmountCents) } : {}),
    },
    events: [reference],
  }));
}

function budgetOverrun(budgetId: string, inputs: FindingInputs): Finding[] {
  const figures = inputs.budgetFigures(budgetId);
  // Nothing charged is no overrun, even on a budget amended below zero (that is its own flag).
  if (!figures || figures.chargedCents <= 0 || figures.chargedCents <= figures.limitCents) return [];
  const beyond = inputs.beyond('budget', budgetId, figures.limitCents);
  return [
    derived(inputs, 'budget-overrun', budgetId, `budget-${budgetId}`, named(beyond), inputs.limitEvents(budgetId), {
      budgetId,
      currentAmount: money(figures.limitCents),
      charged: money(figures.chargedCents),
      overrun: money(figures.chargedCents - figures.limitCents),
      offendingEvents: beyond.count,
    }),
  ];
}

function callOffsAboveCeiling(contractId: string, inputs: FindingInputs): Finding[] {
  const contract = inputs.contract(contractId);
  if (!contract) return [];
  const calledOff = inputs.calledOffCents(contractId, contract.supplierPartyId);
  if (calledOff <= contract.ceilingCents) return [];
  const beyond = inputs.beyond('contract', contractId, contract.ceilingCents);
  return [
    derived(inputs, 'call-off-above-ceiling', contractId, `contract-${contractId}`, named(beyond), contract.basis, {
      contractId,
      supplierPartyId: contract.supplierPartyId,
      ceiling: money(contract.ceilingCents),
      calledOff: money(calledOff),
      excess: money(calledOff - contract.ceilingCents),
      offendingEvents: beyond.count,
    }),
  ];
}

function procedureTooLight(contractId: string, inputs: FindingInputs, thresholds: ProcurementThresholds): Finding[] {
  const contract = inputs.contract(contractId);
  if (!contract || contract.procedure === '') return [];
  const valueCents = valueOverTerm(contract.ceilingCents, contract.termStart, contract.termEnd, contract.optionMonths);
  // The threshold in force when the contract was awarded: the law of that date governs it.
  const threshold = thresholdFor(thresholds, contract.procedure, contract.awardedOn);
  if (!threshold || !passes(valueCents, threshold)) return [];
  const basis = inputs.references(contract.basis).map((e) => ({ position: e.position, date: e.effectiveDate }));
  return [
    derived(inputs, 'procedure-too-light', contractId, `contract-${contractId}`, basis, [], {
      contractId,
      procedure: contract.procedure,
      ceiling: money(contract.ceilingCents),
      termStart: contract.termStart,
      termEnd: contract.termEnd,
      optionMonths: contract.optionMonths,
      valueOverTermWithOptions: money(valueCents),
      ...thresholdDetail(threshold),
    }),
  ];
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
 * A budget on a taakveld the Iv3 catalogue in force for its fiscal year does not list (or a year
 * no catalogue covers): its lasten and baten have no place in that year's Iv3 matrix until the
 * taakveld is corrected, so it is shown, never put in a bucket of its own.
 */
function taakveldUnknown(budgetId: string, inputs: FindingInputs, catalogue: Iv3Catalogue): Finding[] {
  const budget = inputs.budget(budgetId);
  if (!budget || taakveldFor(catalogue, budget.taakveld, budget.fiscalYear)) return [];
  const opening = inputs.budgetOpening(budgetId);
  const version = catalogueFor(catalogue, budget.fiscalYear);
  const offending = opening === undefined ? [] : [{ position: opening, date: budget.openedOn }];
  return [
    derived(inputs, 'taakveld-unknown', budgetId, `budget-${budgetId}`, offending, [], {
      budgetId,
      ownerPartyId: budget.ownerPartyId,
      fiscalYear: budget.fiscalYear,
      taakveld: budget.taakveld,
      catalogueId: version?.id ?? null,
      reason: version ? `the Iv3 catalogue ${version.id} does not list taakveld ${budget.taakveld}` : `no Iv3 catalogue covers ${budget.fiscalYear}`,
    }),
  ];
}

/** One commitment to a supplier: an order or procured expense outside a contract, or a contract. */
interface Commitment {
  readonly buyerPartyId: string;
  readonly serviceKind: SpendingKind;
  readonly date: string;
  /** An order's committed amount; a contract's value over its whole term with options. */
  readonly valueCents: number;
  /** Bought outside a contract counts as a single quote. */
  readonly procedure: string;
  readonly contract: boolean;
  /** The events that made it: the order, or the award and its amendments. */
  readonly positions: readonly number[];
}

function commitmentsTo(supplierPartyId: string, inputs: FindingInputs): Commitment[] {
  const orders = inputs.supplierOrders(supplierPartyId).map((o): Commitment => ({
    buyerPartyId: o.budgetId ? (inputs.budgetOwner(o.budgetId) ?? '') : '',
    serviceKind: o.serviceKind,
    date: o.openedOn,
    valueCents: o.committedCents,
    procedure: 'single-quote',
    contract: false,
    positions: [o.openedPosition],
  }));
  // Call-offs under a contract buy the same service as a purchase does.
  const contracts = inputs.supplierContracts(supplierPartyId).map((c): Commitment => ({
    buyerPartyId: c.buyerPartyId,
    serviceKind: 'purchase',
    date: c.awardedOn,
    valueCents: valueOverTerm(c.ceilingCents, c.termStart, c.termEnd, c.optionMonths),
    procedure: c.procedure,
    contract: true,
    positions: c.basis,
  }));
  return [...orders, ...contracts];
}

/**
 * Commitments to one supplier by one buyer (the owner of the budget charged, or a contract's
 * buyer) for one kind of service in one year, each too small to need more than the procedure it
 * was bought by, together past the threshold of the heaviest procedure among them: bought in
 * parts, the whole was bought by too light a procedure. A contract counts at its value over its
 * whole term with options; an order outside any contract as a single quote. The begrotingsjaar of
 * a Dutch municipality is the calendar year, so a commitment's year is its fiscal year.
 */
function splitPurchases(supplierPartyId: string, inputs: FindingInputs, thresholds: ProcurementThresholds): Finding[] {
  const groups = new Map<string, Commitment[]>();
  for (const commitment of commitmentsTo(supplierPartyId, inputs)) {
    const key = [commitment.buyerPartyId, commitment.date.slice(0, 4), commitment.serviceKind].join('|');
    groups.set(key, [...(groups.get(key) ?? []), commitment]);
  }
  const found: Finding[] = [];
  for (const [key, commitments] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [buyerPartyId, fiscalYear, serviceKind] = key.split('|');
    const split = splitOf(commitments, thresholds);
    if (!split) continue;
    const suffix = serviceKind === 'purchase' ? '' : `:${serviceKind}`;
    const offending = split.parts.flatMap((p) => p.positions.map((position) => ({ position, date: p.date })));
    found.push(
      derived(inputs, 'split-purchase', `${supplierPartyId}:${buyerPartyId}:${fiscalYear}${suffix}`, `party-${supplierPartyId}`, offending, [], {
        supplierPartyId,
        buyerPartyId: buyerPartyId || null,
        fiscalYear: Number(fiscalYear),
        serviceKind,
        purchases: split.parts.filter((p) => !p.contract).length,
        contracts: split.parts.filter((p) => p.contract).length,
        total: money(split.totalCents),
        ...thresholdDetail(split.threshold),
      }),
    );
  }
  return found;
}

/** The parts of a group that stay under their own procedure's threshold, if together they pass the heaviest. */
function splitOf(commitments: readonly Commitment[], thresholds: ProcurementThresholds): { parts: Commitment[]; totalCents: number; threshold: ProcurementThreshold } | undefined {
  // Thresholds as in force at the group's latest commitment: the moment the whole was complete.
  const lastDate = commitments.reduce((latest, c) => (c.date > latest ? c.date : latest), '');
  const parts: Commitment[] = [];
  let threshold: ProcurementThreshold | undefined;
  for (const commitment of commitments) {
    const own = thresholdFor(thresholds, commitment.procedure, lastDate);
    // No threshold bounds its procedure (a European tender): that commitment is not a part.
    if (!own || commitment.valueCents <= 0 || passes(commitment.valueCents, own)) continue;
    parts.push(commitment);
    if (!threshold || own.thresholdCents > threshold.thresholdCents) threshold = own;
  }
  const totalCents = parts.reduce((sum, p) => sum + p.valueCents, 0);
  if (!threshold || parts.length < 2 || !passes(totalCents, threshold)) return undefined;
  return { parts, totalCents, threshold };
}

const SPENDING_TYPES: ReadonlySet<string> = new Set(['GrantAwarded', 'GrantAdvancePaid', 'TrajectoriesPurchased', 'PurchasePaid']);

/** A grant or purchase awarded, ordered or paid for a programme after the programme ended. */
function spendingAfterProgrammeEnd(programmeId: string, position: number, inputs: FindingInputs): Finding[] {
  const end = inputs.programme(programmeId)?.ended;
  const fact = end ? inputs.fact(position) : undefined;
  if (!end || !fact || !SPENDING_TYPES.has(fact.type) || fact.effectiveDate <= end.on) return [];
  const data = fact.data as { amountCents?: number; totalCents?: number };
  return [
    derived(inputs, 'spending-after-programme-end', fact.eventId, fact.streamId, [{ position: fact.position, date: fact.effectiveDate }], [end.position], {
      programmeId,
      endedOn: end.on,
      eventType: fact.type,
      amount: money(data.amountCents ?? data.totalCents ?? 0),
    }),
  ];
}

/**
 * Payments folded before any award or order of their entity: none is visible, or the one there is
 * dated after the payment (money paid before it was committed).
 */
function paymentsWithoutCommitment(unitId: string, inputs: FindingInputs): Finding[] {
  const entity = inputs.spending(unitId);
  if (!entity || entity.paidBeforeOpened.length === 0) return [];
  const opening = entity.openedAt === null ? undefined : inputs.fact(entity.openedAt);
  return entity.paidBeforeOpened.flatMap((position) => {
    const fact = inputs.fact(position);
    if (!fact || (fact.type !== 'GrantAdvancePaid' && fact.type !== 'PurchasePaid')) return [];
    return [
      derived(inputs, 'payment-without-commitment', fact.eventId, fact.streamId, [{ position, date: fact.effectiveDate }], opening ? [opening.position] : [], {
        eventType: fact.type,
        amount: money(fact.data.amountCents),
        committedOn: opening?.effectiveDate ?? null,
      }),
    ];
  });
}
