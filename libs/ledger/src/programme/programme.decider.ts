// A programme is launched, counts participants and outcomes, and ends. Spending for it lives on
// the grant and purchase streams; spending dated after its end is a derived finding, not refused.
import { accept, refuseWith, type Decision, type References } from '../shared/decider';
import {
  checkAmount, checkBoolean, checkCount, checkDate, checkExisting, checkId, checkOneOf, checkText, checkUnused,
  firstRefusal, notFound, referenced, refusal,
} from '../shared/checks';
import { isBefore } from '../shared/dates';
import { FLAGS, flagged } from '../shared/flags';
import { streamId } from '../shared/ids';
import { asCents } from '../money/money';
import { withReversals } from '../reversal/with-reversals';
import type { EndProgramme, EnrolParticipants, LaunchProgramme, ProgrammeCommand, RecordOutcomes } from './programme.commands';
import { OUTCOME_KINDS, type NormBand, type OutcomeKind, type ProgrammeEvent } from './programme.events';

/** Counts of people, never people: bounded so a typo cannot record a city. */
export const PARTICIPANT_COUNT_MAX = 1_000_000;

export interface ProgrammeState {
  readonly exists: boolean;
  readonly programmeId?: string;
  readonly ownerPartyId?: string;
  readonly launchedOn?: string;
  readonly normBand?: NormBand;
  readonly participants: number;
  readonly outcomes: { readonly [kind in OutcomeKind]?: number };
  readonly enrolmentIds: readonly string[];
  readonly outcomeIds: readonly string[];
  readonly endedOn?: string;
  readonly continued?: boolean;
}

const initialState = (): ProgrammeState => ({ exists: false, participants: 0, outcomes: {}, enrolmentIds: [], outcomeIds: [] });

export const programmeDecider = withReversals<ProgrammeCommand, ProgrammeEvent, ProgrammeState>({
  category: 'programme',
  initialState,
  evolve: (state, event) => {
    switch (event.type) {
      case 'ProgrammeLaunched': {
        const { programmeId, ownerPartyId, normBand, effectiveDate } = event.data;
        return { ...initialState(), exists: true, programmeId, ownerPartyId, normBand, launchedOn: effectiveDate };
      }
      case 'ParticipantsEnrolled':
        return {
          ...state,
          participants: state.participants + event.data.count,
          enrolmentIds: [...state.enrolmentIds, event.data.enrolmentId],
        };
      case 'OutcomesRecorded': {
        const { kind, count, outcomeId } = event.data;
        return {
          ...state,
          outcomes: { ...state.outcomes, [kind]: (state.outcomes[kind] ?? 0) + count },
          outcomeIds: [...state.outcomeIds, outcomeId],
        };
      }
      case 'ProgrammeEnded':
        return { ...state, endedOn: event.data.effectiveDate, continued: event.data.continued };
      default:
        return state;
    }
  },
  references: (command) => (command.type === 'LaunchProgramme' ? [streamId('party', command.ownerPartyId)] : []),
  decide: (command, state, references) => {
    switch (command.type) {
      case 'LaunchProgramme':
        return launch(command, state, references);
      case 'EnrolParticipants':
        return enrol(command, state);
      case 'RecordOutcomes':
        return recordOutcomes(command, state);
      case 'EndProgramme':
        return end(command, state);
      default:
        return refuseWith(refusal('invalid-value', `a programme does not take ${(command as { type: string }).type}`, 'type'));
    }
  },
});

function launch(command: LaunchProgramme, state: ProgrammeState, references: References): Decision<ProgrammeEvent> {
  const invalid = firstRefusal(
    checkId(command.programmeId, 'programmeId'),
    checkId(command.ownerPartyId, 'ownerPartyId'),
    checkDate(command.effectiveDate),
    checkText(command.name, 'name'),
    command.normBand === undefined ? undefined : checkNormBand(command.normBand),
  );
  if (invalid) return refuseWith(invalid);
  if (state.exists) {
    return refuseWith(refusal('already-exists', `programme ${command.programmeId} was already launched`, 'programmeId'));
  }
  if (!referenced(references, streamId('party', command.ownerPartyId))) {
    return refuseWith(notFound(`party ${command.ownerPartyId}`, 'ownerPartyId'));
  }
  const { programmeId, ownerPartyId, name, normBand, effectiveDate } = command;
  const band = normBand
    ? { normBand: { minCents: asCents(normBand.minCents), maxCents: asCents(normBand.maxCents), ...(normBand.source !== undefined ? { source: normBand.source } : {}) } }
    : {};
  return accept([{ type: 'ProgrammeLaunched', data: { programmeId, ownerPartyId, name, ...band, effectiveDate } }]);
}

