// One booking line of an export, read through the mapping's columns into typed values: a date,
// an amount in cents (debit positive), the ledger account and the rest as text. A value that
// cannot be read is the line's refusal, said in the words of the column it came from.
import { isIsoDate, parseMoney } from '@geldstroom/ledger';
import type { BookingMapping, LineField } from './booking-mapping';
import { guardedText, quoted } from './quoted-value';

/** A cell as the file gives it: CSV gives text; a spreadsheet may give numbers and dates. */
export type CellValue = string | number | Date | null | undefined;

export interface RawLine {
  /** The line's number in the file (a CSV's physical line, a sheet's row), as a person finds it. */
  readonly lineNumber: number;
  readonly cells: ReadonlyMap<string, CellValue>;
}

export interface BookingLine {
  readonly lineNumber: number;
  readonly fiscalYear: number;
  /** The business date, YYYY-MM-DD. */
  readonly date: string;
  readonly period: string;
  readonly journal: string;
  readonly document: string;
  readonly line: string;
  readonly account: string;
  readonly costCentre: string;
  readonly taakveld: string;
  readonly creditor: string;
  readonly description: string;
  readonly order: string;
  readonly invoice: string;
  /** Signed: a debit is positive, a credit negative. */
  readonly amountCents: number;
}

export type LineReading = { readonly ok: true; readonly line: BookingLine } | { readonly ok: false; readonly reason: string };

const TEXT_CELL_MAX = 500;
const DUTCH_DATE = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

/** The mapped columns the export's header must hold: missing ones refuse the file before any line. */
export function missingColumns(mapping: BookingMapping, headers: readonly string[]): string[] {
  const present = new Set(headers);
  return Object.values(mapping.columns).filter((header): header is string => header !== undefined && !present.has(header));
}

export function readLine(mapping: BookingMapping, raw: RawLine): LineReading {
  const text = (field: LineField) => cellText(raw.cells.get(mapping.columns[field] ?? ''));
  const withheld = withheldOf(mapping);
  const date = readDate(raw.cells.get(mapping.columns.date!));
  if (!date) return refused(`${mapping.columns.date} ${quoted(text('date'), withheld)} is not a date (DD-MM-YYYY, YYYY-MM-DD or YYYYMMDD)`);
  const amount = readAmount(mapping, raw.cells);
  if (!amount.ok) return amount;
  const fiscalYearText = text('fiscalYear');
  const fiscalYear = fiscalYearText === '' ? Number(date.slice(0, 4)) : Number(fiscalYearText);
  if (!Number.isInteger(fiscalYear) || fiscalYear < 1900 || fiscalYear > 2999) return refused(`${mapping.columns.fiscalYear} ${quoted(fiscalYearText, withheld)} is not a year`);
  const values = {
    period: text('period'), journal: text('journal'), document: text('document'), line: text('line'), account: text('account'),
    costCentre: text('costCentre'), taakveld: text('taakveld'), creditor: text('creditor'), description: text('description'),
    order: text('order'), invoice: text('invoice'),
  };
  // A long description is cut to what the ledger keeps (booking-plan.ts); an id or code that long is no id.
  const tooLong = Object.entries(values).find(([field, value]) => field !== 'description' && value.length > TEXT_CELL_MAX);
  if (tooLong) return refused(`${mapping.columns[tooLong[0] as LineField]} holds more than ${TEXT_CELL_MAX} characters`);
  if (values.account === '') return refused(`${mapping.columns.account} is empty: a booking line names its ledger account`);
  if (mapping.columns.line && (values.document === '' || values.line === '')) {
    return refused(`${mapping.columns.document} and ${mapping.columns.line} identify a line: neither may be empty`);
  }
  return { ok: true, line: { lineNumber: raw.lineNumber, fiscalYear, date, amountCents: amount.cents, ...values } };
}

/** The values a reason never repeats besides personal data: the creditor numbers of natural persons. */
export function withheldOf(mapping: BookingMapping): readonly string[] {
  return mapping.naturalPersons?.creditors ?? [];
}

function refused(reason: string): LineReading {
  return { ok: false, reason };
}

export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value).trim();
}

/** A date as financial systems write it; a spreadsheet's date cell is a calendar day (UTC midnight). */
export function readDate(value: CellValue): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  const text = cellText(value);
  const dutch = DUTCH_DATE.exec(text);
  const iso = ISO_DATE.exec(text) ?? COMPACT_DATE.exec(text);
  const date = dutch ? `${dutch[3]}-${dutch[2].padStart(2, '0')}-${dutch[1].padStart(2, '0')}` : iso ? `${iso[1]}-${iso[2]}-${iso[3]}` : undefined;
  return date !== undefined && isIsoDate(date) ? date : undefined;
}

