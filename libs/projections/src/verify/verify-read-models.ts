// Verifies the read models against the journal: derives them again from nothing, in a worker
// thread (off the event loop of an API that keeps serving), into a file of their own, and sets
// them beside the live ones as of one checkpoint. The live file is read in one read transaction,
// so it is one consistent state even while its projector goes on writing. Any row edited, added or
// removed behind the projector's back is named: its table and key, as it is and as it should be.
import { rmSync } from 'node:fs';
import { startWorkerThread, workerFile, type Position, type StoreAddress } from '@geldstroom/event-store';
import type { FindingRules } from '../findings/rules';
import type { RowDifference } from './compare';

export interface ReadModelsReport {
  readonly ok: boolean;
  /** The checkpoint both were set beside each other at. */
  readonly position: Position;
  readonly events: number;
  readonly digest: {
    /** What the live read models kept with their checkpoint. */
    readonly kept: string;
    /** What their rows hash to now. */
    readonly rows: string;
    /** What the journal gives. */
    readonly derived: string;
  };
  /** The first row that differs, in table order; absent when all agree. */
  readonly difference?: RowDifference;
  readonly verifiedAt: string;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

export interface VerifyReadModelsRequest {
  readonly address: StoreAddress;
  /** The live read models. */
  readonly livePath: string;
  readonly rules: FindingRules;
}

export type VerifyMessage =
  | { readonly kind: 'progress'; readonly applied: number; readonly position: Position }
  | { readonly kind: 'done'; readonly report: ReadModelsReport };

/**
 * Runs the verify in a worker thread; the work file lives beside the live one while it runs. An
 * abort (the process shutting down) ends the worker and takes its work file away before it rejects.
 */
export async function verifyReadModels(
  request: VerifyReadModelsRequest,
  onProgress?: (applied: number, position: Position) => void,
  signal?: AbortSignal,
): Promise<ReadModelsReport> {
  signal?.throwIfAborted();
  const worker = startWorkerThread(workerFile(__dirname, 'verify-worker', __filename), request);
  let stopped: (() => void) | undefined;
  try {
    return await new Promise<ReadModelsReport>((resolve, reject) => {
      stopped = () => reject(new Error('the read-model verify was stopped'));
      signal?.addEventListener('abort', stopped, { once: true });
      worker.on('message', (message: VerifyMessage) => {
        if (message.kind === 'progress') onProgress?.(message.applied, message.position);
        else resolve(message.report);
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`the read-model verify stopped (exit code ${code})`)));
    });
  } finally {
    // One verify after another: each takes its listener away again.
    if (stopped) signal?.removeEventListener('abort', stopped);
    await worker.terminate();
    rmSync(workPathOf(request.livePath), { force: true });
    for (const suffix of ['-wal', '-shm']) rmSync(`${workPathOf(request.livePath)}${suffix}`, { force: true });
  }
}

export function workPathOf(livePath: string): string {
  return `${livePath}.verify`;
}
