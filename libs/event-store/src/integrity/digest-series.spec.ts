// An insider with the file (and not the key) rewrites an event, rehashes its stream with the
// product's own hash function and deletes the kept digests. The series of digests the ledger keeps
// every N events must then name the hole, and the ledger's keeper must not sign the rewrite.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { eventHash } from './event-hash';
import { JournalDigester } from './journal-digester';
import { signKeptDigests } from './sign-kept-digests';
import { verifyJournal, type VerifyOptions } from './verify-journal';

const KEEP_EVERY = 4;
const STREAMS = 4;
const ROUNDS = 5;
const { privateKey: signingKey } = generateKeyPairSync('ed25519');

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'geldstroom-series-'));
  path = join(dir, 'events.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** 20 payments over 4 streams, the keeper keeping as the API does (after each round). */
async function seedLedger(keeper: { keepEvery?: number } = { keepEvery: KEEP_EVERY }): Promise<void> {
  const store = SqliteEventStore.open({ path });
  const digester = new JournalDigester(store, { signingKey, ...keeper });
  for (let round = 0; round < ROUNDS; round += 1) {
    for (let s = 0; s < STREAMS; s += 1) {
      const event = { id: randomUUID(), type: 'GrantAdvancePaid', data: { amountCents: 1000 * (round + 1) }, metadata: {} };
      await store.append(`grant-${s}`, [event], round === 0 ? 'no_stream' : round - 1);
    }
    await digester.keepIfDue();
  }
  await store.close();
}

function tamper(change: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    change(db);
  } finally {
    db.close();
  }
}

/** Changes the amount at `position` and rehashes the rest of its stream, as the product would. */
function rewriteAmount(db: Database.Database, position: number): void {
  const bodyAt = (at: number) => JSON.parse((db.prepare('SELECT body FROM events WHERE position = ?').pluck().get(at) as Buffer).toString('utf8')) as Record<string, unknown>;
  const rewrite = (at: number, envelope: Record<string, unknown>, previousHash: Buffer): Buffer => {
    const canonical = canonicalize(envelope) as string;
    const { id, streamId, revision, recordedAt } = envelope as { id: string; streamId: string; revision: number; recordedAt: string };
    const hash = eventHash(2, previousHash, { eventId: id, streamId, revision, recordedAt, canonical });
    db.prepare('UPDATE events SET body = ?, hash = ? , previous_hash = ? WHERE position = ?').run(Buffer.from(canonical, 'utf8'), hash, previousHash, at);
    return hash;
  };
  const edited = bodyAt(position);
  edited.data = { amountCents: 1 };
  let previous = rewrite(position, edited, db.prepare('SELECT previous_hash FROM events WHERE position = ?').pluck().get(position) as Buffer);
  const later = db.prepare('SELECT position FROM events WHERE stream_id = ? AND position > ? ORDER BY position').pluck().all(edited.streamId, position) as number[];
  for (const at of later) previous = rewrite(at, bodyAt(at), previous);
}

async function onStore<T>(work: (store: SqliteEventStore) => Promise<T>): Promise<T> {
  const store = SqliteEventStore.open({ path });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

const verifyFile = (options: VerifyOptions = {}) => onStore((store) => verifyJournal(store, { workers: 0, signingKey, keepEvery: KEEP_EVERY, ...options }));

describe('the series of kept digests', () => {
  it('is kept at every multiple of the interval, and verifies', async () => {
    await seedLedger();
    const kept = await onStore((store) => store.keptDigests());
    expect(kept.map((digest) => digest.treeSize)).toEqual([4, 8, 12, 16, 20]);
    expect(await verifyFile()).toMatchObject({ ok: true, digestsChecked: 5 });
  });

  it('names the signed digest missing after a rewrite and DELETE FROM kept_digests', async () => {
    await seedLedger();
    tamper((db) => {
      rewriteAmount(db, 6);
      db.prepare('DELETE FROM kept_digests').run();
    });
    // Without the interval, nothing is left to tell the rewrite from the truth.
    expect(await verifyFile({ keepEvery: undefined })).toMatchObject({ ok: true });
    const failure = (await verifyFile()).failure;
    expect(failure).toMatchObject({ kind: 'digest-missing', position: 1 });
    expect(failure?.detail).toContain('a signed digest every 4 events, and none is kept over 4 events');
  });

  it('names the hole when only the digests over the rewrite were deleted', async () => {
    await seedLedger();
    tamper((db) => {
      rewriteAmount(db, 10);
      db.prepare('DELETE FROM kept_digests WHERE tree_size >= 10').run();
    });
    expect((await verifyFile()).failure).toMatchObject({ kind: 'digest-missing', position: 9 });
  });

  it('is not filled in by the keeper over a log it found past the hole: it would sign the rewrite', async () => {
    await seedLedger();
    tamper((db) => {
      rewriteAmount(db, 6);
      db.prepare('DELETE FROM kept_digests').run();
    });
    await onStore(async (store) => {
      const digester = new JournalDigester(store, { signingKey, keepEvery: KEEP_EVERY });
      await digester.keepIfDue();
      for (let i = 0; i < KEEP_EVERY; i += 1) {
        await store.append('grant-9', [{ id: randomUUID(), type: 'GrantAdvancePaid', data: { amountCents: 5 }, metadata: {} }], i === 0 ? 'no_stream' : i - 1);
      }
      await digester.keepIfDue();
      expect((await store.keptDigests()).map((digest) => digest.treeSize)).toEqual([24]);
    });
    expect((await verifyFile()).failure).toMatchObject({ kind: 'digest-missing', position: 1 });
  });

  it('is filled in by sign-kept, once someone vouches for the file: a ledger that never kept digests', async () => {
    await seedLedger({});
    expect((await verifyFile()).failure).toMatchObject({ kind: 'digest-missing' });
    expect(await onStore((store) => signKeptDigests(store, signingKey, KEEP_EVERY))).toMatchObject({ filled: 5, report: { ok: true } });
    expect(await verifyFile()).toMatchObject({ ok: true, digestsChecked: 5 });
  });

  it('starts after a digest kept off the series (an older version, another interval)', async () => {
    await seedLedger({});
    await onStore(async (store) => {
      const digester = new JournalDigester(store, { signingKey });
      await digester.keep(); // at 20, as the older keeper did every few seconds
    });
    expect(await verifyFile({ keepEvery: 3 })).toMatchObject({ ok: true });
    expect((await verifyFile({ keepEvery: 5 })).failure).toMatchObject({ kind: 'digest-missing', position: 1 });
  });
});

describe('a change an auditor’s digest catches', () => {
  it('is placed in events 1 to its size, even beside a digest of the same size the ledger signed since', async () => {
    await seedLedger({});
    const auditors = await onStore((store) => new JournalDigester(store).current());
    tamper((db) => rewriteAmount(db, 16));
    // The ledger, restarted on the rewritten file, signs its tree head.
    await onStore((store) => new JournalDigester(store, { signingKey }).keep().then(() => undefined));
    const failure = (await verifyFile({ keepEvery: undefined, trustedDigests: [auditors] })).failure;
    expect(failure).toMatchObject({ kind: 'digest-inconsistent', position: 1 });
    expect(failure?.detail).toContain('the change lies in events 1 to 20');
  });
});
