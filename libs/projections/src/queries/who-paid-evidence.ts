// The events behind a who-paid answer: the payments, and the inflows of every budget they drew on,
// back through the transfers that fed those budgets. A pool is drawn in business order (date, then
// journal position: engine/pool-folds.ts), so only an inflow before an outflow can have paid for
// it: a budget's inflows are cited up to the latest of its outflows the answer attributes, and the
// inflows of a budget that fed it by a transfer up to that transfer.
import { compareBusiness, type BusinessKey } from '../model/ledger-fact';
import type { Movement } from '../model/movement';
import { eventsMoving } from './evidence';
import type { Cut, LedgerReader } from './reader';

export function whoPaidEvidence(reader: LedgerReader, payments: readonly Movement[], cut: Cut): number[] {
  const paying = paymentsWithFunders(payments);
  const positions = new Set(paying);
  const until = latestOutflows(payments, new Set(paying));
  const queue = [...until.keys()];
  while (queue.length > 0) {
    const budgetId = queue.pop()!;
    const last = until.get(budgetId)!;
    const inflows = reader
      .movementsAt('budget', budgetId, cut)
      .filter((m) => (m.dims.kind === 'funding' || m.dims.kind === 'transfer-in') && compareBusiness(businessKey(m), last) <= 0);
    const cited = new Set(eventsMoving(inflows, ['fundedCents', 'transferredInCents']));
    for (const position of cited) positions.add(position);
    for (const m of inflows) {
      if (m.dims.kind !== 'transfer-in' || !m.dims.counterBudgetId || !cited.has(m.eventPosition)) continue;
      if (raise(until, m.dims.counterBudgetId, sendingKey(reader, m))) queue.push(m.dims.counterBudgetId);
    }
  }
  return [...positions];
}

/** Per budget, the latest outflow (in business order) among the payments cited; a reclaim draws nothing. */
function latestOutflows(payments: readonly Movement[], paying: ReadonlySet<number>): Map<string, BusinessKey> {
  const until = new Map<string, BusinessKey>();
  for (const m of payments) {
    if (!m.funders || !m.dims.budgetId || !paying.has(m.eventPosition) || m.eventType === 'GrantReclaimed') continue;
    raise(until, m.dims.budgetId, businessKey(m));
  }
  return until;
}

/**
 * Where the sending pool drew a transfer: at its outgoing side, which has the incoming side's date
 * (one command writes both) and an earlier position; the incoming side's own place if not found.
 */
function sendingKey(reader: LedgerReader, transferIn: Movement): BusinessKey {
  const [origin] = reader.originsOf([transferIn.eventPosition]);
  return { date: transferIn.date, position: origin ?? transferIn.eventPosition };
}

/** Moves a budget's bound later; true when it moved (its inflows are then read again). */
function raise(until: Map<string, BusinessKey>, budgetId: string, key: BusinessKey): boolean {
  const known = until.get(budgetId);
  if (known && compareBusiness(key, known) <= 0) return false;
  until.set(budgetId, key);
  return true;
}

function businessKey(m: Movement): BusinessKey {
  return { date: m.date, position: m.eventPosition };
}

/** Payments (and reclaims) whose draws on a pool, added up per event, do not cancel out (reversed). */
function paymentsWithFunders(movements: readonly Movement[]): number[] {
  const net = new Map<number, Map<string, number>>();
  for (const m of movements) {
    if (!m.funders) continue;
    const sum = net.get(m.eventPosition) ?? new Map<string, number>();
    for (const [party, cents] of m.funders) sum.set(party, (sum.get(party) ?? 0) + cents);
    net.set(m.eventPosition, sum);
  }
  return [...net].filter(([, sum]) => [...sum.values()].some((cents) => cents !== 0)).map(([position]) => position);
}
