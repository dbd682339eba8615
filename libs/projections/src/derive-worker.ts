// A worker thread that derives read models from the journal into a read-model file: a rebuild from
// nothing (the projector's own file, while the thread that serves requests stays free), or a
// verify (a file of its own, compared with the live one afterwards). It opens the store again by
// its address, reads the journal in pages and writes with the same ReadModelWriter the live
// projector uses, in batches; it reports progress and says when it is done.
import { parentPort, workerData } from 'node:worker_threads';
import { eventOfJournalEntry, openEventStoreAt, yieldToRequests, type Position, type RecordedEvent, type StoreAddress } from '@geldstroom/event-store';
import { ReadModelWriter } from './engine/read-model-writer';
import type { FindingRules } from './findings/rules';
import { ReadStore } from './store/read-store';

export interface DeriveRequest {
  readonly address: StoreAddress;
  readonly readStorePath: string;
  /** The last position to derive: the head when the work started. */
  readonly until: Position;
  readonly rules: FindingRules;
}

export type DeriveMessage =
  | { readonly kind: 'progress'; readonly applied: number; readonly position: Position }
  | { readonly kind: 'done'; readonly position: Position };

const BATCH_EVENTS = 10_000;

/** Derives read models into `readStore` from the journal after its checkpoint, up to `until`. */
export async function deriveReadModels(
  request: Omit<DeriveRequest, 'readStorePath'>,
  readStore: ReadStore,
  onProgress: (applied: number, position: Position) => void = () => undefined,
): Promise<ReadModelWriter> {
  const writer = new ReadModelWriter(readStore, request.rules);
  const store = await openEventStoreAt(request.address);
  try {
    let batch: RecordedEvent[] = [];
    let applied = 0;
    const write = () => {
      writer.write(batch);
      applied += batch.length;
      batch = [];
      onProgress(applied, writer.checkpoint);
    };
    scan: for await (const page of store.readJournal(writer.checkpoint > 0 ? { after: writer.checkpoint } : {})) {
      for (const entry of page) {
        if (entry.position > request.until) break scan;
        batch.push(eventOfJournalEntry(entry));
        if (batch.length === BATCH_EVENTS) write();
      }
    }
    if (batch.length > 0) write();
    return writer;
  } finally {
    await store.close();
  }
}

async function main(request: DeriveRequest): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('the derive worker runs as a worker thread');
  yieldToRequests();
  const readStore = ReadStore.open(request.readStorePath);
  try {
    readStore.dropDeferredIndexes();
    const writer = await deriveReadModels(request, readStore, (applied, position) => port.postMessage({ kind: 'progress', applied, position } satisfies DeriveMessage));
    port.postMessage({ kind: 'done', position: writer.checkpoint } satisfies DeriveMessage);
  } finally {
    readStore.close();
  }
}

if (parentPort && workerData && (workerData as { readStorePath?: unknown }).readStorePath) void main(workerData as DeriveRequest);
