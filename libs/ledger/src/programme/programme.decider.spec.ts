import { deciderSpec } from '../testing/decider-spec';
import { knowing, party, reversedAway } from '../testing/fixtures';
import { euros } from '../money/money';
import { FLAGS } from '../shared/flags';
import type { EndProgramme, EnrolParticipants, LaunchProgramme, RecordOutcomes } from './programme.commands';
import { PARTICIPANT_COUNT_MAX, programmeDecider } from './programme.decider';
import type { OutcomeKind, OutcomesRecorded, ParticipantsEnrolled, ProgrammeEnded, ProgrammeLaunched } from './programme.events';

const given = deciderSpec(programmeDecider);

const OWNER = 'gemeente-heerlen';
const PILOT = 'heerlen-pilot-fit-2024';
const BSN_TEXT = 'Deelnemer 123456782 stopte';

// ---- commands

const launch = (overrides: Partial<LaunchProgramme> = {}): LaunchProgramme => ({
  type: 'LaunchProgramme',
  programmeId: PILOT,
  ownerPartyId: OWNER,
  name: 'Pilot FIT Heerlen',
  effectiveDate: '2024-03-01',
  ...overrides,
});

const enrol = (overrides: Partial<EnrolParticipants> = {}): EnrolParticipants => ({
  type: 'EnrolParticipants',
  programmeId: PILOT,
  enrolmentId: 'instroom-q2',
  count: 12,
  effectiveDate: '2024-06-30',
  ...overrides,
});

const recordOutcomes = (overrides: Partial<RecordOutcomes> = {}): RecordOutcomes => ({
  type: 'RecordOutcomes',
  programmeId: PILOT,
  outcomeId: 'uitstroom-q3',
  kind: 'work',
  count: 4,
  effectiveDate: '2024-09-30',
  ...overrides,
});

const end = (overrides: Partial<EndProgramme> = {}): EndProgramme => ({
  type: 'EndProgramme',
  programmeId: PILOT,
  reason: 'Pilot afgerond; niet voortgezet wegens te weinig instroom',
  continued: false,
  effectiveDate: '2024-12-31',
  ...overrides,
});

// ---- events

const launched: ProgrammeLaunched = {
  type: 'ProgrammeLaunched',
  data: { programmeId: PILOT, ownerPartyId: OWNER, name: 'Pilot FIT Heerlen', effectiveDate: '2024-03-01' },
};

const enrolled = (count: number, enrolmentId = 'instroom-q1', effectiveDate = '2024-03-31'): ParticipantsEnrolled => ({
  type: 'ParticipantsEnrolled',
  data: { programmeId: PILOT, enrolmentId, count, effectiveDate },
});

const outcomes = (kind: OutcomeKind, count: number, outcomeId = 'uitstroom-q2'): OutcomesRecorded => ({
  type: 'OutcomesRecorded',
  data: { programmeId: PILOT, outcomeId, kind, count, effectiveDate: '2024-06-30' },
});

const ended = (continued = false, effectiveDate = '2024-12-31'): ProgrammeEnded => ({
  type: 'ProgrammeEnded',
  data: { programmeId: PILOT, reason: 'Pilot afgerond; niet voortgezet wegens te weinig instroom', continued, effectiveDate },
});

