// Checks that every file a fact names is still kept whole: each one missing or altered is named.
import type { ContentStore } from './content-store';

export interface ContentReference {
  /** What the journal calls the file (a document id). */
  readonly id: string;
  readonly contentHash: string;
}

export interface ContentFailure extends ContentReference {
  readonly problem: 'missing' | 'altered';
  /** For an altered file: what its bytes hash to now. */
  readonly actualHash?: string;
}

export interface ContentReport {
  readonly ok: boolean;
  /** Files named by facts, each checked once however many facts name it. */
  readonly checked: number;
  readonly failures: readonly ContentFailure[];
}

/** Failures named at most: past that the count says how bad it is. */
export const CONTENT_FAILURES_NAMED_MAX = 1_000;

export async function verifyContent(store: ContentStore, references: Iterable<ContentReference>): Promise<ContentReport> {
  const checks = new Map<string, Awaited<ReturnType<ContentStore['check']>>>();
  const failures: ContentFailure[] = [];
  let failed = 0;
  for (const reference of references) {
    let check = checks.get(reference.contentHash);
    if (!check) {
      check = await store.check(reference.contentHash);
      checks.set(reference.contentHash, check);
    }
    if (check.kind === 'intact') continue;
    failed += 1;
    if (failures.length >= CONTENT_FAILURES_NAMED_MAX) continue;
    failures.push({ ...reference, problem: check.kind, ...(check.kind === 'altered' ? { actualHash: check.actualHash } : {}) });
  }
  return { ok: failed === 0, checked: checks.size, failures };
}
