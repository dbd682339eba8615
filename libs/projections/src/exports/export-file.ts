// An export from request to file: the table and its stamp, its file name, its media type, and
// the writer for its format. The API's export endpoint and the command line's `export` both
// take this path, so the same request at the same cut is the same bytes from either.
import type { Writable } from 'node:stream';
import type { JournalFilter } from '../queries/journal';
import { money } from '../model/money';
import { tableOf, type ExportKind, type ExportRequest, type TableSource } from './export-tables';
import type { ExportTable } from './table';
import { writeCsv } from './write-csv';
import { writeXlsx } from './write-xlsx';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_MEDIA_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The table of an export, with everything that chose its rows in its stamp. */
export function exportTable(kind: ExportKind, source: TableSource, request: ExportRequest = {}): ExportTable {
  const body = tableOf(kind, source, request);
  const narrowedBy = [
    ...(request.year !== undefined ? [`jaar=${request.year}`] : []),
    ...(request.report !== undefined ? [`rapport=${request.report}`] : []),
    ...(request.then !== undefined ? [`toen=${request.then}`] : []),
    ...(request.omvangsbasisCents !== undefined ? [`omvangsbasis=${money(request.omvangsbasisCents)}`] : []),
    ...filterTerms(request.journalFilter ?? {}),
    ...filterTerms(request.findingsFilter ?? {}),
  ];
  return {
    what: kind,
    ...(request.id !== undefined ? { id: request.id } : {}),
    ...(source.cut.asOf !== null ? { asOf: source.cut.asOf } : {}),
    ...(source.cut.on !== null ? { on: source.cut.on } : {}),
    ...(narrowedBy.length > 0 ? { narrowedBy } : {}),
    journal: source.cut.journal,
    ...body,
  };
}

function filterTerms(filter: JournalFilter | NonNullable<ExportRequest['findingsFilter']>): string[] {
  return Object.entries(filter).flatMap(([name, value]) => (value === undefined ? [] : [`${name}=${Array.isArray(value) ? value.join(',') : String(value)}`]));
}

export function writeExport(table: ExportTable, format: ExportFormat, out: Writable): Promise<void> {
  return format === 'xlsx' ? writeXlsx(table, out) : writeCsv(table, out);
}

/** `geldstroom-programme-cost-pilot-werkvoorheerlen-2024-positie-38.csv`: what, which, and at which position. */
export function exportFileName(table: ExportTable, format: ExportFormat): string {
  return `geldstroom-${table.what}${table.id ? `-${table.id}` : ''}-positie-${table.journal.position}.${format}`;
}
