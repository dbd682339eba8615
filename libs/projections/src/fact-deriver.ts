// What the read models keep of each event, worked out in log order: its fact row and the charge
// of a new entity. Pure of the read store, so the same code runs in the projector's thread and,
// for a rebuild from nothing, in a worker thread beside it.
import type { RecordedEvent } from '@geldstroom/event-store';
import { categoryOf, chargeOf, LEDGER_CATEGORIES, type Charge } from './facts';

/** The values of one facts row, in the column order of INSERT_FACT. */
export type FactValues = [
  position: number,
  eventId: string,
  streamId: string,
  revision: number,
  type: string,
  recordedAt: string,
  effectiveDate: string,
  hash: string,
  treeSize: number,
  budgetId: string | null,
  programmeId: string | null,
  partyId: string | null,
  data: string,
  metadata: string,
  ledger: 0 | 1,
];

export const FACT_HASH = 7;
export const FACT_TREE_SIZE = 8;

export const INSERT_FACT = `INSERT INTO facts (position, event_id, stream_id, revision, type, recorded_at, effective_date, hash, tree_size, budget_id, programme_id, party_id, data, metadata, ledger)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export type EntityValues = [streamId: string, budgetId: string | null, programmeId: string | null, partyId: string | null];

export const INSERT_ENTITY = 'INSERT OR IGNORE INTO entities (stream_id, budget_id, programme_id, party_id) VALUES (?, ?, ?, ?)';

/** Rows for one transaction of the read store: plain data, so a worker thread can post it. */
export interface FactBatch {
  readonly facts: FactValues[];
  readonly entities: EntityValues[];
}

export class FactDeriver {
  /** The charge of every entity seen, so an event that does not repeat it needs no lookup. */
  private readonly entities = new Map<string, Charge>();

  /**
   * @param treeSize  events before the first one to come: a fact names the tree size it ends.
   * @param lookupEntity  the charge of an entity whose first event came before this deriver
   *   started (kept in the read store); not needed when starting from the start of the log.
   */
  constructor(
    private treeSize = 0,
    private readonly lookupEntity: (streamId: string) => Charge | undefined = () => undefined,
  ) {}

  /** Adds the event's rows to the batch; events must come in log order, each once. */
  add(event: RecordedEvent, batch: FactBatch): void {
    const treeSize = ++this.treeSize;
    const data = event.data as Record<string, unknown>;
    const effectiveDate = typeof data.effectiveDate === 'string' ? data.effectiveDate : event.recordedAt.slice(0, 10);
    const { position, id, streamId, revision, type, recordedAt, hash } = event;
    if (!LEDGER_CATEGORIES.has(categoryOf(streamId))) {
      // Not a ledger fact: only its place in the journal, never its data (token hashes).
      batch.facts.push([position, id, streamId, revision, type, recordedAt, effectiveDate, hash, treeSize, null, null, null, '{}', '{}', 0]);
    } else {
      const charge = this.withEntityCharge(event, chargeOf(event), batch);
      const { budgetId, programmeId, partyId } = charge;
      const [dataJson, metadataJson] = [JSON.stringify(event.data), JSON.stringify(event.metadata)];
      batch.facts.push([position, id, streamId, revision, type, recordedAt, effectiveDate, hash, treeSize, budgetId, programmeId, partyId, dataJson, metadataJson, 1]);
    }
  }

  /** Events that do not repeat their charge (a withdrawal, a reversal) take their entity's. */
  private withEntityCharge(event: RecordedEvent, own: Charge, batch: FactBatch): Charge {
    if (event.revision === 0) {
      const programmeId = categoryOf(event.streamId) === 'programme' ? event.streamId.slice('programme-'.length) : own.programmeId;
      const entity = { ...own, programmeId };
      batch.entities.push([event.streamId, entity.budgetId, entity.programmeId, entity.partyId]);
      this.entities.set(event.streamId, entity);
      return entity;
    }
    let entity = this.entities.get(event.streamId);
    if (!entity) {
      entity = this.lookupEntity(event.streamId);
      if (entity) this.entities.set(event.streamId, entity);
    }
    if (!entity) return own;
    return {
      budgetId: own.budgetId ?? entity.budgetId,
      programmeId: own.programmeId ?? entity.programmeId,
      partyId: own.partyId ?? entity.partyId,
    };
  }
}
