// A finding is kept with the events it names as positions, its versions and the current findings
// alike. An event's reference (its id, type, stream, dates, hash and source) is the journal's and
// never changes, and a finding that grows names the same twenty-odd events at each of its versions:
// kept whole, the overrun of a budget that every line of an import is charged to took 7 KB a
// version, 11 KB of every 14 KB the read models grew per line; a supplier's split purchases took
// 6 KB of current finding, written again and hashed at every order. A list reads the references
// of the findings on its page (twenty-odd events each) back from the facts.
import type { EventReference } from '../queries/evidence';
import type { Finding } from './finding';

/** A finding as kept: its events by position. */
export type KeptFinding = Omit<Finding, 'events'> & { readonly events: readonly number[] };

/** What is kept of a finding, as a version and as now known: all of it, its events by position. */
export function keptBody(finding: Finding): string {
  return JSON.stringify({ ...finding, events: finding.events.map((event) => event.position) });
}

/** The findings kept bodies were made of, their events' references read again (from the facts). */
export function findingsOfBodies(references: (positions: readonly number[]) => readonly EventReference[], bodies: readonly string[]): Finding[] {
  const kept = bodies.map((body) => JSON.parse(body) as KeptFinding);
  const byPosition = new Map<number, EventReference>(references(kept.flatMap((finding) => finding.events)).map((found) => [found.position, found]));
  return kept.map((finding) => ({
    ...finding,
    events: finding.events.map((position) => {
      const found = byPosition.get(position);
      if (!found) throw new Error(`finding ${finding.id} names position ${position}, which the read models do not hold`);
      return found;
    }),
  }));
}
