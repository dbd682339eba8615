// The encoding a CSV export is read in, decided once over the whole file before any line is read.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { parseMapping, type Encoding } from './booking-mapping';
import { FileRefusedError, inspectFile } from './booking-source';

const MAPPING = parseMapping(`
system: test
columns: { document: Boekstuk, date: Boekdatum, account: Rekening, description: Omschrijving, amount: Bedrag }
budgets: [{ budget: b-2024 }]
lines: [{ as: expense, kind: operating }]
`);
const HEADER = Buffer.from('Boekstuk;Boekdatum;Rekening;Omschrijving;Bedrag\r\n');
const windows1252 = (text: string) => iconv.encode(text, 'win1252');
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('the encoding of a CSV export', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'geldstroom-source-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const inspect = (bytes: Buffer, declared: Encoding = 'auto') => {
    const path = join(dir, 'mutaties.csv');
    writeFileSync(path, bytes);
    return inspectFile(path, MAPPING, declared);
  };

  it('is UTF-8 when the file is valid UTF-8, with or without a byte order mark, and Windows-1252 when it holds no UTF-8 at all', async () => {
    const line = 'F1;01-03-2024;4380;Coöperatie € 5;10,00\r\n';
    expect((await inspect(Buffer.concat([HEADER, utf8(line)]))).encoding).toBe('utf-8');
    expect((await inspect(Buffer.concat([BOM, HEADER, utf8(line)]))).encoding).toBe('utf-8');
    expect((await inspect(Buffer.concat([HEADER, windows1252(line), windows1252('F2;01-03-2024;4380;Café-overleg;10,00\r\n')]))).encoding).toBe('windows-1252');
  });

  it.each([
    ['a Windows-1252 line, then a UTF-8 one', [windows1252, utf8], 3, 2],
    ['a UTF-8 line, then a Windows-1252 one', [utf8, windows1252], 2, 3],
  ])('refuses a file of %s, naming both lines, however it is said to be encoded', async (_, [first, second], utf8Line, otherLine) => {
    const bytes = Buffer.concat([HEADER, first('F1;01-03-2024;4380;Coöperatie €;10,00\r\n'), second('F2;01-03-2024;4380;Coöperatie €;10,00\r\n')]);
    for (const declared of ['auto', 'windows-1252'] as const) {
      const refusal = inspect(bytes, declared);
      await expect(refusal).rejects.toThrow(FileRefusedError);
      await expect(refusal).rejects.toThrow(new RegExp(`^the file mixes UTF-8 and Windows-1252: line ${utf8Line} holds UTF-8 \\("ö" at byte \\d+, counted from 0, which Windows-1252 would read as "Ã¶"\\), line ${otherLine} does not`));
    }
  });

  it('refuses a file that starts with UTF-8\'s byte order mark and holds Windows-1252, naming the encoding and the line, not a column "ï»¿Boekstuk"', async () => {
    const refusal = inspect(Buffer.concat([BOM, HEADER, windows1252('F1;01-03-2024;4380;Coöperatie;10,00\r\n')]));
    await expect(refusal).rejects.toThrow(/^the file starts with UTF-8's byte order mark but is not UTF-8: line 2 \(at byte \d+, counted from 0\)/);
  });

  it('finds a UTF-8 sequence cut between two of the chunks the file is read in', async () => {
    // The file is read 64 KiB at a time: the ö's two bytes fall on either side of the first boundary.
    const before = Buffer.concat([HEADER, windows1252('F1;01-03-2024;4380;Coöperatie;10,00\r\nF2;01-03-2024;4380;')]);
    const padding = Buffer.alloc(64 * 1024 - before.length - 1, 'x');
    const refusal = inspect(Buffer.concat([before, padding, utf8('ö;10,00\r\n')]));
    await expect(refusal).rejects.toThrow(/^the file mixes UTF-8 and Windows-1252: line 3 holds UTF-8 \("ö" at byte 65535,/);
  });

  it('takes Windows-1252 whose accented letters are followed by text, or by one symbol where UTF-8 needs two', async () => {
    const text = 'F1;01-03-2024;4380;Één café’s overleg, à € 5 — één;10,00\r\n';
    expect((await inspect(Buffer.concat([HEADER, windows1252(text)]))).encoding).toBe('windows-1252');
  });
});
