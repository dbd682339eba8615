// Which facts a query sees. `asOf` is knowledge time: only what was recorded by then, so an
// answer given on a date can be reproduced after later corrections. `on` is business time:
// only what was effective by that date. Reversals count only when they themselves are seen.
import type { Fact } from './facts';

export interface Cut {
  /** Journal position the answer is computed at (the last event recorded by asOf). */
  readonly position: number;
  /** Effective date bound, YYYY-MM-DD, inclusive. */
  readonly on?: string;
}

/** The facts as the cut sees them, reversed ones removed, in business-time order. */
export function visible(facts: readonly Fact[], cut: Cut): Fact[] {
  const seen = facts.filter((f) => f.position <= cut.position && (cut.on === undefined || f.effectiveDate <= cut.on));
  const reversed = new Set<string>();
  for (const fact of seen) {
    if (fact.type !== 'EntryReversed') continue;
    if (typeof fact.data.reversedEventId === 'string') reversed.add(fact.data.reversedEventId);
    // On a mirror's stream the reversal names the origin it follows: a query that reads only
    // that stream (a contract, a receiving budget) must drop the mirror too.
    if (typeof fact.data.originEventId === 'string') reversed.add(fact.data.originEventId);
  }
  return seen
    .filter((f) => f.type !== 'EntryReversed' && !reversed.has(f.eventId) && !reversed.has(mirrorOrigin(f) ?? ''))
    .sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : a.position - b.position));
}

/** The reversals the cut sees, for the evidence of an answer. */
export function reversalsSeen(facts: readonly Fact[], cut: Cut): Fact[] {
  return facts.filter((f) => f.type === 'EntryReversed' && f.position <= cut.position && (cut.on === undefined || f.effectiveDate <= cut.on));
}

function mirrorOrigin(fact: Fact): string | undefined {
  return fact.mirrorOf;
}
