// The on-disk layout of the embedded store: one file, WAL, fsync on every commit.
import type Database from 'better-sqlite3';

export const SCHEMA_VERSION = 1;

/**
 * `body` holds the canonical JSON of the whole envelope (id, stream, revision, type, data,
 * metadata, recordedAt): exactly the bytes the hash covers, and the only place readers take
 * an event's content from. The other columns are indexes into it.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS events (
  position      INTEGER PRIMARY KEY,
  event_id      TEXT    NOT NULL UNIQUE,
  stream_id     TEXT    NOT NULL,
  revision      INTEGER NOT NULL,
  body          BLOB    NOT NULL,
  hash          BLOB    NOT NULL,
  previous_hash BLOB    NOT NULL,
  recorded_at   TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE TABLE IF NOT EXISTS kept_digests (
  tree_size INTEGER PRIMARY KEY,
  root_hash TEXT    NOT NULL,
  kept_at   TEXT    NOT NULL
);
CREATE TABLE IF NOT EXISTS store_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
`;

/**
 * Durability is set explicitly rather than trusted to defaults: WAL with synchronous=FULL
 * fsyncs the log on every commit, so a commit that returned survives a crash or power loss.
 */
export function openSchema(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  const mode = db.pragma('journal_mode', { simple: true });
  if (mode !== 'wal') throw new Error(`event store needs WAL journal mode, got ${String(mode)}`);
  db.exec(DDL);
  const version = db.prepare("SELECT value FROM store_meta WHERE key = 'schema_version'").pluck().get() as
    | string
    | undefined;
  if (version === undefined) {
    db.prepare("INSERT INTO store_meta (key, value) VALUES ('schema_version', ?)").run(String(SCHEMA_VERSION));
  } else if (Number(version) !== SCHEMA_VERSION) {
    throw new Error(`event store file has schema version ${version}, this build reads ${SCHEMA_VERSION}`);
  }
}
