import { euros, MONEY_CENTS_MAX, type Cents } from '../money/money';
import { deciderSpec } from '../testing/decider-spec';
import { budget, knowing, party, programme, reversedAway } from '../testing/fixtures';
import type { AddExpenseBooking, BookExpense, CancelExpense, CommitExpense, InvoiceExpense, PayExpense, RaiseExpenseCommitment } from './expense.commands';
import { expenseDecider } from './expense.decider';
import type { ExpenseBooked, ExpenseCancelled, ExpenseCommitmentRaised, ExpenseCommitted, ExpenseInvoiced, ExpensePaid } from './expense.events';

// Heerlen hires a job coach through an agency (committed, invoiced, paid), books its own staff
// month by month, and pays a wage-cost subsidy to an employer for a quarter.
const EXPENSE_ID = 'inhuur-jobcoach-2024';
const HEERLEN = 'gemeente-heerlen';
const CHARGE = {
  kind: 'hired-staff' as const,
  budgetId: 'heerlen-participatie-2024',
  budgetLineId: 'inhuur',
  programmeId: 'heerlen-pilot-fit-2024',
  payeePartyId: 'uitzendbureau-zuid',
};

const references = knowing(
  party(HEERLEN),
  party(CHARGE.payeePartyId, 'company'),
  party('wsp-parkstad', 'joint-arrangement'),
  budget(CHARGE.budgetId, HEERLEN, [CHARGE.budgetLineId]),
  programme(CHARGE.programmeId, HEERLEN),
);

const given = deciderSpec(expenseDecider, { knowing: references });

const commit = (overrides: Partial<CommitExpense> = {}): CommitExpense => ({
  type: 'CommitExpense',
  expenseId: EXPENSE_ID,
  ...CHARGE,
  description: 'Inhuur jobcoach pilot, 2e halfjaar',
  amountCents: euros(30_000),
  effectiveDate: '2024-07-01',
  ...overrides,
});

const book = (overrides: Partial<BookExpense> = {}): BookExpense => ({
  type: 'BookExpense',
  expenseId: 'personeel-participatie-2024',
  bookingId: 'salarissen-2024-01',
  kind: 'personnel',
  budgetId: CHARGE.budgetId,
  payeePartyId: HEERLEN,
  description: 'Salarissen team participatie',
  amountCents: euros(47_166) + 67,
  period: { from: '2024-01-01', to: '2024-01-31' },
  effectiveDate: '2024-01-25',
  ...overrides,
});

const addBooking = (overrides: Partial<AddExpenseBooking> = {}): AddExpenseBooking => ({
  type: 'AddExpenseBooking',
  expenseId: 'personeel-participatie-2024',
  bookingId: 'salarissen-2024-02',
  description: 'Salarissen team participatie',
  amountCents: euros(47_166) + 67,
  period: { from: '2024-02-01', to: '2024-02-29' },
  effectiveDate: '2024-02-25',
  ...overrides,
});

const raise = (overrides: Partial<RaiseExpenseCommitment> = {}): RaiseExpenseCommitment => ({
  type: 'RaiseExpenseCommitment',
  expenseId: EXPENSE_ID,
  commitmentId: 'meerwerk-1',
  description: 'Inhuur jobcoach verlengd tot eind december',
  amountCents: euros(10_000),
  effectiveDate: '2024-10-01',
  ...overrides,
});

const raised = (commitmentId: string, amountCents: Cents): ExpenseCommitmentRaised => ({
  type: 'ExpenseCommitmentRaised',
  data: { expenseId: EXPENSE_ID, commitmentId, ...CHARGE, description: 'Inhuur jobcoach verlengd tot eind december', amountCents, effectiveDate: '2024-10-01' },
});

const invoice = (overrides: Partial<InvoiceExpense> = {}): InvoiceExpense => ({
  type: 'InvoiceExpense',
  expenseId: EXPENSE_ID,
  invoiceId: 'factuur-2024-07',
  amountCents: euros(15_000),
  effectiveDate: '2024-09-30',
  ...overrides,
});

const pay = (overrides: Partial<PayExpense> = {}): PayExpense => ({
  type: 'PayExpense',
  expenseId: EXPENSE_ID,
  paymentId: 'betaling-1',
  amountCents: euros(15_000),
  effectiveDate: '2024-10-15',
  ...overrides,
});

