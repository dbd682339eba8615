import fc from 'fast-check';
import { accountabilityOf } from './accountability';
import { checkText } from './checks';
import { isIsoDate } from './dates';
import { ENTITY_ID_PATTERN, parseStreamId, streamId } from './ids';
import { containsBsn, containsEmail, containsIban, findPersonalData, mayHoldBsn, mayHoldEmail, normaliseForBsn, passesElfproef, passesIbanCheck, personalDataIn, readsAsBsn } from './personal-data';

/** Where the first personal data in a value is: its path alone. */
const pathOf = (value: unknown) => findPersonalData(value)?.path;

describe('ids', () => {
  it.each(['heerlen-pilot-fit-2024', 'ab', 'reha', '0-9'])('accepts %s', (id) => {
    expect(ENTITY_ID_PATTERN.test(id)).toBe(true);
  });

  it.each(['a', '-ab', 'Heerlen', 'heerlen_pilot', 'a'.repeat(65), 'héérlen', 'ab '])('refuses %j', (id) => {
    expect(ENTITY_ID_PATTERN.test(id)).toBe(false);
  });

  it('names streams <category>-<id> and reads them back', () => {
    expect(streamId('grant', 'abc')).toBe('grant-abc');
    expect(parseStreamId('grant-heerlen-pilot')).toEqual({ category: 'grant', id: 'heerlen-pilot' });
    expect(parseStreamId('ledger-abc')).toBeUndefined();
    expect(parseStreamId('grant')).toBeUndefined();
  });
});

describe('dates', () => {
  it.each(['2024-06-15', '2024-02-29', '2000-02-29', '2023-12-31'])('accepts %s', (date) => {
    expect(isIsoDate(date)).toBe(true);
  });

  it.each(['2023-02-29', '1900-02-29', '2024-13-01', '2024-04-31', '2024-6-15', '15-06-2024', '2024-06-15T00:00:00Z', '0224-06-15', '2024-00-10', ''])(
    'refuses %j',
    (date) => {
      expect(isIsoDate(date)).toBe(false);
    },
  );
});

