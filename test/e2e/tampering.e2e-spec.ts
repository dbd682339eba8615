// Someone edits the SQLite file behind the API's back: verify names the first bad position,
// and the API's health says the journal is no longer intact.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import { startApi, type Harness } from '../support/api-harness';
import { loadScenario, recordScenario } from '../support/scenario';
import { IntegrityMonitor } from '../../apps/api/src/health/integrity-monitor';
import { expectCreated, fresh, get, post } from '../support/http';
import { ReadModels } from '../../apps/api/src/queries/projections.module';

let api: Harness;
beforeAll(async () => {
  api = await startApi();
  await recordScenario(api, loadScenario('heerlen'));
});
afterAll(() => api.close());

/** What the schedule (GELDSTROOM_VERIFY_EVERY_MINUTES) runs: the ledger's own verify, the one /health reports. */
const scheduledVerify = () => api.app.get(IntegrityMonitor).verifyOwn();

it('keeps /health on the ledger’s own verdict: a reader’s made-up digest fails for that reader only', async () => {
  await scheduledVerify();
  const madeUp = { digests: [{ treeSize: 1_000_000_000, rootHash: 'ab'.repeat(32) }] };
  const report = (await post(api, '/v1/journal/verify', madeUp)).body;
  expect(report).toMatchObject({ ok: false, failure: { kind: 'log-truncated' } });
  const health = await api.http().get('/health');
  expect(health.status).toBe(200);
  expect(health.body.details.journal).toMatchObject({ status: 'up', verified: true });
});

it('refuses a digest that claims a signature the ledger did not make', async () => {
  const digest = (await get(api, '/v1/journal/digest')).body;
  const signature = { algorithm: 'Ed25519', publicKey: 'MCowBQYDK2VwAyEA' + 'A'.repeat(43) + '=', value: 'A'.repeat(86) + '==' };
  const response = await post(api, '/v1/journal/verify', { digests: [{ ...digest, signature }] });
  expect(response.status).toBe(422);
});

it('reports an edited amount through verify and /health', async () => {
  const healthy = await api.http().get('/health');
  expect(healthy.status).toBe(200);
  expect((await post(api, '/v1/journal/verify', {})).body.ok).toBe(true);
  await scheduledVerify();
  expect((await api.http().get('/health')).body.details.journal).toMatchObject({ status: 'up', verified: true });

  const db = new Database(join(api.dataDir, 'events.sqlite'));
  const row = db
    .prepare("SELECT position, body FROM events WHERE stream_id = 'grant-azl-werkvoorheerlen-pilot-2024' ORDER BY revision LIMIT 1")
    .get() as { position: number; body: Buffer };
  const edited = row.body.toString('utf8').replace('"amountCents":10000000', '"amountCents":1000000');
  expect(edited).not.toBe(row.body.toString('utf8'));
  db.prepare('UPDATE events SET body = ? WHERE position = ?').run(Buffer.from(edited, 'utf8'), row.position);
  db.close();

  const report = (await post(api, '/v1/journal/verify', {})).body;
  expect(report.ok).toBe(false);
  expect(report.failure).toMatchObject({ kind: 'hash-mismatch', position: row.position });
  // A caller's verify tells the caller; the ledger's own tells /health.
  expect((await api.http().get('/health')).status).toBe(200);
  await scheduledVerify();

  const health = await api.http().get('/health');
  expect(health.status).toBe(503);
  expect(health.body.details.journal).toMatchObject({ status: 'down', failure: { kind: 'hash-mismatch', position: row.position } });
  expect(health.body.details.store.status).toBe('up');
  // The digest endpoint still answers, so an auditor can compare it with one kept earlier.
  expect((await get(api, '/v1/journal/digest')).status).toBe(200);
});

describe('a row whose column was given another storage type, its bytes unchanged', () => {
  let cast: Harness;
  beforeAll(async () => {
    cast = await startApi();
  });
  afterAll(() => cast.close());

  // The review's finding: verify threw a TypeError (a 500 here, a /health left green).
  it('is a failed verify naming the position and the column, in the answer, in /health and in every answer read from the journal', async () => {
    const partyId = fresh('partij');
    const created = expectCreated(await post(cast, '/v1/parties', { partyId, name: 'Gemeente', kind: 'municipality', effectiveDate: '2024-01-01', sourceReference: 'test' }));
    await cast.app.get(IntegrityMonitor).verifyOwn();
    expect((await cast.http().get('/health')).status).toBe(200);

    const db = new Database(join(cast.dataDir, 'events.sqlite'));
    db.prepare('UPDATE events SET event_id = CAST(event_id AS BLOB) WHERE position = ?').run(created.position);
    db.close();

    const verified = await post(cast, '/v1/journal/verify', {});
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ ok: false, failure: { kind: 'column-type-mismatch', position: created.position } });
    expect(verified.body.failure.detail).toContain('event_id is stored as blob');
    await cast.app.get(IntegrityMonitor).verifyOwn();
    const health = await cast.http().get('/health');
    expect(health.status).toBe(503);
    expect(health.body.details.journal).toMatchObject({ status: 'down', verified: false, failure: { kind: 'column-type-mismatch', position: created.position } });
    const answer = await get(cast, `/v1/parties/${partyId}/spending`);
    expect(answer.headers['geldstroom-journal']).toBe('does-not-verify');
    expect(answer.body.warning).toMatch(new RegExp(`^The journal does not verify \\(column-type-mismatch at position ${created.position}\\)`));
  });
});

