// Authentication reads the access stream straight from the store: an edit of that stream in the
// file (a recorder made admin, no rehash) must not grant anything. It fails closed, with a 503.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@geldstroom/event-store';
import { ProblemException } from '../problem/problem';
import { AccessRegistry } from './access-registry';

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'geldstroom-access-'));
  path = join(dir, 'events.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function onStore<T>(work: (registry: AccessRegistry) => Promise<T>): Promise<T> {
  const store = SqliteEventStore.open({ path });
  try {
    return await work(AccessRegistry.onStore(store));
  } finally {
    await store.close();
  }
}

/** A first admin and a recorder for all parties; the recorder's token. */
async function ledgerWithRecorder(): Promise<{ recorderToken: string; adminToken: string }> {
  return onStore(async (registry) => {
    const admin = await registry.ensureFirstAdmin();
    const recorder = await registry.create({ principalId: 'boekhouding', role: 'recorder', scope: 'all', label: 'Boekhouding' }, 'admin');
    return { recorderToken: recorder.token, adminToken: admin!.token };
  });
}

function editAccessEvent(from: string, to: string): void {
  const db = new Database(path);
  try {
    const row = db.prepare("SELECT position, body FROM events WHERE stream_id = 'access-principals' AND CAST(body AS TEXT) LIKE ?").get(`%${from}%`) as { position: number; body: Buffer };
    db.prepare('UPDATE events SET body = ? WHERE position = ?').run(Buffer.from(row.body.toString('utf8').replace(from, to), 'utf8'), row.position);
  } finally {
    db.close();
  }
}

it('authenticates from an access stream that verifies', async () => {
  const { recorderToken } = await ledgerWithRecorder();
  expect(await onStore((registry) => registry.authenticate(recorderToken))).toMatchObject({ principalId: 'boekhouding', role: 'recorder' });
});

it('grants nothing, to anyone, once a role was edited in the file without a rehash', async () => {
  const { recorderToken, adminToken } = await ledgerWithRecorder();
  editAccessEvent('"role":"recorder"', '"role":"admin"');
  for (const token of [recorderToken, adminToken]) {
    const refused = await onStore((registry) => registry.authenticate(token).then(() => undefined, (error: unknown) => error));
    expect(refused).toBeInstanceOf(ProblemException);
    expect((refused as ProblemException).getStatus()).toBe(503);
    expect((refused as ProblemException).message).toContain('The access stream does not verify');
  }
  const creating = onStore((registry) => registry.create({ principalId: 'insider', role: 'admin', scope: 'all', label: 'Insider' }, 'boekhouding'));
  await expect(creating).rejects.toThrow('The access stream does not verify');
});
