// A report as a file sees it: typed columns and rows (streamed: the journal may be long), and the
// cut of the journal the figures were computed at, written into every file. The one way a report
// becomes a file: every CSV and XLSX the API and the command line give is a TableBody written by
// write-csv.ts or write-xlsx.ts.
import type { JournalHead } from '../queries/reader';

/**
 * `money` and `percent` cells are two-decimal strings as the queries give them ("150000.00",
 * "66.67"): CSV writes them with a decimal comma; XLSX turns them into numbers only at the very end.
 * A `figure` cell is whatever a report's figure is: written as money when it is a two-decimal
 * string, as a number when it is one, as text otherwise (a column of then-and-now's changes).
 */
export type ColumnKind = 'text' | 'integer' | 'money' | 'percent' | 'figure';

export interface Column {
  readonly header: string;
  readonly kind: ColumnKind;
}

/** Text that is to be written as text whatever it looks like (a code such as taakveld 6.71 in a `figure` column). */
export interface TextCell {
  readonly text: string;
}

export type Cell = string | number | null | TextCell;

export function textCell(text: string): TextCell {
  return { text };
}

/** Columns and rows: what a report is, whatever file it becomes. */
export interface TableBody {
  readonly columns: readonly Column[];
  readonly rows: AsyncIterable<readonly Cell[]>;
  /** Rows a report adds to the stamp, after the cut's own: the earlier cut a comparison was made at. */
  readonly stamp?: readonly (readonly string[])[];
}

export interface ExportTable extends TableBody {
  /** What was exported: `programme-cost`, with the id when one was given. */
  readonly what: string;
  readonly id?: string;
  /** Knowledge time and business time the figures were asked for. */
  readonly asOf?: string;
  readonly on?: string;
  /** Anything else that narrowed the table (a year, the journal's filters), as `name=value`. */
  readonly narrowedBy?: readonly string[];
  readonly journal: JournalHead;
  /**
   * Whether the read models the figures came from were last found to match the journal (the API
   * knows; the command line does not say). Only a mismatch is written: the same export from the
   * API and the command line is otherwise the same bytes.
   */
  readonly readModels?: 'verified' | 'not-verified-yet' | 'do-not-match-journal';
  /** How the journal itself failed the ledger's own last verify (the API knows); absent while it holds. */
  readonly journalFailure?: JournalFailure;
}

/** A failed verify of the journal as a file names it: its kind and, where it has one, the first position that fails. */
export interface JournalFailure {
  readonly kind: string;
  readonly position?: number;
}

const DO_NOT_MATCH_NL = 'LET OP: de leesmodellen komen NIET overeen met het journaal, op deze cijfers kan niet worden vertrouwd tot ze weer kloppen';

/**
 * The file's warning, in Dutch, naming what failed: the journal, the read models, or both; none
 * while both hold. What the answers' `warning` says, for a file that keeps no header.
 */
export function exportWarningNl(table: Pick<ExportTable, 'readModels' | 'journalFailure'>): string | undefined {
  const readModelsFail = table.readModels === 'do-not-match-journal';
  const failure = table.journalFailure;
  if (!failure) return readModelsFail ? DO_NOT_MATCH_NL : undefined;
  const where = `${failure.kind}${failure.position !== undefined ? ` op positie ${failure.position}` : ''}`;
  const journal = `LET OP: het journaal doorstaat de controle NIET (${where})`;
  return readModelsFail
    ? `${journal} en de leesmodellen komen NIET overeen met het journaal, op deze cijfers kan niet worden vertrouwd tot het journaal is hersteld en beide weer kloppen`
    : `${journal}, op deze cijfers kan niet worden vertrouwd tot het journaal is hersteld en weer klopt`;
}

/**
 * The stamp: what the file holds and at which journal head it was computed, so the same export
 * with the same dates gives the same figures later and an auditor can check it against a digest.
 * Written after the table in a CSV (a spreadsheet's filter and sort then see the table alone) and
 * on a sheet of its own in an XLSX.
 */
export function stampRows(table: ExportTable): string[][] {
  // A journal or read models that failed their verify: said first, where the stamp starts.
  const warning = exportWarningNl(table);
  return [
    ...(warning ? [['Waarschuwing', warning]] : []),
    ['Geldstroom-export', table.what, ...(table.id ? [table.id] : [])],
    ['Stand per (ingangsdatum)', table.on ?? 'alles wat is vastgelegd'],
    ['Zoals bekend op', table.asOf ?? 'nu'],
    ...(table.narrowedBy && table.narrowedBy.length > 0 ? [['Selectie', ...table.narrowedBy]] : []),
    ['Journaalpositie', String(table.journal.position)],
    ['Boomgrootte', String(table.journal.treeSize)],
    ['Boomhoofd (RFC 6962)', table.journal.rootHash],
    ...(table.stamp ?? []).map((row) => [...row]),
  ];
}

export function column(header: string, kind: ColumnKind = 'text'): Column {
  return { header, kind };
}

/** Thrown when an export names an entity the cut does not know: a 404 over HTTP. */
export class ExportSubjectUnknownError extends Error {}

/** Thrown when an export is asked for without what it needs (a year, the report compared): a 400 over HTTP. */
export class ExportRequestError extends Error {}
