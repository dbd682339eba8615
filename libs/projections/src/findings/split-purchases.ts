// Possible splitting: commitments to one supplier by one buyer for one kind of service in a year,
// each too small to need more than the procedure it was bought by, that together pass the
// threshold of the heaviest procedure among them.
//
// A supplier can take a hundred thousand orders in a year: the orders are read by group and the
// parts among them counted through FindingInputs (kept up to date order by order for "now", see
// engine/split-orders.ts; counted from the orders a cut sees for `on`), and a finding names the
// first parts and the last, with how many there are, never every one.
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

/** Orders outside a contract are bought with a single quote at most. */
export const ORDER_PROCEDURE = 'single-quote';

/** How many parts a finding names by their events: the first of them and the last. */
export const PARTS_NAMED = 20;

/** The group an order or contract belongs to: its buyer, fiscal year and kind of service. */
export function groupKey(buyerPartyId: string, date: string, serviceKind: SpendingKind): string {
  return [buyerPartyId, date.slice(0, 4), serviceKind].join('|');
}

/** One order as a part: where it was made and when. */
export interface PartEvent {
  readonly position: number;
  readonly date: string;
}

/** The orders of a group that are parts under a threshold: how many, their sum, the first few and the last. */
export interface OrderParts {
  readonly count: number;
  readonly totalCents: number;
  /** In business order: the first PARTS_NAMED - 1 parts and the last. */
  readonly named: readonly PartEvent[];
}

/** An order below its threshold is a part; an order of nothing is none. */
export function isPart(valueCents: number, threshold: ProcurementThreshold): boolean {
  return valueCents > 0 && valueCents < partsBelowCents(threshold);
}

/** Parts are worth less than this (in whole cents: what does not pass the threshold). */
export function partsBelowCents(threshold: ProcurementThreshold): number {
  return threshold.comparison === 'at-or-above' ? threshold.thresholdCents : threshold.thresholdCents + 1;
}

/** The parts among orders (given in business order) under a threshold, counted the one way. */
export function orderPartsOf(orders: Iterable<{ readonly valueCents: number } & PartEvent>, threshold: ProcurementThreshold): OrderParts {
  let count = 0;
  let totalCents = 0;
  const named: PartEvent[] = [];
  let last: PartEvent | undefined;
  for (const order of orders) {
    if (!isPart(order.valueCents, threshold)) continue;
    count += 1;
    totalCents += order.valueCents;
    if (named.length < PARTS_NAMED - 1) named.push({ position: order.position, date: order.date });
    last = { position: order.position, date: order.date };
  }
  return { count, totalCents, named: last && count >= PARTS_NAMED ? [...named, last] : named };
}

/** A contract as a commitment of its group: at its value over the whole term with options. */
interface ContractCommitment {
  readonly key: string;
  readonly date: string;
  readonly valueCents: number;
  readonly procedure: string;
  readonly positions: readonly number[];
}

function contractsOf(supplierPartyId: string, inputs: FindingInputs): ContractCommitment[] {
  return inputs.supplierContracts(supplierPartyId).map((c) => ({
    // Call-offs under a contract buy the same service as a purchase does.
    key: groupKey(c.buyerPartyId, c.awardedOn, 'purchase'),
    date: c.awardedOn,
    valueCents: valueOverTerm(c.ceilingCents, c.termStart, c.termEnd, c.optionMonths),
    procedure: c.procedure,
    positions: c.basis,
  }));
}

/**
 * Commitments to one supplier by one buyer (the owner of the budget charged, or a contract's
 * buyer) for one kind of service in one year, each too small to need more than the procedure it
 * was bought by, together past the threshold of the heaviest procedure among them: bought in
 * parts, the whole was bought by too light a procedure. A contract counts at its value over its
 * whole term with options; an order outside any contract as a single quote. The begrotingsjaar of
 * a Dutch municipality is the calendar year, so a commitment's year is its fiscal year. Thresholds
 * are those in force at the group's latest commitment: the moment the whole was complete.
 */
export function splitPurchases(supplierPartyId: string, inputs: FindingInputs, thresholds: ProcurementThresholds): Finding[] {
  // A party that stands for many creditors (an import's other creditors, natural persons) is no one supplier to split purchases with.
  if (inputs.party(supplierPartyId)?.kind === 'collective') return [];
  const contracts = contractsOf(supplierPartyId, inputs);
  const orderGroups = new Map(inputs.supplierOrderGroups(supplierPartyId).map((g) => [g.key, g.lastOn]));
  const keys = [...new Set([...orderGroups.keys(), ...contracts.map((c) => c.key)])].sort();
  return keys.flatMap((key) => {
    const inGroup = contracts.filter((c) => c.key === key);
    const lastDate = [orderGroups.get(key) ?? '', ...inGroup.map((c) => c.date)].reduce((a, b) => (b > a ? b : a), '');
    const finding = groupFinding(supplierPartyId, key, lastDate, orderGroups.has(key), inGroup, inputs, thresholds);
    return finding ? [finding] : [];
  });
}

function groupFinding(
  supplierPartyId: string,
  key: string,
  lastDate: string,
  hasOrders: boolean,
  contracts: readonly ContractCommitment[],
  inputs: FindingInputs,
  thresholds: ProcurementThresholds,
): Finding | undefined {
  const orderThreshold = thresholdFor(thresholds, ORDER_PROCEDURE, lastDate);
  const orders = hasOrders && orderThreshold ? inputs.supplierOrderParts(supplierPartyId, key, orderThreshold) : { count: 0, totalCents: 0, named: [] };
  let threshold = orders.count > 0 ? orderThreshold : undefined;
  const contractParts = contracts.filter((c) => {
    const own = thresholdFor(thresholds, c.procedure, lastDate);
    // No threshold bounds its procedure (a European tender): that contract is not a part.
    if (!own || !isPart(c.valueCents, own)) return false;
    if (!threshold || own.thresholdCents > threshold.thresholdCents) threshold = own;
    return true;
  });
  const totalCents = orders.totalCents + contractParts.reduce((sum, c) => sum + c.valueCents, 0);
  if (!threshold || orders.count + contractParts.length < 2 || !passes(totalCents, threshold)) return undefined;
  const [buyerPartyId, fiscalYear, serviceKind] = key.split('|');
  const suffix = serviceKind === 'purchase' ? '' : `:${serviceKind}`;
  const offending = [...orders.named, ...contractParts.flatMap((c) => c.positions.map((position) => ({ position, date: c.date })))];
  return derived(inputs, 'split-purchase', `${supplierPartyId}:${buyerPartyId}:${fiscalYear}${suffix}`, `party-${supplierPartyId}`, offending, [], {
    supplierPartyId,
    buyerPartyId: buyerPartyId || null,
    fiscalYear: Number(fiscalYear),
    serviceKind,
    purchases: orders.count,
    contracts: contractParts.length,
    total: money(totalCents),
    ...(orders.count > orders.named.length ? { purchasesNotNamed: orders.count - orders.named.length } : {}),
    ...thresholdDetail(threshold),
  });
}
