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
  /** For a mirror (a transfer's incoming side), the id of the event it mirrors. */
  readonly mirrorOf?: string;
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

/** The columns a query reads, in the order of FactTuple: rows as arrays cost half of objects. */
export const FACT_COLUMNS =
  'position, event_id, stream_id, revision, type, recorded_at, effective_date, budget_id, programme_id, party_id, data, metadata, hash';

export type FactTuple = [number, string, string, number, string, string, string, string | null, string | null, string | null, string, string, string];

export function factFromTuple(t: FactTuple): Fact {
  return new StoredFact(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], JSON.parse(t[10]) as Record<string, unknown>, t[11], t[12]);
}

/** A fact as read back: its metadata is parsed when first asked for, as most folds never do. */
class StoredFact implements Fact {
  private parsedMetadata: Record<string, unknown> | undefined;
  readonly mirrorOf: string | undefined;

  constructor(
    readonly position: number,
    readonly eventId: string,
    readonly streamId: string,
    readonly revision: number,
    readonly type: string,
    readonly recordedAt: string,
    readonly effectiveDate: string,
    readonly budgetId: string | null,
    readonly programmeId: string | null,
    readonly partyId: string | null,
    readonly data: Readonly<Record<string, unknown>>,
    private readonly rawMetadata: string,
    readonly hash: string,
  ) {
    this.mirrorOf = rawMetadata.includes('"mirrorOf"') ? mirrorOrigin(rawMetadata) : undefined;
  }

  get metadata(): Readonly<Record<string, unknown>> {
    this.parsedMetadata ??= JSON.parse(this.rawMetadata) as Record<string, unknown>;
    return this.parsedMetadata;
  }

  toJSON(): Fact {
    const { rawMetadata: _raw, parsedMetadata: _parsed, ...rest } = this;
    return { ...rest, metadata: this.metadata };
  }
}

export function factFromRow(row: FactRow): Fact {
  let metadata: Record<string, unknown> | undefined;
  const raw = row.metadata;
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
    // Parsed when first asked for: most queries fold thousands of facts and never read it.
    get metadata() {
      metadata ??= JSON.parse(raw) as Record<string, unknown>;
      return metadata;
    },
    mirrorOf: raw.includes('"mirrorOf"') ? mirrorOrigin(raw) : undefined,
    hash: row.hash,
  };
}

function mirrorOrigin(metadata: string): string | undefined {
  const mirrorOf = (JSON.parse(metadata) as { mirrorOf?: { eventId?: unknown } }).mirrorOf;
  return typeof mirrorOf?.eventId === 'string' ? mirrorOf.eventId : undefined;
}
