// Which requests are one party's own view, and of which party: what a party reader may read. The
// reports about a party (its own books, its funding, what was spent with it as a provider, the
// reports it files) are; a programme's or a budget's are not, nor is anything about the whole ledger.
import type { ChangeReport, ExportKind } from '@geldstroom/projections';
import type { OwnViewParty } from './access.decorators';

const PARTY_CHANGE_REPORTS: ReadonlySet<string> = new Set<ChangeReport>(['party-spending', 'iv3-matrix', 'funding-accountability', 'rechtmatigheid']);

const PARTY_EXPORTS: ReadonlySet<string> = new Set<ExportKind>(['provider-spend', 'party-funding', 'party-spending', 'iv3-matrix', 'funding-accountability', 'rechtmatigheid']);

/** `GET /v1/changes/{report}/{id}`: a party's report then and now. */
export const partyOfChanges: OwnViewParty = ({ params }) => (params.report !== undefined && PARTY_CHANGE_REPORTS.has(params.report) ? params.id : undefined);

/** `GET /v1/exports/{what}?id=`: the export of one party's report (without an id it is every party's). */
export const partyOfExport: OwnViewParty = ({ params, query }) => {
  const id = typeof query.id === 'string' ? query.id : undefined;
  if (params.what === 'then-and-now') return typeof query.report === 'string' && PARTY_CHANGE_REPORTS.has(query.report) ? id : undefined;
  return params.what !== undefined && PARTY_EXPORTS.has(params.what) ? id : undefined;
};
