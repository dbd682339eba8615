import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { verifyJournal } from '../integrity/verify-journal';
import { SqliteEventStore } from './sqlite-event-store';

describeEventStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'geldstroom-contract-'));
  const store = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite store in a file of its own', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'geldstroom-store-'));
    store = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('group commit', () => {
    const event = (id = randomUUID()) => ({ id, type: 'Paid', data: { amountCents: 100 }, metadata: {} });

    // The id already in the log is reused by one append of a group: on its first event (refused
    // before it wrote anything) or on its second (refused halfway, so the commit is redone).
    it.each([
      ['on its first event', 0],
      ['halfway through its events', 1],
    ])('leaves out only the append that reuses an event id %s; the rest of the group commits', async (_, at) => {
      const taken = randomUUID();
      await store.append('grant-first', [event(taken)], 'no_stream');
      const events = [event(), event(), event()];
      events[at] = event(taken);
      const results = await Promise.allSettled([
        ...Array.from({ length: 20 }, (_, i) => store.append(`grant-${i}`, [event(), event()], 'no_stream')),
        store.append('grant-refused', events, 'no_stream'),
        ...Array.from({ length: 20 }, (_, i) => store.append(`grant-${i + 20}`, [event()], 'no_stream')),
      ]);
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
      expect(results[20]).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ message: expect.stringMatching(/UNIQUE/) }) });
      await expect(store.streamRevision('grant-refused')).resolves.toBeUndefined();
      expect(await store.headPosition()).toBe(1 + 20 * 2 + 20);
      // Positions stay dense and every chain holds: nothing of the refused append was kept.
      expect(await verifyJournal(store, { workers: 0 })).toMatchObject({ ok: true, eventsChecked: 61 });
    });

    it('writes an atomic append to several streams whole, in one commit with the appends beside it', async () => {
      const [results, single] = await Promise.all([
        store.appendAtomically([
          { streamId: 'budget-a', events: [event(), event()], expected: 'no_stream' },
          { streamId: 'budget-b', events: [event()], expected: 'no_stream' },
          { streamId: 'budget-a', events: [event()], expected: 1 },
        ]),
        store.append('grant-beside', [event()], 'no_stream'),
      ]);
      expect(results.map((r) => [r.streamId, r.nextExpectedRevision, r.firstPosition, r.lastPosition])).toEqual([
        ['budget-a', 1, 1, 2],
        ['budget-b', 0, 3, 3],
        ['budget-a', 2, 4, 4],
      ]);
      expect(single.firstPosition).toBe(5);
      expect(await verifyJournal(store, { workers: 0 })).toMatchObject({ ok: true, eventsChecked: 5 });
    });

    it('writes nothing of an atomic append when one of its streams is not at the revision expected, and keeps the rest of the group', async () => {
      await store.append('budget-b', [event()], 'no_stream');
      const [atomic, beside] = await Promise.allSettled([
        store.appendAtomically([
          { streamId: 'budget-a', events: [event(), event()], expected: 'no_stream' },
          { streamId: 'budget-b', events: [event()], expected: 'no_stream' },
        ]),
        store.append('grant-beside', [event()], 'no_stream'),
      ]);
      expect(atomic).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ streamId: 'budget-b' }) });
      expect(beside.status).toBe('fulfilled');
      await expect(store.streamRevision('budget-a')).resolves.toBeUndefined();
      expect(await store.headPosition()).toBe(2);
      expect(await verifyJournal(store, { workers: 0 })).toMatchObject({ ok: true, eventsChecked: 2 });
    });

    // Groups of more than a few go to the commit thread; a small one with nothing on its way is
    // written in the calling thread. Either way a stream gets its appends in the order they came.
    it('writes the appends to one stream in the order they came, whichever thread writes them', async () => {
      const ids: string[] = [];
      const appends: Promise<unknown>[] = [];
      for (const size of [1, 70, 3, 9, 2, 64, 1, 1, 5, 40, 2, 7, 1, 100, 1]) {
        for (let i = 0; i < size; i += 1) {
          const id = randomUUID();
          ids.push(id);
          appends.push(store.append('grant-order', [{ id, type: 'Paid', data: { n: ids.length }, metadata: {} }], 'any'));
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
      await Promise.all(appends);
      const read: string[] = [];
      for await (const event of store.readStream('grant-order')) read.push(event.id);
      expect(read).toEqual(ids);
      expect(await verifyJournal(store, { workers: 0 })).toMatchObject({ ok: true, eventsChecked: ids.length });
    });
  });

  describe('a subscription that wants some metadata keys', () => {
    const plain = (i: number) => ({ id: randomUUID(), type: 'Paid', data: { i }, metadata: { actor: 'test' } });
    const origin = (i: number) => ({ ...plain(i), metadata: { actor: 'test', mirrors: [{ streamId: 'b', events: [] }] } });

    async function received(subscription: AsyncIterable<{ data: { i?: unknown } }>, until: number): Promise<unknown[]> {
      const seen: unknown[] = [];
      for await (const event of subscription) {
        seen.push(event.data.i);
        if (event.data.i === until) break;
      }
      return seen;
    }

    it('leaves out the events that do not mention a key, also past a long run of them and once live', async () => {
      // More events without the key in a row than one read looks at (16,384), then one with it.
      await store.append('a', [origin(0)], 'no_stream');
      for (let from = 1; from <= 20_000; from += 1_000) await store.append('a', Array.from({ length: 1_000 }, (_, i) => plain(from + i)), 'any');
      await store.append('a', [origin(20_001)], 'any');
      const subscription = store.subscribeToAll({ metadataKeys: ['mirrors'] });
      const caughtUp = received(subscription, 20_002);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await store.append('a', [plain(20_001.5), origin(20_002)], 20_001);
      expect(await caughtUp).toEqual([0, 20_001, 20_002]);
      await subscription.close();
    }, 15_000);
  });
});

