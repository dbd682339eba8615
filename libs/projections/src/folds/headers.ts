// The entities' own descriptions, folded from their streams in business order: what a budget,
// programme, contract, party or procurement is called, who owns it, its dates. Their figures
// (a budget's fundings, a programme's participants) are each event's own amount.
import { datePrecisionOf, type DatePrecision, type NormBand, type OutcomeKind, type PartyKind, type ProcurementProcedure, type ReviewState } from '@geldstroom/ledger';
import type { FactOf } from '../model/ledger-fact';
import type { Dims, Measures } from '../model/movement';

export type BudgetFact = FactOf<'BudgetOpened' | 'BudgetFunded' | 'BudgetAmended' | 'BudgetAllocated' | 'BudgetTransferredOut' | 'BudgetTransferredIn'>;
export type ProgrammeFact = FactOf<'ProgrammeLaunched' | 'ParticipantsEnrolled' | 'OutcomesRecorded' | 'ProgrammeEnded'>;
export type ContractFact = FactOf<'ContractAwarded' | 'ContractAmended' | 'ContractEnded'>;

export interface BudgetHeader {
  readonly opened: boolean;
  readonly budgetId: string;
  readonly name: string;
  readonly ownerPartyId: string;
  readonly fiscalYear: number;
  readonly taakveld: string;
  readonly openedOn: string;
  /** Allocation line → its description (the latest allocation's, in business order). */
  readonly lines: Readonly<Record<string, string>>;
}

export function initialBudget(budgetId: string): BudgetHeader {
  return { opened: false, budgetId, name: '', ownerPartyId: '', fiscalYear: 0, taakveld: '', openedOn: '', lines: {} };
}

export function evolveBudget(state: BudgetHeader, fact: BudgetFact): BudgetHeader {
  switch (fact.type) {
    case 'BudgetOpened': {
      const { name, ownerPartyId, fiscalYear, taakveld } = fact.data;
      return { ...state, opened: true, name, ownerPartyId, fiscalYear, taakveld, openedOn: fact.effectiveDate };
    }
    case 'BudgetAllocated':
      return { ...state, lines: { ...state.lines, [fact.data.lineId]: fact.data.description } };
    case 'BudgetFunded':
    case 'BudgetAmended':
    case 'BudgetTransferredOut':
    case 'BudgetTransferredIn':
      return state;
  }
}

export function budgetMovement(fact: BudgetFact): { dims: Dims; measures: Measures } | undefined {
  const dims = (kind: Dims['kind'], extra: Partial<Dims> = {}): Dims => ({
    kind,
    budgetId: fact.data.budgetId,
    lineId: null,
    programmeId: null,
    partyId: null,
    contractId: null,
    counterBudgetId: null,
    unit: null,
    ...extra,
  });
  switch (fact.type) {
    case 'BudgetOpened':
      return undefined;
    case 'BudgetFunded':
      return { dims: dims('funding', { partyId: fact.data.funderPartyId }), measures: { fundedCents: fact.data.amountCents } };
    case 'BudgetAmended':
      return { dims: dims('budget'), measures: { amendedCents: fact.data.amountCents } };
    case 'BudgetAllocated':
      return { dims: dims('budget', { lineId: fact.data.lineId }), measures: { allocatedCents: fact.data.amountCents } };
    case 'BudgetTransferredOut':
      return { dims: dims('transfer-out', { counterBudgetId: fact.data.toBudgetId }), measures: { transferredOutCents: fact.data.amountCents } };
    case 'BudgetTransferredIn':
      return { dims: dims('transfer-in', { counterBudgetId: fact.data.fromBudgetId }), measures: { transferredInCents: fact.data.amountCents } };
  }
}

export interface ProgrammeHeader {
  readonly opened: boolean;
  readonly programmeId: string;
  readonly name: string;
  readonly ownerPartyId: string;
  readonly normBand: NormBand | null;
  readonly launchedOn: string;
  /** Present when the launch date is known to the month or year only. */
  readonly launchedOnPrecision?: CoarseDatePrecision;
  readonly ended: {
    readonly on: string;
    /** Present when the end date is known to the month or year only ("medio juni"). */
    readonly precision?: CoarseDatePrecision;
    readonly continued: boolean;
    readonly reason: string;
    readonly position: number;
  } | null;
}

