// The events behind a figure, as an auditor needs them to find and check each one: for every
// figure of an answer, the events whose movements make it up (an event reversed by then nets to
// nothing and is left out), with their place in the journal and their hash.
import { datePrecisionOf, type DatePrecision } from '@geldstroom/ledger';
import type { LedgerFact } from '../model/ledger-fact';
import type { Measure, Movement } from '../model/movement';
import type { Cut, LedgerReader } from './reader';

export interface EventReference {
  readonly position: number;
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly effectiveDate: string;
  /** Present when the effective date is known to the month or year only. */
  readonly effectiveDatePrecision?: 'month' | 'year';
  readonly recordedAt: string;
  readonly hash: string;
  readonly sourceReference?: string;
}

export function reference(fact: LedgerFact): EventReference {
  return referenceOf(fact, datePrecisionOf(fact.data));
}

/** What a reference is made of: a fact's journal columns (its data aside). */
export type ReferenceColumns = Pick<LedgerFact, 'position' | 'eventId' | 'type' | 'streamId' | 'effectiveDate' | 'recordedAt' | 'hash' | 'sourceReference'>;

/** A reference from a fact's journal columns and how exactly its date is known. */
export function referenceOf(columns: ReferenceColumns, precision: DatePrecision): EventReference {
  return {
    position: columns.position,
    eventId: columns.eventId,
    type: columns.type,
    streamId: columns.streamId,
    effectiveDate: columns.effectiveDate,
    ...(precision !== 'day' ? { effectiveDatePrecision: precision } : {}),
    recordedAt: columns.recordedAt,
    hash: columns.hash,
    ...(columns.sourceReference !== null ? { sourceReference: columns.sourceReference } : {}),
  };
}

/** The events whose movements, added up per event, move any of the measures. */
export function eventsMoving(movements: readonly Movement[], measures: readonly Measure[]): number[] {
  const net = new Map<number, number[]>();
  for (const movement of movements) {
    const sums = net.get(movement.eventPosition) ?? measures.map(() => 0);
    measures.forEach((m, i) => (sums[i] += movement.measures[m] ?? 0));
    net.set(movement.eventPosition, sums);
  }
  return [...net].filter(([, sums]) => sums.some((s) => s !== 0)).map(([position]) => position);
}

/** Collects the events behind each named figure, once each, in journal order. */
export class Evidence {
  private readonly figures = new Map<string, Set<number>>();

  constructor(
    private readonly reader: LedgerReader,
    readonly cut: Cut,
  ) {}

  add(figure: string, positions: Iterable<number>): void {
    let set = this.figures.get(figure);
    if (!set) {
      set = new Set();
      this.figures.set(figure, set);
    }
    for (const position of positions) set.add(position);
  }

  addMoving(figure: string, movements: readonly Movement[], measures: readonly Measure[]): void {
    this.add(figure, eventsMoving(movements, measures));
  }

  positions(figure: string): number[] {
    return [...(this.figures.get(figure) ?? [])].sort((a, b) => a - b);
  }

  toJSON(): Record<string, EventReference[]> {
    const all = new Set([...this.figures.values()].flatMap((set) => [...set]));
    const facts = new Map(this.reader.facts(all).map((fact) => [fact.position, fact]));
    return Object.fromEntries(
      [...this.figures].map(([figure, set]) => [figure, [...set].sort((a, b) => a - b).flatMap((p) => (facts.has(p) ? [reference(facts.get(p)!)] : []))]),
    );
  }
}
