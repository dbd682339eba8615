// The worker thread of a read-model verify (verify-read-models.ts): derives the read models from
// the journal into a work file up to the live checkpoint, then, inside one read transaction on the
// live file, to its checkpoint then, and compares.
import { rmSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { yieldToRequests } from '@geldstroom/event-store';
import { deriveReadModels } from '../derive-worker';
import { ReadStore } from '../store/read-store';
import { digestOfRows, firstDifference } from './compare';
import { workPathOf, type ReadModelsReport, type VerifyMessage, type VerifyReadModelsRequest } from './verify-read-models';

async function verify(request: VerifyReadModelsRequest, tell: (message: VerifyMessage) => void): Promise<ReadModelsReport> {
  const startedMs = Date.now();
  const workPath = workPathOf(request.livePath);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${workPath}${suffix}`, { force: true });
  const work = ReadStore.open(workPath);
  const live = new Database(request.livePath, { readonly: true, fileMustExist: true });
  try {
    work.dropDeferredIndexes();
    const progress = (applied: number, position: number) => tell({ kind: 'progress', applied, position });
    const checkpoint = () => live.prepare('SELECT position, digest FROM checkpoint WHERE id = 1').get() as { position: number; digest: string } | undefined;
    // Most of the way without holding the live file, then the rest inside one read of it.
    await deriveReadModels({ ...request, until: checkpoint()?.position ?? 0 }, work, progress);
    live.prepare('BEGIN').run();
    const kept = checkpoint() ?? { position: 0, digest: '0'.repeat(64) };
    const writer = await deriveReadModels({ ...request, until: kept.position }, work, progress);
    const derived = writer.state.digest;
    const rows = digestOfRows(live);
    const difference = rows === derived && kept.digest === derived ? undefined : firstDifference(live, work.db);
    live.prepare('COMMIT').run();
    const seconds = (Date.now() - startedMs) / 1000;
    return {
      ok: difference === undefined && rows === derived && kept.digest === derived,
      position: kept.position,
      events: writer.treeSize,
      digest: { kept: kept.digest, rows, derived },
      ...(difference ? { difference } : {}),
      verifiedAt: new Date().toISOString(),
      seconds,
      eventsPerSecond: seconds > 0 ? Math.round(writer.treeSize / seconds) : writer.treeSize,
    };
  } finally {
    live.close();
    work.close();
  }
}

const port = parentPort;
if (port && workerData && (workerData as { livePath?: unknown }).livePath) {
  yieldToRequests();
  void verify(workerData as VerifyReadModelsRequest, (message) => port.postMessage(message)).then((report) => port.postMessage({ kind: 'done', report } satisfies VerifyMessage));
}