type CoarseDatePrecision = Exclude<DatePrecision, 'day'>;

/** A precision coarser than a day, as a field to spread in; nothing for a day. */
function coarse<K extends string>(key: K, data: unknown): Partial<Record<K, CoarseDatePrecision>> {
  const precision = datePrecisionOf(data);
  return precision === 'day' ? {} : ({ [key]: precision } as Record<K, CoarseDatePrecision>);
}

export function initialProgramme(programmeId: string): ProgrammeHeader {
  return { opened: false, programmeId, name: '', ownerPartyId: '', normBand: null, launchedOn: '', ended: null };
}

export function evolveProgramme(state: ProgrammeHeader, fact: ProgrammeFact): ProgrammeHeader {
  switch (fact.type) {
    case 'ProgrammeLaunched': {
      const { name, ownerPartyId, normBand } = fact.data;
      return { ...state, opened: true, name, ownerPartyId, normBand: normBand ?? null, launchedOn: fact.effectiveDate, ...coarse('launchedOnPrecision', fact.data) };
    }
    case 'ProgrammeEnded': {
      const { continued, reason } = fact.data;
      return { ...state, ended: { on: fact.effectiveDate, ...coarse('precision', fact.data), continued, reason, position: fact.position } };
    }
    case 'ParticipantsEnrolled':
    case 'OutcomesRecorded':
      return state;
  }
}

const OUTCOME_MEASURE: Readonly<Record<OutcomeKind, 'outcomesWork' | 'outcomesEducation' | 'outcomesOther'>> = {
  work: 'outcomesWork',
  education: 'outcomesEducation',
  other: 'outcomesOther',
};

export function programmeMovement(fact: ProgrammeFact): { dims: Dims; measures: Measures } | undefined {
  const dims: Dims = {
    kind: 'programme',
    budgetId: null,
    lineId: null,
    programmeId: fact.data.programmeId,
    partyId: null,
    contractId: null,
    counterBudgetId: null,
    unit: null,
  };
  switch (fact.type) {
    case 'ParticipantsEnrolled':
      return { dims, measures: { participants: fact.data.count } };
    case 'OutcomesRecorded':
      return { dims, measures: { [OUTCOME_MEASURE[fact.data.kind]]: fact.data.count } };
    case 'ProgrammeLaunched':
    case 'ProgrammeEnded':
      return undefined;
  }
}

export interface ContractHeader {
  readonly opened: boolean;
  readonly contractId: string;
  readonly procurementId: string;
  readonly buyerPartyId: string;
  readonly supplierPartyId: string;
  readonly procedure: ProcurementProcedure | '';
  readonly awardedCeilingCents: number;
  /** After amendments, in business order. */
  readonly ceilingCents: number;
  readonly termStart: string;
  readonly termEnd: string;
  readonly optionMonths: number;
  readonly awardedOn: string;
  readonly endedOn: string | null;
  /**
   * The last day call-offs are bought under the contract: its end as amended in time. An extension
   * agreed after the term had ended is a new award, not an amendment (it needed a procedure of its
   * own): what is called off after the old end stays outside the term.
   */
  readonly coveredUntil: string;
  /** The date of the first amendment that extended the term after it had ended (null: none). */
  readonly extendedAfterEndOn: string | null;
  /** The award and the amendments: the events that set the ceiling. */
  readonly basis: readonly number[];
}

export function initialContract(contractId: string): ContractHeader {
  return {
    opened: false,
    contractId,
    procurementId: '',
    buyerPartyId: '',
    supplierPartyId: '',
    procedure: '',
    awardedCeilingCents: 0,
    ceilingCents: 0,
    termStart: '',
    termEnd: '',
    optionMonths: 0,
    awardedOn: '',
    endedOn: null,
    coveredUntil: '',
    extendedAfterEndOn: null,
    basis: [],
  };
}

