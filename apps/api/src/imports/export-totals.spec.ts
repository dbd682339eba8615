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

  it('count them where the ledger holds an order committed by an earlier export, and on their own line where the ledger has no order', () => {
    const held = new ExportTotals((expenseId) => (expenseId === 'order' ? { budgetId: 'b2024', lineId: 'trajecten' } : undefined));
    held.add(planned('invoice', 'b2025', 800_000, '2025-01'));
    expect(Object.keys(held.finish().budget)).toEqual(['b2024']);
    const unknown = new ExportTotals();
    unknown.add(planned('invoice', 'b2025', 800_000, '2025-01'));
    expect(Object.keys(unknown.finish().budget)).toEqual(['b2025']);
  });
});
