import { PassThrough } from 'node:stream';
import { csvCell, csvField, csvRecord } from './csv';
import { column, stampRows, type ExportTable } from './table';
import { UTF8_BOM, writeCsv } from './write-csv';

describe('CSV for Dutch Excel', () => {
  it('separates fields with a semicolon, writes null as an empty field, and ends each record with CRLF', () => {
    expect(csvRecord(['pilot', 28, '150000,00', null])).toBe('pilot;28;150000,00;\r\n');
    expect(csvRecord([])).toBe('\r\n');
  });

  it('quotes a field holding a semicolon, a quote, CR or LF, and doubles the quotes inside', () => {
    expect(csvField('Heerlen; Kerkrade')).toBe('"Heerlen; Kerkrade"');
    expect(csvField('de "pilot"')).toBe('"de ""pilot"""');
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('carriage\rreturn')).toBe('"carriage\rreturn"');
  });

  it('leaves commas, spaces and non-ASCII text unquoted: the comma is a decimal sign here, not a separator', () => {
    expect(csvField('Heerlen, Kerkrade')).toBe('Heerlen, Kerkrade');
    expect(csvField('één — € twee')).toBe('één — € twee');
    expect(csvField('5357,14')).toBe('5357,14');
  });

  it('writes amounts and percentages with a decimal comma, from their strings, never through a float', () => {
    expect(csvCell('150000.00', 'money')).toBe('150000,00');
    expect(csvCell('-6000.50', 'money')).toBe('-6000,50');
    expect(csvCell('90071992547409.93', 'money')).toBe('90071992547409,93');
    expect(csvCell('44.39', 'percent')).toBe('44,39');
    expect(csvCell(28, 'integer')).toBe(28);
    expect(csvCell(null, 'money')).toBeNull();
    expect(() => csvCell('12.5', 'money')).toThrow('not a two-decimal amount');
  });

  it('writes a figure column as what each figure is: an amount with a decimal comma (a negative one unguarded), a count as it is, a word as text', () => {
    expect(csvCell('-12000.00', 'figure')).toBe('-12000,00');
    expect(csvCell('13.87', 'figure')).toBe('13,87');
    expect(csvCell(3, 'figure')).toBe(3);
    expect(csvCell('above', 'figure')).toBe('above');
    expect(csvCell('=1+1', 'figure')).toBe(`'=1+1`);
    expect(csvCell(null, 'figure')).toBeNull();
  });

  it('keeps free text from running as a formula, and leaves negative amounts alone', () => {
    expect(csvCell('=HYPERLINK("http://x")', 'text')).toBe(`'=HYPERLINK("http://x")`);
    expect(csvCell('@SUM(A1)', 'text')).toBe(`'@SUM(A1)`);
    expect(csvCell('-5.10', 'money')).toBe('-5,10');
    expect(csvCell('Gemeente Heerlen', 'text')).toBe('Gemeente Heerlen');
  });

  it('round-trips through a strict reader', () => {
    const cells = ['a;b', 'say "hi"', 'x\r\ny', '', 'plain, with a comma'];
    expect(parseRecord(csvRecord(cells))).toEqual(cells);
  });

  it('writes the byte order mark, the header, the table, then the stamp after a blank record', async () => {
    const table: ExportTable = {
      what: 'programme-cost',
      id: 'pilot',
      on: '2024-06-30',
      journal: { position: 38, treeSize: 38, rootHash: 'ab'.repeat(32), recordedAt: '2026-01-01T00:00:00.000Z' },
      columns: [column('programma-id'), column('bedrag (EUR)', 'money')],
      rows: (async function* () {
        yield ['pilot', '150000.00'];
      })(),
    };
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    await writeCsv(table, out);
    const text = chunks.join('');
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    const records = text.slice(1).split('\r\n');
    expect(records.slice(0, 3)).toEqual(['programma-id;bedrag (EUR)', 'pilot;150000,00', '']);
    expect(records.slice(3)).toEqual([
      'Geldstroom-export;programme-cost;pilot',
      'Stand per (ingangsdatum);2024-06-30',
      'Zoals bekend op;nu',
      'Journaalpositie;38',
      'Boomgrootte;38',
      `Boomhoofd (RFC 6962);${'ab'.repeat(32)}`,
      '',
    ]);
  });

  it('starts the stamp with a warning naming what failed its verify: the journal, the read models, or both', () => {
    const table: ExportTable = {
      what: 'journal',
      journal: { position: 38, treeSize: 38, rootHash: 'ab'.repeat(32), recordedAt: null },
      columns: [],
      rows: (async function* () {})(),
    };
    const warningOf = (t: ExportTable) => (stampRows(t)[0][0] === 'Waarschuwing' ? stampRows(t)[0][1] : undefined);
    expect(warningOf(table)).toBeUndefined();
    expect(warningOf({ ...table, readModels: 'verified' })).toBeUndefined();
    expect(warningOf({ ...table, readModels: 'do-not-match-journal' })).toMatch(/^LET OP: de leesmodellen komen NIET overeen met het journaal/);
    const journal = warningOf({ ...table, readModels: 'verified', journalFailure: { kind: 'chain-broken', position: 22 } });
    expect(journal).toMatch(/^LET OP: het journaal doorstaat de controle NIET \(chain-broken op positie 22\), /);
    expect(journal).not.toContain('leesmodellen');
    expect(warningOf({ ...table, journalFailure: { kind: 'verify-aborted' } })).toMatch(/^LET OP: het journaal doorstaat de controle NIET \(verify-aborted\), /);
    const both = warningOf({ ...table, readModels: 'do-not-match-journal', journalFailure: { kind: 'hash-mismatch', position: 3 } });
    expect(both).toMatch(/^LET OP: het journaal doorstaat de controle NIET \(hash-mismatch op positie 3\) en de leesmodellen komen NIET overeen met het journaal/);
  });
});

/** A strict reader for one `;`-separated record, to check the writer against. */
function parseRecord(text: string): string[] {
  expect(text.endsWith('\r\n')).toBe(true);
  const body = text.slice(0, -2);
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (body[i] === '"') {
      i += 1;
      while (!(body[i] === '"' && body[i + 1] !== '"')) {
        field += body[i];
        i += body[i] === '"' ? 2 : 1;
      }
      i += 1;
    } else {
      while (i < body.length && body[i] !== ';') field += body[i++];
    }
    fields.push(field);
    if (i >= body.length) return fields;
    expect(body[i]).toBe(';');
    i += 1;
  }
}
