// Reversals on any stream, exercised through the budget, programme and party deciders: the
// budget is the kind with a mirror (a transfer writes both budgets), so it shows every path.
import { deciderSpec, eventIdAt } from '../testing/decider-spec';
import { knowing } from '../testing/fixtures';
import { euros, type Cents } from '../money/money';
import { FLAGS } from '../shared/flags';
import { budgetDecider } from '../budget/budget.decider';
import { currentBudgetCents } from '../budget/budget.state';
import type { BudgetFunded, BudgetOpened, BudgetTransferredIn, BudgetTransferredOut } from '../budget/budget.events';
import { partyDecider } from '../party/party.decider';
import type { PartyRegistered } from '../party/party.events';
import { programmeDecider } from '../programme/programme.decider';
import type { ParticipantsEnrolled, ProgrammeEnded, ProgrammeLaunched } from '../programme/programme.events';
import type { ReverseEntry } from './reversal.commands';
import type { EntryReversed } from './reversal.events';

const givenBudget = deciderSpec(budgetDecider);
const givenProgramme = deciderSpec(programmeDecider);
const givenParty = deciderSpec(partyDecider);

const OWNER = 'gemeente-heerlen';
const BUDGET = 'heerlen-re-integratie-2024';
const TARGET = 'wsp-parkstad-2024';
const PILOT = 'heerlen-pilot-fit-2024';
const TRANSFER_KEY = `${BUDGET}/bijdrage-wsp-2024`;

const reverse = (eventId: string, overrides: Partial<ReverseEntry> = {}): ReverseEntry => ({
  type: 'ReverseEntry',
  reversalId: 'correctie-1',
  eventId,
  reason: 'Dubbel geboekt',
  effectiveDate: '2024-04-01',
  ...overrides,
});

/** The event a reversal writes on the stream of the event it reverses. */
const reversed = (reversedEventId: string, reversedEventType: string, reversalId = 'correctie-1'): EntryReversed => ({
  type: 'EntryReversed',
  data: { reversalId, reversedEventId, reversedEventType, reason: 'Dubbel geboekt', effectiveDate: '2024-04-01' },
});

// ---- budget events

const opened = (budgetId = BUDGET, ownerPartyId = OWNER): BudgetOpened => ({
  type: 'BudgetOpened',
  data: { budgetId, ownerPartyId, name: 'Maatwerkbudget re-integratie', fiscalYear: 2024, taakveld: '6.4', effectiveDate: '2024-01-01' },
});

const funded = (amountCents: Cents, fundingId = 'eigen-middelen-2024'): BudgetFunded => ({
  type: 'BudgetFunded',
  data: { budgetId: BUDGET, fundingId, source: 'own-means', funderPartyId: OWNER, amountCents, effectiveDate: '2024-01-02' },
});

const transferredOut: BudgetTransferredOut = {
  type: 'BudgetTransferredOut',
  data: { budgetId: BUDGET, transferId: 'bijdrage-wsp-2024', toBudgetId: TARGET, amountCents: euros(40_000), effectiveDate: '2024-03-01' },
};

const transferredIn: BudgetTransferredIn = {
  type: 'BudgetTransferredIn',
  data: { budgetId: TARGET, transferId: 'bijdrage-wsp-2024', fromBudgetId: BUDGET, amountCents: euros(40_000), effectiveDate: '2024-03-01' },
};

/** What a reversal of the transfer out writes on the receiving budget's stream. */
const mirrorReversed = (originEventId: string, reversalId = 'correctie-1', reversedEventKey = TRANSFER_KEY): EntryReversed => ({
  type: 'EntryReversed',
  data: {
    reversalId,
    reversedEventType: 'BudgetTransferredIn',
    reversedEventKey,
    originEventId,
    reason: 'Dubbel geboekt',
    effectiveDate: '2024-04-01',
  },
});

// ---- programme events

