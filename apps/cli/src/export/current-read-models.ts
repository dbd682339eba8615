// The read models brought up to the log's head before a question is answered from them. One process
// writes a read-model file: when an API on the same data folder holds it, this reads what the API
// keeps current (waiting until it has caught up); otherwise it takes the file and catches up itself.
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore } from '@geldstroom/event-store';
import { LedgerReader, Projector, ReadModelLock, ReadStore, type FindingRules } from '@geldstroom/projections';

/** Longer than the SQLite subscription's poll (250 ms): a live projector moves within it. */
const OTHER_PROJECTOR_GRACE_MS = 5_000;
const CHECKPOINT_POLL_MS = 100;

export interface CurrentReadModels {
  readonly reader: LedgerReader;
  close(): void;
}

export async function openCurrentReadModels(store: EventStore, path: string, rules: FindingRules): Promise<CurrentReadModels> {
  const head = await store.headPosition();
  if (ReadModelLock.isHeld(path)) {
    const readStore = ReadStore.open(path, { readonly: true });
    try {
      if (head !== undefined) await caughtUpByHolder(readStore, head, path);
      return { reader: new LedgerReader(readStore), close: () => readStore.close() };
    } catch (error) {
      readStore.close();
      throw error;
    }
  }
  const readStore = ReadStore.open(path);
  try {
    if (head !== undefined) {
      const projector = new Projector(store, readStore, { rules });
      projector.start();
      try {
        await projector.catchUpTo(head);
      } finally {
        await projector.stop();
      }
    }
    return { reader: new LedgerReader(readStore), close: () => readStore.close() };
  } catch (error) {
    readStore.close();
    throw error;
  }
}

/** Waits for the holder's checkpoint to reach `head`; refuses when it stands still behind it. */
async function caughtUpByHolder(readStore: ReadStore, head: number, path: string): Promise<void> {
  const at = (): number => readStore.checkpoint()?.position ?? 0;
  let last = at();
  let stillSinceMs = Date.now();
  while (last < head) {
    if (Date.now() - stillSinceMs >= OTHER_PROJECTOR_GRACE_MS) {
      const holder = ReadModelLock.holderOf(path);
      throw new Error(`the read models in ${path} are kept by another process (pid ${holder?.pid ?? '?'}) that stands still at ${last}, behind the log at ${head}`);
    }
    await sleep(CHECKPOINT_POLL_MS);
    const now = at();
    if (now !== last) stillSinceMs = Date.now();
    last = now;
  }
}
