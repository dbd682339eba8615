// The movements one journal position makes, gathered per event before they are written: an event's
// own figures and what its pool drew for it become one movement; a correction of an earlier event
// another.
import type { LedgerEventType } from '@geldstroom/ledger';
import { isZero, type Dims, type Measures, type Movement } from '../model/movement';
import { addInto } from '../who-paid/split';
import { sortBy } from './sorted';

export interface DraftEvent {
  readonly position: number;
  readonly effectiveDate: string;
  readonly type: LedgerEventType;
  readonly unitId: string;
}

interface Draft {
  readonly event: DraftEvent;
  dims: Dims;
  readonly measures: Measures;
  funders: Map<string, number> | null;
}

export class Drafts {
  /** By event and by where it counts: an event moved from one place to another is two movements. */
  private readonly byEvent = new Map<string, Draft>();

  add(event: DraftEvent, dims: Dims, measures: Measures, funders: ReadonlyMap<string, number> | null = null): void {
    const key = `${event.position}|${dims.kind}|${dims.budgetId}|${dims.lineId}|${dims.programmeId}|${dims.partyId}|${dims.contractId}|${dims.counterBudgetId}|${dims.unit}`;
    let draft = this.byEvent.get(key);
    if (!draft) {
      draft = { event, dims, measures: {}, funders: null };
      this.byEvent.set(key, draft);
    }
    const target = draft.measures as Record<string, number>;
    // for-in, not Object.entries: the same keys in the same order, without an array per key.
    for (const key in measures) target[key] = (target[key] ?? 0) + (measures[key as keyof Measures] ?? 0);
    if (funders && funders.size > 0) {
      draft.funders ??= new Map();
      addInto(draft.funders, funders);
    }
  }

  /** The movements to write at position q, in event order; those that move nothing left out. */
  movements(q: number): Movement[] {
    const drafts = sortBy([...this.byEvent.entries()], ([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, draft]) => draft);
    return sortBy(drafts, (a, b) => a.event.position - b.event.position)
      .filter((d) => !isZero(d.measures) || (d.funders !== null && d.funders.size > 0))
      .map((d) => ({
        q,
        eventPosition: d.event.position,
        date: d.event.effectiveDate,
        eventType: d.event.type,
        unitId: d.event.unitId,
        dims: d.dims,
        measures: d.measures,
        funders: d.funders && d.funders.size > 0 ? d.funders : null,
      }));
  }
}
