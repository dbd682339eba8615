// The commitment of a purchase order. A financial system exports an order as one commitment line
// or several (a line per article, per year of a contract, an extension booked later); the ledger
// records an order as one expense, committed once. So before the import writes anything, the
// export's commitment lines are added up per order (a first reading of the file), and every
// commitment line of an order sends the same CommitExpense: the order's total, described and dated
// as its first line, keyed by the order as the API keys it. The first line writes it, the others
// answer as replays of it, and the order's invoices then follow the whole commitment. The same
// export again, or a re-export in another column order, is the same command: nothing is written.
import type { CommitExpense } from '@geldstroom/ledger';
import type { BookingMapping } from './booking-mapping';
import { missingColumns, readLine } from './booking-line';
import { LineIdentity, planLine, type KnownBudget, type Planning, type PlannedLine } from './booking-plan';
import { readRows, type InspectedFile } from './booking-source';

interface OrderCommitment {
  readonly firstLine: number;
  /** What the order charges: every commitment line of it must charge the same (one expense). */
  readonly charge: string;
  /** The order's CommitExpense, its amount the total of its commitment lines so far. */
  command: CommitExpense;
  readonly sourceReference: string;
}

export class OrderCommitments {
  /** By the order's expense id; bounded by the orders of the export, not its lines. */
  private readonly orders = new Map<string, OrderCommitment>();

  /** A commitment line as the first reading meets it. */
  add(plan: PlannedLine): void {
    const order = this.orders.get(plan.expenseId);
    if (!order) {
      this.orders.set(plan.expenseId, { firstLine: plan.lineNumber, charge: chargeOf(plan), command: plan.command as CommitExpense, sourceReference: plan.sourceReference });
      return;
    }
    // A line charging something else is refused when it is imported (planOf), and adds nothing.
    if (chargeOf(plan) === order.charge) order.command = { ...order.command, amountCents: order.command.amountCents + plan.amountCents };
  }

  /** A commitment line as it is sent: the order's whole commitment, or refused when it charges otherwise. */
  planOf(plan: PlannedLine): Planning {
    const order = this.orders.get(plan.expenseId);
    // The first reading planned every line the import plans: an order it did not see is a bug.
    if (!order) throw new Error(`order ${plan.expenseId} of line ${plan.lineNumber} was not seen when the file was first read`);
    if (chargeOf(plan) !== order.charge) {
      return {
        ok: false,
        reason: `the order's first commitment line (line ${order.firstLine}) charges another budget, allocation line, programme, payee or kind: an order is one expense, so all its commitment lines charge the same`,
      };
    }
    return { ok: true, plan: { ...plan, command: order.command, sourceReference: order.sourceReference } };
  }
}

/**
 * Reads the file once, before anything is written, for the commitment lines of its orders. Only
 * when the mapping has commitment lines at all: an export of booked costs is read once, as before.
 */
export async function orderCommitmentsOf(path: string, file: InspectedFile, mapping: BookingMapping, budgets: ReadonlyMap<string, KnownBudget>): Promise<OrderCommitments> {
  const commitments = new OrderCommitments();
  if (!mapping.lines.some((rule) => rule.as === 'commitment')) return commitments;
  const identity = new LineIdentity(mapping);
  // A header without the mapped columns is refused, with its reason, when the import reads it.
  const header = { usable: true };
  const checkHeader = (headers: readonly string[]) => (header.usable = headers.length > 0 && missingColumns(mapping, headers).length === 0);
  for await (const row of readRows(path, file, mapping, checkHeader)) {
    if (!header.usable) break;
    if ('error' in row) continue;
    const reading = readLine(mapping, row);
    if (!reading.ok) continue;
    const planning = planLine(mapping, budgets, reading.line, identity.keyOf(reading.line));
    if (planning.ok && planning.plan.role === 'commitment') commitments.add(planning.plan);
  }
  return commitments;
}

function chargeOf(plan: PlannedLine): string {
  const { kind, budgetId, budgetLineId, programmeId, payeePartyId, period } = plan.command as CommitExpense;
  return JSON.stringify([kind, budgetId, budgetLineId ?? '', programmeId ?? '', payeePartyId, period ?? null]);
}
