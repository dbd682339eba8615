// No personal data in the ledger: free text holding a BSN-like number is refused.
//
// What counts as BSN-like: nine digits that pass the elfproef, written either
//   - as a run of exactly nine digits ("123456782"), or
//   - grouped 4-2-3 with dots, spaces or dashes ("1234.56.782", as on Dutch ID documents), or
//   - grouped 3-3-3 with spaces or dashes ("123 456 782").
// Not counted: digits inside a longer run (an IBAN, an invoice number) and nine digits that
// are part of a decimal amount ("123456782.00"), nor 3-3-3 with dots, which is how Dutch
// writes thousands ("€ 123.456.782"). Each of those would refuse ordinary financial text.
const BSN_LIKE =
  /(?<!\d)(?<!\d[.,])(\d{9}|\d{4}([. -])\d{2}\2\d{3}|\d{3}([ -])\d{3}\3\d{3})(?!\d)(?![.,]\d)/g;

/**
 * Identifiers the ledger itself issues — UUIDs of events, SHA-256 hashes in hex — are not text a
 * person wrote: nine digits inside one (between hex letters) are a coincidence, not a BSN.
 */
const ISSUED_IDENTIFIER = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{64})$/i;

/** The elfproef: 9·d1 + 8·d2 + … + 2·d8 − d9 is divisible by 11 (all zeros excluded). */
export function passesElfproef(nineDigits: string): boolean {
  if (!/^\d{9}$/.test(nineDigits) || nineDigits === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number(nineDigits[i]) * (9 - i);
  sum -= Number(nineDigits[8]);
  return sum % 11 === 0;
}

export function containsBsn(text: string): boolean {
  for (const match of text.matchAll(BSN_LIKE)) {
    if (passesElfproef(match[1].replace(/[. -]/g, ''))) return true;
  }
  return false;
}

/**
 * Walks any JSON-like value and returns the path of the first string (or integer, or object
 * key) holding a BSN-like number: "" for the value itself, "normBand.min", "lines.0.note".
 * Undefined when there is none. Iterative, so a deeply nested body cannot overflow the stack;
 * the work is bounded by the body's size, which the HTTP layer limits.
 */
export function findPersonalData(value: unknown): string | undefined {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string' && !ISSUED_IDENTIFIER.test(current) && containsBsn(current)) return path;
    if (typeof current === 'number' && Number.isSafeInteger(current) && containsBsn(String(current))) return path;
    if (typeof current !== 'object' || current === null) continue;
    const children = Object.entries(current);
    // Pushed in reverse so the first child in document order is examined first.
    for (let i = children.length - 1; i >= 0; i -= 1) {
      const [key, child] = children[i];
      const childPath = path === '' ? key : `${path}.${key}`;
      stack.push({ value: child, path: childPath });
      if (containsBsn(key)) stack.push({ value: key, path: childPath });
    }
  }
  return undefined;
}
