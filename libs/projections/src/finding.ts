// What a finding is: its kind, the entity it is about, and the events it names.
import { DERIVED_FINDINGS, FLAGS, type Flag } from '@geldstroom/ledger';
import { reference, type EventReference } from './evidence';
import { categoryOf, type Fact } from './facts';

export type DerivedFindingKind = keyof typeof DERIVED_FINDINGS;
export type FindingKind = Flag | DerivedFindingKind;
export const FINDING_KINDS: readonly FindingKind[] = [...Object.values(FLAGS), ...(Object.keys(DERIVED_FINDINGS) as DerivedFindingKind[])];

export interface FindingEntity {
  readonly streamId: string;
  readonly category: string;
  readonly id: string;
}

export interface Finding {
  /** Stable across answers: the kind and what it is about. */
  readonly id: string;
  readonly kind: FindingKind;
  /** `flag`: stored on the event when recorded; `derived`: computed across streams for this cut. */
  readonly origin: 'flag' | 'derived';
  readonly description: string;
  readonly entity: FindingEntity;
  /** The business date the irregularity arose on: the effective date of its latest offending event. */
  readonly date: string;
  /** Figures behind it; money as two-decimal strings. */
  readonly detail: Readonly<Record<string, string | number | null>>;
  readonly events: readonly EventReference[];
}

export function entityOf(streamId: string): FindingEntity {
  return { streamId, category: categoryOf(streamId), id: streamId.slice(streamId.indexOf('-') + 1) };
}

/** The events a finding names, once each, in journal order. */
export function references(facts: Iterable<Fact>): EventReference[] {
  const unique = new Map<number, Fact>();
  for (const fact of facts) unique.set(fact.position, fact);
  return [...unique.values()].sort((a, b) => a.position - b.position).map(reference);
}

