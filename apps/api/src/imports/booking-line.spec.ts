import { parseMapping } from './booking-mapping';
import { readCents, readDate, readLine, type CellValue } from './booking-line';
import { idOf, LineIdentity, planLine, type KnownBudget } from './booking-plan';
import { firstInvalidUtf8 } from './booking-source';

const MAPPING = parseMapping(`
system: key2
columns:
  fiscalYear: Boekjaar
  journal: Dagboek
  document: Boekstuk
  line: Regel
  date: Boekdatum
  account: Grootboek
  costCentre: Kostenplaats
  creditor: Crediteur
  description: Omschrijving
  debit: Debet
  credit: Credit
  order: Order
budgets:
  - { budget: b-2024, line: trajecten, when: { account: "4343*" } }
  - { budget: b-2024 }
creditors: { "200134": reha }
naturalPersons: { party: particulieren, creditors: ["300001"] }
lines:
  - { as: commitment, kind: hired-staff, when: { journal: VPL } }
  - { as: invoice, when: { journal: INK, order: "V*" } }
  - { as: income, funder: rijk, regulationCode: SZW/G2, when: { account: "8*" } }
  - { as: expense, kind: wage-cost-subsidy, when: { account: "4420*" } }
  - { as: expense, kind: operating }
`);
const BUDGETS = new Map<string, KnownBudget>([['b-2024', { ownerPartyId: 'gemeente' }]]);

function raw(cells: Record<string, CellValue>, lineNumber = 7) {
  const base: Record<string, CellValue> = {
    Boekjaar: '2024', Dagboek: 'INK', Boekstuk: 'F-1', Regel: '2', Boekdatum: '05-03-2024', Grootboek: '4380', Kostenplaats: '6.4',
    Crediteur: '200134', Omschrijving: 'Workshop', Debet: '1.234,56', Credit: '', Order: '',
  };
  return { lineNumber, cells: new Map(Object.entries({ ...base, ...cells })) };
}

function plan(cells: Record<string, CellValue>) {
  const reading = readLine(MAPPING, raw(cells));
  if (!reading.ok) throw new Error(reading.reason);
  return planLine(MAPPING, BUDGETS, reading.line, new LineIdentity(MAPPING).keyOf(reading.line));
}

describe('readCents', () => {
  it.each([
    ['1.234,56', 123_456],
    ['1234,5', 123_450],
    ['-1.234,56', -123_456],
    ['1.234,56-', -123_456],
    ['(12,00)', -1_200],
    ['€ 1.000.000,00', 100_000_000],
    ['0,00', 0],
    ['7', 700],
  ])('reads %s as %i cents', (text, cents) => {
    expect(readCents(text, 'Bedrag', ',')).toEqual({ ok: true, cents });
  });

  it('reads a decimal point where the mapping says so, and a spreadsheet number to the cent', () => {
    expect(readCents('1,234.56', 'Amount', '.')).toEqual({ ok: true, cents: 123_456 });
    expect(readCents(1234.56, 'Amount', '.')).toEqual({ ok: true, cents: 123_456 });
    expect(readCents(0.1 + 0.2, 'Amount', '.')).toEqual({ ok: true, cents: 30 });
  });

  it.each(['12,345', '1.23,45', '12.5', 'abc', '1,2,3', '--5', '(12,00', '12,00)', '-(12,00)'])('refuses %s rather than guess', (text) => {
    expect(readCents(text, 'Bedrag', ',')).toMatchObject({ ok: false, reason: expect.stringContaining('Bedrag') });
  });

  it('refuses a spreadsheet number with more than two decimals, and an empty amount unless a debit/credit half', () => {
    expect(readCents(12.345, 'Amount', '.').ok).toBe(false);
    expect(readCents('', 'Bedrag', ',').ok).toBe(false);
    expect(readCents('', 'Credit', ',', { emptyIsZero: true })).toEqual({ ok: true, cents: 0 });
  });
});

describe('readDate', () => {
  it.each([
    ['05-03-2024', '2024-03-05'],
    ['5-3-2024', '2024-03-05'],
    ['05/03/2024', '2024-03-05'],
    ['2024-03-05', '2024-03-05'],
    ['2024-03-05 00:00:00', '2024-03-05'],
    ['20240305', '2024-03-05'],
    [new Date('2024-03-05T00:00:00Z'), '2024-03-05'],
  ])('reads %s', (value, date) => {
    expect(readDate(value)).toBe(date);
  });

  it.each(['31-02-2024', '03-05-24', '2024-13-01', 'maart', ''])('refuses %s', (value) => {
    expect(readDate(value)).toBeUndefined();
  });
});

