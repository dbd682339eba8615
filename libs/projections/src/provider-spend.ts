// What the ledger spent with one provider (a supplier or a grant recipient), per year: its
// contracts with their ceilings after amendments, the trajectories bought and their average
// price, invoices and payments, and the grants it received; every figure with its events.
import { foldCommitments, committedCents } from './commitments';
import { visible } from './cut';
import { Evidence } from './evidence';
import { categoryOf, type Fact } from './facts';
import { divideCents, money } from './money';
import type { LedgerReader, ResolvedCut } from './reader';

export interface ProviderContract {
  readonly contractId: string;
  readonly procurementId: string;
  readonly buyerPartyId: string;
  readonly procedure: string;
  /** After amendments, as the cut sees them. */
  readonly ceiling: string;
  readonly awardedCeiling: string;
  readonly termStart: string;
  readonly termEnd: string;
  readonly optionMonths: number;
  readonly awardedOn: string;
  readonly endedOn: string | null;
  /** Committed by purchases under the contract ordered in this year. */
  readonly calledOff: string;
}

export interface ProviderYear {
  readonly year: number;
  /** Contracts whose term overlaps the year, or that were called off in it. */
  readonly contracts: readonly ProviderContract[];
  readonly purchases: {
    /** Orders placed in the year, cancelled ones included (and counted apart). */
    readonly count: number;
    readonly cancelled: number;
    /** Trajectories of the orders not cancelled. */
    readonly trajectories: number;
    /** What the year's orders commit: count × price, or what was paid once cancelled. */
    readonly committed: string;
    /** committed ÷ trajectories, to the cent, half up; null without trajectories. */
    readonly averagePricePerTrajectory: string | null;
    /** Invoices and payments dated in the year, whatever year the order was placed in. */
    readonly invoiced: string;
    readonly paid: string;
  };
  readonly grants: {
    /** Grants awarded in the year, and their amount as awarded. */
    readonly count: number;
    readonly awarded: string;
    /** Payments and reclaims dated in the year. */
    readonly paid: string;
    readonly reclaimed: string;
  };
}

export interface ProviderSpend {
  readonly partyId: string;
  readonly name: string | null;
  readonly kind: string | null;
  readonly years: readonly ProviderYear[];
  readonly asOf: string | null;
  readonly on: string | null;
  readonly journal: ResolvedCut['journal'];
  readonly evidence?: Record<string, unknown>;
}

interface ContractFigures {
  award: Fact;
  ceilingCents: number;
  termEnd: string;
  endedOn: string | null;
}

interface YearFigures {
  contracts: Map<string, number>;
  orders: number;
  cancelled: number;
  trajectories: number;
  committedCents: number;
  invoicedCents: number;
  paidCents: number;
  grants: number;
  awardedCents: number;
  grantPaidCents: number;
  reclaimedCents: number;
}

const yearOf = (date: string): number => Number(date.slice(0, 4));

export function providerSpend(
  reader: LedgerReader,
  partyId: string,
  cut: ResolvedCut,
  options: { readonly year?: number; readonly explain?: boolean } = {},
): ProviderSpend | undefined {
  const registered = visible(reader.factsOfStream(`party-${partyId}`), cut).find((f) => f.type === 'PartyRegistered');
  if (!registered) return undefined;
  const facts = visible(withProcurementReversals(reader, reader.factsOfParty(partyId)), cut);
  const evidence = new Evidence();
  const years = new Map<number, YearFigures>();
  const year = (y: number): YearFigures => {
    let figures = years.get(y);
    if (!figures) {
      figures = { contracts: new Map(), orders: 0, cancelled: 0, trajectories: 0, committedCents: 0, invoicedCents: 0, paidCents: 0, grants: 0, awardedCents: 0, grantPaidCents: 0, reclaimedCents: 0 };
      years.set(y, figures);
    }
    return figures;
  };

  const contracts = foldContracts(facts);
  for (const [contractId, contract] of contracts) {
    for (let y = yearOf(String(contract.award.data.termStart)); y <= yearOf(contract.termEnd); y += 1) {
      if (!year(y).contracts.has(contractId)) year(y).contracts.set(contractId, 0);
    }
  }
  addEvents(facts, year, evidence);
  const commitments = foldCommitments(facts);
  for (const commitment of commitments.values()) {
    if (commitment.kind !== 'purchase' || !commitment.opened) continue;
    const figures = year(yearOf(commitment.opened.effectiveDate));
    const committed = committedCents(commitment);
    figures.orders += 1;
    figures.committedCents += committed;
    if (commitment.closed) figures.cancelled += 1;
    else figures.trajectories += commitment.trajectories;
    if (commitment.contractId && contracts.has(commitment.contractId)) {
      figures.contracts.set(commitment.contractId, (figures.contracts.get(commitment.contractId) ?? 0) + committed);
    }
  }

  const wanted = [...years.keys()].filter((y) => options.year === undefined || y === options.year).sort((a, b) => a - b);
  return {
    partyId,
    name: typeof registered.data.name === 'string' ? registered.data.name : null,
    kind: typeof registered.data.kind === 'string' ? registered.data.kind : null,
    years: wanted.map((y) => yearAnswer(y, years.get(y)!, contracts)),
    asOf: cut.asOf,
    on: cut.on ?? null,
    journal: cut.journal,
    ...(options.explain ? { evidence: onlyYears(evidence.toJSON(), wanted) } : {}),
  };
}

