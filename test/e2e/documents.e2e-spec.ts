// Source documents over HTTP: a file uploaded for a recorded fact, kept under its SHA-256 beside
// the store, recorded as DocumentAttached, listed with the fact and in its audit trail, downloaded
// as it was sent; every refusal (over the size limit, not what it says, personal data, no such
// fact, out of scope) writes nothing and keeps no file; verify (API, schedule's /health, CLI)
// names a document whose file was altered or removed. Real API, real store in a temporary folder.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Response } from 'supertest';
import { startApi, type Harness } from '../support/api-harness';
import { expectProblem, get, post, refusedWithoutWriting, streamEvents } from '../support/http';
import { MoneyFlows } from '../support/money-flows';

/** Small, so a file past it is quick to send: the limit is configuration. */
const LIMIT_BYTES = 4096;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let api: Harness;
let flows: MoneyFlows;
let tokens: Record<'controller' | 'accountant' | 'outsider', string>;
/** The commitment of an expense of gemeente-stukken: the fact the documents support. */
let factEventId: string;

beforeAll(async () => {
  api = await startApi({ GELDSTROOM_DOCUMENT_LIMIT_BYTES: String(LIMIT_BYTES) });
  flows = new MoneyFlows(api);
  await flows.party('gemeente-stukken', 'Gemeente Stukken', 'municipality');
  await flows.party('gemeente-elders', 'Gemeente Elders', 'municipality');
  await flows.party('bureau-stukken', 'Bureau Stukken', 'company');
  await flows.budget('stukken-2024', 'gemeente-stukken', 2024);
  factEventId = (await flows.commitExpense('inhuur-stukken', 'hired-staff', 'stukken-2024', 'bureau-stukken', '15000.00', '2024-09-01')).eventIds[0];
  tokens = {
    controller: await api.tokenFor('controller'),
    accountant: await api.tokenFor('accountant'),
    outsider: await api.tokenFor('recorder', ['gemeente-elders']),
  };
});
afterAll(() => api.close());

interface Upload {
  readonly bytes?: Buffer;
  readonly filename?: string;
  readonly contentType?: string;
  readonly fields?: Record<string, string>;
  readonly token?: string;
}

function upload({ bytes = PDF, filename = 'factuur-2024-118.pdf', contentType = 'application/pdf', fields = {}, token = api.token }: Upload = {}) {
  let call = api.http().post('/v1/documents').set('Authorization', `Bearer ${token}`);
  for (const [name, value] of Object.entries({ supportsEventId: factEventId, ...fields })) call = call.field(name, value);
  return call.attach('file', bytes, { filename, contentType });
}

/** The files the document store keeps (not what is staged). */
function keptFiles(): string[] {
  const root = join(api.dataDir, 'documents');
  return readdirSync(root)
    .filter((folder) => folder !== '.staging')
    .flatMap((folder) => readdirSync(join(root, folder)).map((name) => `${folder}${name}`))
    .sort();
}

/** A refused upload: the journal does not move and no file is kept or left staged. */
async function refusedUpload(send: () => Promise<Response>, status: number, kind: string) {
  const before = keptFiles();
  const response = await refusedWithoutWriting(api, send);
  expect(keptFiles()).toEqual(before);
  expect(readdirSync(join(api.dataDir, 'documents', '.staging'))).toEqual([]);
  return expectProblem(response, status, kind);
}

