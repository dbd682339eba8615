// No personal data in the ledger: free text holding a BSN-like number is refused.
//
// A text is first brought to one spelling, so a BSN cannot slip through in another:
//   - invisible characters (zero-width space and joiners, soft hyphen, direction marks: Unicode
//     format characters) are removed, wherever they stand;
//   - every decimal digit of any script (full-width ９, Arabic-Indic ٩, Devanagari ९, …) becomes
//     its ASCII digit;
//   - the ledger's own identifiers (UUIDs, SHA-256 hashes in hex, and the ids it makes from a
//     digest: a finding's review stream, a document, a review: 24 to 64 hex digits with a letter
//     among them) are set aside: digits in them are a coincidence, not a person's number.
// Then the digits are read in groups joined by separators — spaces of every kind (no-break,
// thin, …), line breaks, dots, dashes, slashes, underscores, at most four between two groups —
// as in "123.456.782", "12 34 56 782", "123-45-6782", "1 2 3 4 5 6 7 8 2" or "123456⏎782". Whole
// consecutive groups holding nine digits that pass the elfproef are a BSN. Groups are never
// split: a phone number "06 1234 5678" or an IBAN's "0417 1643 00" holds no nine-digit stretch of
// whole groups, and nine digits inside a longer run (an invoice number) are not counted.
//
// Decided, not refused:
//   - amounts: digits after a currency sign ("€ 123.456.782", "EUR 123456782"), or followed by
//     decimals ("123456782,00", "123.456.782,50", "123456782.00"). Dutch writes thousands with
//     dots, so without a currency or decimals "123.456.782" is taken for the BSN it may be.
//   - eight digits: a BSN may have lost its leading zero ("12345672" for 012345672), but every
//     KvK number and many order numbers have eight digits too, and one in eleven passes padded.
//     So eight digits are refused only in a text that says it is about a BSN ("BSN", "sofinummer",
//     "burgerservicenummer").
const FORMAT_CHARACTERS = /\p{Cf}/gu;
const NON_ASCII = /[^\x00-\x7f]/;
const ISSUED_IDENTIFIER_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b(?=[0-9]*[a-f])[0-9a-f]{24,64}\b/gi;
/** Groups of digits joined by up to three separators (JavaScript's \s holds every Unicode space). */
const DIGIT_RUN = /\d+(?:[\s./_-]{1,4}\d+)*/g;
const SEPARATORS = /[\s./_-]+/;
const CURRENCY_BEFORE = /(?:€|\$|£|\beur\b|\beuro\b|\beuros\b)\s*$/i;
const DECIMALS_AFTER = /^,\d/;
const BSN_WORDS = /\b(?:bsn|burgerservicenummer|sofi-?\s?nummer|sofinr)\b/i;

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

/** The text in one spelling: no invisible characters, ASCII digits, the ledger's identifiers set aside. */
export function normaliseForBsn(text: string): string {
  // ASCII holds no format character and no other script's digit, and is its own NFKC form: most
  // texts (ids, dates, amounts, Dutch without accents) need only their identifiers set aside.
  const spelled = NON_ASCII.test(text) ? asciiDigits(text.replace(FORMAT_CHARACTERS, '').normalize('NFKC')) : text;
  return spelled.replace(ISSUED_IDENTIFIER_IN_TEXT, ' ');
}

export function containsBsn(text: string): boolean {
  return mayHoldBsn(text) && readsAsBsn(text);
}

/** The reading itself: the text in one spelling, its runs of digit groups, each held to the elfproef. */
export function readsAsBsn(text: string): boolean {
  const normal = normaliseForBsn(text);
  const eightDigitsCount = BSN_WORDS.test(normal);
  for (const run of normal.matchAll(DIGIT_RUN)) {
    const start = run.index ?? 0;
    if (isAmount(normal, start, run[0])) continue;
    if (holdsBsn(run[0].split(SEPARATORS), eightDigitsCount)) return true;
  }
  return false;
}

/**
 * A quick screen, one pass and nothing allocated, that lets through every text the reading could
 * refuse: most texts (a description, a source reference, an invoice number) hold no eight digits
 * in one run of groups, and need not be read. It counts the digits of each stretch of digits,
 * separators and hex letters ([a-f], which an identifier the reading sets aside is made of with
 * its dashes: setting one aside leaves a space, so it can join groups, never part them). A stretch
 * of eight digits or more, or a character outside ASCII other than an accented Latin-1 letter (é,
 * ö: a letter in one spelling already, never a digit, a separator or an invisible character), and
 * the text is read.
 */
export function mayHoldBsn(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) {
      if ((digits += 1) >= 8) return true;
    } else if (code > 0x7f) {
      if (code < 0xc0 || code > 0xff || code === 0xd7 || code === 0xf7) return true;
      digits = 0;
    } else if (!JOINS_GROUPS[code]) {
      digits = 0;
    }
  }
  return false;
}

/** The ASCII characters a stretch of digit groups goes on across in the screen above: separators and hex letters. */
const JOINS_GROUPS: readonly boolean[] = Array.from({ length: 0x80 }, (_, code) => /[\s./_\-a-fA-F]/.test(String.fromCharCode(code)));

/** Any stretch of whole consecutive groups with nine digits (or eight, padded) that passes. */
function holdsBsn(groups: readonly string[], eightDigitsCount: boolean): boolean {
  for (let first = 0; first < groups.length; first += 1) {
    let digits = '';
    for (let last = first; last < groups.length && digits.length < 9; last += 1) {
      digits += groups[last];
      if (digits.length === 9 && passesElfproef(digits)) return true;
      if (digits.length === 8 && eightDigitsCount && passesElfproef(`0${digits}`)) return true;
    }
  }
  return false;
}

function isAmount(text: string, start: number, run: string): boolean {
  if (CURRENCY_BEFORE.test(text.slice(Math.max(0, start - 12), start))) return true;
  if (DECIMALS_AFTER.test(text.slice(start + run.length, start + run.length + 2))) return true;
  // "123456782.00": the last group is two decimals after a point.
  return /\d\.\d{2}$/.test(run) && SEPARATORS.test(run.slice(0, -3)) === false;
}

/**
 * Every decimal digit as ASCII. Unicode encodes each script's digits 0 to 9 in one contiguous
 * range (a stability policy), so a digit's value is its distance from the start of its range.
 */
function asciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (digit) => {
    const code = digit.codePointAt(0)!;
    return code < 0x80 ? digit : String((code - zeroOf(code)) % 10);
  });
}

/** The first code point of the run of decimal digits `code` is in (runs are whole multiples of ten). */
function zeroOf(code: number): number {
  let zero = code;
  while (zero > 0 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero -= 1;
  return zero;
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
