// The shapes of the API's answers this page reads (see the OpenAPI at /docs); money is a
// two-decimal string.
export interface JournalCut {
  readonly position: number;
  readonly treeSize: number;
  readonly rootHash: string;
  readonly recordedAt: string | null;
}

export interface Answered {
  readonly asOf: string | null;
  readonly journal: JournalCut;
}

export interface PartyAmount {
  readonly partyId: string;
  readonly name: string | null;
  readonly amount: string;
  readonly share: string;
}

export interface ProgrammeCost extends Answered {
  readonly programmeId: string;
  readonly name: string | null;
  readonly ownerPartyId: string | null;
  readonly status: 'running' | 'ended' | 'unknown';
  readonly launchedOn: string | null;
  readonly endedOn: string | null;
  readonly continued: boolean | null;
  readonly endReason: string | null;
  readonly committed: string;
  readonly realised: string;
  readonly stillToPay: string;
  readonly participants: number;
  readonly costPerParticipant: string | null;
  readonly normBand: { readonly min: string; readonly max: string } | null;
  readonly againstNorm: 'below' | 'within' | 'above' | null;
  readonly whoPaid: {
    readonly total: string;
    readonly directPayers: readonly {
      readonly partyId: string;
      readonly name: string | null;
      readonly budgetId: string;
      readonly committed: string;
      readonly realised: string;
      readonly funders: readonly PartyAmount[];
    }[];
    readonly ultimateFunders: readonly PartyAmount[];
    readonly uncovered: string;
  };
}

export interface EventReference {
  readonly position: number;
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly effectiveDate: string;
  readonly recordedAt: string;
  readonly hash: string;
  readonly sourceReference?: string;
}

export interface CouncilAnswer extends Answered {
  readonly text: string;
  readonly sentences: readonly { readonly text: string; readonly references: readonly number[] }[];
  readonly references: Readonly<Record<string, EventReference>>;
}

export interface ExecutionFigures {
  readonly committed: string;
  readonly realised: string;
}

export interface BudgetExecution extends Answered {
  readonly budgetId: string;
  readonly name: string;
  readonly ownerPartyId: string;
  readonly ownerName: string | null;
  readonly fiscalYear: number;
  readonly taakveld: string;
  readonly initial: string;
  readonly amendments: string;
  readonly transfersIn: string;
  readonly transfersOut: string;
  readonly current: string;
  readonly lines: readonly (ExecutionFigures & { readonly lineId: string; readonly description: string | null; readonly allocated: string; readonly available: string })[];
  readonly withoutLine: ExecutionFigures;
  readonly totals: ExecutionFigures & {
    readonly allocated: string;
    readonly unallocated: string;
    readonly available: string;
    readonly overrun: boolean;
    readonly overrunAmount: string;
  };
}

export interface ProviderSpend extends Answered {
  readonly partyId: string;
  readonly name: string | null;
  readonly kind: string | null;
  readonly years: readonly {
    readonly year: number;
    readonly contracts: readonly {
      readonly contractId: string;
      readonly buyerPartyId: string;
      readonly procedure: string;
      readonly ceiling: string;
      readonly awardedCeiling: string;
      readonly termStart: string;
      readonly termEnd: string;
      readonly endedOn: string | null;
      readonly calledOff: string;
    }[];
    readonly purchases: {
      readonly count: number;
      readonly cancelled: number;
      readonly trajectories: number;
      readonly committed: string;
      readonly averagePricePerTrajectory: string | null;
      readonly invoiced: string;
      readonly paid: string;
    };
    readonly grants: { readonly count: number; readonly awarded: string; readonly paid: string; readonly reclaimed: string };
  }[];
}

export interface Catalogue<E> extends Answered {
  readonly entries: readonly E[];
  readonly truncated: boolean;
}

export interface ProgrammeEntry {
  readonly programmeId: string;
  readonly name: string;
  readonly ownerName: string | null;
  readonly ownerPartyId: string;
  readonly launchedOn: string;
  readonly status: 'running' | 'ended';
}

export interface BudgetEntry {
  readonly budgetId: string;
  readonly name: string;
  readonly ownerPartyId: string;
  readonly ownerName: string | null;
  readonly fiscalYear: number;
  readonly taakveld: string;
}

export interface PartyEntry {
  readonly partyId: string;
  readonly name: string;
  readonly kind: string;
  readonly provider: boolean;
}

export interface JournalEvent {
  readonly position: number;
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly recordedAt: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly hash: string;
  readonly previousHash: string;
}

export interface JournalPage {
  readonly after: number;
  readonly limit: number;
  readonly events: readonly JournalEvent[];
  readonly next: number | null;
  readonly journal: JournalCut;
  readonly headPosition: number;
}

export interface Digest {
  readonly treeSize: number;
  readonly rootHash: string;
  readonly headPosition: number;
  readonly issuedAt: string;
  readonly signature?: { readonly algorithm: string };
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly treeSize: number;
  readonly rootHash: string;
  readonly digestsChecked: number;
  readonly failure?: { readonly kind: string; readonly position?: number; readonly streamId?: string; readonly detail: string };
  readonly verifiedAt: string;
  readonly durationMs: number;
}

export interface Finding {
  readonly id: string;
  readonly kind: string;
  readonly description: string;
  readonly entity: { readonly streamId: string; readonly category: string; readonly id: string };
  readonly date: string;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly events: readonly EventReference[];
}

export interface Findings extends Answered {
  readonly count: number;
  readonly findings: readonly Finding[];
}
