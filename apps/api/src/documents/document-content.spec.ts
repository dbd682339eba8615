import { ProblemException } from '@geldstroom/application/problem/problem';
import { checkTextForPersonalData, contentTypeOf, type UploadedDocument } from './document-content';

const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const CSV = Buffer.from('factuur;bedrag\n2024-118;15000,00\n', 'utf8');

const file = (buffer: Buffer, mimetype: string, originalname = 'stuk'): UploadedDocument => ({ buffer, mimetype, originalname, size: buffer.length });

function refusal(upload: UploadedDocument): { kind: string; title: string; detail?: string } {
  try {
    contentTypeOf(upload);
  } catch (error) {
    if (error instanceof ProblemException) return { kind: error.kind, title: error.body().title, detail: error.detail };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the type of a source document', () => {
  it.each([
    ['a PDF', PDF, 'application/pdf'],
    ['a PNG', PNG, 'image/png'],
    ['a JPEG', JPEG, 'image/jpeg'],
    ['a CSV', CSV, 'text/csv'],
    ['UTF-8 text', Buffer.from('Beschikking loonkostensubsidie, ‘kwartaal 1’', 'utf8'), 'text/plain'],
  ] as const)('takes %s declared as what it is', (_what, bytes, type) => {
    expect(contentTypeOf(file(bytes, type))).toBe(type);
  });

  it('takes a charset of UTF-8 on text, in any spelling', () => {
    expect(contentTypeOf(file(CSV, 'text/csv; charset="UTF-8"'))).toBe('text/csv');
  });

  it('tells the type from the bytes when the client sends none (application/octet-stream)', () => {
    expect(contentTypeOf(file(PDF, 'application/octet-stream'))).toBe('application/pdf');
    expect(contentTypeOf(file(CSV, 'application/octet-stream', 'betalingen.CSV'))).toBe('text/csv');
    expect(contentTypeOf(file(CSV, 'application/octet-stream', 'notitie'))).toBe('text/plain');
  });

  it.each([
    ['a PNG declared as a PDF', file(PNG, 'application/pdf'), /says it is a PDF, but its bytes are a PNG image/],
    ['text declared as a JPEG', file(CSV, 'image/jpeg'), /a JPEG image, but its bytes are text/],
    ['a PDF declared as text', file(PDF, 'text/plain'), /not UTF-8 text \(it is a PDF\)/],
    ['unknown bytes declared as a PNG', file(Buffer.from([0x00, 0x01]), 'image/png'), /its bytes are not a PNG image/],
    ['Latin-1 text declared as CSV', file(Buffer.from('café;1\n', 'latin1'), 'text/csv'), /not UTF-8 text/],
    ['text with a NUL declared as text', file(Buffer.from('a\u0000b'), 'text/plain'), /not UTF-8 text/],
  ])('refuses %s as a 422 invalid-value', (_what, upload, detail) => {
    const refused = refusal(upload);
    expect(refused.kind).toBe('invalid-value');
    expect(refused.detail).toMatch(detail);
  });

  it.each([
    ['a type the ledger does not keep', file(PDF, 'application/zip')],
    ['no type at all', file(PDF, '')],
    ['text in another charset', file(CSV, 'text/csv; charset=iso-8859-1')],
    ['unknown bytes of no declared type', file(Buffer.from([0x00, 0x01, 0x02]), 'application/octet-stream')],
  ])('refuses %s as a 415 that names the types a document may be, not a JSON body', (_what, upload) => {
    const refused = refusal(upload);
    expect(refused.kind).toBe('unsupported-media-type');
    // One title for every 415 (RFC 9457); the detail says what a document may be.
    expect(refused.title).toBe('The request body is not of a type this endpoint takes');
    expect(refused.detail).toMatch(/^a document is kept only as a PDF, a PNG or JPEG image, or plain text or CSV in UTF-8: /);
  });
});

describe('personal data in a source document', () => {
  it('refuses text holding a BSN-like number, and reads no further into files it cannot read', () => {
    const text = Buffer.from('factuur;bsn\n2024-118;123456782\n');
    expect(() => checkTextForPersonalData(file(text, 'text/csv'), 'text/csv')).toThrow(/BSN elfproef/);
    expect(() => checkTextForPersonalData(file(CSV, 'text/csv'), 'text/csv')).not.toThrow();
    expect(() => checkTextForPersonalData(file(Buffer.concat([PDF, text]), 'application/pdf'), 'application/pdf')).not.toThrow();
  });

  it('refuses text holding an e-mail address or an IBAN, saying which and not what', () => {
    const mail = file(Buffer.from('factuur;contact\n2024-118;jan.devries@gmail.com\n'), 'text/csv');
    expect(() => checkTextForPersonalData(mail, 'text/csv')).toThrow(/^the file holds an e-mail address$/);
    const iban = file(Buffer.from('Over te maken op NL91ABNA0417164300.'), 'text/plain');
    expect(() => checkTextForPersonalData(iban, 'text/plain')).toThrow(/^the file holds an IBAN$/);
  });
});
