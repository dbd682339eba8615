// The behaviour every EventStore adapter must show; each adapter's spec runs this suite.
// It never assumes an empty log (EventStoreDB servers are shared): every test writes to
// streams of its own and reads the global log only after the head it saw first.
import { randomUUID } from 'node:crypto';
import { InvalidAppendError, StreamNotFoundError, WrongExpectedRevisionError } from '../errors';
import type { EventStore, EventToAppend, RecordedEvent } from '../event-store.port';
import { canonicalEnvelope, chainHash, CURRENT_HASH_SCHEME, eventHashHex, GENESIS_HASH, GENESIS_HASH_HEX, recomputeHash } from '../integrity/event-hash';
import { JournalDigester } from '../integrity/journal-digester';
import { verifyJournal } from '../integrity/verify-journal';

export interface OpenedStore {
  readonly store: EventStore;
  readonly cleanup: () => Promise<void>;
}

export function event(type = 'ThingHappened', data: Record<string, unknown> = {}): EventToAppend {
  return { id: randomUUID(), type, data: data as EventToAppend['data'], metadata: { actor: 'contract-suite' } };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

async function take(subscription: AsyncIterable<RecordedEvent>, count: number, keep: (e: RecordedEvent) => boolean) {
  const taken: RecordedEvent[] = [];
  for await (const recorded of subscription) {
    if (keep(recorded)) taken.push(recorded);
    if (taken.length === count) break;
  }
  return taken;
}

export function describeEventStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: EventStore;
    const run = randomUUID().slice(0, 8);
    const stream = (label: string) => `contract-${run}-${label}`;
    const ours = (e: RecordedEvent) => e.streamId.startsWith(`contract-${run}-`);

    beforeAll(async () => {
      opened = await open();
      store = opened.store;
    });
    afterAll(async () => opened.cleanup());

    describe('append with an expected revision', () => {
      it('starts a stream at revision 0 with no_stream and refuses a second no_stream', async () => {
        const id = stream('no-stream');
        const result = await store.append(id, [event(), event()], 'no_stream');
        expect(result.nextExpectedRevision).toBe(1);
        expect(result.lastPosition).toBeGreaterThan(result.firstPosition);
        const conflict = await store.append(id, [event()], 'no_stream').catch((e: unknown) => e);
        expect(conflict).toBeInstanceOf(WrongExpectedRevisionError);
        expect((conflict as WrongExpectedRevisionError).actual).toBe(1);
      });

      it('appends at the exact revision and refuses a stale one naming the actual revision', async () => {
        const id = stream('exact');
        await store.append(id, [event()], 'no_stream');
        const second = await store.append(id, [event()], 0);
        expect(second.nextExpectedRevision).toBe(1);
        const stale = await store.append(id, [event()], 0).catch((e: unknown) => e);
        expect(stale).toBeInstanceOf(WrongExpectedRevisionError);
        expect((stale as WrongExpectedRevisionError).actual).toBe(1);
        expect(await store.streamRevision(id)).toBe(1);
      });

      it('refuses stream_exists on a missing stream and accepts it on an existing one', async () => {
        const id = stream('exists');
        const missing = await store.append(id, [event()], 'stream_exists').catch((e: unknown) => e);
        expect(missing).toBeInstanceOf(WrongExpectedRevisionError);
        expect((missing as WrongExpectedRevisionError).actual).toBeUndefined();
        await store.append(id, [event()], 'no_stream');
        expect((await store.append(id, [event()], 'stream_exists')).nextExpectedRevision).toBe(1);
      });

      it('accepts any on a missing and on an existing stream', async () => {
        const id = stream('any');
        expect((await store.append(id, [event()], 'any')).nextExpectedRevision).toBe(0);
        expect((await store.append(id, [event()], 'any')).nextExpectedRevision).toBe(1);
      });

      it('lets exactly one of two writers racing at the same revision win', async () => {
        const id = stream('race');
        await store.append(id, [event()], 'no_stream');
        const outcomes = await Promise.allSettled([
          store.append(id, [event('A')], 0),
          store.append(id, [event('B')], 0),
        ]);
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0].reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect((lost[0].reason as WrongExpectedRevisionError).actual).toBe(1);
        expect(await collect(store.readStream(id))).toHaveLength(2);
      });

      it('keeps many concurrent appends to one stream with any in gapless revision order', async () => {
        const id = stream('any-concurrent');
        await Promise.all(Array.from({ length: 20 }, (_, i) => store.append(id, [event('N', { i })], 'any')));
        const revisions = (await collect(store.readStream(id))).map((e) => e.revision);
        expect(revisions).toEqual(Array.from({ length: 20 }, (_, i) => i));
      });
    });

    // An atomic append is all or nothing on every store. SQLite writes several streams in one
    // transaction; EventStoreDB through this client writes one stream atomically and refuses
    // several rather than write them one by one. Either way: never some parts without the others.
    describe('atomic append', () => {
      it('writes parts to one stream together, each at the revision the part before left', async () => {
        const id = stream('atomic-one');
        const results = await store.appendAtomically([
          { streamId: id, events: [event(), event()], expected: 'no_stream' },
          { streamId: id, events: [event()], expected: 1 },
        ]);
        expect(results[results.length - 1].nextExpectedRevision).toBe(2);
        expect((await collect(store.readStream(id))).map((e) => e.revision)).toEqual([0, 1, 2]);
      });

      it('writes nothing of it when one part is refused', async () => {
        const id = stream('atomic-refused');
        await store.append(id, [event()], 'no_stream');
        await expect(store.appendAtomically([{ streamId: id, events: [event()], expected: 'no_stream' }])).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.streamRevision(id)).toBe(0);
      });

      it('writes parts to several streams all, or refuses them all', async () => {
        const [a, b] = [stream('atomic-a'), stream('atomic-b')];
        const outcome = await store
          .appendAtomically([
            { streamId: a, events: [event()], expected: 'no_stream' },
            { streamId: b, events: [event()], expected: 'no_stream' },
          ])
          .then(() => 'written', () => 'refused');
        const revisions = [await store.streamRevision(a), await store.streamRevision(b)];
        expect(revisions).toEqual(outcome === 'written' ? [0, 0] : [undefined, undefined]);
      });
    });

    // The rule on event ids, the same on every store: an id is a UUID, kept and hashed in lower
    // case whatever case it came in, and one append never holds it twice. An append replayed at
    // the revision it was first written at (a retry after a lost answer) is never written twice.
    // Across streams an id must not be reused either, but only SQLite can refuse that (its index
    // is unique); EventStoreDB does not look ids up across the log, so it is the writer's part:
    // every writer here makes random (v4) or time-ordered (v7) UUIDs, which do not collide.
    describe('event ids', () => {
      it('keeps an id in lower case, whatever case it was given in, and hashes that spelling', async () => {
        const id = stream('id-case');
        const given = { ...event('Cased'), id: randomUUID().toUpperCase() };
        await store.append(id, [given], 'no_stream');
        const [read] = await collect(store.readStream(id));
        expect(read.id).toBe(given.id.toLowerCase());
        const { type, data, metadata } = given;
        // The hash covers the lower-case spelling: recomputed over the event as stored, with that id.
        expect(read.hash).toBe(recomputeHash(GENESIS_HASH_HEX, { id: given.id.toLowerCase(), streamId: id, revision: 0, type, data, metadata, recordedAt: read.recordedAt, hashScheme: read.hashScheme }));
        expect(read.hash).not.toBe(recomputeHash(GENESIS_HASH_HEX, { id: given.id, streamId: id, revision: 0, type, data, metadata, recordedAt: read.recordedAt, hashScheme: read.hashScheme }));
      });

      it('never writes a replayed append twice, and refuses one stamped anew', async () => {
        const id = stream('replay');
        const written = event('Once');
        await store.append(id, [written], 'no_stream');
        await new Promise((resolve) => setTimeout(resolve, 5)); // a retry comes later: another recordedAt
        const replay = await store.append(id, [written], 'no_stream').catch((e: unknown) => e);
        expect(replay).toBeInstanceOf(WrongExpectedRevisionError);
        expect((replay as WrongExpectedRevisionError).actual).toBe(0);
        expect(await collect(store.readStream(id))).toHaveLength(1);
      });

      it('never writes a replayed copy twice: it is refused, or answered with what is there', async () => {
        const id = stream('replay-copy');
        const written = event('Copied');
        const recordedAt = new Date(Date.now() + 60_000).toISOString();
        const first = await store.append(id, [written], 'no_stream', { recordedAt });
        // SQLite refuses it (the stream is past no_stream); EventStoreDB answers its idempotent
        // success, once the adapter has read back the very bytes the replay would have written.
        const replay = await store.append(id, [written], 'no_stream', { recordedAt }).catch((e: unknown) => e);
        if (replay instanceof Error) expect(replay).toBeInstanceOf(WrongExpectedRevisionError);
        else expect(replay).toEqual(first);
        expect(await collect(store.readStream(id))).toHaveLength(1);
      });
    });

    describe('reading', () => {
      it('reads a stream forwards and backwards, from a revision, up to a count', async () => {
        const id = stream('read');
        await store.append(id, [0, 1, 2, 3, 4].map((i) => event('N', { i })), 'no_stream');
        const forwards = await collect(store.readStream(id));
        expect(forwards.map((e) => e.data.i)).toEqual([0, 1, 2, 3, 4]);
        expect(forwards.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
        const backwards = await collect(store.readStream(id, { direction: 'backwards', maxCount: 2 }));
        expect(backwards.map((e) => e.revision)).toEqual([4, 3]);
        const middle = await collect(store.readStream(id, { fromRevision: 2, maxCount: 2 }));
        expect(middle.map((e) => e.revision)).toEqual([2, 3]);
        const down = await collect(store.readStream(id, { direction: 'backwards', fromRevision: 1 }));
        expect(down.map((e) => e.revision)).toEqual([1, 0]);
      });

      it('says a stream that was never written is not found', async () => {
        await expect(collect(store.readStream(stream('never')))).rejects.toBeInstanceOf(StreamNotFoundError);
        expect(await store.streamRevision(stream('never'))).toBeUndefined();
      });

      it('returns data and metadata exactly as written, with the event id', async () => {
        const id = stream('roundtrip');
        const written = event('Roundtrip', { text: 'Zuid-Limburg € ë 😀', nested: { list: [1, 'two', null, true] } });
        await store.append(id, [written], 'no_stream');
        const [read] = await collect(store.readStream(id));
        expect(read.id).toBe(written.id);
        expect(read.type).toBe('Roundtrip');
        expect(read.data).toEqual(written.data);
        expect(read.metadata).toEqual(written.metadata);
        expect(new Date(read.recordedAt).toISOString()).toBe(read.recordedAt);
      });

      it('reads the global log forwards after a position and backwards before one, in order', async () => {
        const start = (await store.headPosition()) ?? 0;
        await store.append(stream('log-a'), [event('N', { i: 0 })], 'no_stream');
        await store.append(stream('log-b'), [event('N', { i: 1 })], 'no_stream');
        await store.append(stream('log-a'), [event('N', { i: 2 })], 0);
        const forwards = (await collect(store.readAll({ after: start }))).filter(ours);
        expect(forwards.map((e) => e.data.i)).toEqual([0, 1, 2]);
        const positions = forwards.map((e) => e.position);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        const head = await store.headPosition();
        expect(head).toBe(positions[2]);
        const backwards = (await collect(store.readAll({ direction: 'backwards', maxCount: 3 }))).filter(ours);
        expect(backwards.map((e) => e.data.i)).toEqual([2, 1, 0]);
        const before = (await collect(store.readAll({ direction: 'backwards', before: positions[2] }))).filter(ours);
        expect(before[0].data.i).toBe(1);
        const onlyFirst = await collect(store.readAll({ after: start, maxCount: 1 }));
        expect(onlyFirst).toHaveLength(1);
      });
    });

    describe('tamper evidence', () => {
      it('chains each event to the previous one in its stream', async () => {
        const id = stream('chain');
        await store.append(id, [event(), event()], 'no_stream');
        await store.append(id, [event()], 1);
        const events = await collect(store.readStream(id));
        expect(events[0].previousHash).toBe(GENESIS_HASH.toString('hex'));
        expect(events[1].previousHash).toBe(events[0].hash);
        expect(events[2].previousHash).toBe(events[1].hash);
        expect(new Set(events.map((e) => e.hash)).size).toBe(3);
      });

      it('gives out the hashed bytes in the journal, and their hashes check out', async () => {
        const start = (await store.headPosition()) ?? 0;
        const id = stream('journal');
        await store.append(id, [event(), event()], 'no_stream');
        const entries = (await collect(store.readJournal({ after: start }))).flat().filter((e) => e.streamId === id);
        expect(entries.map((e) => e.revision)).toEqual([0, 1]);
        for (const entry of entries) {
          expect(entry.hashScheme).toBe(CURRENT_HASH_SCHEME);
          expect(eventHashHex(entry.hashScheme, entry.previousHash, entry)).toBe(entry.hash);
        }
        expect(entries[1].previousHash).toBe(entries[0].hash);
      });

      it('gives out the leaves of the tree, the same positions and hashes as the journal, from any point', async () => {
        const start = (await store.headPosition()) ?? 0;
        await store.append(stream('leaves'), [event(), event(), event()], 'no_stream');
        const journal = (await collect(store.readJournal({ after: start }))).flat();
        const leaves = (await collect(store.readLeaves({ after: start }))).flat();
        expect(leaves).toEqual(journal.map(({ position, hash }) => ({ position, hash })));
        expect(journal.length).toBeGreaterThanOrEqual(3);
        const fromSecond = (await collect(store.readLeaves({ after: journal[0].position }))).flat();
        expect(fromSecond).toEqual(leaves.slice(1));
      });

      it('keeps the digests it is given, and verify proves the log still extends them', async () => {
        await store.append(stream('digest'), [event(), event()], 'no_stream');
        const digester = new JournalDigester(store);
        const kept = await digester.keep();
        expect(kept.treeSize).toBeGreaterThanOrEqual(2);
        expect(await store.keptDigests()).toContainEqual(
          expect.objectContaining({ treeSize: kept.treeSize, rootHash: kept.rootHash }),
        );
        await store.append(stream('digest'), [event()], 1);
        const report = await verifyJournal(store);
        expect(report.failure).toBeUndefined();
        expect(report.ok).toBe(true);
        expect(report.treeSize).toBeGreaterThan(kept.treeSize);
      });

      // Within a stream only: along the global log recordedAt may go back where writers with
      // clocks of their own share a store (see RecordedEvent.recordedAt in the port).
      it('never lets recordedAt go back within a stream, under concurrent appends too', async () => {
        const id = stream('time');
        await Promise.all([0, 1, 2, 3, 4, 5].map((i) => store.append(id, [event('N', { i })], 'any')));
        const times = (await collect(store.readStream(id))).map((e) => e.recordedAt);
        expect(times).toHaveLength(6);
        expect([...times].sort()).toEqual(times);
      });

      it('keeps the recordedAt a copy brings, so the copied hash is the original one', async () => {
        const streamId = stream('copied');
        const original = event('Copied', { amountCents: 10_000_000 });
        // Ahead of every event of a shared server, so the kept instant never goes back along the log.
        const recordedAt = new Date(Date.now() + 60_000).toISOString();
        await store.append(streamId, [original], 'no_stream', { recordedAt });
        const [copied] = await collect(store.readStream(streamId));
        expect(copied.recordedAt).toBe(recordedAt);
        expect(copied.hash).toBe(recomputeHash(GENESIS_HASH_HEX, copied));
        expect(copied.hashScheme).toBe(CURRENT_HASH_SCHEME);

        // An event of a ledger from before scheme 2 is copied with its scheme, so its hash stays.
        const old = event('Copied', { amountCents: 1 });
        await store.append(stream('copied-old'), [old], 'no_stream', { recordedAt, hashScheme: 1 });
        const [copiedOld] = await collect(store.readStream(stream('copied-old')));
        const { id, type, data, metadata } = old;
        const canonical = canonicalEnvelope({ id, streamId: stream('copied-old'), revision: 0, type, data, metadata, recordedAt });
        expect(copiedOld).toMatchObject({ hashScheme: 1, hash: chainHash(GENESIS_HASH, canonical).toString('hex') });

        // Before the stream's last event: refused. Before the log's last, in a stream of its own:
        // kept, as a copy of a ledger that several writers wrote must keep it.
        const earlier = store.append(streamId, [event()], 0, { recordedAt: new Date(Date.parse(recordedAt) - 1).toISOString() });
        await expect(earlier).rejects.toBeInstanceOf(InvalidAppendError);
        const ownStream = await store.append(stream('copied-late'), [event()], 'no_stream', { recordedAt: '2020-01-01T00:00:00.000Z' });
        expect(ownStream.recordedAt).toBe('2020-01-01T00:00:00.000Z');
        const malformed = store.append(stream('copied-bad'), [event()], 'no_stream', { recordedAt: '2099-01-01T00:00:00Z' });
        await expect(malformed).rejects.toBeInstanceOf(InvalidAppendError);
      });
    });

    describe('catch-up subscription', () => {
      it('gives a subscription from zero and one from mid-way the same events in the same order', async () => {
        const start = (await store.headPosition()) ?? 0;
        const ids = ['s-a', 's-b', 's-c'].map(stream);
        for (const [i, id] of ids.entries()) await store.append(id, [event('N', { i }), event('N', { i })], 'no_stream');
        const all = (await collect(store.readAll({ after: start }))).filter(ours);
        const middle = all[2].position;
        const fromZero = store.subscribeToAll();
        const fromMiddle = store.subscribeToAll({ after: middle });
        const tail = (e: RecordedEvent) => ours(e) && e.position > middle;
        const [a, b] = await Promise.all([take(fromZero, 3, tail), take(fromMiddle, 3, tail)]);
        await Promise.all([fromZero.close(), fromMiddle.close()]);
        expect(a.map((e) => e.id)).toEqual(b.map((e) => e.id));
        expect(a.map((e) => e.id)).toEqual(all.slice(3).map((e) => e.id));
      });

      it('goes live: delivers events appended after it caught up, once each, in order', async () => {
        const head = (await store.headPosition()) ?? 0;
        const id = stream('live');
        const subscription = store.subscribeToAll({ after: head });
        const received = take(subscription, 6, ours);
        await store.append(id, [event('N', { i: 0 })], 'no_stream');
        await new Promise((resolve) => setTimeout(resolve, 50));
        for (let i = 1; i < 6; i += 1) await store.append(id, [event('N', { i })], i - 1);
        const events = await received;
        await subscription.close();
        expect(events.map((e) => e.data.i)).toEqual([0, 1, 2, 3, 4, 5]);
      });

      it('wanting events with some metadata keys, gets every event that has one, caught up and live, in order', async () => {
        const start = (await store.headPosition()) ?? 0;
        const id = stream('keys');
        const marked = (i: number, metadata: Record<string, unknown>): EventToAppend => ({ ...event('N', { i }), metadata: { actor: 'contract-suite', ...metadata } });
        const wanted = (e: RecordedEvent) => ours(e) && ('origin' in e.metadata || 'mirrorOf' in e.metadata);
        // Before it subscribes: one of each key among events without either, one naming a key in its data only.
        await store.append(id, [event('N', { i: 0 }), marked(1, { origin: ['x'] }), event('N', { i: 2, mirrorOf: 'in the data' }), marked(3, { mirrorOf: { eventId: 'e' } })], 'no_stream');
        const subscription = store.subscribeToAll({ after: start, metadataKeys: ['origin', 'mirrorOf'] });
        const received = take(subscription, 4, wanted);
        await new Promise((resolve) => setTimeout(resolve, 50));
        await store.append(id, [event('N', { i: 4 }), marked(5, { origin: [] }), event('N', { i: 6 })], 3);
        await store.append(id, [marked(7, { mirrorOf: { eventId: 'f' }, origin: ['y'] })], 6);
        const events = await received;
        await subscription.close();
        expect(events.map((e) => e.data.i)).toEqual([1, 3, 5, 7]);
      });

      it('resumes from a checkpoint without repeating the event at the checkpoint', async () => {
        const start = (await store.headPosition()) ?? 0;
        const id = stream('resume');
        await store.append(id, [0, 1, 2, 3].map((i) => event('N', { i })), 'no_stream');
        const first = store.subscribeToAll({ after: start });
        const [one, two] = await take(first, 2, ours);
        await first.close();
        const resumed = store.subscribeToAll({ after: two.position });
        const rest = await take(resumed, 2, ours);
        await resumed.close();
        expect([one, two, ...rest].map((e) => e.data.i)).toEqual([0, 1, 2, 3]);
      });
    });
  });
}