function checkNormBand(band: { readonly minCents: number; readonly maxCents: number; readonly source?: string }) {
  return firstRefusal(
    checkAmount(band.minCents, 'normBand.minCents'),
    checkAmount(band.maxCents, 'normBand.maxCents'),
    band.source === undefined ? undefined : checkText(band.source, 'normBand.source'),
    band.minCents > band.maxCents ? refusal('invalid-value', 'the norm band minimum is above its maximum', 'normBand') : undefined,
  );
}

function enrol(command: EnrolParticipants, state: ProgrammeState): Decision<ProgrammeEvent> {
  const invalid = firstRefusal(
    checkExisting(state, state.programmeId, command.programmeId, 'programmeId'),
    checkId(command.enrolmentId, 'enrolmentId'),
    checkDate(command.effectiveDate),
    checkCount(command.count, 'count', PARTICIPANT_COUNT_MAX),
    checkUnused(state.enrolmentIds, command.enrolmentId, 'enrolmentId'),
    checkCount(state.participants + command.count, 'participants in total', PARTICIPANT_COUNT_MAX),
  );
  if (invalid) return refuseWith(invalid);
  // Counts are often recorded late; what cannot be a fact is joining after the end.
  if (state.endedOn !== undefined && isBefore(state.endedOn, command.effectiveDate)) {
    return refuseWith(refusal('invalid-state', `the programme ended on ${state.endedOn}`, 'effectiveDate'));
  }
  const { programmeId, enrolmentId, count, effectiveDate } = command;
  return accept([{ type: 'ParticipantsEnrolled', data: { programmeId, enrolmentId, count, effectiveDate } }]);
}

/** Outcomes (uitstroom naar werk) are measured after the end too, so they are not refused then. */
function recordOutcomes(command: RecordOutcomes, state: ProgrammeState): Decision<ProgrammeEvent> {
  const invalid = firstRefusal(
    checkExisting(state, state.programmeId, command.programmeId, 'programmeId'),
    checkId(command.outcomeId, 'outcomeId'),
    checkDate(command.effectiveDate),
    checkOneOf(command.kind, OUTCOME_KINDS, 'kind'),
    checkCount(command.count, 'count', PARTICIPANT_COUNT_MAX),
    checkUnused(state.outcomeIds, command.outcomeId, 'outcomeId'),
  );
  if (invalid) return refuseWith(invalid);
  const { programmeId, outcomeId, kind, count, effectiveDate } = command;
  const data = flagged({ programmeId, outcomeId, kind, count, effectiveDate }, [
    (state.outcomes[kind] ?? 0) + count > state.participants && FLAGS.outcomesAboveParticipants,
  ]);
  return accept([{ type: 'OutcomesRecorded', data }]);
}

function end(command: EndProgramme, state: ProgrammeState): Decision<ProgrammeEvent> {
  const invalid = firstRefusal(
    checkExisting(state, state.programmeId, command.programmeId, 'programmeId'),
    checkDate(command.effectiveDate),
    checkText(command.reason, 'reason'),
    checkBoolean(command.continued, 'continued'),
  );
  if (invalid) return refuseWith(invalid);
  if (state.endedOn !== undefined) return refuseWith(refusal('invalid-state', `the programme already ended on ${state.endedOn}`));
  if (isBefore(command.effectiveDate, state.launchedOn!)) {
    return refuseWith(refusal('invalid-date', `a programme cannot end before its launch on ${state.launchedOn}`, 'effectiveDate'));
  }
  const { programmeId, reason, continued, effectiveDate } = command;
  return accept([{ type: 'ProgrammeEnded', data: { programmeId, reason, continued, effectiveDate } }]);
}
