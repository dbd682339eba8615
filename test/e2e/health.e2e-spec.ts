// /health on the read models: their checkpoint against the store's head, the lag in events,
// and down once the projector has stopped on an event it cannot read.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { EventStore } from '@geldstroom/event-store';
import { EVENT_STORE } from '@geldstroom/application/write/store.tokens';
import { IntegrityMonitor } from '../../apps/api/src/health/integrity-monitor';
import { ReadModels } from '../../apps/api/src/queries/projections.module';
import { startApi, type Harness } from '../support/api-harness';
import { expectCreated, expectProblem, fresh, get, post } from '../support/http';

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

describe('when the journal verify throws instead of answering', () => {
  let throwing: Harness;
  beforeAll(async () => {
    throwing = await startApi();
  });
  afterAll(() => throwing.close());

  it('counts it as failed: /health 503, every answer warned, the verify endpoint a problem, and the read models still verified', async () => {
    const partyId = fresh('partij');
    expectCreated(await post(throwing, '/v1/parties', { partyId, name: 'Gemeente', kind: 'municipality', effectiveDate: '2024-01-01', sourceReference: 'test' }));
    await throwing.app.get(ReadModels).projector.catchUp();
    const monitor = throwing.app.get(IntegrityMonitor);
    await monitor.verifyOwn();
    expect((await throwing.http().get('/health')).status).toBe(200);
    // A read-model row edited as well: a verify of the journal that throws must not hide it.
    const projections = new Database(join(throwing.dataDir, 'projections.sqlite'));
    const edited = projections.prepare("UPDATE units SET state = replace(state, '\"Gemeente\"', '\"Gemeentx\"') WHERE unit_id LIKE ?").run(`%${partyId}%`);
    projections.close();
    expect(edited.changes).toBe(1);

    // Whatever the reason (this one is the review's: a value of another type hashed as text).
    const store = throwing.app.get<EventStore>(EVENT_STORE);
    const reading = jest.spyOn(store, 'readJournal').mockImplementation(() => {
      throw new TypeError('argument must be a string');
    });
    try {
      const report = await monitor.verifyOwn();
      expect(report).toMatchObject({ ok: false, failure: { kind: 'verify-aborted' } });
      const health = await throwing.http().get('/health');
      expect(health.status).toBe(503);
      const { journal, readModels } = health.body.details;
      expect(journal).toMatchObject({ status: 'down', verified: false, failure: { kind: 'verify-aborted' } });
      // The reason is for the log: /health is public.
      expect(JSON.stringify(journal)).not.toContain('argument must be a string');
      expect(readModels.verification).toMatchObject({ matchesJournal: false });
      const answer = await get(throwing, `/v1/parties/${partyId}/spending`);
      expect(answer.headers['geldstroom-journal']).toBe('does-not-verify');
      expect(answer.body.warning).toMatch(/^The journal does not verify \(verify-aborted\)/);

      const asked = await post(throwing, '/v1/journal/verify', {});
      expectProblem(asked, 503, 'verify-aborted');
      expect(asked.body.failure).toMatchObject({ kind: 'verify-aborted' });
    } finally {
      reading.mockRestore();
    }
    // Once the journal reads again, a verify that holds clears it.
    await monitor.verifyOwn();
    expect((await throwing.http().get('/health')).body.details.journal).toMatchObject({ status: 'up', verified: true });
  });
});
