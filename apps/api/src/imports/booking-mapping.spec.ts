import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstMatch, MappingError, parseMapping, referencesOf } from './booking-mapping';

const EXAMPLES = join(__dirname, '../../../../config/booking-mappings');

const minimal = (extra = '') => `
system: unit4
columns: { date: Trans date, account: Account, amount: Amount, document: Voucher no, line: Sequence no }
budgets:
  - budget: b-2024
lines:
  - as: expense
    kind: operating
${extra}`;

function problemsOf(text: string): readonly string[] {
  try {
    parseMapping(text);
  } catch (error) {
    if (error instanceof MappingError) return error.problems;
    throw error;
  }
  throw new Error('the mapping was taken');
}

describe('parseMapping', () => {
  it('reads the examples shipped in config/booking-mappings', () => {
    const key2 = parseMapping(readFileSync(join(EXAMPLES, 'key2financien.example.yaml'), 'utf8'));
    expect(key2.system).toBe('key2');
    expect(key2.columns).toMatchObject({ debit: 'Bedrag debet', credit: 'Bedrag credit', order: 'Verplichtingnummer' });
    expect(key2.naturalPersons).toEqual({ party: 'voorbeeld-particulieren', creditors: ['300001', '300002'] });
    expect(key2.lines.map((r) => r.as)).toEqual(['commitment', 'invoice', 'payment', 'income', 'expense', 'expense']);
    const exact = parseMapping(readFileSync(join(EXAMPLES, 'exact-online.example.yaml'), 'utf8'));
    expect(exact.format).toEqual({ delimiter: ';', decimalSeparator: ',', encoding: 'utf-8', finalLineBreak: true });
    expect(exact.otherCreditors).toBe('voorbeeld-overige-crediteuren');
  });

  it('takes defaults for a Dutch CSV: ";" and decimal commas, the encoding detected, a line break after the last line', () => {
    expect(parseMapping(minimal()).format).toEqual({ delimiter: ';', decimalSeparator: ',', encoding: 'auto', finalLineBreak: true });
  });

  it('lists every problem at once, not only the first', () => {
    const problems = problemsOf(`
system: Unit 4
format: { decimalSeparator: ";" , encoding: latin9, finalLineBreak: "no" }
columns: { account: Account, amount: Amount, debit: Debet, line: Regel, spare: X }
budgets: []
lines:
  - as: expense
  - as: refund
    kind: personnel
creditors: { "100": Not An Id }
`);
    expect(problems).toEqual([
      expect.stringMatching(/^system must be 1 to 12 lower-case letters/),
      'format.decimalSeparator must be "," or "."',
      'format.encoding must be one of auto, utf-8, windows-1252',
      'format.finalLineBreak must be true or false',
      expect.stringMatching(/^columns has unknown key spare/),
      'columns.date must name the column of the booking date',
      'columns must name either amount (signed, debit positive) or both debit and credit',
      'columns.line is a line of a document: name columns.document too',
      'budgets must be a list of at least one rule',
      expect.stringMatching(/^creditors.100 must be a ledger id/),
      expect.stringMatching(/^lines\[0\].kind must be one of personnel, hired-staff/),
      'lines[1].as must be one of commitment, invoice, payment, expense, income',
      'lines[1].kind is for a commitment or an expense, not a refund',
    ]);
  });

  it('refuses what is not YAML, saying where', () => {
    expect(problemsOf('system: [unclosed\ncolumns: x')[0]).toMatch(/^it is not YAML at line \d/);
  });

  it('keeps an income rule’s funder and regulation, and refuses a regulation without a funder', () => {
    const mapping = parseMapping(minimal('  - as: income\n    funder: rijk-szw\n    regulationCode: SZW/G2\n'));
    expect(mapping.lines[1]).toEqual({ as: 'income', funder: 'rijk-szw', regulationCode: 'SZW/G2', when: {} });
    expect(problemsOf(minimal('  - as: income\n    regulationCode: SZW/G2\n'))).toEqual(['lines[1].regulationCode needs a funder: an outside funder pays under a regulation']);
  });

  it('names every budget, allocation line, party and programme it refers to, to be checked in the ledger', () => {
    const mapping = parseMapping(`
system: afas
columns: { date: Datum, account: Rekening, amount: Bedrag }
budgets:
  - { budget: b-2024, line: l1, when: { costCentre: "100*" } }
  - { budget: b-2024, line: l2, programme: pilot-2024 }
  - { budget: c-2024 }
creditors: { "1": supplier-a }
naturalPersons: { party: persons, creditors: ["9"] }
otherCreditors: others
lines:
  - { as: income, funder: rijk }
  - { as: expense, kind: operating }
`);
    expect(referencesOf(mapping)).toEqual({
      budgets: new Map([['b-2024', ['l1', 'l2']], ['c-2024', []]]),
      parties: ['others', 'persons', 'rijk', 'supplier-a'],
      programmes: ['pilot-2024'],
    });
  });
});

describe('firstMatch', () => {
  const rules = [
    { name: 'one', when: { account: ['4343*'], costCentre: ['6.4.01'] } },
    { name: 'two', when: { account: ['43*', '44*'] } },
    { name: 'rest', when: {} },
  ];

  it('takes the first rule whose every condition holds; * matches any ending', () => {
    expect(firstMatch(rules, { account: '4343100', costCentre: '6.4.01' })?.name).toBe('one');
    expect(firstMatch(rules, { account: '4343100', costCentre: '6.4.02' })?.name).toBe('two');
    expect(firstMatch(rules, { account: '4410' })?.name).toBe('two');
    expect(firstMatch(rules, { account: '4000' })?.name).toBe('rest');
    expect(firstMatch(rules.slice(0, 2), { account: '4000' })).toBeUndefined();
  });
});
