// What a finding is: a real but irregular fact an accountant must see, its kind, the entity it is
// about, the figures behind it and the events it names.
import { DERIVED_FINDINGS, FLAGS, type Flag } from '@geldstroom/ledger';
import { categoryOf, entityIdOf } from '../model/ledger-fact';
import type { EventReference } from '../queries/evidence';

export type DerivedFindingKind = keyof typeof DERIVED_FINDINGS;
export type FindingKind = Flag | DerivedFindingKind;
export const FINDING_KINDS: readonly FindingKind[] = [...Object.values(FLAGS), ...(Object.keys(DERIVED_FINDINGS) as DerivedFindingKind[])];

export const FLAG_DESCRIPTIONS: Readonly<Record<Flag, string>> = {
  'budget-below-zero': 'a budget amendment takes the current budget below zero',
  'allocated-above-budget': 'allocation lines add up to more than the current budget',
  'transferred-above-budget': 'a transfer out takes more than the current budget holds',
  'paid-above-granted': 'net payments on a grant pass the granted amount',
  'paid-above-settled': 'net payments on a grant pass the settled amount',
  'settled-above-granted': 'a settlement above the granted amount',
  'invoiced-above-total': 'invoices on a purchase add up to more than count × unit price',
  'paid-above-invoiced': 'payments on a purchase add up to more than was invoiced',
  'paid-above-total': 'payments on a purchase add up to more than count × unit price',
  'outcomes-above-participants': 'more outcomes of a kind than participants enrolled',
  'invoiced-above-committed': 'invoices on an expense add up to more than was committed',
  'paid-above-committed': 'payments on an expense add up to more than was committed',
};

export interface FindingEntity {
  readonly streamId: string;
  readonly category: string;
  readonly id: string;
}

export interface Finding {
  /** Stable across answers: the kind and what it is about. */
  readonly id: string;
  readonly kind: FindingKind;
  /** `flag`: stored on the event when recorded; `derived`: computed across streams. */
  readonly origin: 'flag' | 'derived';
  readonly description: string;
  readonly entity: FindingEntity;
  /** The business date the irregularity arose on: the effective date of its latest offending event. */
  readonly date: string;
  /** Figures behind it; money as two-decimal strings; lists of ids (the budgets a contract's call-offs were charged to). */
  readonly detail: Readonly<Record<string, string | number | null | readonly string[]>>;
  readonly events: readonly EventReference[];
}

export function entityOf(streamId: string): FindingEntity {
  return { streamId, category: categoryOf(streamId), id: entityIdOf(streamId) };
}

/** Order of the list: by date, then id. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