describe('programme decider', () => {
  describe('when the programme is not launched', () => {
    const withOwner = given([]).knowing(knowing(party(OWNER)));

    it('launches it without a norm band', () => withOwner.when(launch()).then([launched]));
    it('launches it with a norm band per participant', () =>
      withOwner
        .when(launch({ normBand: { minCents: euros(2_000), maxCents: euros(2_400) } }))
        .then([{ ...launched, data: { ...launched.data, normBand: { minCents: euros(2_000), maxCents: euros(2_400) } } }]));
    it('launches it with a norm band of one amount', () =>
      withOwner
        .when(launch({ normBand: { minCents: euros(2_000), maxCents: euros(2_000) } }))
        .then([{ ...launched, data: { ...launched.data, normBand: { minCents: euros(2_000), maxCents: euros(2_000) } } }]));
    it('remembers the launch date and the band', () => {
      const withBand: ProgrammeLaunched = { ...launched, data: { ...launched.data, normBand: { minCents: euros(2_000), maxCents: euros(2_400) } } };
      const state = given([withBand]).state().live;
      expect(state).toMatchObject({ exists: true, programmeId: PILOT, ownerPartyId: OWNER, launchedOn: '2024-03-01', participants: 0 });
      expect(state.normBand).toEqual({ minCents: euros(2_000), maxCents: euros(2_400) });
    });

    it('refuses a programme id that is not an entity id', () => withOwner.when(launch({ programmeId: 'Pilot FIT' })).thenRefused('invalid-value', 'programmeId'));
    it('refuses an owner id that is not an entity id', () => withOwner.when(launch({ ownerPartyId: 'x' })).thenRefused('invalid-value', 'ownerPartyId'));
    it('refuses a date that is not a date', () => withOwner.when(launch({ effectiveDate: '2024-04-31' })).thenRefused('invalid-date', 'effectiveDate'));
    it('refuses a blank name', () => withOwner.when(launch({ name: '' })).thenRefused('invalid-value', 'name'));
    it('refuses a name holding a BSN', () => withOwner.when(launch({ name: BSN_TEXT })).thenRefused('personal-data', 'name'));
    it('refuses a norm band minimum of zero', () =>
      withOwner.when(launch({ normBand: { minCents: 0, maxCents: euros(2_400) } })).thenRefused('invalid-amount', 'normBand.minCents'));
    it('refuses a norm band minimum in fractions of a cent', () =>
      withOwner.when(launch({ normBand: { minCents: 2000.5, maxCents: euros(2_400) } })).thenRefused('invalid-amount', 'normBand.minCents'));
    it('refuses a negative norm band maximum', () =>
      withOwner.when(launch({ normBand: { minCents: euros(2_000), maxCents: euros(-2_400) } })).thenRefused('invalid-amount', 'normBand.maxCents'));
    it('refuses a norm band whose minimum is above its maximum', () =>
      withOwner.when(launch({ normBand: { minCents: euros(2_400), maxCents: euros(2_000) } })).thenRefused('invalid-value', 'normBand'));
    it('refuses an owner that is not registered', () => given([]).when(launch()).thenRefused('not-found', 'ownerPartyId'));
    it('refuses an owner whose registration was reversed', () =>
      given([]).knowing(knowing(reversedAway(party(OWNER)))).when(launch()).thenRefused('not-found', 'ownerPartyId'));

    it('refuses enrolling participants', () => given([]).when(enrol()).thenRefused('not-found', 'programmeId'));
    it('refuses recording outcomes', () => given([]).when(recordOutcomes()).thenRefused('not-found', 'programmeId'));
    it('refuses ending it', () => given([]).when(end()).thenRefused('not-found', 'programmeId'));
  });

  describe('when the programme runs', () => {
    it('refuses to launch it again', () => given([launched]).knowing(knowing(party(OWNER))).when(launch()).thenRefused('already-exists', 'programmeId'));

    describe('enrolling participants (EnrolParticipants)', () => {
      it('records a count of participants', () =>
        given([launched]).when(enrol()).then([
          { type: 'ParticipantsEnrolled', data: { programmeId: PILOT, enrolmentId: 'instroom-q2', count: 12, effectiveDate: '2024-06-30' } },
        ]));
      it('records up to the most participants a programme can count', () =>
        given([launched, enrolled(PARTICIPANT_COUNT_MAX - 12)]).when(enrol()).then([
          { type: 'ParticipantsEnrolled', data: { programmeId: PILOT, enrolmentId: 'instroom-q2', count: 12, effectiveDate: '2024-06-30' } },
        ]));
      it('adds enrolments up', () => expect(given([launched, enrolled(7), enrolled(5, 'instroom-q2')]).state().live.participants).toBe(12));

      it('refuses a command that names another programme', () => given([launched]).when(enrol({ programmeId: 'andere-pilot' })).thenRefused('invalid-value', 'programmeId'));
      it('refuses an enrolment id that is not an entity id', () => given([launched]).when(enrol({ enrolmentId: 'Q2' })).thenRefused('invalid-value', 'enrolmentId'));
      it('refuses a date that is not a date', () => given([launched]).when(enrol({ effectiveDate: '30-06-2024' })).thenRefused('invalid-date', 'effectiveDate'));
      it('refuses a count of zero', () => given([launched]).when(enrol({ count: 0 })).thenRefused('invalid-value', 'count'));
      it('refuses a count that is not whole', () => given([launched]).when(enrol({ count: 2.5 })).thenRefused('invalid-value', 'count'));
      it('refuses a count above the bound', () => given([launched]).when(enrol({ count: PARTICIPANT_COUNT_MAX + 1 })).thenRefused('invalid-value', 'count'));
      it('refuses an enrolment id already recorded', () =>
        given([launched, enrolled(3, 'instroom-q2')]).when(enrol()).thenRefused('already-exists', 'enrolmentId'));
      it('refuses enrolments that together pass the bound', () =>
        given([launched, enrolled(PARTICIPANT_COUNT_MAX)]).when(enrol({ count: 1 })).thenRefused('invalid-value', 'participants in total'));
    });

    describe('recording outcomes (RecordOutcomes)', () => {
      const withTwelve = given([launched, enrolled(12)]);
      const recorded = (kind: OutcomeKind, count: number, flagged = false): OutcomesRecorded => ({
        type: 'OutcomesRecorded',
        data: {
          programmeId: PILOT,
          outcomeId: 'uitstroom-q3',
          kind,
          count,
          effectiveDate: '2024-09-30',
          ...(flagged ? { flags: [FLAGS.outcomesAboveParticipants] } : {}),
        },
      });

      it('records outcomes to work', () => withTwelve.when(recordOutcomes()).then([recorded('work', 4)]));
      it('records outcomes to education', () => withTwelve.when(recordOutcomes({ kind: 'education', count: 2 })).then([recorded('education', 2)]));
      it('records other outcomes', () => withTwelve.when(recordOutcomes({ kind: 'other', count: 1 })).then([recorded('other', 1)]));
      it('records as many outcomes as participants, unflagged', () => withTwelve.when(recordOutcomes({ count: 12 })).then([recorded('work', 12)]));
      it('records, and flags, more outcomes than participants', () => withTwelve.when(recordOutcomes({ count: 13 })).then([recorded('work', 13, true)]));
      it('flags outcomes of one kind that together pass the participants', () =>
        given([launched, enrolled(12), outcomes('work', 10)]).when(recordOutcomes({ count: 3 })).then([recorded('work', 3, true)]));
      it('does not add outcomes of different kinds together for the flag', () =>
        given([launched, enrolled(12), outcomes('education', 10)]).when(recordOutcomes({ count: 3 })).then([recorded('work', 3)]));
      it('flags outcomes before any participant is enrolled', () =>
        given([launched]).when(recordOutcomes({ count: 1 })).then([recorded('work', 1, true)]));
      it('keeps counting outcomes by kind', () =>
        expect(given([launched, outcomes('work', 3), outcomes('work', 2, 'uitstroom-q3'), outcomes('other', 1, 'overig')]).state().live.outcomes).toEqual({
          work: 5,
          other: 1,
        }));

      it('refuses a command that names another programme', () => withTwelve.when(recordOutcomes({ programmeId: 'andere-pilot' })).thenRefused('invalid-value', 'programmeId'));
      it('refuses an outcome id that is not an entity id', () => withTwelve.when(recordOutcomes({ outcomeId: 'Q3' })).thenRefused('invalid-value', 'outcomeId'));
      it('refuses a date that is not a date', () => withTwelve.when(recordOutcomes({ effectiveDate: '2024-09-31' })).thenRefused('invalid-date', 'effectiveDate'));
      it('refuses an unknown kind of outcome', () => withTwelve.when(recordOutcomes({ kind: 'pension' as never })).thenRefused('invalid-value', 'kind'));
      it('refuses a count of zero', () => withTwelve.when(recordOutcomes({ count: 0 })).thenRefused('invalid-value', 'count'));
      it('refuses a count above the bound', () => withTwelve.when(recordOutcomes({ count: PARTICIPANT_COUNT_MAX + 1 })).thenRefused('invalid-value', 'count'));
      it('refuses an outcome id already recorded', () =>
        given([launched, enrolled(12), outcomes('work', 1, 'uitstroom-q3')]).when(recordOutcomes()).thenRefused('already-exists', 'outcomeId'));
    });

    describe('ending it (EndProgramme)', () => {
      it('ends it, not continued', () => given([launched]).when(end()).then([ended(false)]));
      it('ends it, continued in another form', () => given([launched]).when(end({ continued: true })).then([ended(true)]));
      it('ends it on the day it was launched', () => given([launched]).when(end({ effectiveDate: '2024-03-01' })).then([ended(false, '2024-03-01')]));
      it('remembers the end date and whether it continues', () =>
        expect(given([launched, ended(true)]).state().live).toMatchObject({ endedOn: '2024-12-31', continued: true }));

      it('refuses a command that names another programme', () => given([launched]).when(end({ programmeId: 'andere-pilot' })).thenRefused('invalid-value', 'programmeId'));
      it('refuses a date that is not a date', () => given([launched]).when(end({ effectiveDate: '2024-12-32' })).thenRefused('invalid-date', 'effectiveDate'));
      it('refuses a blank reason', () => given([launched]).when(end({ reason: '   ' })).thenRefused('invalid-value', 'reason'));
      it('refuses a reason holding a BSN', () => given([launched]).when(end({ reason: BSN_TEXT })).thenRefused('personal-data', 'reason'));
      it('refuses a continued that is not true or false', () =>
        given([launched]).when(end({ continued: 'nee' as never })).thenRefused('invalid-value', 'continued'));
      it('refuses an end before the launch', () => given([launched]).when(end({ effectiveDate: '2024-02-29' })).thenRefused('invalid-date', 'effectiveDate'));
    });
  });

  describe('when the programme has ended', () => {
    const afterEnd = given([launched, enrolled(12), ended()]);

    it('records participants enrolled before the end, recorded late', () =>
      afterEnd.when(enrol({ effectiveDate: '2024-11-30' })).then([
        { type: 'ParticipantsEnrolled', data: { programmeId: PILOT, enrolmentId: 'instroom-q2', count: 12, effectiveDate: '2024-11-30' } },
      ]));
    it('records participants enrolled on the day it ended', () =>
      afterEnd.when(enrol({ effectiveDate: '2024-12-31' })).then([
        { type: 'ParticipantsEnrolled', data: { programmeId: PILOT, enrolmentId: 'instroom-q2', count: 12, effectiveDate: '2024-12-31' } },
      ]));
    it('refuses participants enrolled after the end', () =>
      afterEnd.when(enrol({ effectiveDate: '2025-01-01' })).thenRefused('invalid-state', 'effectiveDate'));
    it('records outcomes measured after the end', () =>
      afterEnd.when(recordOutcomes({ effectiveDate: '2025-06-30' })).then([
        { type: 'OutcomesRecorded', data: { programmeId: PILOT, outcomeId: 'uitstroom-q3', kind: 'work', count: 4, effectiveDate: '2025-06-30' } },
      ]));
    // The refusal names no field: it is about the stream's state, not one value of the command.
    it('refuses to end it again', () => afterEnd.when(end({ effectiveDate: '2025-01-31' })).thenRefused('invalid-state'));
  });

  describe('the streams a command refers to', () => {
    it('are the owner for LaunchProgramme', () => expect(programmeDecider.references(launch())).toEqual([`party-${OWNER}`]));
    it('are none for the other commands', () => {
      expect(programmeDecider.references(enrol())).toEqual([]);
      expect(programmeDecider.references(recordOutcomes())).toEqual([]);
      expect(programmeDecider.references(end())).toEqual([]);
    });
  });

  describe('when a command of another stream kind arrives', () => {
    it('refuses it', () => given([launched]).when({ type: 'OpenBudget' } as never).thenRefused('invalid-value', 'type'));
  });
});