describe('POST /v1/documents', () => {
  it('keeps the file under its SHA-256 and records DocumentAttached naming the fact, its stream and the recorder', async () => {
    const response = await upload({ fields: { name: 'Factuur 2024-118.pdf', documentId: 'factuur-2024-118', sourceReference: 'Postregistratie 4411' } });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ id: 'factuur-2024-118', streamId: 'document-factuur-2024-118', revision: 0, documentId: 'factuur-2024-118', contentHash: sha256(PDF), contentType: 'application/pdf', sizeBytes: PDF.length });
    const hash = sha256(PDF);
    expect(readFileSync(join(api.dataDir, 'documents', hash.slice(0, 2), hash.slice(2)))).toEqual(PDF);
    const [event] = await streamEvents(api, 'document-factuur-2024-118');
    expect(event.type).toBe('DocumentAttached');
    expect(event.data).toEqual({
      documentId: 'factuur-2024-118',
      supportsEventId: factEventId,
      supportsStreamId: 'expense-inhuur-stukken',
      contentHash: hash,
      name: 'Factuur 2024-118.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      // The fact's own date when none is sent.
      effectiveDate: '2024-09-01',
    });
    expect(event.metadata).toMatchObject({ actor: expect.stringMatching(/^recorder-/), sourceReference: 'Postregistratie 4411' });
  });

  it('answers the same file sent again for the same fact as the same document, writing nothing', async () => {
    const first = await upload({ bytes: PNG, filename: 'betaalopdracht.png', contentType: 'image/png' });
    expect(first.status).toBe(201);
    expect(first.body.documentId).toMatch(/^doc-[0-9a-f]{24}$/);
    const again = await refusedWithoutWriting(api, () => upload({ bytes: PNG, filename: 'betaalopdracht.png', contentType: 'image/png' }));
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
  });

  it.each(['controller', 'accountant'] as const)('lets a %s attach a document too', async (role) => {
    const text = Buffer.from(`Controleverslag ${role}: factuur akkoord bevonden\n`);
    const response = await upload({ bytes: text, filename: `verslag-${role}.txt`, contentType: 'text/plain', token: tokens[role] });
    expect(response.status).toBe(201);
    expect(response.body.contentType).toBe('text/plain');
  });

  it('tells the type from the bytes when the client sends none', async () => {
    const bytes = Buffer.from('%PDF-1.4 opdrachtbevestiging\n', 'latin1');
    const response = await upload({ bytes, filename: 'opdracht', contentType: 'application/octet-stream' });
    expect(response.status).toBe(201);
    expect(response.body.contentType).toBe('application/pdf');
  });

  it('refuses a file over the size limit as 413, keeping nothing', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(LIMIT_BYTES, 0x20)]);
    await refusedUpload(() => upload({ bytes: big }), 413, 'payload-too-large');
  });

  it('refuses a file that is not what it says (a PNG sent as a PDF) as 422, keeping nothing', async () => {
    expect(await refusedUpload(() => upload({ bytes: PNG }), 422, 'invalid-value')).toMatchObject({ field: 'file' });
  });

  it('refuses a type the ledger does not keep as 415 naming the types it keeps, keeping nothing', async () => {
    const problem = await refusedUpload(() => upload({ bytes: Buffer.from('PK\u0003\u0004'), filename: 'stukken.zip', contentType: 'application/zip' }), 415, 'unsupported-media-type');
    expect(problem).toMatchObject({
      title: 'The request body is not of a type this endpoint takes',
      detail: 'a document is kept only as a PDF, a PNG or JPEG image, or plain text or CSV in UTF-8: the ledger keeps application/pdf, image/png, image/jpeg, text/plain, text/csv, not application/zip',
      field: 'file',
    });
  });

  it('refuses a JSON body as 415: a document is sent as multipart/form-data', async () => {
    await refusedUpload(() => post(api, '/v1/documents', { supportsEventId: factEventId }), 415, 'unsupported-media-type');
  });

  it('refuses an upload without a file as 400, keeping nothing', async () => {
    await refusedUpload(() => api.http().post('/v1/documents').set('Authorization', `Bearer ${api.token}`).field('supportsEventId', factEventId), 400, 'validation');
  });

  it.each([
    ['a name', { name: 'Beschikking 123456782.pdf' }],
    ['a source reference', { sourceReference: 'Dossier 123 456 782' }],
  ])('refuses a BSN in %s as 422 personal-data, keeping nothing', async (_what, fields) => {
    await refusedUpload(() => upload({ fields }), 422, 'personal-data');
  });

  it('refuses text holding a BSN as 422 personal-data: text is what the ledger can read', async () => {
    await refusedUpload(() => upload({ bytes: Buffer.from('naam;bsn\nJ. Jansen;123456782\n'), filename: 'lijst.csv', contentType: 'text/csv' }), 422, 'personal-data');
  });

  it('refuses an event the ledger does not hold as 422 unknown-reference, and one that is no UUID as 400', async () => {
    expect(await refusedUpload(() => upload({ fields: { supportsEventId: '01900000-0000-7000-8000-000000000000' } }), 422, 'unknown-reference')).toMatchObject({ field: 'supportsEventId' });
    await refusedUpload(() => upload({ fields: { supportsEventId: 'factuur' } }), 400, 'validation');
  });

  it('refuses an unknown field as 400, keeping nothing', async () => {
    await refusedUpload(() => upload({ fields: { burger: 'x' } }), 400, 'validation');
  });

  it('refuses a recorder for another party (403) and an admin (403), keeping nothing', async () => {
    await refusedUpload(() => upload({ bytes: Buffer.from('%PDF-1.7 elders', 'latin1'), token: tokens.outsider }), 403, 'forbidden');
    await refusedUpload(() => upload({ bytes: Buffer.from('%PDF-1.7 beheer', 'latin1'), token: api.adminToken }), 403, 'forbidden');
  });
});

