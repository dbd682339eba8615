// The adapter's append path over a double of the client (client-double.ts), one case of the
// server's behaviour at a time. The contract suite against a real node is the real check.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  StreamDeletedError as EsdbStreamDeletedError,
} from '@eventstore/db-client';
import {
  AppendTooLargeError,
  InvalidAppendError,
  StoreUnavailableError,
  StreamDeletedError,
  WrongExpectedRevisionError,
} from '../errors';
import type { EventToAppend, RecordedEvent } from '../event-store.port';
import { verifyJournal } from '../integrity/verify-journal';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { ClientDouble } from './client-double';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

function event(n: number): EventToAppend {
  return { id: randomUUID(), type: 'GrantAwarded', data: { amountCents: n }, metadata: { actor: 'append-spec' } };
}

function storeOver(client: ClientDouble, clock: () => number = Date.now): EventStoreDbEventStore {
  return new EventStoreDbEventStore(client, 'esdb://double:2113?tls=false', { clock });
}

describe('EventStoreDB append: a replayed write', () => {
  // The server takes an append whose ids already stand right after the expected revision as
  // done, answers success with their revision and writes nothing, content unread
  // (EventStore/EventStore, src/EventStore.Core/Services/Storage/ReaderIndex/IndexWriter.cs,
  // CheckCommit → CommitDecision.Idempotent): ClientDouble.checkCommit answers so.
  it('is refused when the server holds other bytes, and the next append chains onto what it holds', async () => {
    const client = new ClientDouble();
    const first = storeOver(client, () => Date.parse('2025-01-01T10:00:00.000Z'));
    const again = storeOver(client, () => Date.parse('2025-01-01T10:00:07.000Z'));
    const written = event(1);
    await first.append('grant-1', [written], 'no_stream');

    // Another instance (or a retry) sends the same event, stamped later: other hashed bytes.
    const replay = await again.append('grant-1', [written], 'no_stream').catch((e: unknown) => e);
    expect(replay).toBeInstanceOf(WrongExpectedRevisionError);
    expect((replay as WrongExpectedRevisionError).actual).toBe(0);
    expect(client.log).toHaveLength(1);

    await again.append('grant-1', [event(2)], 0);
    const report = await verifyJournal(again);
    expect(report.failure).toBeUndefined();
    expect(report).toMatchObject({ ok: true, eventsChecked: 2 });
  });

  it('answers with what the server holds when it holds these very bytes (a resumed copy)', async () => {
    const client = new ClientDouble();
    const store = storeOver(client);
    const recordedAt = '2024-07-08T09:30:00.000Z';
    const events = [event(1), event(2)];
    const original = await store.append('grant-1', events, 'no_stream', { recordedAt });
    const replayed = await storeOver(client).append('grant-1', events, 'no_stream', { recordedAt });
    expect(replayed).toEqual(original);
    expect(client.log).toHaveLength(2);
  });
});

describe('EventStoreDB append: what it reads', () => {
  it('reads the written range back once per append, and a stream head only when it does not know it', async () => {
    const client = new ClientDouble();
    const store = storeOver(client);
    const result = await store.append('grant-1', [event(1), event(2), event(3)], 'no_stream');
    expect(client.calls).toMatchObject({ appendToStream: 1, readStream: 1, readStreamBackwards: 0 });
    expect([result.firstPosition, result.lastPosition]).toEqual([client.log[0].position.commit, client.log[2].position.commit].map(Number));

    await store.append('grant-1', [event(4), event(5)], 2);
    expect(client.calls).toMatchObject({ appendToStream: 2, readStream: 2, readStreamBackwards: 0 });

    // Another instance moves the stream on: the conflict makes this one read the head again.
    await storeOver(client).append('grant-1', [event(6)], 'stream_exists');
    const headReads = client.calls.readStreamBackwards;
    await expect(store.append('grant-1', [event(7)], 4)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(client.calls.readStreamBackwards).toBe(headReads);
    await expect(store.append('grant-1', [event(8)], 4)).rejects.toMatchObject({ actual: 5 });
    expect(client.calls.readStreamBackwards).toBe(headReads + 1);
  });

  it('keeps recordedAt from going back within a stream, and refuses a copied one that would', async () => {
    const client = new ClientDouble();
    const ahead = storeOver(client, () => Date.parse('2025-01-01T10:00:00.000Z'));
    const behind = storeOver(client, () => Date.parse('2025-01-01T09:55:00.000Z'));
    await ahead.append('grant-1', [event(1)], 'no_stream');
    const later = await behind.append('grant-1', [event(2)], 0);
    expect(later.recordedAt).toBe('2025-01-01T10:00:00.000Z');
    const early = behind.append('grant-1', [event(3)], 1, { recordedAt: '2025-01-01T09:59:59.999Z' });
    await expect(early).rejects.toBeInstanceOf(InvalidAppendError);
  });
});

describe('EventStoreDB append: the client’s errors as the port’s', () => {
  // For batch appends client 6.2.1 unpacks the server's status into its own errors
  // (dist/streams/appendToStream/unpackError.js in the package; EventStore-Client-NodeJS,
  // packages/db-client/src/streams/appendToStream/unpackError.ts), and the server sends
  // MaximumAppendSizeExceeded when the events' size passes MaxAppendSize, StreamDeleted for a
  // deleted stream and Timeout on a commit, forward or prepare timeout (EventStore/EventStore,
  // src/EventStore.Core/Services/Transport/Grpc/Streams.BatchAppend.cs).
  it.each([
    ['StreamDeleted', () => EsdbStreamDeletedError.fromStreamName('grant-1'), StreamDeletedError],
    ['MaximumAppendSizeExceeded', () => MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576), AppendTooLargeError],
    ['Timeout', () => new DeadlineExceededError(), StoreUnavailableError],
  ])('maps %s to the port’s error', async (_, clientError, portError) => {
    const client = new ClientDouble();
    client.answerAppend = () => Promise.reject(clientError());
    const failure = await storeOver(client).append('grant-1', [event(1)], 'no_stream').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(portError);
    expect(failure).not.toBeInstanceOf(clientError().constructor);
  });

  it('names the size limit, and says a timed-out append may have been written', async () => {
    const client = new ClientDouble();
    client.answerAppend = () => Promise.reject(MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576));
    const tooLarge = await storeOver(client).append('grant-1', [event(1)], 'no_stream').catch((e: unknown) => e);
    expect(tooLarge).toBeInstanceOf(InvalidAppendError);
    expect((tooLarge as AppendTooLargeError).appendSizeMaxBytes).toBe(1_048_576);
    client.answerAppend = () => Promise.reject(new DeadlineExceededError());
    const timedOut = await storeOver(client).append('grant-1', [event(1)], 'no_stream').catch((e: unknown) => e);
    expect((timedOut as StoreUnavailableError).outcomeUnknown).toBe(true);
  });

  it('forgets the stream head after a timeout: the write may have landed', async () => {
    const client = new ClientDouble();
    const store = storeOver(client);
    await store.append('grant-1', [event(1)], 'no_stream');
    const landed = event(2);
    // The server wrote it, but the answer never came back.
    client.answerAppend = (name, events, options) => {
      client.answerAppend = () => undefined;
      return Promise.resolve(client.appendToStream(name, events, options)).then(() => Promise.reject(new DeadlineExceededError()));
    };
    await expect(store.append('grant-1', [landed], 0)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.append('grant-1', [event(3)], 0)).rejects.toMatchObject({ actual: 1 });
    await store.append('grant-1', [event(3)], 1);
    expect((await verifyJournal(store)).ok).toBe(true);
  });
});

