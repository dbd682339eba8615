// /health on the read models: their checkpoint against the store's head, the lag in events,
// and down once the projector has stopped on an event it cannot read.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { IntegrityMonitor } from '../../apps/api/src/health/integrity-monitor';
import { ReadModels } from '../../apps/api/src/queries/projections.module';
import { startApi, type Harness } from '../support/api-harness';
import { expectCreated, fresh, get, post } from '../support/http';

let api: Harness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const registerParty = async () => {
  const partyId = fresh('partij');
  return expectCreated(await post(api, '/v1/parties', { partyId, name: 'Gemeente', kind: 'municipality', effectiveDate: '2024-01-01', sourceReference: 'test' }));
};

async function readModelsHealth() {
  const response = await api.http().get('/health');
  return { status: response.status, readModels: response.body.details.readModels as Record<string, unknown> };
}

it('reports no lag once the read models hold the whole log', async () => {
  const last = await registerParty();
  await api.app.get(ReadModels).projector.catchUp();
  const { status, readModels } = await readModelsHealth();
  expect(status).toBe(200);
  expect(readModels).toMatchObject({ status: 'up', checkpoint: last.position, headPosition: last.position, lagEvents: 0, lagCountCapped: false });
  expect(readModels.verification).toHaveProperty('matchesJournal');
});

it('counts the events the read models do not hold yet, and stays up', async () => {
  const { projector } = api.app.get(ReadModels);
  await projector.catchUp();
  const checkpoint = projector.checkpoint;
  await projector.stop();
  await registerParty();
  await registerParty();
  const last = await registerParty();
  const { status, readModels } = await readModelsHealth();
  expect(status).toBe(200);
  expect(readModels).toMatchObject({ status: 'up', checkpoint, headPosition: last.position, lagEvents: last.position - checkpoint });
  expect(last.position - checkpoint).toBe(3);

  projector.start();
  await projector.catchUp();
  expect((await readModelsHealth()).readModels).toMatchObject({ status: 'up', lagEvents: 0 });
});

it('is down with the reason once the projector has failed', async () => {
  // A row no reader can decode, written behind the API's back: the projector stops on it.
  const db = new Database(join(api.dataDir, 'events.sqlite'));
  const head = db.prepare('SELECT max(position) FROM events').pluck().get() as number;
  db.prepare('INSERT INTO events (position, event_id, stream_id, revision, body, hash, previous_hash, recorded_at, hash_scheme) VALUES (?, ?, ?, 0, ?, ?, ?, ?, 2)').run(
    head + 1,
    'not-an-event',
    'party-undecodable',
    Buffer.from('{not json', 'utf8'),
    Buffer.alloc(32),
    Buffer.alloc(32),
    new Date().toISOString(),
  );
  db.close();
  const { projector } = api.app.get(ReadModels);
  for (let waitedMs = 0; projector.lastError === undefined && waitedMs < 5_000; waitedMs += 50) {
    await new Promise((wait) => setTimeout(wait, 50));
  }

  const { status, readModels } = await readModelsHealth();
  expect(status).toBe(503);
  expect(readModels).toMatchObject({ status: 'down', headPosition: head + 1, lagEvents: 1 });
  expect(typeof readModels.failure).toBe('string');
});

describe('after a body was edited in the file without a rehash', () => {
  let tampered: Harness;
  beforeAll(async () => {
    tampered = await startApi();
  });
  afterAll(() => tampered.close());

  it('says the journal failed (verified false), and still verifies the read models and the documents', async () => {
    const partyId = fresh('partij');
    const created = expectCreated(await post(tampered, '/v1/parties', { partyId, name: 'Gemeente', kind: 'municipality', effectiveDate: '2024-01-01', sourceReference: 'test' }));
    await tampered.app.get(ReadModels).projector.catchUp();
    const db = new Database(join(tampered.dataDir, 'events.sqlite'));
    const body = (db.prepare('SELECT body FROM events WHERE position = ?').pluck().get(created.position) as Buffer).toString('utf8');
    db.prepare('UPDATE events SET body = ? WHERE position = ?').run(Buffer.from(body.replace('"Gemeente"', '"Gemeentx"'), 'utf8'), created.position);
    db.close();

    await tampered.app.get(IntegrityMonitor).verifyOwn();
    const response = await tampered.http().get('/health');
    expect(response.status).toBe(503);
    const { journal, readModels, documents } = response.body.details;
    expect(journal).toMatchObject({ status: 'down', verified: false, failure: { kind: 'hash-mismatch', position: created.position } });
    // Derived again from the journal as it now stands: the edited name is not what they hold.
    expect(readModels.verification).toMatchObject({ matchesJournal: false });
    expect(documents).toMatchObject({ verified: true });
    // Every answer read from the journal says so first, in a field and a header.
    const answer = await get(tampered, `/v1/parties/${partyId}/spending`);
    expect(answer.headers['geldstroom-journal']).toBe('does-not-verify');
    expect(Object.keys(answer.body)[0]).toBe('warning');
    expect(answer.body.warning).toMatch(new RegExp(`^The journal does not verify \\(hash-mismatch at position ${created.position}\\)`));
  });
});
