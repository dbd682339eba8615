// Writes an export as an XLSX workbook: the table on the first sheet (header frozen, filter on),
// the journal head on a sheet "About". Streamed, so the whole journal fits in little memory.
import { stream, type Style } from 'exceljs';
import { parseMoney } from '@geldstroom/ledger';
import { aboutRows, type Cell, type ColumnKind, type ExportTable } from './table';

const STYLES: Record<ColumnKind, Partial<Style>> = {
  text: {},
  integer: { numFmt: '0' },
  money: { numFmt: '#,##0.00' },
  percent: { numFmt: '0.00' },
};
const WIDTHS: Record<ColumnKind, number> = { text: 28, integer: 10, money: 16, percent: 10 };

export async function writeXlsx(table: ExportTable, path: string): Promise<void> {
  const workbook = new stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Geldstroom';
  const sheet = workbook.addWorksheet(table.what.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({ header: c.header, width: WIDTHS[c.kind], style: STYLES[c.kind] }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  for await (const row of table.rows) {
    sheet.addRow(row.map((cell, i) => xlsxValue(cell, table.columns[i].kind))).commit();
  }
  sheet.commit();
  const about = workbook.addWorksheet('About');
  about.columns = [{ width: 20 }, { width: 70 }, { width: 30 }, { width: 20 }];
  for (const row of aboutRows(table)) about.addRow(row).commit();
  about.commit();
  await workbook.commit();
}

/**
 * Money becomes a number only here, at the very end: the two-decimal string is parsed to integer
 * cents and divided once by 100, which gives the double nearest the amount, as Excel would read
 * it. No arithmetic is ever done on that float.
 */
export function xlsxValue(cell: Cell, kind: ColumnKind): Cell {
  if (cell === null || (kind !== 'money' && kind !== 'percent')) return cell;
  const parsed = parseMoney(String(cell), { allowNegative: true });
  if (!parsed.ok) throw new Error(`not a two-decimal amount in a ${kind} column: ${String(cell)} (${parsed.reason})`);
  return parsed.cents / 100;
}
