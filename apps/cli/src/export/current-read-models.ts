// The read models brought up to the log's head before a question is answered from them. When an
// API is running on the same data folder it keeps them current itself, and a second projector
// writing the same file would collide with it: so this catches up only when nobody else does.
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventStore } from '@geldstroom/event-store';
import { LedgerReader, Projector, ReadStore } from '@geldstroom/projections';

/** Longer than the SQLite subscription's poll (250 ms): a live projector moves within it. */
const OTHER_PROJECTOR_GRACE_MS = 1_000;
const CHECKPOINT_POLL_MS = 100;

export interface CurrentReadModels {
  readonly reader: LedgerReader;
  close(): void;
}

export async function openCurrentReadModels(store: EventStore, path: string): Promise<CurrentReadModels> {
  const readStore = ReadStore.open(path);
  try {
    const head = await store.headPosition();
    if (head !== undefined && !(await caughtUpByAnother(readStore, head))) {
      const projector = new Projector(store, readStore);
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

/** True when the checkpoint reaches `head` on its own; false when it stands still behind it. */
async function caughtUpByAnother(readStore: ReadStore, head: number): Promise<boolean> {
  const checkpoint = readStore.db.prepare('SELECT position FROM checkpoint WHERE id = 1').pluck();
  const at = (): number => (checkpoint.get() as number | undefined) ?? 0;
  let last = at();
  let stillSinceMs = Date.now();
  while (last < head) {
    if (Date.now() - stillSinceMs >= OTHER_PROJECTOR_GRACE_MS) return false;
    await sleep(CHECKPOINT_POLL_MS);
    const now = at();
    if (now !== last) stillSinceMs = Date.now();
    last = now;
  }
  return true;
}