// The review's finding: a file exported from a journal that failed its verify was stamped with its
// tree head as if all were well, with no header; a Waarschuwing named the read models alone.
describe('an export, after one byte of a previous hash was flipped in the file', () => {
  const PILOT = 'pilot-werkvoorheerlen-2024';
  let flipped: Harness;
  let position: number;
  beforeAll(async () => {
    flipped = await startApi();
    await recordScenario(flipped, loadScenario('heerlen'));
    await flipped.app.get(ReadModels).projector.catchUp();
    const db = new Database(join(flipped.dataDir, 'events.sqlite'));
    position = Math.floor((db.prepare('SELECT max(position) FROM events').pluck().get() as number) / 2);
    const previous = db.prepare('SELECT previous_hash FROM events WHERE position = ?').pluck().get(position) as Buffer;
    previous[7] ^= 0x01;
    db.prepare('UPDATE events SET previous_hash = ? WHERE position = ?').run(previous, position);
    db.close();
    await flipped.app.get(IntegrityMonitor).verifyOwn();
  }, 60_000);
  afterAll(() => flipped.close());

  const download = (path: string) =>
    flipped
      .http()
      .get(path)
      .set('Authorization', `Bearer ${flipped.token}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  const stampOf = (csv: Buffer) => csv.toString('utf8').split('\r\n\r\n')[1];

  it('warns in the file and in the header, as every answer does, naming the journal and where it fails', async () => {
    const health = await flipped.http().get('/health');
    expect(health.status).toBe(503);
    expect(health.body.details.journal).toMatchObject({ status: 'down', failure: { position } });
    const kind = health.body.details.journal.failure.kind as string;
    const answer = await get(flipped, `/v1/programmes/${PILOT}/cost`);
    expect(answer.headers['geldstroom-journal']).toBe('does-not-verify');
    expect(answer.body.warning).toMatch(/^The journal does not verify/);

    const warning = `Waarschuwing;LET OP: het journaal doorstaat de controle NIET (${kind} op positie ${position}), op deze cijfers kan niet worden vertrouwd tot het journaal is hersteld en weer klopt\r\n`;
    for (const path of [`/v1/exports/programme-cost?id=${PILOT}`, '/v1/exports/journal', '/v1/exports/findings', `/v1/exports/then-and-now?id=${PILOT}&report=programme-cost&then=5`]) {
      const csv = await download(path);
      expect(csv.status).toBe(200);
      expect(csv.headers['geldstroom-journal']).toBe('does-not-verify');
      expect(stampOf(csv.body)).toMatch(new RegExp(`^${warning.replace(/[()]/g, '\\$&')}Geldstroom-export;`));
    }
    const xlsx = await download(`/v1/exports/programme-cost?id=${PILOT}&format=xlsx`);
    expect(xlsx.headers['geldstroom-journal']).toBe('does-not-verify');
    const workbook = new Workbook();
    await workbook.xlsx.load(xlsx.body as Parameters<typeof workbook.xlsx.load>[0]);
    expect((workbook.getWorksheet('Verantwoording')!.getRow(1).values as unknown[]).slice(1)).toEqual(['Waarschuwing', warning.slice('Waarschuwing;'.length, -2)]);
  });

  it('names both the journal and the read models when neither verifies', async () => {
    const projections = new Database(join(flipped.dataDir, 'projections.sqlite'));
    projections.prepare("UPDATE programme_totals SET committed_cents = committed_cents + 100 WHERE programme_id = ? AND kind = 'grant'").run(PILOT);
    projections.close();
    await flipped.app.get(IntegrityMonitor).verifyOwn();
    const csv = await download(`/v1/exports/programme-cost?id=${PILOT}`);
    expect(csv.headers['geldstroom-journal']).toBe('does-not-verify');
    expect(csv.headers['geldstroom-read-models']).toBe('do-not-match-journal');
    const [warning] = stampOf(csv.body).split('\r\n');
    expect(warning).toMatch(new RegExp(`^Waarschuwing;LET OP: het journaal doorstaat de controle NIET \\(\\S+ op positie ${position}\\) en de leesmodellen komen NIET overeen met het journaal,`));
  });
});
