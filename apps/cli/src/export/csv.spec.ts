import { csvField, csvRecord, safeCell } from './csv';

describe('CSV (RFC 4180)', () => {
  it('writes plain fields as they are, and null as an empty field', () => {
    expect(csvRecord(['pilot', 28, '150000.00', null])).toBe('pilot,28,150000.00,\r\n');
  });

  it('quotes a field holding a comma, a quote, CR or LF, and doubles the quotes inside', () => {
    expect(csvField('Heerlen, Kerkrade')).toBe('"Heerlen, Kerkrade"');
    expect(csvField('de "pilot"')).toBe('"de ""pilot"""');
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('carriage\rreturn')).toBe('"carriage\rreturn"');
    expect(csvField('"')).toBe('""""');
  });

  it('leaves spaces, semicolons and non-ASCII text unquoted and unchanged', () => {
    expect(csvField(' Balans en Vitaliteit ')).toBe(' Balans en Vitaliteit ');
    expect(csvField('a;b')).toBe('a;b');
    expect(csvField('één — € twee')).toBe('één — € twee');
    expect(csvField('€ 5.357,14')).toBe('"€ 5.357,14"');
  });

  it('ends every record with CRLF, also the empty record', () => {
    expect(csvRecord([])).toBe('\r\n');
    expect(csvRecord(['a', 'b'])).toMatch(/\r\n$/);
  });

  it('round-trips through a strict reader', () => {
    const cells = ['a,b', 'say "hi"', 'x\r\ny', '', 'plain'];
    expect(parseRecord(csvRecord(cells))).toEqual(cells);
  });

  it('keeps free text from running as a formula, and leaves negative amounts alone', () => {
    expect(safeCell('=HYPERLINK("http://x")', 'text')).toBe(`'=HYPERLINK("http://x")`);
    expect(safeCell('@SUM(A1)', 'text')).toBe(`'@SUM(A1)`);
    expect(safeCell('-5.10', 'money')).toBe('-5.10');
    expect(safeCell('Gemeente Heerlen', 'text')).toBe('Gemeente Heerlen');
    expect(safeCell(28, 'integer')).toBe(28);
  });
});

/** A strict RFC 4180 reader for one record, to check the writer against. */
function parseRecord(text: string): string[] {
  expect(text.endsWith('\r\n')).toBe(true);
  const body = text.slice(0, -2);
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (body[i] === '"') {
      i += 1;
      for (;;) {
        if (body[i] === '"' && body[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (body[i] === '"') {
          i += 1;
          break;
        } else {
          field += body[i];
          i += 1;
        }
      }
    } else {
      while (i < body.length && body[i] !== ',') field += body[i++];
    }
    fields.push(field);
    if (i >= body.length) return fields;
    expect(body[i]).toBe(',');
    i += 1;
  }
}
