// CSV as RFC 4180 has it: comma-separated, CRLF after every record, a field quoted when it holds
// a comma, a double quote, CR or LF, and a double quote inside a quoted field doubled.
import type { Cell, ColumnKind } from './table';

const NEEDS_QUOTES = /[",\r\n]/;
/** A spreadsheet reads a cell starting with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/**
 * Free text from the ledger (a name, a description) is shown as text, never run as a formula, by
 * the apostrophe spreadsheets read as "this is text". Figures are left alone: "-5.10" is an amount.
 */
export function safeCell(value: Cell, kind: ColumnKind): Cell {
  return kind === 'text' && typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}
