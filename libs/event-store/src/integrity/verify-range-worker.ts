// A worker thread's share of verify: it opens the store again by its address and checks the
// ranges of the journal posted to it, so a large journal is verified on every core at once.
import { parentPort, workerData } from 'node:worker_threads';
import type { StoreAddress } from '../event-store.port';
import { openEventStoreAt } from '../open-event-store';
import { RangeChecker, type JournalRange } from './journal-ranges';
import { yieldToRequests } from '../worker-thread';

yieldToRequests();

const opened = openEventStoreAt(workerData as StoreAddress);

/** Verify hands a worker its next range only once it has answered the last. */
async function check(request: JournalRange & { index: number }): Promise<void> {
  const store = await opened;
  const checker = new RangeChecker(request, true);
  const until = request.until ?? Number.MAX_SAFE_INTEGER;
  scan: for await (const page of store.readJournal(request.after !== undefined ? { after: request.after } : {})) {
    for (const e of page) {
      if (e.position > until || !checker.add(e)) break scan;
      // At the range's end: stop before the next page is read.
      if (e.position === until) break scan;
    }
  }
  const range = checker.result();
  parentPort?.postMessage({ index: request.index, range }, range.levels.map((level) => level.buffer as ArrayBuffer));
}

parentPort?.on('message', (request: JournalRange & { index: number }) => void check(request));
