// Turning a stored row back into an event: the body is the single source of its content.
import type { JournalEntry, RecordedEvent } from '../event-store.port';
import { eventFromCanonical, type HashScheme } from '../integrity/event-hash';

/**
 * The journal's columns as verify reads them: text and hex, not blobs (a Buffer per blob costs
 * more than all the rest). The body is checked as the text every reader decodes, so the hash
 * protects what is read.
 */
export const JOURNAL_COLUMNS =
  'position, stream_id, revision, CAST(body AS TEXT), lower(hex(hash)), lower(hex(previous_hash)), event_id, recorded_at, hash_scheme';

/** The same columns as the port's JournalEntry. */
export function rowToJournalEntry(row: unknown[]): JournalEntry {
  return {
    position: row[0] as number,
    streamId: row[1] as string,
    revision: row[2] as number,
    canonical: row[3] as string,
    hash: row[4] as string,
    previousHash: row[5] as string,
    eventId: row[6] as string,
    recordedAt: row[7] as string,
    hashScheme: row[8] as HashScheme,
  };
}

/** As the store's queries select it: the body as text, the hashes as lowercase hex. */
export interface EventRow {
  readonly position: number;
  readonly body: string;
  readonly hash: string;
  readonly previous_hash: string;
  readonly hash_scheme: HashScheme;
}

export function rowToEvent(row: EventRow): RecordedEvent {
  return eventFromCanonical(row.position, row.body, row.hash, row.previous_hash, row.hash_scheme);
}
