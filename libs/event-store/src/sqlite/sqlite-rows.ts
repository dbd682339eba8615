// Turning a stored row back into an event: the body is the single source of its content.
import type { JournalEntry, MisstoredColumn, RecordedEvent } from '../event-store.port';
import { eventFromCanonical, type HashScheme } from '../integrity/event-hash';

/**
 * The journal's columns as verify reads them: text and hex, not blobs (a Buffer per blob costs
 * more than all the rest). The body is checked as the text every reader decodes, so the hash
 * protects what is read. CAST and hex hide how the blob columns are stored, so the last column
 * says it: NULL while each holds a blob, as the store writes, else the first that does not.
 */
export const JOURNAL_COLUMNS =
  'position, stream_id, revision, CAST(body AS TEXT), lower(hex(hash)), lower(hex(previous_hash)), event_id, recorded_at, hash_scheme, ' +
  "CASE WHEN typeof(body) <> 'blob' THEN 'body ' || typeof(body) WHEN typeof(hash) <> 'blob' THEN 'hash ' || typeof(hash) " +
  "WHEN typeof(previous_hash) <> 'blob' THEN 'previous_hash ' || typeof(previous_hash) END";

/**
 * The same columns as the port's JournalEntry. A value of another type than the store writes
 * (an event id cast to a blob with its bytes unchanged, say) was put there outside the store: the
 * entry says so (`misstored`) and verify names the row, rather than hashing a Buffer and throwing.
 * One typeof per column: verify decodes a million rows.
 */
export function rowToJournalEntry(row: unknown[]): JournalEntry {
  const entry = {
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
  const asWritten =
    typeof row[1] === 'string' &&
    Number.isInteger(row[2]) &&
    typeof row[6] === 'string' &&
    typeof row[7] === 'string' &&
    Number.isInteger(row[8]) &&
    row[9] === null;
  return asWritten ? entry : { ...entry, misstored: misstoredColumn(row) };
}

/** The columns read as stored, by their index in JOURNAL_COLUMNS, and the type the store writes in each. */
const COLUMNS_READ_AS_STORED: readonly (readonly [number, string, 'text' | 'integer'])[] = [
  [1, 'stream_id', 'text'],
  [2, 'revision', 'integer'],
  [6, 'event_id', 'text'],
  [7, 'recorded_at', 'text'],
  [8, 'hash_scheme', 'integer'],
];

function misstoredColumn(row: unknown[]): MisstoredColumn {
  for (const [index, column, written] of COLUMNS_READ_AS_STORED) {
    const storedAs = storageTypeOf(row[index]);
    if (storedAs !== written) return { column, storedAs, written };
  }
  const [column, storedAs] = String(row[9]).split(' ');
  return { column, storedAs, written: 'blob' };
}

/** SQLite's name for the storage type better-sqlite3 gave this value from. */
function storageTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'real';
  if (typeof value === 'bigint') return 'integer';
  return 'blob';
}

/** As the store's queries select it: the body as text, the hashes as lowercase hex. */
export interface EventRow {
  readonly position: number;
  readonly body: string;
  readonly hash: string;
  readonly previous_hash: string;
  readonly hash_scheme: HashScheme;
}

/** Checked as eventFromCanonical checks what it is given: a value of another type is an error naming the position. */
export function rowToEvent(row: EventRow): RecordedEvent {
  return eventFromCanonical(row.position, row.body, row.hash, row.previous_hash, row.hash_scheme);
}
