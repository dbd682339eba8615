// What an export adds up to, per budget, allocation line, creditor (as the party it maps to) and
// month: kept as the lines go by, in memory bounded by those subjects, not by the lines. Committed
// follows the ledger's rule for an order: its amount, or what was paid on it when that is more,
// month by month (each commitment line counts in its own month, as the ledger dates each one).
import type { PlannedLine } from './booking-plan';

export const TOTAL_MEASURES = ['committedCents', 'invoicedCents', 'realisedCents', 'fundedCents'] as const;
export type TotalMeasure = (typeof TOTAL_MEASURES)[number];
export type Totals = Record<TotalMeasure, number>;

export const SUBJECT_KINDS = ['budget', 'line', 'party', 'month'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** Totals by subject: `budget` → budget id, `line` → `budget/line`, `party` → party id, `month` → YYYY-MM. */
export type TotalsBySubject = Record<SubjectKind, Record<string, Totals>>;

interface OrderTally {
  readonly budgetId: string;
  readonly lineId: string;
  readonly partyId: string;
  /** Committed and paid per month (YYYY-MM) of the lines. */
  readonly months: Map<string, { amountCents: number; paidCents: number }>;
  opened: boolean;
}

/**
 * An order as the ledger held it when the import started: what it is charged to and who it pays
 * (its invoices and payments count there, as the ledger counts them), and what it committed and
 * had paid (a payment above what it commits commits the rest: the ledger's rule).
 */
export interface OrderCharge {
  readonly budgetId: string;
  readonly lineId: string;
  readonly partyId: string;
  /** What its commitment lines commit (0 once it was cancelled). */
  readonly amountCents: number;
  readonly paidCents: number;
}

export function zeroTotals(): Totals {
  return { committedCents: 0, invoicedCents: 0, realisedCents: 0, fundedCents: 0 };
}

export class ExportTotals {
  private readonly subjects: TotalsBySubject = { budget: {}, line: {}, party: {}, month: {} };
  private readonly orders = new Map<string, OrderTally>();

  private readonly held = new Map<string, OrderCharge | undefined>();

  /** `orderCharge`: an order committed by an earlier export, as the ledger held it when the import started. */
  constructor(private readonly orderCharge: (expenseId: string) => OrderCharge | undefined = () => undefined) {}

  add(plan: PlannedLine): void {
    const { amountCents } = plan;
    switch (plan.role) {
      case 'expense':
        this.count(plan, { committedCents: amountCents, realisedCents: amountCents });
        break;
      case 'income':
        this.count(plan, { fundedCents: amountCents });
        break;
      case 'invoice':
        this.count({ ...plan, ...this.chargeOf(plan) }, { invoicedCents: amountCents });
        break;
      case 'commitment':
        this.month(plan).amountCents += amountCents;
        this.order(plan).opened = true;
        break;
      case 'payment':
        this.count({ ...plan, ...this.chargeOf(plan) }, { realisedCents: amountCents });
        this.month(plan).paidCents += amountCents;
        break;
    }
  }

  /**
   * An invoice or payment counts where its order is charged (the ledger's rule), whatever budget
   * its own line's rule names (an invoice of January on an order of December's budget): the
   * order's commitment line of this export, or the order as the ledger holds it.
   */
  private chargeOf(plan: PlannedLine): Pick<OrderCharge, 'budgetId' | 'lineId' | 'partyId'> {
    const order = this.orders.get(plan.expenseId);
    if (order?.opened) return { budgetId: order.budgetId, lineId: order.lineId, partyId: order.partyId };
    const held = this.heldOrder(plan.expenseId);
    return held ? { budgetId: held.budgetId, lineId: held.lineId, partyId: held.partyId } : { budgetId: plan.budgetId, lineId: plan.lineId, partyId: plan.partyId };
  }

  /** The order as the ledger held it before this export, read once. */
  private heldOrder(expenseId: string): OrderCharge | undefined {
    if (!this.held.has(expenseId)) this.held.set(expenseId, this.orderCharge(expenseId));
    return this.held.get(expenseId);
  }

  /** The totals with every order's commitment counted; call once, after the last line. */
  finish(): TotalsBySubject {
    for (const [expenseId, tally] of this.orders) {
      // An order committed by an earlier export goes on from what it committed and had paid then:
      // this export's payments above it commit the rest, its commitment lines raise it.
      const held = this.heldOrder(expenseId);
      if (!tally.opened && !held) continue;
      const order = tally.opened || !held ? tally : { ...tally, budgetId: held.budgetId, lineId: held.lineId, partyId: held.partyId };
      let [amountCents, paidCents] = [held?.amountCents ?? 0, held?.paidCents ?? 0];
      let committedCents = Math.max(amountCents, paidCents);
      for (const [month, of] of [...order.months].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        [amountCents, paidCents] = [amountCents + of.amountCents, paidCents + of.paidCents];
        const now = Math.max(amountCents, paidCents);
        if (now !== committedCents) this.count({ ...order, month }, { committedCents: now - committedCents });
        committedCents = now;
      }
    }
    this.orders.clear();
    return this.subjects;
  }

  private order(plan: PlannedLine): OrderTally {
    let order = this.orders.get(plan.expenseId);
    if (!order) {
      order = { budgetId: plan.budgetId, lineId: plan.lineId, partyId: plan.partyId, months: new Map(), opened: false };
      this.orders.set(plan.expenseId, order);
    }
    // What a commitment line charges is the order's (a payment names only the order).
    if (plan.role === 'commitment' && !order.opened) Object.assign(order, { budgetId: plan.budgetId, lineId: plan.lineId, partyId: plan.partyId });
    return order;
  }

  private month(plan: PlannedLine): { amountCents: number; paidCents: number } {
    const { months } = this.order(plan);
    let month = months.get(plan.month);
    if (!month) {
      month = { amountCents: 0, paidCents: 0 };
      months.set(plan.month, month);
    }
    return month;
  }

  private count(subject: { budgetId: string; lineId: string; partyId: string; month: string }, amounts: Partial<Totals>): void {
    const into = (kind: SubjectKind, key: string) => {
      const totals = (this.subjects[kind][key] ??= zeroTotals());
      for (const [measure, cents] of Object.entries(amounts)) totals[measure as TotalMeasure] += cents;
    };
    into('budget', subject.budgetId);
    if (subject.lineId !== '') into('line', `${subject.budgetId}/${subject.lineId}`);
    if (subject.partyId !== '' && amounts.fundedCents === undefined) into('party', subject.partyId);
    into('month', subject.month);
  }
}
