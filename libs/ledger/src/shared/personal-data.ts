// No personal data in the ledger: free text holding a BSN-like number, an e-mail address or an
// IBAN is refused (`personalDataIn`, and `findPersonalData` over a whole request). Each kind is
// screened first in one cheap pass, and read only when the screen lets the text through: these
// checks run on every command and on every line of a booking import.
//
// The BSN.
// A text is first brought to one spelling, so a BSN cannot slip through in another. Outside ASCII:
//   - NFKC: full-width, small, super- and subscript, circled forms become their plain character;
//   - what does not show is removed wherever it stands: format characters (zero-width space and
//     joiners, soft hyphen, direction marks), every other default-ignorable code point (variation
//     selectors, the combining grapheme joiner, Hangul fillers) and every combining mark (an accent
//     on a digit leaves the digit);
//   - every character that looks like a dash or minus becomes '-', like a slash '/', like a comma,
//     colon, apostrophe, middle dot or plus its ASCII joiner, and a blank that is no space (the
//     Braille blank) a space;
//   - every decimal digit of any script (full-width ９, Arabic-Indic ٩, Devanagari ९, …) becomes
//     its ASCII digit.
// Then the ledger's own identifiers are set aside whole: digits in them are a coincidence, not a
// person's number. Those are UUIDs, SHA-256 hashes (64 hex digits: a document's content, an event,
// a tree head) and the ids it makes from a digest (`doc-`, `review-`, `imp-`, a booking's `key2-b-`
// or `key2-po-` with 24 hex digits, `finding-` with 32). Any other run of 24 to 63 hex digits with
// a letter (another system's key a person cites) is set aside only between its first and last
// letter: digits at its start or end are read, so a BSN with letters glued after it
// ("111222333abcdefabcdefabcdef") is still one.
// Then the digits are read in groups joined by separators — spaces of every kind, line breaks,
// control characters, dots, dashes, slashes, underscores, commas, colons, plus signs, apostrophes,
// at most four between two groups, but no comma or colon before a space (a list goes on there) —
// as in "123.456.782", "12 34 56 782", "123-45-6782", "1 2 3 4 5 6 7 8 2", "123456⏎782" or
// "111,222,333". Whole consecutive groups holding nine digits
// that pass the elfproef are a BSN. Groups are never split: a phone number "06 1234 5678" or an
// IBAN's "0417 1643 00" holds no nine-digit stretch of whole groups, and nine digits inside a
// longer run (an invoice number) are not counted.
//
// Decided, not refused:
//   - amounts: digits after a currency sign ("€ 123.456.782", "EUR 123456782"), or ending in
//     decimals: a comma and one or two digits ("123456782,00", "1.234.567,89"), or a point and two
//     digits after digits that are not grouped, or grouped in thousands by commas, apostrophes or
//     spaces ("123456782.00", "1,234,567.89"). Dutch writes thousands with dots, so without a
//     currency or decimals "123.456.782" (and "111,222,333") is taken for the BSN it may be.
//   - a time of day ("9:30", "14:30:00"): it parts the groups around it, so "1-6-2024 9:30" is a
//     date and a time, not nine digits.
//   - eight digits: a BSN may have lost its leading zero ("12345672" for 012345672), but every
//     KvK number and many order numbers have eight digits too, and one in eleven passes padded.
//     So eight digits are refused only in a text that says it is about a BSN ("BSN",
//     "sofinummer", "burgerservicenummer", also glued to the number: "bsn12345672").
//   - a BSN dressed up as one of the ledger's own identifiers (a UUID's last group, "doc-" and 24
//     hex digits, a run of 64) or hidden between the letters of a hex run: one in a thousand of the
//     ledger's own would be refused if these were read.
/** What is removed: format characters, default-ignorable code points and combining marks. */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}]/gu;
/** Characters outside ASCII that read as a separator, each as its ASCII spelling (after NFKC). */
const LOOKALIKES: readonly (readonly [string, string])[] = [
  // Dashes are \p{Pd} (below); these are minus signs and lines that look like one.
  ['-', '\u2212\u02d7\u2796\u2052\u2043\u23af\u2500\u2501\u30fc'],
  ['/', '\u2044\u2215\u29f8\u2571\u27cb\u1735\u2216\u29f5\u29f9\u2572\u27cd'],
  [',', '\u060c\u066b\u066c\u201a\u3001\u2e41'],
  ['.', '\u00b7\u2027\u2219\u22c5\u30fb\u2022\u2e31\u3002\u06d4\u16eb'],
  [':', '\u2236\ua789\u02d0\u05c3\u0589'],
  ["'", '\u2018\u2019\u201b\u2032\u2035\u02b9\u02bb\u02bc\u02bd\u02c8\u05f3\ua78c'],
  ['+', '\u2795\u02d6'],
  [' ', '\u2800'],
];
const LOOKALIKE_OF = new Map(LOOKALIKES.flatMap(([ascii, characters]) => [...characters].map((c) => [c, ascii] as const)));
const LOOKALIKE = new RegExp(`[\\p{Pd}${[...LOOKALIKE_OF.keys()].map((c) => `\\u{${c.codePointAt(0)!.toString(16)}}`).join('')}]`, 'gu');
const NON_ASCII = /[^\x00-\x7f]/;
const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** An id the ledger makes from a digest: 24 hex digits (32 for a finding's reviews) after the word that names it. */
const LEDGER_DIGEST_IN_TEXT = /\b((?:doc|review|imp|[a-z0-9]{1,12}-(?:b|po))-(?=[0-9a-f]{24}\b)|finding-(?=[0-9a-f]{32}\b))[0-9a-f]+/gi;
const SHA256_IN_TEXT = /\b[0-9a-f]{64}\b/gi;
/** Another system's key a person cites: 24 to 63 hex digits with a letter among them. */
const HEX_KEY_IN_TEXT = /\b(?=[0-9]*[a-f])[0-9a-f]{24,63}\b/gi;
/** The ASCII characters that join two groups of digits; the spellings above become one of them. */
const SEPARATOR = String.raw`[\s\x00-\x1f\x7f-\x9f./\\_\-,:+'\x60]`;
/**
 * Groups of digits joined by up to four separators (JavaScript's \s holds every Unicode space); a
 * comma or colon before a space parts them, as in a list ("bedrag 1.234,56, 12 stuks").
 */
const DIGIT_RUN = new RegExp(String.raw`\d+(?:(?:(?![,:]\s)${SEPARATOR}){1,4}\d+)*`, 'g');
const SEPARATORS = new RegExp(`${SEPARATOR}+`);
const CURRENCY_BEFORE = /(?:€|\$|£|\beur\b|\beuro\b|\beuros\b)\s*$/i;
/** A run ending in decimals: a comma and one or two digits; a point and two after digits not grouped, or grouped in thousands. */
const AMOUNT_RUN = /,\d{1,2}$|^\d+\.\d{2}$|^\d{1,3}(?:[,'\s]\d{3})+\.\d{2}$/;
/** A time of day (9:30, 14:30:00) stands apart: "1-6-2024 9:30" holds a date and a time, not nine digits. */
const TIME_OF_DAY = /(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?![\d:])/g;
/** Words that say a text is about a BSN, also glued to the number that follows. */
const BSN_WORDS = /(?<![a-z])(?:bsn|sofi|burgerservice)(?:[-\s]?(?:nummer|nr))?(?![a-z])/i;

/**
 * Identifiers the ledger itself issues — UUIDs of events, SHA-256 hashes in hex — are not text a
 * person wrote: a value that is one whole is not read at all.
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

/** The text in one spelling: nothing invisible, ASCII digits and separators, the ledger's identifiers set aside. */
export function normaliseForBsn(text: string): string {
  // ASCII holds nothing invisible, no lookalike and no other script's digit, and is its own NFKC
  // form: most texts (ids, dates, amounts, Dutch without accents) need only their identifiers set aside.
  const spelled = NON_ASCII.test(text) ? asciiDigits(asciiSeparators(text.normalize('NFKC').replace(INVISIBLE, ''))) : text;
  // What is set aside leaves a space, or a '|' where it must part the digits beside it; the word
  // before a digest stays, parting the groups around the id as it does in the screen below.
  return spelled
    .replace(UUID_IN_TEXT, ' ')
    .replace(SHA256_IN_TEXT, ' ')
    .replace(LEDGER_DIGEST_IN_TEXT, '$1 ')
    .replace(HEX_KEY_IN_TEXT, (key) => `${/^\d*/.exec(key)![0]} | ${/\d*$/.exec(key)![0]}`);
}

export function containsBsn(text: string): boolean {
  return mayHoldBsn(text) && readsAsBsn(text);
}

/** The kinds of personal data the ledger refuses, and how a refusal says what a field holds. */
export type PersonalDataKind = 'bsn' | 'email' | 'iban';

const HOLDS: Record<PersonalDataKind, string> = {
  bsn: 'a number that passes the BSN elfproef',
  email: 'an e-mail address',
  iban: 'an IBAN',
};

/** What a field holds, for a refusal: "a number that passes the BSN elfproef", "an e-mail address", "an IBAN". Never the value. */
export function describePersonalData(kind: PersonalDataKind): string {
  return HOLDS[kind];
}

/** The kind of personal data a text holds, or undefined: the one check every free text goes through. */
export function personalDataIn(text: string): PersonalDataKind | undefined {
  if (containsBsn(text)) return 'bsn';
  if (containsEmail(text)) return 'email';
  if (containsIban(text)) return 'iban';
  return undefined;
}

/** The reading itself: the text in one spelling, its runs of digit groups, each held to the elfproef. */
export function readsAsBsn(text: string): boolean {
  const normal = normaliseForBsn(text).replace(TIME_OF_DAY, ' | ');
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
 * separators (every ASCII character the reading joins groups by, control characters included) and
 * hex letters ([a-f], which an identifier the reading sets aside is made of with its dashes:
 * setting one aside leaves a space, which can join groups, or a '|' that parts them). A stretch
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
const JOINS_GROUPS: readonly boolean[] = Array.from({ length: 0x80 }, (_, code) => new RegExp(`${SEPARATOR}|[a-fA-F]`).test(String.fromCharCode(code)));

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
  return CURRENCY_BEFORE.test(text.slice(Math.max(0, start - 12), start)) || AMOUNT_RUN.test(run);
}

/** Every dash as '-', and every other character that reads as a separator as its ASCII spelling (LOOKALIKES). */
function asciiSeparators(text: string): string {
  return text.replace(LOOKALIKE, (character) => LOOKALIKE_OF.get(character) ?? '-');
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

export interface PersonalDataFound {
  /** Where: "" for the value itself, "normBand.min", "lines.0.note". */
  readonly path: string;
  readonly kind: PersonalDataKind;
}

/**
 * Walks any JSON-like value and returns the path of the first string (or integer, or object
 * key) holding personal data, and its kind; undefined when there is none. Iterative, so a deeply
 * nested body cannot overflow the stack; the work is bounded by the body's size, which the HTTP
 * layer limits.
 */
export function findPersonalData(value: unknown): PersonalDataFound | undefined {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string' && !ISSUED_IDENTIFIER.test(current)) {
      const kind = personalDataIn(current);
      if (kind) return { path, kind };
    }
    // A number holds no e-mail address and, having no letters, no IBAN.
    if (typeof current === 'number' && Number.isSafeInteger(current) && containsBsn(String(current))) return { path, kind: 'bsn' };
    if (typeof current !== 'object' || current === null) continue;
    const children = Object.entries(current);
    // Pushed in reverse so the first child in document order is examined first.
    for (let i = children.length - 1; i >= 0; i -= 1) {
      const [key, child] = children[i];
      const childPath = path === '' ? key : `${path}.${key}`;
      stack.push({ value: child, path: childPath });
      if (personalDataIn(key)) stack.push({ value: key, path: childPath });
    }
  }
  return undefined;
}

// The e-mail address: local@domain.tld, a domain of labels joined by dots and ending in two
// letters or more. "a@b", "@gemeente" and "jan@localhost" are not one. A functional mailbox
// (info@heerlen.nl) is refused too: the ledger cannot tell it from a person's. Read only around
// an '@' (a full-width or small one becomes '@' in one spelling), a bounded stretch either side, so
// a long text with many '@'s (a document) costs in proportion to its length.

/** The characters of a local part (RFC 5322's atext and dots), letters and digits of any script. */
const EMAIL_LOCAL_BEFORE_AT = /[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]{1,64}$/u;
const EMAIL_DOMAIN_AFTER_AT = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.){1,8}\p{L}{2,63}/u;
const EMAIL_LOCAL_LENGTH_MAX = 64;
const EMAIL_DOMAIN_LENGTH_MAX = 255;

export function containsEmail(text: string): boolean {
  return mayHoldEmail(text) && readsAsEmail(text);
}

/** The screen: an '@', or one of the two that become one in one spelling (＠, ﹫). */
export function mayHoldEmail(text: string): boolean {
  return text.includes('@') || text.includes('\uff20') || text.includes('\ufe6b');
}

export function readsAsEmail(text: string): boolean {
  const normal = visibleSpelling(text);
  for (let at = normal.indexOf('@'); at >= 0; at = normal.indexOf('@', at + 1)) {
    const local = EMAIL_LOCAL_BEFORE_AT.test(normal.slice(Math.max(0, at - EMAIL_LOCAL_LENGTH_MAX), at));
    if (local && EMAIL_DOMAIN_AFTER_AT.test(normal.slice(at + 1, at + 1 + EMAIL_DOMAIN_LENGTH_MAX))) return true;
  }
  return false;
}

// The IBAN (ISO 13616): a country's two capital letters, two check digits and 11 to 30 letters
// and digits, whole (no letter or digit glued before or after), that pass the mod-97 check. In
// the electronic form without spaces ("NL91ABNA0417164300"), or in the paper form in groups of
// four after the check digits, separated by a space each ("NL91 ABNA 0417 1643 00"); in the paper
// form each whole group that ends the account could be its last, so an IBAN followed by a word
// of four letters is still found. The country code is read in capitals only: the ledger's own ids
// are lower-case hex, and about one in 1,800 of its `doc-` ids (24 hex digits) would start with two
// letters and two digits and pass the check. Any country: the country's own length is not checked.

/** Where an IBAN may start: two capitals and two digits, no letter or digit before them. */
const IBAN_START = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}/g;
const IBAN_COMPACT_ACCOUNT = /[A-Za-z0-9]+/y;
/** One group of the paper form after a space: up to four letters or digits, then no letter or digit. */
const IBAN_PAPER_GROUP = /\s([A-Za-z0-9]{1,4})(?![A-Za-z0-9])/y;
const IBAN_ACCOUNT_LENGTH_MIN = 11;
const IBAN_ACCOUNT_LENGTH_MAX = 30;
/**
 * The screen: two capitals followed by two digits, or a character outside ASCII that may become
 * one or hide between them (anything but an accented Latin-1 letter, as the BSN's screen).
 */
