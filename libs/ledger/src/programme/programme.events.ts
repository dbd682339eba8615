// Programmes: the pilot, project or trajectory kind a council question is about. People are
// counted, never named.
import type { Cents } from '../money/money';
import type { DomainEvent } from '../shared/decider';
import type { Flag } from '../shared/flags';

export const OUTCOME_KINDS = ['work', 'education', 'other'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** An indicative cost per participant, e.g. € 2.000 – € 2.400 in the re-integration chain. */
export interface NormBand {
  readonly minCents: Cents;
  readonly maxCents: Cents;
  /** Where the band comes from (a letter, a benchmark), for whoever states it to cite. */
  readonly source?: string;
}

export const PROGRAMME_EVENT_TYPES = ['ProgrammeLaunched', 'ParticipantsEnrolled', 'OutcomesRecorded', 'ProgrammeEnded'] as const;

export type ProgrammeLaunched = DomainEvent<
  'ProgrammeLaunched',
  {
    readonly programmeId: string;
    readonly ownerPartyId: string;
    readonly name: string;
    readonly normBand?: NormBand;
    readonly effectiveDate: string;
  }
>;

export type ParticipantsEnrolled = DomainEvent<
  'ParticipantsEnrolled',
  { readonly programmeId: string; readonly enrolmentId: string; readonly count: number; readonly effectiveDate: string }
>;

export type OutcomesRecorded = DomainEvent<
  'OutcomesRecorded',
  {
    readonly programmeId: string;
    readonly outcomeId: string;
    readonly kind: OutcomeKind;
    readonly count: number;
    readonly effectiveDate: string;
    readonly flags?: Flag[];
  }
>;

export type ProgrammeEnded = DomainEvent<
  'ProgrammeEnded',
  {
    readonly programmeId: string;
    readonly reason: string;
    /** Whether it goes on in another form; the Heerlen pilot did not. */
    readonly continued: boolean;
    readonly effectiveDate: string;
  }
>;

export type ProgrammeEvent = ProgrammeLaunched | ParticipantsEnrolled | OutcomesRecorded | ProgrammeEnded;
