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