describe('EventStoreDB append: recordedAt across writers', () => {
  // Two API instances on one server, one clock five minutes behind the other, writing in turn.
  // Nothing can order their stamps in $all (each is made before its write, and the hash covers
  // it), so the port promises order within a stream only; readers of instants use the running
  // maximum (event-store.port.ts, RecordedEvent.recordedAt).
  it('interleaves two skewed writers into a log that verifies and copies to SQLite with the same tree head', async () => {
    const client = new ClientDouble();
    const ahead = storeOver(client, () => Date.parse('2025-03-01T10:00:00.000Z'));
    const behind = storeOver(client, () => Date.parse('2025-03-01T09:55:00.000Z'));
    await ahead.append('budget-a', [event(1)], 'no_stream');
    await behind.append('budget-b', [event(2)], 'no_stream');
    await ahead.append('budget-c', [event(3)], 'no_stream');
    await behind.append('budget-a', [event(4)], 0);

    const log: RecordedEvent[] = [];
    for await (const recorded of behind.readAll()) log.push(recorded);
    const times = log.map((e) => e.recordedAt);
    expect(times).toEqual([
      '2025-03-01T10:00:00.000Z',
      '2025-03-01T09:55:00.000Z',
      '2025-03-01T10:00:00.000Z',
      '2025-03-01T10:00:00.000Z', // budget-a's second event: never before its first
    ]);
    const source = await verifyJournal(behind);
    expect(source.ok).toBe(true);

    const dir = mkdtempSync(join(tmpdir(), 'geldstroom-skew-'));
    const copy = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
    try {
      for (const { streamId, revision, id, type, data, metadata, recordedAt } of log) {
        await copy.append(streamId, [{ id, type, data, metadata }], revision === 0 ? 'no_stream' : revision - 1, { recordedAt });
      }
      const copied = await verifyJournal(copy);
      expect(copied).toMatchObject({ ok: true, treeSize: source.treeSize, rootHash: source.rootHash });
    } finally {
      await copy.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('EventStoreDB append: atomic', () => {
  it('joins parts to one stream into one append, and refuses parts to several streams before writing any', async () => {
    const client = new ClientDouble();
    const store = storeOver(client);
    const results = await store.appendAtomically([
      { streamId: 'grant-1', events: [event(1), event(2)], expected: 'no_stream' },
      { streamId: 'grant-1', events: [event(3)], expected: 1 },
    ]);
    expect(results[results.length - 1].nextExpectedRevision).toBe(2);
    const refused = await store
      .appendAtomically([
        { streamId: 'grant-2', events: [event(4)], expected: 'no_stream' },
        { streamId: 'grant-3', events: [event(5)], expected: 'no_stream' },
      ])
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidAppendError);
    expect((refused as Error).message).toMatch(/one stream atomically; this writes 2 streams/);
    await expect(store.streamRevision('grant-2')).resolves.toBeUndefined();
    await expect(store.streamRevision('grant-3')).resolves.toBeUndefined();
  });
});
