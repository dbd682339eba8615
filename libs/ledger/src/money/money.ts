// Money is integer euro cents inside the ledger; on the wire a decimal string, "100000.00".
// One parser, one formatter, and integer arithmetic that never leaves the safe range.

declare const centsBrand: unique symbol;
/** An integer number of euro cents, within ±MONEY_CENTS_MAX. */
export type Cents = number & { readonly [centsBrand]: true };

/** € 10.000.000.000,00: far above any municipal budget line, far below 2^53. */
export const MONEY_CENTS_MAX = 1_000_000_000_000 as Cents;

// Whole euros up to 13 digits keep cents below 2^53 before the bound is checked; no leading
// zeros and no "-0", so one amount has one spelling. Decimals: exactly two, or none.
const MONEY_WIRE = /^(-?)(0|[1-9]\d{0,12})(?:\.(\d{2}))?$/;

export type MoneyResult = { readonly ok: true; readonly cents: Cents } | { readonly ok: false; readonly reason: string };

export interface MoneyOptions {
  /** Signed amounts (a budget amendment) may be negative; everything else may not. */
  readonly allowNegative?: boolean;
}

export function parseMoney(wire: unknown, options: MoneyOptions = {}): MoneyResult {
  if (typeof wire !== 'string') {
    return { ok: false, reason: 'an amount is a string such as "100000.00", never a number' };
  }
  const match = MONEY_WIRE.exec(wire);
  if (!match) {
    return { ok: false, reason: `"${wire.slice(0, 40)}" is not an amount such as "100000.00" (two decimals or none)` };
  }
  const [, sign, euros, decimals = '00'] = match;
  const magnitude = Number(euros) * 100 + Number(decimals);
  if (sign === '-' && magnitude === 0) return { ok: false, reason: 'write zero as "0.00", not negative' };
  if (sign === '-' && !options.allowNegative) return { ok: false, reason: 'a negative amount is not allowed here' };
  if (magnitude > MONEY_CENTS_MAX) return { ok: false, reason: `an amount is at most ${formatMoney(MONEY_CENTS_MAX)}` };
  return { ok: true, cents: (sign === '-' ? -magnitude : magnitude) as Cents };
}

/** True for an integer within the ledger's bound: the only numbers that may be money. */
export function isCents(value: unknown): value is Cents {
  return typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) <= MONEY_CENTS_MAX;
}

/** Brands a trusted integer (a sum of cents, a test fixture); a non-integer is a programming error. */
export function asCents(value: number): Cents {
  if (!isCents(value)) throw new RangeError(`not an amount in cents within the bound: ${value}`);
  return value;
}

/** Whole euros as cents, for fixtures and examples: euros(100_000) is € 100.000,00. */
export function euros(whole: number): Cents {
  if (!Number.isSafeInteger(whole)) throw new RangeError(`euros() takes whole euros, got ${whole}`);
  return asCents(whole * 100);
}

/** The wire form: "100000.00", "-5.10". */
export function formatMoney(cents: number): string {
  const { sign, euros: whole, cents: fraction } = split(cents);
  return `${sign}${whole}.${fraction}`;
}

/** Dutch notation for council answers: "€ 150.000,00", "€ -5,10". */
export function formatEuroNl(cents: number): string {
  const { sign, euros: whole, cents: fraction } = split(cents);
  return `€ ${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${fraction}`;
}

/** count × unit price, refused when the total would leave the bound. */
export function multiplyCents(count: number, unitCents: number): MoneyResult {
  if (!Number.isSafeInteger(count) || count < 0) return { ok: false, reason: 'a count is a non-negative integer' };
  if (!isCents(unitCents)) return { ok: false, reason: 'a unit price is integer cents within the bound' };
  // Exact whenever the true product is within the bound (it is then far below 2^53); a
  // product beyond 2^53 is inexact but certainly above the bound, so the check holds.
  const product = count * unitCents;
  if (Math.abs(product) > MONEY_CENTS_MAX) {
    return { ok: false, reason: `${count} × ${formatMoney(unitCents)} is above ${formatMoney(MONEY_CENTS_MAX)}` };
  }
  return { ok: true, cents: (product === 0 ? 0 : product) as Cents };
}

/** A sum of amounts; every summand is within the bound, so a sum of < 9000 of them is exact. */
export function sumCents(amounts: readonly number[]): number {
  let total = 0;
  for (const amount of amounts) total += amount;
  return total;
}

function split(cents: number): { sign: string; euros: string; cents: string } {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not integer cents: ${cents}`);
  const magnitude = Math.abs(cents);
  const fraction = magnitude % 100;
  // (m - m % 100) / 100 is exact; m / 100 in floating point can round up to the next euro.
  const whole = (magnitude - fraction) / 100;
  return { sign: cents < 0 ? '-' : '', euros: String(whole), cents: String(fraction).padStart(2, '0') };
}
