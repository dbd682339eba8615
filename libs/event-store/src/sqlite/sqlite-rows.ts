// Turning a stored row back into an event: the body is the single source of its content.
import type { RecordedEvent } from '../event-store.port';
import { eventFromCanonical } from '../integrity/event-hash';

/**
 * The journal's columns as verify reads them: text and hex, not blobs (a Buffer per blob costs
 * more than all the rest). The body is checked as the text every reader decodes, so the hash
 * protects what is read.
 */
export const JOURNAL_COLUMNS =
  'position, stream_id, revision, CAST(body AS TEXT), lower(hex(hash)), lower(hex(previous_hash))';

/** As the store's queries select it: the body as text, the hashes as lowercase hex. */
export interface EventRow {
  readonly position: number;
  readonly body: string;
  readonly hash: string;
  readonly previous_hash: string;
}

export function rowToEvent(row: EventRow): RecordedEvent {
  return eventFromCanonical(row.position, row.body, row.hash, row.previous_hash);
}