describe('readLine', () => {
  it('reads the mapped columns; debit less credit is the signed amount', () => {
    const reading = readLine(MAPPING, raw({ Debet: '', Credit: '50,00' }));
    expect(reading).toEqual({
      ok: true,
      line: expect.objectContaining({ lineNumber: 7, fiscalYear: 2024, date: '2024-03-05', journal: 'INK', document: 'F-1', line: '2', account: '4380', amountCents: -5_000 }),
    });
  });

  it('refuses a line with both a debit and a credit as ambiguous, naming both columns, rather than net them', () => {
    expect(readLine(MAPPING, raw({ Debet: '100,00', Credit: '50,00' }))).toEqual({
      ok: false,
      reason: 'Debet "100,00" and Credit "50,00" both hold an amount: a line is a debit or a credit, so it is ambiguous (not netted)',
    });
    expect(readLine(MAPPING, raw({ Debet: 100, Credit: 50 }))).toMatchObject({ ok: false, reason: expect.stringMatching(/^Debet "100" and Credit "50" both hold an amount/) });
    // A zero the system writes in the column not used is no amount of its own.
    expect(readLine(MAPPING, raw({ Debet: '100,00', Credit: '0,00' }))).toMatchObject({ ok: true, line: { amountCents: 10_000 } });
    expect(readLine(MAPPING, raw({ Debet: '0,00', Credit: '50,00' }))).toMatchObject({ ok: true, line: { amountCents: -5_000 } });
  });

  it('refuses a line whose debit and credit are both empty as one without an amount', () => {
    expect(readLine(MAPPING, raw({ Debet: '', Credit: '' }))).toEqual({ ok: false, reason: 'Debet and Credit are both empty: the line has no amount' });
    expect(readLine(MAPPING, raw({ Debet: null, Credit: undefined }))).toMatchObject({ ok: false, reason: expect.stringContaining('the line has no amount') });
  });

  it('says what is wrong with a line in the words of its column', () => {
    expect(readLine(MAPPING, raw({ Boekdatum: '31-02-2024' }))).toEqual({ ok: false, reason: 'Boekdatum "31-02-2024" is not a date (DD-MM-YYYY, YYYY-MM-DD or YYYYMMDD)' });
    expect(readLine(MAPPING, raw({ Grootboek: '' }))).toMatchObject({ ok: false, reason: expect.stringMatching(/^Grootboek is empty/) });
    expect(readLine(MAPPING, raw({ Regel: '' }))).toMatchObject({ ok: false, reason: expect.stringMatching(/identify a line/) });
    expect(readLine(MAPPING, raw({ Boekjaar: '24' }))).toMatchObject({ ok: false, reason: 'Boekjaar "24" is not a year' });
  });
});

