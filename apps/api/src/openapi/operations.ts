// What each operation answers with, beyond what NestJS reads from the controllers: the success
// schema (a type of answers.ts) and its example, and which problems and headers it can give. An
// operation missing here fails openapi-document.e2e-spec.ts: every operation is documented.
import type { ProblemKind } from '@geldstroom/application/problem/problem';

export type AnswerSchema =
  | 'ProgrammeCostAnswer'
  | 'CouncilAnswerAnswer'
  | 'BudgetExecutionAnswer'
  | 'PartyFundingAnswer'
  | 'PartySpendingAnswer'
  | 'ProviderSpendAnswer'
  | 'Iv3MatrixAnswer'
  | 'FundingAccountabilityAnswer'
  | 'RechtmatigheidAnswer'
  | 'ThenAndNowAnswer'
  | 'DocumentAnswer'
  | 'FactDocumentsAnswer'
  | 'FundingFlowsAnswer'
  | 'FindingsListAnswer'
  | 'ProgrammeCatalogueAnswer'
  | 'BudgetCatalogueAnswer'
  | 'PartyCatalogueAnswer'
  | 'SearchAnswerAnswer'
  | 'AuditTrailAnswer'
  | 'JournalPageAnswer'
  | 'TaakveldenListAnswer'
  | 'DigestAnswer'
  | 'VerifyAnswer'
  | 'CommandAnswer'
  | 'BatchAnswer'
  | 'PrincipalListAnswer'
  | 'PrincipalAnswer'
  | 'IssuedTokenAnswer'
  | 'HealthAnswer'
  | 'ImportAnswerAnswer';

/** Every answer type the document holds, and Problem, the shape of every error. */
export const ANSWER_SCHEMAS: readonly (AnswerSchema | 'Problem')[] = [
  'ProgrammeCostAnswer',
  'CouncilAnswerAnswer',
  'BudgetExecutionAnswer',
  'PartyFundingAnswer',
  'PartySpendingAnswer',
  'ProviderSpendAnswer',
  'Iv3MatrixAnswer',
  'FundingAccountabilityAnswer',
  'RechtmatigheidAnswer',
  'ThenAndNowAnswer',
  'DocumentAnswer',
  'FactDocumentsAnswer',
  'FundingFlowsAnswer',
  'FindingsListAnswer',
  'ProgrammeCatalogueAnswer',
  'BudgetCatalogueAnswer',
  'PartyCatalogueAnswer',
  'SearchAnswerAnswer',
  'AuditTrailAnswer',
  'JournalPageAnswer',
  'TaakveldenListAnswer',
  'DigestAnswer',
  'VerifyAnswer',
  'CommandAnswer',
  'BatchAnswer',
  'PrincipalListAnswer',
  'PrincipalAnswer',
  'IssuedTokenAnswer',
  'HealthAnswer',
  'ImportAnswerAnswer',
  'Problem',
];

export interface OperationAnswer {
  /** The success schema; `file` for an export (CSV or XLSX bytes), `document` for a source document's bytes. */
  readonly answer: AnswerSchema | 'file' | 'document';
  /** Problems beyond those every operation of its kind can give. */
  readonly problems?: readonly ProblemKind[];
}

/** The answers of the queries and of the operations that are not commands; every other POST records a command. */
export const OPERATIONS: Readonly<Record<string, OperationAnswer>> = {
  'GET /v1/parties': { answer: 'PartyCatalogueAnswer' },
  'GET /v1/budgets': { answer: 'BudgetCatalogueAnswer' },
  'GET /v1/programmes': { answer: 'ProgrammeCatalogueAnswer' },
  'GET /v1/programmes/{id}/cost': { answer: 'ProgrammeCostAnswer' },
  'GET /v1/programmes/{id}/answer': { answer: 'CouncilAnswerAnswer' },
  'GET /v1/providers/{id}/spend': { answer: 'ProviderSpendAnswer' },
  'GET /v1/findings': { answer: 'FindingsListAnswer' },
  'GET /v1/audit/streams/{streamId}': { answer: 'AuditTrailAnswer' },
  'GET /v1/budgets/{id}/execution': { answer: 'BudgetExecutionAnswer' },
  'GET /v1/parties/{id}/funding': { answer: 'PartyFundingAnswer' },
  'GET /v1/parties/{id}/spending': { answer: 'PartySpendingAnswer' },
  'GET /v1/funding-flows': { answer: 'FundingFlowsAnswer' },
  'GET /v1/search': { answer: 'SearchAnswerAnswer' },
  'GET /v1/parties/{id}/iv3': { answer: 'Iv3MatrixAnswer' },
  'GET /v1/parties/{id}/funding-accountability': { answer: 'FundingAccountabilityAnswer' },
  'GET /v1/parties/{id}/rechtmatigheid': { answer: 'RechtmatigheidAnswer' },
  'GET /v1/changes/{report}/{id}': { answer: 'ThenAndNowAnswer' },
  'GET /v1/documents/{id}': { answer: 'DocumentAnswer' },
  'GET /v1/documents/{id}/content': { answer: 'document', problems: ['document-integrity'] },
  'GET /v1/events/{eventId}/documents': { answer: 'FactDocumentsAnswer' },
  'GET /v1/taakvelden': { answer: 'TaakveldenListAnswer', problems: ['not-found'] },
  'GET /v1/journal': { answer: 'JournalPageAnswer', problems: ['invalid-date', 'invalid-amount'] },
  'GET /v1/journal/digest': { answer: 'DigestAnswer' },
  'POST /v1/journal/verify': { answer: 'VerifyAnswer', problems: ['invalid-value', 'too-many-requests', 'verify-aborted'] },
  'GET /v1/exports/{what}': { answer: 'file', problems: ['invalid-date', 'invalid-amount'] },
  'GET /v1/principals': { answer: 'PrincipalListAnswer' },
  'POST /v1/principals': { answer: 'IssuedTokenAnswer', problems: ['already-exists', 'unknown-reference', 'personal-data'] },
  'POST /v1/principals/{id}/tokens': { answer: 'IssuedTokenAnswer', problems: ['invalid-state'] },
  'POST /v1/principals/{id}/revocation': { answer: 'PrincipalAnswer', problems: ['invalid-state', 'personal-data'] },
  // A refused command of an atomic batch is answered with that command's own problem.
  'POST /v1/batches': {
    answer: 'BatchAnswer',
    problems: ['forbidden', 'payload-too-large', 'personal-data', 'unsupported-media-type', 'invalid-amount', 'invalid-date', 'invalid-value', 'not-found', 'unknown-reference', 'already-exists', 'invalid-state', 'revision-conflict', 'idempotency-conflict'],
  },
  'GET /health': { answer: 'HealthAnswer' },
  'POST /v1/imports/bookings': { answer: 'ImportAnswerAnswer', problems: ['forbidden', 'invalid-value', 'payload-too-large', 'unsupported-media-type'] },
  'GET /v1/imports/{importId}': { answer: 'ImportAnswerAnswer' },
  'GET /v1/imports/{importId}/reconciliation': { answer: 'file' },
};

/** What a command can be refused with, besides the problems of every request. */
export const COMMAND_PROBLEMS: readonly ProblemKind[] = [
  'invalid-amount',
  'invalid-date',
  'invalid-value',
  'personal-data',
  'unknown-reference',
  'already-exists',
  'invalid-state',
  'revision-conflict',
  'idempotency-conflict',
  'payload-too-large',
  'unsupported-media-type',
];

export const READ_MODELS_HEADER_NAME = 'Geldstroom-Read-Models';
