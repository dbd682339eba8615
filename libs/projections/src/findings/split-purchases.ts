// Possible splitting: commitments to one supplier by one buyer for one kind of service in a year,
// each too small to need more than the procedure it was bought by, that together pass the
// threshold of the heaviest procedure among them.
import type { SpendingKind } from '../model/movement';
import { money } from '../model/money';
import type { Finding } from './finding';
import type { FindingInputs } from './derive';
import { derived, thresholdDetail } from './derived';
import { passes, thresholdFor, valueOverTerm, type ProcurementThreshold, type ProcurementThresholds } from './procurement-thresholds';

/**
 * The kinds of spending bought from a supplier, that procurement rules (and so splitting) apply
 * to: purchases (and the contracts they are called off under), hired staff, operating and other
 * costs. Own staff, wage-cost subsidy and contributions are not procured.
 */
export const PROCURED_KINDS: readonly SpendingKind[] = ['purchase', 'hired-staff', 'operating', 'other'];

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
export function splitPurchases(supplierPartyId: string, inputs: FindingInputs, thresholds: ProcurementThresholds): Finding[] {
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

