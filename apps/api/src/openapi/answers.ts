// The answers of the API as they go over the wire: the roots answer-schemas.json is generated
// from (npm run openapi:schemas, ts-json-schema-generator), so the OpenAPI document's success
// schemas are the very types the queries answer with, and cannot drift from them unnoticed
// (openapi-document.spec.ts generates them again and compares).
import type { SignedDigest, VerifyReport } from '@geldstroom/event-store';
import type {
  AuditTrail,
  BudgetEntry,
  BudgetExecution,
  Catalogue,
  CouncilAnswer,
  DocumentView,
  FindingsAnswer,
  FundingAccountability,
  Iv3Matrix,
  ListedFinding,
  FundingFlows,
  JournalPage,
  PartyEntry,
  PartyFunding,
  PartySpending,
  ProgrammeCost,
  ProgrammeEntry,
  ProviderSpend,
  ReadModelsReport,
  RechtmatigheidRegister,
  SearchAnswer,
  TaakveldenAnswer,
  ThenAndNow,
} from '@geldstroom/projections';

/** Whether the read models were last found to match the journal (the Geldstroom-Read-Models header says it too). */
export type ReadModelsStatus = 'verified' | 'not-verified-yet' | 'do-not-match-journal';

/** The read models an answer was read from, and how they stand (added to every answer that names them). */
export interface ReadModelsOnTheWire {
  readonly position: number;
  readonly digest: string;
  readonly status: ReadModelsStatus;
  readonly verifiedAt?: string;
  readonly verifiedPosition?: number;
}

type OnTheWire<T extends { readonly readModels: unknown }> = Omit<T, 'readModels'> & {
  readonly readModels: ReadModelsOnTheWire;
  /** Present only when the read models do not match the journal, or the journal itself does not verify: the figures cannot be relied on. */
  readonly warning?: string;
};

/** The findings about the entity an answer is about, as known at its cut (the first of them; GET /v1/findings?entity= lists the rest). */
export interface EntityFindings {
  readonly count: number;
  readonly byKind: Readonly<Record<string, number>>;
  readonly findings: readonly ListedFinding[];
}

/** Added to the answers about one programme, budget or provider. */
export interface WithEntityFindings {
  readonly findings: EntityFindings;
}

export type ProgrammeCostAnswer = OnTheWire<ProgrammeCost> & WithEntityFindings;
export type CouncilAnswerAnswer = OnTheWire<CouncilAnswer>;
export type BudgetExecutionAnswer = OnTheWire<BudgetExecution> & WithEntityFindings;
export type PartyFundingAnswer = OnTheWire<PartyFunding>;
export type PartySpendingAnswer = OnTheWire<PartySpending>;
export type ProviderSpendAnswer = OnTheWire<ProviderSpend> & WithEntityFindings;
export type Iv3MatrixAnswer = OnTheWire<Iv3Matrix>;
export type FundingAccountabilityAnswer = OnTheWire<FundingAccountability>;
export type RechtmatigheidAnswer = OnTheWire<RechtmatigheidRegister>;
export type ThenAndNowAnswer = OnTheWire<ThenAndNow>;
/** A source document's metadata, and where to download it. */
export type DocumentAnswer = DocumentView & { readonly contentUrl: string };
/** The documents attached to one recorded fact, oldest first. */
export interface FactDocumentsAnswer {
  readonly eventId: string;
  readonly streamId: string;
  readonly documents: readonly DocumentAnswer[];
}
export type FundingFlowsAnswer = OnTheWire<FundingFlows>;
export type FindingsListAnswer = OnTheWire<FindingsAnswer>;
export type ProgrammeCatalogueAnswer = OnTheWire<Catalogue<ProgrammeEntry>>;
export type BudgetCatalogueAnswer = OnTheWire<Catalogue<BudgetEntry>>;
export type PartyCatalogueAnswer = OnTheWire<Catalogue<PartyEntry>>;
export type SearchAnswerAnswer = OnTheWire<SearchAnswer>;
export type AuditTrailAnswer = OnTheWire<AuditTrail>;
export type JournalPageAnswer = OnTheWire<JournalPage>;
export type TaakveldenListAnswer = TaakveldenAnswer;
export type DigestAnswer = SignedDigest;
export type VerifyAnswer = VerifyReport & { readonly readModels?: ReadModelsReport };

/** What every command answers with (201; a retry of the same command answers the same, with Idempotent-Replayed). */
export interface CommandAnswer {
  /** The entity the command was about. */
  readonly id: string;
  readonly streamId: string;
  /** Stream revision after the command: send it as If-Match next time. */
  readonly revision: number;
  /** Global journal position of the last event written. */
  readonly position: number;
  /** Ids of the events written (UUID v7). */
  readonly eventIds: readonly string[];
  /** On a retry (Idempotent-Replayed): the reversals recorded since of the events this command wrote; those no longer count. */
  readonly reversedBy?: readonly { readonly eventId: string; readonly position: number; readonly reversedEventId: string }[];
}

