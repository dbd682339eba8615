// copy through the port, between SQLite files: what EventStoreDB's limits and several writers'
// clocks ask of it (the EventStoreDB side is the same port code, and is not run here).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  canonicalEnvelope,
  chainHash,
  GENESIS_HASH,
  SqliteEventStore,
  type AppendResult,
  type EventStore,
  type EventToAppend,
} from '@geldstroom/event-store';
import { appendBytesOf, COPY_APPEND_BYTES_MAX, copyLedger, CopyRefusedError } from './copy-ledger';

const event = (data: Record<string, string | number> = {}): EventToAppend => ({
  id: randomUUID(),
  type: 'GrantAwarded',
  data,
  metadata: { actor: 'copy-spec' },
});

describe('copy', () => {
  let dir: string;
  let stores: SqliteEventStore[];
  const open = (name: string) => {
    const store = SqliteEventStore.open({ path: join(dir, `${name}.sqlite`) });
    stores.push(store);
    return store;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'geldstroom-copy-'));
    stores = [];
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies a ledger whose recordedAt goes back along the log, as two skewed writers leave it', async () => {
    const source = open('source');
    await source.append('budget-a', [event()], 'no_stream', { recordedAt: '2025-03-01T10:00:00.000Z' });
    await source.append('budget-b', [event()], 'no_stream', { recordedAt: '2025-03-01T09:55:00.000Z' });
    await source.append('budget-a', [event()], 0, { recordedAt: '2025-03-01T10:00:01.000Z' });
    const report = await copyLedger(source, open('target'));
    expect(report).toMatchObject({ copied: 3, identical: true });
  });

  it('splits one large original append into writes EventStoreDB takes', async () => {
    const source = open('source');
    const note = 'x'.repeat(4_000);
    await source.append('grant-big', Array.from({ length: 300 }, (_, i) => event({ i, note })), 'no_stream');
    const target = open('target');
    const writes: number[] = [];
    const counting: EventStore = Object.create(target, {
      append: {
        value: async (...args: Parameters<EventStore['append']>): Promise<AppendResult> => {
          const result = await target.append(...args);
          const bytes = (await readRange(target, args[0], result.nextExpectedRevision - args[1].length + 1, args[1].length))
            .map(appendBytesOf)
            .reduce((a, b) => a + b, 0);
          writes.push(bytes);
          return result;
        },
      },
    });
    const report = await copyLedger(source, counting);
    expect(report.identical).toBe(true);
    expect(writes.length).toBeGreaterThan(1);
    for (const bytes of writes) expect(bytes).toBeLessThanOrEqual(COPY_APPEND_BYTES_MAX);
  });

  it('refuses an event hashed with an upper-case id, which no store keeps so any more', async () => {
    const path = join(dir, 'legacy.sqlite');
    await SqliteEventStore.open({ path }).close();
    writeLegacyEvent(path, randomUUID().toUpperCase());
    const source = SqliteEventStore.open({ path });
    stores.push(source);
    await expect(copyLedger(source, open('target'))).rejects.toBeInstanceOf(CopyRefusedError);
  });
});

async function readRange(store: EventStore, streamId: string, fromRevision: number, maxCount: number) {
  const events = [];
  for await (const recorded of store.readStream(streamId, { fromRevision, maxCount })) events.push(recorded);
  return events;
}

/** An event as the store wrote it before ids were normalised: its hash covers the id as given. */
function writeLegacyEvent(path: string, id: string): void {
  const db = new Database(path);
  const envelope = { id, streamId: 'grant-legacy', revision: 0, type: 'GrantAwarded', data: {}, metadata: {}, recordedAt: '2024-07-08T09:30:00.000Z' };
  const canonical = canonicalEnvelope(envelope);
  db.prepare(
    `INSERT INTO events (position, event_id, stream_id, revision, body, hash, previous_hash, recorded_at, hash_scheme)
     VALUES (1, ?, 'grant-legacy', 0, ?, ?, ?, ?, 1)`,
  ).run(id, canonical, chainHash(GENESIS_HASH, canonical), GENESIS_HASH, envelope.recordedAt);
  db.close();
}
