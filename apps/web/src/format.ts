// Figures as a Dutch reader expects them. Money arrives as a two-decimal string ("150000.00")
// and is formatted as text, never through a float; only chart lengths use a number.
const MONEY = /^(-?)(\d+)\.(\d{2})$/;

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/**
 * "150000.00" → "€ 150.000,00"; "-1234.50" → "€ -1.234,50". Anything else is shown as given. The
 * space after the sign does not break: an amount never starts a line without its euro sign.
 */
export function euro(amount: string): string {
  const match = MONEY.exec(amount);
  if (!match) return amount;
  const [, sign, whole, cents] = match;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `€\u00A0${sign}${grouped},${cents}`;
}

/** A share in percent with two decimals ("66.67") → "66,67%". */
export function percent(share: string): string {
  return MONEY.test(share) ? `${share.replace('.', ',')}%` : share;
}

/** Integer cents of a money string, for comparing two amounts exactly. */
export function cents(amount: string): bigint {
  const match = MONEY.exec(amount);
  if (!match) throw new Error(`not a money amount: ${amount}`);
  const value = BigInt(match[2]) * 100n + BigInt(match[3]);
  return match[1] ? -value : value;
}

/** Integer cents as a money string: 1234550n → "12345.50". */
export function amountOf(totalCents: bigint): string {
  const abs = totalCents < 0n ? -totalCents : totalCents;
  return `${totalCents < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** The length of a bar or a link: a number for drawing, never for arithmetic on money. */
export function chartValue(amount: string): number {
  return Number(amount);
}

/** "2024-06-15" → "15 juni 2024"; known to the month only → "juni 2024"; to the year → "2024". */
export function dateNl(date: string, precision: 'day' | 'month' | 'year' = 'day'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  if (precision === 'year') return match[1];
  const monthYear = `${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
  return precision === 'month' ? monthYear : `${Number(match[3])} ${monthYear}`;
}

/** "op 15 juni 2024" or "in juni 2024": the preposition goes with how exactly the date is known. */
export function onDateNl(date: string, precision: 'day' | 'month' | 'year' = 'day'): string {
  return `${precision === 'day' ? 'op' : 'in'} ${dateNl(date, precision)}`;
}

/** An ISO instant in the reader's time zone, to the second: "23-11-2026 12:25:05". */
export function instantNl(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat('nl-NL', { dateStyle: 'short', timeStyle: 'medium' }).format(date);
}

/** A whole number with Dutch grouping: 1234567 → "1.234.567". */
export function count(value: number): string {
  return new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 }).format(value);
}

/** The first characters of a hash, for a table; the whole hash goes in a title or a detail. */
export function shortHash(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}

/**
 * A knowledge time as a person types it ("8-7-2024", "2024-07-08", a journal position "15", or an
 * ISO instant), as the API takes it; null when it is none of these or no real day.
 */
export function knowledgeMoment(typed: string): string | null {
  const text = typed.trim();
  if (/^\d{1,12}$/.test(text)) return String(Number(text));
  const dutch = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(text);
  const iso = dutch ? `${dutch[3]}-${dutch[2].padStart(2, '0')}-${dutch[1].padStart(2, '0')}` : text;
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return isDay(iso) ? iso : null;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(iso) && isDay(iso.slice(0, 10)) ? iso : null;
}

/** 2024-02-30 is not a day: a date survives the round trip through the calendar only when it is one. */
function isDay(iso: string): boolean {
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso;
}