const launched: ProgrammeLaunched = {
  type: 'ProgrammeLaunched',
  data: { programmeId: PILOT, ownerPartyId: OWNER, name: 'Pilot FIT Heerlen', effectiveDate: '2024-03-01' },
};
const enrolled: ParticipantsEnrolled = {
  type: 'ParticipantsEnrolled',
  data: { programmeId: PILOT, enrolmentId: 'instroom-q1', count: 12, effectiveDate: '2024-03-31' },
};
const ended: ProgrammeEnded = {
  type: 'ProgrammeEnded',
  data: { programmeId: PILOT, reason: 'Pilot afgerond', continued: false, effectiveDate: '2024-06-30' },
};

describe('reversals (withReversals)', () => {
  describe('reversing an event by its id', () => {
    // event-1 opened, event-2 funded
    const fundedBudget = givenBudget([opened(), funded(euros(100_000))]);

    // then() also asserts there are no mirrors: a funding has none.
    it('writes EntryReversed naming the event, its type and why', () =>
      fundedBudget.when(reverse(eventIdAt(2))).then([reversed('event-2', 'BudgetFunded')]));

    it('needs no other streams', () => expect(budgetDecider.references(reverse(eventIdAt(2)))).toEqual([]));

    it('keeps the reversed event and the reversal in the stream, and the reversal by its ids', () => {
      const state = givenBudget([opened(), funded(euros(100_000)), reversed('event-2', 'BudgetFunded')]).state();
      expect(state.entries.map((e) => e.event.type)).toEqual(['BudgetOpened', 'BudgetFunded', 'EntryReversed']);
      expect(state.reversedEventIds).toEqual(['event-2']);
      expect(state.reversalIds).toEqual(['correctie-1']);
    });
  });

  describe('refusing a reversal', () => {
    const fundedBudget = givenBudget([opened(), funded(euros(100_000))]);

    it('refuses a reversal id that is not an entity id', () =>
      fundedBudget.when(reverse(eventIdAt(2), { reversalId: 'Correctie 1' })).thenRefused('invalid-value', 'reversalId'));
    it('refuses a date that is not a date', () =>
      fundedBudget.when(reverse(eventIdAt(2), { effectiveDate: '2024-04-31' })).thenRefused('invalid-date', 'effectiveDate'));
    it('refuses a blank reason', () => fundedBudget.when(reverse(eventIdAt(2), { reason: '' })).thenRefused('invalid-value', 'reason'));
    it('refuses a reason holding a BSN', () =>
      fundedBudget.when(reverse(eventIdAt(2), { reason: 'Betrof 123456782' })).thenRefused('personal-data', 'reason'));
    it('refuses an empty event id', () => fundedBudget.when(reverse('')).thenRefused('invalid-value', 'eventId'));
    it('refuses an event id that is not text', () => fundedBudget.when(reverse(2 as never)).thenRefused('invalid-value', 'eventId'));
    it('refuses on a stream with no events', () => givenBudget([]).when(reverse(eventIdAt(1))).thenRefused('not-found', 'eventId'));
    it('refuses an event id that is not in the stream', () => fundedBudget.when(reverse('event-99')).thenRefused('not-found', 'eventId'));
    it('refuses a reversal id already used on the stream', () =>
      givenBudget([opened(), funded(euros(100_000)), funded(euros(5_000), 'extra'), reversed('event-2', 'BudgetFunded')])
        .when(reverse(eventIdAt(3)))
        .thenRefused('already-exists', 'reversalId'));
    it('refuses to reverse the same event twice', () =>
      givenBudget([opened(), funded(euros(100_000)), reversed('event-2', 'BudgetFunded')])
        .when(reverse(eventIdAt(2), { reversalId: 'correctie-2' }))
        .thenRefused('invalid-state', 'eventId'));
    it('refuses to reverse a reversal', () =>
      givenBudget([opened(), funded(euros(100_000)), reversed('event-2', 'BudgetFunded')])
        .when(reverse(eventIdAt(3), { reversalId: 'correctie-2' }))
        .thenRefused('invalid-state', 'eventId'));
    it('refuses to reverse the creation while entries that follow it are live', () =>
      fundedBudget.when(reverse(eventIdAt(1))).thenRefused('invalid-state', 'eventId'));
    it('refuses to reverse a mirror on its receiving stream', () =>
      givenBudget([opened(TARGET, 'wsp-parkstad'), transferredIn]).when(reverse(eventIdAt(2))).thenRefused('invalid-state', 'eventId'));
  });

  describe('the state folded with reversals applied', () => {
    it('no longer counts a reversed funding toward the budget', () => {
      const state = givenBudget([opened(), funded(euros(100_000)), funded(euros(30_000), 'extra'), reversed('event-2', 'BudgetFunded')]).state().live;
      expect(state.fundedCents).toBe(euros(30_000));
      expect(state.fundingIds).toEqual(['extra']);
      expect(currentBudgetCents(state)).toBe(euros(30_000));
    });

    it('decides on what is left: an allocation within the old budget is now flagged', () =>
      givenBudget([opened(), funded(euros(100_000)), reversed('event-2', 'BudgetFunded')])
        .when({ type: 'AllocateBudget', budgetId: BUDGET, lineId: 'begeleiding', description: 'Begeleiding', amountCents: euros(60_000), effectiveDate: '2024-04-02' })
        .then([
          {
            type: 'BudgetAllocated',
            data: { budgetId: BUDGET, lineId: 'begeleiding', description: 'Begeleiding', amountCents: euros(60_000), effectiveDate: '2024-04-02', flags: [FLAGS.allocatedAboveBudget] },
          },
        ]));

    it('frees the id of a reversed funding for the corrected entry', () =>
      givenBudget([opened(), funded(euros(100_000)), reversed('event-2', 'BudgetFunded')])
        .when({ type: 'FundBudget', budgetId: BUDGET, fundingId: 'eigen-middelen-2024', source: 'own-means', amountCents: euros(10_000), effectiveDate: '2024-01-02' })
        .then([funded(euros(10_000))]));

    it('lets the creation be reversed once what followed it is reversed', () =>
      givenBudget([opened(), funded(euros(100_000)), reversed('event-2', 'BudgetFunded')])
        .when(reverse(eventIdAt(1), { reversalId: 'correctie-2' }))
        .then([reversed('event-1', 'BudgetOpened', 'correctie-2')]));

    it('lets a creation with nothing after it be reversed', () =>
      givenBudget([opened()]).when(reverse(eventIdAt(1))).then([reversed('event-1', 'BudgetOpened')]));

    describe('when the BudgetOpened was reversed', () => {
      const reversedAway = givenBudget([opened(), reversed('event-1', 'BudgetOpened')]);

      it('the budget no longer exists', () => expect(reversedAway.state().live.exists).toBe(false));
      it('refuses funding it', () =>
        reversedAway
          .when({ type: 'FundBudget', budgetId: BUDGET, fundingId: 'eigen-middelen-2024', source: 'own-means', amountCents: euros(1_000), effectiveDate: '2024-04-02' })
          .thenRefused('not-found', 'budgetId'));
      it('lets it be opened again', () =>
        reversedAway
          .knowing(knowing([`party-${OWNER}`, [{ type: 'PartyRegistered', data: { partyId: OWNER, name: 'Gemeente Heerlen', kind: 'municipality', effectiveDate: '2024-01-01' } }]]))
          .when({ type: 'OpenBudget', budgetId: BUDGET, ownerPartyId: OWNER, name: 'Maatwerkbudget re-integratie', fiscalYear: 2024, taakveld: '6.4', effectiveDate: '2024-01-01' })
          .then([opened()]));
    });

    it('a reversed party registration leaves no party', () => {
      const registered: PartyRegistered = {
        type: 'PartyRegistered',
        data: { partyId: OWNER, name: 'Gemeente Heerlen', kind: 'municipality', effectiveDate: '2024-01-01' },
      };
      expect(givenParty([registered]).state().live.exists).toBe(true);
      expect(givenParty([registered, reversed('event-1', 'PartyRegistered')]).state().live.exists).toBe(false);
    });

    it('a reversed programme end lets participants join after the old end date', () =>
      givenProgramme([launched, ended, reversed('event-2', 'ProgrammeEnded')])
        .when({ type: 'EnrolParticipants', programmeId: PILOT, enrolmentId: 'instroom-q3', count: 5, effectiveDate: '2024-09-30' })
        .then([{ type: 'ParticipantsEnrolled', data: { programmeId: PILOT, enrolmentId: 'instroom-q3', count: 5, effectiveDate: '2024-09-30' } }]));

    it('a reversed enrolment no longer counts, so outcomes above what is left are flagged', () => {
      const history = [launched, enrolled, reversed('event-2', 'ParticipantsEnrolled')];
      expect(givenProgramme(history).state().live.participants).toBe(0);
      givenProgramme(history)
        .when({ type: 'RecordOutcomes', programmeId: PILOT, outcomeId: 'uitstroom-q2', kind: 'work', count: 3, effectiveDate: '2024-06-30' })
        .then([
          {
            type: 'OutcomesRecorded',
            data: { programmeId: PILOT, outcomeId: 'uitstroom-q2', kind: 'work', count: 3, effectiveDate: '2024-06-30', flags: [FLAGS.outcomesAboveParticipants] },
          },
        ]);
    });
  });

  describe('reversing a transfer, which has a mirror on the receiving budget', () => {
    // Sending budget: event-1 opened, event-2 funded, event-3 transferred out.
    const sender = givenBudget([opened(), funded(euros(100_000)), transferredOut]);

    it('writes EntryReversed here and a mirror reversal, named by key and origin, on the receiving budget', () =>
      sender.when(reverse(eventIdAt(3))).then(
        [reversed('event-3', 'BudgetTransferredOut')],
        [{ streamId: `budget-${TARGET}`, events: [mirrorReversed('event-3')] }],
      ));

    it('gives the sender its money back', () => {
      const state = givenBudget([opened(), funded(euros(100_000)), transferredOut, reversed('event-3', 'BudgetTransferredOut')]).state().live;
      expect(state.transferredOutCents).toBe(0);
      expect(state.transferIds).toEqual([]);
      expect(currentBudgetCents(state)).toBe(euros(100_000));
    });

    it('takes the money back from the receiver when the mirror reversal is folded', () => {
      // Receiving budget: event-1 opened, event-2 transferred in, event-3 the mirror reversal.
      const state = givenBudget([opened(TARGET, 'wsp-parkstad'), transferredIn, mirrorReversed('event-3')]).state();
      expect(state.reversedEventIds).toEqual(['event-2']);
      expect(state.live.transferredInCents).toBe(0);
      expect(currentBudgetCents(state.live)).toBe(0);
    });

    it('leaves the receiver as it was when a mirror reversal names no transfer of it', () => {
      const state = givenBudget([opened(TARGET, 'wsp-parkstad'), transferredIn, mirrorReversed('event-3', 'correctie-1', `${BUDGET}/andere`)]).state();
      expect(state.reversedEventIds).toEqual([]);
      expect(state.live.transferredInCents).toBe(euros(40_000));
    });

    it('lets the receiver reverse its opening once the mirror is reversed', () =>
      givenBudget([opened(TARGET, 'wsp-parkstad'), transferredIn, mirrorReversed('event-3')])
        .when(reverse(eventIdAt(1), { reversalId: 'correctie-2' }))
        .then([reversed('event-1', 'BudgetOpened', 'correctie-2')]));

    it('reverses a re-recorded transfer under the same id on the receiver, not the one already reversed', () => {
      // The sender reversed the transfer and recorded it again under the same id.
      givenBudget([opened(), funded(euros(100_000)), transferredOut, reversed('event-3', 'BudgetTransferredOut'), transferredOut])
        .when(reverse(eventIdAt(5), { reversalId: 'correctie-2' }))
        .then([reversed('event-5', 'BudgetTransferredOut', 'correctie-2')], [{ streamId: `budget-${TARGET}`, events: [mirrorReversed('event-5', 'correctie-2')] }]);
      const receiver = givenBudget([
        opened(TARGET, 'wsp-parkstad'),
        transferredIn,
        mirrorReversed('event-3'),
        transferredIn,
        mirrorReversed('event-5', 'correctie-2'),
      ]).state();
      expect(receiver.reversedEventIds).toEqual(['event-2', 'event-4']);
      expect(receiver.live.transferredInCents).toBe(0);
    });

  });
});
