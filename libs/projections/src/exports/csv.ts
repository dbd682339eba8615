// CSV as Dutch Excel opens it with a double click: fields separated by `;` (the list separator
// of a Dutch Windows), amounts with a decimal comma, and (see write-csv.ts) a UTF-8 byte order
// mark so "€" and "ë" survive. Otherwise RFC 4180: CRLF after every record, a field quoted when
// it holds the separator, a double quote, CR or LF, and a double quote inside one doubled.
import type { Cell, ColumnKind } from './table';

export const CSV_SEPARATOR = ';';
const NEEDS_QUOTES = /[";\r\n]/;
/** A spreadsheet reads a cell starting with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const TWO_DECIMALS = /^(-?\d+)\.(\d{2})$/;

export function csvField(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'object' ? value.text : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(CSV_SEPARATOR)}\r\n`;
}

/**
 * A cell as Dutch Excel reads it. Money and percentages, two-decimal strings from the queries,
 * get a decimal comma and no grouping ("150000,00"): text work, never a float. Free text from the
 * ledger (a name, a description) is shown as text, never run as a formula, by the apostrophe
 * spreadsheets read as "this is text"; figures are left alone: "-5,10" is an amount.
 */
export function csvCell(value: Cell, kind: ColumnKind): Cell {
  if (value === null) return null;
  if (typeof value === 'object') return csvCell(value.text, 'text');
  if (kind === 'figure') return csvCell(value, figureKind(value));
  if (kind === 'money' || kind === 'percent') {
    const match = TWO_DECIMALS.exec(String(value));
    if (!match) throw new Error(`not a two-decimal amount in a ${kind} column: ${String(value)}`);
    return `${match[1]},${match[2]}`;
  }
  return kind === 'text' && typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** How a `figure` cell is written: a two-decimal string as money, a number as a number, anything else as text. */
export function figureKind(value: Cell): ColumnKind {
  if (typeof value === 'number') return 'integer';
  if (value !== null && typeof value === 'object') return 'text';
  return typeof value === 'string' && TWO_DECIMALS.test(value) ? 'money' : 'text';
}
