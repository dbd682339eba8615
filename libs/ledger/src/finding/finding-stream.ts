// A finding's id is the read side's ("budget-overrun:budget:heerlen-2024", "paid-above-committed:
// <event uuid>"): it holds colons and can be longer than an entity id may be. Its reviews are kept
// on a stream named from a digest of it, and each review carries the whole id in its data.
import { createHash } from 'node:crypto';

/** Characters and length a finding id may have: what the findings list gives, and a bound. */
export const FINDING_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9:._-]{0,299}$/;

/** 128 bits of SHA-256: no two findings of one ledger share a stream. */
const DIGEST_HEX_LENGTH = 32;

export function findingStreamId(findingId: string): string {
  return `finding-${createHash('sha256').update(findingId, 'utf8').digest('hex').slice(0, DIGEST_HEX_LENGTH)}`;
}
