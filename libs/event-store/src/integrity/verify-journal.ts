// `verify`: recompute every hash and the Merkle tree head, and prove with RFC 6962
// consistency proofs that today's log extends every digest kept earlier — so an edited,
// deleted, inserted or reordered row is caught, and so is a dropped tail.
import { availableParallelism } from 'node:os';
import type { KeyObject } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import type { EventStore, KeptDigest, Position, StoreAddress } from '../event-store.port';
import { JournalJoin, RangeChecker, type JournalRange, type RangeCheck, type VerifyFailure } from './journal-ranges';
import { checkDigestSeries, type DigestPolicy } from './digest-series';
import { MerkleTree, verifyConsistency } from './merkle';
import { publicKeyOf, signedKeptDigest, verifySignedDigest } from './signed-digest';
import { startWorkerThread, workerFile } from '../worker-thread';

export type { VerifyFailure, VerifyFailureKind } from './journal-ranges';
export type { DigestPolicy } from './digest-series';

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

/** A digest someone brings from outside the store; a signed one is checked by its signature first. */
export type TrustedDigest = Pick<KeptDigest, 'treeSize' | 'rootHash'>;

export interface VerifyOptions {
  /** Digests an auditor kept outside the store; checked like the store's own. */
  readonly trustedDigests?: readonly TrustedDigest[];
  /**
   * The ledger's signing key (or its public half). With it every digest kept in the store must be
   * signed by it: one who can write the store's file could otherwise keep digests of their own.
   */
  readonly signingKey?: KeyObject;
  /**
   * The ledger keeps a digest at every multiple of this (GELDSTROOM_DIGEST_EVERY): each one due by
   * the log's size when the kept digests were read must be there (digest-series.ts).
   */
  readonly keepEvery?: number;
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

/** One pass over the journal: the tree of the events that held, and the first failure. */
export interface JournalScan {
  readonly tree: MerkleTree;
  readonly headPosition?: Position;
  readonly failure?: VerifyFailure;
  readonly densePositions: boolean;
  /** The digests the store had kept when the scan began (so none is newer than what was scanned). */
  readonly kept: readonly KeptDigest[];
  /** The log's size when the kept digests were read (dense logs; otherwise the size scanned). */
  readonly sizeWhenKeptRead: number;
  readonly startedMs: number;
}

export async function verifyJournal(store: EventStore, options: VerifyOptions = {}): Promise<VerifyReport> {
  const scan = await scanJournal(store, options);
  const policy = options.keepEvery === undefined ? undefined : { keepEvery: options.keepEvery, dueThrough: scan.sizeWhenKeptRead };
  return judgeScan(scan, { signingKey: options.signingKey, trustedDigests: options.trustedDigests ?? [], ...(policy ? { policy } : {}) });
}

/** Recomputes every hash and the tree head; the digests are judged apart (judgeScan), as often as asked. */
export async function scanJournal(
  store: EventStore,
  options: Omit<VerifyOptions, 'trustedDigests' | 'signingKey' | 'keepEvery'> = {},
): Promise<JournalScan> {
  const startedMs = Date.now();
  // Read first: a digest kept while the scan runs may cover events the scan did not reach.
  const kept = await store.keptDigests();
  // And the head right after: digests due after it may not be kept yet when the scan ends.
  const headWhenKeptRead = store.densePositions ? ((await store.headPosition()) ?? 0) : undefined;
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
        if (!checker.add(e)) break scan;
      }
      options.onProgress?.(checker.checked);
    }
    join.add(checker.result());
  }
  return {
    tree: join.tree,
    ...(join.headPosition !== undefined ? { headPosition: join.headPosition } : {}),
    ...(join.failure ? { failure: join.failure } : {}),
    densePositions: store.densePositions,
    kept,
    sizeWhenKeptRead: Math.min(headWhenKeptRead ?? join.tree.size, join.tree.size),
    startedMs,
  };
}

/**
 * The report of a scan against the store's kept digests and the digests one caller brings. Pure
 * over the scan: the API checks many callers' digests against one scan.
 */
