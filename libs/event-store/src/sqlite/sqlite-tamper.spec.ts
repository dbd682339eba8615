// Someone with write access to the SQLite file changes the journal behind the store's back.
// Each way of doing so must be caught by verify, and named.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import { chainHash, GENESIS_HASH } from '../integrity/event-hash';
import { JournalDigester } from '../integrity/journal-digester';
import { verifyJournal, type VerifyOptions, type VerifyReport } from '../integrity/verify-journal';
import { SqliteEventStore } from './sqlite-event-store';

const STREAMS = 4;
const EVENTS_PER_STREAM = 5;
const TOTAL = STREAMS * EVENTS_PER_STREAM;

let dir: string;
let path: string;

// Every case runs twice: in one pass, and split into ranges of 4 events checked on worker
// threads and joined (streams run across the ranges), which must name the same failures.
const ONE_PASS: VerifyOptions = { workers: 0 };
const IN_RANGES: VerifyOptions = { workers: 2, rangeEvents: 4 };
let mode: VerifyOptions = ONE_PASS;

/** 20 events, interleaved over 4 streams; a digest kept at 10 events and one at 20. */
async function seedLedger(): Promise<void> {
  const store = SqliteEventStore.open({ path });
  const digester = new JournalDigester(store);
  for (let round = 0; round < EVENTS_PER_STREAM; round += 1) {
    for (let s = 0; s < STREAMS; s += 1) {
      const event = { id: randomUUID(), type: 'Paid', data: { amountCents: 1000 * (round + 1) }, metadata: {} };
      await store.append(`grant-${s}`, [event], round === 0 ? 'no_stream' : round - 1);
    }
    if (round === 1 || round === EVENTS_PER_STREAM - 1) await digester.keep();
  }
  await store.close();
}

async function verifyFile(options: VerifyOptions = mode): Promise<VerifyReport> {
  const store = SqliteEventStore.open({ path });
  try {
    return await verifyJournal(store, options);
  } finally {
    await store.close();
  }
}

function tamper(change: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    change(db);
  } finally {
    db.close();
  }
}

function body(db: Database.Database, position: number): Record<string, unknown> {
  const row = db.prepare('SELECT body FROM events WHERE position = ?').get(position) as { body: Buffer };
  return JSON.parse(row.body.toString('utf8')) as Record<string, unknown>;
}

