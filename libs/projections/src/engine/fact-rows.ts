// The facts table: every event of the journal in order, and the ledger's facts read back from it
// in business order for a unit's or a pool's refold, or as a cut sees them.
import type { LedgerEventType } from '@geldstroom/ledger';
import type { RecordedEvent } from '@geldstroom/event-store';
import type { LedgerFact } from '../model/ledger-fact';
import type { Route } from '../folds/units';
import type { JournalFacets } from './journal-facets';
import type { Row } from './tracked';

export const FACT_COLUMNS = [
  'position',
  'event_id',
  'origin_id',
  'mirror',
  'stream_id',
  'unit_id',
  'pool_budget_id',
  'revision',
  'type',
  'recorded_at',
  'recorded_max',
  'effective_date',
  'hash',
  'tree_size',
  'ledger',
  'data',
  'source_reference',
  'actor',
  'mirrors',
  'amount_cents',
  'counterparty_id',
  'budget_id',
  'programme_id',
  'booking_line_id',
] as const;

export function factRow(event: RecordedEvent, fact: LedgerFact | undefined, route: Route | undefined, treeSize: number, recordedMax: string, facets: JournalFacets | undefined): Row {
  const origin = fact?.mirrorOf ?? event.id;
  return [
    event.position,
    event.id,
    origin,
    fact?.mirrorOf ? 1 : 0,
    event.streamId,
    route?.unitId ?? null,
    route?.poolBudgetId ?? null,
    event.revision,
    event.type,
    event.recordedAt,
    recordedMax,
    fact?.effectiveDate ?? event.recordedAt.slice(0, 10),
    event.hash,
    treeSize,
    fact ? 1 : 0,
    // Not a ledger fact: only its place in the journal, never its data (token hashes).
    fact ? JSON.stringify(event.data) : '{}',
    fact?.sourceReference ?? null,
    fact?.actor ?? null,
    mirrorsOf(event),
    facets?.amountCents ?? null,
    facets?.counterpartyId ?? null,
    facets?.budgetId ?? null,
    facets?.programmeId ?? null,
    fact ? bookingLineIdOf(event, fact) : null,
  ];
}

/** The ids an import of booking lines gives the facts it records, each made from one line's natural key. */
const BOOKING_LINE_IDS = ['bookingId', 'commitmentId', 'invoiceId', 'paymentId', 'fundingId'] as const;

/**
 * Of a fact recorded from a line of an export (its metadata names the file and line): the id the
 * import made of the line's natural key. Any other fact: null.
 */
export function bookingLineIdOf(event: RecordedEvent, fact: LedgerFact): string | null {
  if (fact.mirrorOf !== null || typeof event.metadata.sourceLine !== 'object' || event.metadata.sourceLine === null) return null;
  const data = fact.data as Partial<Record<(typeof BOOKING_LINE_IDS)[number], unknown>>;
  for (const name of BOOKING_LINE_IDS) {
    const id = data[name];
    if (typeof id === 'string') return id;
  }
  return null;
}

/** A decision written to two streams names its second side's streams in its outbox: how many. */
export function mirrorsOf(event: RecordedEvent): number {
  return Array.isArray(event.metadata.mirrors) ? event.metadata.mirrors.length : 0;
}

/** The columns a fact is read back from, in the order of factOfRow. */
export const FACT_SELECT = 'f.position, f.event_id, f.stream_id, f.revision, f.type, f.recorded_at, f.effective_date, f.hash, f.data, f.source_reference, f.origin_id, f.mirror, f.actor';

export type FactTuple = [number, string, string, number, string, string, string, string, string, string | null, string, number, string | null];

export function factOfRow(row: FactTuple): LedgerFact {
  const [position, eventId, streamId, revision, type, recordedAt, effectiveDate, hash, data, sourceReference, originId, mirror, actor] = row;
  return {
    position,
    eventId,
    streamId,
    revision,
    recordedAt,
    effectiveDate,
    hash,
    mirrorOf: mirror ? originId : null,
    sourceReference,
    actor,
    type: type as LedgerEventType,
    data: JSON.parse(data) as LedgerFact['data'],
  } as LedgerFact;
}

/** Not hidden by a reversal recorded up to `at` (every reversal when `at` is omitted). */
export const NOT_REVERSED = 'NOT EXISTS (SELECT 1 FROM reversals r WHERE r.position = f.position)';
export const NOT_REVERSED_AT = 'NOT EXISTS (SELECT 1 FROM reversals r WHERE r.position = f.position AND r.reversed_at <= @at)';
