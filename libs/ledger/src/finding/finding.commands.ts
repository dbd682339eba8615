import type { ReviewState } from './finding.events';

/** A controller's or accountant's conclusion on a finding, with a note saying why. */
export interface ReviewFinding {
  readonly type: 'ReviewFinding';
  readonly findingId: string;
  readonly reviewId: string;
  readonly state: ReviewState;
  readonly note: string;
  readonly effectiveDate: string;
}

export type FindingCommand = ReviewFinding;
