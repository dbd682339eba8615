import { deciderSpec } from '../testing/decider-spec';
import { budget, knowing, party, programme, reversedAway, type KnownStream } from '../testing/fixtures';
import { asCents, euros, MONEY_CENTS_MAX, type Cents } from '../money/money';
import { FLAGS } from '../shared/flags';
import type { AllocateBudget, AmendBudget, FundBudget, OpenBudget, TransferBudget } from './budget.commands';
import { budgetDecider } from './budget.decider';
import type {
  BudgetAllocated, BudgetAmended, BudgetFunded, BudgetOpened, BudgetTransferredIn, BudgetTransferredOut,
} from './budget.events';
import { currentBudgetCents } from './budget.state';

const given = deciderSpec(budgetDecider);

const OWNER = 'gemeente-heerlen';
const FUNDER = 'ministerie-szw';
const BUDGET = 'heerlen-re-integratie-2024';
const TARGET = 'wsp-parkstad-2024';
const PILOT = 'heerlen-pilot-fit-2024';
const BSN_TEXT = 'Voor J. Jansen 123456782';

// ---- commands, in the domain's words, with one field overridden per test

const open = (overrides: Partial<OpenBudget> = {}): OpenBudget => ({
  type: 'OpenBudget',
  budgetId: BUDGET,
  ownerPartyId: OWNER,
  name: 'Maatwerkbudget re-integratie',
  fiscalYear: 2024,
  taakveld: '6.4',
  effectiveDate: '2024-01-01',
  ...overrides,
});

const fund = (overrides: Partial<FundBudget> = {}): FundBudget => ({
  type: 'FundBudget',
  budgetId: BUDGET,
  fundingId: 'eigen-middelen-2024',
  source: 'own-means',
  amountCents: euros(100_000),
  effectiveDate: '2024-01-02',
  ...overrides,
});

const amend = (overrides: Partial<AmendBudget> = {}): AmendBudget => ({
  type: 'AmendBudget',
  budgetId: BUDGET,
  amendmentId: 'bw-2024-03',
  amountCents: euros(20_000),
  reason: 'Begrotingswijziging voorjaarsnota',
  effectiveDate: '2024-05-01',
  ...overrides,
});

const allocate = (overrides: Partial<AllocateBudget> = {}): AllocateBudget => ({
  type: 'AllocateBudget',
  budgetId: BUDGET,
  lineId: 'producten-provider-x',
  description: 'Producten provider X',
  amountCents: euros(60_000),
  effectiveDate: '2024-02-01',
  ...overrides,
});

const transfer = (overrides: Partial<TransferBudget> = {}): TransferBudget => ({
  type: 'TransferBudget',
  budgetId: BUDGET,
  transferId: 'bijdrage-wsp-2024',
  toBudgetId: TARGET,
  amountCents: euros(40_000),
  effectiveDate: '2024-03-01',
  ...overrides,
});

// ---- events

const opened: BudgetOpened = {
  type: 'BudgetOpened',
  data: { budgetId: BUDGET, ownerPartyId: OWNER, name: 'Maatwerkbudget re-integratie', fiscalYear: 2024, taakveld: '6.4', effectiveDate: '2024-01-01' },
};

const funded = (amountCents: Cents = euros(100_000), fundingId = 'eigen-middelen-2024'): BudgetFunded => ({
  type: 'BudgetFunded',
  data: { budgetId: BUDGET, fundingId, source: 'own-means', funderPartyId: OWNER, amountCents, effectiveDate: '2024-01-02' },
});

const amended = (amountCents: Cents, amendmentId = 'bw-2024-01'): BudgetAmended => ({
  type: 'BudgetAmended',
  data: { budgetId: BUDGET, amendmentId, amountCents, reason: 'Eerdere wijziging', effectiveDate: '2024-02-01' },
});

const allocated = (amountCents: Cents, lineId = 'begeleiding'): BudgetAllocated => ({
  type: 'BudgetAllocated',
  data: { budgetId: BUDGET, lineId, description: 'Begeleiding', amountCents, effectiveDate: '2024-02-01' },
});

