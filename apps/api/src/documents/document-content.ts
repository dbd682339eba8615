// What a source document is, judged by its bytes and not only by what the client says: a PDF,
// PNG or JPEG by its magic number, plain text or CSV by being UTF-8 text. Text is the one kind the
// ledger can read, so it is checked for personal data like any other text it keeps.
import { extname } from 'node:path';
import { describePersonalData, DOCUMENT_CONTENT_TYPES, personalDataIn, type DocumentContentType } from '@geldstroom/ledger';
import { ProblemException } from '@geldstroom/application/problem/problem';

type BinaryType = Exclude<DocumentContentType, 'text/plain' | 'text/csv'>;

const MAGIC: readonly (readonly [BinaryType, Buffer, string])[] = [
  ['application/pdf', Buffer.from('%PDF-', 'latin1'), 'a PDF'],
  ['image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'a PNG image'],
  ['image/jpeg', Buffer.from([0xff, 0xd8, 0xff]), 'a JPEG image'],
];

/** What a client may send when it does not know the type: the bytes then say what it is. */
const UNKNOWN_TYPE = 'application/octet-stream';
/** Text in another encoding than UTF-8 (or its subset ASCII) would be read wrongly later. */
const TEXT_CHARSETS = new Set(['utf-8', 'utf8', 'us-ascii']);
/** Control characters text does not hold: all of C0 but tab, line feed, form feed, carriage return. */
const NOT_TEXT = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

export interface UploadedDocument {
  readonly buffer: Buffer;
  readonly originalname: string;
  readonly mimetype: string;
  readonly size: number;
}

/**
 * The type the ledger records for an upload: the one declared when the bytes are of it, or the
 * one the bytes show when the client declared none. A type the ledger does not keep is a 415; a
 * file that is not what it says, a 422.
 */
export function contentTypeOf(file: UploadedDocument): DocumentContentType {
  const [declared, charset] = parseMediaType(file.mimetype);
  const sniffed = sniff(file.buffer);
  if (declared === UNKNOWN_TYPE) {
    if (sniffed === undefined) throw unsupported(`the file is none of ${DOCUMENT_CONTENT_TYPES.join(', ')}`);
    return sniffed === 'text' ? (extname(file.originalname).toLowerCase() === '.csv' ? 'text/csv' : 'text/plain') : sniffed;
  }
  if (!(DOCUMENT_CONTENT_TYPES as readonly string[]).includes(declared)) {
    throw unsupported(`the ledger keeps ${DOCUMENT_CONTENT_TYPES.join(', ')}, not ${declared || 'a file without a type'}`);
  }
  const type = declared as DocumentContentType;
  if (type === 'text/plain' || type === 'text/csv') {
    if (charset !== undefined && !TEXT_CHARSETS.has(charset)) throw unsupported(`send text in UTF-8, not ${charset}`);
    if (sniffed !== 'text') throw mismatch(`the file says it is ${type}, but it is not UTF-8 text${sniffed ? ` (it is ${describe(sniffed)})` : ''}`);
    return type;
  }
  if (sniffed !== type) throw mismatch(`the file says it is ${describe(type)}, but its bytes are ${sniffed ? describe(sniffed) : `not ${describe(type)}`}`);
  return type;
}

/** Refuses text that holds personal data (a BSN-like number, an e-mail address, an IBAN): the ledger can read it, so it checks it. */
export function checkTextForPersonalData(file: UploadedDocument, contentType: DocumentContentType): void {
  if (contentType !== 'text/plain' && contentType !== 'text/csv') return;
  const personal = personalDataIn(file.buffer.toString('utf8'));
  if (personal) throw new ProblemException('personal-data', `the file holds ${describePersonalData(personal)}`, { field: 'file' });
}

function sniff(bytes: Buffer): BinaryType | 'text' | undefined {
  for (const [type, magic] of MAGIC) if (bytes.subarray(0, magic.length).equals(magic)) return type;
  return isUtf8Text(bytes) ? 'text' : undefined;
}

function isUtf8Text(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !NOT_TEXT.test(text);
}

/** `text/csv; charset=UTF-8` → ['text/csv', 'utf-8']. */
function parseMediaType(mimetype: string): [string, string | undefined] {
  const [type, ...parameters] = mimetype.split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/^"|"$/g, '');
  return [type ?? '', charset];
}

function describe(type: BinaryType | DocumentContentType | 'text'): string {
  return MAGIC.find(([t]) => t === type)?.[2] ?? type;
}

/** What a document may be, in the words of a refusal. */
const KEPT_DOCUMENT_TYPES = 'a PDF, a PNG or JPEG image, or plain text or CSV in UTF-8';

function unsupported(detail: string): ProblemException {
  return new ProblemException('unsupported-media-type', `a document is kept only as ${KEPT_DOCUMENT_TYPES}: ${detail}`, { field: 'file' });
}

function mismatch(detail: string): ProblemException {
  return new ProblemException('invalid-value', detail, { field: 'file' });
}
