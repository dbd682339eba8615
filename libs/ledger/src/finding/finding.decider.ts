// A review is recorded on the finding's own stream; each one stands until the next. Refused: a
// finding id of the wrong shape, a state that is not one of the review states, a note that is
// blank or holds personal data, a review id used before. Whether the finding exists is the read
// side's to say: the API asks it before it sends the command.
import { accept, refuseWith, type Decision } from '../shared/decider';
import { checkDate, checkId, checkOneOf, checkText, checkUnused, firstRefusal, refusal } from '../shared/checks';
import { withReversals } from '../reversal/with-reversals';
import type { FindingCommand, ReviewFinding } from './finding.commands';
import { REVIEW_STATES, type FindingEvent } from './finding.events';
import { FINDING_ID_PATTERN } from './finding-stream';

export interface FindingState {
  readonly exists: boolean;
  readonly findingId?: string;
  readonly reviewIds: readonly string[];
}

export const findingInitialState = (): FindingState => ({ exists: false, reviewIds: [] });

export function evolveFinding(state: FindingState, event: FindingEvent): FindingState {
  return { exists: true, findingId: event.data.findingId, reviewIds: [...state.reviewIds, event.data.reviewId] };
}

export const findingDecider = withReversals<FindingCommand, FindingEvent, FindingState>({
  category: 'finding',
  initialState: findingInitialState,
  evolve: evolveFinding,
  references: () => [],
  decide: (command, state) =>
    command.type === 'ReviewFinding'
      ? review(command, state)
      : refuseWith(refusal('invalid-value', `a finding does not take ${(command as { type: string }).type}`, 'type')),
});

function review(command: ReviewFinding, state: FindingState): Decision<FindingEvent> {
  const invalid = firstRefusal(
    typeof command.findingId === 'string' && FINDING_ID_PATTERN.test(command.findingId)
      ? undefined
      : refusal('invalid-value', `findingId must be a finding's id as the findings list gives it (${FINDING_ID_PATTERN.source})`, 'findingId'),
    checkId(command.reviewId, 'reviewId'),
    checkOneOf(command.state, REVIEW_STATES, 'state'),
    checkText(command.note, 'note'),
    checkDate(command.effectiveDate),
    checkUnused(state.reviewIds, command.reviewId, 'reviewId'),
  );
  if (invalid) return refuseWith(invalid);
  // Two findings whose ids share a digest prefix would share a stream: never mix their reviews.
  if (state.exists && state.findingId !== command.findingId) {
    return refuseWith(refusal('invalid-value', "findingId does not name this stream's finding", 'findingId'));
  }
  const { findingId, reviewId, state: reviewState, note, effectiveDate } = command;
  return accept([{ type: 'FindingReviewed', data: { findingId, reviewId, state: reviewState, note, effectiveDate } }]);
}
