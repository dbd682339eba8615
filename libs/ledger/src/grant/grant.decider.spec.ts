import { euros, MONEY_CENTS_MAX, type Cents } from '../money/money';
import { deciderSpec } from '../testing/decider-spec';
import { budget, knowing, party, programme, reversedAway } from '../testing/fixtures';
import type { AwardGrant, PayGrantAdvance, ReclaimGrant, SettleGrant, WithdrawGrant } from './grant.commands';
import { grantDecider } from './grant.decider';
import type { GrantAdvancePaid, GrantAwarded, GrantReclaimed, GrantSettled, GrantWithdrawn } from './grant.events';

// The Heerlen pilot: the municipality grants WerkvoorHeerlen € 100.000 from its re-integration
// budget for the pilot, pays advances, settles (vaststelling) and reclaims the difference.
const GRANT_ID = 'pilot-fit-werkvoorheerlen';
const CHARGE = {
  budgetId: 'heerlen-reintegratie-2024',
  recipientPartyId: 'werkvoorheerlen',
  programmeId: 'heerlen-pilot-fit-2024',
  budgetLineId: 'producten-werkvoorheerlen',
};

const references = knowing(
  party('gemeente-heerlen'),
  party(CHARGE.recipientPartyId, 'foundation'),
  budget(CHARGE.budgetId, 'gemeente-heerlen', [CHARGE.budgetLineId]),
  programme(CHARGE.programmeId, 'gemeente-heerlen'),
);

const given = deciderSpec(grantDecider, { knowing: references });

const award = (overrides: Partial<AwardGrant> = {}): AwardGrant => ({
  type: 'AwardGrant',
  grantId: GRANT_ID,
  ...CHARGE,
  amountCents: euros(100_000),
  effectiveDate: '2024-02-01',
  ...overrides,
});

const payAdvance = (overrides: Partial<PayGrantAdvance> = {}): PayGrantAdvance => ({
  type: 'PayGrantAdvance',
  grantId: GRANT_ID,
  paymentId: 'voorschot-1',
  amountCents: euros(60_000),
  effectiveDate: '2024-03-01',
  ...overrides,
});

const settle = (overrides: Partial<SettleGrant> = {}): SettleGrant => ({
  type: 'SettleGrant',
  grantId: GRANT_ID,
  settlementId: 'vaststelling-2025',
  settledAmountCents: euros(100_000),
  effectiveDate: '2025-04-01',
  ...overrides,
});

const reclaim = (overrides: Partial<ReclaimGrant> = {}): ReclaimGrant => ({
  type: 'ReclaimGrant',
  grantId: GRANT_ID,
  reclaimId: 'terugvordering-1',
  amountCents: euros(5_000),
  reason: 'Minder deelnemers dan begroot',
  effectiveDate: '2025-05-01',
  ...overrides,
});

const withdraw = (overrides: Partial<WithdrawGrant> = {}): WithdrawGrant => ({
  type: 'WithdrawGrant',
  grantId: GRANT_ID,
  withdrawalId: 'intrekking-1',
  reason: 'De pilot is niet gestart',
  effectiveDate: '2024-06-01',
  ...overrides,
});

const awarded: GrantAwarded = {
  type: 'GrantAwarded',
  data: { grantId: GRANT_ID, ...CHARGE, amountCents: euros(100_000), effectiveDate: '2024-02-01' },
};

const advancePaid = (
  paymentId: string,
  amountCents: Cents,
  effectiveDate = '2024-03-01',
  flags?: GrantAdvancePaid['data']['flags'],
): GrantAdvancePaid => ({
  type: 'GrantAdvancePaid',
  data: { grantId: GRANT_ID, paymentId, ...CHARGE, amountCents, effectiveDate, ...(flags ? { flags } : {}) },
});

const settled = (settledAmountCents: Cents, flags?: GrantSettled['data']['flags']): GrantSettled => ({
  type: 'GrantSettled',
  data: {
    grantId: GRANT_ID,
    settlementId: 'vaststelling-2025',
    ...CHARGE,
    settledAmountCents,
    effectiveDate: '2025-04-01',
    ...(flags ? { flags } : {}),
  },
});

