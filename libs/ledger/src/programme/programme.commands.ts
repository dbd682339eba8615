import type { OutcomeKind } from './programme.events';

export interface LaunchProgramme {
  readonly type: 'LaunchProgramme';
  readonly programmeId: string;
  readonly ownerPartyId: string;
  readonly name: string;
  readonly normBand?: { readonly minCents: number; readonly maxCents: number; readonly source?: string };
  readonly effectiveDate: string;
}

export interface EnrolParticipants {
  readonly type: 'EnrolParticipants';
  readonly programmeId: string;
  readonly enrolmentId: string;
  readonly count: number;
  readonly effectiveDate: string;
}

export interface RecordOutcomes {
  readonly type: 'RecordOutcomes';
  readonly programmeId: string;
  readonly outcomeId: string;
  readonly kind: OutcomeKind;
  readonly count: number;
  readonly effectiveDate: string;
}

export interface EndProgramme {
  readonly type: 'EndProgramme';
  readonly programmeId: string;
  readonly reason: string;
  readonly continued: boolean;
  readonly effectiveDate: string;
}

export type ProgrammeCommand = LaunchProgramme | EnrolParticipants | RecordOutcomes | EndProgramme;
