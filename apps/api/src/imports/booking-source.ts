// An export file as rows of cells, streamed: CSV as financial systems write it (a `;` between
// fields, UTF-8 with or without BOM, or Windows-1252) and XLSX (its first sheet). Before any line
// is read for the import the whole file is inspected once: its SHA-256 (every imported fact
// names it), its encoding, whether it parses at all, and how many lines it has (the progress bar's
// total). So a file that is not what it says is refused before anything is written.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { parse as parseCsv, type Parser } from 'csv-parse';
import { stream as excelStream, type CellValue as ExcelCell } from 'exceljs';
import iconv from 'iconv-lite';
import type { BookingMapping, Encoding } from './booking-mapping';
import type { CellValue, RawLine } from './booking-line';

export type FileFormat = 'csv' | 'xlsx';

export interface InspectedFile {
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly format: FileFormat;
  /** How the text is decoded; null for XLSX, whose text is UTF-8 by definition. */
  readonly encoding: 'utf-8' | 'windows-1252' | null;
  /** Data lines (records after the header). */
  readonly lineCount: number;
  /**
   * A CSV whose last line has no line break after it, as every other has: a file cut off (a copy
   * that stopped, a download broken off) ends so, in the middle of a line.
   */
  readonly endsInsideALine: boolean;
}

/** A line the parser could not read into fields: refused with the reason, like any other. */
export interface UnreadableLine {
  readonly lineNumber: number;
  readonly error: string;
}

export type SourceRow = RawLine | UnreadableLine;

/** The file as a whole cannot be imported: nothing is written. */
export class FileRefusedError extends Error {}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** A line longer than this is no booking line: the parser stops rather than buffer it. */
const RECORD_BYTES_MAX = 64 * 1024;

export async function inspectFile(path: string, mapping: BookingMapping, declared: Encoding = mapping.format.encoding): Promise<InspectedFile> {
  const format = (await startsWithZip(path)) ? 'xlsx' : 'csv';
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const utf8 = new Utf8Check();
  const ending = new LastLineCheck(mapping.format.delimiter);
  const counted = format === 'csv' ? countCsvLines(path, mapping, (chunk) => {
    hash.update(chunk);
    sizeBytes += chunk.length;
    utf8.add(chunk);
    ending.add(chunk);
  }) : countXlsxRows(path, (chunk) => {
    hash.update(chunk);
    sizeBytes += chunk.length;
  });
  const lineCount = await counted;
  const encoding = format === 'xlsx' ? null : chooseEncoding(declared, utf8);
  return { sha256: hash.digest('hex'), sizeBytes, format, encoding, lineCount, endsInsideALine: format === 'csv' && ending.inside };
}

/** Follows whether anything but separators and blanks came after the last line break. */
class LastLineCheck {
  inside = false;
  private readonly separator: number;

  constructor(delimiter: string) {
    this.separator = delimiter.charCodeAt(0);
  }

  add(chunk: Buffer): void {
    const lastBreak = Math.max(chunk.lastIndexOf(0x0a), chunk.lastIndexOf(0x0d));
    const after = chunk.subarray(lastBreak + 1);
    const content = after.some((b) => b !== this.separator && b !== 0x20 && b !== 0x09);
    this.inside = lastBreak >= 0 ? content : this.inside || content;
  }
}

async function startsWithZip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.equals(ZIP_MAGIC);
  } finally {
    await handle.close();
  }
}

/** A place in the file: the byte (counted from 0) and the line it is on (counted from 1, as lines are numbered). */
interface FilePlace {
  readonly byte: number;
  readonly line: number;
}

/** UTF-8's byte order mark, as a file that says it is UTF-8 starts. */
const UTF8_BOM_BYTES = [0xef, 0xbb, 0xbf];

/**
 * Follows whether the bytes are valid UTF-8, whether they hold any beyond ASCII, whether they
 * start with UTF-8's byte order mark, and where the first byte that is no UTF-8 and the first
 * well-formed UTF-8 sequence of 2 to 4 bytes are: a file that is not UTF-8 but holds such a
 * sequence mixes the two encodings.
 */
class Utf8Check {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  valid = true;
  beyondAscii = false;
  hasNul = false;
  startsWithBom = false;
  invalidAt: FilePlace | undefined;
  multiByteAt: (FilePlace & { readonly bytes: Buffer }) | undefined;
  private offset = 0;
  /** The line the next chunk starts on. */
  private line = 1;
  private readonly head: number[] = [];
  private sequence = new Utf8SequenceScan();

