// An event as the read models keep it: the columns queries select on, and the event itself.
import type { RecordedEvent } from '@geldstroom/event-store';

export interface Fact {
  readonly position: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly recordedAt: string;
  readonly effectiveDate: string;
  /** The budget the event is charged to or happens on. */
  readonly budgetId: string | null;
  readonly programmeId: string | null;
  /** The other party: a grant's recipient, a purchase's or contract's supplier, a funder. */
  readonly partyId: string | null;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly hash: string;
}

/** The streams of the ledger; others in the log (access control) are not ledger facts. */
export const LEDGER_CATEGORIES = new Set(['party', 'budget', 'programme', 'grant', 'procurement', 'contract', 'purchase']);

export function categoryOf(streamId: string): string {
  return streamId.slice(0, streamId.indexOf('-'));
}

export interface Charge {
  readonly budgetId: string | null;
  readonly programmeId: string | null;
  readonly partyId: string | null;
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** What an event itself says it is charged to. */
export function chargeOf(event: RecordedEvent): Charge {
  const data = event.data as Record<string, unknown>;
  const partyId = str(data.recipientPartyId) ?? str(data.supplierPartyId) ?? str(data.funderPartyId);
  return {
    budgetId: str(data.budgetId),
    programmeId: str(data.programmeId) ?? (categoryOf(event.streamId) === 'programme' ? str(data.programmeId) : null),
    partyId,
  };
}

export interface FactRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  recorded_at: string;
  effective_date: string;
  budget_id: string | null;
  programme_id: string | null;
  party_id: string | null;
  data: string;
  metadata: string;
  hash: string;
}

export function factFromRow(row: FactRow): Fact {
  return {
    position: row.position,
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    type: row.type,
    recordedAt: row.recorded_at,
    effectiveDate: row.effective_date,
    budgetId: row.budget_id,
    programmeId: row.programme_id,
    partyId: row.party_id,
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    hash: row.hash,
  };
}