describe('a reason quoting a value of the line', () => {
  const reasonOf = (cells: Record<string, CellValue>) => {
    const reading = readLine(MAPPING, raw(cells));
    if (!reading.ok) return reading.reason;
    const planning = planLine(MAPPING, BUDGETS, reading.line, new LineIdentity(MAPPING).keyOf(reading.line));
    return planning.ok ? undefined : planning.reason;
  };

  it.each([
    [{ Boekdatum: 'jan.jansen@example.nl' }, 'jan.jansen@example.nl', 'Boekdatum (a value holding an e-mail address, not repeated here) is not a date'],
    [{ Boekjaar: 'NL91ABNA0417164300' }, 'NL91ABNA0417164300', 'Boekjaar (a value holding an IBAN, not repeated here) is not a year'],
    [{ Debet: 'jan@example.nl' }, 'jan@example.nl', 'Debet (a value holding an e-mail address, not repeated here) is not an amount'],
    [{ Debet: '(111222333' }, '111222333', 'Debet (a value holding a number that passes the BSN elfproef, not repeated here) is not an amount'],
    [{ Crediteur: '111222333' }, '111222333', 'creditor (a value holding a number that passes the BSN elfproef, not repeated here) is not in the mapping'],
    [{ Crediteur: 'NL91ABNA0417164300' }, 'NL91ABNA0417164300', 'creditor (a value holding an IBAN, not repeated here) is not in the mapping'],
    // Cut to the characters a reason quotes, ten digits would be nine that pass the elfproef.
    [{ Boekdatum: `${'x'.repeat(31)}1112223334` }, '111222333', 'Boekdatum (a value holding a number that passes the BSN elfproef, not repeated here)'],
  ])('never repeats personal data: %p', (cells, value, reason) => {
    const said = reasonOf(cells);
    expect(said).toContain(reason);
    expect(said).not.toContain(value);
  });

  it("never repeats a natural person's creditor number, in whichever cell it is", () => {
    expect(reasonOf({ Boekdatum: '300001' })).toBe("Boekdatum (a natural person's creditor number, not repeated here) is not a date (DD-MM-YYYY, YYYY-MM-DD or YYYYMMDD)");
    expect(reasonOf({ Debet: 'nr 300001' })).toContain("Debet (a natural person's creditor number, not repeated here) is not an amount");
  });

  it('never repeats personal data in the codes a rule is looked for by', () => {
    const narrow = parseMapping(`
system: key2
columns: { journal: Dagboek, date: Boekdatum, account: Grootboek, costCentre: Kostenplaats, amount: Bedrag }
budgets: [{ budget: b-2024, when: { costCentre: "6.4*" } }]
lines: [{ as: expense, kind: operating, when: { journal: MEM } }]
`);
    const reasonIn = (cells: Record<string, string>) => {
      const reading = readLine(narrow, { lineNumber: 2, cells: new Map(Object.entries({ Dagboek: 'MEM', Boekdatum: '01-03-2024', Grootboek: '4380', Kostenplaats: '6.4', Bedrag: '10,00', ...cells })) });
      const planning = reading.ok && planLine(narrow, BUDGETS, reading.line, new LineIdentity(narrow).keyOf(reading.line));
      return planning && !planning.ok ? planning.reason : undefined;
    };
    expect(reasonIn({ Dagboek: 'jan@example.nl' })).toBe('no rule in lines says what a line of journal (a value holding an e-mail address, not repeated here) on account "4380" is');
    expect(reasonIn({ Kostenplaats: 'jan@example.nl' })).toBe('no rule in budgets names the budget of account "4380", cost centre (a value holding an e-mail address, not repeated here)');
    expect(reasonIn({ Grootboek: '111222333', Kostenplaats: '' })).toBe('no rule in budgets names the budget of account (a value holding a number that passes the BSN elfproef, not repeated here)');
  });

  it('quotes any other value, cut to 40 characters', () => {
    expect(reasonOf({ Boekdatum: 'maart' })).toBe('Boekdatum "maart" is not a date (DD-MM-YYYY, YYYY-MM-DD or YYYYMMDD)');
    expect(reasonOf({ Boekdatum: 'y'.repeat(50) })).toContain(`Boekdatum "${'y'.repeat(40)}…" is not a date`);
  });
});