/**
 * A contract is awarded on its procurement's stream and mirrored on its own, one position later.
 * The award counts from the original (so `asOf` its position knows the contract), the mirror is
 * left out, and the procurement's reversals are read too: they carry no party.
 */
function withProcurementReversals(reader: LedgerReader, facts: readonly Fact[]): Fact[] {
  const procurements = new Set(facts.filter((f) => f.type === 'ContractAwarded').map((f) => `procurement-${String(f.data.procurementId)}`));
  const reversals = [...procurements].flatMap((streamId) => reader.factsOfStream(streamId).filter((f) => f.type === 'EntryReversed'));
  return [...facts.filter((f) => !isAwardMirror(f)), ...reversals].sort((a, b) => a.position - b.position);
}

const isAwardMirror = (fact: Fact): boolean => fact.type === 'ContractAwarded' && categoryOf(fact.streamId) === 'contract';

function foldContracts(facts: readonly Fact[]): Map<string, ContractFigures> {
  const contracts = new Map<string, ContractFigures>();
  for (const fact of facts) {
    const id = String(fact.data.contractId);
    if (fact.type === 'ContractAwarded') {
      contracts.set(id, { award: fact, ceilingCents: Number(fact.data.ceilingCents), termEnd: String(fact.data.termEnd), endedOn: null });
    }
    const contract = contracts.get(id);
    if (!contract) continue;
    if (fact.type === 'ContractAmended') {
      contract.ceilingCents = Number(fact.data.ceilingCents);
      if (typeof fact.data.termEnd === 'string') contract.termEnd = fact.data.termEnd;
    }
    if (fact.type === 'ContractEnded') contract.endedOn = fact.effectiveDate;
  }
  return contracts;
}

/** Invoices, payments and grants count in the year they are dated; orders in commitments. */
function addEvents(facts: readonly Fact[], year: (y: number) => YearFigures, evidence: Evidence): void {
  for (const fact of facts) {
    const y = yearOf(fact.effectiveDate);
    const amount = Number(fact.data.amountCents ?? 0);
    switch (fact.type) {
      case 'ContractAwarded':
      case 'ContractAmended':
      case 'ContractEnded':
        evidence.add(`${y}.contracts`, fact);
        break;
      case 'TrajectoriesPurchased':
      case 'PurchaseCancelled':
        evidence.add(`${y}.purchases`, fact);
        break;
      case 'PurchaseInvoiced':
        year(y).invoicedCents += amount;
        evidence.add(`${y}.invoiced`, fact);
        break;
      case 'PurchasePaid':
        year(y).paidCents += amount;
        evidence.add(`${y}.paid`, fact);
        break;
      case 'GrantAwarded':
        year(y).grants += 1;
        year(y).awardedCents += amount;
        evidence.add(`${y}.grants.awarded`, fact);
        break;
      case 'GrantAdvancePaid':
        year(y).grantPaidCents += amount;
        evidence.add(`${y}.grants.paid`, fact);
        break;
      case 'GrantReclaimed':
        year(y).reclaimedCents += amount;
        evidence.add(`${y}.grants.paid`, fact);
        break;
    }
  }
}

function yearAnswer(y: number, figures: YearFigures, contracts: ReadonlyMap<string, ContractFigures>): ProviderYear {
  const average = divideCents(figures.committedCents, figures.trajectories);
  return {
    year: y,
    contracts: [...figures.contracts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, calledOff]) => contractAnswer(id, contracts.get(id)!, calledOff)),
    purchases: {
      count: figures.orders,
      cancelled: figures.cancelled,
      trajectories: figures.trajectories,
      committed: money(figures.committedCents),
      averagePricePerTrajectory: average === undefined ? null : money(average),
      invoiced: money(figures.invoicedCents),
      paid: money(figures.paidCents),
    },
    grants: {
      count: figures.grants,
      awarded: money(figures.awardedCents),
      paid: money(figures.grantPaidCents),
      reclaimed: money(figures.reclaimedCents),
    },
  };
}

function contractAnswer(contractId: string, contract: ContractFigures, calledOffCents: number): ProviderContract {
  const d = contract.award.data;
  return {
    contractId,
    procurementId: String(d.procurementId),
    buyerPartyId: String(d.buyerPartyId),
    procedure: String(d.procedure),
    ceiling: money(contract.ceilingCents),
    awardedCeiling: money(Number(d.ceilingCents)),
    termStart: String(d.termStart),
    termEnd: contract.termEnd,
    optionMonths: Number(d.optionMonths ?? 0),
    awardedOn: contract.award.effectiveDate,
    endedOn: contract.endedOn,
    calledOff: money(calledOffCents),
  };
}

function onlyYears(evidence: Record<string, unknown>, years: readonly number[]): Record<string, unknown> {
  const wanted = new Set(years.map(String));
  return Object.fromEntries(Object.entries(evidence).filter(([figure]) => wanted.has(figure.slice(0, figure.indexOf('.')))));
}