/** The award counts from its origin on the procurement's stream; its mirror adds nothing. */
export function evolveContract(state: ContractHeader, fact: ContractFact): ContractHeader {
  switch (fact.type) {
    case 'ContractAwarded': {
      if (fact.mirrorOf !== null) return state;
      const d = fact.data;
      return {
        ...state,
        opened: true,
        procurementId: d.procurementId,
        buyerPartyId: d.buyerPartyId,
        supplierPartyId: d.supplierPartyId,
        procedure: d.procedure,
        awardedCeilingCents: d.ceilingCents,
        ceilingCents: d.ceilingCents,
        termStart: d.termStart,
        termEnd: d.termEnd,
        optionMonths: d.optionMonths ?? 0,
        awardedOn: fact.effectiveDate,
        coveredUntil: d.termEnd,
        basis: [fact.position],
      };
    }
    case 'ContractAmended': {
      const termEnd = fact.data.termEnd ?? state.termEnd;
      // In business order: the term as it stood on the amendment's date. Its last day is within.
      const late = termEnd > state.coveredUntil && fact.effectiveDate > state.coveredUntil;
      return {
        ...state,
        ceilingCents: fact.data.ceilingCents,
        termEnd,
        coveredUntil: late ? state.coveredUntil : termEnd,
        extendedAfterEndOn: late ? (state.extendedAfterEndOn ?? fact.effectiveDate) : state.extendedAfterEndOn,
        basis: [...state.basis, fact.position],
      };
    }
    case 'ContractEnded':
      return { ...state, endedOn: fact.effectiveDate };
  }
}

export interface PartyHeader {
  readonly opened: boolean;
  readonly partyId: string;
  readonly name: string;
  readonly kind: PartyKind | '';
  readonly registeredOn: string;
}

export function initialParty(partyId: string): PartyHeader {
  return { opened: false, partyId, name: '', kind: '', registeredOn: '' };
}

export function evolveParty(state: PartyHeader, fact: FactOf<'PartyRegistered'>): PartyHeader {
  return { ...state, opened: true, name: fact.data.name, kind: fact.data.kind, registeredOn: fact.effectiveDate };
}

export interface ProcurementHeader {
  readonly opened: boolean;
  readonly procurementId: string;
  readonly buyerPartyId: string;
  readonly subject: string;
  readonly procedure: ProcurementProcedure | '';
  readonly estimatedValueCents: number;
}

export function initialProcurement(procurementId: string): ProcurementHeader {
  return { opened: false, procurementId, buyerPartyId: '', subject: '', procedure: '', estimatedValueCents: 0 };
}

export function evolveProcurement(state: ProcurementHeader, fact: FactOf<'ProcurementStarted'>): ProcurementHeader {
  const { buyerPartyId, subject, procedure, estimatedValueCents } = fact.data;
  return { ...state, opened: true, buyerPartyId, subject, procedure, estimatedValueCents };
}

export interface Review {
  readonly reviewId: string;
  readonly state: ReviewState;
  readonly note: string;
  readonly on: string;
  readonly position: number;
  /** The principal who recorded it. */
  readonly actor: string | null;
}

/** A finding's reviews, in business order; the last is where it stands. */
export interface ReviewHeader {
  readonly opened: boolean;
  readonly findingId: string;
  readonly reviews: readonly Review[];
}

export function initialReview(): ReviewHeader {
  return { opened: false, findingId: '', reviews: [] };
}

export function evolveReview(state: ReviewHeader, fact: FactOf<'FindingReviewed'>): ReviewHeader {
  const { findingId, reviewId, state: reviewState, note } = fact.data;
  return { opened: true, findingId, reviews: [...state.reviews, { reviewId, state: reviewState, note, on: fact.effectiveDate, position: fact.position, actor: fact.actor }] };
}

export interface DocumentHeader {
  readonly opened: boolean;
  readonly documentId: string;
  readonly supportsEventId: string;
  readonly supportsStreamId: string;
  readonly contentHash: string;
  readonly name: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly attachedOn: string;
  readonly position: number;
}

export function initialDocument(documentId: string): DocumentHeader {
  return { opened: false, documentId, supportsEventId: '', supportsStreamId: '', contentHash: '', name: '', contentType: '', sizeBytes: 0, attachedOn: '', position: 0 };
}

export function evolveDocument(state: DocumentHeader, fact: FactOf<'DocumentAttached'>): DocumentHeader {
  const { documentId, supportsEventId, supportsStreamId, contentHash, name, contentType, sizeBytes } = fact.data;
  return { ...state, opened: true, documentId, supportsEventId, supportsStreamId, contentHash, name, contentType, sizeBytes, attachedOn: fact.effectiveDate, position: fact.position };
}