const IBAN_SCREEN = /[A-Z]{2}\d{2}|[^\x00-\x7f\xc0-\xd6\xd8-\xf6\xf8-\xff]/;

export function containsIban(text: string): boolean {
  return IBAN_SCREEN.test(text) && readsAsIban(text);
}

export function readsAsIban(text: string): boolean {
  const normal = visibleSpelling(text);
  for (const start of normal.matchAll(IBAN_START)) {
    const head = start[0];
    const at = (start.index ?? 0) + head.length;
    IBAN_COMPACT_ACCOUNT.lastIndex = at;
    const compact = IBAN_COMPACT_ACCOUNT.exec(normal)?.[0];
    if (compact !== undefined) {
      if (compact.length >= IBAN_ACCOUNT_LENGTH_MIN && compact.length <= IBAN_ACCOUNT_LENGTH_MAX && passesIbanCheck(head + compact)) return true;
      continue;
    }
    if (paperAccountPasses(normal, head, at)) return true;
  }
  return false;
}

/** The paper form: each whole group after the check digits may be the account's last. */
function paperAccountPasses(text: string, head: string, from: number): boolean {
  let account = '';
  IBAN_PAPER_GROUP.lastIndex = from;
  for (let group = IBAN_PAPER_GROUP.exec(text); group !== null; group = IBAN_PAPER_GROUP.exec(text)) {
    account += group[1];
    if (account.length > IBAN_ACCOUNT_LENGTH_MAX) return false;
    if (account.length >= IBAN_ACCOUNT_LENGTH_MIN && passesIbanCheck(head + account)) return true;
    if (group[1].length < 4) return false;
  }
  return false;
}

/**
 * ISO 13616's check: the country code and check digits moved to the end, every letter written as
 * its number (A = 10 … Z = 35), the whole read as one number leaves 1 when divided by 97. Taken
 * digit by digit, so no number grows past 97 · 100.
 */
export function passesIbanCheck(iban: string): boolean {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rearranged.length; i += 1) {
    const code = rearranged.charCodeAt(i);
    remainder = code <= 0x39 ? (remainder * 10 + (code - 0x30)) % 97 : (remainder * 100 + (code - 0x37)) % 97;
  }
  return remainder === 1;
}

/** A text outside ASCII in one spelling for the readings above: NFKC (full-width letters, digits, ＠), nothing invisible. */
function visibleSpelling(text: string): string {
  return NON_ASCII.test(text) ? text.normalize('NFKC').replace(INVISIBLE, '') : text;
}