const cancel = (overrides: Partial<CancelExpense> = {}): CancelExpense => ({
  type: 'CancelExpense',
  expenseId: EXPENSE_ID,
  reason: 'Jobcoach vervroegd vertrokken',
  effectiveDate: '2024-11-01',
  ...overrides,
});

const committed: ExpenseCommitted = {
  type: 'ExpenseCommitted',
  data: { expenseId: EXPENSE_ID, ...CHARGE, description: 'Inhuur jobcoach pilot, 2e halfjaar', amountCents: euros(30_000), effectiveDate: '2024-07-01' },
};

type Flags = ExpensePaid['data']['flags'];

const invoiced = (invoiceId: string, amountCents: Cents, flags?: Flags): ExpenseInvoiced => ({
  type: 'ExpenseInvoiced',
  data: { expenseId: EXPENSE_ID, invoiceId, ...CHARGE, amountCents, effectiveDate: '2024-09-30', ...(flags ? { flags } : {}) },
});

const paid = (paymentId: string, amountCents: Cents, flags?: Flags): ExpensePaid => ({
  type: 'ExpensePaid',
  data: { expenseId: EXPENSE_ID, paymentId, ...CHARGE, amountCents, effectiveDate: '2024-10-15', ...(flags ? { flags } : {}) },
});

const cancelled: ExpenseCancelled = {
  type: 'ExpenseCancelled',
  data: { expenseId: EXPENSE_ID, reason: 'Jobcoach vervroegd vertrokken', effectiveDate: '2024-11-01' },
};

const booked = (bookingId: string, period: { from: string; to: string }, effectiveDate: string): ExpenseBooked => ({
  type: 'ExpenseBooked',
  data: {
    expenseId: 'personeel-participatie-2024',
    kind: 'personnel',
    budgetId: CHARGE.budgetId,
    payeePartyId: HEERLEN,
    bookingId,
    description: 'Salarissen team participatie',
    amountCents: (euros(47_166) + 67) as Cents,
    period,
    effectiveDate,
  },
});

const january = booked('salarissen-2024-01', { from: '2024-01-01', to: '2024-01-31' }, '2024-01-25');

const BSN_TEXT = 'Loon van 123456782';