const transferredOut = (amountCents: Cents, transferId = 'eerdere-bijdrage'): BudgetTransferredOut => ({
  type: 'BudgetTransferredOut',
  data: { budgetId: BUDGET, transferId, toBudgetId: TARGET, amountCents, effectiveDate: '2024-02-15' },
});

const transferredIn = (amountCents: Cents): BudgetTransferredIn => ({
  type: 'BudgetTransferredIn',
  data: { budgetId: BUDGET, transferId: 'bijdrage-regio', fromBudgetId: 'regio-parkstad-2024', amountCents, effectiveDate: '2024-02-15' },
});

/** The receiving budget, owned by the joint arrangement, as the write side would load it. */
const target = budget(TARGET, 'wsp-parkstad');

/** A receiving budget that has already received the most the ledger can hold. */
const fullTarget: KnownStream = [
  target[0],
  [
    ...target[1],
    {
      type: 'BudgetTransferredIn',
      data: { budgetId: TARGET, transferId: 'groot', fromBudgetId: 'elders-2024', amountCents: MONEY_CENTS_MAX, effectiveDate: '2024-01-15' },
    },
  ],
];

describe('budget decider', () => {
  describe('when the budget is not open', () => {
    const withOwner = given([]).knowing(knowing(party(OWNER)));

    it('opens it', () => withOwner.when(open()).then([opened]));
    it('opens it under a three-level taakveld', () =>
      withOwner.when(open({ taakveld: '6.81.1' })).then([{ ...opened, data: { ...opened.data, taakveld: '6.81.1' } }]));

    it('refuses a budget id that is not an entity id', () => withOwner.when(open({ budgetId: 'Heerlen 2024' })).thenRefused('invalid-value', 'budgetId'));
    it('refuses an owner id that is not an entity id', () => withOwner.when(open({ ownerPartyId: 'Heerlen' })).thenRefused('invalid-value', 'ownerPartyId'));
    it('refuses a date that is not a date', () => withOwner.when(open({ effectiveDate: '2024-02-30' })).thenRefused('invalid-date', 'effectiveDate'));
    it('refuses a blank name', () => withOwner.when(open({ name: ' ' })).thenRefused('invalid-value', 'name'));
    it('refuses a name holding a BSN', () => withOwner.when(open({ name: BSN_TEXT })).thenRefused('personal-data', 'name'));
    it('refuses a fiscal year before 2000', () => withOwner.when(open({ fiscalYear: 1999 })).thenRefused('invalid-value', 'fiscalYear'));
    it('refuses a fiscal year after 2100', () => withOwner.when(open({ fiscalYear: 2101 })).thenRefused('invalid-value', 'fiscalYear'));
    it('refuses a fiscal year that is not whole', () => withOwner.when(open({ fiscalYear: 2024.5 })).thenRefused('invalid-value', 'fiscalYear'));
    it('refuses a taakveld that is not Iv3', () => withOwner.when(open({ taakveld: '6,4' })).thenRefused('invalid-value', 'taakveld'));
    it('refuses an owner that is not registered', () => given([]).when(open()).thenRefused('not-found', 'ownerPartyId'));
    it('refuses an owner whose registration was reversed', () =>
      given([]).knowing(knowing(reversedAway(party(OWNER)))).when(open()).thenRefused('not-found', 'ownerPartyId'));

    it('refuses funding it', () => given([]).when(fund()).thenRefused('not-found', 'budgetId'));
    it('refuses amending it', () => given([]).when(amend()).thenRefused('not-found', 'budgetId'));
    it('refuses allocating it', () => given([]).when(allocate()).thenRefused('not-found', 'budgetId'));
    it('refuses transferring from it', () => given([]).knowing(knowing(target)).when(transfer()).thenRefused('not-found', 'budgetId'));
  });

  describe('when the budget is open', () => {
    it('refuses to open it again', () => given([opened]).knowing(knowing(party(OWNER))).when(open()).thenRefused('already-exists', 'budgetId'));

    describe('funding it (FundBudget)', () => {
      const withParties = given([opened]).knowing(knowing(party(OWNER), party(FUNDER, 'central-government'), programme(PILOT, OWNER)));

      it('records own means, funded by the owner', () => given([opened]).when(fund()).then([funded()]));
      it('records own means that name the owner as funder', () =>
        withParties.when(fund({ funderPartyId: OWNER })).then([funded()]));
      it('records an outside funder', () =>
        withParties.when(fund({ fundingId: 'rijksmiddelen', source: 'outside-funder', funderPartyId: FUNDER, amountCents: euros(50_000) })).then([
          {
            type: 'BudgetFunded',
            data: { budgetId: BUDGET, fundingId: 'rijksmiddelen', source: 'outside-funder', funderPartyId: FUNDER, amountCents: euros(50_000), effectiveDate: '2024-01-02' },
          },
        ]));
      it('records the regulation an outside funder pays under', () =>
        withParties
          .when(fund({ fundingId: 'buig-2024', source: 'outside-funder', funderPartyId: FUNDER, amountCents: euros(80_000), regulationCode: 'SZW/G2' }))
          .then([
            {
              type: 'BudgetFunded',
              data: { budgetId: BUDGET, fundingId: 'buig-2024', source: 'outside-funder', funderPartyId: FUNDER, amountCents: euros(80_000), regulationCode: 'SZW/G2', effectiveDate: '2024-01-02' },
            },
          ]));
      it('refuses a regulation on own means: they are paid under none', () =>
        withParties.when(fund({ regulationCode: 'SZW/G2' })).thenRefused('invalid-value', 'regulationCode'));
      it('refuses a regulation code with a bar or spaces', () => {
        const outside = { source: 'outside-funder' as const, funderPartyId: FUNDER };
        withParties.when(fund({ ...outside, regulationCode: 'SZW|G2' })).thenRefused('invalid-value', 'regulationCode');
        withParties.when(fund({ ...outside, regulationCode: 'SZW G2' })).thenRefused('invalid-value', 'regulationCode');
        withParties.when(fund({ ...outside, regulationCode: '' })).thenRefused('invalid-value', 'regulationCode');
      });
      it('records funding earmarked for a programme', () =>
        withParties.when(fund({ earmarkProgrammeId: PILOT })).then([{ ...funded(), data: { ...funded().data, earmarkProgrammeId: PILOT } }]));
      it('counts fundings toward the current budget', () => {
        const state = given([opened, funded(euros(100_000)), funded(euros(5_000), 'nog-meer')]).state().live;
        expect(state.fundedCents).toBe(euros(105_000));
        expect(currentBudgetCents(state)).toBe(euros(105_000));
      });

      it('refuses a command that names another budget', () => given([opened]).when(fund({ budgetId: 'elders-2024' })).thenRefused('invalid-value', 'budgetId'));
      it('refuses a funding id that is not an entity id', () => given([opened]).when(fund({ fundingId: 'E' })).thenRefused('invalid-value', 'fundingId'));
      it('refuses a date that is not a date', () => given([opened]).when(fund({ effectiveDate: '2024-13-01' })).thenRefused('invalid-date', 'effectiveDate'));
      it('refuses an unknown source', () => given([opened]).when(fund({ source: 'gift' as never })).thenRefused('invalid-value', 'source'));
      it('refuses a funder id that is not an entity id', () =>
        given([opened]).when(fund({ source: 'outside-funder', funderPartyId: 'Rijk!' })).thenRefused('invalid-value', 'funderPartyId'));
      it('refuses an earmark that is not an entity id', () =>
        given([opened]).when(fund({ earmarkProgrammeId: 'Pilot FIT' })).thenRefused('invalid-value', 'earmarkProgrammeId'));
      it('refuses a zero amount', () => given([opened]).when(fund({ amountCents: 0 })).thenRefused('invalid-amount', 'amountCents'));
      it('refuses a negative amount', () => given([opened]).when(fund({ amountCents: -100 })).thenRefused('invalid-amount', 'amountCents'));
      it('refuses a fraction of a cent', () => given([opened]).when(fund({ amountCents: 100.5 })).thenRefused('invalid-amount', 'amountCents'));
      it('refuses an amount above the bound', () => given([opened]).when(fund({ amountCents: MONEY_CENTS_MAX + 1 })).thenRefused('invalid-amount', 'amountCents'));
      it('refuses a funding id already recorded', () => given([opened, funded()]).when(fund()).thenRefused('already-exists', 'fundingId'));
      it('refuses own means from another party than the owner', () =>
        withParties.when(fund({ funderPartyId: FUNDER })).thenRefused('invalid-value', 'funderPartyId'));
      it('refuses an outside funder that is not named', () =>
        withParties.when(fund({ source: 'outside-funder' })).thenRefused('invalid-value', 'funderPartyId'));
      it('refuses the owner as its own outside funder', () =>
        withParties.when(fund({ source: 'outside-funder', funderPartyId: OWNER })).thenRefused('invalid-value', 'funderPartyId'));
      it('refuses a funder that is not registered', () =>
        given([opened]).when(fund({ source: 'outside-funder', funderPartyId: FUNDER })).thenRefused('not-found', 'funderPartyId'));
      it('refuses an earmark for a programme that does not exist', () =>
        given([opened]).when(fund({ earmarkProgrammeId: PILOT })).thenRefused('not-found', 'earmarkProgrammeId'));
      it('refuses an earmark for a programme whose launch was reversed', () =>
        given([opened]).knowing(knowing(reversedAway(programme(PILOT, OWNER)))).when(fund({ earmarkProgrammeId: PILOT })).thenRefused('not-found', 'earmarkProgrammeId'));
      it('refuses fundings that together pass the bound', () =>
        given([opened, funded(MONEY_CENTS_MAX, 'alles')]).when(fund({ amountCents: 1 })).thenRefused('invalid-amount', 'fundings'));
    });

    describe('amending it (AmendBudget)', () => {
      const withMeans = given([opened, funded(euros(100_000))]);
      const belowZero = asCents(-euros(100_000) - 1);

      it('records a raise', () =>
        withMeans.when(amend()).then([
          { type: 'BudgetAmended', data: { budgetId: BUDGET, amendmentId: 'bw-2024-03', amountCents: euros(20_000), reason: 'Begrotingswijziging voorjaarsnota', effectiveDate: '2024-05-01' } },
        ]));
      it('records a cut that leaves money in the budget, unflagged', () =>
        withMeans.when(amend({ amountCents: euros(-30_000) })).then([
          { type: 'BudgetAmended', data: { budgetId: BUDGET, amendmentId: 'bw-2024-03', amountCents: euros(-30_000), reason: 'Begrotingswijziging voorjaarsnota', effectiveDate: '2024-05-01' } },
        ]));
      it('records a cut to exactly zero, unflagged', () =>
        withMeans.when(amend({ amountCents: euros(-100_000) })).then([
          { type: 'BudgetAmended', data: { budgetId: BUDGET, amendmentId: 'bw-2024-03', amountCents: euros(-100_000), reason: 'Begrotingswijziging voorjaarsnota', effectiveDate: '2024-05-01' } },
        ]));
      it('records, and flags, a cut that takes the budget below zero', () =>
        withMeans.when(amend({ amountCents: belowZero })).then([
          {
            type: 'BudgetAmended',
            data: { budgetId: BUDGET, amendmentId: 'bw-2024-03', amountCents: belowZero, reason: 'Begrotingswijziging voorjaarsnota', effectiveDate: '2024-05-01', flags: [FLAGS.budgetBelowZero] },
          },
        ]));
      it('judges below zero on the current budget, transfers out included', () =>
        given([opened, funded(euros(100_000)), transferredOut(euros(90_000))]).when(amend({ amountCents: euros(-20_000) })).then([
          {
            type: 'BudgetAmended',
            data: { budgetId: BUDGET, amendmentId: 'bw-2024-03', amountCents: euros(-20_000), reason: 'Begrotingswijziging voorjaarsnota', effectiveDate: '2024-05-01', flags: [FLAGS.budgetBelowZero] },
          },
        ]));
      it('counts amendments, signed, toward the current budget', () => {
        const state = given([opened, funded(euros(100_000)), amended(euros(20_000)), amended(euros(-5_000), 'bw-2024-02')]).state().live;
        expect(state.amendedCents).toBe(euros(15_000));
        expect(currentBudgetCents(state)).toBe(euros(115_000));
      });

      it('refuses a command that names another budget', () => withMeans.when(amend({ budgetId: 'elders-2024' })).thenRefused('invalid-value', 'budgetId'));
      it('refuses an amendment id that is not an entity id', () => withMeans.when(amend({ amendmentId: 'BW 3' })).thenRefused('invalid-value', 'amendmentId'));
      it('refuses a date that is not a date', () => withMeans.when(amend({ effectiveDate: '1-5-2024' })).thenRefused('invalid-date', 'effectiveDate'));
      it('refuses a zero amendment', () => withMeans.when(amend({ amountCents: 0 })).thenRefused('invalid-amount', 'amountCents'));
      it('refuses a fraction of a cent', () => withMeans.when(amend({ amountCents: -0.5 })).thenRefused('invalid-amount', 'amountCents'));
      it('refuses an amount below the bound', () => withMeans.when(amend({ amountCents: -MONEY_CENTS_MAX - 1 })).thenRefused('invalid-amount', 'amountCents'));
      it('refuses a blank reason', () => withMeans.when(amend({ reason: '' })).thenRefused('invalid-value', 'reason'));
      it('refuses a reason holding a BSN', () => withMeans.when(amend({ reason: BSN_TEXT })).thenRefused('personal-data', 'reason'));
      it('refuses an amendment id already recorded', () =>
        given([opened, amended(euros(1_000), 'bw-2024-03')]).when(amend()).thenRefused('already-exists', 'amendmentId'));
      it('refuses amendments that together pass the bound', () =>
        given([opened, amended(MONEY_CENTS_MAX)]).when(amend({ amountCents: 1 })).thenRefused('invalid-amount', 'amendments'));
    });

    describe('allocating it (AllocateBudget)', () => {
      const withMeans = given([opened, funded(euros(100_000))]);
      const line = (amountCents: Cents, flags?: BudgetAllocated['data']['flags']): BudgetAllocated => ({
        type: 'BudgetAllocated',
        data: { budgetId: BUDGET, lineId: 'producten-provider-x', description: 'Producten provider X', amountCents, effectiveDate: '2024-02-01', ...(flags ? { flags } : {}) },
      });

      it('records a line within the budget', () => withMeans.when(allocate()).then([line(euros(60_000))]));
      it('records a line that fills the budget exactly, unflagged', () =>
        given([opened, funded(euros(100_000)), allocated(euros(40_000))]).when(allocate()).then([line(euros(60_000))]));
      it('records, and flags, a line above the budget', () =>
        withMeans.when(allocate({ amountCents: asCents(euros(100_000) + 1) })).then([line(asCents(euros(100_000) + 1), [FLAGS.allocatedAboveBudget])]));
      it('flags lines that together pass the budget', () =>
        given([opened, funded(euros(100_000)), allocated(euros(50_000))]).when(allocate()).then([line(euros(60_000), [FLAGS.allocatedAboveBudget])]));
      it('flags a line on a budget with no money yet', () =>
        given([opened]).when(allocate()).then([line(euros(60_000), [FLAGS.allocatedAboveBudget])]));
      it('counts lines, but does not lower the current budget by them', () => {
        const state = given([opened, funded(euros(100_000)), allocated(euros(30_000))]).state().live;
        expect(state.allocatedCents).toBe(euros(30_000));
        expect(state.lineIds).toEqual(['begeleiding']);
        expect(currentBudgetCents(state)).toBe(euros(100_000));
      });

      it('refuses a command that names another budget', () => withMeans.when(allocate({ budgetId: 'elders-2024' })).thenRefused('invalid-value', 'budgetId'));
      it('refuses a line id that is not an entity id', () => withMeans.when(allocate({ lineId: 'Provider X' })).thenRefused('invalid-value', 'lineId'));
      it('refuses a date that is not a date', () => withMeans.when(allocate({ effectiveDate: '2023-02-29' })).thenRefused('invalid-date', 'effectiveDate'));
      it('refuses a blank description', () => withMeans.when(allocate({ description: '' })).thenRefused('invalid-value', 'description'));
      it('refuses a description holding a BSN', () => withMeans.when(allocate({ description: BSN_TEXT })).thenRefused('personal-data', 'description'));
      it('refuses a zero amount', () => withMeans.when(allocate({ amountCents: 0 })).thenRefused('invalid-amount', 'amountCents'));
      it('refuses a negative amount', () => withMeans.when(allocate({ amountCents: euros(-1) })).thenRefused('invalid-amount', 'amountCents'));
      it('refuses a line id already recorded', () =>
        given([opened, allocated(euros(1_000), 'producten-provider-x')]).when(allocate()).thenRefused('already-exists', 'lineId'));
      it('refuses lines that together pass the bound', () =>
        given([opened, allocated(MONEY_CENTS_MAX)]).when(allocate({ amountCents: 1 })).thenRefused('invalid-amount', 'allocations'));
    });

    describe('transferring from it (TransferBudget)', () => {
      const withMeans = given([opened, funded(euros(100_000))]);
      const withTarget = withMeans.knowing(knowing(target, programme(PILOT, OWNER)));
      const out = (amountCents: Cents, extra: Partial<BudgetTransferredOut['data']> = {}): BudgetTransferredOut => ({
        type: 'BudgetTransferredOut',
        data: { budgetId: BUDGET, transferId: 'bijdrage-wsp-2024', toBudgetId: TARGET, amountCents, effectiveDate: '2024-03-01', ...extra },
      });
      const mirrorIn = (amountCents: Cents, extra: Partial<BudgetTransferredIn['data']> = {}) => ({
        streamId: `budget-${TARGET}`,
        events: [
          {
            type: 'BudgetTransferredIn',
            data: { budgetId: TARGET, transferId: 'bijdrage-wsp-2024', fromBudgetId: BUDGET, amountCents, effectiveDate: '2024-03-01', ...extra },
          },
        ],
      });

      it('records the transfer out here and mirrors it in on the target budget', () =>
        withTarget.when(transfer()).then([out(euros(40_000))], [mirrorIn(euros(40_000))]));
      it('carries an earmark on both sides', () =>
        withTarget.when(transfer({ earmarkProgrammeId: PILOT })).then(
          [out(euros(40_000), { earmarkProgrammeId: PILOT })],
          [mirrorIn(euros(40_000), { earmarkProgrammeId: PILOT })],
        ));
      it('records a transfer of the whole budget, unflagged', () =>
        withTarget.when(transfer({ amountCents: euros(100_000) })).then([out(euros(100_000))], [mirrorIn(euros(100_000))]));
      it('records, and flags, a transfer above the budget (the mirror carries no flag)', () =>
        withTarget.when(transfer({ amountCents: euros(100_000) + 1 })).then(
          [out(asCents(euros(100_000) + 1), { flags: [FLAGS.transferredAboveBudget] })],
          [mirrorIn(asCents(euros(100_000) + 1))],
        ));
      it('judges the flag on what is left after earlier transfers out', () =>
        given([opened, funded(euros(100_000)), transferredOut(euros(70_000))])
          .knowing(knowing(target))
          .when(transfer())
          .then([out(euros(40_000), { flags: [FLAGS.transferredAboveBudget] })], [mirrorIn(euros(40_000))]));
      it('lowers the sender and raises the receiver by the transfer', () => {
        const sender = given([opened, funded(euros(100_000)), transferredOut(euros(40_000))]).state().live;
        expect(sender.transferIds).toEqual(['eerdere-bijdrage']);
        expect(currentBudgetCents(sender)).toBe(euros(60_000));
        const receiver = given([opened, transferredIn(euros(25_000))]).state().live;
        expect(receiver.transferredInCents).toBe(euros(25_000));
        expect(receiver.transferIds).toEqual([]);
        expect(currentBudgetCents(receiver)).toBe(euros(25_000));
      });

      it('refuses a command that names another budget', () => withTarget.when(transfer({ budgetId: 'elders-2024' })).thenRefused('invalid-value', 'budgetId'));
      it('refuses a transfer id that is not an entity id', () => withTarget.when(transfer({ transferId: 'X' })).thenRefused('invalid-value', 'transferId'));
      it('refuses a target id that is not an entity id', () => withTarget.when(transfer({ toBudgetId: 'WSP 2024' })).thenRefused('invalid-value', 'toBudgetId'));
      it('refuses an earmark that is not an entity id', () =>
        withTarget.when(transfer({ earmarkProgrammeId: '-pilot' })).thenRefused('invalid-value', 'earmarkProgrammeId'));
      it('refuses a date that is not a date', () => withTarget.when(transfer({ effectiveDate: '2024-03-00' })).thenRefused('invalid-date', 'effectiveDate'));
      it('refuses a zero amount', () => withTarget.when(transfer({ amountCents: 0 })).thenRefused('invalid-amount', 'amountCents'));
      it('refuses a negative amount', () => withTarget.when(transfer({ amountCents: euros(-40_000) })).thenRefused('invalid-amount', 'amountCents'));
      it('refuses a transfer to itself', () =>
        withMeans.knowing(knowing([`budget-${BUDGET}`, [opened]])).when(transfer({ toBudgetId: BUDGET })).thenRefused('invalid-value', 'toBudgetId'));
      it('refuses a transfer id already recorded', () =>
        given([opened, funded(), transferredOut(euros(1_000), 'bijdrage-wsp-2024')]).knowing(knowing(target)).when(transfer()).thenRefused('already-exists', 'transferId'));
      it('refuses transfers out that together pass the bound', () =>
        given([opened, transferredOut(MONEY_CENTS_MAX)]).knowing(knowing(target)).when(transfer({ amountCents: 1 })).thenRefused('invalid-amount', 'transfers out'));
      it('refuses a target budget that does not exist', () => withMeans.when(transfer()).thenRefused('not-found', 'toBudgetId'));
      it('refuses a target budget whose opening was reversed', () =>
        withMeans.knowing(knowing(reversedAway(target))).when(transfer()).thenRefused('not-found', 'toBudgetId'));
      it('refuses an earmark for a programme that does not exist', () =>
        withMeans.knowing(knowing(target)).when(transfer({ earmarkProgrammeId: PILOT })).thenRefused('not-found', 'earmarkProgrammeId'));
      it('refuses a transfer that would take the target past the bound', () =>
        withMeans.knowing(knowing(fullTarget)).when(transfer({ amountCents: 1 })).thenRefused('invalid-amount', 'transfers in of the target'));
    });
  });

  describe('the streams a command refers to', () => {
    it('are the owner for OpenBudget', () => expect(budgetDecider.references(open())).toEqual([`party-${OWNER}`]));
    it('are the funder and the earmarked programme for FundBudget', () =>
      expect(budgetDecider.references(fund({ source: 'outside-funder', funderPartyId: FUNDER, earmarkProgrammeId: PILOT }))).toEqual([
        `party-${FUNDER}`,
        `programme-${PILOT}`,
      ]));
    it('are the target and the earmarked programme for TransferBudget', () =>
      expect(budgetDecider.references(transfer({ earmarkProgrammeId: PILOT }))).toEqual([`budget-${TARGET}`, `programme-${PILOT}`]));
    it('are none for AmendBudget and AllocateBudget', () => {
      expect(budgetDecider.references(amend())).toEqual([]);
      expect(budgetDecider.references(allocate())).toEqual([]);
    });
  });

  describe('when a command of another stream kind arrives', () => {
    it('refuses it', () => given([opened]).when({ type: 'AwardGrant' } as never).thenRefused('invalid-value', 'type'));
  });
});
