// A worker thread's share of verify: it checks the ranges of the journal posted to it on a
// read-only connection of its own, so a large journal is verified on every core at once.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { RangeChecker, type JournalRange } from '../integrity/journal-ranges';
import { JOURNAL_COLUMNS } from './sqlite-rows';

export interface SqliteJournalWorkerData {
  readonly path: string;
}

const { path } = workerData as SqliteJournalWorkerData;
const db = new Database(path, { readonly: true, fileMustExist: true });
const PAGE_ROWS = 4096;
// A page of rows per call (one array built natively) costs less than stepping row by row.
const page = db
  .prepare(`SELECT ${JOURNAL_COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position ASC LIMIT ${PAGE_ROWS}`)
  .raw();

parentPort?.on('message', (request: JournalRange & { index: number }) => {
  const checker = new RangeChecker(request, true);
  const until = request.until ?? Number.MAX_SAFE_INTEGER;
  let after = request.after ?? 0;
  scan: for (;;) {
    const rows = page.all(after, until) as [number, string, number, string, string, string][];
    for (const [position, streamId, revision, canonical, hash, previousHash] of rows) {
      if (!checker.add(position, streamId, revision, canonical, hash, previousHash)) break scan;
      after = position;
    }
    if (rows.length < PAGE_ROWS) break;
  }
  const range = checker.result();
  parentPort?.postMessage(
    { index: request.index, range },
    range.levels.map((level) => level.buffer as ArrayBuffer),
  );
});
