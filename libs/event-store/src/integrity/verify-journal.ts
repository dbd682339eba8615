// `verify`: recompute every hash and the Merkle tree head, and prove with RFC 6962
// consistency proofs that today's log extends every digest kept earlier — so an edited,
// deleted, inserted or reordered row is caught, and so is a dropped tail.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { EventStore, KeptDigest, Position, StoreAddress } from '../event-store.port';
import { JournalJoin, RangeChecker, type JournalRange, type RangeCheck, type VerifyFailure } from './journal-ranges';
import { MerkleTree, verifyConsistency } from './merkle';
import { startWorkerThread, workerFile } from '../worker-thread';

export type { VerifyFailure, VerifyFailureKind } from './journal-ranges';

export interface VerifyReport {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly headPosition?: Position;
  /** Tree head over the events checked (all of them when ok). */
  readonly treeSize: number;
  readonly rootHash: string;
  readonly digestsChecked: number;
  readonly failure?: VerifyFailure;
  readonly verifiedAt: string;
  readonly durationMs: number;
}

export interface VerifyOptions {
  /** Digests an auditor kept outside the store; checked like the store's own. */
  readonly trustedDigests?: readonly Pick<KeptDigest, 'treeSize' | 'rootHash'>[];
  /** Called now and then with the count of events checked, for progress on long runs. */
  readonly onProgress?: (eventsChecked: number) => void;
  /**
   * Worker threads to check ranges of the journal in, where the store has an address
   * (default: one per core, at most 4); 0 checks everything in this thread.
   */
  readonly workers?: number;
  /** Events per range handed to a worker; a power of two (default 65,536). Smaller logs are checked in this thread. */
  readonly rangeEvents?: number;
}

const DEFAULT_RANGE_EVENTS = 1 << 16;
const MAX_WORKERS = 4;

export async function verifyJournal(store: EventStore, options: VerifyOptions = {}): Promise<VerifyReport> {
  const startedMs = Date.now();
  const join = new JournalJoin();
  const rangeEvents = options.rangeEvents ?? DEFAULT_RANGE_EVENTS;
  if (!Number.isSafeInteger(rangeEvents) || rangeEvents < 1 || (rangeEvents & (rangeEvents - 1)) !== 0) {
    throw new RangeError(`rangeEvents must be a power of two, got ${rangeEvents}`);
  }
  const workers = Math.min(options.workers ?? availableParallelism(), MAX_WORKERS);
  // Ranges are cut by position, so only a dense log another thread can open is split.
  const address = store.densePositions && workers > 0 ? store.address : undefined;
  const head = address ? await store.headPosition() : undefined;

  if (address && head !== undefined && head > rangeEvents) {
    const ranges: JournalRange[] = [];
    for (let after = 0; after < head; after += rangeEvents) {
      ranges.push({ ...(after > 0 ? { after } : {}), until: Math.min(after + rangeEvents, head) });
    }
    await checkInWorkers(address, ranges, workers, (range, index) => {
      const going = join.add(range, ranges[index]);
      options.onProgress?.(join.tree.size);
      return going;
    });
  } else {
    const checker = new RangeChecker({}, store.densePositions);
    scan: for await (const page of store.readJournal()) {
      for (const e of page) {
        if (!checker.add(e.position, e.streamId, e.revision, e.canonical, e.hash, e.previousHash)) break scan;
      }
      options.onProgress?.(checker.checked);
    }
    join.add(checker.result());
  }

  const tree = join.tree;
  const digests = [...(await store.keptDigests()), ...(options.trustedDigests ?? [])];
  const failure = join.failure ?? checkDigests(tree, digests, join.headPosition, store.densePositions);
  return {
    ok: failure === undefined,
    eventsChecked: tree.size,
    headPosition: join.headPosition,
    treeSize: tree.size,
    rootHash: tree.root().toString('hex'),
    digestsChecked: failure ? 0 : digests.length,
    ...(failure ? { failure } : {}),
    verifiedAt: new Date().toISOString(),
    durationMs: Date.now() - startedMs,
  };
}

/**
 * Hands the ranges out to a pool of worker threads and passes their checks to `take` in log
 * order, one at a time as each next one arrives; stops every worker once `take` says stop.
 */
async function checkInWorkers(
  address: StoreAddress,
  ranges: readonly JournalRange[],
  workers: number,
  take: (range: RangeCheck, index: number) => boolean,
): Promise<void> {
  const file = workerFile(__dirname, 'verify-range-worker', __filename);
  const pool = Array.from({ length: Math.min(workers, ranges.length) }, () => startWorkerThread(file, address));
  const arrived = new Map<number, RangeCheck>();
  let handedOut = 0;
  let taken = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const handOut = (worker: Worker): void => {
        if (handedOut < ranges.length) worker.postMessage({ index: handedOut, ...ranges[handedOut++] });
      };
      for (const worker of pool) {
        worker.on('message', (message: { index: number; range: RangeCheck }) => {
          arrived.set(message.index, message.range);
          try {
            for (let next = arrived.get(taken); next !== undefined; next = arrived.get(taken)) {
              arrived.delete(taken);
              if (!take(next, taken++) || taken === ranges.length) return resolve();
            }
          } catch (error) {
            return reject(error);
          }
          handOut(worker);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => reject(new Error(`a verify worker stopped (exit code ${code}) before its range was checked`)));
        handOut(worker);
      }
    });
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}

function checkDigests(
  tree: MerkleTree,
  digests: readonly Pick<KeptDigest, 'treeSize' | 'rootHash'>[],
  headPosition: Position | undefined,
  densePositions: boolean,
): VerifyFailure | undefined {
  const size = tree.size;
  const root = tree.root();
  // Digests are checked oldest first, so a failure is bounded by the last one that held.
  let provenSize = 0;
  for (const digest of [...digests].sort((a, b) => a.treeSize - b.treeSize)) {
    if (digest.treeSize > size) {
      return {
        kind: 'log-truncated',
        ...(densePositions ? { position: (headPosition ?? 0) + 1 } : {}),
        detail: `a digest was kept over ${digest.treeSize} events, the log now holds ${size}: events after position ${headPosition ?? 0} were removed`,
      };
    }
    const proof = tree.consistencyProof(digest.treeSize, size);
    const oldRoot = Buffer.from(digest.rootHash, 'hex');
    if (!verifyConsistency(digest.treeSize, size, oldRoot, root, proof)) {
      return {
        kind: 'digest-inconsistent',
        position: provenSize + 1,
        detail:
          `the first ${digest.treeSize} events no longer have the tree head ${digest.rootHash} kept for them; ` +
          `the change lies in events ${provenSize + 1} to ${digest.treeSize} of the log`,
      };
    }
    provenSize = digest.treeSize;
  }
  return undefined;
}
