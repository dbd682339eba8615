// Child of the crash test: appends under concurrent load and prints each acknowledged
// append, until the parent kills it with SIGKILL.
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from './sqlite-event-store';

const WRITERS = 64;
const EVENTS_PER_APPEND = 3;

async function writer(store: SqliteEventStore, index: number): Promise<void> {
  const streamId = `crash-${index}`;
  let expected: number | 'no_stream' = 'no_stream';
  for (;;) {
    const events = Array.from({ length: EVENTS_PER_APPEND }, (_, i) => ({
      id: randomUUID(),
      type: 'Counted',
      data: { writer: index, i },
      metadata: {},
    }));
    const result = await store.append(streamId, events, expected);
    expected = result.nextExpectedRevision;
    process.stdout.write(`${streamId} ${result.nextExpectedRevision} ${events.map((e) => e.id).join(',')}\n`);
  }
}

const store = SqliteEventStore.open({ path: process.argv[2] });
for (let i = 0; i < WRITERS; i += 1) void writer(store, i);
