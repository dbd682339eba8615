// What the ledger spent with one provider (a supplier or a grant recipient), per year: its
// contracts with their ceilings after amendments, the trajectories bought and their average
// price, invoices and payments, and the grants it received; every figure with its events.
import type { ContractHeader } from '../folds/headers';
import { divideCents, money } from '../model/money';
import type { Measure } from '../model/movement';
import type { ScopeRow } from '../engine/scopes';
import { Evidence, eventsMoving } from './evidence';
import { sumRows } from './figures';
import { answerCut, type AnswerCut, type Cut, type LedgerReader } from './reader';

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
    /** Orders placed in the year; and orders cancelled in the year. */
    readonly count: number;
    readonly cancelled: number;
    /** Trajectories ordered in the year, less those of orders cancelled in it. */
    readonly trajectories: number;
    /**
     * Committed in the year: orders placed in it (count × price), less what cancellations in it
     * released, plus what payments in it took beyond an order.
     */
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

export interface ProviderSpend extends AnswerCut {
  readonly partyId: string;
  readonly name: string | null;
  readonly kind: string | null;
  readonly years: readonly ProviderYear[];
  readonly evidence?: Record<string, unknown>;
}

export interface ProviderFilter {
  readonly year?: number;
  readonly explain?: boolean;
}

export function providerSpend(reader: LedgerReader, partyId: string, cut: Cut, options: ProviderFilter = {}): ProviderSpend | undefined {
  const party = reader.party(partyId, cut);
  if (!party) return undefined;
  const rows = reader.scopeRows('party', partyId, cut).filter((r) => r.group.kind === 'grant' || r.group.kind === 'purchase');
  const contracts = contractsOf(reader, partyId, cut);
  const years = new Set<number>();
  for (const contract of contracts) for (let y = yearOf(contract.termStart); y <= yearOf(contract.termEnd); y += 1) years.add(y);
  for (const row of rows) {
    years.add(Number(row.group.year));
  }
  const wanted = [...years].filter((y) => y > 0 && (options.year === undefined || y === options.year)).sort((a, b) => a - b);
  return {
    partyId,
    name: party.name,
    kind: party.kind,
    years: wanted.map((year) => yearAnswer(year, rows, contracts)),
    ...answerCut(cut),
    ...(options.explain ? { evidence: providerEvidence(reader, partyId, contracts, wanted, cut) } : {}),
  };
}

/** The contracts awarded to the party that the cut sees. */
function contractsOf(reader: LedgerReader, partyId: string, cut: Cut): ContractHeader[] {
  return reader
    .unitsOf('contract', cut)
    .flatMap((u) => (u.kind === 'contract' && u.state.opened && u.state.supplierPartyId === partyId ? [u.state] : []))
    .sort((a, b) => (a.contractId < b.contractId ? -1 : 1));
}

const yearOf = (date: string): number => Number(date.slice(0, 4));

function yearAnswer(year: number, rows: readonly ScopeRow[], contracts: readonly ContractHeader[]): ProviderYear {
  const inYear = (kind: string) => sumRows(rows.filter((r) => r.group.kind === kind && r.group.year === year)).measures;
  const [orders, payments, awards, grantPayments] = [inYear('purchase'), inYear('purchase'), inYear('grant'), inYear('grant')];
  const calledOff = (contractId: string) => sumRows(rows.filter((r) => r.group.contract_id === contractId && r.group.year === year)).measures.committedCents;
  const average = divideCents(orders.committedCents, orders.units);
  return {
    year,
    contracts: contracts
      .filter((c) => (yearOf(c.termStart) <= year && year <= yearOf(c.termEnd)) || calledOff(c.contractId) !== 0)
      .map((c) => contractAnswer(c, calledOff(c.contractId))),
    purchases: {
      count: orders.entities,
      cancelled: orders.cancelled,
      trajectories: orders.units,
      committed: money(orders.committedCents),
      averagePricePerTrajectory: average === undefined ? null : money(average),
      invoiced: money(payments.invoicedCents),
      paid: money(payments.realisedCents),
    },
    grants: {
      count: awards.entities,
      awarded: money(awards.orderedCents),
      paid: money(grantPayments.realisedCents + grantPayments.reclaimedCents),
      reclaimed: money(grantPayments.reclaimedCents),
    },
  };
}

function contractAnswer(contract: ContractHeader, calledOffCents: number): ProviderContract {
  return {
    contractId: contract.contractId,
    procurementId: contract.procurementId,
    buyerPartyId: contract.buyerPartyId,
    procedure: contract.procedure,
    ceiling: money(contract.ceilingCents),
    awardedCeiling: money(contract.awardedCeilingCents),
    termStart: contract.termStart,
    termEnd: contract.termEnd,
    optionMonths: contract.optionMonths,
    awardedOn: contract.awardedOn,
    endedOn: contract.endedOn,
    calledOff: money(calledOffCents),
  };
}

const FIGURES: readonly [string, string, readonly Measure[]][] = [
  ['purchases', 'purchase', ['entities', 'cancelled', 'committedCents']],
  ['invoiced', 'purchase', ['invoicedCents']],
  ['paid', 'purchase', ['realisedCents']],
  ['grants.awarded', 'grant', ['entities']],
  ['grants.paid', 'grant', ['realisedCents', 'reclaimedCents']],
];

function providerEvidence(reader: LedgerReader, partyId: string, contracts: readonly ContractHeader[], years: readonly number[], cut: Cut): Record<string, unknown> {
  const evidence = new Evidence(reader, cut);
  const movements = reader.movementsAt('party', partyId, cut);
  for (const year of years) {
    for (const contract of contracts) {
      if (yearOf(contract.termStart) <= year && year <= yearOf(contract.termEnd)) evidence.add(`${year}.contracts`, contract.basis);
    }
    for (const [figure, kind, measures] of FIGURES) {
      const inYear = movements.filter((m) => m.dims.kind === kind && yearOf(m.date) === year);
      const positions = eventsMoving(inYear, measures);
      if (positions.length > 0) evidence.add(`${year}.${figure}`, positions);
    }
  }
  return evidence.toJSON();
}
