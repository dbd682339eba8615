// Source documents as the read models know them now: one by its id, those supporting a fact, all
// of them (for verify), and the ledger event a new one would support. A document's metadata is the
// DocumentAttached event's; a reversed attachment is no document any more.
import type { DocumentHeader } from '../folds/headers';
import type { Cut, LedgerReader } from './reader';

export interface DocumentView {
  readonly documentId: string;
  readonly supportsEventId: string;
  readonly supportsStreamId: string;
  /** SHA-256 of the bytes, lower-case hex: the file's name in the document store and its ETag. */
  readonly contentHash: string;
  readonly name: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly effectiveDate: string;
  /** The DocumentAttached event: where it stands in the journal, when and by whom it was recorded. */
  readonly attachedBy: { readonly eventId: string; readonly position: number; readonly recordedAt: string; readonly actor: string | null; readonly hash: string };
}

/** Documents listed for one fact at most: far more than any fact has papers. */
export const DOCUMENTS_OF_FACT_MAX = 1_000;

const DOCUMENT_UNITS = "unit_id >= 'document-' AND unit_id < 'document.' AND kind = 'document'";

export function documentOf(reader: LedgerReader, documentId: string, cut: Cut): DocumentView | undefined {
  const unit = reader.unit(`document-${documentId}`, cut, true);
  return unit.kind === 'document' && unit.state.opened ? view(reader, unit.state) : undefined;
}

/** The documents attached to one event by the cut and not reversed by then, oldest first. */
export function documentsSupporting(reader: LedgerReader, eventId: string, cut: Cut): DocumentView[] {
  return documentsWhere(reader, 'supportsEventId', eventId, cut);
}

/** The documents attached to any event of one stream (an entity's audit trail) as the cut knew them, oldest first. */
export function documentsOfStream(reader: LedgerReader, streamId: string, cut: Cut): DocumentView[] {
  return documentsWhere(reader, 'supportsStreamId', streamId, cut);
}

/**
 * Every attachment recorded by the cut names its document; each document is then taken as the cut
 * knew it, so one reversed after the cut is still listed as of then and one reversed before is not.
 */
function documentsWhere(reader: LedgerReader, field: 'supportsEventId' | 'supportsStreamId', value: string, cut: Cut): DocumentView[] {
  const unitIds = reader.readStore.db
    .prepare(
      `SELECT DISTINCT unit_id FROM facts WHERE unit_id >= 'document-' AND unit_id < 'document.' AND type = 'DocumentAttached'
       AND position <= ? AND json_extract(data, '$.${field}') = ? LIMIT ${DOCUMENTS_OF_FACT_MAX}`,
    )
    .pluck()
    .all(cut.position, value) as string[];
  return unitIds
    .map((unitId) => reader.unit(unitId, cut, true))
    .flatMap((unit) => (unit.kind === 'document' && unit.state.opened ? [unit.state] : []))
    .sort((a, b) => a.position - b.position)
    .map((header) => view(reader, header));
}

/** Every document attached and not reversed: what verify checks the document store against. */
export function attachedDocuments(reader: LedgerReader): { documentId: string; contentHash: string }[] {
  const rows = reader.readStore.db
    .prepare(
      `SELECT json_extract(state, '$.state.documentId'), json_extract(state, '$.state.contentHash') FROM units
       WHERE ${DOCUMENT_UNITS} AND json_extract(state, '$.state.opened') ORDER BY unit_id`,
    )
    .raw()
    .all() as [string, string][];
  return rows.map(([documentId, contentHash]) => ({ documentId, contentHash }));
}

/**
 * A ledger event by its id, as decided (a transfer's outgoing side, not its mirror): the stream a
 * document naming it supports, and its business date. Undefined for an id the ledger does not hold,
 * or (given a cut) did not hold by then.
 */
export function ledgerEventOf(reader: LedgerReader, eventId: string, cut?: Cut): { streamId: string; effectiveDate: string; position: number } | undefined {
  const row = reader.readStore.db
    .prepare('SELECT stream_id, effective_date, position FROM facts WHERE origin_id = ? AND event_id = ? AND ledger = 1 AND position <= ?')
    .raw()
    .get(eventId, eventId, cut?.position ?? Number.MAX_SAFE_INTEGER) as [string, string, number] | undefined;
  return row ? { streamId: row[0], effectiveDate: row[1], position: row[2] } : undefined;
}

function view(reader: LedgerReader, header: DocumentHeader): DocumentView {
  const [fact] = reader.facts([header.position]);
  const { documentId, supportsEventId, supportsStreamId, contentHash, name, contentType, sizeBytes, attachedOn } = header;
  return {
    documentId,
    supportsEventId,
    supportsStreamId,
    contentHash,
    name,
    contentType,
    sizeBytes,
    effectiveDate: attachedOn,
    attachedBy: { eventId: fact.eventId, position: fact.position, recordedAt: fact.recordedAt, actor: fact.actor, hash: fact.hash },
  };
}
