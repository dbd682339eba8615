// Booking exports as two financial systems write them, generated for the import tests and the
// bench: Key2Financiën's mutaties (Windows-1252, debit and credit columns, DD-MM-YYYY) and Exact
// Online's transaction lines (UTF-8 with a BOM, one signed AmountDC, YYYY-MM-DD).
import iconv from 'iconv-lite';

export interface Booking {
  readonly journal: string;
  readonly document: string;
  readonly line: number;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly account: string;
  readonly costCentre: string;
  readonly creditor: string;
  readonly description: string;
  /** Signed cents, debit positive. */
  readonly amountCents: number;
  readonly order?: string;
}

export const KEY2_HEADER = [
  'Boekjaar', 'Periode', 'Dagboek', 'Boekstuknummer', 'Regelnummer', 'Boekdatum', 'Grootboekrekening', 'Kostenplaats', 'Taakveld',
  'Crediteurnummer', 'Omschrijving', 'Bedrag debet', 'Bedrag credit', 'Verplichtingnummer',
];

/** "1.234,56": Dutch grouping and a decimal comma, built from cents by text, never a float. */
export function dutchAmount(cents: number): string {
  const whole = String(Math.trunc(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${whole},${String(cents % 100).padStart(2, '0')}`;
}

function dutchDate(date: string): string {
  return `${date.slice(8, 10)}-${date.slice(5, 7)}-${date.slice(0, 4)}`;
}

export function key2Line(b: Booking): string {
  const debit = b.amountCents > 0 ? dutchAmount(b.amountCents) : '';
  const credit = b.amountCents < 0 ? dutchAmount(-b.amountCents) : '';
  const description = b.description.includes(';') ? `"${b.description.replaceAll('"', '""')}"` : b.description;
  return [b.date.slice(0, 4), String(Number(b.date.slice(5, 7))), b.journal, b.document, String(b.line), dutchDate(b.date), b.account, b.costCentre, '6.4', b.creditor, description, debit, credit, b.order ?? ''].join(';');
}

/** Key2Financiën's export: Windows-1252 bytes, CRLF line ends. */
export function key2Export(bookings: readonly Booking[]): Buffer {
  return iconv.encode([KEY2_HEADER.join(';'), ...bookings.map(key2Line)].join('\r\n') + '\r\n', 'win1252');
}

export const EXACT_HEADER = ['FinancialYear', 'FinancialPeriod', 'JournalCode', 'EntryNumber', 'LineNumber', 'Date', 'GLAccountCode', 'CostCenter', 'AccountCode', 'Description', 'AmountDC', 'OrderNumber', 'InvoiceNumber'];

/** Exact Online's transaction lines in a Dutch locale: UTF-8 with a BOM, one signed amount. */
export function exactExport(bookings: readonly Booking[]): Buffer {
  const lines = bookings.map((b) =>
    [b.date.slice(0, 4), String(Number(b.date.slice(5, 7))), b.journal, b.document, String(b.line), b.date, b.account, b.costCentre, b.creditor, b.description, `${b.amountCents < 0 ? '-' : ''}${dutchAmount(Math.abs(b.amountCents))}`, b.order ?? '', ''].join(';'),
  );
  return Buffer.from('\uFEFF' + [EXACT_HEADER.join(';'), ...lines].join('\r\n') + '\r\n', 'utf8');
}
