// The worker thread of a rebuild from nothing: it opens the store again by its address, reads the
// log from the start up to `until`, derives every event's rows (FactDeriver, as the projector
// does in its own thread) and posts them in batches. The projector writes them; reading, parsing
// and hashing happen here, on the other core. At most a few batches are ever waiting.
import { parentPort, workerData } from 'node:worker_threads';
import { eventOfJournalEntry, openEventStoreAt, type Position, type StoreAddress } from '@geldstroom/event-store';
import { FactDeriver, type FactBatch } from './fact-deriver';

export interface RebuildReaderData {
  readonly address: StoreAddress;
  /** The last position to read: the head when the rebuild started. */
  readonly until: Position;
}

export type RebuildReaderMessage = { readonly kind: 'batch'; readonly batch: FactBatch } | { readonly kind: 'done' };

const BATCH_EVENTS = 5_000;
const BATCHES_AHEAD = 4;

async function read({ address, until }: RebuildReaderData): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('the rebuild reader runs as a worker thread');
  let waiting = 0;
  let written: (() => void) | undefined;
  port.on('message', () => {
    waiting -= 1;
    written?.();
  });
  const post = async (message: RebuildReaderMessage) => {
    port.postMessage(message);
    waiting += 1;
    while (waiting >= BATCHES_AHEAD) await new Promise<void>((resolve) => (written = resolve));
  };

  const store = await openEventStoreAt(address);
  try {
    const deriver = new FactDeriver();
    let batch: FactBatch = { facts: [], entities: [] };
    // The journal, in pages: an await per event would cost more than deriving it.
    scan: for await (const page of store.readJournal()) {
      for (const entry of page) {
        if (entry.position > until) break scan;
        deriver.add(eventOfJournalEntry(entry), batch);
        if (batch.facts.length === BATCH_EVENTS) {
          await post({ kind: 'batch', batch });
          batch = { facts: [], entities: [] };
        }
      }
    }
    if (batch.facts.length > 0) await post({ kind: 'batch', batch });
    port.postMessage({ kind: 'done' } satisfies RebuildReaderMessage);
  } finally {
    await store.close();
  }
}

void read(workerData as RebuildReaderData);
