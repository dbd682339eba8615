// A ledger that kept digests before it had a signing key: once the key is configured, verify holds
// every kept digest to it, and the old unsigned ones fail. This signs them, once, and only after a
// verify that holds without signatures. Whoever runs it vouches that the file had not been changed
// before: an auditor should keep the report it prints and a digest made right after.
//
// Given the interval the ledger keeps digests at, it also keeps (signed) each digest missing from
// that series (digest-series.ts): a ledger that never kept digests, kept them under another
// interval or at irregular sizes (an older version), or stopped before keeping one (a crash). The
// same vouching: the keeper itself refuses to fill such a hole (journal-digester.ts).
import type { KeyObject } from 'node:crypto';
import type { EventStore } from '../event-store.port';
import { MerkleFrontier } from './merkle';
import { signDigest } from './signed-digest';
import { verifyJournal, type VerifyReport } from './verify-journal';

export interface SignKeptResult {
  readonly report: VerifyReport;
  /** Unsigned kept digests now signed. */
  readonly signed: number;
  /** Digests missing from the series, now kept and signed. */
  readonly filled: number;
}

export async function signKeptDigests(store: EventStore, signingKey: KeyObject, keepEvery?: number): Promise<SignKeptResult> {
  const report = await verifyJournal(store);
  if (!report.ok) return { report, signed: 0, filled: 0 };
  let signed = 0;
  const kept = await store.keptDigests();
  for (const digest of kept) {
    if (digest.signature) continue;
    const { treeSize, rootHash, headPosition, keptAt } = digest;
    const { signature } = signDigest({ treeSize, rootHash, ...(headPosition !== undefined ? { headPosition } : {}), issuedAt: keptAt }, signingKey);
    await store.keepDigest({ ...digest, ...(signature ? { signature } : {}) });
    signed += 1;
  }
  const filled = keepEvery ? await fillSeries(store, signingKey, keepEvery, report.treeSize, new Set(kept.map((digest) => digest.treeSize))) : 0;
  return { report, signed, filled };
}

/** Keeps, signed, the digest at each multiple of `keepEvery` up to `treeSize` that the store lacks. */
async function fillSeries(store: EventStore, signingKey: KeyObject, keepEvery: number, treeSize: number, keptSizes: ReadonlySet<number>): Promise<number> {
  const frontier = new MerkleFrontier();
  let filled = 0;
  for await (const page of store.readLeaves()) {
    for (const leaf of page) {
      frontier.append(Buffer.from(leaf.hash, 'hex'));
      const size = frontier.size;
      if (size > treeSize) return filled;
      if (size % keepEvery !== 0 || keptSizes.has(size)) continue;
      const issuedAt = new Date().toISOString();
      const digest = signDigest({ treeSize: size, rootHash: frontier.root().toString('hex'), headPosition: leaf.position, issuedAt }, signingKey);
      await store.keepDigest({ treeSize: size, rootHash: digest.rootHash, headPosition: leaf.position, keptAt: issuedAt, ...(digest.signature ? { signature: digest.signature } : {}) });
      filled += 1;
    }
  }
  return filled;
}