const reclaimed = (reclaimId: string, amountCents: Cents, reason: string, effectiveDate: string): GrantReclaimed => ({
  type: 'GrantReclaimed',
  data: { grantId: GRANT_ID, reclaimId, ...CHARGE, amountCents, reason, effectiveDate },
});

const withdrawn: GrantWithdrawn = {
  type: 'GrantWithdrawn',
  data: { grantId: GRANT_ID, withdrawalId: 'intrekking-1', reason: 'De pilot is niet gestart', effectiveDate: '2024-06-01' },
};

const BSN_TEXT = 'Deelnemer 123456782 stopte';

describe('grant decider', () => {
  describe('when the grant is not awarded', () => {
    it('awards it, charged to the budget line and the programme', () => given([]).when(award()).then([awarded]));

    it('awards it without a programme or budget line, leaving those fields out', () =>
      given([])
        .when(award({ programmeId: undefined, budgetLineId: undefined }))
        .then([
          {
            type: 'GrantAwarded',
            data: {
              grantId: GRANT_ID,
              budgetId: CHARGE.budgetId,
              recipientPartyId: CHARGE.recipientPartyId,
              amountCents: euros(100_000),
              effectiveDate: '2024-02-01',
            },
          },
        ]));

    it('refuses a grant id that is not an entity id', () =>
      given([]).when(award({ grantId: 'Pilot FIT' })).thenRefused('invalid-value', 'grantId'));
    it('refuses a budget id that is not an entity id', () =>
      given([]).when(award({ budgetId: '' })).thenRefused('invalid-value', 'budgetId'));
    it('refuses a recipient id that is not an entity id', () =>
      given([]).when(award({ recipientPartyId: '-werk' })).thenRefused('invalid-value', 'recipientPartyId'));
    it('refuses a programme id that is not an entity id', () =>
      given([]).when(award({ programmeId: 'Pilot_FIT' })).thenRefused('invalid-value', 'programmeId'));
    it('refuses a budget line id that is not an entity id', () =>
      given([]).when(award({ budgetLineId: 'regel 1' })).thenRefused('invalid-value', 'budgetLineId'));
    it('refuses a date that is not a date', () =>
      given([]).when(award({ effectiveDate: '2024-02-30' })).thenRefused('invalid-date', 'effectiveDate'));
    it('refuses a zero amount', () => given([]).when(award({ amountCents: 0 })).thenRefused('invalid-amount', 'amountCents'));
    it('refuses a negative amount', () =>
      given([]).when(award({ amountCents: -euros(1) })).thenRefused('invalid-amount', 'amountCents'));
    it('refuses a fraction of a cent', () =>
      given([]).when(award({ amountCents: 100.5 })).thenRefused('invalid-amount', 'amountCents'));
    it('refuses an amount above the bound', () =>
      given([]).when(award({ amountCents: MONEY_CENTS_MAX + 1 })).thenRefused('invalid-amount', 'amountCents'));

    it('refuses an unknown budget', () =>
      given([]).when(award({ budgetId: 'onbekend-budget' })).thenRefused('not-found', 'budgetId'));
    it('refuses a budget whose opening was reversed', () =>
      given([])
        .knowing(
          knowing(
            party(CHARGE.recipientPartyId, 'foundation'),
            reversedAway(budget(CHARGE.budgetId, 'gemeente-heerlen')),
            programme(CHARGE.programmeId, 'gemeente-heerlen'),
          ),
        )
        .when(award({ budgetLineId: undefined }))
        .thenRefused('not-found', 'budgetId'));
    it('refuses an unknown recipient', () =>
      given([]).when(award({ recipientPartyId: 'onbekende-stichting' })).thenRefused('not-found', 'recipientPartyId'));
    it('refuses an unknown programme', () =>
      given([]).when(award({ programmeId: 'onbekende-pilot' })).thenRefused('not-found', 'programmeId'));
    it('refuses a budget line the budget does not have', () =>
      given([]).when(award({ budgetLineId: 'onbekende-regel' })).thenRefused('not-found', 'budgetLineId'));

    it('refuses an advance on a grant that does not exist', () => given([]).when(payAdvance()).thenRefused('not-found', 'grantId'));
    it('refuses a settlement of a grant that does not exist', () => given([]).when(settle()).thenRefused('not-found', 'grantId'));
    it('refuses a reclaim on a grant that does not exist', () => given([]).when(reclaim()).thenRefused('not-found', 'grantId'));
    it('refuses to withdraw a grant that does not exist', () => given([]).when(withdraw()).thenRefused('not-found', 'grantId'));
  });

  describe('when the award was reversed', () => {
    const reversal = {
      type: 'EntryReversed' as const,
      data: { reversalId: 'verkeerd', reversedEventId: 'event-1', reversedEventType: 'GrantAwarded', reason: 'Verkeerd geboekt', effectiveDate: '2024-02-02' },
    };
    it('refuses an advance: the grant no longer exists', () =>
      given([awarded, reversal]).when(payAdvance()).thenRefused('not-found', 'grantId'));
  });

  describe('when the grant is awarded', () => {
    it('refuses to award it again', () => given([awarded]).when(award()).thenRefused('already-exists', 'grantId'));

    it('pays an advance, charged as the award was', () =>
      given([awarded]).when(payAdvance()).then([advancePaid('voorschot-1', euros(60_000))]));
    it('pays advances up to exactly the granted amount without a flag', () =>
      given([awarded, advancePaid('voorschot-1', euros(60_000))])
        .when(payAdvance({ paymentId: 'voorschot-2', amountCents: euros(40_000) }))
        .then([advancePaid('voorschot-2', euros(40_000))]));
    it('records but flags payments above the granted amount', () =>
      given([awarded, advancePaid('voorschot-1', euros(60_000))])
        .when(payAdvance({ paymentId: 'voorschot-2', amountCents: euros(40_000) + 1 }))
        .then([advancePaid('voorschot-2', (euros(40_000) + 1) as Cents, '2024-03-01', ['paid-above-granted'])]));
    it('counts what was reclaimed: paying again up to the granted amount is not flagged', () =>
      given([awarded, advancePaid('voorschot-1', euros(100_000)), reclaimed('terugvordering-1', euros(10_000), 'Te veel', '2024-04-01')])
        .when(payAdvance({ paymentId: 'voorschot-2', amountCents: euros(10_000) }))
        .then([advancePaid('voorschot-2', euros(10_000))]));

    it('refuses an advance naming another grant', () =>
      given([awarded]).when(payAdvance({ grantId: 'andere-subsidie' })).thenRefused('invalid-value', 'grantId'));
    it('refuses a payment id that is not an entity id', () =>
      given([awarded]).when(payAdvance({ paymentId: 'Voorschot 1' })).thenRefused('invalid-value', 'paymentId'));
    it('refuses an advance dated on no date', () =>
      given([awarded]).when(payAdvance({ effectiveDate: '01-03-2024' })).thenRefused('invalid-date', 'effectiveDate'));
    it('refuses a zero advance', () => given([awarded]).when(payAdvance({ amountCents: 0 })).thenRefused('invalid-amount', 'amountCents'));
    it('refuses a negative advance', () =>
      given([awarded]).when(payAdvance({ amountCents: -euros(1) })).thenRefused('invalid-amount', 'amountCents'));
    it('refuses a payment id used before', () =>
      given([awarded, advancePaid('voorschot-1', euros(10_000))]).when(payAdvance()).thenRefused('already-exists', 'paymentId'));
    it('refuses payments whose total would pass the bound', () =>
      given([awarded, advancePaid('voorschot-1', MONEY_CENTS_MAX)])
        .when(payAdvance({ paymentId: 'voorschot-2', amountCents: 1 }))
        .thenRefused('invalid-amount', 'payments'));

    it('settles at the granted amount when less was paid, with no reclaim', () =>
      given([awarded, advancePaid('voorschot-1', euros(60_000))]).when(settle()).then([settled(euros(100_000))]));
    it('settles at exactly what was paid, with no reclaim', () =>
      given([awarded, advancePaid('voorschot-1', euros(60_000))])
        .when(settle({ settledAmountCents: euros(60_000) }))
        .then([settled(euros(60_000))]));
    it('settles at nil when nothing was paid (vaststelling op nihil)', () =>
      given([awarded]).when(settle({ settledAmountCents: 0 })).then([settled(0 as Cents)]));
    it('records but flags a settlement above the granted amount', () =>
      given([awarded]).when(settle({ settledAmountCents: euros(100_000) + 1 })).then([settled((euros(100_000) + 1) as Cents, ['settled-above-granted'])]));
    it('refuses a settlement below what was paid without a reclaim', () =>
      given([awarded, advancePaid('voorschot-1', euros(60_000))])
        .when(settle({ settledAmountCents: euros(55_000) }))
        .thenRefused('invalid-amount', 'settledAmountCents'));
    it('refuses a settlement at nil after an advance without a reclaim', () =>
      given([awarded, advancePaid('voorschot-1', euros(60_000))])
        .when(settle({ settledAmountCents: 0 }))
        .thenRefused('invalid-amount', 'settledAmountCents'));
    it('settles below what was paid with the reclaim of exactly the excess, in one decision', () =>
      given([awarded, advancePaid('voorschot-1', euros(60_000))])
        .when(settle({ settledAmountCents: euros(55_000), reclaim: { reclaimId: 'terugvordering-1', amountCents: euros(5_000), reason: 'Minder deelnemers' } }))
        .then([settled(euros(55_000)), reclaimed('terugvordering-1', euros(5_000), 'Minder deelnemers', '2025-04-01')]));
    it('settles at nil after an advance with the reclaim of all of it', () =>
      given([awarded, advancePaid('voorschot-1', euros(60_000))])
        .when(settle({ settledAmountCents: 0, reclaim: { reclaimId: 'terugvordering-1', amountCents: euros(60_000), reason: 'Niet uitgevoerd' } }))
        .then([settled(0 as Cents), reclaimed('terugvordering-1', euros(60_000), 'Niet uitgevoerd', '2025-04-01')]));
    it('counts an earlier reclaim: a settlement at what is still held needs no reclaim', () =>
      given([awarded, advancePaid('voorschot-1', euros(60_000)), reclaimed('terugvordering-1', euros(10_000), 'Te veel', '2024-09-01')])
        .when(settle({ settledAmountCents: euros(50_000) }))
        .then([settled(euros(50_000))]));

    it('refuses a reclaim with the settlement below the excess', () =>
      given([awarded, advancePaid('voorschot-1', euros(60_000))])
        .when(settle({ settledAmountCents: euros(55_000), reclaim: { reclaimId: 'terugvordering-1', amountCents: euros(4_000), reason: 'Minder' } }))
        .thenRefused('invalid-amount', 'reclaim.amountCents'));
    it('refuses a reclaim with the settlement above the excess', () =>
      given([awarded, advancePaid('voorschot-1', euros(60_000))])
        .when(settle({ settledAmountCents: euros(55_000), reclaim: { reclaimId: 'terugvordering-1', amountCents: euros(6_000), reason: 'Minder' } }))
        .thenRefused('invalid-amount', 'reclaim.amountCents'));
    it('refuses a reclaim with a settlement that leaves nothing to reclaim', () =>
      given([awarded, advancePaid('voorschot-1', euros(60_000))])
        .when(settle({ settledAmountCents: euros(60_000), reclaim: { reclaimId: 'terugvordering-1', amountCents: euros(1), reason: 'Minder' } }))
        .thenRefused('invalid-amount', 'reclaim.amountCents'));
    it("refuses a settlement's reclaim id that is not an entity id", () =>
      given([awarded, advancePaid('voorschot-1', euros(60_000))])
        .when(settle({ settledAmountCents: euros(55_000), reclaim: { reclaimId: 'Terug 1', amountCents: euros(5_000), reason: 'Minder' } }))
        .thenRefused('invalid-value', 'reclaim.reclaimId'));
    it("refuses a settlement's reclaim of zero", () =>
      given([awarded, advancePaid('voorschot-1', euros(60_000))])
        .when(settle({ settledAmountCents: euros(60_000), reclaim: { reclaimId: 'terugvordering-1', amountCents: 0, reason: 'Minder' } }))
        .thenRefused('invalid-amount', 'reclaim.amountCents'));
    it("refuses a settlement's reclaim without a reason", () =>
      given([awarded, advancePaid('voorschot-1', euros(60_000))])
        .when(settle({ settledAmountCents: euros(55_000), reclaim: { reclaimId: 'terugvordering-1', amountCents: euros(5_000), reason: ' ' } }))
        .thenRefused('invalid-value', 'reclaim.reason'));
    it("refuses a settlement's reclaim reason holding a BSN", () =>
      given([awarded, advancePaid('voorschot-1', euros(60_000))])
        .when(settle({ settledAmountCents: euros(55_000), reclaim: { reclaimId: 'terugvordering-1', amountCents: euros(5_000), reason: BSN_TEXT } }))
        .thenRefused('personal-data', 'reclaim.reason'));
    it("refuses a settlement's reclaim id used before", () =>
      given([awarded, advancePaid('voorschot-1', euros(60_000)), reclaimed('terugvordering-1', euros(1_000), 'Te veel', '2024-09-01')])
        .when(settle({ settledAmountCents: euros(54_000), reclaim: { reclaimId: 'terugvordering-1', amountCents: euros(5_000), reason: 'Minder' } }))
        .thenRefused('already-exists', 'reclaim.reclaimId'));

    it('refuses a settlement naming another grant', () =>
      given([awarded]).when(settle({ grantId: 'andere-subsidie' })).thenRefused('invalid-value', 'grantId'));
    it('refuses a settlement id that is not an entity id', () =>
      given([awarded]).when(settle({ settlementId: 'Vaststelling' })).thenRefused('invalid-value', 'settlementId'));
    it('refuses a settlement dated on no date', () =>
      given([awarded]).when(settle({ effectiveDate: '2025-13-01' })).thenRefused('invalid-date', 'effectiveDate'));
    it('refuses a negative settlement', () =>
      given([awarded]).when(settle({ settledAmountCents: -1 })).thenRefused('invalid-amount', 'settledAmountCents'));

    it('reclaims part of what was paid', () =>
      given([awarded, advancePaid('voorschot-1', euros(60_000))])
        .when(reclaim())
        .then([reclaimed('terugvordering-1', euros(5_000), 'Minder deelnemers dan begroot', '2025-05-01')]));
    it('reclaims all of what was paid', () =>
      given([awarded, advancePaid('voorschot-1', euros(60_000))])
        .when(reclaim({ amountCents: euros(60_000) }))
        .then([reclaimed('terugvordering-1', euros(60_000), 'Minder deelnemers dan begroot', '2025-05-01')]));
    it('refuses to reclaim more than was paid', () =>
      given([awarded, advancePaid('voorschot-1', euros(60_000))])
        .when(reclaim({ amountCents: euros(60_000) + 1 }))
        .thenRefused('invalid-amount', 'amountCents'));
    it('refuses to reclaim what was already reclaimed', () =>
      given([awarded, advancePaid('voorschot-1', euros(60_000)), reclaimed('terugvordering-1', euros(55_000), 'Te veel', '2024-09-01')])
        .when(reclaim({ reclaimId: 'terugvordering-2', amountCents: euros(5_000) + 1 }))
        .thenRefused('invalid-amount', 'amountCents'));
    it('refuses a reclaim when nothing was paid', () => given([awarded]).when(reclaim()).thenRefused('invalid-amount', 'amountCents'));
    it('refuses a reclaim naming another grant', () =>
      given([awarded]).when(reclaim({ grantId: 'andere-subsidie' })).thenRefused('invalid-value', 'grantId'));
    it('refuses a reclaim id that is not an entity id', () =>
      given([awarded]).when(reclaim({ reclaimId: 'TV1' })).thenRefused('invalid-value', 'reclaimId'));
    it('refuses a reclaim dated on no date', () =>
      given([awarded]).when(reclaim({ effectiveDate: 'gisteren' })).thenRefused('invalid-date', 'effectiveDate'));
    it('refuses a zero reclaim', () => given([awarded]).when(reclaim({ amountCents: 0 })).thenRefused('invalid-amount', 'amountCents'));
    it('refuses a reclaim without a reason', () => given([awarded]).when(reclaim({ reason: '' })).thenRefused('invalid-value', 'reason'));
    it('refuses a reclaim reason holding a BSN', () =>
      given([awarded]).when(reclaim({ reason: BSN_TEXT })).thenRefused('personal-data', 'reason'));
    it('refuses a reclaim id used before', () =>
      given([awarded, advancePaid('voorschot-1', euros(60_000)), reclaimed('terugvordering-1', euros(1_000), 'Te veel', '2024-09-01')])
        .when(reclaim())
        .thenRefused('already-exists', 'reclaimId'));

    it('withdraws it', () => given([awarded]).when(withdraw()).then([withdrawn]));
    it('withdraws it on the day of the award', () =>
      given([awarded])
        .when(withdraw({ effectiveDate: '2024-02-01' }))
        .then([{ ...withdrawn, data: { ...withdrawn.data, effectiveDate: '2024-02-01' } }]));
    it('refuses a withdrawal dated before the award', () =>
      given([awarded]).when(withdraw({ effectiveDate: '2024-01-31' })).thenRefused('invalid-date', 'effectiveDate'));
    it('refuses a withdrawal naming another grant', () =>
      given([awarded]).when(withdraw({ grantId: 'andere-subsidie' })).thenRefused('invalid-value', 'grantId'));
    it('refuses a withdrawal id that is not an entity id', () =>
      given([awarded]).when(withdraw({ withdrawalId: 'x' })).thenRefused('invalid-value', 'withdrawalId'));
    it('refuses a withdrawal dated on no date', () =>
      given([awarded]).when(withdraw({ effectiveDate: '2024-6-1' })).thenRefused('invalid-date', 'effectiveDate'));
    it('refuses a withdrawal without a reason', () =>
      given([awarded]).when(withdraw({ reason: '   ' })).thenRefused('invalid-value', 'reason'));
    it('refuses a withdrawal reason holding a BSN', () =>
      given([awarded]).when(withdraw({ reason: BSN_TEXT })).thenRefused('personal-data', 'reason'));
  });

  describe('when the grant is settled', () => {
    const history = [awarded, advancePaid('voorschot-1', euros(60_000)), settled(euros(80_000))];

    it('refuses a second settlement', () =>
      given(history).when(settle({ settlementId: 'vaststelling-2' })).thenRefused('invalid-state'));
    it('pays the rest up to the settled amount without a flag', () =>
      given(history)
        .when(payAdvance({ paymentId: 'betaling-rest', amountCents: euros(20_000), effectiveDate: '2025-04-15' }))
        .then([advancePaid('betaling-rest', euros(20_000), '2025-04-15')]));
    it('records but flags payments above the settled amount, even within the granted amount', () =>
      given(history)
        .when(payAdvance({ paymentId: 'betaling-rest', amountCents: euros(20_000) + 1, effectiveDate: '2025-04-15' }))
        .then([advancePaid('betaling-rest', (euros(20_000) + 1) as Cents, '2025-04-15', ['paid-above-settled'])]));
    it('compares with the settlement, not the award, once settled above the grant', () =>
      given([awarded, advancePaid('voorschot-1', euros(60_000)), settled(euros(110_000), ['settled-above-granted'])])
        .when(payAdvance({ paymentId: 'betaling-rest', amountCents: euros(50_000), effectiveDate: '2025-04-15' }))
        .then([advancePaid('betaling-rest', euros(50_000), '2025-04-15')]));
    it('flags any payment after a settlement at nil', () =>
      given([awarded, settled(0 as Cents)])
        .when(payAdvance({ paymentId: 'betaling-1', amountCents: euros(1), effectiveDate: '2025-04-15' }))
        .then([advancePaid('betaling-1', euros(1), '2025-04-15', ['paid-above-settled'])]));
    it('still reclaims what was paid', () =>
      given(history)
        .when(reclaim())
        .then([reclaimed('terugvordering-1', euros(5_000), 'Minder deelnemers dan begroot', '2025-05-01')]));
  });

  describe('when the grant is withdrawn', () => {
    const history = [awarded, advancePaid('voorschot-1', euros(60_000)), withdrawn];

    it('refuses an advance', () => given(history).when(payAdvance({ paymentId: 'voorschot-2' })).thenRefused('invalid-state'));
    it('refuses a settlement', () => given(history).when(settle()).thenRefused('invalid-state'));
    it('refuses a second withdrawal', () => given(history).when(withdraw({ withdrawalId: 'intrekking-2' })).thenRefused('invalid-state'));
    it('still reclaims what was paid', () =>
      given(history)
        .when(reclaim({ amountCents: euros(60_000) }))
        .then([reclaimed('terugvordering-1', euros(60_000), 'Minder deelnemers dan begroot', '2025-05-01')]));
  });

  describe('when a command of another stream kind arrives', () => {
    it('refuses it', () => given([awarded]).when({ type: 'OpenBudget' } as never).thenRefused('invalid-value', 'type'));
  });
});
