// The reports a file can be made of, each built from the same queries the API answers with, as
// of one cut of the journal. Figures stay the queries' two-decimal strings all the way to the
// writer. The API's export endpoint and the command line's `export` both come here, so the two
// give the same file.
import type { EventStore } from '@geldstroom/event-store';
import type { FindingRules } from '../findings/rules';
import type { ReportRules } from '../reports/rules/report-rules';
import type { JournalFilter } from '../queries/journal';
import type { FindingsFilter } from '../queries/findings';
import type { Cut, LedgerReader } from '../queries/reader';
import { budgetTable } from './tables/budget-table';
import { fundingAccountabilityTable, iv3Table, rechtmatigheidTable, thenAndNowTable } from './tables/filed-reports';
import { findingsTable } from './tables/findings-table';
import { flowsTable } from './tables/flows-table';
import { journalTable } from './tables/journal-table';
import { partyFundingTable, partySpendingTable } from './tables/party-tables';
import { programmeTable } from './tables/programme-table';
import { providerTable } from './tables/provider-table';
import { ExportRequestError, type TableBody } from './table';

export const EXPORTS = [
  'journal',
  'programme-cost',
  'budget-execution',
  'provider-spend',
  'party-funding',
  'party-spending',
  'funding-flows',
  'findings',
  'iv3-matrix',
  'funding-accountability',
  'rechtmatigheid',
  'then-and-now',
] as const;
export type ExportKind = (typeof EXPORTS)[number];

/** The exports about one entity, and whether they need its id (without it: every one the cut knows). */
export const EXPORT_SUBJECT: Readonly<Record<ExportKind, 'none' | 'optional' | 'required'>> = {
  journal: 'none',
  'programme-cost': 'optional',
  'budget-execution': 'optional',
  'provider-spend': 'optional',
  'party-funding': 'required',
  'party-spending': 'required',
  'funding-flows': 'none',
  findings: 'none',
  'iv3-matrix': 'optional',
  'funding-accountability': 'optional',
  rechtmatigheid: 'optional',
  'then-and-now': 'required',
};

export interface TableSource {
  readonly store: EventStore;
  readonly reader: LedgerReader;
  readonly cut: Cut;
  readonly rules: { readonly findings: FindingRules; readonly reports: ReportRules };
}

export interface ExportRequest {
  readonly id?: string;
  /**
   * A fiscal or calendar year, for the reports given per year (iv3-matrix and rechtmatigheid need
   * one; budget-execution: the budgets of that fiscal year). The journal and programme cost refuse one.
   */
  readonly year?: number;
  /** then-and-now: the report compared, and the knowledge time the council was told it. */
  readonly report?: string;
  readonly then?: string;
  /** The journal's filters, for the journal. */
  readonly journalFilter?: JournalFilter;
  /** rechtmatigheid: the omvangsbasis a controller gives, in cents (without it, the ledger's own lasten). */
  readonly omvangsbasisCents?: number;
  /** Which findings, as GET /v1/findings filters them (kind, entity, party, year, review). */
  readonly findingsFilter?: Pick<FindingsFilter, 'kind' | 'entity' | 'party' | 'year' | 'review'>;
}

export function isExportKind(value: string): value is ExportKind {
  return (EXPORTS as readonly string[]).includes(value);
}

/** The exports a year narrows; the others refuse one rather than say in their stamp that it did. */
const TAKES_YEAR: ReadonlySet<ExportKind> = new Set<ExportKind>([
  'budget-execution', 'provider-spend', 'party-funding', 'party-spending', 'funding-flows', 'findings', 'iv3-matrix', 'funding-accountability', 'rechtmatigheid', 'then-and-now',
]);

export function tableOf(kind: ExportKind, source: TableSource, request: ExportRequest = {}): TableBody {
  if (request.year !== undefined && !TAKES_YEAR.has(kind)) {
    throw new ExportRequestError(kind === 'journal' ? 'the journal is narrowed by from and to, not by year' : `${kind} is not given per year: leave out year`);
  }
  if (request.omvangsbasisCents !== undefined && kind !== 'rechtmatigheid') throw new ExportRequestError('omvangsbasis is for the rechtmatigheid register only');
  switch (kind) {
    case 'journal':
      return journalTable(source, request.journalFilter ?? {});
    case 'programme-cost':
      return programmeTable(source, request.id);
    case 'budget-execution':
      return budgetTable(source, request.id, request.year);
    case 'provider-spend':
      return providerTable(source, request.id, request.year);
    case 'party-funding':
      return partyFundingTable(source, required(kind, request.id), request.year);
    case 'party-spending':
      return partySpendingTable(source, required(kind, request.id), request.year);
    case 'funding-flows':
      return flowsTable(source, request.year);
    case 'findings':
      return findingsTable(source, request.findingsFilter ?? {});
    case 'iv3-matrix':
      return iv3Table(source, request);
    case 'funding-accountability':
      return fundingAccountabilityTable(source, request);
    case 'rechtmatigheid':
      return rechtmatigheidTable(source, request);
    case 'then-and-now':
      return thenAndNowTable(source, request);
  }
}

function required(kind: ExportKind, id: string | undefined): string {
  if (id === undefined) throw new ExportRequestError(`an export of ${kind} needs the party's id`);
  return id;
}
