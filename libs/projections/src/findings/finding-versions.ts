// A finding's versions keep the events they name as positions. An event's reference (its id, type,
// stream, dates, hash and source) is the journal's and never changes, and a finding that grows
// names the same twenty-odd events at each of its versions: kept whole, the overrun of a budget
// that every line of an import is charged to took 7 KB a version, 11 KB of every 14 KB the read
// models grew per line. The current findings keep their events whole (every list reads them).
import type { LedgerFact } from '../model/ledger-fact';
import { reference, type EventReference } from '../queries/evidence';
import type { Finding } from './finding';

type KeptVersion = Omit<Finding, 'events'> & { readonly events: readonly number[] };

/** What a version keeps of a finding: all of it, its events by position. */
export function versionBody(finding: Finding): string {
  return JSON.stringify({ ...finding, events: finding.events.map((event) => event.position) });
}

/** The findings kept versions were made of, their events' references read again from the facts. */
export function findingsOfVersions(facts: (positions: Iterable<number>) => readonly LedgerFact[], bodies: readonly string[]): Finding[] {
  const kept = bodies.map((body) => JSON.parse(body) as KeptVersion);
  const references = new Map<number, EventReference>(facts(kept.flatMap((version) => version.events)).map((fact) => [fact.position, reference(fact)]));
  return kept.map((version) => ({
    ...version,
    events: version.events.map((position) => {
      const found = references.get(position);
      if (!found) throw new Error(`a version of finding ${version.id} names position ${position}, which the read models do not hold`);
      return found;
    }),
  }));
}