describe('planLine', () => {
  it('books a cost without an order as an expense of its own, paid as booked, its id from the natural key', () => {
    const result = plan({});
    const id = idOf('key2', 'b', ['key2', 2024, 'INK', 'F-1', '2'].join('\u001f'));
    expect(result).toEqual({
      ok: true,
      plan: expect.objectContaining({ role: 'expense', streamId: `expense-${id}`, idempotencyKey: `BookExpense:${id}`, sourceReference: 'key2 2024 INK F-1 regel 2', partyId: 'reha', month: '2024-03' }),
    });
    expect(result.ok && result.plan.command).toEqual({
      type: 'BookExpense', expenseId: id, bookingId: id, kind: 'operating', budgetId: 'b-2024', payeePartyId: 'reha', description: 'Workshop', amountCents: 123_456, effectiveDate: '2024-03-05',
    });
  });

  it('commits a purchase order and invoices on it, both on the order’s expense, the line from the account', () => {
    const order = plan({ Dagboek: 'VPL', Grootboek: '4343100', Order: 'V-9' });
    const invoice = plan({ Dagboek: 'INK', Grootboek: '4343100', Order: 'V-9', Boekstuk: 'F-2' });
    expect(order.ok && invoice.ok && order.plan.streamId === invoice.plan.streamId).toBe(true);
    expect(order.ok && order.plan.command).toMatchObject({ type: 'CommitExpense', kind: 'hired-staff', budgetLineId: 'trajecten', payeePartyId: 'reha' });
    expect(invoice.ok && invoice.plan).toMatchObject({ mustExist: true, command: { type: 'InvoiceExpense', amountCents: 123_456 } });
  });

  it('records an income as funding from the rule’s funder, under its regulation', () => {
    const income = plan({ Grootboek: '8100', Debet: '', Credit: '50.000,00', Crediteur: '' });
    expect(income.ok && income.plan).toMatchObject({
      streamId: 'budget-b-2024',
      partyId: 'rijk',
      command: { type: 'FundBudget', source: 'outside-funder', funderPartyId: 'rijk', regulationCode: 'SZW/G2', amountCents: 5_000_000 },
    });
  });

  it('counts a wage-cost subsidy per month, and pays a line without creditor to the budget’s owner', () => {
    const subsidy = plan({ Grootboek: '4420', Crediteur: '', Boekdatum: '15-02-2024' });
    expect(subsidy.ok && subsidy.plan.command).toMatchObject({ kind: 'wage-cost-subsidy', payeePartyId: 'gemeente', period: { from: '2024-02-01', to: '2024-02-29' } });
  });

  it('records a natural person under the one party for them all, without the line’s text', () => {
    const person = plan({ Crediteur: '300001', Omschrijving: 'Vergoeding J. Jansen' });
    expect(person.ok && person.plan.command).toMatchObject({ payeePartyId: 'particulieren', description: 'Boeking op grootboekrekening 4380 aan een natuurlijk persoon' });
  });

  it.each([
    [{ Debet: '', Credit: '10,00' }, /credit on a cost line is a correction/],
    [{ Debet: '0,00' }, /amount is zero/],
    [{ Crediteur: '555' }, /creditor "555" is not in the mapping/],
    [{ Omschrijving: 'Factuur 123456782' }, /BSN elfproef/],
    [{ Omschrijving: 'Factuur per mail van jan.devries@gmail.com' }, /^Omschrijving holds an e-mail address: /],
    [{ Omschrijving: 'Betaald op NL91 ABNA 0417 1643 00' }, /^Omschrijving holds an IBAN: /],
    [{ Dagboek: 'INK', Order: '' , Grootboek: '4343100' }, null],
  ])('refuses %p with its reason', (cells, reason) => {
    const result = plan(cells);
    if (reason === null) expect(result.ok).toBe(true);
    else expect(result).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });

  it('keeps the first 500 characters of a longer description rather than refuse the money, and refuses a document number that long', () => {
    const result = plan({ Omschrijving: `Inhuur ${'x'.repeat(600)}` });
    expect(result.ok && (result.plan.command as { description: string }).description).toHaveLength(500);
    expect(readLine(MAPPING, raw({ Boekstuk: 'F'.repeat(501) }))).toMatchObject({ ok: false, reason: expect.stringContaining('more than 500') });
  });

  it('cites the line by an id when its numbers could be read as a BSN', () => {
    const result = plan({ Boekstuk: '123456782' });
    expect(result.ok && result.plan.sourceReference).toMatch(/^key2 boekingsregel key2-b-[0-9a-f]{24}$/);
  });
});

describe('LineIdentity', () => {
  const noLineNumbers = parseMapping(`
system: exact
columns: { date: Datum, account: Rekening, amount: Bedrag, document: Boekstuk, description: Omschrijving }
budgets: [{ budget: b-2024 }]
lines: [{ as: expense, kind: operating }]
`);
  const read = (document: string, amount = '10,00') => {
    const reading = readLine(noLineNumbers, { lineNumber: 1, cells: new Map([['Datum', '01-01-2024'], ['Rekening', '4000'], ['Bedrag', amount], ['Boekstuk', document], ['Omschrijving', 'x']]) });
    if (!reading.ok) throw new Error(reading.reason);
    return reading.line;
  };

  it('without line numbers, tells two identical lines of one document apart by their order, and the same again in a later file alike', () => {
    const first = new LineIdentity(noLineNumbers);
    const keys = [first.keyOf(read('D1')), first.keyOf(read('D1')), first.keyOf(read('D2'))];
    expect(new Set(keys).size).toBe(3);
    const again = new LineIdentity(noLineNumbers);
    expect([again.keyOf(read('D1')), again.keyOf(read('D1')), again.keyOf(read('D2'))]).toEqual(keys);
  });

  it("tells them apart when the export does not keep a document's lines together (sorted by date or account)", () => {
    const identity = new LineIdentity(noLineNumbers);
    const keys = [identity.keyOf(read('D1')), identity.keyOf(read('D2')), identity.keyOf(read('D1'))];
    expect(new Set(keys).size).toBe(3);
  });
});

describe('firstInvalidUtf8', () => {
  it('names the first byte that starts no UTF-8 sequence, passing over what a chunk before began', () => {
    expect(firstInvalidUtf8(Buffer.from('Café-overleg', 'latin1'))).toBe(3);
    expect(firstInvalidUtf8(Buffer.concat([Buffer.from('Café 😀 ', 'utf8'), Buffer.from([0xff])]))).toBe(Buffer.byteLength('Café 😀 '));
    // The last two bytes of an emoji begun in the chunk before, then a stray 0x80.
    expect(firstInvalidUtf8(Buffer.concat([Buffer.from('😀', 'utf8').subarray(2), Buffer.from('ab'), Buffer.from([0x80])]))).toBe(4);
  });
});
