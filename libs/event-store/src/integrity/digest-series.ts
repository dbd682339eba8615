// The series of kept digests: the ledger keeps one at every multiple of GELDSTROOM_DIGEST_EVERY,
// so a digest missing from the series is evidence, not an accident. Whoever rewrote events and
// deleted the (signed) digests over them leaves a hole here, which verify names.
//
// The policy comes from configuration, never from the store's file: anything in the file (a
// digest, a row saying "digests are kept") can be deleted with the digests, and a ledger whose
// digests were all deleted would then look like one that never kept any.
import type { KeptDigest } from '../event-store.port';
import type { VerifyFailure } from './journal-ranges';

export interface DigestPolicy {
  /** The ledger keeps a digest at every tree size that is a multiple of this (GELDSTROOM_DIGEST_EVERY). */
  readonly keepEvery: number;
  /**
   * Tree size up to which every due digest must be kept by now: the log's size when the kept
   * digests were read (the command line), or what the running ledger's own keeper has reached.
   */
  readonly dueThrough: number;
}

/**
 * Where the regular series starts: after the newest kept digest that lies off the series. Such a
 * digest was kept by an earlier version (every few seconds, at whatever size the log had) or under
 * another interval; the series is required only after it. Deleting digests can only move this
 * start earlier, never later: only the ledger's key makes a digest that counts.
 */
export function seriesStart(kept: readonly KeptDigest[], keepEvery: number): number {
  let start = 0;
  for (const digest of kept) if (digest.treeSize % keepEvery !== 0 && digest.treeSize > start) start = digest.treeSize;
  return start;
}

/** The first tree size at which the series lacks a digest it should hold by now, or undefined. */
export function firstMissingDigest(kept: readonly KeptDigest[], policy: DigestPolicy): number | undefined {
  const { keepEvery, dueThrough } = policy;
  if (!Number.isSafeInteger(keepEvery) || keepEvery < 1) throw new RangeError(`keepEvery must be a positive integer, got ${keepEvery}`);
  const sizes = new Set(kept.map((digest) => digest.treeSize));
  const start = seriesStart(kept, keepEvery);
  for (let size = (Math.floor(start / keepEvery) + 1) * keepEvery; size <= dueThrough; size += keepEvery) {
    if (!sizes.has(size)) return size;
  }
  return undefined;
}

/** A digest missing from the series, named by the tree size it was due at and the events it left unproven. */
export function checkDigestSeries(kept: readonly KeptDigest[], policy: DigestPolicy, signed: boolean): VerifyFailure | undefined {
  const missing = firstMissingDigest(kept, policy);
  if (missing === undefined) return undefined;
  // The events after the last kept digest below the hole are the ones no digest vouches for now.
  const before = kept.filter((digest) => digest.treeSize < missing).reduce((newest, digest) => Math.max(newest, digest.treeSize), 0);
  const what = signed ? 'a signed digest' : 'a digest';
  return {
    kind: 'digest-missing',
    position: before + 1,
    detail:
      `the ledger keeps ${what} every ${policy.keepEvery} events, and none is kept over ${missing} events: ` +
      `it was deleted, or the ledger stopped before keeping it (a crash), so nothing the ledger signed vouches for ` +
      `events ${before + 1} to ${missing}; once their cause is known, \`cli digest --sign-kept\` keeps the missing digests`,
  };
}
