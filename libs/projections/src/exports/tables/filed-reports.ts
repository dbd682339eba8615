// The reports a municipality files, as tables: the Iv3 matrix and the rechtmatigheid register of
// one fiscal year, the accountability per outside funding, and what changed in a report since the
// council was told. Without a party's id, every party that has something in them.
import { fundingAccountability } from '../../reports/funding-accountability';
import { iv3Matrix } from '../../reports/iv3-matrix';
import { rechtmatigheidRegister } from '../../reports/rechtmatigheid-register';
import { CHANGE_REPORTS, reportYearProblem, thenAndNow, type ChangeReport } from '../../reports/then-and-now';
import type { ExportRequest, TableSource } from '../export-tables';
import { ExportRequestError, ExportSubjectUnknownError, type TableBody } from '../table';
import { FUNDING_COLUMNS, fundingRows, IV3_COLUMNS, iv3Rows, RECHTMATIGHEID_COLUMNS, rechtmatigheidRows, THEN_AND_NOW_COLUMNS, thenAndNowRows } from './report-tables';
import { answers, rowsOf } from './rows';

export function iv3Table({ reader, cut, rules }: TableSource, request: ExportRequest): TableBody {
  const year = yearOf('iv3-matrix', request.year);
  const all = answers(reader, cut, 'party', request.id, (partyId) => iv3Matrix(reader, partyId, year, cut, rules.reports)).filter((a) => request.id !== undefined || a.rows.length > 0);
  return { columns: IV3_COLUMNS, rows: rowsOf(all, iv3Rows) };
}

export function fundingAccountabilityTable({ reader, cut, rules }: TableSource, request: ExportRequest): TableBody {
  const upTo = request.year === undefined ? {} : { year: request.year };
  const all = answers(reader, cut, 'party', request.id, (partyId) => fundingAccountability(reader, partyId, cut, rules, upTo)).filter(
    (a) => request.id !== undefined || a.statements.length > 0,
  );
  return { columns: FUNDING_COLUMNS, rows: rowsOf(all, fundingRows) };
}

export function rechtmatigheidTable({ reader, cut, rules }: TableSource, request: ExportRequest): TableBody {
  const year = yearOf('rechtmatigheid', request.year);
  const all = answers(reader, cut, 'party', request.id, (partyId) => rechtmatigheidRegister(reader, partyId, year, cut, rules, omvangsbasisOf(request))).filter(
    (a) => request.id !== undefined || a.entries.length + a.signals.length > 0,
  );
  return { columns: RECHTMATIGHEID_COLUMNS, rows: rowsOf(all, rechtmatigheidRows) };
}

export function thenAndNowTable({ reader, cut, rules }: TableSource, request: ExportRequest): TableBody {
  const { id, report, then, year } = request;
  if (id === undefined || report === undefined || then === undefined) throw new ExportRequestError('then-and-now needs an id, the report compared and then (what the council was told then)');
  if (!(CHANGE_REPORTS as readonly string[]).includes(report)) throw new ExportRequestError(`the report compared must be one of ${CHANGE_REPORTS.join(', ')}, not ${report}`);
  const yearProblem = reportYearProblem(report as ChangeReport, year);
  if (yearProblem) throw new ExportRequestError(yearProblem);
  const now = { ...(cut.asOf === null ? {} : { asOf: cut.asOf }), ...(cut.on === null ? {} : { on: cut.on }) };
  const answer = thenAndNow(reader, { report: report as ChangeReport, id, then, now, ...(year === undefined ? {} : { year }) }, rules);
  if (!answer) throw new ExportSubjectUnknownError(`the ledger knows no ${report} ${id} then nor now`);
  // The letter's cut beside the file's own, so the tree head a letter cites can be checked against it.
  const earlier = answer.then.journal;
  const stamp = [
    ['Toen: zoals bekend op', then],
    ['Toen: journaalpositie', String(earlier.position)],
    ['Toen: boomgrootte', String(earlier.treeSize)],
    ['Toen: boomhoofd (RFC 6962)', earlier.rootHash],
  ];
  return { columns: THEN_AND_NOW_COLUMNS, rows: rowsOf([answer], thenAndNowRows), stamp };
}

function omvangsbasisOf(request: ExportRequest): { omvangsbasisCents?: number } {
  return request.omvangsbasisCents === undefined ? {} : { omvangsbasisCents: request.omvangsbasisCents };
}

function yearOf(kind: string, year: number | undefined): number {
  if (year === undefined) throw new ExportRequestError(`${kind} is a report of one year: give the year`);
  return year;
}
