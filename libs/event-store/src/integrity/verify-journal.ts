// `verify`: recompute every hash and the Merkle tree head, and prove with RFC 6962
// consistency proofs that today's log extends every digest kept earlier — so an edited,
// deleted, inserted or reordered row is caught, and so is a dropped tail.
import type { EventStore, JournalEntry, KeptDigest, Position } from '../event-store.port';
import { chainHashHex, GENESIS_HASH_HEX } from './event-hash';
import { MerkleTree, verifyConsistency } from './merkle';

export type VerifyFailureKind =
  | 'hash-mismatch' // the stored bytes do not hash to the stored hash
  | 'chain-broken' // the event does not point at the previous event of its stream
  | 'revision-gap' // a stream skips or repeats a revision
  | 'position-gap' // a dense log skips a position: an event was removed
  | 'log-truncated' // the log is shorter than a digest kept earlier
  | 'digest-inconsistent'; // the log no longer extends a digest kept earlier

export interface VerifyFailure {
  readonly kind: VerifyFailureKind;
  /** The first position that fails; for a digest failure, the last position it covered. */
  readonly position?: Position;
  readonly streamId?: string;
  readonly revision?: number;
  readonly detail: string;
}

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
}

interface StreamTip {
  revision: number;
  /** Lowercase hex. */
  hash: string;
}

export async function verifyJournal(store: EventStore, options: VerifyOptions = {}): Promise<VerifyReport> {
  const startedMs = Date.now();
  const tree = new MerkleTree();
  const tips = new Map<string, StreamTip>();
  let previousPosition: Position | undefined;
  let failure: VerifyFailure | undefined;

  scan: for await (const page of store.readJournal()) {
    for (const entry of page) {
      failure = checkEntry(entry, tips.get(entry.streamId), previousPosition, store.densePositions);
      if (failure) break scan;
      tips.set(entry.streamId, { revision: entry.revision, hash: entry.hash });
      tree.append(Buffer.from(entry.hash, 'hex'));
      previousPosition = entry.position;
    }
    options.onProgress?.(tree.size);
  }

  const digests = [...(await store.keptDigests()), ...(options.trustedDigests ?? [])];
  if (!failure) failure = checkDigests(tree, digests, previousPosition, store.densePositions);
  return {
    ok: failure === undefined,
    eventsChecked: tree.size,
    headPosition: previousPosition,
    treeSize: tree.size,
    rootHash: tree.root().toString('hex'),
    digestsChecked: failure ? 0 : digests.length,
    ...(failure ? { failure } : {}),
    verifiedAt: new Date().toISOString(),
    durationMs: Date.now() - startedMs,
  };
}

function checkEntry(
  entry: JournalEntry,
  tip: StreamTip | undefined,
  previousPosition: Position | undefined,
  densePositions: boolean,
): VerifyFailure | undefined {
  const at = { position: entry.position, streamId: entry.streamId, revision: entry.revision };
  const expectedPosition = (previousPosition ?? 0) + 1;
  if (densePositions ? entry.position !== expectedPosition : entry.position <= (previousPosition ?? -1)) {
    const detail = densePositions
      ? `expected position ${expectedPosition}, found ${entry.position}: events are missing or moved`
      : `position ${entry.position} does not follow ${previousPosition}`;
    return { kind: 'position-gap', ...at, position: densePositions ? expectedPosition : entry.position, detail };
  }
  const expectedRevision = tip ? tip.revision + 1 : 0;
  if (entry.revision !== expectedRevision) {
    const detail = `stream ${entry.streamId} expected revision ${expectedRevision}, found ${entry.revision}`;
    return { kind: 'revision-gap', ...at, detail };
  }
  const previousHash = tip?.hash ?? GENESIS_HASH_HEX;
  if (entry.previousHash !== previousHash) {
    return { kind: 'chain-broken', ...at, detail: 'the event does not name the previous event of its stream' };
  }
  if (chainHashHex(previousHash, entry.canonical) !== entry.hash) {
    return { kind: 'hash-mismatch', ...at, detail: 'the stored event does not match its hash' };
  }
  return undefined;
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