// Heads are kept between reads: what another connection commits to the file must still be seen.
describe('SQLite stream heads with two handles on one file', () => {
  let dir: string;
  let mine: SqliteEventStore;
  let theirs: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'geldstroom-heads-'));
    mine = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
    theirs = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await Promise.all([mine.close(), theirs.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const event = () => ({ id: randomUUID(), type: 'Paid', data: { amountCents: 100 }, metadata: {} });

  it("sees a stream the other handle made after this one found it absent, and each handle's appends in the other", async () => {
    await expect(mine.streamRevision('grant-1')).resolves.toBeUndefined();
    await theirs.append('grant-1', [event()], 'no_stream');
    await expect(mine.streamRevision('grant-1')).resolves.toBe(0);
    await theirs.append('grant-1', [event(), event()], 0);
    await expect(mine.streamRevision('grant-1')).resolves.toBe(2);
    await mine.append('grant-1', [event()], 2);
    await expect(mine.streamRevision('grant-1')).resolves.toBe(3);
    await expect(theirs.streamRevision('grant-1')).resolves.toBe(3);
  });

  it("sees a head removed behind the ledger's back by another connection", async () => {
    await mine.append('grant-1', [event(), event()], 'no_stream');
    await expect(mine.streamRevision('grant-1')).resolves.toBe(1);
    const db = new Database(join(dir, 'events.sqlite'));
    db.prepare("DELETE FROM events WHERE stream_id = 'grant-1' AND revision = 1").run();
    db.close();
    // Heads stand for the turn of the event loop they were checked in; from the next one on, the edit is seen.
    await new Promise((resolve) => setImmediate(resolve));
    await expect(mine.streamRevision('grant-1')).resolves.toBe(0);
  });

  // The heads are checked against the log's last position (what another writer's append moves);
  // an edit in the middle leaves it in place: the commit, which reads the head itself, refuses.
  it('reads a head again once an append decided on it was refused at its revision', async () => {
    await mine.append('grant-1', [event(), event()], 'no_stream');
    await mine.append('grant-2', [event()], 'no_stream');
    await expect(mine.streamRevision('grant-1')).resolves.toBe(1);
    const db = new Database(join(dir, 'events.sqlite'));
    db.prepare("DELETE FROM events WHERE stream_id = 'grant-1' AND revision = 1").run();
    db.close();
    await new Promise((resolve) => setImmediate(resolve));
    await expect(mine.append('grant-1', [event()], 1)).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', streamId: 'grant-1', actual: 0 });
    await expect(mine.streamRevision('grant-1')).resolves.toBe(0);
  });
});
