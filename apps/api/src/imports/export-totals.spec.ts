// The export's side of a reconciliation: an invoice or payment counts where the ledger counts it,
// on its order's budget and allocation line, whatever budget its own line's rule names.
import type { LedgerCommand } from '@geldstroom/ledger';
import type { PlannedLine } from './booking-plan';
import { ExportTotals } from './export-totals';

function planned(role: PlannedLine['role'], budgetId: string, amountCents: number, month: string): PlannedLine {
  return {
    lineNumber: 1, role, streamId: 'expense-order', mustExist: role === 'invoice' || role === 'payment', command: {} as LedgerCommand, idempotencyKey: 'k',
    sourceReference: 'test', budgetId, lineId: budgetId === 'b2024' ? 'trajecten' : '', partyId: 'leverancier', month, amountCents, expenseId: 'order', bookingLineId: `${role}-${month}`,
  };
}

describe('the export totals of an order across the turn of the year', () => {
  it("count the January invoice and payment on the order's budget of December, committed in this export", () => {
    const totals = new ExportTotals();
    totals.add(planned('commitment', 'b2024', 1_000_000, '2024-12'));
    totals.add(planned('invoice', 'b2025', 800_000, '2025-01'));
    totals.add(planned('payment', 'b2025', 800_000, '2025-01'));
    const { budget, line } = totals.finish();
    expect(budget.b2024).toEqual({ committedCents: 1_000_000, invoicedCents: 800_000, realisedCents: 800_000, fundedCents: 0 });
    expect(budget.b2025).toBeUndefined();
    expect(line['b2024/trajecten'].realisedCents).toBe(800_000);
  });

  it("count them where the ledger holds an order committed by an earlier export, under its supplier, and on their own line where the ledger has no order", () => {
    const order = { budgetId: 'b2024', lineId: 'trajecten', partyId: 'reha', amountCents: 1_000_000, paidCents: 0 };
    const held = new ExportTotals((expenseId) => (expenseId === 'order' ? order : undefined));
    // A payment line without a creditor: the order's supplier is who was paid.
    held.add({ ...planned('payment', 'b2025', 800_000, '2025-01'), partyId: 'gemeente' });
    const totals = held.finish();
    expect(Object.keys(totals.budget)).toEqual(['b2024']);
    expect(Object.keys(totals.party)).toEqual(['reha']);
    const unknown = new ExportTotals();
    unknown.add(planned('invoice', 'b2025', 800_000, '2025-01'));
    expect(Object.keys(unknown.finish().budget)).toEqual(['b2025']);
  });

  it("commit what a payment pays above an order of an earlier export, in the payment's month, as the ledger does", () => {
    // 10,000 ordered before, 4,000 paid before: 6,500 paid now commits 500 more.
    const held = new ExportTotals(() => ({ budgetId: 'b2024', lineId: 'trajecten', partyId: 'reha', amountCents: 1_000_000, paidCents: 400_000 }));
    held.add(planned('payment', 'b2024', 650_000, '2024-12'));
    expect(held.finish().month['2024-12']).toEqual({ committedCents: 50_000, invoicedCents: 0, realisedCents: 650_000, fundedCents: 0 });
    // Raised by 2,000 in this export and paid 11,000: committed 12,000 against 10,000 before.
    const raised = new ExportTotals(() => ({ budgetId: 'b2024', lineId: 'trajecten', partyId: 'reha', amountCents: 1_000_000, paidCents: 0 }));
    raised.add(planned('commitment', 'b2024', 200_000, '2024-11'));
    raised.add(planned('payment', 'b2024', 1_100_000, '2024-11'));
    expect(raised.finish().budget.b2024.committedCents).toBe(200_000);
  });
});
