// The events behind a figure, as an auditor needs them to find and check each one.
import type { Fact } from './facts';

export interface EventReference {
  readonly position: number;
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly effectiveDate: string;
  readonly recordedAt: string;
  readonly hash: string;
  readonly sourceReference?: string;
}

export function reference(fact: Fact): EventReference {
  const source = fact.metadata.sourceReference;
  return {
    position: fact.position,
    eventId: fact.eventId,
    type: fact.type,
    streamId: fact.streamId,
    effectiveDate: fact.effectiveDate,
    recordedAt: fact.recordedAt,
    hash: fact.hash,
    ...(typeof source === 'string' ? { sourceReference: source } : {}),
  };
}

/** Collects the facts behind each named figure, once each, in journal order. */
export class Evidence {
  private readonly figures = new Map<string, Map<number, Fact>>();

  add(figure: string, ...facts: readonly Fact[]): void {
    let set = this.figures.get(figure);
    if (!set) {
      set = new Map();
      this.figures.set(figure, set);
    }
    for (const fact of facts) set.set(fact.position, fact);
  }

  positions(figure: string): number[] {
    return [...(this.figures.get(figure)?.keys() ?? [])].sort((a, b) => a - b);
  }

  toJSON(): Record<string, EventReference[]> {
    return Object.fromEntries(
      [...this.figures].map(([figure, facts]) => [figure, [...facts.values()].sort((a, b) => a.position - b.position).map(reference)]),
    );
  }
}