function rewrite(db: Database.Database, position: number, envelope: unknown, previousHash: Buffer): void {
  const canonical = Buffer.from(canonicalize(envelope) as string, 'utf8');
  db.prepare('UPDATE events SET body = ?, hash = ? WHERE position = ?').run(
    canonical,
    chainHash(previousHash, canonical),
    position,
  );
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'geldstroom-tamper-'));
  path = join(dir, 'events.sqlite');
  await seedLedger();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe.each([
  ['in one pass', ONE_PASS],
  ['in ranges on worker threads', IN_RANGES],
])('verify %s', (_, options) => {
  beforeEach(() => (mode = options));

  it('passes an untouched journal, having checked every event and both kept digests', async () => {
    const report = await verifyFile();
    expect(report).toMatchObject({ ok: true, eventsChecked: TOTAL, treeSize: TOTAL, headPosition: TOTAL, digestsChecked: 2 });
  });

  it('catches an edited row and names its position', async () => {
    tamper((db) => {
      const edited = body(db, 7);
      edited.data = { amountCents: 99_999_999 };
      db.prepare('UPDATE events SET body = ? WHERE position = 7').run(Buffer.from(JSON.stringify(edited)));
    });
    expect((await verifyFile()).failure).toMatchObject({ kind: 'hash-mismatch', position: 7 });
  });

  it('catches an edited row whose hash was recomputed, through the next event of its stream', async () => {
    tamper((db) => {
      const edited = body(db, 6);
      edited.data = { amountCents: 1 };
      const previous = db.prepare('SELECT previous_hash FROM events WHERE position = 6').pluck().get() as Buffer;
      rewrite(db, 6, edited, previous);
    });
    expect((await verifyFile()).failure).toMatchObject({ kind: 'chain-broken', position: 10 });
  });

  it('catches the last event of a stream rewritten with a valid chain, through the kept digests', async () => {
    tamper((db) => {
      const edited = body(db, 20);
      edited.data = { amountCents: 1 };
      const previous = db.prepare('SELECT previous_hash FROM events WHERE position = 20').pluck().get() as Buffer;
      rewrite(db, 20, edited, previous);
    });
    const failure = (await verifyFile()).failure;
    expect(failure).toMatchObject({ kind: 'digest-inconsistent', position: 9 });
    expect(failure?.detail).toContain('events 9 to 20');
  });

  it('catches a deleted row and names the missing position', async () => {
    tamper((db) => db.prepare('DELETE FROM events WHERE position = 12').run());
    expect((await verifyFile()).failure).toMatchObject({ kind: 'position-gap', position: 12 });
  });

  it('catches a row inserted into the middle of the log with a valid hash of its own', async () => {
    tamper((db) => {
      // Make room at position 4 and forge the first event of a new stream there.
      db.prepare('UPDATE events SET position = -position WHERE position >= 4').run();
      db.prepare('UPDATE events SET position = 1 - position WHERE position < 0').run();
      const envelope = {
        id: randomUUID(),
        streamId: 'grant-forged',
        revision: 0,
        type: 'Paid',
        data: { amountCents: 5_000_000 },
        metadata: {},
        recordedAt: new Date().toISOString(),
      };
      const canonical = Buffer.from(canonicalize(envelope) as string, 'utf8');
      db.prepare(
        `INSERT INTO events (position, event_id, stream_id, revision, body, hash, previous_hash, recorded_at)
         VALUES (4, ?, 'grant-forged', 0, ?, ?, ?, ?)`,
      ).run(envelope.id, canonical, chainHash(GENESIS_HASH, canonical), GENESIS_HASH, envelope.recordedAt);
    });
    expect((await verifyFile()).failure).toMatchObject({ kind: 'digest-inconsistent', position: 1 });
  });

  it('catches two events of different streams swapped in the global order', async () => {
    tamper((db) => {
      db.prepare('UPDATE events SET position = -1 WHERE position = 13').run();
      db.prepare('UPDATE events SET position = 13 WHERE position = 14').run();
      db.prepare('UPDATE events SET position = 14 WHERE position = -1').run();
    });
    expect((await verifyFile()).failure).toMatchObject({ kind: 'digest-inconsistent', position: 9 });
  });

  it('catches two events of one stream swapped', async () => {
    tamper((db) => {
      db.prepare('UPDATE events SET position = -1 WHERE position = 2').run();
      db.prepare('UPDATE events SET position = 2 WHERE position = 6').run();
      db.prepare('UPDATE events SET position = 6 WHERE position = -1').run();
    });
    expect((await verifyFile()).failure).toMatchObject({ kind: 'revision-gap', position: 2 });
  });

  it('catches the newest events dropped from the tail', async () => {
    tamper((db) => db.prepare('DELETE FROM events WHERE position > 17').run());
    expect((await verifyFile()).failure).toMatchObject({ kind: 'log-truncated', position: 18 });
  });

  it('catches a truncated tail even when the kept digests were deleted too, given the auditor’s digest', async () => {
    const store = SqliteEventStore.open({ path });
    const auditorsCopy = await new JournalDigester(store).current();
    await store.close();
    tamper((db) => {
      db.prepare('DELETE FROM events WHERE position > 17').run();
      db.prepare('DELETE FROM kept_digests').run();
    });
    const reopened = SqliteEventStore.open({ path });
    const report = await verifyJournal(reopened, { ...mode, trustedDigests: [auditorsCopy] });
    await reopened.close();
    expect(report.failure).toMatchObject({ kind: 'log-truncated' });
  });
});

describe('verify in ranges on worker threads', () => {
  it('gives the same report as one pass, on an untouched journal and on a tampered one', async () => {
    // The detail may word a gap differently: a range cannot see the event after its end.
    const strip = ({ verifiedAt, durationMs, failure, ...report }: VerifyReport) => ({
      ...report,
      failure: failure && { ...failure, detail: undefined },
    });
    expect(strip(await verifyFile(IN_RANGES))).toEqual(strip(await verifyFile(ONE_PASS)));
    tamper((db) => db.prepare('DELETE FROM events WHERE position = 8').run());
    const inRanges = strip(await verifyFile(IN_RANGES));
    expect(inRanges).toMatchObject({ ok: false, eventsChecked: 7, headPosition: 7, failure: { kind: 'position-gap', position: 8 } });
    expect(inRanges).toEqual(strip(await verifyFile(ONE_PASS)));
  });
});