function readAmount(mapping: BookingMapping, cells: RawLine['cells']): { ok: true; cents: number } | { ok: false; reason: string } {
  const { amount, debit, credit } = mapping.columns;
  const { decimalSeparator } = mapping.format;
  const withheld = withheldOf(mapping);
  if (amount) return readCents(cells.get(amount), amount, decimalSeparator, { withheld });
  const [debitCell, creditCell] = [cells.get(debit!), cells.get(credit!)];
  if (cellText(debitCell) === '' && cellText(creditCell) === '') return { ok: false, reason: `${debit} and ${credit} are both empty: the line has no amount` };
  const debitCents = readCents(debitCell, debit!, decimalSeparator, { emptyIsZero: true, withheld });
  if (!debitCents.ok) return debitCents;
  const creditCents = readCents(creditCell, credit!, decimalSeparator, { emptyIsZero: true, withheld });
  if (!creditCents.ok) return creditCents;
  // Netted, one of them would be booked as a part of the other: which the line means is not for the import to guess.
  if (debitCents.cents !== 0 && creditCents.cents !== 0) {
    const [debitText, creditText] = [quoted(cellText(debitCell), withheld), quoted(cellText(creditCell), withheld)];
    return { ok: false, reason: `${debit} ${debitText} and ${credit} ${creditText} both hold an amount: a line is a debit or a credit, so it is ambiguous (not netted)` };
  }
  return { ok: true, cents: debitCents.cents - creditCents.cents };
}

/** An amount's shapes per decimal separator: made once, not at each of a million lines. */
const AMOUNT_FORMATS = {
  ',': { thousands: '.', plain: /^\d+(,\d{1,2})?$/, grouped: /^\d{1,3}(\.\d{3})+(,\d{1,2})?$/ },
  '.': { thousands: ',', plain: /^\d+(\.\d{1,2})?$/, grouped: /^\d{1,3}(,\d{3})+(\.\d{1,2})?$/ },
} as const;

/** How an amount's cell is read: `withheld` as a reason quotes values (quoted-value.ts). */
export interface CentsReading {
  readonly emptyIsZero?: boolean;
  readonly withheld?: readonly string[];
}

/**
 * An amount as exports write it: "1.234,56", "-1234,56", "1234,56-" (a trailing minus, as SAP
 * writes), "(1.234,56)", or a spreadsheet's number. Exactly to the cent: more decimals are refused,
 * never rounded.
 */
export function readCents(value: CellValue, column: string, decimalSeparator: ',' | '.', { emptyIsZero = false, withheld = [] }: CentsReading = {}): { ok: true; cents: number } | { ok: false; reason: string } {
  if (typeof value === 'number') return numberCents(value, column, withheld);
  const text = cellText(value).replace(/^€\s*/, '').replace(/\s/g, '');
  if (text === '') return emptyIsZero ? { ok: true, cents: 0 } : { ok: false, reason: `${column} is empty: a booking line has an amount` };
  // A bracket is a sign only as a pair: "(12,00" or "12,00)" is no amount, never +12.00.
  if (text.startsWith('(') !== text.endsWith(')')) return { ok: false, reason: `${column} ${quoted(text, withheld)} is not an amount: its brackets do not pair` };
  const negative = /^-|-$|^\(.*\)$/.test(text);
  const digits = text.replace(/^[-(]|[-)]$/g, '');
  const { thousands, plain, grouped } = AMOUNT_FORMATS[decimalSeparator];
  if (!plain.test(digits) && !grouped.test(digits)) return { ok: false, reason: `${column} ${quoted(text, withheld)} is not an amount with at most two decimals` };
  const [whole, fraction = ''] = digits.split(thousands).join('').split(decimalSeparator);
  const wire = `${negative ? '-' : ''}${whole.replace(/^0+(?=\d)/, '')}.${fraction.padEnd(2, '0')}`;
  const parsed = parseMoney(wire === '-0.00' ? '0.00' : wire, { allowNegative: true });
  return parsed.ok ? { ok: true, cents: parsed.cents } : { ok: false, reason: `${column}: ${guardedText(parsed.reason, withheld)}` };
}

/**
 * A spreadsheet keeps amounts as binary floating point and shows them to 15 significant digits (a
 * cached formula's 0.1 + 0.2 is 0.30000000000000004 in the file, 0.3 on screen): read as that decimal
 * text and parsed as any amount, taken only when it is whole cents. Never multiplied.
 */
function numberCents(value: number, column: string, withheld: readonly string[]): { ok: true; cents: number } | { ok: false; reason: string } {
  const shown = Number.isFinite(value) ? String(Number(value.toPrecision(15))) : '';
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(shown);
  if (!match) return { ok: false, reason: `${column} ${quoted(String(value), withheld)} is not an amount in whole cents` };
  const [, sign, whole, fraction = ''] = match;
  const parsed = parseMoney(`${sign}${whole}.${fraction.padEnd(2, '0')}`, { allowNegative: true });
  return parsed.ok ? { ok: true, cents: parsed.cents === 0 ? 0 : parsed.cents } : { ok: false, reason: `${column}: ${guardedText(parsed.reason, withheld)}` };
}