describe('personal data', () => {
  // 123456782 and 111222333 pass the elfproef; 123456789 does not.
  it('applies the elfproef', () => {
    expect(passesElfproef('123456782')).toBe(true);
    expect(passesElfproef('111222333')).toBe(true);
    expect(passesElfproef('123456789')).toBe(false);
    expect(passesElfproef('000000000')).toBe(false);
  });

  it.each(['BSN 123456782', 'nr. 1234.56.782', '1234 56 782', '123 456 782', '123-456-782', 'klant 111222333.'])('finds a BSN in %j', (text) => {
    expect(containsBsn(text)).toBe(true);
  });

  it.each([
    'nummer 123456789', // fails the elfproef
    'IBAN NL91ABNA0417164300', // ten digits
    '1234567820', // ten digits
    'bedrag 123456782.00', // an amount
    '€ 123.456.782', // Dutch thousands
    '12345678', // eight digits
    'Pilot re-integratie WerkvoorHeerlen 2024',
  ])('finds no BSN in %j', (text) => {
    expect(containsBsn(text)).toBe(false);
  });

  it.each([
    '123.456.782',
    '12 34 56 782',
    '123-45-6782',
    '1 2 3 4 5 6 7 8 2',
    '123456\n782',
    '123 456\r\n782',
    '123\u00a0456\u00a0782', // no-break spaces
    '1234\u200b56782', // a zero-width space inside
    '12\u00ad3456782', // a soft hyphen
    '\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff12', // full-width
    '\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0662', // Arabic-Indic
    '\u06f1\u06f2\u06f3 \u06f4\u06f5\u06f6 \u06f7\u06f8\u06f2', // Extended Arabic-Indic, grouped
    'BSN 12345672', // eight digits in a text about a BSN: 012345672 passes
    'sofinummer 1234.56.72',
  ])('finds a BSN in another spelling: %j', (text) => {
    expect(containsBsn(text)).toBe(true);
  });

  // The spellings of the security review: each was taken (POST /v1/parties, name "Jan 111–222–333": 201).
  it.each([
    ['Unicode dashes', ['Jan 111\u2013222\u2013333', '111\u2010222\u2011333', '111\u2012222\u2014333', '111\u2015222\ufe58333', '111\u2e3a222\u2e3b333']],
    ['minus signs', ['111\u2212222\u2212333', '111\u02d7222\u02d7333', '111\u2796222\u207b333']],
    ['invisible characters that are no format character', ['111\u034f222\u034f333', '111\ufe0f222\ufe00333', '111\u3164222\u3164333', '111\u115f222\u1160333', '111\uffa0222\uffa0333', '111\u17b4222\u17b5333', '111\u2800222\u2800333']],
    ['slashes', ['111\u2215222\u2215333', '111\u2044222\u2044333', '111\\222\\333']],
    ['combining marks on the digits', ['1\u03011\u03011\u03012\u03012\u03012\u03013\u03013\u03013\u0301', '1\u20e31\u20e31\u20e32\u20e32\u20e32\u20e33\u20e33\u20e33\u20e3', '111\u0308 222 333']],
    ['other joiners', ['111,222,333', '111:222:333', '111+222+333', "111'222'333", '111\u00b7222\u00b7333', '111\u2019222\u2019333', '\u0661\u0661\u0661\u066c\u0662\u0662\u0662\u066c\u0663\u0663\u0663']],
    ['control characters', ['111\u0000222\u0000333', '111\u001f222\u007f333', '111\u0085222\u0085333']],
    ['the keyword glued to eight digits', ['burgerservicenummer12345672', 'BSN12345672', 'bsnnummer 12345672', 'sofinr12345672']],
    ['letters glued after the number', ['BSN 111222333abcdefabcdefabcdef', 'klant 111222333' + 'abcdef'.repeat(9), 'ref abcdefabcdefabcdef111222333']],
  ])('finds a BSN spelled with %s', (_how, texts) => {
    for (const text of texts) expect([text, containsBsn(text)]).toEqual([text, true]);
  });

  it.each([
    '€ 123.456.782',
    'EUR 123456782',
    '123.456.782,00',
    '123456782,50',
    'bel 06 1234 5678', // a phone number: no nine digits in whole groups
    'NL91 ABNA 0417 1643 00', // an IBAN
    'KvK 12345672', // eight digits, not said to be a BSN
    '1.234.567,89',
    '1,234,567.89',
    "1'234'567.89",
    'bedrag 1.234.567,82, 12 stuks', // a comma before a space parts groups, as in a list
    'totaal 12,50 en 3,20',
    '15-06-2024 14:30',
    '1-6-2024 9:30', // a date and a time, not 1 6 2024 9 30
    '18-6-2025 19:09:45',
    'factuur 2024-00123, 2024-00124',
  ])('finds no BSN in the amount or number %j', (text) => {
    expect(containsBsn(text)).toBe(false);
  });

  /** Nine digits that pass the elfproef. */
  const bsn = fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 })
    .map((digits) => [...digits, digits.reduce((sum, d, i) => sum + d * (9 - i), 0) % 11])
    .filter((digits) => digits[8] <= 9 && digits.some((d) => d !== 0));
  /** Each script's zero: ASCII, full-width, Arabic-Indic, Extended Arabic-Indic, Devanagari, Thai, mathematical bold. */
  const ZEROS = [0x30, 0xff10, 0x660, 0x6f0, 0x966, 0xe50, 0x1d7ce];
  /** Spaces, dashes, slashes and what looks like one (minus signs, the Braille blank), control characters: up to two between digits. */
  const SEPARATORS = [' ', '.', '-', '/', '_', '\n', '\r\n', '\t', '\u00a0', '\u2009', '\u202f', '\u3000', '\u2010', '\u2011', '\u2013', '\u2014', '\u2212', '\u02d7', '\ufe63', '\uff0d', '\u2215', '\u2044', '\uff0f', '\\', '\u2800', '\u0000', '\u001f', '\u007f', '\u0085'];
  /** Joiners, alone between two digits (a comma or colon before a space parts groups, as in a list). */
  const JOINERS = [',', ':', '+', "'", '\u00b7', '\u2019', '\uff0c', '\u066c', '\u2236', '\u2027'];
  /** Format characters, and other default-ignorable code points: variation selectors, the combining grapheme joiner, Hangul fillers. */
  const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u200e', '\u034f', '\ufe0f', '\ufe00', '\u3164', '\u115f', '\u1160', '\uffa0', '\u17b4', '\u17b5', '\u{e0020}'];
  /** Combining marks on a digit: accents, an enclosing keycap. */
  const MARKS = ['\u0301', '\u0308', '\u0332', '\u20e3', '\ufe0f\u20e3'];
  const gap = fc.oneof(fc.array(fc.constantFrom(...SEPARATORS), { maxLength: 2 }).map((s) => s.join('')), fc.constantFrom(...JOINERS));
  const spelled = bsn.chain((digits) =>
    fc
      .tuple(
        fc.array(fc.constantFrom(...ZEROS), { minLength: 9, maxLength: 9 }),
        fc.array(gap, { minLength: 8, maxLength: 8 }),
        fc.array(fc.constantFrom('', ...INVISIBLE), { minLength: 9, maxLength: 9 }),
        fc.array(fc.constantFrom('', '', '', ...MARKS), { minLength: 9, maxLength: 9 }),
        fc.constantFrom('', 'BSN ', 'klant: ', 'J. Jansen, ', '(', 'dossier '),
        fc.constantFrom('', '.', ')', ' heeft', ' in 2024', ', klant'),
      )
      .map(([zeros, gaps, invisible, marks, before, after]) => {
        const written = digits.map((d, i) => invisible[i] + String.fromCodePoint(zeros[i] + d) + marks[i] + (gaps[i] ?? '')).join('');
        return { digits: digits.join(''), written, text: before + written + after };
      })
      // Decided, not a BSN: nine digits whose last group reads as decimals (a comma and one or two
      // digits; a point and two after digits not grouped, or grouped in thousands) are an amount,
      // as the amounts above; two digits after a colon, a time of day ("1234567 8:20").
      .filter(({ written }) => !/,\d{1,2}$|^\d+\.\d{2}$|^\d{1,3}(?:[,'\s]\d{3})+\.\d{2}$/.test(normaliseForBsn(written)))
      .filter(({ written }) => !/(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?![\d:])/.test(normaliseForBsn(written))),
  );

  const isAscii = (text: string) => /^[\x00-\x7f]*$/.test(text);
  const spelledInAscii = bsn.chain((digits) =>
    fc
      .array(fc.oneof(fc.array(fc.constantFrom(...SEPARATORS.filter(isAscii)), { maxLength: 2 }).map((s) => s.join('')), fc.constantFrom(...JOINERS.filter(isAscii))), { minLength: 8, maxLength: 8 })
      .map((gaps) => digits.map((d, i) => `${d}${gaps[i] ?? ''}`).join('')),
  );

  it('refuses any BSN that passes the elfproef, in any script, with any mix of separators, joiners, invisible characters and marks', () => {
    fc.assert(
      fc.property(spelled, ({ text }) => {
        expect(containsBsn(text)).toBe(true);
        expect(pathOf({ note: text })).toBe('note');
      }),
      { numRuns: 3000 },
    );
  });

  it('spells a text of ASCII alone as it spells the same text with an invisible character in it', () => {
    // ASCII skips the folding of other scripts; an invisible character forces it and is then removed.
    const asciiText = fc.string({ unit: fc.constantFrom(...'0123456789 ./-_abcdefBSNEUR$,:'.split(''), '\n'), maxLength: 40 });
    fc.assert(
      fc.property(asciiText, fc.nat(40), (text, at) => {
        const hidden = `${text.slice(0, at)}\u200b${text.slice(at)}`;
        expect(normaliseForBsn(text)).toBe(normaliseForBsn(hidden));
        expect(containsBsn(text)).toBe(containsBsn(hidden));
      }),
      { numRuns: 3000 },
    );
  });

  it('screens out no text the reading refuses: identifiers, accented letters and other scripts included', () => {
    const pieces = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'0123456789 ./-_abcdefABCDEFxyzBSN€,:+\'`\\|'.split(''), '\n', '\u0000', '\u001f', '\u007f', 'é', 'ö', '×', '\u00a0', '\u00b7', '\u200b', '\u2013', '\u0301', '\u034f', '\uff11', '\u0662'), maxLength: 12 }),
      fc.uuid(),
      fc.constantFrom('123456782', '1234.56.782', '12 34 56 782', 'BSN ', 'bsn', 'café ', 'a123456782b', '9:30', `${'ab'.repeat(10)}123456782${'c'.repeat(35)}`, `123456782${'ab'.repeat(10)}`, `doc-${'ab'.repeat(12)}`),
      spelled.map(({ text }) => text),
      // In ASCII alone, which the screen reads character by character: every separator and joiner.
      spelledInAscii,
      // A BSN in two parts with an identifier between them, which the reading sets aside.
      fc.tuple(bsn, fc.integer({ min: 1, max: 8 }), fc.uuid(), fc.constantFrom('', ' ', '.')).map(([digits, at, id, gap]) => `${digits.slice(0, at).join('')}${gap}${id}${gap}${digits.slice(at).join('')}`),
    );
    let refused = 0;
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 5 }), (parts) => {
        const text = parts.join('');
        if (!readsAsBsn(text)) return;
        refused += 1;
        expect(mayHoldBsn(text)).toBe(true);
      }),
      { numRuns: 5000 },
    );
    // The property held over texts the reading does refuse, not only over harmless ones.
    expect(refused).toBeGreaterThan(1000);
  });

  it('reads no text that cannot hold eight digits in one run of groups', () => {
    expect(mayHoldBsn('Boeking kosten café 123')).toBe(false);
    expect(mayHoldBsn('Key2Financiën 2024 INK F123456 regel 12')).toBe(false);
    expect(mayHoldBsn('1234 5678')).toBe(true);
    expect(mayHoldBsn('1234 abcdef 5678')).toBe(true); // an identifier set aside can join the groups beside it
    expect(mayHoldBsn('1234 xyz 5678')).toBe(false);
    expect(mayHoldBsn('nr ١٢٣')).toBe(true); // another script's digits: read
  });

  it('names the path of the first value holding one', () => {
    expect(pathOf({ name: 'Gemeente Heerlen', normBand: { min: '2000.00', note: 'bsn 123456782' } })).toBe('normBand.note');
    expect(pathOf({ lines: ['ok', 'ok', 'bsn 123456782'] })).toBe('lines.2');
    expect(pathOf({ a: '123456782', b: '111222333' })).toBe('a');
    expect(pathOf('123456782')).toBe('');
    expect(pathOf({ count: 123456782 })).toBe('count');
    expect(pathOf({ '123456782': 'x' })).toBe('123456782');
    expect(pathOf({ name: 'Gemeente Heerlen', amount: '100000.00', count: 28 })).toBeUndefined();
    expect(pathOf(null)).toBeUndefined();
  });

  it('does not mistake an issued UUID or hash for a BSN, but still finds one in text beside it', () => {
    expect(passesElfproef('123456782')).toBe(true);
    const eventId = '01a207fa-9b69-71ed-ba8c-a123456782bc';
    const hash = `${'ab'.repeat(10)}123456782${'c'.repeat(35)}`;
    expect(pathOf({ eventId, digests: [{ rootHash: hash }] })).toBeUndefined();
    expect(pathOf({ reason: `dossier a123456782b` })).toBe('reason');
  });

  it('does not mistake the ids the ledger makes from a digest for a BSN: a review stream, a document, a finding with an event id', () => {
    // 128 and 96 bits of SHA-256 in hex, nine digits that pass the elfproef among them.
    const reviewStream = `finding-9f${'123456782'}${'ab'.repeat(10)}1`;
    const documentStream = `document-doc-${'0'.repeat(0)}c123456782${'d'.repeat(14)}`;
    expect(pathOf({ streamId: reviewStream })).toBeUndefined();
    expect(pathOf({ streamId: documentStream })).toBeUndefined();
    expect(pathOf({ findingId: 'paid-above-invoiced:01a24948-1234-7567-8212-6380aa1fd955' })).toBeUndefined();
    // Digits alone, however long, are still read; and a hex-looking word too short to be issued.
    expect(pathOf({ reference: `nr ${'123456782'.repeat(3)}` })).toBeUndefined();
    expect(pathOf({ reference: 'ref 123456782 ' + 'ab'.repeat(12) })).toBe('reference');
    expect(pathOf({ note: 'deadbeef 123456782' })).toBe('note');
  });

  it("sets the ledger's own ids aside whole, but reads the digits at the edge of any other run of hex digits", () => {
    // Nine digits that pass at the start of a digest: one id in about two thousand the ledger makes.
    const digest24 = `123456782${'ab'.repeat(7)}c`;
    expect(pathOf({ documentId: `doc-${digest24}`, reviewId: `review-${digest24}`, importId: `imp-${digest24}`, expenseId: `key2-po-${digest24}` })).toBeUndefined();
    expect(pathOf({ streamId: `finding-123456782${'ab'.repeat(11)}c`, note: `zie document ${'123456782'}${'ab'.repeat(27)}c` })).toBeUndefined();
    expect(pathOf({ eventId: '01a207fa-9b69-71ed-ba8c-123456782abc' })).toBeUndefined();
    // Not one of the ledger's: a BSN with hex letters glued to it, before or after.
    expect(containsBsn(`BSN 111222333${'abcdef'.repeat(3)}`)).toBe(true);
    expect(containsBsn(`nr ${'abcdef'.repeat(3)}111222333`)).toBe(true);
    expect(containsBsn(`bsn-111222333${'abcdef'.repeat(3)}`)).toBe(true);
    // The digits at both edges of a hex run are not joined into one number.
    expect(containsBsn(`commit 35${'ab'.repeat(12)}c1122989`)).toBe(false);
  });

  it('walks a deeply nested value without overflowing the stack', () => {
    let deep: unknown = 'bsn 123456782';
    for (let i = 0; i < 100_000; i += 1) deep = { a: deep };
    expect(pathOf(deep)).toMatch(/^a(\.a)+$/);
  });
});

