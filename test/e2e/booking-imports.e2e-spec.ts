// Booking imports over the API, on a real SQLite ledger of its own: a Key2Financiën export in
// Windows-1252 with the example mapping of config/, imported, imported again (nothing written),
// reconciled (and a difference when the ledger holds more than the export), and refused whole as
// problem+json when its mapping, encoding or shape is wrong, writing nothing.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import type { EventStore, RecordedEvent } from '@geldstroom/event-store';
import { EVENT_STORE } from '@geldstroom/application/write/store.tokens';
import { idOf } from '../../apps/api/src/imports/booking-plan';
import { BookingImports } from '../../apps/api/src/imports/booking-imports';
import { startApi, type Harness } from '../support/api-harness';
import { KEY2_HEADER, key2Export, key2Line, type Booking } from '../support/booking-exports';
import { expectCreated, expectProblem, get, post } from '../support/http';

const ROOT = resolve(__dirname, '../..');
const MAPPING = readFileSync(join(ROOT, 'config/booking-mappings/key2financien.example.yaml'));
const BUDGET = 'voorbeeld-reintegratie-2024';
const ON = { effectiveDate: '2024-01-01', sourceReference: 'Begroting 2024' };

const line = (journal: string, document: string, date: string, account: string, costCentre: string, creditor: string, description: string, amountCents: number, order?: string): Booking =>
  ({ journal, document, line: 1, date, account, costCentre, creditor, description, amountCents, ...(order ? { order } : {}) });

/** Seven lines the ledger takes, four it refuses. */
const BOOKINGS: Booking[] = [
  line('VPL', 'V24-001', '2024-02-01', '4343100', '6.4.01', '200134', 'Inhuur jobcoach ReHa – één jaar', 1_200_000, 'V24-001'),
  line('INK', 'F24-0101', '2024-03-05', '4343100', '6.4.01', '200134', 'Factuur maart jobcoach', 300_000, 'V24-001'),
  line('BNK', 'B24-0033', '2024-03-20', '4343100', '6.4.01', '200134', 'Betaling factuur maart', 300_000, 'V24-001'),
  line('MEM', 'M24-0007', '2024-01-31', '4000100', '6.4.02', '', 'Salarissen januari klantmanagers', 825_000),
  line('INK', 'F24-0140', '2024-04-10', '4380000', '6.4.02', '200871', 'Workshop sollicitatietraining', 125_050),
  line('INK', 'F24-0141', '2024-04-12', '4380000', '6.4.02', '300001', 'Reiskosten vrijwilliger J. de Vries', 4_560),
  line('MEM', 'M24-0200', '2024-02-15', '8100000', '6.4.00', '', 'Rijksbijdrage re-integratie', -5_000_000),
  line('INK', 'F24-0150', '2024-04-15', '4380000', '6.4.02', '999999', 'Onbekende leverancier', 10_000),
  line('INK', 'F24-0151', '2024-04-16', '4380000', '6.4.02', '200871', 'Creditnota workshop', -20_000),
  line('INK', 'F24-0152', '2024-04-17', '4380000', '6.4.02', '200871', 'Factuur 123456782', 5_000),
];
const BAD_AMOUNT = '2024;4;INK;F24-0153;1;18-04-2024;4380000;6.4.02;6.4;200871;Drie decimalen;12,345;;';

let api: Harness;
let store: EventStore;

beforeAll(async () => {
  api = await startApi();
  store = api.app.get(EVENT_STORE);
  const ok = async (path: string, body: Record<string, unknown>) => expectCreated(await post(api, path, { ...ON, ...body }));
  await ok('/v1/parties', { partyId: 'gemeente-voorbeeld', name: 'Gemeente Voorbeeld', kind: 'municipality' });
  await ok('/v1/parties', { partyId: 'reha-trajecten-bv', name: 'ReHa Trajecten BV', kind: 'company' });
  await ok('/v1/parties', { partyId: 'stichting-werkfit', name: 'Stichting Werkfit', kind: 'foundation' });
  await ok('/v1/parties', { partyId: 'voorbeeld-particulieren', name: 'Particulieren (natuurlijke personen)', kind: 'company' });
  await ok('/v1/parties', { partyId: 'rijk-szw', name: 'Ministerie van SZW', kind: 'central-government' });
  await ok('/v1/budgets', { budgetId: BUDGET, ownerPartyId: 'gemeente-voorbeeld', name: 'Re-integratie', fiscalYear: 2024, taakveld: '6.4' });
  await ok(`/v1/budgets/${BUDGET}/allocations`, { lineId: 'trajecten', description: 'Trajecten en inhuur', amount: '20000.00' });
}, 60_000);
afterAll(() => api.close());

function key2File(bookings: readonly Booking[] = BOOKINGS, extra: string[] = [BAD_AMOUNT]): Buffer {
  return Buffer.concat([key2Export(bookings), iconv.encode(extra.map((l) => `${l}\r\n`).join(''), 'win1252')]);
}