describe('reading documents', () => {
  it('gives a document’s metadata: the fact, the hash, who attached it when', async () => {
    const response = await get(api, '/v1/documents/factuur-2024-118');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      documentId: 'factuur-2024-118',
      supportsEventId: factEventId,
      supportsStreamId: 'expense-inhuur-stukken',
      contentHash: sha256(PDF),
      name: 'Factuur 2024-118.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      effectiveDate: '2024-09-01',
      attachedBy: { actor: expect.stringMatching(/^recorder-/), position: expect.any(Number), recordedAt: expect.any(String), hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      contentUrl: '/v1/documents/factuur-2024-118/content',
    });
  });

  it('downloads it as sent, with its type, its name and its hash as ETag; a client holding it gets a 304', async () => {
    const request = api.http().get('/v1/documents/factuur-2024-118/content').set('Authorization', `Bearer ${api.token}`);
    const response = await request.buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(PDF);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="Factuur 2024-118.pdf"');
    expect(response.headers.etag).toBe(`"${sha256(PDF)}"`);
    expect((await get(api, '/v1/documents/factuur-2024-118/content', { 'If-None-Match': `"${sha256(PDF)}"` })).status).toBe(304);
  });

  it('lets every reader of the ledger download it (an accountant)', async () => {
    expect((await get(api, '/v1/documents/factuur-2024-118/content', { Authorization: `Bearer ${tokens.accountant}` })).status).toBe(200);
  });

  it('lists the documents of a fact, oldest first, and in the audit trail of its entity', async () => {
    const listed = (await get(api, `/v1/events/${factEventId}/documents`)).body;
    expect(listed.eventId).toBe(factEventId);
    expect(listed.streamId).toBe('expense-inhuur-stukken');
    expect(listed.documents.map((d: { name: string }) => d.name)).toEqual(['Factuur 2024-118.pdf', 'betaalopdracht.png', 'verslag-controller.txt', 'verslag-accountant.txt', 'opdracht']);
    const trail = (await get(api, '/v1/audit/streams/expense-inhuur-stukken')).body;
    expect(trail.documents.map((d: { documentId: string }) => d.documentId)).toEqual(listed.documents.map((d: { documentId: string }) => d.documentId));
  });

  it('answers 404 for a document or an event the ledger does not hold', async () => {
    expectProblem(await get(api, '/v1/documents/bestaat-niet'), 404, 'not-found');
    expectProblem(await get(api, '/v1/documents/bestaat-niet/content'), 404, 'not-found');
    expectProblem(await get(api, '/v1/events/01900000-0000-7000-8000-000000000000/documents'), 404, 'not-found');
  });

  it('leaves a reversed attachment out: it was never a document of the fact', async () => {
    const bytes = Buffer.from('%PDF-1.7 verkeerd stuk', 'latin1');
    const attached = await upload({ bytes, fields: { documentId: 'verkeerd-stuk' } });
    expect(attached.status).toBe(201);
    await flows.reverse('verkeerd-bijgevoegd', 'document-verkeerd-stuk', attached.body.eventIds[0], '2024-09-02');
    expectProblem(await get(api, '/v1/documents/verkeerd-stuk'), 404, 'not-found');
    const names = (await get(api, `/v1/events/${factEventId}/documents`)).body.documents.map((d: { documentId: string }) => d.documentId);
    expect(names).not.toContain('verkeerd-stuk');
    // As the ledger knew them then: attached and not yet reversed at its position, not there before it.
    const at = attached.body.position as number;
    const asOf = async (position: number) => ({
      ofFact: (await get(api, `/v1/events/${factEventId}/documents?asOf=${position}`)).body.documents.map((d: { documentId: string }) => d.documentId),
      inTrail: (await get(api, `/v1/audit/streams/expense-inhuur-stukken?asOf=${position}`)).body.documents.map((d: { documentId: string }) => d.documentId),
    });
    expect(await asOf(at)).toEqual({ ofFact: [...names, 'verkeerd-stuk'], inTrail: [...names, 'verkeerd-stuk'] });
    expect(await asOf(at - 1)).toEqual({ ofFact: names, inTrail: names });
  });

  it('answers the documents of a fact as of a cut: none before the fact was recorded, and refuses what it does not take', async () => {
    const recorded = (await get(api, `/v1/audit/streams/expense-inhuur-stukken`)).body.events[0].position as number;
    expectProblem(await get(api, `/v1/events/${factEventId}/documents?asOf=${recorded - 1}`), 404, 'not-found');
    expect((await get(api, `/v1/events/${factEventId}/documents?asOf=${recorded}`)).body.documents).toEqual([]);
    expectProblem(await get(api, `/v1/events/${factEventId}/documents?asOf=gisteren`), 400, 'validation');
    expectProblem(await get(api, `/v1/events/${factEventId}/documents?on=2024-01-01`), 400, 'validation');
  });
});