describe('expense decider', () => {
  describe('when nothing is recorded yet', () => {
    it('commits an expense, charged to a budget line for a programme', () => given([]).when(commit()).then([committed]));

    it('commits an expense without a line or programme, leaving those fields out', () =>
      given([])
        .when(commit({ budgetLineId: undefined, programmeId: undefined }))
        .then([{ type: 'ExpenseCommitted', data: { expenseId: EXPENSE_ID, kind: 'hired-staff', budgetId: CHARGE.budgetId, payeePartyId: CHARGE.payeePartyId, description: 'Inhuur jobcoach pilot, 2e halfjaar', amountCents: euros(30_000), effectiveDate: '2024-07-01' } }]));

    it('books own staff directly, paid to the party itself, for a period', () => given([]).when(book()).then([january]));

    it('pays a wage-cost subsidy to an employer for a quarter', () =>
      given([])
        .when(book({ kind: 'wage-cost-subsidy', payeePartyId: CHARGE.payeePartyId, description: 'Loonkostensubsidie Q1', period: { from: '2024-01-01', to: '2024-03-31' } }))
        .then([
          {
            ...january,
            data: { ...january.data, kind: 'wage-cost-subsidy', payeePartyId: CHARGE.payeePartyId, description: 'Loonkostensubsidie Q1', period: { from: '2024-01-01', to: '2024-03-31' } },
          },
        ]));

    it('commits a contribution to a joint arrangement', () =>
      given([])
        .when(commit({ kind: 'contribution', payeePartyId: 'wsp-parkstad', budgetLineId: undefined, programmeId: undefined, description: 'Bijdrage WSP Parkstad 2024' }))
        .then([{ type: 'ExpenseCommitted', data: { expenseId: EXPENSE_ID, kind: 'contribution', budgetId: CHARGE.budgetId, payeePartyId: 'wsp-parkstad', description: 'Bijdrage WSP Parkstad 2024', amountCents: euros(30_000), effectiveDate: '2024-07-01' } }]));

    it('keeps only the two dates of a period', () =>
      given([])
        .when(book({ period: { from: '2024-01-01', to: '2024-01-31', person: 'x' } as never }))
        .then([january]));

    it('refuses an expense id that is not an entity id', () => given([]).when(commit({ expenseId: 'Inhuur 1' })).thenRefused('invalid-value', 'expenseId'));
    it('refuses a kind the ledger does not know', () => given([]).when(commit({ kind: 'travel' as never })).thenRefused('invalid-value', 'kind'));
    it('refuses a booking id that is not an entity id', () => given([]).when(book({ bookingId: 'Januari' })).thenRefused('invalid-value', 'bookingId'));
    it('refuses a zero amount', () => given([]).when(commit({ amountCents: 0 })).thenRefused('invalid-amount', 'amountCents'));
    it('refuses a negative amount (a correction is a reversal)', () =>
      given([]).when(commit({ amountCents: -euros(100) })).thenRefused('invalid-amount', 'amountCents'));
    it('refuses fractions of a cent', () => given([]).when(book({ amountCents: 100.5 })).thenRefused('invalid-amount', 'amountCents'));
    it('refuses an amount beyond the bound', () => given([]).when(commit({ amountCents: MONEY_CENTS_MAX + 1 })).thenRefused('invalid-amount', 'amountCents'));
    it('refuses a date that is not a date', () => given([]).when(commit({ effectiveDate: '2024-02-30' })).thenRefused('invalid-date', 'effectiveDate'));
    it('refuses a blank description', () => given([]).when(commit({ description: ' ' })).thenRefused('invalid-value', 'description'));
    it('refuses a description holding a BSN', () => given([]).when(commit({ description: BSN_TEXT })).thenRefused('personal-data', 'description'));
    it('refuses a period that ends before it starts', () =>
      given([]).when(book({ period: { from: '2024-02-01', to: '2024-01-31' } })).thenRefused('invalid-value', 'period'));
    it('refuses a period with a date that is not a date', () =>
      given([]).when(book({ period: { from: '2024-01-01', to: '2024-01-32' } })).thenRefused('invalid-date', 'period.to'));
    it('refuses a wage-cost subsidy without a period: it is counted per employer and period', () =>
      given([]).when(commit({ kind: 'wage-cost-subsidy', period: undefined })).thenRefused('invalid-value', 'period', /per employer and period/));
    it('refuses a wage-cost subsidy paid to the owner of the budget: it goes to an employer', () =>
      given([])
        .when(book({ kind: 'wage-cost-subsidy', payeePartyId: HEERLEN }))
        .thenRefused('invalid-value', 'payeePartyId', /employer/));
    it('refuses a contribution the party would pay to itself', () =>
      given([]).when(commit({ kind: 'contribution', payeePartyId: HEERLEN })).thenRefused('invalid-value', 'payeePartyId'));

    it('refuses an unknown budget', () => given([]).when(commit({ budgetId: 'onbekend-budget' })).thenRefused('not-found', 'budgetId'));
    it('refuses a budget line the budget does not have', () =>
      given([]).when(commit({ budgetLineId: 'onbekende-regel' })).thenRefused('not-found', 'budgetLineId'));
    it('refuses an unknown payee', () => given([]).when(commit({ payeePartyId: 'onbekende-partij' })).thenRefused('not-found', 'payeePartyId'));
    it('refuses an unknown programme', () => given([]).when(commit({ programmeId: 'onbekende-pilot' })).thenRefused('not-found', 'programmeId'));
    it('refuses a budget whose opening was reversed', () =>
      given([])
        .knowing(knowing(party(CHARGE.payeePartyId, 'company'), reversedAway(budget(CHARGE.budgetId, HEERLEN)), programme(CHARGE.programmeId, HEERLEN)))
        .when(commit({ budgetLineId: undefined }))
        .thenRefused('not-found', 'budgetId'));

    it('refuses an invoice on an expense that does not exist', () => given([]).when(invoice()).thenRefused('not-found', 'expenseId'));
    it('refuses a payment on an expense that does not exist', () => given([]).when(pay()).thenRefused('not-found', 'expenseId'));
    it('refuses a booking on an expense that does not exist', () => given([]).when(addBooking()).thenRefused('not-found', 'expenseId'));
    it('refuses to cancel an expense that does not exist', () => given([]).when(cancel()).thenRefused('not-found', 'expenseId'));
  });

  describe('when the expense is committed', () => {
    it('refuses to commit it again', () => given([committed]).when(commit()).thenRefused('already-exists', 'expenseId'));
    it('refuses to open it again by booking', () => given([committed]).when(book({ expenseId: EXPENSE_ID })).thenRefused('already-exists', 'expenseId'));

    it('records an invoice, charged as the commitment was', () => given([committed]).when(invoice()).then([invoiced('factuur-2024-07', euros(15_000))]));
    it('records invoices up to exactly the commitment without a flag', () =>
      given([committed, invoiced('factuur-2024-07', euros(15_000))])
        .when(invoice({ invoiceId: 'factuur-2024-08' }))
        .then([invoiced('factuur-2024-08', euros(15_000))]));
    it('records but flags invoices above the commitment', () =>
      given([committed, invoiced('factuur-2024-07', euros(15_000))])
        .when(invoice({ invoiceId: 'factuur-2024-08', amountCents: euros(15_000) + 1 }))
        .then([invoiced('factuur-2024-08', (euros(15_000) + 1) as Cents, ['invoiced-above-committed'])]));
    it('refuses an invoice id used before', () =>
      given([committed, invoiced('factuur-2024-07', euros(15_000))]).when(invoice()).thenRefused('already-exists', 'invoiceId'));
    it('refuses a zero invoice', () => given([committed]).when(invoice({ amountCents: 0 })).thenRefused('invalid-amount', 'amountCents'));
    it('refuses an invoice naming another expense', () =>
      given([committed]).when(invoice({ expenseId: 'andere-uitgave' })).thenRefused('invalid-value', 'expenseId'));
    it('refuses invoices whose total would pass the bound', () =>
      given([committed, invoiced('factuur-2024-07', MONEY_CENTS_MAX)])
        .when(invoice({ invoiceId: 'factuur-2024-08', amountCents: 1 }))
        .thenRefused('invalid-amount', 'invoices'));

    it('pays without an invoice (a contribution is paid on a decision) and without a flag', () =>
      given([committed]).when(pay()).then([paid('betaling-1', euros(15_000))]));
    it('pays up to exactly the commitment without a flag', () =>
      given([committed, paid('betaling-1', euros(15_000))])
        .when(pay({ paymentId: 'betaling-2' }))
        .then([paid('betaling-2', euros(15_000))]));
    it('records but flags a payment beyond the commitment: an expense beyond its commitment', () =>
      given([committed, paid('betaling-1', euros(15_000))])
        .when(pay({ paymentId: 'betaling-2', amountCents: euros(15_000) + 1 }))
        .then([paid('betaling-2', (euros(15_000) + 1) as Cents, ['paid-above-committed'])]));
    it('refuses a payment id used before', () => given([committed, paid('betaling-1', euros(15_000))]).when(pay()).thenRefused('already-exists', 'paymentId'));
    it('refuses a negative payment', () => given([committed]).when(pay({ amountCents: -1 })).thenRefused('invalid-amount', 'amountCents'));
    it('refuses a booking: a commitment is invoiced and paid', () =>
      given([committed]).when(addBooking({ expenseId: EXPENSE_ID })).thenRefused('invalid-state'));

    it('raises the commitment, charged as it is', () => given([committed]).when(raise()).then([raised('meerwerk-1', euros(10_000))]));
    it('invoices up to the raised commitment without a flag', () =>
      given([committed, raised('meerwerk-1', euros(10_000))])
        .when(invoice({ amountCents: euros(40_000) }))
        .then([invoiced('factuur-2024-07', euros(40_000))]));
    it('flags a payment above the raised commitment', () =>
      given([committed, raised('meerwerk-1', euros(10_000))])
        .when(pay({ amountCents: euros(40_000) + 1 }))
        .then([paid('betaling-1', (euros(40_000) + 1) as Cents, ['paid-above-committed'])]));
    it('refuses a raise by a commitment id already counted: the raise, or the commitment it opened with', () => {
      given([committed, raised('meerwerk-1', euros(10_000))]).when(raise()).thenRefused('already-exists', 'commitmentId');
      const withId: ExpenseCommitted = { ...committed, data: { ...committed.data, commitmentId: 'regel-1' } };
      given([withId]).when(raise({ commitmentId: 'regel-1' })).thenRefused('already-exists', 'commitmentId');
    });
    it('records the id of the commitment it opened with', () =>
      given([]).when(commit({ commitmentId: 'regel-1' })).then([{ ...committed, data: { ...committed.data, commitmentId: 'regel-1' } }]));
    it('refuses a raise charged otherwise than the expense is: an order is one expense', () =>
      given([committed]).when(raise({ charge: { ...CHARGE, budgetLineId: 'andere-regel' } })).thenRefused('invalid-value', 'charge'));
    it('raises when the charge asked for is the expense\'s own', () =>
      given([committed]).when(raise({ charge: CHARGE })).then([raised('meerwerk-1', euros(10_000))]));
    it('refuses a zero raise, a raise holding a BSN, and raises whose total would pass the bound', () => {
      given([committed]).when(raise({ amountCents: 0 })).thenRefused('invalid-amount', 'amountCents');
      given([committed]).when(raise({ description: BSN_TEXT })).thenRefused('personal-data', 'description');
      given([committed]).when(raise({ amountCents: MONEY_CENTS_MAX })).thenRefused('invalid-amount', 'commitments');
    });

    it('cancels it', () => given([committed]).when(cancel()).then([cancelled]));
    it('refuses a cancellation without a reason', () => given([committed]).when(cancel({ reason: '' })).thenRefused('invalid-value', 'reason'));
    it('refuses a cancellation reason holding a BSN', () => given([committed]).when(cancel({ reason: BSN_TEXT })).thenRefused('personal-data', 'reason'));
  });

  describe('when the expense is cancelled', () => {
    const history = [committed, invoiced('factuur-2024-07', euros(15_000)), cancelled];

    it('refuses an invoice', () => given(history).when(invoice({ invoiceId: 'factuur-2024-08' })).thenRefused('invalid-state'));
    it('still pays an invoice received before the cancellation', () => given(history).when(pay()).then([paid('betaling-1', euros(15_000))]));
    it('refuses a payment beyond what was invoiced, saying what is still payable', () =>
      given(history).when(pay({ amountCents: euros(15_000) + 1 })).thenRefused('invalid-state', undefined, /15000\.00 is still payable/));
    it('refuses any payment when nothing was invoiced', () => given([committed, cancelled]).when(pay({ amountCents: 1 })).thenRefused('invalid-state'));
    it('refuses a second cancellation', () => given(history).when(cancel()).thenRefused('invalid-state'));
    it('refuses a raise', () => given(history).when(raise()).thenRefused('invalid-state', undefined, /cancelled/));
  });

  describe('when the expense was opened by a booking', () => {
    it('books the next month, charged as the first', () =>
      given([january]).when(addBooking()).then([booked('salarissen-2024-02', { from: '2024-02-01', to: '2024-02-29' }, '2024-02-25')]));
    it('books without a period for a kind that needs none', () => {
      const { period: _period, ...withoutPeriod } = booked('salarissen-2024-02', { from: '2024-02-01', to: '2024-02-29' }, '2024-02-25').data;
      given([january]).when(addBooking({ period: undefined })).then([{ type: 'ExpenseBooked', data: withoutPeriod }]);
    });
    it('refuses a booking id used before', () => given([january]).when(addBooking({ bookingId: 'salarissen-2024-01' })).thenRefused('already-exists', 'bookingId'));
    it('refuses a booking of a wage-cost subsidy without a period', () => {
      const subsidy: ExpenseBooked = { ...january, data: { ...january.data, kind: 'wage-cost-subsidy', payeePartyId: CHARGE.payeePartyId } };
      given([subsidy]).when(addBooking({ period: undefined })).thenRefused('invalid-value', 'period');
    });
    it('refuses bookings whose total would pass the bound', () =>
      given([january]).when(addBooking({ amountCents: MONEY_CENTS_MAX })).thenRefused('invalid-amount', 'bookings'));
    it('refuses an invoice: a booking is paid as it is booked', () =>
      given([january]).when(invoice({ expenseId: 'personeel-participatie-2024' })).thenRefused('invalid-state', undefined, /add a booking/));
    it('refuses a payment: a booking is paid as it is booked', () =>
      given([january]).when(pay({ expenseId: 'personeel-participatie-2024' })).thenRefused('invalid-state'));
    it('refuses a raise: a booking is added, not raised', () =>
      given([january]).when(raise({ expenseId: 'personeel-participatie-2024' })).thenRefused('invalid-state', undefined, /add a booking/));
    it('refuses a raise of an expense not recorded', () => given([]).when(raise()).thenRefused('not-found'));
    it('refuses a cancellation: nothing is left unpaid', () =>
      given([january]).when(cancel({ expenseId: 'personeel-participatie-2024' })).thenRefused('invalid-state', undefined, /reverse a booking/));
  });

  describe('when a command of another stream kind arrives', () => {
    it('refuses it', () => given([committed]).when({ type: 'AwardGrant' } as never).thenRefused('invalid-value', 'type'));
  });
});
