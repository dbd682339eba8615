// The commit thread of a store in a file (see commit-thread.ts): a connection of its own to the
// file, and the same group commit the calling thread would run. Every message's units join the
// commit being gathered; each message is answered once all of its units are written or refused.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { GroupCommitter } from './group-commit';
import { openSchema } from './sqlite-schema';
import { wireError, type FromCommitWorker, type ToCommitWorker, type WireOutcome } from './commit-thread';

function main(port: NonNullable<typeof parentPort>, path: string): void {
  const db = new Database(path);
  openSchema(db);
  const committer = new GroupCommitter(db);
  let pending = Promise.resolve();
  port.on('message', (message: ToCommitWorker) => {
    if (message.kind === 'close') {
      void pending.then(async () => {
        await committer.drained();
        db.close();
        // The thread ends with its port: the store waits for its 'exit'.
        port.close();
      });
      return;
    }
    const answer = Promise.all(
      message.units.map((appends) =>
        committer.enqueueAtomic(appends).then(
          (results): WireOutcome => ({ ok: true, results }),
          (error: unknown): WireOutcome => ({ ok: false, error: wireError(error) }),
        ),
      ),
    ).then((outcomes) => port.postMessage({ kind: 'committed', id: message.id, outcomes } satisfies FromCommitWorker));
    pending = pending.then(() => answer);
  });
}

if (parentPort && workerData && typeof (workerData as { path?: unknown }).path === 'string') main(parentPort, (workerData as { path: string }).path);