export function judgeScan(
  scan: JournalScan,
  digests: { readonly signingKey?: KeyObject; readonly trustedDigests: readonly TrustedDigest[]; readonly policy?: DigestPolicy },
): VerifyReport {
  const { tree } = scan;
  const failure =
    scan.failure ??
    checkSignatures(scan.kept, digests.signingKey) ??
    checkDigests(tree, [
      // Kept digests count as evidence from outside the file only when signed by the ledger's key.
      ...scan.kept.map((digest) => ({ ...digest, outside: digests.signingKey !== undefined })),
      ...digests.trustedDigests.map((digest) => ({ ...digest, outside: true })),
    ], scan) ??
    // Only a ledger that signs: an unsigned digest is as easy to forge as to delete, and a hole the
    // series requires (after a crash, say) costs an operator's signature to close.
    (digests.policy && digests.signingKey ? checkDigestSeries(scan.kept, digests.policy, true) : undefined);
  return {
    ok: failure === undefined,
    eventsChecked: tree.size,
    ...(scan.headPosition !== undefined ? { headPosition: scan.headPosition } : {}),
    treeSize: tree.size,
    rootHash: tree.root().toString('hex'),
    digestsChecked: failure ? 0 : scan.kept.length + digests.trustedDigests.length,
    ...(failure ? { failure } : {}),
    verifiedAt: new Date().toISOString(),
    durationMs: Date.now() - scan.startedMs,
  };
}

/**
 * The report of a verify that threw before it was done (a bug, a file the driver cannot read): a
 * failure like any other, so no one takes a journal that could not be checked for one that held.
 * Why it stopped is for the log, not for the report: /health shows it to anyone.
 */
export function abortedReport(startedMs: number): VerifyReport {
  return {
    ok: false,
    eventsChecked: 0,
    treeSize: 0,
    rootHash: new MerkleTree().root().toString('hex'),
    digestsChecked: 0,
    failure: { kind: 'verify-aborted', detail: 'verify stopped on an error before it was done, and counts as failed until one holds; the log says why' },
    verifiedAt: new Date().toISOString(),
    durationMs: Date.now() - startedMs,
  };
}

/** With a signing key, each kept digest must carry its signature; the first that does not is named. */
function checkSignatures(kept: readonly KeptDigest[], signingKey: KeyObject | undefined): VerifyFailure | undefined {
  if (!signingKey) return undefined;
  const trusted = publicKeyOf(signingKey);
  for (const digest of kept) {
    const check = verifySignedDigest(signedKeptDigest(digest), trusted);
    if (check.ok) continue;
    const unsigned = digest.signature === undefined;
    return {
      kind: unsigned ? 'digest-unsigned' : 'digest-signature-invalid',
      detail: unsigned
        ? `the digest kept over ${digest.treeSize} events is not signed, and the ledger signs every digest it keeps: it was written by someone else`
        : `the digest kept over ${digest.treeSize} events is not signed by the ledger's key (${check.reason})`,
    };
  }
  return undefined;
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

/** A digest to prove, and whether it comes from outside the store's file (an auditor, or signed). */
interface DigestToProve extends TrustedDigest {
  readonly outside: boolean;
}

function checkDigests(tree: MerkleTree, digests: readonly DigestToProve[], scan: JournalScan): VerifyFailure | undefined {
  const size = tree.size;
  const root = tree.root();
  // Digests are checked oldest first, so a failure is bounded by the last one that held. A digest
  // from outside the file is not bounded by one from inside it: whoever rewrote the events could
  // rewrite those too (an auditor's digest then names events 1 to its size, not past the change).
  // Only a digest over fewer events bounds it: one of the same size that holds contradicts the one
  // that fails (the ledger signed the rewritten log), and bounds nothing.
  let provenSize = 0;
  let provenOutsideSize = 0;
  let provenBelow = { size: 0, outsideSize: 0 };
  let lastSize = -1;
  for (const digest of [...digests].sort((a, b) => a.treeSize - b.treeSize)) {
    if (digest.treeSize > size) {
      return {
        kind: 'log-truncated',
        ...(scan.densePositions ? { position: (scan.headPosition ?? 0) + 1 } : {}),
        detail: `a digest was kept over ${digest.treeSize} events, the log now holds ${size}: events after position ${scan.headPosition ?? 0} were removed`,
      };
    }
    if (digest.treeSize !== lastSize) [provenBelow, lastSize] = [{ size: provenSize, outsideSize: provenOutsideSize }, digest.treeSize];
    const proof = tree.consistencyProof(digest.treeSize, size);
    const oldRoot = Buffer.from(digest.rootHash, 'hex');
    if (!verifyConsistency(digest.treeSize, size, oldRoot, root, proof)) {
      const from = (digest.outside ? provenBelow.outsideSize : provenBelow.size) + 1;
      return {
        kind: 'digest-inconsistent',
        // Tree index and position coincide only in a dense log.
        ...(scan.densePositions ? { position: from } : {}),
        detail:
          `the first ${digest.treeSize} events no longer have the tree head ${digest.rootHash} kept for them; ` +
          `the change lies in events ${from} to ${digest.treeSize} of the log`,
      };
    }
    provenSize = digest.treeSize;
    if (digest.outside) provenOutsideSize = digest.treeSize;
  }
  return undefined;
}