  add(chunk: Buffer): void {
    if (!this.hasNul && chunk.includes(0)) this.hasNul = true;
    const high = chunk.some((b) => b >= 0x80);
    if (!this.beyondAscii && high) this.beyondAscii = true;
    for (let i = 0; this.head.length < UTF8_BOM_BYTES.length && i < chunk.length; i += 1) {
      this.head.push(chunk[i]);
      if (this.head.length === UTF8_BOM_BYTES.length) this.startsWithBom = this.head.every((b, k) => b === UTF8_BOM_BYTES[k]);
    }
    if (this.valid) {
      try {
        this.decoder.decode(chunk, { stream: true });
      } catch {
        this.valid = false;
        const at = firstInvalidUtf8(chunk);
        this.invalidAt = { byte: this.offset + at, line: this.line + countLineBreaks(chunk, at) };
      }
    }
    if (!this.multiByteAt) {
      // A chunk of ASCII only ends any sequence begun before it.
      if (high) this.multiByteAt = this.sequence.scan(chunk, this.offset, this.line);
      else this.sequence = new Utf8SequenceScan();
    }
    this.offset += chunk.length;
    this.line += countLineBreaks(chunk, chunk.length);
  }

  finish(): void {
    if (!this.valid) return;
    try {
      this.decoder.decode();
    } catch {
      this.valid = false;
      this.invalidAt = { byte: this.offset, line: this.line };
    }
  }
}

function countLineBreaks(bytes: Uint8Array, end: number): number {
  let count = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < end; i = bytes.indexOf(0x0a, i + 1)) count += 1;
  return count;
}

/**
 * Finds the first well-formed UTF-8 sequence of 2 to 4 bytes (the Unicode Standard's table 3-7:
 * no overlong form, no surrogate, nothing above U+10FFFF), across chunks. Windows-1252 text holds
 * one only where a capital accented letter is followed by a symbol (`É’`), or a small one by two.
 */
class Utf8SequenceScan {
  private bytes: number[] = [];
  private start: FilePlace | undefined;
  private left = 0;
  private low = 0x80;
  private high = 0xbf;

  scan(chunk: Uint8Array, offset: number, firstLine: number): (FilePlace & { readonly bytes: Buffer }) | undefined {
    let line = firstLine;
    for (let i = 0; i < chunk.length; i += 1) {
      const byte = chunk[i];
      if (this.left > 0) {
        if (byte >= this.low && byte <= this.high) {
          this.bytes.push(byte);
          [this.left, this.low, this.high] = [this.left - 1, 0x80, 0xbf];
          if (this.left === 0) return { ...this.start!, bytes: Buffer.from(this.bytes) };
          continue;
        }
        this.left = 0;
      }
      if (byte === 0x0a) line += 1;
      const lead = UTF8_LEADS[byte];
      if (lead) [this.bytes, this.start, this.left, this.low, this.high] = [[byte], { byte: offset + i, line }, ...lead];
    }
    return undefined;
  }
}

/** A lead byte's continuation bytes: how many, and the range of the first (the others are 0x80 to 0xBF). */
const UTF8_LEADS: readonly (readonly [number, number, number] | undefined)[] = Array.from({ length: 0x100 }, (_, b) => {
  if (b >= 0xc2 && b <= 0xdf) return [1, 0x80, 0xbf] as const;
  if (b === 0xe0) return [2, 0xa0, 0xbf] as const;
  if (b === 0xed) return [2, 0x80, 0x9f] as const;
  if (b >= 0xe1 && b <= 0xef) return [2, 0x80, 0xbf] as const;
  if (b === 0xf0) return [3, 0x90, 0xbf] as const;
  if (b >= 0xf1 && b <= 0xf3) return [3, 0x80, 0xbf] as const;
  if (b === 0xf4) return [3, 0x80, 0x8f] as const;
  return undefined;
});