describe('personal data: e-mail addresses and IBANs', () => {
  it.each([
    'jan.devries@gmail.com',
    'Mail van j.de.vries+werk@heerlen.nl over de factuur',
    'contact: info@werkvoorheerlen.nl.',
    '<piet_jansen@sub.domein.example.org>',
    'jan.devries\uff20gmail.com', // a full-width at sign
    'jan.de\u200bvries@gmail.com', // a zero-width space inside
    'josé.müller@bücher.de',
  ])('finds an e-mail address in %j', (text) => {
    expect(containsEmail(text)).toBe(true);
    expect(personalDataIn(text)).toBe('email');
  });

  it.each(['a@b', 'mail a@b naar', 'jan@localhost', '@gemeente', 'twitter @heerlen', 'a@b.c', '2 @ 3.50', 'stuks@12.50', 'jan@ gmail.com'])('finds no e-mail address in %j', (text) => {
    expect(containsEmail(text)).toBe(false);
    expect(personalDataIn(text)).toBeUndefined();
  });

  it('reads for an e-mail address only a text with an at sign in it', () => {
    expect(mayHoldEmail('Boeking kosten café 123')).toBe(false);
    expect(mayHoldEmail('jan.devries\ufe6bgmail.com')).toBe(true); // a small at sign, '@' in one spelling
  });

  // NL91ABNA0417164300, DE89370400440532013000, GB29NWBK60161331926819, BE68539007547034,
  // FR1420041010050500013M02606: the examples of the IBAN registry, which pass the check.
  it.each([
    'NL91ABNA0417164300',
    'IBAN NL91 ABNA 0417 1643 00',
    'over te maken op NL91ABNA0417164300.',
    'DE89 3704 0044 0532 0130 00',
    'GB29NWBK60161331926819',
    'BE68 5390 0754 7034 voor de huur', // groups of four end, a word of four follows
    'FR14 2004 1010 0505 0001 3M02 606',
    'rekening NL91\u00a0ABNA\u00a00417\u00a01643\u00a000', // no-break spaces
    'NL91AB\u200bNA0417164300', // a zero-width space inside
    '\uff2e\uff2c\uff19\uff11\uff21\uff22\uff2e\uff21\uff10\uff14\uff11\uff17\uff11\uff16\uff14\uff13\uff10\uff10', // full-width
    'NL91abna0417164300', // the bank code in lower case
  ])('finds an IBAN in %j', (text) => {
    expect(containsIban(text)).toBe(true);
    expect(personalDataIn(text)).toBe('iban');
  });

  it.each([
    'NL92ABNA0417164300', // a wrong check digit
    'NL91 ABNA 0417 1643 01', // a wrong digit in the account
    'NL91', // the start of one, alone
    'NL91 ABNA', // too short
    'XNL91ABNA0417164300', // a letter glued before it
    'NL91ABNA0417164300X', // and after it
    'NL91ABNA 0417 1643 00', // neither form
    'nl91abna0417164300', // the country code in lower case: the ledger's own ids are lower-case hex
    'Begroting 2024, BW24 Tweede bestuursrapportage',
    'Raadsbesluit RB2024/0123 van 12 maart',
    'Key2Financiën 2024 INK F123456 regel 12',
  ])('finds no IBAN in %j', (text) => {
    expect(containsIban(text)).toBe(false);
    expect(personalDataIn(text)).toBeUndefined();
  });

  it('checks mod 97 as ISO 13616 does, with or without spaces, in capitals or not', () => {
    expect(passesIbanCheck('NL91ABNA0417164300')).toBe(true);
    expect(passesIbanCheck('NL91 ABNA 0417 1643 00')).toBe(true);
    expect(passesIbanCheck('nl91abna0417164300')).toBe(true);
    expect(passesIbanCheck('NL19ABNA0417164300')).toBe(false); // check digits swapped
    expect(passesIbanCheck('NL91ABNA041716430')).toBe(false); // a digit short
    expect(passesIbanCheck('NL910417164300')).toBe(false); // ten characters after the check digits: too short
  });

  it('finds an IBAN the mod-97 check passes, for any two capitals and any account of 11 to 30 letters and digits', () => {
    const account = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('')), minLength: 11, maxLength: 30 });
    const country = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')), minLength: 2, maxLength: 2 });
    fc.assert(
      fc.property(country, account, fc.boolean(), (code, bban, paper) => {
        // The check digits that make it pass: 98 minus the remainder with "00" in their place.
        const remainderOf = (text: string) => [...text].reduce((r, c) => (/\d/.test(c) ? (r * 10 + Number(c)) % 97 : (r * 100 + c.charCodeAt(0) - 55) % 97), 0);
        const check = String(98 - remainderOf(`${bban}${code}00`)).padStart(2, '0');
        const iban = `${code}${check}${bban}`;
        const written = paper ? iban.replace(/(.{4})(?=.)/g, '$1 ') : iban;
        expect(passesIbanCheck(iban)).toBe(true);
        expect(containsIban(`rekening ${written} t.n.v. de stichting`)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('names the field and the kind, never the value', () => {
    expect(findPersonalData({ name: 'Stichting', sourceReference: 'mail jan.devries@gmail.com' })).toEqual({ path: 'sourceReference', kind: 'email' });
    expect(findPersonalData({ lines: ['ok', 'IBAN NL91 ABNA 0417 1643 00'] })).toEqual({ path: 'lines.1', kind: 'iban' });
    expect(findPersonalData({ note: 'bsn 123456782' })).toEqual({ path: 'note', kind: 'bsn' });
    expect(checkText('mail jan.devries@gmail.com', 'reason')).toEqual({ code: 'personal-data', detail: 'reason holds an e-mail address', field: 'reason' });
    expect(checkText('IBAN NL91 ABNA 0417 1643 00', 'reason')).toEqual({ code: 'personal-data', detail: 'reason holds an IBAN', field: 'reason' });
  });
});

describe('accountability', () => {
  it('holds an expense to the owner of the budget it is charged to', () => {
    expect(accountabilityOf({ type: 'CommitExpense', budgetId: 'heerlen-2024', payeePartyId: 'uitzendbureau' })).toEqual({ kind: 'budget', budgetId: 'heerlen-2024' });
  });

  it('holds a document to the stream of the fact it supports, also when it is reversed later', () => {
    const attach = { type: 'AttachDocument', supportsStreamId: 'purchase-reha-2024', supportsEventId: 'e' };
    expect(accountabilityOf(attach)).toEqual({ kind: 'stream', streamId: 'purchase-reha-2024' });
    expect(accountabilityOf({ type: 'ReverseEntry' }, { supportsStreamId: 'purchase-reha-2024' })).toEqual({ kind: 'stream', streamId: 'purchase-reha-2024' });
  });

  it("holds a finding's reviews, and anything on their stream, to the reviewers", () => {
    expect(accountabilityOf({ type: 'ReviewFinding', findingId: 'budget-overrun:budget:x' })).toEqual({ kind: 'reviewers' });
    expect(accountabilityOf({ type: 'ReverseEntry' }, { findingId: 'budget-overrun:budget:x', reviewId: 'r' })).toEqual({ kind: 'reviewers' });
  });
});

describe('checkText', () => {
  it('refuses half a surrogate pair (a character cut in two, which no UTF-8 can hold), and keeps a whole one', () => {
    expect(checkText('Lunch 😀', 'description')).toBeUndefined();
    expect(checkText(`Lunch ${'😀'.slice(0, 1)}`, 'description')).toMatchObject({ code: 'invalid-value', detail: expect.stringContaining('half a surrogate pair') });
    expect(checkText(`${'😀'.slice(1)} Lunch`, 'description')).toMatchObject({ code: 'invalid-value' });
  });
});
