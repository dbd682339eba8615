// Business dates are ISO calendar dates, `YYYY-MM-DD`, validated once and compared as strings.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Bounds on the year so a typo (0224, 20240) is refused rather than recorded. */
export const DATE_YEAR_MIN = 1900;
export const DATE_YEAR_MAX = 2199;

/** A real calendar date: `2024-02-29` yes, `2023-02-29` and `2024-6-15` no. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < DATE_YEAR_MIN || year > DATE_YEAR_MAX || month < 1 || month > 12) return false;
  return day >= 1 && day <= daysInMonth(year, month);
}

/** ISO dates of equal length order as strings; both must have passed isIsoDate. */
export function isBefore(date: string, other: string): boolean {
  return date < other;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * How exactly a business date is known: a letter that says "medio juni 2024" gives a month, not a
 * day. Recorded as a date in that month or year all the same (so every order and cut still works)
 * with its precision beside it, for whoever states the date to say "in juni 2024".
 */
export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** The precision event data carries, `day` when it carries none (every event before precisions). */
export function datePrecisionOf(data: unknown): DatePrecision {
  const precision = (data as { effectiveDatePrecision?: unknown } | null)?.effectiveDatePrecision;
  return precision === 'month' || precision === 'year' ? precision : 'day';
}

/**
 * Events as decided, each dated with the command's effective date carrying its precision: a
 * precision coarser than a day is added to their data; a day, the default, adds nothing.
 */
export function withDatePrecision<E extends { readonly data: object }>(events: readonly E[], effectiveDate: string, precision: DatePrecision | undefined): E[] {
  if (precision === undefined || precision === 'day') return [...events];
  return events.map((event) =>
    (event.data as { effectiveDate?: unknown }).effectiveDate === effectiveDate ? { ...event, data: { ...event.data, effectiveDatePrecision: precision } } : event,
  );
}

const DUTCH_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The date an instant falls on in the Netherlands, whose municipalities keep these books: not the
 * server's or UTC's (near midnight they differ).
 */
export function dutchDateOf(instant: Date | number): string {
  return DUTCH_DATE.format(instant);
}
