// The events behind a who-paid answer: the payments, and the inflows of every budget they drew on,
// back through the transfers that fed those budgets.
import type { Movement } from '../model/movement';
import { eventsMoving } from './evidence';
import type { Cut, LedgerReader } from './reader';

export function whoPaidEvidence(reader: LedgerReader, payments: readonly Movement[], cut: Cut): number[] {
  const positions = new Set(paymentsWithFunders(payments));
  const seen = new Set<string>();
  const queue = [...new Set(payments.filter((m) => m.funders !== null && m.dims.budgetId).map((m) => m.dims.budgetId!))];
  while (queue.length > 0) {
    const budgetId = queue.pop()!;
    if (seen.has(budgetId)) continue;
    seen.add(budgetId);
    const inflows = reader.movementsAt('budget', budgetId, cut).filter((m) => m.dims.kind === 'funding' || m.dims.kind === 'transfer-in');
    for (const position of eventsMoving(inflows, ['fundedCents', 'transferredInCents'])) positions.add(position);
    for (const m of inflows) if (m.dims.kind === 'transfer-in' && m.dims.counterBudgetId) queue.push(m.dims.counterBudgetId);
  }
  return [...positions];
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