/** POST /v1/batches: one result per command, in the order sent (200; atomic and all written: 201). */
export interface BatchAnswer {
  readonly atomic: boolean;
  /**
   * Present (true) for a dry run: every command decided as an atomic batch would, nothing
   * written. Its results then say `checked`, never `answer`: no revision, position or event id.
   */
  readonly dryRun?: boolean;
  readonly results: readonly BatchCommandAnswer[];
}

/** One command of a batch, answered as its own endpoint answers it. */
export interface BatchCommandAnswer {
  /** Its place in the batch, from 0. */
  readonly index: number;
  /** Its kind, e.g. `purchase-trajectories`. */
  readonly kind: string;
  /** The status its own endpoint would have answered with (in a dry run: would answer). */
  readonly status: number;
  /** True when it had been recorded before: nothing was written (Idempotent-Replayed). */
  readonly replayed?: boolean;
  /** What its endpoint answers when it was recorded. */
  readonly answer?: CommandAnswer;
  /** In a dry run, for a command it would take: what the command is about. Nothing was written. */
  readonly checked?: CheckedCommandAnswer;
  /** Why it was refused: the problem its endpoint would have answered with. */
  readonly problem?: Problem;
}

/** A command a dry run would take: the entity and stream it is about, and no revision, position or event id, since none was written. */
export interface CheckedCommandAnswer {
  readonly id: string;
  readonly streamId: string;
  /** A retry (replayed): the reversals recorded since of the events the command wrote. */
  readonly reversedBy?: CommandAnswer['reversedBy'];
}

export interface PrincipalAnswer {
  readonly principalId: string;
  readonly role: 'recorder' | 'controller' | 'accountant' | 'admin';
  /** The parties a recorder writes for, or "all". */
  readonly scope: readonly string[] | 'all';
  readonly label: string;
  readonly createdAt: string;
  readonly revoked: boolean;
}

export type PrincipalListAnswer = readonly PrincipalAnswer[];

export interface IssuedTokenAnswer extends PrincipalAnswer {
  /** The bearer token, `gs_<id>_<secret>`. Shown this once: the ledger keeps only its hash. */
  readonly token: string;
}

/** /health: each part of the ledger up or down; 503 with the same body when one is down. */
export interface HealthAnswer {
  readonly status: 'ok' | 'error' | 'shutting_down';
  readonly info?: Readonly<Record<string, HealthPart>>;
  readonly error?: Readonly<Record<string, HealthPart>>;
  readonly details: Readonly<Record<string, HealthPart>>;
}

export interface HealthPart {
  readonly status: 'up' | 'down';
  readonly [detail: string]: unknown;
}

/** RFC 9457 problem details: every error the API gives. */
export interface Problem {
  /** Stable per kind of error, e.g. `/problems/invalid-amount`: switch on this. */
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  /** The request path the problem is about (a token in its query is redacted). */
  readonly instance?: string;
  /** For a body that does not have the expected shape: what is wrong with each field. */
  readonly errors?: readonly { readonly field: string; readonly messages: readonly string[] }[];
  readonly [extension: string]: unknown;
}

/** One figure of an import's reconciliation: the export's total beside the ledger's, in euros. */
export interface ReconciliationRowAnswer {
  readonly subject: 'budget' | 'line' | 'party' | 'month';
  /** A budget id, `budget/line`, a party id or a month (YYYY-MM). */
  readonly id: string;
  readonly measure: string;
  readonly export: string;
  readonly ledger: string;
  /** ledger − export. */
  readonly difference: string;
}

/** A booking import's outcome and its reconciliation with the ledger (the controller's types are checked against it). */
export interface ImportAnswerAnswer {
  readonly importId: string;
  readonly fileName: string;
  readonly fileSha256: string;
  readonly sizeBytes: number;
  readonly format: 'csv' | 'xlsx';
  readonly encoding: 'utf-8' | 'windows-1252' | null;
  readonly mappingSha256: string;
  readonly system: string;
  readonly dryRun: boolean;
  readonly actor: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly counts: { readonly lines: number; readonly written: number; readonly replayed: number; readonly refused: number };
  readonly refused: readonly { readonly lineNumber: number; readonly reason: string }[];
  readonly lastPosition: number;
  readonly reconciliation: {
    readonly matches: boolean;
    readonly rows: readonly ReconciliationRowAnswer[];
    readonly differences: readonly ReconciliationRowAnswer[];
    readonly asOf: string | null;
    readonly on: string | null;
    readonly journal: { readonly position: number; readonly treeSize: number; readonly rootHash: string; readonly recordedAt: string | null };
    readonly readModels: { readonly position: number; readonly digest: string };
  };
}
