// The shapes of the API's answers this page reads: the very types the queries answer with, from
// libs/projections and libs/event-store, imported as types only (the build erases them, so the
// page holds none of those libraries' code). Money is a two-decimal string.
import type { JournalHead } from '@geldstroom/projections';

export type {
  BudgetEntry,
  BudgetExecution,
  Catalogue,
  CouncilAnswer,
  EventReference,
  ExecutionFigures,
  Finding,
  FindingsAnswer as Findings,
  JournalEvent,
  JournalPage,
  PartyAmount,
  PartyEntry,
  ProgrammeCost,
  ProgrammeEntry,
  ProviderSpend,
  PartyFunding,
  PartySpending,
  FundingFlows,
  SearchAnswer,
  SearchResult,
  TaakveldenAnswer,
  AnswerFootnote,
  SpendingYear,
  SpendingFigures,
  Iv3Matrix,
  Iv3Row,
  Iv3Cell,
  FundingAccountability,
  FundingStatement,
  RechtmatigheidRegister,
  RegisterEntry,
  ThenAndNow,
  ChangeReport,
  FigureChange,
  ExplainingEvent,
} from '@geldstroom/projections';
export type { SignedDigest as Digest, VerifyReport } from '@geldstroom/event-store';

/** The journal position and Merkle tree head an answer was computed at. */
export type JournalCut = JournalHead;
