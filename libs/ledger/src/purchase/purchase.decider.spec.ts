import { euros, MONEY_CENTS_MAX, type Cents } from '../money/money';
import { deciderSpec } from '../testing/decider-spec';
import { budget, contract, knowing, party, programme, reversedAway, type KnownStream } from '../testing/fixtures';
import type { CancelPurchase, InvoicePurchase, PayPurchase, PurchaseTrajectories } from './purchase.commands';
import { purchaseDecider, TRAJECTORY_COUNT_MAX } from './purchase.decider';
import type { PurchaseCancelled, PurchaseInvoiced, PurchasePaid, TrajectoriesPurchased } from './purchase.events';

// Heerlen buys ten re-integration trajectories at € 2.000 from WerkvoorHeerlen, called off under
// a framework contract (ceiling € 30.000 in the fixture) for the pilot, then invoiced and paid.
const PURCHASE_ID = 'trajecten-fit-2024-1';
const CHARGE = {
  budgetId: 'heerlen-reintegratie-2024',
  supplierPartyId: 'werkvoorheerlen',
  contractId: 'raamovereenkomst-werkvoorheerlen',
  programmeId: 'heerlen-pilot-fit-2024',
  budgetLineId: 'producten-werkvoorheerlen',
};

const references = knowing(
  party('gemeente-heerlen'),
  party(CHARGE.supplierPartyId, 'foundation'),
  party('leerwerkbedrijf', 'company'),
  budget(CHARGE.budgetId, 'gemeente-heerlen', [CHARGE.budgetLineId]),
  programme(CHARGE.programmeId, 'gemeente-heerlen'),
  contract(CHARGE.contractId, CHARGE.supplierPartyId),
);

const given = deciderSpec(purchaseDecider, { knowing: references });

const purchase = (overrides: Partial<PurchaseTrajectories> = {}): PurchaseTrajectories => ({
  type: 'PurchaseTrajectories',
  purchaseId: PURCHASE_ID,
  ...CHARGE,
  count: 10,
  unitPriceCents: euros(2_000),
  targetGroup: 'Bijstandsgerechtigden met afstand tot de arbeidsmarkt',
  effectiveDate: '2024-07-15',
  ...overrides,
});

const invoice = (overrides: Partial<InvoicePurchase> = {}): InvoicePurchase => ({
  type: 'InvoicePurchase',
  purchaseId: PURCHASE_ID,
  invoiceId: 'factuur-2024-001',
  amountCents: euros(10_000),
  effectiveDate: '2024-09-30',
  ...overrides,
});

const pay = (overrides: Partial<PayPurchase> = {}): PayPurchase => ({
  type: 'PayPurchase',
  purchaseId: PURCHASE_ID,
  paymentId: 'betaling-1',
  amountCents: euros(10_000),
  effectiveDate: '2024-10-15',
  ...overrides,
});

const cancel = (overrides: Partial<CancelPurchase> = {}): CancelPurchase => ({
  type: 'CancelPurchase',
  purchaseId: PURCHASE_ID,
  reason: 'Minder deelnemers ingestroomd',
  effectiveDate: '2024-11-01',
  ...overrides,
});

const purchased: TrajectoriesPurchased = {
  type: 'TrajectoriesPurchased',
  data: {
    purchaseId: PURCHASE_ID,
    ...CHARGE,
    count: 10,
    unit: 'trajectory',
    unitPriceCents: euros(2_000),
    totalCents: euros(20_000),
    targetGroup: 'Bijstandsgerechtigden met afstand tot de arbeidsmarkt',
    effectiveDate: '2024-07-15',
  },
};

/** An order recorded before purchases named their unit: it has none, and counts trajectories. */
const { unit: _unit, ...purchasedBeforeUnits } = purchased.data;
const purchasedWithoutUnit: TrajectoriesPurchased = { type: 'TrajectoriesPurchased', data: purchasedBeforeUnits };

type Flags = PurchasePaid['data']['flags'];

const invoiced = (invoiceId: string, amountCents: Cents, flags?: Flags): PurchaseInvoiced => ({
  type: 'PurchaseInvoiced',
  data: { purchaseId: PURCHASE_ID, invoiceId, ...CHARGE, amountCents, effectiveDate: '2024-09-30', ...(flags ? { flags } : {}) },
});