/**
 * Where in a chunk the first byte is that starts no well-formed UTF-8 sequence (0 when none is
 * found: the chunk's start is as near as it gets). Bytes that go on a sequence begun in the chunk
 * before are passed over; a sequence cut at the chunk's end goes on in the next.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < 3 && i < bytes.length && (bytes[i] & 0xc0) === 0x80) i += 1;
  while (i < bytes.length) {
    const lead = bytes[i];
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length && i + k < bytes.length; k += 1) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return 0;
}

/**
 * The encoding to decode with. Valid UTF-8 is UTF-8. A file that starts with UTF-8's byte order
 * mark says it is UTF-8, so it must be valid UTF-8. Anything else is Windows-1252, the code page
 * Dutch Windows writes, unless it holds a well-formed UTF-8 sequence of 2 to 4 bytes: then it mixes
 * the two (a line pasted in from elsewhere), and read as either it would store mojibake ("Ã¶") or
 * be refused line by line. Told UTF-8 for a file that is not, or Windows-1252 for one that holds
 * UTF-8's multi-byte sequences, the import refuses likewise.
 */
function chooseEncoding(declared: Encoding, utf8: Utf8Check): 'utf-8' | 'windows-1252' {
  utf8.finish();
  if (utf8.hasNul) throw new FileRefusedError('the file holds NUL bytes: it is not a text export (UTF-16 is not read: save it as UTF-8 or Windows-1252)');
  const invalid = utf8.invalidAt;
  if (invalid && utf8.startsWithBom) {
    throw new FileRefusedError(`the file starts with UTF-8's byte order mark but is not UTF-8: line ${invalid.line} (at byte ${invalid.byte}, counted from 0) holds a byte that is no UTF-8, as Windows-1252 writes "é": it mixes UTF-8 and Windows-1252; save it again in one encoding`);
  }
  if (declared === 'utf-8' && invalid) {
    throw new FileRefusedError(`the file is not valid UTF-8 (at byte ${invalid.byte}, counted from 0): it looks like Windows-1252; import it with encoding windows-1252 (or auto)`);
  }
  if (declared === 'windows-1252' && utf8.valid && utf8.beyondAscii) {
    throw new FileRefusedError('the file is UTF-8 (it holds UTF-8 sequences that Windows-1252 would read as "Ã©"): import it with encoding utf-8 (or auto)');
  }
  const utf8Sequence = utf8.multiByteAt;
  if (invalid && utf8Sequence) {
    const [character, mojibake] = [utf8Sequence.bytes.toString('utf8'), iconv.decode(utf8Sequence.bytes, 'win1252')];
    throw new FileRefusedError(
      `the file mixes UTF-8 and Windows-1252: line ${utf8Sequence.line} holds UTF-8 ("${character}" at byte ${utf8Sequence.byte}, counted from 0, which Windows-1252 would read as "${mojibake}"), ` +
        `line ${invalid.line} does not (byte ${invalid.byte} is no UTF-8); save it again in one encoding`,
    );
  }
  if (declared !== 'auto') return declared;
  return utf8.valid ? 'utf-8' : 'windows-1252';
}

function csvParser(mapping: BookingMapping, encoding: BufferEncoding | undefined): Parser {
  return parseCsv({
    delimiter: mapping.format.delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    // A quote inside an unquoted field (`Reparatie 3" buis`) is a character of it; a quote that opens
    // a field and never closes still misreads the whole file, and refuses it.
    relax_quotes: true,
    skip_empty_lines: true,
    // A row of separators only (";;;;", as Excel writes a row it once held) is an empty line too.
    skip_records_with_empty_values: true,
    skip_records_with_error: true,
    max_record_size: RECORD_BYTES_MAX,
    ...(encoding ? { encoding } : {}),
  });
}

/** Counts the records once, as the bytes go by; a file that does not parse is refused here. */
async function countCsvLines(path: string, mapping: BookingMapping, onChunk: (chunk: Buffer) => void): Promise<number> {
  const bytes = createReadStream(path);
  bytes.on('data', (chunk) => onChunk(chunk as Buffer));
  // The structure of a CSV (delimiters, quotes, line ends) is ASCII in either encoding: latin1 counts both.
  const parser = bytes.pipe(csvParser(mapping, 'latin1'));
  // A quote that never closes takes every line after it into one field: the whole file is misread.
  let broken: (Error & { lines?: number }) | undefined;
  parser.on('skip', (error: Error & { lines?: number }) => (broken ??= error));
  let records = 0;
  try {
    for await (const _record of parser) records += 1;
  } catch (error) {
    broken ??= error as Error;
  }
  if (broken) throw new FileRefusedError(`the file is not a CSV the mapping describes: ${csvErrorText(broken)}`);
  return Math.max(0, records - 1);
}

function csvErrorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Invalid Record Length: |^Invalid Opening Quote: /, '').slice(0, 300);
}

async function countXlsxRows(path: string, onChunk: (chunk: Buffer) => void): Promise<number> {
  const bytes = createReadStream(path);
  bytes.on('data', (chunk) => onChunk(chunk as Buffer));
  let rows = 0;
  try {
    for await (const sheet of new excelStream.xlsx.WorkbookReader(bytes, { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' })) {
      for await (const _row of sheet) rows += 1;
      break;
    }
  } catch (error) {
    throw new FileRefusedError(`the file is not a readable XLSX workbook: ${(error as Error).message.slice(0, 300)}`);
  } finally {
    bytes.destroy();
  }
  return Math.max(0, rows - 1);
}

/** The rows of the file after its header, and the header first (`headers` is called once). */
export async function* readRows(path: string, file: InspectedFile, mapping: BookingMapping, onHeader: (headers: readonly string[]) => void): AsyncGenerator<SourceRow> {
  if (file.format === 'xlsx') {
    yield* readXlsxRows(path, onHeader);
    return;
  }
  // The last line is held back until the file has ended: it is refused when the file ends inside it.
  let held: SourceRow | undefined;
  for await (const row of readCsvRows(path, file.encoding ?? 'utf-8', mapping, onHeader)) {
    if (held) yield held;
    held = row;
  }
  if (!held) return;
  if (!file.endsInsideALine || !mapping.format.finalLineBreak) yield held;
  else yield { lineNumber: held.lineNumber, error: 'error' in held ? `${CUT_OFF} (${held.error})` : CUT_OFF };
}

const CUT_OFF =
  'the file ends inside this line, with no line break after it as after every other: it looks cut off, so it is not imported ' +
  '(import the whole export again; if this system writes no line break after its last line, say finalLineBreak: false in the mapping\'s format)';

async function* readCsvRows(path: string, encoding: 'utf-8' | 'windows-1252', mapping: BookingMapping, onHeader: (headers: readonly string[]) => void): AsyncGenerator<SourceRow> {
  const bytes: Readable = createReadStream(path);
  const text = encoding === 'windows-1252' ? bytes.pipe(iconv.decodeStream('win1252')) : bytes;
  const parser = text.pipe(csvParser(mapping, encoding === 'utf-8' ? 'utf8' : undefined));
  const skipped: UnreadableLine[] = [];
  parser.on('skip', (error: Error & { lines?: number }) => skipped.push({ lineNumber: error.lines ?? 0, error: csvErrorText(error) }));
  let headers: string[] | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield* skipped.splice(0);
      if (!headers) {
        headers = record.map((h) => h.trim());
        onHeader(headers);
        continue;
      }
      if (record.length !== headers.length) {
        yield { lineNumber: info.lines, error: `the line has ${record.length} fields where the header has ${headers.length}` };
        continue;
      }
      yield { lineNumber: info.lines, cells: new Map(headers.map((h, i) => [h, record[i]])) };
    }
    yield* skipped.splice(0);
  } finally {
    bytes.destroy();
  }
  if (!headers) onHeader([]);
}

async function* readXlsxRows(path: string, onHeader: (headers: readonly string[]) => void): AsyncGenerator<SourceRow> {
  const bytes = createReadStream(path);
  // Styles are read so that a date cell is a date, not the number Excel keeps it as.
  const reader = new excelStream.xlsx.WorkbookReader(bytes, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  let headers: string[] | undefined;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as ExcelCell[]).slice(1);
        // A row whose cells are all empty (once used, then cleared) is an empty line, as in a CSV.
        if (headers && values.every((v) => String(plainCell(v) ?? '').trim() === '')) continue;
        if (!headers) {
          headers = values.map((v) => String(plainCell(v) ?? '').trim());
          onHeader(headers);
          continue;
        }
        yield { lineNumber: row.number, cells: new Map(headers.map((h, i) => [h, plainCell(values[i])])) };
      }
      break;
    }
  } finally {
    bytes.destroy();
  }
  if (!headers) onHeader([]);
}

/** A spreadsheet cell's value, whatever exceljs wraps it in (rich text, a formula's result, a link). */
function plainCell(value: ExcelCell | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return plainCell(value.result as ExcelCell);
    if ('text' in value) return String(value.text);
  }
  return null;
}
