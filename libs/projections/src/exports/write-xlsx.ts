// Writes an export as an XLSX workbook: the table on the first sheet (header frozen, filter on),
// the stamp on a sheet of its own. Streamed, so the whole journal fits in little memory; and the
// same export gives the same bytes (the API's file and the command line's are one file).
import type { Writable } from 'node:stream';
import { stream, type Style } from 'exceljs';
import { parseMoney } from '@geldstroom/ledger';
import { figureKind } from './csv';
import { stampRows, type Cell, type ColumnKind, type ExportTable } from './table';

const STYLES: Record<ColumnKind, Partial<Style>> = {
  text: {},
  integer: { numFmt: '0' },
  money: { numFmt: '#,##0.00' },
  percent: { numFmt: '0.00' },
  // Per cell (below): money as money, a count as a count.
  figure: {},
};
const WIDTHS: Record<ColumnKind, number> = { text: 28, integer: 10, money: 16, percent: 10, figure: 16 };
/** A sheet name is at most 31 characters in Excel. */
const SHEET_NAME_MAX = 31;
export const STAMP_SHEET = 'Verantwoording';
/** The zip format's earliest date: the stamp of a file computed at an empty journal. */
const EMPTY_JOURNAL_DATE = new Date('1980-01-01T00:00:00Z');

interface ZipAppender {
  append(source: unknown, data: { name: string; date?: Date }): unknown;
}

/**
 * exceljs dates the document and archiver every zip entry with the moment of writing: two exports
 * of one cut would differ in those bytes alone. Both are dated with the instant the cut's last
 * event was recorded instead. The entries are added from exceljs's constructor on (its themes
 * first), so the zip is wrapped in the first of those calls.
 */
class StampedWorkbookWriter extends stream.xlsx.WorkbookWriter {
  private stamped = false;

  override addThemes(): Promise<void> {
    if (!this.stamped) {
      this.stamped = true;
      const zip = (this as unknown as { zip: ZipAppender }).zip;
      const append = zip.append.bind(zip);
      const date = this.created;
      zip.append = (source, data) => append(source, { ...data, date });
    }
    return super.addThemes();
  }
}

export async function writeXlsx(table: ExportTable, out: Writable): Promise<void> {
  const date = table.journal.recordedAt ? new Date(table.journal.recordedAt) : EMPTY_JOURNAL_DATE;
  // `created` and `modified` are options exceljs reads but its types leave out.
  const options = { stream: out, useStyles: true, useSharedStrings: false, created: date, modified: date, creator: 'Geldstroom' };
  const workbook = new StampedWorkbookWriter(options);
  workbook.lastModifiedBy = 'Geldstroom';
  const sheet = workbook.addWorksheet(table.what.slice(0, SHEET_NAME_MAX), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({ header: c.header, width: WIDTHS[c.kind], style: STYLES[c.kind] }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  for await (const row of table.rows) {
    const added = sheet.addRow(row.map((cell, i) => xlsxValue(cell, table.columns[i].kind)));
    table.columns.forEach((c, i) => {
      const numFmt = c.kind === 'figure' ? STYLES[figureKind(row[i])].numFmt : undefined;
      if (numFmt) added.getCell(i + 1).numFmt = numFmt;
    });
    added.commit();
  }
  sheet.commit();
  const stamp = workbook.addWorksheet(STAMP_SHEET);
  stamp.columns = [{ width: 26 }, { width: 70 }, { width: 30 }, { width: 20 }];
  for (const row of stampRows(table)) stamp.addRow(row).commit();
  stamp.commit();
  await workbook.commit();
}

/**
 * Money becomes a number only here, at the very end: the two-decimal string is parsed to integer
 * cents and divided once by 100, which gives the double nearest the amount, as Excel would read
 * it. No arithmetic is ever done on that float.
 */
export function xlsxValue(cell: Cell, kind: ColumnKind): string | number | null {
  if (cell !== null && typeof cell === 'object') return cell.text;
  if (kind === 'figure') return xlsxValue(cell, figureKind(cell));
  if (cell === null || (kind !== 'money' && kind !== 'percent')) return cell;
  const parsed = parseMoney(String(cell), { allowNegative: true });
  if (!parsed.ok) throw new Error(`not a two-decimal amount in a ${kind} column: ${String(cell)} (${parsed.reason})`);
  return parsed.cents / 100;
}
