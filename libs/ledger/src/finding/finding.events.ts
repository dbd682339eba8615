// A controller's or accountant's review of a finding: what they concluded, with a note. The
// finding is the read side's; its review is a fact of the journal like any other, with its actor.
import type { DomainEvent } from '../shared/decider';

export const REVIEW_STATES = ['explained', 'accepted', 'to-be-corrected', 'escalated'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const FINDING_EVENT_TYPES = ['FindingReviewed'] as const;

export type FindingReviewed = DomainEvent<
  'FindingReviewed',
  {
    /** The finding's id as the findings list gives it (e.g. "budget-overrun:heerlen-2024"). */
    readonly findingId: string;
    readonly reviewId: string;
    readonly state: ReviewState;
    readonly note: string;
    readonly effectiveDate: string;
  }
>;

export type FindingEvent = FindingReviewed;