function importFile(file: Buffer, fields: Record<string, string> = {}, mapping: Buffer = MAPPING, token = api.token, fileName = 'mutaties-2024.csv') {
  let call = api.http().post('/v1/imports/bookings').set('Authorization', `Bearer ${token}`).attach('file', file, fileName).attach('mapping', mapping, 'mapping.yaml');
  for (const [name, value] of Object.entries(fields)) call = call.field(name, value);
  return call;
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const importIdOf = (file: Buffer, mapping: Buffer = MAPPING) => `imp-${sha256(`${sha256(file)}:${sha256(mapping.toString('utf8'))}`).slice(0, 24)}`;

async function events(streamId: string): Promise<RecordedEvent[]> {
  const read: RecordedEvent[] = [];
  for await (const event of store.readStream(streamId)) read.push(event);
  return read;
}

const ORDER_EXPENSE = `expense-${idOf('key2', 'po', 'key2\u001fV24-001')}`;
const lineExpense = (document: string) => `expense-${idOf('key2', 'b', ['key2', 2024, 'INK', document, '1'].join('\u001f'))}`;

describe('POST /v1/imports/bookings', () => {
  let importId: string;

  it('imports a Key2Financiën export in Windows-1252: each line a fact, the refused ones with their reasons, the reconciliation adding up', async () => {
    const response = await importFile(key2File());
    expect(response.status).toBe(201);
    const answer = response.body;
    importId = answer.importId;
    expect(answer).toMatchObject({ format: 'csv', encoding: 'windows-1252', system: 'key2', dryRun: false });
    expect(answer.counts).toEqual({ lines: 11, written: 7, replayed: 0, refused: 4 });
    const reasons = Object.fromEntries(answer.refused.map((r: { lineNumber: number; reason: string }) => [r.lineNumber, r.reason]));
    expect(reasons[9]).toMatch(/creditor "999999" is not in the mapping/);
    expect(reasons[10]).toMatch(/credit on a cost line is a correction/);
    expect(reasons[11]).toMatch(/BSN elfproef/);
    expect(reasons[12]).toMatch(/Bedrag debet "12,345" is not an amount/);
    expect(answer.reconciliation.matches).toBe(true);
    const figure = (subject: string, id: string, measure: string) => answer.reconciliation.rows.find((r: Record<string, string>) => r.subject === subject && r.id === id && r.measure === measure);
    expect(figure('budget', BUDGET, 'committed')).toMatchObject({ export: '21546.10', ledger: '21546.10', difference: '0.00' });
    expect(figure('budget', BUDGET, 'realised')).toMatchObject({ export: '12546.10', ledger: '12546.10' });
    expect(figure('budget', BUDGET, 'funded')).toMatchObject({ export: '50000.00', ledger: '50000.00' });
    expect(figure('line', `${BUDGET}/trajecten`, 'invoiced')).toMatchObject({ export: '3000.00', ledger: '3000.00' });
    expect(figure('party', 'reha-trajecten-bv', 'committed')).toMatchObject({ export: '12000.00', ledger: '12000.00' });
    expect(figure('month', '2024-03', 'realised')).toMatchObject({ export: '3000.00', ledger: '3000.00' });
    const execution = (await get(api, `/v1/budgets/${BUDGET}/execution`)).body;
    expect(execution.totals).toMatchObject({ committed: '21546.10', realised: '12546.10' });
    expect(execution.initial).toBe('50000.00');
  });

  it('names the source line (file hash and line number) in each fact, decodes Windows-1252 and keeps no natural person by name', async () => {
    const sha256 = (await get(api, `/v1/imports/${importId}`)).body.fileSha256;
    const [committed] = await events(ORDER_EXPENSE);
    expect(committed.type).toBe('ExpenseCommitted');
    expect(committed.data).toMatchObject({ description: 'Inhuur jobcoach ReHa – één jaar', payeePartyId: 'reha-trajecten-bv', budgetLineId: 'trajecten', kind: 'hired-staff' });
    expect(committed.metadata).toMatchObject({ sourceLine: { fileSha256: sha256, line: 2 }, sourceReference: 'key2 2024 VPL V24-001 regel 1', actor: expect.stringMatching(/^recorder-/) });
    expect((await events(ORDER_EXPENSE)).map((e) => e.type)).toEqual(['ExpenseCommitted', 'ExpenseInvoiced', 'ExpensePaid']);
    const [person] = await events(lineExpense('F24-0141'));
    expect(person.data).toMatchObject({ payeePartyId: 'voorbeeld-particulieren', description: 'Boeking op grootboekrekening 4380000 aan een natuurlijk persoon' });
    expect(JSON.stringify(person)).not.toMatch(/Vries|300001/);
  });

  it('writes nothing when the same export is imported again: every line answers as already recorded', async () => {
    const before = await api.journalHead();
    const response = await importFile(key2File());
    expect(response.status).toBe(201);
    expect(response.body.importId).toBe(importId);
    expect(response.body.counts).toEqual({ lines: 11, written: 0, replayed: 7, refused: 4 });
    expect(await api.journalHead()).toEqual(before);
  });

  it('writes nothing in a dry run, and says what it would write', async () => {
    const before = await api.journalHead();
    const extra = [line('INK', 'F24-0300', '2024-05-02', '4380000', '6.4.02', '200871', 'Tweede workshop', 80_000)];
    const response = await importFile(key2Export(extra), { dryRun: 'true' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ dryRun: true, counts: { lines: 1, written: 1, replayed: 0, refused: 0 } });
    expect(await api.journalHead()).toEqual(before);
    expectProblem(await get(api, `/v1/imports/${response.body.importId}`), 404, 'not-found');
  });

  it('lists the difference when the ledger holds what the export does not, as JSON and as the CSV for Dutch Excel', async () => {
    await post(api, '/v1/expenses', { ...ON, expenseId: 'handmatig-1', kind: 'operating', budgetId: BUDGET, payeePartyId: 'stichting-werkfit', description: 'Handmatig vastgelegd', amount: '99.95', bookingId: 'b1', effectiveDate: '2024-04-20' }).then(expectCreated);
    const answer = (await get(api, `/v1/imports/${importId}`)).body;
    expect(answer.reconciliation.matches).toBe(false);
    expect(answer.reconciliation.differences).toEqual(
      expect.arrayContaining([
        { subject: 'budget', id: BUDGET, measure: 'committed', export: '21546.10', ledger: '21646.05', difference: '99.95' },
        { subject: 'party', id: 'stichting-werkfit', measure: 'realised', export: '1250.50', ledger: '1350.45', difference: '99.95' },
        { subject: 'month', id: '2024-04', measure: 'committed', export: '1296.10', ledger: '1396.05', difference: '99.95' },
      ]),
    );
    const csv = await get(api, `/v1/imports/${importId}/reconciliation`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).toContain('Onderwerp;Id;Bedrag;Export;Grootboek (Geldstroom);Verschil');
    expect(csv.text).toContain(`begroting;${BUDGET};verplicht;21546,10;21646,05;99,95`);
    expect(csv.text).toContain('Boomhoofd (RFC 6962)');
    const xlsx = await get(api, `/v1/imports/${importId}/reconciliation?format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });
});

describe('refusals: problem+json, nothing written', () => {
  async function refused(send: () => Promise<import('supertest').Response>, status: number, kind: string): Promise<Record<string, unknown>> {
    const before = await api.journalHead();
    const body = expectProblem(await send(), status, kind);
    expect(await api.journalHead()).toEqual(before);
    return body;
  }
  const fresh = [line('INK', 'F24-0900', '2024-06-01', '4380000', '6.4.02', '200871', 'Nieuwe factuur', 1_000)];

  it('a mapping that names a budget and a party the ledger does not know, with the names', async () => {
    const mapping = Buffer.from(MAPPING.toString('utf8').replace('voorbeeld-reintegratie-2024\n    line', 'onbekend-budget-2024\n    line').replace('reha-trajecten-bv', 'onbekende-partij'));
    const body = await refused(() => importFile(key2Export(fresh), {}, mapping), 422, 'invalid-value');
    expect(body.detail).toMatch(/budget onbekend-budget-2024/);
    expect(body.detail).toMatch(/party onbekende-partij/);
  });

  it('a mapping that is not what a mapping holds', async () => {
    const body = await refused(() => importFile(key2Export(fresh), {}, Buffer.from('system: Key 2\ncolumns: {}\nlines: []\n')), 422, 'invalid-value');
    expect(body.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^system must be/), expect.stringMatching(/^columns.date/), expect.stringMatching(/^budgets must be a list/)]));
  });

  it('a Windows-1252 file said to be UTF-8: refused rather than stored as mojibake', async () => {
    const file = key2Export([line('INK', 'F24-0901', '2024-06-01', '4380000', '6.4.02', '200871', 'Café-overleg', 1_000)]);
    const body = await refused(() => importFile(file, { encoding: 'utf-8' }), 422, 'invalid-value');
    expect(body.detail).toMatch(/not valid UTF-8 .*Windows-1252/);
    // It names the byte: the é of Café, as Windows-1252 writes it (0xE9, not followed by UTF-8's continuation).
    expect(body.detail).toContain(`at byte ${file.indexOf(0xe9)},`);
  });

  it('a file of UTF-8 and Windows-1252 lines, and one with UTF-8\'s byte order mark holding Windows-1252: refused whole rather than stored as mojibake', async () => {
    const coop = (document: string) => line('INK', document, '2024-06-01', '4380000', '6.4.02', '200871', 'Coöperatie €', 1_000);
    // A Windows-1252 export with a line in UTF-8 pasted in after it.
    const mixed = Buffer.concat([key2Export([coop('F24-0905')]), Buffer.from(`${key2Line(coop('F24-0906'))}\r\n`, 'utf8')]);
    const body = await refused(() => importFile(mixed), 422, 'invalid-value');
    expect(body).toMatchObject({ field: 'file' });
    expect(body.detail).toMatch(/^file: the file mixes UTF-8 and Windows-1252: line 3 holds UTF-8 \("ö" .*"Ã¶"\), line 2 does not/);
    expectProblem(await get(api, `/v1/imports/${importIdOf(mixed)}`), 404, 'not-found');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), key2Export([coop('F24-0907')])]);
    const bomBody = await refused(() => importFile(bom), 422, 'invalid-value');
    expect(bomBody.detail).toMatch(/^file: the file starts with UTF-8's byte order mark but is not UTF-8: line 2 /);
  });

  it('a file without the columns the mapping names, and a file that is no workbook', async () => {
    const body = await refused(() => importFile(Buffer.from('Datum;Bedrag\r\n01-06-2024;10,00\r\n')), 422, 'invalid-value');
    expect(body.detail).toMatch(/no column "Boekjaar"/);
    await refused(() => importFile(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)])), 422, 'invalid-value');
    const unclosed = await refused(() => importFile(Buffer.from(`${KEY2_HEADER.join(';')}\r\n"2024;4;INK\r\n2024;4;INK\r\n`)), 422, 'invalid-value');
    expect(unclosed.detail).toMatch(/opening quote/);
  });

  it('a request without the file, a controller, a body that is not multipart', async () => {
    await refused(() => api.http().post('/v1/imports/bookings').set('Authorization', `Bearer ${api.token}`).attach('mapping', MAPPING, 'mapping.yaml'), 400, 'validation');
    const controller = await api.tokenFor('controller');
    await refused(() => importFile(key2Export(fresh), {}, MAPPING, controller), 403, 'forbidden');
    await refused(() => post(api, '/v1/imports/bookings', { file: 'x' }), 415, 'unsupported-media-type');
    expectProblem(await get(api, '/v1/imports/imp-000000000000000000000000'), 404, 'not-found');
  });

  it('a recorder for another party imports nothing into these budgets', async () => {
    const other = await api.tokenFor('recorder', ['rijk-szw']);
    await refused(() => importFile(key2Export(fresh), {}, MAPPING, other), 403, 'forbidden');
  });

  it("a BSN in the file's name, in any spelling: the report would keep it and serve it, as a document's name is refused", async () => {
    const file = key2Export([line('INK', 'F24-0910', '2024-06-03', '4380000', '6.4.02', '200871', 'Workshop', 1_000)]);
    for (const fileName of ['klant 111222333.csv', 'klant 111\u2013222\u2013333.csv', 'bsn12345672.csv']) {
      const body = await refused(() => importFile(file, {}, MAPPING, api.token, fileName), 422, 'personal-data');
      expect(body).toMatchObject({ field: 'file' });
      expect(body.detail).toMatch(/^file: the file's name holds a number that passes the BSN elfproef/);
    }
    expectProblem(await get(api, `/v1/imports/${importIdOf(file)}`), 404, 'not-found');
  });
});

describe('the reasons of refused lines', () => {
  it('never repeat personal data or a natural person\'s creditor number: not in the answer, the kept run report or GET', async () => {
    const good = line('INK', 'F24-0930', '2024-06-05', '4380000', '6.4.02', '200871', 'Workshop', 1_000);
    const values = ['jan.jansen@example.nl', 'NL91ABNA0417164300', '111222333', 'jan@example.nl', 'piet@example.nl', '300002'];
    const cells = (over: Partial<Record<'date' | 'costCentre' | 'creditor' | 'debit', string>>, document: string) =>
      ['2024', '6', 'INK', document, '1', over.date ?? '06-06-2024', '4380000', over.costCentre ?? '6.4.02', '6.4', over.creditor ?? '200871', 'Workshop', over.debit ?? '10,00', '', ''].join(';');
    const file = key2File([good], [
      cells({ date: values[0] }, 'F24-0931'),
      cells({ creditor: values[1] }, 'F24-0932'),
      cells({ creditor: values[2] }, 'F24-0933'),
      cells({ costCentre: values[3] }, 'F24-0934'),
      cells({ debit: values[4] }, 'F24-0935'),
      // A natural person's creditor number where an amount goes.
      cells({ debit: `${values[5]},00-x` }, 'F24-0936'),
    ]);
    const response = await importFile(file);
    expect(response.status).toBe(201);
    expect(response.body.counts).toEqual({ lines: 7, written: 1, replayed: 0, refused: 6 });
    expect(response.body.refused.map((r: { reason: string }) => r.reason)).toEqual([
      expect.stringMatching(/^Boekdatum \(a value holding an e-mail address, not repeated here\) is not a date/),
      expect.stringMatching(/^creditor \(a value holding an IBAN, not repeated here\) is not in the mapping's creditors/),
      expect.stringMatching(/^creditor \(a value holding a number that passes the BSN elfproef, not repeated here\) is not in the mapping's creditors/),
      expect.stringMatching(/^no rule in budgets names the budget of account "4380000", cost centre \(a value holding an e-mail address, not repeated here\)$/),
      expect.stringMatching(/^Bedrag debet \(a value holding an e-mail address, not repeated here\) is not an amount/),
      expect.stringMatching(/^Bedrag debet \(a natural person's creditor number, not repeated here\) is not an amount/),
    ]);
    const importId = response.body.importId;
    const [kept] = readdirSync(join(api.dataDir, 'imports', importId));
    const served = (await get(api, `/v1/imports/${importId}`)).text;
    for (const text of [JSON.stringify(response.body), readFileSync(join(api.dataDir, 'imports', importId, kept), 'utf8'), served]) {
      for (const value of values) expect(text).not.toContain(value);
    }
  });
});

describe('the uploaded export and mapping', () => {
  /** The files in the temporary folder holding `marker`: what an upload left there. */
  function leftBehind(marker: string): string[] {
    const folder = tmpdir();
    return readdirSync(folder).flatMap((name) => {
      const path = join(folder, name);
      try {
        return statSync(path).isFile() && statSync(path).size < 1_000_000 && readFileSync(path).includes(marker) ? [path] : [];
      } catch {
        return []; // another user's file, or one removed meanwhile
      }
    });
  }
  const marked = () => {
    const marker = `upload-${randomUUID()}`;
    const file = key2Export([line('INK', 'F24-0920', '2024-06-04', '4380000', '6.4.02', '200871', marker, 1_000)]);
    return { marker, file, mapping: Buffer.concat([MAPPING, Buffer.from(`\n# ${marker}\n`)]) };
  };

  it('are removed when the fields fail validation, after multer wrote them and before the import ran', async () => {
    const { marker, file, mapping } = marked();
    const invalid: Record<string, string>[] = [{ evil: '1' }, { dryRun: 'maybe' }, { encoding: 'ebcdic' }];
    for (const fields of invalid) {
      const before = await api.journalHead();
      expectProblem(await importFile(file, fields, mapping), 400, 'validation');
      expect(await api.journalHead()).toEqual(before);
      expect(leftBehind(marker)).toEqual([]);
    }
  });

  it('are readable by the server only while it reads them, and removed after the import', async () => {
    const { marker, file, mapping } = marked();
    const imports = api.app.get(BookingImports);
    const modes: string[] = [];
    jest.spyOn(imports, 'importFile').mockImplementationOnce((request) => {
      for (const path of leftBehind(marker)) modes.push((statSync(path).mode & 0o777).toString(8));
      return BookingImports.prototype.importFile.call(imports, request);
    });
    expect((await importFile(file, {}, mapping)).status).toBe(201);
    expect(modes).toEqual(['600', '600']);
    expect(leftBehind(marker)).toEqual([]);
  });
});

describe('an order of several commitment lines', () => {
  // Key2 without its line number column: a line is known by its content and its occurrence in its document.
  const withoutLineNumbers = Buffer.from(MAPPING.toString('utf8').replace(/\n {2}line: Regelnummer[^\n]*/, ''));
  const ORDER = 'V24-777';
  const orderLines = [
    line('VPL', 'D3', '2024-05-01', '4343100', '6.4.01', '200134', 'Inhuur jobcoach', 100_000, ORDER),
    line('VPL', 'D3', '2024-05-01', '4343100', '6.4.01', '200134', 'Inhuur jobcoach', 50_000, ORDER),
    line('INK', 'F24-0777', '2024-06-03', '4343100', '6.4.01', '200134', 'Factuur jobcoach, de hele order', 150_000, ORDER),
  ];
  const orderExpense = `expense-${idOf('key2', 'po', `key2\u001f${ORDER}`)}`;

  it('commits the order by its first line and raises it by the others, so the invoice of the whole order is not above it', async () => {
    const response = await importFile(key2Export(orderLines), {}, withoutLineNumbers);
    expect(response.status).toBe(201);
    expect(response.body.counts).toEqual({ lines: 3, written: 3, replayed: 0, refused: 0 });
    const [committed, raised, invoiced, ...rest] = await events(orderExpense);
    expect(rest).toEqual([]);
    expect(committed).toMatchObject({ type: 'ExpenseCommitted', data: { amountCents: 100_000, description: 'Inhuur jobcoach', commitmentId: expect.any(String) } });
    expect(raised).toMatchObject({ type: 'ExpenseCommitmentRaised', data: { amountCents: 50_000, budgetId: committed.data.budgetId, payeePartyId: committed.data.payeePartyId } });
    expect(raised.data.commitmentId).not.toBe(committed.data.commitmentId);
    // Each fact cites its own line of the export.
    expect([committed, raised, invoiced].map((e) => (e.metadata.sourceLine as { line: number }).line)).toEqual([2, 3, 4]);
    expect(invoiced).toMatchObject({ type: 'ExpenseInvoiced', data: { amountCents: 150_000 } });
    expect(invoiced.data.flags).toBeUndefined();
    const committedFigure = response.body.reconciliation.rows.find((r: Record<string, string>) => r.subject === 'month' && r.id === '2024-05' && r.measure === 'committed');
    expect(committedFigure).toMatchObject({ export: '1500.00', ledger: '1500.00' });
  });

  it('writes nothing when the same export comes again, or a re-export with its columns in another order', async () => {
    const before = await api.journalHead();
    const again = await importFile(key2Export(orderLines), {}, withoutLineNumbers);
    expect(again.body.counts).toEqual({ lines: 3, written: 0, replayed: 3, refused: 0 });
    const [header, ...rows] = iconv.decode(key2Export(orderLines), 'win1252').trim().split('\r\n').map((l) => l.split(';'));
    const reordered = [header, ...rows].map((cells) => [...cells].reverse().join(';')).join('\r\n');
    const reexport = await importFile(iconv.encode(`${reordered}\r\n`, 'win1252'), {}, withoutLineNumbers);
    expect(reexport.body.counts).toEqual({ lines: 3, written: 0, replayed: 3, refused: 0 });
    expect(await api.journalHead()).toEqual(before);
  });

  it('raises the order by a commitment line of a later export (an extension), alone or beside the lines imported before', async () => {
    const extension = line('VPL', 'D9', '2024-07-01', '4343100', '6.4.01', '200134', 'Inhuur jobcoach verlengd', 30_000, ORDER);
    const alone = await importFile(key2Export([extension]), {}, withoutLineNumbers);
    expect(alone.body.counts).toEqual({ lines: 1, written: 1, replayed: 0, refused: 0 });
    const beside = await importFile(key2Export([...orderLines, extension]), {}, withoutLineNumbers);
    expect(beside.body.counts).toEqual({ lines: 4, written: 0, replayed: 4, refused: 0 });
    const facts = await events(orderExpense);
    expect(facts.map((e) => [e.type, e.data.amountCents])).toEqual([
      ['ExpenseCommitted', 100_000],
      ['ExpenseCommitmentRaised', 50_000],
      ['ExpenseInvoiced', 150_000],
      ['ExpenseCommitmentRaised', 30_000],
    ]);
  });

  it('refuses a commitment line that changed since it was imported, and one charging the order otherwise, writing nothing', async () => {
    // With line numbers a line is known by its place, so a line whose amount changed is the same line.
    const order = 'V24-779';
    const first = line('VPL', 'D12', '2024-05-01', '4343100', '6.4.01', '200134', 'Inhuur', 10_000, order);
    const second = { ...line('VPL', 'D12', '2024-05-01', '4343100', '6.4.01', '200134', 'Inhuur', 5_000, order), line: 2 };
    expect((await importFile(key2Export([first, second]))).body.counts).toMatchObject({ written: 2 });
    const before = await api.journalHead();
    const otherKind = line('VPL', 'D13', '2024-07-02', '4380000', '6.4.02', '200134', 'Workshop op dezelfde order', 5_000, order);
    const changed = [{ ...first, amountCents: 10_001 }, { ...second, amountCents: 5_001 }, otherKind];
    const response = await importFile(key2Export(changed));
    expect(response.body.counts).toEqual({ lines: 3, written: 0, replayed: 0, refused: 3 });
    expect(response.body.refused.map((r: { reason: string }) => r.reason)).toEqual([
      expect.stringMatching(/^this line was already imported with other content/),
      expect.stringMatching(/^this line was already imported with other content/),
      "the order's other commitment lines charge another budget, allocation line, programme, payee or kind: an order is one expense, so all its commitment lines charge the same",
    ]);
    expect(await api.journalHead()).toEqual(before);
  });

  it('reconciles an order whose commitment lines fall in different months month by month, whichever line comes first', async () => {
    const order = 'V24-780';
    // Months no other line of these tests falls in: the ledger's side of a month is all of the ledger's.
    const october = line('VPL', 'D14', '2024-10-04', '4343100', '6.4.01', '200134', 'Opdracht', 1_000_000, order);
    const december = line('VPL', 'D15', '2024-12-03', '4343100', '6.4.01', '200134', 'Uitbreiding', 400_000, order);
    // The December line first: it commits the order, the October line raises it; the ledger dates each as its line.
    const response = await importFile(key2Export([december, october]));
    expect(response.body.counts).toMatchObject({ written: 2, refused: 0 });
    const committed = (month: string) =>
      response.body.reconciliation.rows.find((r: Record<string, string>) => r.subject === 'month' && r.id === month && r.measure === 'committed');
    expect(committed('2024-10')).toMatchObject({ export: '10000.00', ledger: '10000.00', difference: '0.00' });
    expect(committed('2024-12')).toMatchObject({ export: '4000.00', ledger: '4000.00', difference: '0.00' });
  });

  it('counts in a dry run what the real run writes: a new order committed and raised', async () => {
    const order = 'V24-778';
    const lines = [
      line('VPL', 'D11', '2024-05-01', '4343100', '6.4.01', '200134', 'Inhuur', 20_000, order),
      line('VPL', 'D11', '2024-05-01', '4343100', '6.4.01', '200134', 'Inhuur', 10_000, order),
    ];
    const before = await api.journalHead();
    const dry = await importFile(key2Export(lines), { dryRun: 'true' }, withoutLineNumbers);
    expect(dry.body.counts).toEqual({ lines: 2, written: 2, replayed: 0, refused: 0 });
    expect(await api.journalHead()).toEqual(before);
    const real = await importFile(key2Export(lines), {}, withoutLineNumbers);
    expect(real.body.counts).toEqual(dry.body.counts);
  });

  it('refuses a commitment line without an order number, as an invoice without one is refused', async () => {
    const before = await api.journalHead();
    const response = await importFile(key2Export([line('VPL', 'D4', '2024-05-02', '4343100', '6.4.01', '200134', 'Order zonder nummer', 10_000, '')]), {}, withoutLineNumbers);
    expect(response.body.counts).toEqual({ lines: 1, written: 0, replayed: 0, refused: 1 });
    expect(response.body.refused[0].reason).toMatch(/a commitment is a purchase order, named by its order number, and Verplichtingnummer is empty/);
    expect(await api.journalHead()).toEqual(before);
  });
});

describe('runs of an import', () => {
  const bookings = (document: string) => [1, 2, 3].map((n) => line('INK', `${document}-${n}`, '2024-07-01', '4380000', '6.4.02', '200871', `Factuur ${n}`, 1_000 * n));

  it('imports the same file sent twice at once: both answered, every line written once', async () => {
    const file = key2Export(bookings('F24-0500'));
    const [a, b] = await Promise.all([importFile(file), importFile(file)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.counts.written + b.body.counts.written).toBe(3);
    expect(a.body.counts.replayed + b.body.counts.replayed).toBe(3);
  });

  it('never answers "nothing was written" when it stopped after lines were written', async () => {
    const file = key2Export(bookings('F24-0510'));
    // Where the import's report would go, a file, and a folder: it cannot be kept, after its lines were written.
    mkdirSync(join(api.dataDir, 'imports', `${importIdOf(file)}.json`, 'in-the-way'), { recursive: true });
    writeFileSync(join(api.dataDir, 'imports', importIdOf(file)), '');
    const before = await api.journalHead();
    const body = expectProblem(await importFile(file), 500, 'internal');
    expect(body.detail).not.toMatch(/nothing was written/);
    expect(body.detail).toMatch(/^the import's report could not be kept after 3 of its lines were written/);
    expect(body.counts).toMatchObject({ written: 3 });
    expect(await api.journalHead()).not.toEqual(before);
  });

  it('keeps the report of every run: the latest at GET, an earlier one by its runId, and who ran each', async () => {
    const file = key2Export(bookings('F24-0520'));
    const first = (await importFile(file)).body;
    const recorder = await api.tokenFor('recorder', ['gemeente-voorbeeld']);
    const second = (await importFile(file, {}, MAPPING, recorder)).body;
    expect(second.importId).toBe(first.importId);
    expect(second.runId).not.toBe(first.runId);
    const latest = (await get(api, `/v1/imports/${first.importId}`)).body;
    expect(latest).toMatchObject({ runId: second.runId, counts: { written: 0, replayed: 3 }, runsTotal: 2 });
    expect(latest.runs.map((r: { runId: string; actor: string; counts: { written: number } }) => [r.runId, r.actor, r.counts.written])).toEqual([
      [first.runId, first.actor, 3],
      [second.runId, second.actor, 0],
    ]);
    expect(first.actor).not.toBe(second.actor);
    const earlier = (await get(api, `/v1/imports/${first.importId}?run=${first.runId}`)).body;
    expect(earlier).toMatchObject({ runId: first.runId, actor: first.actor, counts: { written: 3, replayed: 0 } });
    expect((await get(api, `/v1/imports/${first.importId}/reconciliation?run=${first.runId}`)).status).toBe(200);
    expectProblem(await get(api, `/v1/imports/${first.importId}?run=run-0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b`), 404, 'not-found');
    expectProblem(await get(api, `/v1/imports/${first.importId}?run=elke`), 400, 'validation');
  });
});

describe('a dry run answers as the real run would', () => {
  it('counts the lines of an export already imported as already recorded', async () => {
    const before = await api.journalHead();
    const response = await importFile(key2File(), { dryRun: 'true' });
    expect(response.status).toBe(200);
    expect(response.body.counts).toEqual({ lines: 11, written: 0, replayed: 7, refused: 4 });
    expect(response.body.lastPosition).toBe(0);
    expect(await api.journalHead()).toEqual(before);
  });

  it('counts a line the file holds twice as a replay, and invoices an order the file commits before', async () => {
    const order = [
      line('VPL', 'V24-900', '2024-08-01', '4343100', '6.4.01', '200134', 'Inhuur', 40_000, 'V24-900'),
      line('INK', 'F24-0900', '2024-08-02', '4343100', '6.4.01', '200134', 'Factuur', 40_000, 'V24-900'),
    ];
    const twice = line('INK', 'F24-0901', '2024-08-03', '4380000', '6.4.02', '200871', 'Workshop', 5_000);
    const file = key2Export([...order, twice, twice]);
    const before = await api.journalHead();
    const dry = await importFile(file, { dryRun: 'true' });
    expect(dry.body.counts).toEqual({ lines: 4, written: 3, replayed: 1, refused: 0 });
    expect(await api.journalHead()).toEqual(before);
    const real = await importFile(file);
    expect(real.body.counts).toEqual(dry.body.counts);
  });
});

describe('what a CSV holds as the systems write it', () => {
  it('reads a stray double quote inside an unquoted field as a character of it', async () => {
    const booking = line('INK', 'F24-0950', '2024-09-02', '4380000', '6.4.02', '200871', 'Reparatie 3" buis', 7_500);
    const response = await importFile(key2Export([booking]));
    expect(response.status).toBe(201);
    expect(response.body.counts).toEqual({ lines: 1, written: 1, replayed: 0, refused: 0 });
    const [booked] = await events(lineExpense('F24-0950'));
    expect(booked.data).toMatchObject({ description: 'Reparatie 3" buis', amountCents: 7_500 });
  });

  it('skips rows of separators only, as Excel writes them, like empty lines', async () => {
    const booking = line('INK', 'F24-0960', '2024-09-03', '4380000', '6.4.02', '200871', 'Workshop', 2_500);
    const separators = ';'.repeat(KEY2_HEADER.length - 1);
    const response = await importFile(key2File([booking], [separators, '', separators]));
    expect(response.status).toBe(201);
    expect(response.body.counts).toEqual({ lines: 1, written: 1, replayed: 0, refused: 0 });
  });
});

describe('one booking line, one fact, wherever it went', () => {
  const invoiceOf = (order: string, document = 'F24-0990') => line('INK', document, '2024-10-02', '4343100', '6.4.01', '200134', 'Factuur jobcoach', 30_000, order);
  const orderOf = (order: string, document: string) => line('VPL', document, '2024-10-01', '4343100', '6.4.01', '200134', 'Inhuur jobcoach', 60_000, order);
  const expenseOf = (order: string) => `expense-${idOf('key2', 'po', `key2\u001f${order}`)}`;

  it('refuses a line imported again with another order number (re-coded in the financial system), writing nothing for it', async () => {
    expect((await importFile(key2Export([orderOf('V24-990', 'V24-990'), invoiceOf('V24-990')]))).body.counts).toMatchObject({ written: 2, refused: 0 });
    // The same invoice line (same journal, document and line), now on another order that this export commits.
    const recoded = await importFile(key2Export([orderOf('V24-991', 'V24-991'), invoiceOf('V24-991')]));
    expect(recoded.body.counts).toEqual({ lines: 2, written: 1, replayed: 0, refused: 1 });
    expect(recoded.body.refused[0].reason).toContain(`imported before, onto ${expenseOf('V24-990')}`);
    expect((await events(expenseOf('V24-991'))).map((e) => e.type)).toEqual(['ExpenseCommitted']);
    // The invoice stays where it was imported first, once.
    expect((await events(expenseOf('V24-990'))).map((e) => e.type)).toEqual(['ExpenseCommitted', 'ExpenseInvoiced']);
  });

  it('refuses the second of two lines with one natural key for two orders in one file, and counts a line repeated in it once', async () => {
    const twice = line('INK', 'F24-0995', '2024-10-05', '4380000', '6.4.02', '200871', 'Workshop', 2_500);
    const response = await importFile(key2Export([orderOf('V24-992', 'V24-992'), invoiceOf('V24-992', 'F24-0992'), invoiceOf('V24-990', 'F24-0992'), twice, twice]));
    expect(response.body.counts).toEqual({ lines: 5, written: 3, replayed: 1, refused: 1 });
    expect(response.body.refused[0]).toMatchObject({ lineNumber: 4, reason: expect.stringContaining('same natural key is in this file before') });
    const october = (measure: string) => response.body.reconciliation.rows.find((r: Record<string, string>) => r.subject === 'month' && r.id === '2024-10' && r.measure === measure);
    // The workshop's 25.00 once, as the ledger holds it.
    expect(october('realised')).toMatchObject({ export: october('realised').ledger });
  });

  it('counts the line the ledger holds in the reconciliation when a changed copy of it, refused, comes before it in the file', async () => {
    // November: no other line of these tests falls in it, so its month figures are this line's alone.
    const memo = (amountCents: number) => line('MEM', 'M24-0800', '2024-11-04', '4380000', '6.4.02', '200871', 'Workshop', amountCents);
    expect((await importFile(key2Export([memo(10_000)]))).body.counts).toMatchObject({ written: 1 });
    const response = await importFile(key2Export([memo(10_050), memo(10_000)]));
    expect(response.body.counts).toEqual({ lines: 2, written: 0, replayed: 1, refused: 1 });
    expect(response.body.refused[0]).toMatchObject({ lineNumber: 2, reason: expect.stringContaining('already imported with other content') });
    const november = (measure: string) => response.body.reconciliation.rows.find((r: Record<string, string>) => r.subject === 'month' && r.id === '2024-11' && r.measure === measure);
    expect(november('realised')).toMatchObject({ export: '100.00', ledger: '100.00', difference: '0.00' });
    expect(response.body.reconciliation.rows.find((r: Record<string, string>) => r.subject === 'budget' && r.measure === 'realised')).toBeDefined();
  });

  it('refuses the last line of a file that ends inside it (cut off), and takes it from the whole file afterwards', async () => {
    const bookings = [line('INK', 'F24-0996', '2024-10-06', '4380000', '6.4.02', '200871', 'Workshop', 12_000), orderOf('V24-0997', 'V24-0997')];
    const whole = key2Export(bookings);
    // Cut inside the order number, the last column: "V24-09" would open an order of its own.
    const cut = whole.subarray(0, whole.lastIndexOf(Buffer.from('V24-0997')) + 'V24-09'.length);
    const first = await importFile(cut);
    expect(first.body.counts).toEqual({ lines: 2, written: 1, replayed: 0, refused: 1 });
    expect(first.body.refused[0]).toMatchObject({ lineNumber: 3, reason: expect.stringContaining('cut off') });
    await expect(events(expenseOf('V24-09'))).rejects.toThrow('not found');
    const again = await importFile(whole);
    expect(again.body.counts).toEqual({ lines: 2, written: 1, replayed: 1, refused: 0 });
    expect((await events(expenseOf('V24-0997'))).map((e) => [e.type, e.data.amountCents])).toEqual([['ExpenseCommitted', 60_000]]);
    // Cut inside a column before the last: refused as cut off too, whatever else is wrong with it.
    const shorter = await importFile(whole.subarray(0, whole.lastIndexOf(Buffer.from('Inhuur jobcoach')) + 'Inhuur'.length));
    expect(shorter.body.refused[0]).toMatchObject({ lineNumber: 3, reason: expect.stringContaining('cut off') });
  });
});

describe('a booking line corrected in the financial system', () => {
  const bookedExpense = (document: string) => `expense-${idOf('key2', 'b', ['key2', 2024, 'MEM', document, '1'].join('\u001f'))}`;

  it('is imported again, corrected, once its fact was reversed; before that it is refused, and the same line again replays', async () => {
    const salaries = (account: string, amountCents: number) => line('MEM', 'M24-0910', '2024-10-25', account, '6.4.02', '', 'Salarissen oktober', amountCents);
    expect((await importFile(key2Export([salaries('4000100', 1_825_315)]))).body.counts).toMatchObject({ written: 1 });
    const corrected = key2Export([salaries('4000100', 1_852_315)]);
    expect((await importFile(corrected)).body.refused[0].reason).toContain('already imported with other content');
    const [booked] = await events(bookedExpense('M24-0910'));
    expectCreated(await post(api, '/v1/reversals', { reversalId: 'salaris-fout', streamId: bookedExpense('M24-0910'), eventId: booked.id, reason: 'Bedrag verkeerd overgenomen', effectiveDate: '2024-10-31', sourceReference: 'Memo' }));
    const again = await importFile(corrected);
    expect(again.body.counts).toEqual({ lines: 1, written: 1, replayed: 0, refused: 0 });
    expect((await events(bookedExpense('M24-0910'))).map((e) => [e.type, e.data.amountCents ?? null])).toEqual([
      ['ExpenseBooked', 1_825_315],
      ['EntryReversed', null],
      ['ExpenseBooked', 1_852_315],
    ]);
    expect((await importFile(corrected)).body.counts).toMatchObject({ written: 0, replayed: 1 });
  });

  it('cuts a long description between characters, never inside one (an emoji is two UTF-16 units)', async () => {
    const description = `${'a'.repeat(499)}😀${'b'.repeat(20)}`;
    const file = Buffer.from(`${KEY2_HEADER.join(';')}\r\n2024;10;MEM;M24-0920;1;26-10-2024;4380000;6.4.02;6.4;200871;${description};12,00;;\r\n`, 'utf8');
    const response = await importFile(file, { encoding: 'utf-8' });
    expect(response.status).toBe(201);
    expect(response.body.counts).toEqual({ lines: 1, written: 1, replayed: 0, refused: 0 });
    const [booked] = await events(bookedExpense('M24-0920'));
    expect(booked.data.description).toBe('a'.repeat(499));
  });

  it('takes the last line of a file without a final line break when the mapping says the system writes none', async () => {
    const file = key2Export([line('MEM', 'M24-0930', '2024-10-27', '4380000', '6.4.02', '200871', 'Workshop', 1_500)]);
    const unbroken = file.subarray(0, file.length - 2);
    expect((await importFile(unbroken)).body.counts).toMatchObject({ written: 0, refused: 1 });
    const noFinalBreak = Buffer.from(MAPPING.toString('utf8').replace('format:\n', 'format:\n  finalLineBreak: false\n'));
    expect((await importFile(unbroken, {}, noFinalBreak)).body.counts).toEqual({ lines: 1, written: 1, replayed: 0, refused: 0 });
  });
});