const paid = (paymentId: string, amountCents: Cents, flags?: Flags): PurchasePaid => ({
  type: 'PurchasePaid',
  data: { purchaseId: PURCHASE_ID, paymentId, ...CHARGE, amountCents, effectiveDate: '2024-10-15', ...(flags ? { flags } : {}) },
});

const cancelled: PurchaseCancelled = {
  type: 'PurchaseCancelled',
  data: { purchaseId: PURCHASE_ID, reason: 'Minder deelnemers ingestroomd', effectiveDate: '2024-11-01' },
};

const BSN_TEXT = 'Traject voor 123456782';

function withEvent([id, events]: KnownStream, type: string, data: Record<string, unknown>): KnownStream {
  return [id, [...events, { type, data }]];
}

describe('purchase decider', () => {
  describe('when nothing is purchased yet', () => {
    it('purchases trajectories at count × unit price, under a contract, for a programme, on a budget line', () =>
      given([]).when(purchase()).then([purchased]));

    it('purchases trajectories without a contract, programme or budget line, leaving those fields out', () =>
      given([])
        .when(purchase({ contractId: undefined, programmeId: undefined, budgetLineId: undefined }))
        .then([
          {
            type: 'TrajectoriesPurchased',
            data: {
              purchaseId: PURCHASE_ID,
              budgetId: CHARGE.budgetId,
              supplierPartyId: CHARGE.supplierPartyId,
              count: 10,
              unit: 'trajectory',
              unitPriceCents: euros(2_000),
              totalCents: euros(20_000),
              targetGroup: 'Bijstandsgerechtigden met afstand tot de arbeidsmarkt',
              effectiveDate: '2024-07-15',
            },
          },
        ]));

    it('purchases hours of job coaching: count × price per hour, with the unit named', () =>
      given([])
        .when(purchase({ unit: 'hour', count: 120, unitPriceCents: 8_550 }))
        .then([{ ...purchased, data: { ...purchased.data, unit: 'hour', count: 120, unitPriceCents: 8_550 as Cents, totalCents: 1_026_000 as Cents } }]));
    it('purchases a lump sum as one unit', () =>
      given([])
        .when(purchase({ unit: 'lump-sum', count: 1, unitPriceCents: euros(15_000) }))
        .then([{ ...purchased, data: { ...purchased.data, unit: 'lump-sum', count: 1, unitPriceCents: euros(15_000), totalCents: euros(15_000) } }]));
    it('refuses a unit the ledger does not know', () =>
      given([]).when(purchase({ unit: 'week' as never })).thenRefused('invalid-value', 'unit'));

    it('multiplies in whole cents', () =>
      given([])
        .when(purchase({ count: 3, unitPriceCents: 123_457 }))
        .then([{ ...purchased, data: { ...purchased.data, count: 3, unitPriceCents: 123_457 as Cents, totalCents: 370_371 as Cents } }]));

    // Findings that span streams are derived by the findings projection, never stored here.
    it('records a call-off above the contract ceiling without a stored flag', () =>
      given([])
        .when(purchase({ count: 20 }))
        .then([{ ...purchased, data: { ...purchased.data, count: 20, totalCents: euros(40_000) } }]));
    it('records spending for a programme after it ended without a stored flag', () =>
      given([])
        .knowing(
          knowing(
            party(CHARGE.supplierPartyId, 'foundation'),
            budget(CHARGE.budgetId, 'gemeente-heerlen', [CHARGE.budgetLineId]),
            contract(CHARGE.contractId, CHARGE.supplierPartyId),
            withEvent(programme(CHARGE.programmeId, 'gemeente-heerlen'), 'ProgrammeEnded', {
              programmeId: CHARGE.programmeId,
              reason: 'Pilot afgerond',
              continued: false,
              effectiveDate: '2024-06-30',
            }),
          ),
        )
        .when(purchase())
        .then([purchased]));
    it('records a call-off under a contract that has ended without a stored flag', () =>
      given([])
        .knowing(
          knowing(
            party(CHARGE.supplierPartyId, 'foundation'),
            budget(CHARGE.budgetId, 'gemeente-heerlen', [CHARGE.budgetLineId]),
            programme(CHARGE.programmeId, 'gemeente-heerlen'),
            withEvent(contract(CHARGE.contractId, CHARGE.supplierPartyId), 'ContractEnded', {
              contractId: CHARGE.contractId,
              reason: 'Opgezegd',
              effectiveDate: '2024-07-01',
            }),
          ),
        )
        .when(purchase())
        .then([purchased]));

    it('refuses a purchase id that is not an entity id', () =>
      given([]).when(purchase({ purchaseId: 'Trajecten 1' })).thenRefused('invalid-value', 'purchaseId'));
    it('refuses a budget id that is not an entity id', () =>
      given([]).when(purchase({ budgetId: 'B' })).thenRefused('invalid-value', 'budgetId'));
    it('refuses a supplier id that is not an entity id', () =>
      given([]).when(purchase({ supplierPartyId: 'Werk voor Heerlen' })).thenRefused('invalid-value', 'supplierPartyId'));
    it('refuses a contract id that is not an entity id', () =>
      given([]).when(purchase({ contractId: '' })).thenRefused('invalid-value', 'contractId'));
    it('refuses a programme id that is not an entity id', () =>
      given([]).when(purchase({ programmeId: 'Pilot' })).thenRefused('invalid-value', 'programmeId'));
    it('refuses a budget line id that is not an entity id', () =>
      given([]).when(purchase({ budgetLineId: 'regel_1' })).thenRefused('invalid-value', 'budgetLineId'));
    it('refuses a date that is not a date', () =>
      given([]).when(purchase({ effectiveDate: '2024-07-32' })).thenRefused('invalid-date', 'effectiveDate'));
    it('refuses a count of zero', () => given([]).when(purchase({ count: 0 })).thenRefused('invalid-value', 'count'));
    it('refuses a count that is not whole', () => given([]).when(purchase({ count: 2.5 })).thenRefused('invalid-value', 'count'));
    it('refuses a count above the maximum', () =>
      given([]).when(purchase({ count: TRAJECTORY_COUNT_MAX + 1 })).thenRefused('invalid-value', 'count'));
    it('refuses a zero unit price', () =>
      given([]).when(purchase({ unitPriceCents: 0 })).thenRefused('invalid-amount', 'unitPriceCents'));
    it('refuses a negative unit price', () =>
      given([]).when(purchase({ unitPriceCents: -euros(2_000) })).thenRefused('invalid-amount', 'unitPriceCents'));
    it('refuses a unit price in fractions of a cent', () =>
      given([]).when(purchase({ unitPriceCents: 199_999.5 })).thenRefused('invalid-amount', 'unitPriceCents'));
    it('refuses a blank target group', () => given([]).when(purchase({ targetGroup: '' })).thenRefused('invalid-value', 'targetGroup'));
    it('refuses a target group holding a BSN', () =>
      given([]).when(purchase({ targetGroup: BSN_TEXT })).thenRefused('personal-data', 'targetGroup'));
    it('refuses a total beyond the bound', () =>
      given([])
        .when(purchase({ count: TRAJECTORY_COUNT_MAX, unitPriceCents: MONEY_CENTS_MAX }))
        .thenRefused('invalid-amount', 'unitPriceCents'));

    it('refuses an unknown budget', () => given([]).when(purchase({ budgetId: 'onbekend-budget' })).thenRefused('not-found', 'budgetId'));
    it('refuses an unknown supplier', () =>
      given([]).when(purchase({ supplierPartyId: 'onbekende-leverancier', contractId: undefined })).thenRefused('not-found', 'supplierPartyId'));
    it('refuses an unknown programme', () =>
      given([]).when(purchase({ programmeId: 'onbekende-pilot' })).thenRefused('not-found', 'programmeId'));
    it('refuses a budget line the budget does not have', () =>
      given([]).when(purchase({ budgetLineId: 'onbekende-regel' })).thenRefused('not-found', 'budgetLineId'));
    it('refuses an unknown contract', () =>
      given([]).when(purchase({ contractId: 'onbekend-contract' })).thenRefused('not-found', 'contractId'));
    it('refuses a contract whose award was reversed', () =>
      given([])
        .knowing(
          knowing(
            party(CHARGE.supplierPartyId, 'foundation'),
            budget(CHARGE.budgetId, 'gemeente-heerlen', [CHARGE.budgetLineId]),
            programme(CHARGE.programmeId, 'gemeente-heerlen'),
            reversedAway(contract(CHARGE.contractId, CHARGE.supplierPartyId)),
          ),
        )
        .when(purchase())
        .thenRefused('not-found', 'contractId'));
    it("refuses a call-off under another supplier's contract", () =>
      given([]).when(purchase({ supplierPartyId: 'leerwerkbedrijf' })).thenRefused('invalid-value', 'supplierPartyId'));

    it('refuses an invoice on a purchase that does not exist', () => given([]).when(invoice()).thenRefused('not-found', 'purchaseId'));
    it('refuses a payment on a purchase that does not exist', () => given([]).when(pay()).thenRefused('not-found', 'purchaseId'));
    it('refuses to cancel a purchase that does not exist', () => given([]).when(cancel()).thenRefused('not-found', 'purchaseId'));
  });

  describe('when the trajectories are purchased', () => {
    it('refuses to purchase them again', () => given([purchased]).when(purchase()).thenRefused('already-exists', 'purchaseId'));

    it('records an invoice, charged as the purchase was', () =>
      given([purchased]).when(invoice()).then([invoiced('factuur-2024-001', euros(10_000))]));
    it('records invoices up to exactly the total without a flag', () =>
      given([purchased, invoiced('factuur-2024-001', euros(10_000))])
        .when(invoice({ invoiceId: 'factuur-2024-002' }))
        .then([invoiced('factuur-2024-002', euros(10_000))]));
    it('records but flags invoices above the total', () =>
      given([purchased, invoiced('factuur-2024-001', euros(10_000))])
        .when(invoice({ invoiceId: 'factuur-2024-002', amountCents: euros(10_000) + 1 }))
        .then([invoiced('factuur-2024-002', (euros(10_000) + 1) as Cents, ['invoiced-above-total'])]));

    it('refuses an invoice naming another purchase', () =>
      given([purchased]).when(invoice({ purchaseId: 'andere-inkoop' })).thenRefused('invalid-value', 'purchaseId'));
    it('refuses an invoice id that is not an entity id', () =>
      given([purchased]).when(invoice({ invoiceId: 'Factuur 1' })).thenRefused('invalid-value', 'invoiceId'));
    it('refuses an invoice dated on no date', () =>
      given([purchased]).when(invoice({ effectiveDate: '30-09-2024' })).thenRefused('invalid-date', 'effectiveDate'));
    it('refuses a zero invoice', () => given([purchased]).when(invoice({ amountCents: 0 })).thenRefused('invalid-amount', 'amountCents'));
    it('refuses a negative invoice (a credit note is a reversal)', () =>
      given([purchased]).when(invoice({ amountCents: -euros(100) })).thenRefused('invalid-amount', 'amountCents'));
    it('refuses an invoice id used before', () =>
      given([purchased, invoiced('factuur-2024-001', euros(10_000))]).when(invoice()).thenRefused('already-exists', 'invoiceId'));
    it('refuses invoices whose total would pass the bound', () =>
      given([purchased, invoiced('factuur-2024-001', MONEY_CENTS_MAX)])
        .when(invoice({ invoiceId: 'factuur-2024-002', amountCents: 1 }))
        .thenRefused('invalid-amount', 'invoices'));

    it('pays what was invoiced without a flag', () =>
      given([purchased, invoiced('factuur-2024-001', euros(10_000))]).when(pay()).then([paid('betaling-1', euros(10_000))]));
    it('records but flags a payment above what was invoiced', () =>
      given([purchased, invoiced('factuur-2024-001', euros(10_000))])
        .when(pay({ amountCents: euros(10_000) + 1 }))
        .then([paid('betaling-1', (euros(10_000) + 1) as Cents, ['paid-above-invoiced'])]));
    it('records but flags a payment before any invoice', () =>
      given([purchased]).when(pay()).then([paid('betaling-1', euros(10_000), ['paid-above-invoiced'])]));
    it('records but flags a payment above the total, even when invoiced', () =>
      given([purchased, invoiced('factuur-2024-001', euros(25_000), ['invoiced-above-total'])])
        .when(pay({ amountCents: euros(25_000) }))
        .then([paid('betaling-1', euros(25_000), ['paid-above-total'])]));
    it('records and flags a payment above both what was invoiced and the total', () =>
      given([purchased, invoiced('factuur-2024-001', euros(20_000)), paid('betaling-1', euros(20_000))])
        .when(pay({ paymentId: 'betaling-2', amountCents: euros(1) }))
        .then([paid('betaling-2', euros(1), ['paid-above-invoiced', 'paid-above-total'])]));

    it('refuses a payment naming another purchase', () =>
      given([purchased]).when(pay({ purchaseId: 'andere-inkoop' })).thenRefused('invalid-value', 'purchaseId'));
    it('refuses a payment id that is not an entity id', () =>
      given([purchased]).when(pay({ paymentId: 'Betaling 1' })).thenRefused('invalid-value', 'paymentId'));
    it('refuses a payment dated on no date', () =>
      given([purchased]).when(pay({ effectiveDate: '2024-10' })).thenRefused('invalid-date', 'effectiveDate'));
    it('refuses a zero payment', () => given([purchased]).when(pay({ amountCents: 0 })).thenRefused('invalid-amount', 'amountCents'));
    it('refuses a payment id used before', () =>
      given([purchased, invoiced('factuur-2024-001', euros(20_000)), paid('betaling-1', euros(10_000))])
        .when(pay())
        .thenRefused('already-exists', 'paymentId'));
    it('refuses payments whose total would pass the bound', () =>
      given([purchased, paid('betaling-1', MONEY_CENTS_MAX)])
        .when(pay({ paymentId: 'betaling-2', amountCents: 1 }))
        .thenRefused('invalid-amount', 'payments'));

    it('cancels it', () => given([purchased]).when(cancel()).then([cancelled]));
    it('refuses a cancellation naming another purchase', () =>
      given([purchased]).when(cancel({ purchaseId: 'andere-inkoop' })).thenRefused('invalid-value', 'purchaseId'));
    it('refuses a cancellation dated on no date', () =>
      given([purchased]).when(cancel({ effectiveDate: '2024-11-31' })).thenRefused('invalid-date', 'effectiveDate'));
    it('refuses a cancellation without a reason', () =>
      given([purchased]).when(cancel({ reason: '' })).thenRefused('invalid-value', 'reason'));
    it('refuses a cancellation reason holding a BSN', () =>
      given([purchased]).when(cancel({ reason: BSN_TEXT })).thenRefused('personal-data', 'reason'));
  });

  describe('when the purchase was recorded before units were named', () => {
    it('is invoiced and paid as any other', () =>
      given([purchasedWithoutUnit, invoiced('factuur-2024-001', euros(20_000))])
        .when(pay({ amountCents: euros(20_000) }))
        .then([paid('betaling-1', euros(20_000))]));
    it('is still known, so it is not purchased again', () =>
      given([purchasedWithoutUnit]).when(purchase()).thenRefused('already-exists', 'purchaseId'));
  });

  describe('when the purchase is cancelled', () => {
    const history = [purchased, invoiced('factuur-2024-001', euros(10_000)), cancelled];

    it('refuses an invoice', () => given(history).when(invoice({ invoiceId: 'factuur-2024-002' })).thenRefused('invalid-state'));
    it('still pays an invoice received before the cancellation', () =>
      given(history).when(pay()).then([paid('betaling-1', euros(10_000))]));
    it('refuses a payment beyond what was invoiced, saying what is still payable', () =>
      given(history).when(pay({ amountCents: euros(10_000) + 1 })).thenRefused('invalid-state', undefined, /10000\.00 is still payable/));
    it('refuses any payment once more was paid than invoiced, without a negative amount', () =>
      given([purchased, invoiced('factuur-2024-001', euros(1_000)), paid('betaling-1', euros(1_531), ['paid-above-invoiced']), cancelled])
        .when(pay({ paymentId: 'betaling-2', amountCents: 1 }))
        .thenRefused('invalid-state', undefined, /^(?!.*-\d).*all that was invoiced on it \(1000\.00\) is paid/));
    it('refuses any payment when nothing was invoiced', () =>
      given([purchased, cancelled]).when(pay({ amountCents: 1 })).thenRefused('invalid-state'));
    it('refuses a second cancellation', () => given(history).when(cancel()).thenRefused('invalid-state'));
  });

  describe('when a command of another stream kind arrives', () => {
    it('refuses it', () => given([purchased]).when({ type: 'AwardGrant' } as never).thenRefused('invalid-value', 'type'));
  });
});
