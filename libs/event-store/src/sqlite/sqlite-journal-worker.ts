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
const rows = db
  .prepare(`SELECT ${JOURNAL_COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position ASC`)
  .raw();

parentPort?.on('message', (request: JournalRange & { index: number }) => {
  const checker = new RangeChecker(request, true);
  for (const row of rows.iterate(request.after ?? 0, request.until ?? Number.MAX_SAFE_INTEGER)) {
    const [position, streamId, revision, canonical, hash, previousHash] = row as [number, string, number, string, string, string];
    if (!checker.add(position, streamId, revision, canonical, hash, previousHash)) break;
  }
  const range = checker.result();
  parentPort?.postMessage(
    { index: request.index, range },
    range.levels.map((level) => level.buffer as ArrayBuffer),
  );
});
