// A ledger that kept digests before it had a signing key: once the key is configured, verify holds
// every kept digest to it, and the old unsigned ones fail. This signs them, once, and only after a
// verify that holds without signatures. Whoever runs it vouches that the file had not been changed
// before: an auditor should keep the report it prints and a digest made right after.
import type { KeyObject } from 'node:crypto';
import type { EventStore } from '../event-store.port';
import { signDigest } from './signed-digest';
import { verifyJournal, type VerifyReport } from './verify-journal';

export async function signKeptDigests(store: EventStore, signingKey: KeyObject): Promise<{ readonly report: VerifyReport; readonly signed: number }> {
  const report = await verifyJournal(store);
  if (!report.ok) return { report, signed: 0 };
  let signed = 0;
  for (const kept of await store.keptDigests()) {
    if (kept.signature) continue;
    const { treeSize, rootHash, headPosition, keptAt } = kept;
    const { signature } = signDigest({ treeSize, rootHash, ...(headPosition !== undefined ? { headPosition } : {}), issuedAt: keptAt }, signingKey);
    await store.keepDigest({ ...kept, ...(signature ? { signature } : {}) });
    signed += 1;
  }
  return { report, signed };
}