/** `npm run cli -- verify` on the harness's data folder, beside the running API. */
function cliVerify(): Promise<{ status: number | null; stdout: string }> {
  const root = resolve(__dirname, '../..');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'verify'], {
    cwd: root,
    env: { ...process.env, GELDSTROOM_DATA_DIR: api.dataDir, GELDSTROOM_SIGNING_KEY: '', EVENTSTORE_CONNECTION_STRING: '' },
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  return new Promise((done) => child.on('close', (status) => done({ status, stdout })));
}

describe('verify', () => {
  const verify = async () => (await post(api, '/v1/journal/verify', {})).body;

  it('checks every document’s file against its hash: all intact', async () => {
    const report = await verify();
    expect(report.ok).toBe(true);
    // Five files kept for five documents (the reversed one is no document, its file not checked).
    expect(report.documents).toMatchObject({ ok: true, filesChecked: 5, failures: [] });
  });

  it('names a document whose file was altered, and one whose file is gone, in the API, /health and the CLI', async () => {
    const hash = sha256(PDF);
    const path = join(api.dataDir, 'documents', hash.slice(0, 2), hash.slice(2));
    writeFileSync(path, Buffer.from('%PDF-1.7 een ander bedrag', 'latin1'));
    const png = sha256(PNG);
    rmSync(join(api.dataDir, 'documents', png.slice(0, 2), png.slice(2)));

    const report = await verify();
    expect(report.ok).toBe(true); // the journal itself is intact
    expect(report.documents.ok).toBe(false);
    const pngDocument = (await get(api, `/v1/events/${factEventId}/documents`)).body.documents.find((d: { name: string }) => d.name === 'betaalopdracht.png');
    expect(report.documents.failures).toEqual([
      { documentId: pngDocument.documentId, contentHash: png, problem: 'missing' },
      { documentId: 'factuur-2024-118', contentHash: hash, problem: 'altered', actualHash: sha256(Buffer.from('%PDF-1.7 een ander bedrag', 'latin1')) },
    ]);
    expectProblem(await get(api, '/v1/documents/factuur-2024-118/content'), 500, 'document-integrity');

    // The ledger's own verify (the scheduled one) sets /health.
    const { IntegrityMonitor } = await import('../../apps/api/src/health/integrity-monitor');
    await api.app.get(IntegrityMonitor).verifyOwn();
    const health = await api.http().get('/health');
    expect(health.status).toBe(503);
    expect(health.body.error.documents).toMatchObject({ status: 'down', failures: expect.arrayContaining([expect.objectContaining({ documentId: 'factuur-2024-118', problem: 'altered' })]) });

    const cli = await cliVerify();
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain(`document factuur-2024-118: file altered, recorded hash ${hash}`);
    expect(cli.stdout).toContain(`document ${pngDocument.documentId}: file missing, recorded hash ${png}`);
    expect(existsSync(join(api.dataDir, 'documents', '.staging'))).toBe(true);
  }, 120_000);
});
